from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.http import HttpRequest

from planner.models import AuditEvent, ClinicianProfile
from planner.services.audit import audit_record

PROFILE_FIELDS = ("display_name", "profession", "organisation", "handout_contact", "paper_size",
                  "measurement_units")


def clinician_profile_get_or_create(*, user: AbstractBaseUser) -> ClinicianProfile:
    """Return the user's profile, creating an empty one the first time it is needed."""
    profile, _created = ClinicianProfile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def clinician_profile_update(
    *, profile: ClinicianProfile, request: HttpRequest | None = None, **fields: str
) -> ClinicianProfile:
    """Change the given profile fields, validate, save, and audit the change."""
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown profile fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    audit_record(actor=profile.user, action=AuditEvent.Action.CHANGE,
                 object_type="clinician_profile", object_id=profile.pk, request=request)
    return profile
