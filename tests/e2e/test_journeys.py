"""
Clinician journeys in a real Chromium, each asserting what the clinician sees. Every page a
journey visits is checked with axe-core; the key pages are photographed (helpers.check_page).
"""

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from planner.services.adjustments import revision_adjust
from tests.e2e import helpers
from tests.e2e.helpers import C01_ANSWERS, C01_FIRST_STEPS, check_page
from tests.support.progress import plan_started
from tests.support.revisions import GATE_ANSWERS, make_revision

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def create_client(page: Page, name: str) -> None:
    page.get_by_role("link", name="New client").click()
    expect(page.get_by_role("heading", name="New client")).to_be_visible()
    check_page(page, "client-new", shots=True)
    page.get_by_label("Name or pseudonym").fill(name)
    page.get_by_role("button", name="Create client").click()
    expect(page.get_by_role("heading", name=name, level=1)).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Client created")


def assess(page: Page, name: str, answers: dict) -> None:
    """From the client page: a new assessment, answered the quick way, to its plan preview."""
    page.get_by_role("link", name="New assessment").click()
    expect(page.get_by_role("heading", name=f"New assessment of {name}")).to_be_visible()
    helpers.fill_form(page, "assessment-form", answers)
    page.get_by_role("button", name="Save assessment and preview").click()
    expect(page.get_by_role("heading", name=f"Plan preview for {name}")).to_be_visible()


def open_release_page(page: Page, number: int) -> None:
    """From a revision's page: its gates, release and PDFs."""
    page.get_by_role("navigation", name="Revision actions").get_by_role(
        "link", name="Gates, release and PDFs"
    ).click()
    heading = page.get_by_role("heading", name=f"Gates and release of revision {number}")
    expect(heading).to_be_visible()


def download_pdf(page: Page, link_name: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name, exact=True).click()
    download = info.value
    assert download.failure() is None
    return Path(download.path()).read_bytes()


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def expect_steps(page: Page, minutes) -> None:
    """The step table shows these minutes a week for steps 1, 2, 3..."""
    table = page.get_by_role("table", name="Weekly plan by step")
    for step, value in enumerate(minutes, start=1):
        row = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name=str(step),
                                                                   exact=True))
        expect(row.get_by_role("cell").first).to_have_text(str(value))


