"""
Writes for clients and their assessments: client_create, client_update, intake_create.

Every function is keyword-only, validates with full_clean() and audits inside one transaction.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from planner.engine import crisis
from planner.models import AuditEvent, Client, Intake, Plan
from planner.services.audit import audit_record
from planner.services.clinics import clinic_for

CLIENT_FIELDS = (
    "display_name",
    "birth_year",
    "date_of_birth",
    "crisis_region",
    "show_conditions_on_handout",
    "notes",
    "archived",
)
# Set by intake_create from the client and the request, never from the form.
INTAKE_SYSTEM_FIELDS = (
    "client",
    "author",
    "created",
    "crisis_region",
    "show_conditions_on_handout",
)

UNKNOWN_CRISIS_REGION = _(
    "No crisis resources are configured for this region; choose a configured region."
)
ASSESSMENT_IN_FUTURE = _("The assessment date cannot be in the future.")
ARCHIVED_CLIENT = _("This client is archived. Restore the client before adding an assessment.")


def _check_crisis_region(client: Client) -> None:
    # N03: a handout without the client's crisis numbers must never be produced, so a client
    # cannot be given a region the deployment has no crisis resources for.
    if not crisis.has_region(client.crisis_region):
        raise ValidationError({"crisis_region": UNKNOWN_CRISIS_REGION}, code="crisis_region")
    client.crisis_region = crisis.normalise_region(client.crisis_region)


def client_touch(*, client: Client) -> None:
    """Move the client to the top of the list (recent activity)."""
    now = timezone.now()
    Client.objects.filter(pk=client.pk).update(last_activity=now)
    client.last_activity = now


@transaction.atomic
def client_create(
    *,
    owner: AbstractBaseUser,
    display_name: str,
    birth_year: int | None = None,
    date_of_birth=None,
    crisis_region: str | None = None,
    show_conditions_on_handout: bool = False,
    notes: str = "",
    archived: bool = False,
    request: HttpRequest | None = None,
) -> Client:
    """Create a client owned by `owner` in `owner`'s clinic, with an empty plan, and audit it."""
    client = Client(
        owner=owner,
        clinic=clinic_for(owner),
        display_name=display_name,
        birth_year=birth_year,
        date_of_birth=date_of_birth,
        show_conditions_on_handout=show_conditions_on_handout,
        notes=notes,
        archived=archived,
    )
    if crisis_region:
        client.crisis_region = crisis_region
    _check_crisis_region(client)
    client.full_clean()
    client.save()
    # The plan exists from the start so the first revision can lock its row like every other.
    Plan.objects.create(client=client)
    audit_record(actor=owner, action=AuditEvent.Action.CREATE, object_type="client",
                 object_id=client.pk, request=request)
    return client


@transaction.atomic
def client_update(
    *,
    client: Client,
    actor: AbstractBaseUser,
    request: HttpRequest | None = None,
    **fields: Any,
) -> Client:
    """Change the given client fields, validate, save and audit (names only, no values)."""
    unknown = set(fields) - set(CLIENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown client fields: {', '.join(sorted(unknown))}")
    # Compare with the stored row: a ModelForm has already copied its values onto `client`.
    stored = Client.objects.filter(pk=client.pk).values(*fields).get()
    changed = sorted(name for name, value in fields.items() if stored[name] != value)
    for name, value in fields.items():
        setattr(client, name, value)
    _check_crisis_region(client)
    client.last_activity = timezone.now()
    client.full_clean()
    client.save()
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CHANGE,
        object_type="client",
        object_id=client.pk,
        request=request,
        # Field names only: the values may be health data (S10).
        detail=("fields=" + ",".join(changed))[:200],
    )
    return client


def intake_field_names() -> tuple[str, ...]:
    """Return the Intake fields a clinician answers (everything but the system fields)."""
    return tuple(
        f.name
        for f in Intake._meta.concrete_fields
        if not f.primary_key and f.name not in INTAKE_SYSTEM_FIELDS
    )


@transaction.atomic
def intake_create(
    *,
    client: Client,
    author: AbstractBaseUser,
    request: HttpRequest | None = None,
    **answers: Any,
) -> Intake:
    """
    Save one assessment of `client` and audit it.

    answers are Intake field values (the assessment form's cleaned data). The crisis region and
    the handout consent are copied from the client, so the row records what the engine will read.
    """
    allowed = set(intake_field_names())
    unknown = set(answers) - allowed
    if unknown:
        raise TypeError(f"Unknown intake fields: {', '.join(sorted(unknown))}")
    if client.archived:
        raise ValidationError(ARCHIVED_CLIENT, code="archived")
    intake = Intake(
        client=client,
        author=author,
        crisis_region=client.crisis_region,
        show_conditions_on_handout=client.show_conditions_on_handout,
        **answers,
    )
    intake.full_clean()
    if intake.assessed_date > timezone.localdate():
        raise ValidationError({"assessed_date": ASSESSMENT_IN_FUTURE}, code="future")
    intake.save()
    client_touch(client=client)
    audit_record(actor=author, action=AuditEvent.Action.CREATE, object_type="intake",
                 object_id=intake.pk, request=request, detail=f"client={client.pk}")
    return intake
