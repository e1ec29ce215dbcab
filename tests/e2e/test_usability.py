"""
Usability fixes only a browser shows: the crisis print holds the client's crisis sheet alone,
chart labels stay readable on a phone, and no page scrolls sideways at 390 px.
"""

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.e2e import helpers
from tests.support.progress import plan_started, record, review_at
from tests.support.revisions import CRISIS_ANSWERS, GATE_ANSWERS, make_revision

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

READABLE_PX = 11


def print_text(page: Page) -> str:
    """The text the page prints: innerText leaves out what print styles do not display."""
    page.emulate_media(media="print")
    try:
        return page.evaluate("() => document.body.innerText")
    finally:
        page.emulate_media(media="screen")


@pytest.mark.parametrize("where", ["revision", "preview"])
def test_crisis_print_holds_the_crisis_sheet_and_nothing_for_the_clinician(
    page: Page, live_server, clinician_user, where
):
    revision = make_revision(clinician_user, **CRISIS_ANSWERS)
    client_id = revision.plan.client_id
    helpers.log_in(page, live_server.url, clinician_user.username)
    path = (reverse("planner:plan_revision_detail", args=[client_id, 1]) if where == "revision"
            else reverse("planner:intake_preview", args=[revision.intake_id]))
    page.goto(live_server.url + path)
    button = page.get_by_role("button", name="Print crisis resources")
    expect(button).to_be_visible()
    screen = page.evaluate("() => document.body.innerText")
    assert "Follow your local risk procedures now" in screen  # the clinician sees it on screen

    printed = print_text(page)
    helpers.print_screenshot(page, f"crisis-{where}-only")
    assert "Crisis support: keep this somewhere easy to find" in printed
    assert "call or text 988" in printed.lower()
    assert "911" in printed
    for clinician_only in (
        "No exercise plan",  # the stop's heading and the clinician's stop notice
        "risk procedures",
        "Re-run the planner",
        "Why?",
        "R-SAFE",  # rule IDs
        "Engine version",
        "revision",  # page title, saved by, release state
        "Plan preview",
        clinician_user.username,
        "For use by clinicians",
        "Print crisis resources",
    ):
        assert clinician_only.lower() not in printed.lower(), f"{clinician_only!r} is printed"


def chart_label_sizes(page: Page, selector: str) -> list[dict]:
    """Each visible label of the charts: its box height and its font size, in CSS pixels."""
    return page.evaluate(
        """(selector) => Array.from(document.querySelectorAll(selector)).map((text) => {
            const svg = text.ownerSVGElement;
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            return {
                text: text.textContent,
                height: text.getBoundingClientRect().height,
                font: parseFloat(getComputedStyle(text).fontSize) * scale,
            };
        })""",
        selector,
    )


def test_chart_labels_are_at_least_11_px_on_a_390_px_phone(page: Page, live_server, clinician_user):
    start = dt.date.today() - dt.timedelta(weeks=5)
    client, _revision = plan_started(owner=clinician_user, start=start)
    for n, minutes in ((1, 30), (2, 40), (3, 30), (4, 40), (5, 50)):
        record(client, n, minutes, start=start, today=dt.date.today())
    helpers.log_in(page, live_server.url, clinician_user.username)
    page.set_viewport_size(helpers.PHONE)
    for path, selector in (
        (reverse("planner:client_detail", args=[client.pk]), "svg.progress-chart text"),
        (reverse("planner:plan_revision_detail", args=[client.pk, 1]), "svg.plan-chart text"),
    ):
        page.goto(live_server.url + path)
        expect(page.locator(selector).first).to_be_visible()
        helpers.SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for index, chart in enumerate(page.locator(selector.split()[0]).all()):
            name = selector.split(".")[1].split()[0]
            chart.screenshot(path=helpers.SCREENSHOTS / f"{name}-{index}-390.png")
        labels = chart_label_sizes(page, selector)
        assert len(labels) > 5
        small = [label for label in labels
                 if label["height"] < READABLE_PX or label["font"] < READABLE_PX]
        assert not small, f"{path}: labels under {READABLE_PX} px at 390 px: {small[:5]}"


def test_no_page_scrolls_sideways_on_a_390_px_phone(page: Page, live_server, clinician_user):
    """The main pages with a rich record: wide tables scroll inside their own box (or wrap),
    never the page."""
    start = dt.date.today() - dt.timedelta(weeks=3)
    client, _revision = plan_started(owner=clinician_user, start=start)
    for n, minutes in ((1, 30), (2, 25), (3, 30)):
        record(client, n, minutes, start=start, today=dt.date.today())
    review = review_at(client, 4, start=start)
    gated = make_revision(clinician_user, **GATE_ANSWERS["RISK_ATTESTATION"])
    make_revision(clinician_user, client=gated.plan.client,
                  **{**GATE_ANSWERS["RISK_ATTESTATION"], "barriers": ["poor_sleep"]})
    gated_id = gated.plan.client_id
    helpers.log_in(page, live_server.url, clinician_user.username)
    page.set_viewport_size(helpers.PHONE)
    paths = [
        reverse("planner:client_list"),
        reverse("planner:client_detail", args=[client.pk]),
        reverse("planner:plan_revision_detail", args=[client.pk, 1]),
        reverse("planner:checkin_list", args=[client.pk]),
        reverse("planner:checkin_create", args=[client.pk]),
        reverse("planner:review_detail", args=[client.pk, review.pk]),
        reverse("planner:review_create", args=[client.pk]),
        reverse("planner:intake_create", args=[client.pk]),
        reverse("planner:client_detail", args=[gated_id]),
        reverse("planner:plan_history", args=[gated_id]),
        reverse("planner:revision_compare", args=[gated_id]) + "?a=1&b=2",
        reverse("planner:revision_release", args=[gated_id, 2]),
        reverse("planner:plan_adjust", args=[gated_id]),
        reverse("planner:activity"),
        reverse("planner:profile"),
    ]
    wider = {}
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response is not None and response.ok, path
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            wider[path] = overflow
    assert not wider, f"pages wider than a 390 px phone (px too wide): {wider}"