def test_new_client_to_second_revision(page: Page, live_server, clinician_user):
    """Login form -> new client -> keyboard-only assessment -> preview -> revision 1 -> a new
    assessment with a changed barrier -> revision 2 with its reason."""
    helpers.log_in(page, live_server.url, clinician_user.username)
    check_page(page, "client-list-empty")
    create_client(page, "Jordan Rivers")
    check_page(page, "client-detail-new")

    page.get_by_role("link", name="New assessment").click()
    expect(page.get_by_role("heading", name="New assessment of Jordan Rivers")).to_be_visible()
    check_page(page, "assessment-form", shots=True)
    helpers.fill_form_by_keyboard(page, "assessment-form", C01_ANSWERS)

    expect(page.get_by_role("heading", name="Plan preview for Jordan Rivers")).to_be_visible()
    expect(page.get_by_role("heading", name="Save as revision 1")).to_be_visible()
    expect_steps(page, C01_FIRST_STEPS)
    check_page(page, "plan-preview", shots=True)
    page.get_by_role("button", name="Save as revision").click()

    expect(page.get_by_role("heading", name="Jordan Rivers: revision 1")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Saved as revision 1")
    expect_steps(page, C01_FIRST_STEPS)
    check_page(page, "plan-revision", shots=True)
    helpers.print_screenshot(page, "plan-revision")

    # Release: the stored handout is the PDF the client gets.
    open_release_page(page, 1)
    expect(page.get_by_role("region", name="Gates")).to_contain_text("This revision has no gates.")
    check_page(page, "release", shots=True)
    page.get_by_role("button", name="Release revision 1").click()
    expect(page.get_by_role("status")).to_contain_text("Revision 1 released")
    released = page.get_by_role("region", name="Released")
    expect(released).to_contain_text("Released")
    check_page(page, "released", shots=True)
    content = download_pdf(page, "Client handout, as given to the client (PDF)")
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert "Jordan Rivers" in text
    assert "Week 1: about 30 minutes in the week" in text
    assert "Week 17: about 150 minutes in the week" in text
    for minutes in C01_FIRST_STEPS:  # the week-by-week table, one cell (or card line) a line
        assert re.search(rf"(?m)^(Minutes in the week: )?{minutes}$", text), (
            f"{minutes} minutes not in the week table")
    page.get_by_role("link", name="Revision 1", exact=True).click()

    # A review: the client now sleeps badly. The new assessment starts from the last one.
    page.get_by_role("link", name="Jordan Rivers").click()
    page.get_by_role("link", name="New assessment").click()
    expect(page.get_by_role("status")).to_contain_text("Answers are carried over")
    check_page(page, "assessment-form-prefilled")
    expect(page.get_by_label("Age in years")).to_have_value("29")
    expect(page.get_by_label("Low motivation")).to_be_checked()
    answers = {k: v for k, v in C01_ANSWERS.items()}
    answers["barriers"] = ["low_motivation", "time", "poor_sleep"]
    helpers.fill_form(page, "assessment-form", answers)
    page.get_by_role("button", name="Save assessment and preview").click()

    expect(page.get_by_role("heading", name="Save as revision 2")).to_contain_text(
        "the plan is at revision 1"
    )
    page.get_by_role("button", name="Save as revision").click()
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Say why the plan is changing.")
    check_page(page, "plan-preview-reason-missing")
    page.get_by_label("Reason for this revision").fill("Review: poor sleep for two weeks")
    page.get_by_role("button", name="Save as revision").click()

    expect(page.get_by_role("heading", name="Jordan Rivers: revision 2")).to_be_visible()
    expect(page.locator(".revision-meta")).to_contain_text("Review: poor sleep for two weeks")
    tips = page.get_by_role("region", name="Barrier tips")
    expect(tips).to_contain_text("Sleep: be active earlier")

    # The history compares revision 2 with the one it replaced.
    page.get_by_role("link", name="Jordan Rivers").click()
    page.get_by_role("link", name="Plan history").click()
    expect(page.get_by_role("heading", name="Jordan Rivers: plan history")).to_be_visible()
    check_page(page, "plan-history", shots=True)
    page.get_by_role("link", name="Compare with 1").click()
    expect(page.get_by_role("heading", name="Revision 1 and revision 2 compared")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Changed:")).to_be_visible()
    reasons = page.get_by_role("table", name="Who saved each revision, and why")
    expect(reasons).to_contain_text("Review: poor sleep for two weeks")
    wording = page.get_by_role("region", name="Client wording")
    expect(wording).to_contain_text("Sleep: be active earlier")
    answers = page.get_by_role("region", name="Assessment answers that changed")
    expect(answers.get_by_role("row", name="Barriers")).to_contain_text("Poor sleep")
    check_page(page, "compare", shots=True)

    page.get_by_role("link", name="Jordan Rivers").click()
    revisions = page.get_by_role("table", name="Revisions, newest first")
    expect(revisions.get_by_role("row")).to_have_count(3)
    expect(revisions).to_contain_text("Review: poor sleep for two weeks")
    check_page(page, "client-detail", shots=True)
    page.get_by_role("link", name="Clients", exact=True).first.click()
    expect(page.get_by_role("rowheader", name="Jordan Rivers")).to_be_visible()
    check_page(page, "client-list", shots=True)


def test_crisis_hard_stop_shows_crisis_screen_and_no_plan(signed_in_page: Page):
    page = signed_in_page
    create_client(page, "Casey Stone")
    assess(page, "Casey Stone", {**C01_ANSWERS, "suicide_risk": "active_with_plan_or_intent"})

    expect(page.get_by_role("heading", name="No exercise plan", level=2)).to_contain_text("Crisis")
    expect(page.get_by_role("main")).to_contain_text("Follow your local risk procedures now")
    resources = page.get_by_role("region", name="Crisis resources")
    expect(resources).to_contain_text("988")
    expect(resources.get_by_role("button", name="Print crisis resources")).to_be_visible()
    expect(page.get_by_role("heading", name="Steps")).to_have_count(0)
    expect(page.get_by_role("table", name="Weekly plan by step")).to_have_count(0)
    expect(page.get_by_role("heading", name="What the client will read")).to_have_count(0)
    check_page(page, "crisis-preview", shots=True)
    helpers.print_screenshot(page, "crisis-preview")


def test_form_with_errors_keeps_input_and_focuses_the_summary(signed_in_page: Page):
    page = signed_in_page
    create_client(page, "Robin Ash")
    page.get_by_role("link", name="New assessment").click()
    # Part of the form: a clinician interrupted before the screening questions.
    page.get_by_label("Age in years").fill("41")
    page.get_by_label("Primary condition").select_option(label="Anxiety disorder")
    page.get_by_role("group", name="Barriers").get_by_label("Cost").check()
    page.get_by_role("group", name="Barriers").get_by_label("Other", exact=True).check()
    page.get_by_label("Other barrier").fill("Shift work, nights")
    page.get_by_label("Assessment notes").fill("Prefers mornings; brother walks with her.")
    page.get_by_role("button", name="Save assessment and preview").click()

    summary = page.get_by_role("alert").filter(has_text="There are problems with")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="Suicide risk (your assessment)")).to_be_visible()
    check_page(page, "assessment-errors", shots=True)
    # Everything typed is still there.
    expect(page.get_by_label("Age in years")).to_have_value("41")
    expect(page.get_by_label("Primary condition")).to_have_value("anxiety")
    expect(page.get_by_role("group", name="Barriers").get_by_label("Cost")).to_be_checked()
    expect(page.get_by_label("Other barrier")).to_have_value("Shift work, nights")
    expect(page.get_by_label("Assessment notes")).to_have_value(
        "Prefers mornings; brother walks with her."
    )
    # Each problem links to its question: following it puts the keyboard there.
    summary.get_by_role("link", name="Suicide risk (your assessment)").click()
    expect(page.get_by_role("group", name="Suicide risk").get_by_label("None")).to_be_focused()


