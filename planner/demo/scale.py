"""
A large, valid data set for the benchmark (issue 11, quality.md P5): `manage.py
generate_scale_data`.

Rows are written with bulk_create, not through the services, so 10,000 clients and 100,000
revisions take about a minute instead of an hour. What the services would guarantee still
holds: each client has its plan and one assessment; revision numbers run 1..n per plan with
Plan.current_revision_number = n; every snapshot is the engine's own output for the stored
intake (computed once per answer set and shared, since all clients with the same answers get
the same plan); each client and revision has its "create" audit row. No PDFs are stored: a
generated revision is never released.

One client (the first of a run) is "heavy": it gets `heavy` revisions, so the history and
detail pages can be measured on a long record; the rest are spread evenly over the others.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import connection, models, transaction
from django.db.models.functions import Cast
from django.utils import timezone

from planner import adapters, engine
from planner.demo.clients import DEMO_CLIENTS
from planner.demo.clients import _answers as demo_answers  # a demo case's answers, as seed_demo
from planner.engine import ENGINE_VERSION
from planner.models import SNAPSHOT_SCHEMA_VERSION, Client, Intake, Plan, PlanRevision
from planner.services.clinics import clinic_for

# Clients per transaction and per bulk_create round: bounds memory, keeps each commit short.
CHUNK_CLIENTS = 500
REVISION_REASON = "Generated for the scale benchmark."


@dataclass(frozen=True)
class AnswerSet:
    """One set of assessment answers with the intake dict and the plan the engine made of it."""

    label: str
    answers: dict[str, Any]
    intake_data: dict[str, Any]
    plan: engine.Plan

    # The same dicts as JSON text, encoded once: encoding a 20 KB snapshot for every row would
    # be most of the run time.
    intake_json: str
    snapshot_json: str

    def json_value(self, name: str) -> Cast:
        """An SQL value of the JSON text of `name` ("intake" or "snapshot")."""
        return Cast(models.Value(getattr(self, f"{name}_json")), models.JSONField())


@dataclass(frozen=True)
class ScaleDataResult:
    clients: int
    revisions: int
    heavy_client_id: int | None
    heavy_revisions: int


def answer_sets(*, owner: AbstractBaseUser, today: dt.date) -> list[AnswerSet]:
    """The demo clients' answers (rules.md section 4 cases), each run once through the engine."""
    sets = []
    for demo in DEMO_CLIENTS:
        answers = demo_answers(dict(demo["answers"]), today)
        probe = Intake(
            client=Client(owner=owner, crisis_region="US"),
            author=owner,
            crisis_region="US",
            show_conditions_on_handout=False,
            **answers,
        )
        probe.full_clean(exclude=["client"])
        intake_data = adapters.intake_to_engine_dict(probe)
        plan = adapters.build_plan(intake_data, today=today)
        sets.append(
            AnswerSet(
                label=demo["display_name"],
                answers=answers,
                intake_data=intake_data,
                plan=plan,
                intake_json=json.dumps(intake_data),
                snapshot_json=json.dumps(plan.to_dict()),
            )
        )
    return sets


def revision_counts(clients: int, revisions: int, heavy: int) -> list[int]:
    """How many revisions each client gets: the first `heavy` (or what is left), the others an
    even share of the rest (the remainder one more each, first clients first)."""
    if clients <= 0:
        return []
    first = min(heavy, revisions) if clients > 1 else revisions
    rest, others = revisions - first, clients - 1
    if others == 0:
        return [first]
    share, extra = divmod(rest, others)
    return [first] + [share + (1 if i < extra else 0) for i in range(others)]


def _chunks(total: int, size: int) -> Iterator[range]:
    for start in range(0, total, size):
        yield range(start, min(start + size, total))


