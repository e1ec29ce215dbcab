"""
Who may open what, proven over the whole URLconf (quality.md S2, S3, S7).

The tests walk every URL pattern of the project, so a page added later is covered without
anyone remembering to:

- every `planner:` pattern that takes an object id needs an entry in OBJECT_URLS below (a
  function that returns the URL's kwargs for objects owned by clinician A, built through the real
  services); a pattern without one FAILS with "add a factory for <name> to the access matrix".
  Then clinician B gets 404 on GET and on POST (CSRF-less client), and nothing of A's changes;
- every page outside the sign-in flow sends an anonymous visitor to the login page;
- a client named `<script>alert(1)</script>` (or `<a href="javascript:x">`) is shown escaped on
  every page its owner can open.

To register a new URL: add `"<url name>": lambda w: {...kwargs...}` to OBJECT_URLS, using the
objects of World (extend World if the URL needs a new kind of object, e.g. a release).
"""

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from django.apps import apps
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.sessions.models import Session
from django.test import Client as Browser
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.html import escape

from planner.models import AuditEvent, Client, ClientLogRate, Intake, PlanRevision, Release
from planner.services.clients import client_create, intake_create
from planner.services.plans import plan_revision_create
from planner.services.releases import revision_release
from tests.support.clientlog import world_client_log_entry
from tests.support.factories import C01_ANSWERS
from tests.support.progress import world_checkin, world_review
from tests.support.teams import world_care_team_member

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
JS_LINK = '<a href="javascript:x">x</a>'


@dataclasses.dataclass
class World:
    """Clinician A's records: a client with an assessment and a saved plan revision."""

    owner: AbstractBaseUser
    client: Client
    intake: Intake
    revision: PlanRevision  # the current revision, not released
    released: PlanRevision  # an earlier revision, released to the client


def build_world(owner: AbstractBaseUser, name: str = "Alex Example") -> World:
    client = client_create(owner=owner, display_name=name, crisis_region="US",
                           notes=f"notes about {name}")
    intake = intake_create(client=client, author=owner,
                           **{**C01_ANSWERS, "assessed_date": dt.date.today()})
    released = plan_revision_create(intake=intake, author=owner, base_revision=0)
    revision_release(user=owner, revision=released)
    revision = plan_revision_create(intake=intake, author=owner, base_revision=1,
                                    reason="review")
    return World(owner=owner, client=client, intake=intake, revision=revision,
                 released=released)


# URL name (in the "planner" namespace) -> the URL's kwargs for World's objects.
OBJECT_URLS: dict[str, Callable[[World], dict]] = {
    "client_detail": lambda w: {"pk": w.client.pk},
    "client_update": lambda w: {"pk": w.client.pk},
    "client_archive": lambda w: {"pk": w.client.pk},
    "intake_create": lambda w: {"pk": w.client.pk},
    "intake_preview": lambda w: {"pk": w.intake.pk},
    "plan_revision_create": lambda w: {"pk": w.intake.pk},
    "plan_revision_detail": lambda w: {"pk": w.client.pk, "number": w.revision.number},
    "plan_history": lambda w: {"pk": w.client.pk},
    "revision_compare": lambda w: {"pk": w.client.pk},
    "plan_adjust": lambda w: {"pk": w.client.pk},
    "clearance_record": lambda w: {"pk": w.client.pk},
    "revision_restore": lambda w: {"pk": w.client.pk, "number": w.revision.number},
    "revision_release": lambda w: {"pk": w.client.pk, "number": w.revision.number},
    "gate_attest": lambda w: {"pk": w.client.pk, "number": w.revision.number},
    "released_document_add": lambda w: {"pk": w.client.pk, "number": w.revision.number},
    "release_download": lambda w: {"pk": w.client.pk, "number": w.released.number},
    "revision_document": lambda w: {"pk": w.client.pk, "number": w.revision.number,
                                    "kind": "handout"},
    # Check-ins and reviews (tests/support/progress.py makes the objects).
    "checkin_list": lambda w: {"pk": w.client.pk},
    "checkin_create": lambda w: {"pk": w.client.pk},
    "checkin_update": lambda w: {"pk": w.client.pk, "checkin_pk": world_checkin(w).pk},
    "review_create": lambda w: {"pk": w.client.pk},
    "review_detail": lambda w: {"pk": w.client.pk, "review_pk": world_review(w).pk},
    "review_decide": lambda w: {"pk": w.client.pk, "review_pk": world_review(w).pk},
    "review_assessment": lambda w: {"pk": w.client.pk, "review_pk": world_review(w).pk},
    # The client's own log (issue 23): the link page and a logged day's correction.
    "client_log_link": lambda w: {"pk": w.client.pk},
    "client_log_entry_amend": lambda w: {"pk": w.client.pk,
                                         "entry_pk": world_client_log_entry(w).pk},
    # The whole record, exported or erased (tests/web/records/test_records.py).
    "client_export": lambda w: {"pk": w.client.pk},
    "client_erase": lambda w: {"pk": w.client.pk},
    # Physical-health measures and the FHIR R4 download (tests/web/measures/).
    "measure_list": lambda w: {"pk": w.client.pk},
    "measure_create": lambda w: {"pk": w.client.pk},
    "client_fhir_export": lambda w: {"pk": w.client.pk},
    # Clinic teams (issue 24): the care team, handover and a trainee's co-sign.
    "care_team": lambda w: {"pk": w.client.pk},
    "care_team_remove": lambda w: {"pk": w.client.pk, "member_pk": world_care_team_member(w).pk},
    "client_handover": lambda w: {"pk": w.client.pk},
    "revision_cosign": lambda w: {"pk": w.client.pk, "number": w.revision.number},
    # A member of the owner's clinic (the members page deactivates them): see the role matrix.
    "member_deactivate": lambda w: {"pk": world_care_team_member(w).user_id},
}

