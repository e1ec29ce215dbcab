"""
Writes of the client's own log (issue 23): the private link, the days the client logs, the
clinician's corrections, and the rate-limit counters.

The link's token: 128 random bits would be printed and then forgotten by the server, but the
log sheet is re-rendered on demand and `manage.py client_log_link` prints the link again. So
the token is HMAC-SHA256(secret key, random 128-bit nonce) cut to 128 bits: the database keeps
only the nonce and the token's SHA-256 (lookups hash what the client's phone sends); rebuilding
the token needs the server's secret key as well. A rotated key (SECRET_KEY_FALLBACKS) still
rebuilds old links; a link no key rebuilds still works from paper, but cannot be printed again.

How the client's days feed the outcome loop: each week the client logs in gets a CheckIn with
source CLIENT whose minutes and sessions add up that week's counted days (latest entry per day,
the clinician's latest amendment applied, discounted days left out). Reviews, adherence (R-REV-2)
and the charts read that row exactly as a clinician's. A week the clinician recorded themselves
keeps the clinician's numbers: the client's days are shown beside it, not added. With the
eating-disorder flag (rules 8.17, N05, N15) the client logs days and feelings, never minutes, so
no minute total is made from them: the clinician records those weeks as before.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from planner.engine import outcomes
from planner.models import (
    AuditEvent,
    CheckIn,
    CheckInSource,
    Client,
    ClientLogAmendment,
    ClientLogEntry,
    ClientLogLink,
    ClientLogRate,
    PlanRevision,
    Release,
)
from planner.services.audit import audit_record
from planner.services.checkins import checkin_save_client_week, revision_for_week
from planner.services.clients import client_touch

TOKEN_BYTES = 16  # 128 bits, 22 characters of base64url
LINK_GRACE = dt.timedelta(weeks=4)  # valid until the plan's last week plus 4 weeks
DIARY_WEEKS = 4  # a plan with no weekly table: the log sheet's 4-week diary
DAYS_BACK = 6  # the client can log today and the 6 days before it
URL_PATH = "/log/"

# Rate limits (requests, seconds), counted in the database: every server sees the same counts.
# settings.PLANNER_CLIENT_LOG_IP_LIMIT and PLANNER_CLIENT_LOG_WRITE_LIMIT override them (the
# benchmark raises both: it measures the page, and the counting still runs on every request).
IP_LIMIT = (60, 600)  # any /log/ request from one IP address, good token or not
LINK_WRITE_LIMIT = (20, 3600)  # entries saved with one link
RATE_ROWS_KEPT = dt.timedelta(days=1)

NOT_RELEASED = _("This client has no released plan, so there is no log link to make.")
NO_PUBLIC_URL = _(
    "The planner's public address is not set (PLANNER_PUBLIC_URL), so a link cannot be printed."
)
NO_LIVE_LINK = _("This client has no live log link.")
DAY_NOT_OFFERED = _("Pick today or one of the 6 days before it, from the start of your plan.")
ALREADY_LOGGED = _(
    "You have already logged this day. Only today's entry can be changed: if something is "
    "wrong, tell your clinician at your next visit."
)
MINUTES_NEEDED = _("Write how many minutes you were active, or choose “A rest day”.")
REASON_NEEDED = _("Say why: the client's own entry is kept, and the reason is shown beside it.")
MINUTES_FOR_CORRECTION = _("Enter the corrected minutes.")
ED_NO_MINUTES = _("This plan logs days and feelings, not minutes: there are no minutes to "
                  "correct. Discount the day instead if it should not count.")


# --- the token ---------------------------------------------------------------------------------


def enabled() -> bool:
    """Links are made only when the planner knows the address clients open (PLANNER_PUBLIC_URL)."""
    return bool(getattr(settings, "PLANNER_PUBLIC_URL", ""))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def _derive(nonce: str, key: str) -> str:
    digest = hmac.new(f"planner.client-log-link:{key}".encode(), bytes.fromhex(nonce),
                      hashlib.sha256).digest()[:TOKEN_BYTES]
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def link_token(link: ClientLogLink) -> str | None:
    """Rebuild the link's token from its nonce and the secret key (or an older key), or None."""
    for key in (settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", ())):
        token = _derive(link.nonce, key)
        if hmac.compare_digest(token_hash(token), link.token_hash):
            return token
    return None


def link_url(token: str) -> str:
    return settings.PLANNER_PUBLIC_URL.rstrip("/") + URL_PATH + token


def link_valid_until(revision: PlanRevision, released_on: dt.date) -> dt.date:
    """The last day of the plan's last week (or of the 4-week diary) plus 4 weeks."""
    plan = revision.saved_plan
    start = plan.start_date or revision.start_date or released_on
    weeks = max((step.week for step in plan.steps), default=DIARY_WEEKS)
    last_day = start + dt.timedelta(weeks=weeks) - dt.timedelta(days=1)
    return max(last_day, released_on) + LINK_GRACE


def revision_log_url(revision: PlanRevision) -> str:
    """The live link of a released revision, for printing; "" when it has none."""
    if not enabled():
        return ""
    link = ClientLogLink.objects.filter(revision=revision, revoked_at__isnull=True).first()
    token = link_token(link) if link is not None else None
    return link_url(token) if token else ""


def _end_live(client: Client, *, user, reason: str) -> None:
    for link in ClientLogLink.objects.select_for_update().filter(client=client,
                                                                 revoked_at__isnull=True):
        link.revoked_at = timezone.now()
        link.revoked_by = user
        link.revoked_reason = reason
        link.save(update_fields=["revoked_at", "revoked_by", "revoked_reason"])


@transaction.atomic
def link_issue(*, user: AbstractBaseUser, revision: PlanRevision,
               reason: str = ClientLogLink.Ended.REPLACED, request: HttpRequest | None = None
               ) -> tuple[ClientLogLink, str]:
    """End the client's live link (if any) and make a new one for `revision`; return it with
    its token. The release calls this before it renders the handout, which prints the link."""
    if not enabled():
        raise ValidationError(NO_PUBLIC_URL, code="no_public_url")
    client = revision.plan.client
    _end_live(client, user=user, reason=reason)
    today = timezone.localdate()
    nonce = secrets.token_hex(TOKEN_BYTES)
    token = _derive(nonce, settings.SECRET_KEY)
    link = ClientLogLink(client=client, revision=revision, token_hash=token_hash(token),
                         nonce=nonce, valid_from=today, created_by=user,
                         valid_until=link_valid_until(revision, today))
    link.full_clean(validate_constraints=False)
    link.save()
    audit_record(actor=user, action=AuditEvent.Action.CREATE, object_type="client_log_link",
                 object_id=link.pk, request=request,
                 detail=f"client={client.pk} revision={revision.pk}")
    return link, token


def latest_released_revision(client: Client) -> PlanRevision | None:
    release = (Release.objects.filter(revision__plan__client=client)
               .select_related("revision", "revision__plan", "revision__plan__client")
               .order_by("-revision__number").first())
    return release.revision if release else None


@transaction.atomic
def link_renew(*, user: AbstractBaseUser, client: Client, request: HttpRequest | None = None
               ) -> tuple[ClientLogLink, str]:
    """Revoke the live link and make a new one for the latest released revision (a lost
    handout): the old printed link stops working at once."""
    revision = latest_released_revision(client)
    if revision is None:
        raise ValidationError(NOT_RELEASED, code="not_released")
    return link_issue(user=user, revision=revision, reason=ClientLogLink.Ended.REVOKED,
                      request=request)


@transaction.atomic
def link_revoke(*, user: AbstractBaseUser, client: Client, request: HttpRequest | None = None
                ) -> ClientLogLink:
    """End the client's live link; its page answers 404 from now on."""
    link = ClientLogLink.objects.filter(client=client, revoked_at__isnull=True).first()
    if link is None:
        raise ValidationError(NO_LIVE_LINK, code="no_live_link")
    _end_live(client, user=user, reason=ClientLogLink.Ended.REVOKED)
    audit_record(actor=user, action=AuditEvent.Action.CHANGE, object_type="client_log_link",
                 object_id=link.pk, request=request, detail=f"client={client.pk} revoked")
    return link


def link_for_token(token: str, *, today: dt.date | None = None) -> ClientLogLink | None:
    """The live link a token opens today, or None (unknown, expired, revoked, archived client,
    malformed): the caller answers all of them with the same 404."""
    if not token or len(token) > 64:
        return None
    today = today or timezone.localdate()
    return (
        ClientLogLink.objects.select_related("client", "client__plan", "revision")
        .filter(token_hash=token_hash(token), revoked_at__isnull=True, valid_from__lte=today,
                valid_until__gte=today, client__archived=False)
        .first()
    )


# --- rate limits -------------------------------------------------------------------------------


def rate_hit(key: str, *, limit: int, seconds: int, now: dt.datetime | None = None) -> bool:
    """Count one request for `key` in the current window; False once it is over `limit`.

    One UPDATE ... SET hits = hits + 1 (an INSERT for a new window): atomic in the database, so
    concurrent requests on several servers are all counted."""
    now = now or timezone.now()
    epoch = int(now.timestamp())
    window = dt.datetime.fromtimestamp(epoch - epoch % seconds, tz=dt.UTC)
    with transaction.atomic():
        counted = ClientLogRate.objects.filter(key=key, window_start=window).update(
            hits=F("hits") + 1)
        if not counted:
            try:
                with transaction.atomic():
                    ClientLogRate.objects.create(key=key, window_start=window, hits=1)
            except IntegrityError:
                ClientLogRate.objects.filter(key=key, window_start=window).update(
                    hits=F("hits") + 1)
            ClientLogRate.objects.filter(window_start__lt=now - RATE_ROWS_KEPT).delete()
        hits = ClientLogRate.objects.filter(key=key, window_start=window).values_list(
            "hits", flat=True).get()
    return hits <= limit


def ip_limit() -> tuple[int, int]:
    return getattr(settings, "PLANNER_CLIENT_LOG_IP_LIMIT", None) or IP_LIMIT


def write_limit() -> tuple[int, int]:
    return getattr(settings, "PLANNER_CLIENT_LOG_WRITE_LIMIT", None) or LINK_WRITE_LIMIT


def ip_key(ip: str | None) -> str:
    """The IP's counter key: a hash, so the counters table holds no address."""
    return "ip:" + hashlib.sha256((ip or "unknown").encode()).hexdigest()[:40]


# --- what counts -------------------------------------------------------------------------------


def amendment_in_force(entry: ClientLogEntry) -> ClientLogAmendment | None:
    amendments = getattr(entry, "_amendments", None)
    if amendments is None:
        amendments = list(entry.amendments.order_by("-created", "-id"))
    return amendments[0] if amendments else None


def counted_minutes(entry: ClientLogEntry) -> int | None:
    """The minutes an entry adds to its week (None: not counted)."""
    amendment = amendment_in_force(entry)
    if amendment is not None and amendment.kind == ClientLogAmendment.Kind.DISCOUNT:
        return None
    if amendment is not None and amendment.minutes is not None:
        return amendment.minutes
    if not entry.active:
        return 0
    return entry.minutes


def current_entries(client: Client, first: dt.date, last: dt.date) -> list[ClientLogEntry]:
    """The latest entry of each day from `first` to `last` (a corrected one is replaced)."""
    entries = list(
        ClientLogEntry.objects.filter(client=client, day__gte=first, day__lte=last,
                                      replaced_by__isnull=True)
        .prefetch_related("amendments").order_by("day", "id")
    )
    for entry in entries:
        entry._amendments = sorted(entry.amendments.all(), key=lambda a: (a.created, a.id),
                                   reverse=True)
    return entries


def is_ed_plan(revision: PlanRevision) -> bool:
    plan = revision.saved_plan
    return bool(plan.ed_cap) or "ED_COMPULSIVE_CAP" in plan.flags


def _sync_week(link: ClientLogLink, day: dt.date, *, today: dt.date) -> CheckIn | None:
    """Write the week's CheckIn (source CLIENT) from the counted days; leave a clinician's."""
    client = link.client
    start = client.plan.start_date or link.revision.saved_plan.start_date
    if start is None or is_ed_plan(link.revision):
        return None
    week_start = outcomes.week_start_of(start, day)
    entries = current_entries(client, week_start, week_start + dt.timedelta(days=6))
    counted = [m for m in (counted_minutes(e) for e in entries) if m]
    existing = CheckIn.objects.filter(
        client=client, week_start__gt=week_start - outcomes.WEEK,
        week_start__lt=week_start + outcomes.WEEK).order_by("week_start").first()
    if existing is not None and existing.source != CheckInSource.CLIENT:
        return existing
    if existing is None:
        revision = revision_for_week(client.owner, client, week_start) or link.revision
        previous = (CheckIn.objects.filter(client=client, revision=revision,
                                           week_start__lt=week_start, plan_step__isnull=False)
                    .order_by("-week_start").values_list("week_start", "plan_step").first())
        existing = CheckIn(client=client, revision=revision, week_start=week_start,
                           source=CheckInSource.CLIENT, author=None,
                           plan_step=outcomes.suggest_plan_step(revision.steps, week_start,
                                                                previous))
    existing.minutes_completed = sum(counted)
    existing.sessions_completed = len(counted)
    checkin_save_client_week(existing, today=max(today, week_start))
    return existing


# --- the client's writes -----------------------------------------------------------------------


def days_offered(link: ClientLogLink, today: dt.date) -> list[dt.date]:
    """The days the client can log: today and the 6 before it, not before the plan starts or
    the link was made, newest first."""
    start = link.client.plan.start_date or link.revision.saved_plan.start_date
    first = max(d for d in (today - dt.timedelta(days=DAYS_BACK), link.valid_from, start) if d)
    return [today - dt.timedelta(days=k) for k in range((today - first).days + 1)]


@transaction.atomic
def entry_log(
    *,
    link: ClientLogLink,
    day: dt.date,
    active: bool,
    minutes: int | None = None,
    effort: str = "",
    feeling: int | None = None,
    note: str = "",
    today: dt.date | None = None,
    request: HttpRequest | None = None,
) -> ClientLogEntry:
    """Save one day the client logged (today's again: a correction that keeps the first)."""
    today = today or timezone.localdate()
    # One write per link at a time: the day's latest entry is read under this lock.
    list(ClientLogLink.objects.select_for_update().filter(pk=link.pk).values_list("pk"))
    if day not in days_offered(link, today):
        raise ValidationError({"day": ValidationError(DAY_NOT_OFFERED, code="day")})
    ed = is_ed_plan(link.revision)
    if ed:
        minutes, effort = None, ""
    elif not active:
        minutes, effort = None, ""
    elif minutes is None:
        raise ValidationError({"minutes": ValidationError(MINUTES_NEEDED, code="minutes")})
    earlier = (ClientLogEntry.objects
               .filter(client=link.client, day=day, replaced_by__isnull=True).first())
    if earlier is not None and day != today:
        raise ValidationError({"day": ValidationError(ALREADY_LOGGED, code="logged")})
    entry = ClientLogEntry(link=link, client=link.client, revision=link.revision, day=day,
                           active=active, minutes=minutes, effort=effort or "", feeling=feeling,
                           note=(note or "").strip(), replaces=earlier)
    entry.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:  # two corrections of the same entry at once
        raise ValidationError({"day": ValidationError(ALREADY_LOGGED, code="logged")}) from None
    _sync_week(link, day, today=today)
    client_touch(client=link.client)
    audit_record(actor=None, action=AuditEvent.Action.CREATE if earlier is None
                 else AuditEvent.Action.CHANGE, object_type="client_log_entry",
                 object_id=entry.pk, request=request,
                 detail=f"client={link.client_id} link={link.pk}"
                        + (f" replaces={earlier.pk}" if earlier else ""))
    return entry


# --- the clinician's corrections ---------------------------------------------------------------


@transaction.atomic
def entry_amend(*, user: AbstractBaseUser, entry: ClientLogEntry, kind: str,
                reason: str, minutes: int | None = None, today: dt.date | None = None,
                request: HttpRequest | None = None) -> ClientLogAmendment:
    """Correct the minutes of, or discount, one client entry, with a reason. The entry and
    every earlier amendment stay; the week's check-in is added up again."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": ValidationError(REASON_NEEDED, code="reason")})
    if kind == ClientLogAmendment.Kind.CORRECT:
        if is_ed_plan(entry.revision):
            raise ValidationError({"minutes": ValidationError(ED_NO_MINUTES, code="ed")})
        if minutes is None:
            raise ValidationError({"minutes": ValidationError(MINUTES_FOR_CORRECTION,
                                                              code="minutes")})
    else:
        minutes = None
    amendment = ClientLogAmendment(entry=entry, kind=kind, minutes=minutes, reason=reason,
                                   author=user)
    amendment.full_clean()
    amendment.save()
    _sync_week(entry.link, entry.day, today=today or timezone.localdate())
    client_touch(client=entry.client)
    audit_record(actor=user, action=AuditEvent.Action.CHANGE, object_type="client_log_entry",
                 object_id=entry.pk, request=request,
                 detail=f"client={entry.client_id} amendment={amendment.pk} kind={kind}")
    return amendment