def generate_scale_data(
    *,
    owner: AbstractBaseUser,
    clients: int,
    revisions: int,
    heavy: int = 1000,
    today: dt.date | None = None,
    name_prefix: str = "Scale",
) -> ScaleDataResult:
    """Add `clients` clients with `revisions` revisions in all to `owner`'s records."""
    today = today or timezone.localdate()
    sets = answer_sets(owner=owner, today=today)
    counts = revision_counts(clients, revisions, heavy)
    now = timezone.now()
    heavy_client_id = None
    for indexes in _chunks(clients, CHUNK_CLIENTS):
        with transaction.atomic():
            made = _write_chunk(owner, sets, counts, indexes, now=now, today=today,
                                name_prefix=name_prefix)
        if heavy_client_id is None and made:
            heavy_client_id = made[0].pk
    _refresh_statistics()
    return ScaleDataResult(
        clients=clients,
        revisions=sum(counts),
        heavy_client_id=heavy_client_id,
        heavy_revisions=counts[0] if counts else 0,
    )


def _refresh_statistics() -> None:
    """ANALYZE the tables just filled, as PostgreSQL's manual advises after a bulk load.

    Without statistics the planner guesses a handful of revisions per plan and reads a whole
    plan's revisions to sort them, where the (plan, number) index would serve a page. Autovacuum
    would gather them later, when it is on (it is off on some servers). SQLite keeps no
    statistics unless asked, and its planner prefers the indexes without them.
    """
    if connection.vendor != "postgresql":
        return
    tables = [model._meta.db_table for model in (Client, Intake, Plan, PlanRevision)]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))


def _write_chunk(owner, sets, counts, indexes, *, now, today, name_prefix) -> list[Client]:
    # The heavy client uses the first answer set (a full plan, so its pages show everything).
    # Activity times fall back a minute per client so the list has a stable, realistic order.
    clinic = clinic_for(owner)
    new_clients = Client.objects.bulk_create(
        Client(
            owner=owner,
            clinic=clinic,
            display_name=f"{name_prefix} {i + 1:06d} ({sets[i % len(sets)].label})",
            crisis_region="US",
            last_activity=now - dt.timedelta(minutes=i),
        )
        for i in indexes
    )
    answer_of = {c.pk: sets[i % len(sets)] for i, c in zip(indexes, new_clients, strict=True)}
    count_of = {c.pk: counts[i] for i, c in zip(indexes, new_clients, strict=True)}
    intakes = Intake.objects.bulk_create(
        Intake(
            client=c,
            author=owner,
            crisis_region=c.crisis_region,
            show_conditions_on_handout=False,
            **answer_of[c.pk].answers,
        )
        for c in new_clients
    )
    Plan.objects.bulk_create(_plan(c, answer_of[c.pk], count_of[c.pk], today) for c in new_clients)
    plans = dict(Plan.objects.filter(client__in=new_clients).values_list("client_id", "pk"))
    PlanRevision.objects.bulk_create(
        (
            PlanRevision(
                plan_id=plans[intake.client_id],
                number=number,
                based_on_number=number - 1 or None,
                intake=intake,
                intake_data=answer_of[intake.client_id].json_value("intake"),
                snapshot=answer_of[intake.client_id].json_value("snapshot"),
                engine_version=answer_of[intake.client_id].plan.engine_version or ENGINE_VERSION,
                schema_version=SNAPSHOT_SCHEMA_VERSION,
                hard_stop=str(answer_of[intake.client_id].plan.hard_stop or ""),
                mode=str(answer_of[intake.client_id].plan.mode or ""),
                start_date=answer_of[intake.client_id].plan.start_date,
                reason="" if number == 1 else REVISION_REASON,
                author=owner,
            )
            for intake in intakes
            for number in range(1, count_of[intake.client_id] + 1)
        ),
        batch_size=1000,
    )
    return new_clients


def _plan(client: Client, answer_set: AnswerSet, count: int, today: dt.date) -> Plan:
    if count == 0 or answer_set.plan.hard_stop:
        return Plan(client=client, current_revision_number=count)
    return Plan(
        client=client,
        current_revision_number=count,
        start_date=adapters.plan_start_date(answer_set.plan, answer_set.intake_data) or today,
        next_review_date=adapters.next_review_date(answer_set.plan, on_or_after=today),
    )