# URLs about a member of a clinic, not a client's record: only the clinic's leads and
# administrators reach them (the role matrix below), so the owner/intruder tests skip them.
CLINIC_MEMBER_URLS = {"member_deactivate"}

# Pages of the sign-in flow itself, open to anonymous visitors by design.
AUTH_FLOW = {
    "login", "logout", "password_reset", "password_reset_done", "password_reset_confirm",
    "password_reset_complete",
}


# --- the walk -----------------------------------------------------------------------------------


def walk(resolver=None, namespace: str = "", converters=None) -> Iterator[tuple[str, dict]]:
    """Yield (view name, path converters) for every named pattern of the project's URLconf."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        found = {**(converters or {}), **pattern.pattern.converters}
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern, inner, found)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", found


PLANNER_URLS = sorted({name: conv for name, conv in walk() if name.startswith("planner:")}.items())
OBJECT_URL_NAMES = [name for name, conv in PLANNER_URLS if conv]
RECORD_URL_NAMES = [name for name in OBJECT_URL_NAMES
                    if name.removeprefix("planner:") not in CLINIC_MEMBER_URLS]
PLAIN_URL_NAMES = [name for name, conv in PLANNER_URLS if not conv]


def object_url(name: str, world: World) -> str:
    short = name.removeprefix("planner:")
    if short not in OBJECT_URLS:
        kwargs = ", ".join(dict(PLANNER_URLS)[name])
        pytest.fail(f"add a factory for {short} (kwargs: {kwargs}) to the access matrix: "
                    f"OBJECT_URLS in tests/security/test_access_matrix.py")
    return reverse(name, kwargs=OBJECT_URLS[short](world))


@pytest.fixture
def world(clinician) -> World:
    return build_world(clinician)


@pytest.fixture
def intruder(other_clinician) -> Browser:
    browser = Browser()  # no CSRF checks: only ownership stands in the way
    browser.force_login(other_clinician)
    return browser


def test_the_walk_finds_the_app_pages():
    assert "planner:client_detail" in OBJECT_URL_NAMES
    assert "planner:home" in PLAIN_URL_NAMES and "planner:profile" in PLAIN_URL_NAMES


def test_every_url_with_an_object_id_is_in_the_access_matrix():
    missing = [n for n in OBJECT_URL_NAMES if n.removeprefix("planner:") not in OBJECT_URLS]
    assert not missing, (
        "add a factory for each of these to the access matrix (OBJECT_URLS in "
        f"tests/security/test_access_matrix.py): {missing}"
    )


def test_the_world_has_a_released_revision(world):
    # The download and large-print URLs point at it: unreleased, they would prove nothing.
    assert Release.objects.filter(revision=world.released).exists()
    assert not Release.objects.filter(revision=world.revision).exists()


def test_each_factory_gives_exactly_the_urls_kwargs(world):
    for name, converters in PLANNER_URLS:
        if converters:
            assert set(OBJECT_URLS[name.removeprefix("planner:")](world)) == set(converters), name


# --- another clinician: 404 on everything of A's -----------------------------------------------


def snapshot_of_a(world: World) -> tuple:
    world.client.refresh_from_db()
    return (
        Client.objects.count(), Intake.objects.count(), PlanRevision.objects.count(),
        world.client.display_name, world.client.notes, world.client.archived,
        world.client.plan.current_revision_number,
    )


FORM_DATA = {
    "display_name": "Taken over", "notes": "x", "crisis_region": "US", "archived": "on",
    "base_revision": "1", "reason": "because", "age": "30",
}


@pytest.mark.parametrize("name", RECORD_URL_NAMES)
def test_another_clinician_gets_404_on_get_and_post(world, intruder, other_clinician, name):
    url = object_url(name, world)
    before = snapshot_of_a(world)
    for response in (intruder.get(url), intruder.post(url), intruder.post(url, FORM_DATA)):
        assert response.status_code == 404, (name, response.request["REQUEST_METHOD"])
        assert world.client.display_name not in response.content.decode()
    assert snapshot_of_a(world) == before
    # Nothing B did touched A's records in the trail either (no view, no change)...
    assert not AuditEvent.objects.filter(actor_id=other_clinician.pk).exclude(
        action__in=["login", "refused"]).exists()
    # ...but each refused probe is on it, with the id asked for (issue 27 finding 7).
    refused = AuditEvent.objects.filter(actor_id=other_clinician.pk, action="refused")
    assert refused.count() == 3
    path_id = url.strip("/").split("/")[1]
    assert {event.object_id for event in refused} == {path_id}
    assert all(f"planner:{name.removeprefix('planner:')}" in event.detail for event in refused)


@pytest.mark.parametrize("name", RECORD_URL_NAMES)
def test_the_owner_can_open_each_of_them(world, name):
    owner = Browser()
    owner.force_login(world.owner)
    response = owner.get(object_url(name, world))
    # POST-only pages answer 405 to GET, a few send the owner on; everything else opens. Never
    # 404: that would make the
    # intruder test above prove nothing.
    assert response.status_code in (200, 302, 405), (name, response.status_code)
    if response.status_code == 302:
        assert not response.headers["Location"].startswith(reverse("login")), name


# --- anonymous visitors: sent to the login page --------------------------------------------------


def anonymous_urls(world: World) -> list[str]:
    urls = []
    for name, converters in walk():
        if name in AUTH_FLOW or name.startswith("admin:") or name.startswith("planner:twofactor"):
            continue
        if converters:
            urls.append(object_url(name, world) if name.startswith("planner:") else None)
        else:
            urls.append(reverse(name))
    return [url for url in urls if url]


def test_every_page_sends_an_anonymous_visitor_to_login(world, client):
    urls = anonymous_urls(world)
    assert reverse("planner:client_detail", kwargs={"pk": world.client.pk}) in urls
    assert reverse("password_change") in urls
    login = reverse("login")
    for url in urls:
        for response in (client.get(url), client.post(url, FORM_DATA)):
            assert response.status_code == 302, url
            assert response.headers["Location"] == f"{login}?next={url}", url
    assert snapshot_of_a(world)[:3] == (1, 1, 2)


@pytest.mark.parametrize("name", [n for n in PLAIN_URL_NAMES])
def test_every_plain_app_page_needs_a_signed_in_clinician(client, name):
    url = reverse(name)
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 302, name
        assert response.headers["Location"].startswith(f"{reverse('login')}?next=")


def test_the_admin_sends_anonymous_visitors_to_its_login(client):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("admin:login"))


# --- output encoding: a client's name is shown escaped everywhere --------------------------------


@pytest.mark.parametrize("name", [SCRIPT, JS_LINK])
def test_a_hostile_client_name_is_escaped_on_every_page(clinician, name):
    world = build_world(clinician, name=name)
    owner = Browser()
    owner.force_login(clinician)
    pages = [reverse(n) for n in PLAIN_URL_NAMES] + [object_url(n, world) for n in
                                                     OBJECT_URL_NAMES]
    shown_on = []
    for url in pages:
        response = owner.get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        body = response.content.decode()
        assert name not in body, url
        assert "<script>alert" not in body and 'href="javascript:' not in body, url
        if escape(name) in body:
            shown_on.append(url)
    # Every page about this client names it (escaped); so does the client list. PDFs are not
    # pages: their escaping is tested with the renderer (tests/handout).
    for url in [reverse("planner:client_list")] + [
        object_url(n, world) for n in OBJECT_URL_NAMES
        if (r := owner.get(object_url(n, world))).status_code == 200
        and r["Content-Type"].startswith("text/html")
    ]:
        assert url in shown_on, url


# --- the audit trail: every page of a client's record leaves a row --------------------------------


# Pages that show a record but do not audit the view yet. Their owner (clinician workflow) is to
# call audit_record(action=VIEW) on GET and then delete the name here; the test fails when a
# listed page starts auditing, so this list only shrinks.
AUDIT_PENDING: set[str] = set()


def test_every_page_of_a_record_is_audited_without_health_values(world):
    owner = Browser()
    owner.force_login(world.owner)
    unaudited = []
    for name in OBJECT_URL_NAMES:
        last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
        response = owner.get(object_url(name, world))
        if response.status_code != 200:
            continue
        if not AuditEvent.objects.filter(id__gt=last, actor_id=world.owner.pk).exists():
            unaudited.append(name)
    assert set(unaudited) - AUDIT_PENDING == set(), (
        f"pages that show a record but write no audit row: {sorted(set(unaudited))}")
    assert AUDIT_PENDING - set(unaudited) == set(), (
        f"these pages audit now: remove them from AUDIT_PENDING: {AUDIT_PENDING - set(unaudited)}")
    trail = str(list(AuditEvent.objects.values()))
    for health_value in (world.client.display_name, world.client.notes, "depression"):
        assert health_value not in trail


# --- CSRF on every POST, and GETs that change nothing (quality.md S6) ----------------------------


# Patterns written as regular expressions carry no converters; their kwargs are named here.
REGEX_URL_KWARGS = {"admin:app_list": {"app_label": "planner"}}
# Kwargs for patterns outside the app (auth, admin): any well-formed value reaches the view.
OTHER_URL_KWARGS = {"uidb64": "MQ", "token": "set-password", "object_id": "1",
                    "content_type_id": "1", "pk": 1, "id": "1"}


def every_url(world: World) -> list[str]:
    """Every named pattern of the project, the app's object URLs pointing at World's objects."""
    urls = []
    for name, converters in walk():
        if name.startswith("planner:") and converters:
            urls.append(object_url(name, world))
            continue
        kwargs = {k: OTHER_URL_KWARGS[k] for k in converters} or REGEX_URL_KWARGS.get(name, {})
        try:
            urls.append(reverse(name, kwargs=kwargs))
        except Exception as error:  # noqa: BLE001 - name the pattern the walk cannot reach
            pytest.fail(f"add kwargs for {name} to REGEX_URL_KWARGS or OTHER_URL_KWARGS: {error}")
    return urls


def every_row(*, skip: tuple = ()) -> dict[str, list]:
    """Every row of every table the project has (app, auth, sessions, admin, axes, otp)."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values_list())
        for model in apps.get_models() if model not in skip
    }