def test_the_age_on_record_is_shown_and_the_age_risk_factor_suggested(signed_in_page: Page):
    """A date of birth on the client record: the assessment shows the age it gives (read-only,
    with where it came from) instead of asking it; the sex at birth suggests the ACSM age risk
    factor, and the clinician's tick is what is saved."""
    page = signed_in_page
    today = dt.date.today()
    page.get_by_role("link", name="New client").click()
    page.get_by_label("Name or pseudonym").fill("Robin Hale")
    # 1 January, 58 years ago: 58 on any day of this year.
    page.get_by_label("Date of birth").fill(dt.date(today.year - 58, 1, 1).isoformat())
    page.get_by_role("button", name="Create client").click()
    expect(page.get_by_role("heading", name="Robin Hale", level=1)).to_be_visible()
    page.get_by_role("link", name="New assessment").click()

    age = page.get_by_label("Age in years")
    expect(age).to_be_disabled()
    expect(age).to_have_value("58")
    expect(page.get_by_text("Age 58, from the date of birth on record")).to_be_visible()
    suggestion = page.get_by_text("ACSM counts age as a risk factor for men from 45")
    expect(suggestion).to_be_hidden()
    page.get_by_label("Sex at birth (optional)").select_option(label="Male")
    expect(suggestion).to_be_visible()
    check_page(page, "assessment-form-age-on-record", shots=True)
    page.get_by_label("Sex at birth (optional)").select_option(label="Female")
    expect(suggestion).to_be_hidden()
    expect(page.get_by_text("ACSM counts age as a risk factor for women from 55")).to_be_visible()

    # Suggested, not ticked: the clinician's answer is the one saved.
    answers = {name: value for name, value in C01_ANSWERS.items() if name != "age"}
    helpers.fill_form(page, "assessment-form", answers)
    page.get_by_role("button", name="Save assessment and preview").click()
    expect(page.get_by_role("heading", name="Plan preview for Robin Hale")).to_be_visible()
    from planner.models import Intake

    saved = Intake.objects.get(client__display_name="Robin Hale")
    assert (saved.age, saved.sex_at_birth, saved.cv_risk_factors) == (58, "female", [])


