"""
`python manage.py generate_scale_data --owner bench --clients 10000 --revisions 100000`:
add invented clients, assessments and plan revisions to one clinician's records, for the
benchmark (`make bench`, docs/benchmarks.md). See planner/demo/scale.py for what is written.

For benchmark databases only: the rows are real to the app (they show in the clinician's list)
and, like every revision, cannot be deleted one by one.
"""

import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from planner.demo.scale import generate_scale_data


def _non_negative(text: str) -> int:
    value = int(text)
    if value < 0:
        raise ValueError(text)
    return value


class Command(BaseCommand):
    help = (
        "Add CLIENTS invented clients with REVISIONS plan revisions in all to OWNER's records "
        "(bulk inserts; for benchmark databases only)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--owner", required=True, help="Username of an existing clinician.")
        parser.add_argument("--clients", type=_non_negative, default=10_000)
        parser.add_argument("--revisions", type=_non_negative, default=100_000)
        parser.add_argument(
            "--heavy",
            type=_non_negative,
            default=1000,
            help="Revisions of the first client, a long record (default: %(default)s).",
        )

    def handle(self, *args, owner, clients, revisions, heavy, **options):
        user = get_user_model()._default_manager.filter(username=owner).first()
        if user is None:
            raise CommandError(f"No user named {owner!r}: create the clinician first.")
        started = time.perf_counter()
        result = generate_scale_data(
            owner=user, clients=clients, revisions=revisions, heavy=heavy
        )
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Generated {result.clients} clients and {result.revisions} revisions for {owner} "
            f"in {seconds:.1f} s (heavy client {result.heavy_client_id}: "
            f"{result.heavy_revisions} revisions)."
        )
