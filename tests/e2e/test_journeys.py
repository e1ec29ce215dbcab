"""
Clinician journeys in a real Chromium, each asserting what the clinician sees. Every page
visited is checked with axe-core and photographed (helpers.check_page).
"""

from playwright.sync_api import Page, expect

from tests.e2e import helpers
from tests.e2e.helpers import C01_ANSWERS, C01_FIRST_STEPS, check_page


def create_client(page: Page, name: str) -> None:
    page.get_by_role("link", name="New client").click()
    expect(page.get_by_role("heading", name="New client")).to_be_visible()
    check_page(page, "client-new", shots=True)
    page.get_by_label("Name or pseudonym").fill(name)
    page.get_by_role("button", name="Create client").click()
    expect(page.get_by_role("heading", name=name, level=1)).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Client created")


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
    page.get_by_role("link", name="Jordan Rivers").click()
    revisions = page.get_by_role("table", name="Revisions, newest first")
    expect(revisions.get_by_role("row")).to_have_count(3)
    expect(revisions).to_contain_text("Review: poor sleep for two weeks")
    check_page(page, "client-detail", shots=True)
    page.get_by_role("link", name="Clients", exact=True).first.click()
    expect(page.get_by_role("rowheader", name="Jordan Rivers")).to_be_visible()
    check_page(page, "client-list", shots=True)