def test_second_save_of_the_same_plan_gets_the_conflict_message(
    browser, live_server, clinician_user
):
    """Two devices adjust revision 1 at once: the second save is refused, keeping its input."""
    first = browser.new_context(viewport=helpers.DESKTOP)
    second = browser.new_context(viewport=helpers.DESKTOP)
    try:
        page_a, page_b = first.new_page(), second.new_page()
        helpers.log_in(page_a, live_server.url, clinician_user.username)
        create_client(page_a, "Sam Hale")
        assess(page_a, "Sam Hale", C01_ANSWERS)
        page_a.get_by_role("button", name="Save as revision").click()
        expect(page_a.get_by_role("heading", name="Sam Hale: revision 1")).to_be_visible()
        revision_1 = page_a.url

        def open_adjust(page: Page) -> None:
            page.get_by_role("link", name="Adjust the plan").click()
            expect(page.get_by_role("heading", name="Adjust the plan of Sam Hale")).to_be_visible()

        open_adjust(page_a)
        check_page(page_a, "adjust", shots=True)
        helpers.log_in(page_b, live_server.url, clinician_user.username)
        page_b.goto(revision_1)
        open_adjust(page_b)

        page_a.get_by_label("Lower the target to").fill("120")
        page_a.get_by_label("Reason").fill("Knee pain: a lower target for now")
        page_b.get_by_label("Lower the start to").fill("20")
        page_b.get_by_label("Reason").fill("Busy month: start gentler")
        page_a.get_by_role("button", name="Save the adjusted plan").click()
        expect(page_a.get_by_role("heading", name="Sam Hale: revision 2")).to_be_visible()

        page_b.get_by_role("button", name="Save the adjusted plan").click()
        notice = page_b.get_by_role("alert").filter(has_text="This plan changed since you opened")
        expect(notice).to_be_visible()
        expect(notice).to_contain_text("Revision 2 was saved by")
        expect(page_b.get_by_label("Lower the start to")).to_have_value("20")
        expect(page_b.get_by_label("Reason")).to_have_value("Busy month: start gentler")
        check_page(page_b, "adjust-conflict", shots=True)
        # The comparison opens in a new tab by itself: the form keeps what was typed (pages are
        # no-store, so "Back" after leaving it would not bring the typing back).
        with second.expect_page() as new_tab:
            compare_link = "Compare revision 1 with 2 (opens in a new tab)"
            notice.get_by_role("link", name=compare_link).click()
        compare = new_tab.value
        expect(page_b.get_by_label("Reason")).to_have_value("Busy month: start gentler")
        heading = compare.get_by_role("heading", name="Revision 1 and revision 2 compared")
        expect(heading).to_be_visible()
        expect(compare.get_by_role("status").filter(has_text="Changed:")).to_contain_text("Target")
        compare.close()

        # Having looked, the second clinician saves on top of revision 2, on purpose.
        page_b.get_by_role("button", name="Save the adjusted plan").click()
        expect(page_b.get_by_role("heading", name="Sam Hale: revision 3")).to_be_visible()
        expect(page_b.locator(".revision-meta")).to_contain_text("Busy month: start gentler")
    finally:
        first.close()
        second.close()