def test_every_post_without_a_csrf_token_is_refused_and_writes_nothing(world):
    strict = Browser(enforce_csrf_checks=True)
    strict.force_login(world.owner)
    urls = every_url(world)
    assert reverse("planner:revision_release", kwargs={"pk": world.client.pk,
                                                    "number": world.revision.number}) in urls
    assert reverse("logout") in urls and reverse("admin:index") in urls
    # Session rows are left out: each request renews the session's idle expiry.
    before = every_row(skip=(Session,))
    for url in urls:
        if url.startswith(reverse("client_log", args=["x"])[:-1]):
            continue  # the client's log page: no cookie, no CSRF (tests/web/clientlog)
        response = strict.post(url, FORM_DATA)
        assert response.status_code == 403, (url, response.status_code)
        assert "403_csrf.html" in [t.name for t in response.templates], url
    assert every_row(skip=(Session,)) == before
    # The owner is still signed in: the refused logout logged nothing out.
    assert strict.get(reverse("planner:client_list")).status_code == 200


def test_a_get_of_every_page_writes_nothing_but_audit_and_session_rows(world):
    owner = Browser()
    owner.force_login(world.owner)
    urls = every_url(world)
    # ClientLogRate: the client log page's rate-limit counters count every request, like the
    # session's idle expiry (issue 23).
    before = every_row(skip=(AuditEvent, Session, ClientLogRate))
    audited = AuditEvent.objects.count()
    for url in urls:
        response = owner.get(url)
        assert response.status_code < 500, (url, response.status_code)
    assert every_row(skip=(AuditEvent, Session, ClientLogRate)) == before
    # The GETs did reach the record pages (they audit), so "nothing written" is not vacuous.
    assert AuditEvent.objects.count() > audited


