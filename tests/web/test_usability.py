"""
Usability and accessibility fixes found by the browser tests: what clinicians read
on the pages, checked in the HTML the Django test client gets.
"""

import re
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from planner.services.audit import audit_record
from tests.support.progress import START, plan_started, record
from tests.support.revisions import CRISIS_ANSWERS, GATE_ANSWERS, make_revision

pytestmark = pytest.mark.django_db


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_client_page_lists_the_open_gates_of_the_current_plan(client_logged_in, clinician):
    revision = make_revision(clinician, **GATE_ANSWERS["RISK_ATTESTATION"])
    html = page(client_logged_in, reverse("planner:client_detail", args=[revision.plan.client_id]))
    assert "Risk attestation" in html


# --- 1. One date style: "5 Jan 2026" (ISO only in machine-readable attributes) ---------------

AMBIGUOUS_DATES = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b"  # ISO, for machines
    r"|\b\d{1,2}/\d{1,2}/\d{4}\b"  # 01/05/2026: 5 January or 1 May?
    r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2},"  # Jan. 5, 2026
)


def visible_text(html: str) -> str:
    """The page's text without tags, attributes, scripts or styles (what a reader sees)."""
    html = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", html)
    return unescape(re.sub(r"<[^>]+>", " ", html))


def assert_one_date_style(html: str) -> None:
    text = visible_text(html)
    found = AMBIGUOUS_DATES.findall(text)
    assert not found, f"dates in another style: {found}"


@pytest.fixture
def plan_with_checkins(clinician):
    client, revision = plan_started(owner=clinician, start=START)  # Monday 5 January 2026
    for n, minutes in ((1, 30), (2, 40), (3, 30)):
        record(client, n, minutes)
    return client, revision


def test_client_page_shows_dates_as_day_month_year(client_logged_in, plan_with_checkins):
    client, _revision = plan_with_checkins
    html = page(client_logged_in, reverse("planner:client_detail", args=[client.pk]))
    text = visible_text(html)
    assert "5 Jan 2026" in text  # week 1 starts; the assessment
    assert "26 Jan 2026" in text  # the week-4 review (week 4 starts then)
    assert "12 Jan 2026" in text  # week 2's check-in in the progress table
    assert_one_date_style(html)


def test_revision_and_check_in_pages_show_one_date_style(client_logged_in, plan_with_checkins):
    client, revision = plan_with_checkins
    html = page(
        client_logged_in,
        reverse("planner:plan_revision_detail", args=[client.pk, revision.number]),
    )
    assert re.search(r"Start date \(week 1\)</dt>\s*<dd[^>]*>5 Jan 2026<", html)
    assert_one_date_style(html)
    html = page(client_logged_in, reverse("planner:checkin_list", args=[client.pk]))
    assert "19 Jan 2026" in visible_text(html)  # week 3
    assert_one_date_style(html)


def test_activity_page_shows_times_in_the_same_style(client_logged_in, plan_with_checkins):
    html = page(client_logged_in, reverse("planner:activity"))
    today = timezone.localdate()
    assert f"{today.day} {today:%b %Y}, " in visible_text(html)
    assert_one_date_style(html)


def test_a_second_check_in_for_the_same_week_names_the_week_in_the_same_style(
    plan_with_checkins,
):
    client, _revision = plan_with_checkins
    with pytest.raises(ValidationError) as refused:
        record(client, 2, 20)
    assert "The week starting 12 Jan 2026 already has a check-in" in str(refused.value)


# --- 2. Required answers: the star is for the eye, "(required)" for screen readers -----------

LABELS = re.compile(r"(?s)<(label|legend)\b[^>]*>(.*?)</\1>")
HIDDEN_STAR = '<span class="asteriskField" aria-hidden="true">*</span>'
REQUIRED_FOR_READERS = '<span class="visually-hidden"> (required)</span>'


def required_labels(html: str) -> list[str]:
    """The inner HTML of every label and legend that shows the required star."""
    return [inner for _tag, inner in LABELS.findall(html) if "*" in inner]