def test_account_pages(signed_in_page: Page, live_server):
    """Profile, activity, two-factor set-up, password change, sign-out and password reset."""
    page = signed_in_page
    page.get_by_role("link", name="Profile").click()
    expect(page.get_by_role("heading", name="Your profile")).to_be_visible()
    check_page(page, "profile", shots=True)
    page.get_by_role("link", name="Set up two-factor sign-in").click()
    expect(page.get_by_role("img", name="QR code")).to_be_visible()
    check_page(page, "twofactor-setup", shots=True)
    page.get_by_role("link", name="Profile").click()
    page.get_by_role("link", name="Change password").click()
    expect(page.get_by_label("Old password")).to_be_visible()
    check_page(page, "password-change")

    page.get_by_role("link", name="Activity").click()
    expect(page.get_by_role("heading", name="Your activity")).to_be_visible()
    expect(page.get_by_role("table", name="Your activity")).to_contain_text("login")
    check_page(page, "activity", shots=True)

    page.goto(f"{live_server.url}/no-such-page/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check_page(page, "not-found")

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    page.get_by_role("link", name="Forgotten your password?").click()
    expect(page.get_by_label("Email")).to_be_visible()
    check_page(page, "password-reset")


def test_gated_plan_cannot_be_released_until_attested(signed_in_page: Page):
    """Passive suicidal ideation: the plan needs the clinician's risk attestation first."""
    page = signed_in_page
    create_client(page, "Alex Moor")
    assess(page, "Alex Moor", {**C01_ANSWERS, "suicide_risk": "passive_ideation"})
    expect(page.get_by_role("term").filter(has_text="Gates")).to_be_visible()
    expect(page.locator(".plan-summary")).to_contain_text("Risk attestation")
    page.get_by_role("button", name="Save as revision").click()
    expect(page.get_by_role("heading", name="Alex Moor: revision 1")).to_be_visible()

    open_release_page(page, 1)
    gates = page.get_by_role("region", name="Gates")
    expect(gates).to_contain_text("open")
    expect(page.get_by_role("button", name="Release revision 1")).to_have_count(0)
    check_page(page, "release-gated", shots=True)

    # Attesting without ticking the statement is refused.
    gates.get_by_role("button", name="Attest").click()
    expect(page.get_by_role("alert").filter(has_text="Tick the statement")).to_be_visible()
    expect(page.get_by_role("button", name="Release revision 1")).to_have_count(0)
    check_page(page, "release-attest-error")

    page.get_by_label("I have assessed risk; a safety plan is in place").check()
    page.get_by_label("Details (optional)").fill("Safety plan reviewed with the client")
    page.get_by_role("button", name="Attest").click()
    expect(page.get_by_role("status")).to_contain_text("Attested")
    expect(page.get_by_role("region", name="Gates")).to_contain_text("attested")
    page.get_by_role("button", name="Release revision 1").click()
    expect(page.get_by_role("status")).to_contain_text("Revision 1 released")
    content = download_pdf(page, "Client handout, as given to the client (PDF)")
    assert content.startswith(b"%PDF")
    assert "Alex Moor" in pdf_text(content)


def test_check_ins_then_review_then_accepted_hold_then_charts(
    page: Page, live_server, clinician_user
):
    """Three weeks of check-ins, a week-4 review proposing a hold, accepted: revision 2 and the
    progress charts with their tables."""
    start = dt.date.today() - dt.timedelta(weeks=3)
    client, _revision = plan_started(owner=clinician_user, start=start)
    name = client.display_name
    helpers.log_in(page, live_server.url, clinician_user.username)
    page.get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", name="Progress and reviews")).to_be_visible()

    for week, minutes in ((1, 30), (2, 25), (3, 30)):
        page.get_by_role("link", name="Record a check-in").click()
        expect(page.get_by_role("heading", name=f"Record a check-in for {name}")).to_be_visible()
        check_page(page, "checkin-form", shots=True)
        week_select = page.get_by_role("combobox", name="Week")
        option = week_select.locator("option", has_text=f"Week {week}, from ")
        week_select.select_option(option.get_attribute("value"))
        page.get_by_label("Plan step").fill(str(week))
        page.get_by_label("Minutes completed").fill(str(minutes))
        page.get_by_label("Sessions completed").fill("3")
        page.get_by_role("group", name="Adverse event").get_by_label("none").check()
        if week == 3:
            page.get_by_label("PHQ-9 total").fill("7")
            page.get_by_label("PHQ-9 item 9").fill("0")
            page.get_by_label("GAD-7 total").fill("5")
        page.get_by_role("button", name="Save check-in").click()
        expect(page.get_by_role("status")).to_contain_text("Check-in saved")

    expect(page.get_by_role("heading", name=name, level=1)).to_be_visible()
    page.get_by_role("link", name="Run a review").click()
    expect(page.get_by_role("heading", name=f"Review of {name}")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("70%")
    check_page(page, "review-form", shots=True)
    page.get_by_label("Review notes").fill("Tired weeks at work.")
    page.get_by_role("button", name="Propose an action").click()

    expect(page.get_by_role("heading", name="Proposed action")).to_be_visible()
    expect(page.get_by_role("region", name="Proposed action")).to_contain_text(
        "Hold the current step"
    )
    check_page(page, "review-proposal", shots=True)
    page.get_by_role("group", name="Your decision").get_by_label("Accept the proposal").check()
    page.get_by_label("Reason or note").fill("Agreed with the client.")
    page.get_by_role("button", name="Record decision").click()

    expect(page.get_by_role("heading", name=f"{name}: revision 2")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Accepted. Revision 2 saved.")
    expect(page.locator(".revision-meta")).to_contain_text("hold the current step")

    page.get_by_role("link", name=name).first.click()
    minutes = page.get_by_role("region", name="Planned and completed minutes")
    expect(minutes.locator("svg")).to_be_visible()
    weeks = minutes.get_by_role("table", name="Minutes a week")
    for completed in ("30", "25"):
        expect(weeks.get_by_role("cell", name=completed, exact=True).first).to_be_visible()
    scores = page.get_by_role("region", name="PHQ-9 and GAD-7")
    expect(scores.locator("svg")).to_be_visible()
    expect(scores.get_by_role("table", name="Questionnaire totals by date")).to_contain_text("7")
    check_page(page, "client-progress", shots=True)


def test_restore_an_older_revision_as_a_new_one(page: Page, live_server, clinician_user):
    """Revision 2 lowered the target; the clinician restores revision 1 as revision 3, with a
    note, and finds it in the history."""
    first = make_revision(clinician_user)
    client = first.plan.client
    revision_adjust(user=clinician_user, client=client, base_revision=1,
                    changes=[("lower_target_minutes", 120)], reason="Knee pain: lower for now")
    helpers.log_in(page, live_server.url, clinician_user.username)
    page.get_by_role("link", name=client.display_name).click()
    page.get_by_role("link", name="Plan history").first.click()
    history = page.get_by_role("table", name="Revisions, newest first")
    row_1 = history.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Revision 1"))
    row_1.get_by_role("link", name="Restore").click()

    expect(page.get_by_role("heading", name="Restore revision 1", level=1)).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("What changes: revision 2 → revision 1")
    target = page.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Target (minutes a week)", exact=True))
    expect(target).to_contain_text("120")  # revision 2, lowered
    expect(target).to_contain_text("150")  # revision 1, what the restore brings back
    check_page(page, "restore", shots=True)
    page.get_by_label("Note (optional)").fill("Knee better: back to the full target")
    page.get_by_role("button", name="Restore revision 1 as a new draft").click()

    expect(page.get_by_role("heading", name=f"{client.display_name}: revision 3")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text(
        "Revision 1 restored as revision 3, a draft: the client keeps the plan they have")
    expect(page.locator(".revision-meta")).to_contain_text(
        "Restored from revision 1: Knee better: back to the full target")
    expect(page.locator(".release-state")).to_contain_text("Not released")
    # issue 22: the draft is visible as a draft, beside what the client has
    expect(page.locator(".release-line")).to_contain_text(
        "Client has: no plan released yet · draft Draft: revision 3, not released")
    page.get_by_role("navigation", name="Revision actions").get_by_role(
        "link", name="Plan history").click()
    history = page.get_by_role("table", name="Revisions, newest first")
    expect(history.get_by_role("row")).to_have_count(4)  # the header and revisions 3, 2, 1
    newest = history.get_by_role("row").nth(1)
    expect(newest.get_by_role("rowheader")).to_contain_text("Revision 3")
    expect(newest.get_by_role("rowheader")).to_contain_text("current")
    expect(newest).to_contain_text("Restored from revision 1: Knee better")
    check_page(page, "plan-history-restored")


def test_record_clearance_then_release_the_new_revision(page: Page, live_server, clinician_user):
    """Chest pain on exertion: revision 1 waits for medical clearance and cannot be released;
    recording the clearance makes revision 2, which has no open gate and is released."""
    pending = make_revision(clinician_user, **GATE_ANSWERS["CLEARANCE_PENDING"])
    client = pending.plan.client
    helpers.log_in(page, live_server.url, clinician_user.username)
    page.get_by_role("link", name=client.display_name).click()
    page.get_by_role("link", name="Revision 1", exact=True).first.click()
    # Rules 8.15: the preview of what the client reads names the gate and shows the letter.
    preview = page.get_by_role("region", name="Not for the client yet: medical clearance pending")
    expect(preview.get_by_role("heading", level=3).first).to_have_text(
        "Please see your doctor soon, before you start your activity plan")
    check_page(page, "revision-clearance-pending")
    open_release_page(page, 1)
    gates = page.get_by_role("region", name="Gates")
    expect(gates).to_contain_text("open")
    expect(page.get_by_role("button", name="Release revision 1")).to_have_count(0)
    check_page(page, "release-clearance-pending", shots=True)
    gates.get_by_role("link", name="Record the clearance").click()

    expect(page.get_by_role("heading", name=f"Record medical clearance for {client.display_name}")
           ).to_be_visible()
    check_page(page, "clearance-form", shots=True)
    page.get_by_label("Date cleared").fill(dt.date.today().isoformat())
    page.get_by_label("Cleared by (name or role)").fill("Dr Ortiz, GP")
    page.get_by_role("button", name="Record clearance and update the plan").click()

    expect(page.get_by_role("heading", name=f"{client.display_name}: revision 2")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Clearance recorded: saved as revision 2.")
    expect(page.locator(".revision-meta")).to_contain_text("Clearance recorded")
    open_release_page(page, 2)
    expect(page.get_by_role("region", name="Gates")).to_contain_text("This revision has no gates.")
    page.get_by_role("button", name="Release revision 2").click()
    expect(page.get_by_role("status")).to_contain_text("Revision 2 released")
    content = download_pdf(page, "Client handout, as given to the client (PDF)")
    assert content.startswith(b"%PDF") and client.display_name in pdf_text(content)
    check_page(page, "released-after-clearance")
