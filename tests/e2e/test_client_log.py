"""The client's own log in a browser (issue 23): on a 390 px phone, with no account, the client
logs two days through the link printed on their handout; axe-core finds nothing serious on the
page; the clinician then sees both days in the client's check-ins, marked as the client's."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from planner.models import ClientLogLink
from tests.e2e import helpers
from tests.support.clientlog import page_url, released

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def test_a_client_logs_two_days_on_a_phone_and_the_clinician_sees_them(
    page: Page, live_server, clinician_user
):
    today = timezone.localdate()
    yesterday = today - dt.timedelta(days=1)
    owner, _revision, link, token = released(owner=clinician_user,
                                             start=today - dt.timedelta(days=3))
    # Released yesterday: yesterday can be logged too.
    ClientLogLink.objects.filter(pk=link.pk).update(valid_from=yesterday)

    page.set_viewport_size(helpers.PHONE)
    page.goto(live_server.url + page_url(token))
    expect(page.get_by_role("heading", name="My activity log")).to_be_visible()
    helpers.check_page(page, "client-log", shots=True)

    for day_label, minutes, effort, feeling in (
        (f"{yesterday:%A} {yesterday.day} {yesterday:%B}", "20", "brisk", "7"),
        ("Today", "25", "easy", "8"),
    ):
        form = page.locator("#log-form")
        form.get_by_text(day_label, exact=True).click()
        form.get_by_text("I was active", exact=True).click()
        page.get_by_label("Minutes active").fill(minutes)
        form.get_by_text(effort, exact=True).click()
        form.locator("label", has_text=feeling).filter(has_text=feeling).get_by_text(
            feeling, exact=True).click()
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_role("status")).to_contain_text("Saved.")
    logged = page.locator("ul.logged")
    expect(logged).to_contain_text("Today: 25 minutes, easy; feeling 8 out of 10")
    expect(logged).to_contain_text("20 minutes, brisk; feeling 7 out of 10")
    helpers.check_page(page, "client-log-after", shots=True)

    page.set_viewport_size(helpers.DESKTOP)
    helpers.log_in(page, live_server.url, clinician_user.username)
    page.goto(live_server.url + reverse("planner:checkin_list", args=[owner.pk]))
    checkins = page.locator("table.checkins")
    expect(checkins).to_contain_text("logged by the client")
    expect(checkins.locator("tbody tr").first).to_contain_text("45")
    days = page.locator("table.client-log tbody tr")
    expect(days).to_have_count(2)
    expect(days.first).to_contain_text("25 minutes, easy")
    helpers.check_page(page, "checkins-with-client-log", shots=True)
