import hashlib
import hmac

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from planner.demo.checkins import seed_demo_checkins
from planner.demo.clients import seed_demo_clients
from planner.demo.measures import seed_demo_measures
from planner.demo.releases import seed_demo_releases
from planner.demo.teams import seed_demo_clinic, seed_demo_teams
from planner.models import ClinicianProfile

DEMO_USERNAME = "demo"
DEMO_PROFILE = {
    "display_name": "Demo Clinician",
    "profession": "Physiotherapist",
    "organisation": "Demo Clinic",
    "handout_contact": "demo@example.org",
    "paper_size": ClinicianProfile.PaperSize.A4,
}


def demo_password() -> str:
    """
    Return the demo clinician's password, derived from SECRET_KEY.

    Stable for one installation (so re-running the command changes nothing and can always print
    it) yet not guessable by anyone who does not hold the secret key.
    """
    digest = hmac.new(settings.SECRET_KEY.encode(), b"planner-demo-clinician", hashlib.sha256)
    return "demo-" + digest.hexdigest()[:16]


class Command(BaseCommand):
    help = (
        "Create the demo clinician 'demo' with demo clients and plans, the demo clinic's lead, "
        "colleague and trainee, and a second clinic (idempotent); print every password."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        User = get_user_model()  # noqa: N806
        password = demo_password()
        user, created = User._default_manager.get_or_create(
            username=DEMO_USERNAME,
            defaults={"first_name": "Demo", "last_name": "Clinician", "is_active": True},
        )
        if created or not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        ClinicianProfile.objects.get_or_create(user=user, defaults=DEMO_PROFILE)
        # Issue 24: the demo clinic (lead, colleague, trainee) before the clients join it.
        passwords = seed_demo_clinic(user)
        # Demo clients with saved plans, made by the engine through the real services.
        clients_created = seed_demo_clients(user)
        # An adjusted plan (revision 2) with its risk gate attested, released (issue 6).
        clients_created += seed_demo_releases(user)
        # Check-ins, reviews and a review-driven revision (issue 8).
        clients_created += seed_demo_checkins(user)
        # Physical-health measures for two of them (issue 26).
        seed_demo_measures(user, today=timezone.localdate())
        # A shared client, a trainee's draft awaiting co-sign, and a second clinic (issue 24).
        passwords.update(seed_demo_teams(user))
        if clients_created:
            self.stdout.write(f"Demo clients created: {clients_created}")
        state = "created" if created else "ready"
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo clinician {state}: username '{DEMO_USERNAME}', password '{password}'"
            )
        )
        for username, member_password in passwords.items():
            self.stdout.write(f"Demo user: username '{username}', password '{member_password}'")