@pytest.mark.parametrize(
    "url_name", ["planner:intake_create", "planner:client_update", "planner:checkin_create"]
)
def test_required_star_is_hidden_from_screen_readers_which_hear_required(
    client_logged_in, plan_with_checkins, url_name
):
    client, _revision = plan_with_checkins
    html = page(client_logged_in, reverse(url_name, args=[client.pk]))
    labels = required_labels(html)
    assert labels, "the form has required fields"
    for inner in labels:
        assert HIDDEN_STAR in inner, inner
        assert REQUIRED_FOR_READERS in inner, inner
        # No star that a screen reader would read out.
        assert inner.replace(HIDDEN_STAR, "").count("*") == 0, inner


def test_the_assessment_marks_its_radio_questions_and_plain_fields_alike(
    client_logged_in, plan_with_checkins
):
    client, _revision = plan_with_checkins
    html = page(client_logged_in, reverse("planner:intake_create", args=[client.pk]))
    legends = [inner for tag, inner in LABELS.findall(html) if tag == "legend" and "*" in inner]
    labels = [inner for tag, inner in LABELS.findall(html) if tag == "label" and "*" in inner]
    assert any("Suicide risk" in inner for inner in legends)  # a radio group (fieldset)
    assert any("Age in years" in inner for inner in labels)  # a plain field
    assert all(REQUIRED_FOR_READERS in inner for inner in legends + labels)


# --- 6. The conflict notice's links open in a new tab: the typed form stays ------------------

NOTICE_LINK = re.compile(r'<a class="alert-link" href="([^"]+)"([^>]*)>(.*?)</a>', re.S)


def test_conflict_links_open_in_a_new_tab_and_say_so(client_logged_in, clinician):
    base = make_revision(clinician)
    url = reverse("planner:plan_adjust", args=[base.plan.client_id])
    client_logged_in.post(url, {"base_revision": 1, "lower_target_minutes": 120, "reason": "one"})
    response = client_logged_in.post(
        url, {"base_revision": 1, "lower_start_minutes": 20, "reason": "typed in tab two"}
    )
    assert response.status_code == 409
    html = response.content.decode()
    notice = html[html.index('id="conflict"'):]
    notice = notice[: notice.index("</div>")]
    links = {unescape(href): (attrs, text) for href, attrs, text in NOTICE_LINK.findall(notice)}
    compare = reverse("planner:revision_compare", args=[base.plan.client_id]) + "?a=1&b=2"
    revision_2 = reverse("planner:plan_revision_detail", args=[base.plan.client_id, 2])
    assert set(links) == {compare, revision_2}
    for attrs, text in links.values():
        assert 'target="_blank"' in attrs and 'rel="noopener"' in attrs
        assert "(opens in a new tab)" in text
    assert "typed in tab two" in html  # the form still holds the typing


# --- 4. A crisis stop prints the client's crisis sheet alone (the browser test checks print) ---


def test_crisis_page_marks_everything_for_the_clinician_as_not_printed(
    client_logged_in, clinician
):
    revision = make_revision(clinician, **CRISIS_ANSWERS)
    html = page(
        client_logged_in,
        reverse("planner:plan_revision_detail", args=[revision.plan.client_id, 1]),
    )
    stop = html[html.index('<section class="stop-screen crisis-stop"'):]
    sheet = re.search(r'(?s)<div class="crisis-sheet">(.*?)</div>', stop).group(1)
    assert "Crisis support: keep this somewhere easy to find" in sheet
    assert "Follow your local risk procedures" not in sheet
    notice = re.search(r'(?s)<div class="no-print-crisis">(.*?)</div>', stop).group(1)
    assert "Re-run the planner once the crisis has been managed." in notice
    assert '<div class="alert alert-danger no-print-crisis">' in stop


# --- 5. The comparison names the assessment answers that changed, old → new ------------------


