"""
Issue 22 in the browser: the restore journey shows which revision the client holds and that the
restored one is a draft; no page of the journey logs a console error or scrolls sideways at
390 px, even with a 120-character unbroken client name and reason. Each page passes axe.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from planner.models import Client
from planner.services.releases import revision_release
from tests.e2e import helpers
from tests.support.revisions import make_revision

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

LONG = "W" * 120  # no space, no hyphen: the browser must break it
PHONE = {"width": 390, "height": 844}


def no_sideways_scroll(page: Page, where: str) -> None:
    size = page.viewport_size
    page.set_viewport_size(PHONE)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    page.set_viewport_size(size)
    assert overflow <= 0, f"{where} is {overflow}px wider than a 390 px phone screen"


def test_restore_journey_shows_the_draft_without_console_errors_or_sideways_scroll(
        page: Page, live_server, clinician_user):
    first = make_revision(clinician_user)
    client = first.plan.client
    Client.objects.filter(pk=client.pk).update(display_name=LONG, notes=LONG)
    revision_release(user=clinician_user, revision=first)
    make_revision(clinician_user, client=client)  # revision 2, a draft

    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    helpers.log_in(page, live_server.url, clinician_user.username)

    page.goto(live_server.url + reverse("planner:plan_history", args=[client.pk]))
    expect(page.locator(".release-line")).to_contain_text("Draft: revision 2, not released")
    helpers.check_page(page, "history with a draft")
    no_sideways_scroll(page, "history")

    page.goto(live_server.url + reverse("planner:revision_restore", args=[client.pk, 1]))
    page.get_by_label("Note (optional)").fill(LONG)
    page.get_by_role("button", name="Restore revision 1 as a new draft").click()
    expect(page.locator(".alert-success, .alert")).to_contain_text(
        "restored as revision 3, a draft")
    line = page.locator(".release-line")
    expect(line).to_contain_text("Client has: revision 1, released")
    expect(line).to_contain_text("Draft: revision 3, not released")
    expect(page.locator(".release-state")).to_contain_text("Not released")
    helpers.check_page(page, "restored draft revision")
    no_sideways_scroll(page, "restored draft revision")

    for name, url in (
        ("client page with a draft", reverse("planner:client_detail", args=[client.pk])),
        ("client list with a draft", reverse("planner:client_list")),
        ("release page of a draft", reverse("planner:revision_release", args=[client.pk, 3])),
    ):
        page.goto(live_server.url + url)
        if "release page" in name:
            expect(page.get_by_role("link", name="Client handout (draft)", exact=True)
                   ).to_be_visible()
        else:
            expect(page.locator(".release-line").first).to_contain_text(
                "Draft: revision 3, not released")
        helpers.check_page(page, name)
        no_sideways_scroll(page, name)

    assert errors == [], errors