# --- clinic roles (issue 24): every app URL x every role, with the answer each gets ---------------
#
# The world's client belongs to `responsible` in a clinic where `care_team` shares its care,
# `colleague` is a plain member, `lead` leads, `trainee` is supervised by the lead,
# `administrator` manages members, and `outsider` works in another clinic. The answers are
# written out by hand from issue 24 (docs/teams.md has the same table):
#   open    200, a 302 that is not to the login page, or 405 for a POST-only URL
#   denied  403 or 404 (a client's record the user may not see does not exist: 404)
#   login   302 to the login page (anonymous)

MATRIX_ROLES = ("responsible", "care_team", "colleague", "lead", "trainee", "administrator",
                "outsider", "anonymous")
SEE_RECORD = {"responsible", "care_team", "lead"}
EVERYONE = set(MATRIX_ROLES) - {"anonymous"}
MANAGERS = {"lead", "administrator"}

# Who opens each app URL without an object id (anything else signed in: denied).
PLAIN_OPEN = {
    "client_list": EVERYONE, "home": EVERYONE, "profile": EVERYONE, "activity": EVERYONE,
    "clinic": EVERYONE,
    "client_create": EVERYONE - {"administrator"},  # an administrator holds no clients
    "clinic_clients": {"lead"},  # the clinic's setting is off by default
    "clinic_members": MANAGERS,
    "clinic_audit": {"lead"},
    # POST-only (405 to a GET from anyone signed in); their POST is checked below.
    "member_invite": EVERYONE, "clinic_settings": EVERYONE,
}
# The sign-in's second step is its own flow (tests/web/accounts/test_twofactor.py).
MATRIX_SKIP = {"twofactor_verify", "twofactor_setup", "twofactor_recovery_codes",
               "twofactor_disable"}
