"""
Recording physical-health measures (issue 26): one call saves the measures taken on one day,
optionally at one occasion (an assessment, a check-in or a review of the same client), each
validated (Measure.clean: range, blood pressure's two numbers, date, occasion) and audited.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from planner.measure_kinds import MeasureKind
from planner.models import AuditEvent, CheckIn, Client, Intake, Measure, Review
from planner.permissions import can_see_client
from planner.services.audit import audit_record

NOTHING_TO_RECORD = _("Enter at least one measure.")


@transaction.atomic
def measures_record(
    *,
    client: Client,
    author: AbstractBaseUser,
    measured_on: dt.date,
    values: dict[MeasureKind, Decimal | tuple[Decimal, int]],
    intake: Intake | None = None,
    checkin: CheckIn | None = None,
    review: Review | None = None,
    request: HttpRequest | None = None,
) -> list[Measure]:
    """
    Save one Measure per entry of `values` (metric units; blood pressure as (systolic,
    diastolic)) and return them. Raises ValidationError (nothing saved) if any is invalid.
    """
    if not can_see_client(author, client):
        raise Client.DoesNotExist("not a client this clinician may see")
    if not values:
        raise ValidationError(NOTHING_TO_RECORD, code="nothing")
    saved = []
    for kind, entry in values.items():
        value, diastolic = entry if isinstance(entry, tuple) else (entry, None)
        measure = Measure(
            client=client, kind=MeasureKind(kind).value, value=value, diastolic=diastolic,
            measured_on=measured_on, intake=intake, checkin=checkin, review=review,
            author=author,
        )
        measure.full_clean()
        measure.save()
        audit_record(actor=author, action=AuditEvent.Action.CREATE, object_type="measure",
                     object_id=measure.pk, request=request)
        saved.append(measure)
    Client.objects.filter(pk=client.pk).update(last_activity=timezone.now())
    return saved