def compare_page(client_logged_in, revision, a: int, b: int) -> str:
    url = reverse("planner:revision_compare", args=[revision.plan.client_id])
    return page(client_logged_in, f"{url}?a={a}&b={b}")


def answers_section(html: str) -> str:
    start = html.index('id="compare-answers-title"')
    return html[start: html.index("</section>", start)]


def test_comparison_shows_a_changed_barrier_and_other_answers_with_labels(
    client_logged_in, clinician
):
    first = make_revision(clinician)
    make_revision(
        clinician,
        client=first.plan.client,
        barriers=["low_motivation", "time", "poor_sleep"],
        available_days=3,
        suicide_risk="passive_ideation",
    )
    section = answers_section(compare_page(client_logged_in, first, 1, 2))
    rows = {
        visible_text(head).strip(): (visible_text(a).strip(), visible_text(b).strip())
        for head, a, b in re.findall(
            r'(?s)<th scope="row">(.*?)</th><td[^>]*>(.*?)</td><td[^>]*>(.*?)</td>', section
        )
    }
    assert rows == {
        "Suicide risk": ("None identified", "Passive ideation"),  # its own label (issue 22)
        "Barriers": (
            "Low motivation; Time",
            "Low motivation; Time; Poor sleep (3 or more nights a week for 2 weeks)",
        ),
        "Days available a week": ("5", "3"),
    }
    assert "passive_ideation" not in section and "poor_sleep" not in section


def test_comparison_of_revisions_from_one_assessment_says_so(client_logged_in, clinician):
    first = make_revision(clinician)
    url = reverse("planner:plan_adjust", args=[first.plan.client_id])
    client_logged_in.post(url, {"base_revision": 1, "lower_target_minutes": 120, "reason": "knee"})
    section = answers_section(compare_page(client_logged_in, first, 1, 2))
    assert "Both revisions come from the same assessment" in section
    assert "<table" not in section


# --- 3. Human labels, not internal codes (rule IDs stay as small references) -----------------

RAW_WHY_KEY = re.compile(
    r"<dt>\s*(?:steps|texts|flags|gates|documents|clinician_notes|adaptations|overrides)\.")


def test_revision_page_names_every_why_in_words(client_logged_in, clinician):
    revision = make_revision(clinician, **GATE_ANSWERS["RISK_ATTESTATION"])
    html = page(
        client_logged_in,
        reverse("planner:plan_revision_detail", args=[revision.plan.client_id, 1]),
    )
    assert not RAW_WHY_KEY.search(html), RAW_WHY_KEY.search(html).group(0)
    assert "<dt>Steps: Minutes a week</dt>" in html
    assert "<dt>Gate: Risk attestation needed</dt>" in html
    assert "<dt>Barrier adaptation: Low motivation</dt>" in html  # C01's barrier, R-BAR-03
    assert "R-BAR-03" in html  # the rule ID stays, as the reference
    assert ".txt)" not in html  # no research file names
    text = visible_text(html)
    assert "light_to_moderate" not in text and "light to moderate from step" in text


def test_activity_page_names_the_account_and_the_client(client_logged_in, clinician):
    revision = make_revision(clinician)
    client = revision.plan.client
    page(client_logged_in, reverse("planner:client_detail", args=[client.pk]))  # a "view" row
    audit_record(actor=clinician, action="login", object_type="user", object_id=clinician.pk)
    html = page(client_logged_in, reverse("planner:activity"))
    text = visible_text(html)
    assert f"Your account ({clinician.get_username()})" in text
    assert f"Client: {client.display_name}" in text
    assert "user #" not in text and "client #" not in text


def test_adjust_form_help_cites_the_rule_not_the_spec_file(client_logged_in, clinician):
    revision = make_revision(clinician)
    html = page(client_logged_in, reverse("planner:plan_adjust", args=[revision.plan.client_id]))
    assert "rules.md" not in visible_text(html)
    assert "Logged with your name and the time (rule 2J)." in html