POST_ONLY_MANAGER_URLS = {"member_invite": MANAGERS, "clinic_settings": MANAGERS}


def expected_answer(name: str, role: str) -> str:
    short = name.removeprefix("planner:")
    if role == "anonymous":
        return "login"
    if short in CLINIC_MEMBER_URLS:
        return "open" if role in MANAGERS else "denied"
    if short in OBJECT_URLS:
        return "open" if role in SEE_RECORD else "denied"
    return "open" if role in PLAIN_OPEN[short] else "denied"


def answer_of(response) -> str:
    if response.status_code == 302:
        login = reverse("login")
        return "login" if response.headers["Location"].startswith(login) else "open"
    if response.status_code in (200, 405):
        return "open"
    if response.status_code in (403, 404):
        return "denied"
    return f"unexpected {response.status_code}"


@pytest.fixture
def team_world():
    from planner.services.teams import care_team_add
    from tests.support.teams import build_team

    team = build_team(name="Team client")
    world = build_world(team.responsible)
    care_team_add(actor=team.responsible, client=world.client, colleague_id=team.care_team.pk,
                  reason="Shares the care")
    return team, world


def browser_as(team, role: str) -> Browser:
    browser = Browser()
    if role != "anonymous":
        browser.force_login(team.user(role))
    return browser


def test_every_app_url_has_an_answer_for_every_role():
    unlisted = [name for name, conv in PLANNER_URLS
                if not conv and name.removeprefix("planner:") not in PLAIN_OPEN
                and name.removeprefix("planner:") not in MATRIX_SKIP]
    assert not unlisted, f"add these to PLAIN_OPEN in the role matrix: {unlisted}"


@pytest.mark.parametrize("role", MATRIX_ROLES)
def test_each_role_gets_the_expected_answer_on_every_url(team_world, role):
    team, world = team_world
    browser = browser_as(team, role)
    wrong = []
    for name, converters in PLANNER_URLS:
        short = name.removeprefix("planner:")
        if short in MATRIX_SKIP:
            continue
        url = object_url(name, world) if converters else reverse(name)
        got = answer_of(browser.get(url))
        if got != expected_answer(name, role):
            wrong.append((short, expected_answer(name, role), got))
    assert not wrong, f"{role}: (url, expected, got) {wrong}"


@pytest.mark.parametrize("role", MATRIX_ROLES)
def test_the_member_pages_post_only_for_leads_and_administrators(team_world, role):
    team, _world = team_world
    browser = browser_as(team, role)
    for short, allowed in POST_ONLY_MANAGER_URLS.items():
        response = browser.post(reverse(f"planner:{short}"), {})
        want = "login" if role == "anonymous" else ("open" if role in allowed else "denied")
        assert answer_of(response) == want, (short, role, response.status_code)


def test_a_refused_record_url_writes_nothing_and_is_audited_with_ids(team_world):
    team, world = team_world
    before = snapshot_of_a(world)
    for role in ("colleague", "trainee", "administrator", "outsider"):
        browser = browser_as(team, role)
        for name in RECORD_URL_NAMES:
            url = object_url(name, world)
            assert browser.post(url, FORM_DATA).status_code == 404, (role, name)
        refused = AuditEvent.objects.filter(actor_id=team.user(role).pk, action="refused")
        assert refused.count() == len(RECORD_URL_NAMES)
        assert world.client.display_name not in str(list(refused.values()))
    assert snapshot_of_a(world) == before
