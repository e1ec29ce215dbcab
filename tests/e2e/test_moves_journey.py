"""Issue 25 in a real Chromium: the clinician swaps a move and sets its repetitions on the adjust
page (every move drawn, labelled and checked with axe-core), sees a refusal with its reason,
saves, and finds the change in the comparison."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.e2e import helpers
from tests.e2e.helpers import check_page
from tests.support.revisions import make_revision

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def test_swap_a_move_with_its_picture_and_see_it_in_the_comparison(
        page: Page, live_server, clinician_user):
    revision = make_revision(clinician_user, base_strength_days=1, fear_of_falling=True)
    client = revision.plan.client
    helpers.log_in(page, live_server.url, clinician_user.username)
    page.goto(live_server.url + reverse("planner:plan_adjust", args=[client.pk]))
    picker = page.get_by_role("group", name="Strength and balance moves")
    expect(picker).to_be_visible()
    wall = picker.get_by_role("checkbox", name="Wall push-up")
    expect(wall).to_be_checked()
    expect(picker.get_by_role("img", name="Wall push-up. Start: leaning on a wall")).to_be_visible()
    # the rest of the library folds away; a move the rules rule out for this client is shown,
    # cannot be ticked, and says why
    picker.get_by_text("Add a move from the library").click()
    expect(picker.get_by_role("checkbox", name="Step-up")).to_be_disabled()
    expect(picker).to_contain_text("Step-up is not offered with a falls risk")
    check_page(page, "adjust-moves", shots=True)

    wall.uncheck()
    picker.get_by_role("checkbox", name="Counter push-up").check()
    picker.get_by_label("Repetitions — Counter push-up").fill("20")
    page.get_by_label("Reason").fill("Wall push-ups feel too easy")
    page.get_by_role("button", name="Save the adjusted plan").click()
    expect(picker).to_contain_text("Counter push-up: repetitions must be from 5 to 15")
    expect(picker.get_by_label("Repetitions — Counter push-up")).to_have_value("20")
    expect(page.get_by_label("Reason")).to_have_value("Wall push-ups feel too easy")
    check_page(page, "adjust-moves-refused")

    picker.get_by_label("Repetitions — Counter push-up").fill("12")
    page.get_by_role("button", name="Save the adjusted plan").click()
    expect(page.get_by_role("heading", name=f"{client.display_name}: revision 2")).to_be_visible()

    compare = reverse("planner:revision_compare", args=[client.pk])
    page.goto(f"{live_server.url}{compare}?a=1&b=2")
    row = page.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Strength and balance moves", exact=True))
    expect(row).to_contain_text("Wall push-up")
    expect(row).to_contain_text("Counter push-up 1×12")
    expect(page.get_by_role("main")).to_contain_text("Wall push-ups feel too easy")
