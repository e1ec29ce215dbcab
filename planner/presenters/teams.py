"""What the clinic pages show of people (issue 24): a colleague's name, a role's label."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.utils.translation import gettext as _

from planner import permissions
from planner.models import ClinicianProfile, CoSign, Membership


def person_name(user: AbstractBaseUser | None) -> str:
    """How a colleague is named on a page: their display name, full name, else username."""
    if user is None:
        return ""
    try:
        profile = user.clinician_profile
    except ClinicianProfile.DoesNotExist:
        profile = None
    if profile is not None and profile.display_name:
        return profile.display_name
    return user.get_full_name() or user.get_username()


def colleague_choices(memberships, *, exclude=()) -> list[tuple[str, str]]:
    """(user id, "Name (role)") for a form's colleague list, leaving out `exclude` (user ids)."""
    return [
        (str(m.user_id), f"{person_name(m.user)} ({m.get_role_display()})")
        for m in memberships if m.user_id not in exclude
    ]


def cosign_state(user: AbstractBaseUser, revision, record: CoSign | None,
                 trainee: Membership | None) -> dict:
    """What the release page says about a co-sign (selectors.revision_cosign_facts reads
    `record` and the author's `trainee` membership): whether one holds the release back
    (`blocks`, with `message`), whether `user` may give it (`can`), and the one given."""
    if not permissions.can_release(user):
        supervisor = permissions.membership_of(user).supervisor
        message = (_("You are a trainee: %(name)s, your supervisor, co-signs and releases this "
                     "plan.") % {"name": person_name(supervisor)} if supervisor else
                   _("You are a trainee: your supervisor co-signs and releases this plan."))
        return {"blocks": True, "can": False, "message": message, "record": record}
    if trainee is None or record is not None:
        return {"blocks": False, "can": False, "message": "", "record": record}
    can = permissions.can_cosign(user, revision)
    message = (_("A trainee wrote this revision. Read it through: co-signing records that you "
                 "checked it, and releases it.") if can else
               _("A trainee wrote this revision: %(name)s, their supervisor, or a clinic lead "
                 "co-signs and releases it.") % {"name": person_name(trainee.supervisor)})
    return {"blocks": True, "can": can, "message": message, "record": None}
