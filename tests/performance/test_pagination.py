"""
Long lists paginate (quality.md P4 and usability): the client list, the plan
history, the check-in list and the activity page. Each page has a navigation landmark named for
what it pages through, the current page marked with aria-current, links to its neighbours, and
a page number that is out of range or not a number gives a page of the list, never an error.
"""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from planner.models import AuditEvent, CheckIn, PlanRevision
from tests.performance.test_query_counts import (
    add_clients,
    add_events,
    client_with_checkins,
    client_with_revisions,
    new_clinician,
)
from tests.support.auth import browser_for

pytestmark = pytest.mark.django_db


def pager(page_html: str, label: str) -> tuple[str, list[tuple[str, str]]]:
    """Return the current page's text and the (href, text) links of the nav named `label`."""
    found = re.search(
        rf'<nav aria-label="{re.escape(label)}">(.*?)</nav>', page_html, re.DOTALL
    )
    assert found, f"no <nav aria-label={label!r}>"
    nav = found.group(1)
    current = re.findall(r'<li[^>]*aria-current="page"[^>]*>(.*?)</li>', nav, re.DOTALL)
    assert len(current) == 1, current
    links = re.findall(r'<a[^>]*href="([^"]*)"[^>]*>(.*?)</a>', nav, re.DOTALL)
    text = lambda s: " ".join(re.sub(r"<[^>]+>", " ", s).split())  # noqa: E731
    return text(current[0]), [(html.unescape(href), text(label)) for href, label in links]


def get(browser, url, **params):
    response = browser.get(url, params)
    assert response.status_code == 200, (url, params, response.status_code)
    return response


# --- client list: 25 a page ------------------------------------------------------------------


@pytest.fixture
def sixty_clients():
    owner = new_clinician()
    add_clients(owner, 60)
    return owner


def client_names(response) -> list[str]:
    return [c.display_name for c in response.context["page"].object_list]


def test_the_client_list_pages_through_sixty_clients(sixty_clients):
    browser, url = browser_for(sixty_clients), reverse("planner:client_list")
    newest_first = [
        c.display_name for c in sixty_clients.clients.order_by("-last_activity", "-id")
    ]
    first = get(browser, url)
    current, links = pager(first.content.decode(), "Pages of clients")
    assert current == "Page 1 of 3"
    assert links == [("?page=2", "Next")]
    assert client_names(first) == newest_first[:25]

    second = get(browser, url, page=2)
    current, links = pager(second.content.decode(), "Pages of clients")
    assert current == "Page 2 of 3"
    assert links == [("?page=1", "Previous"), ("?page=3", "Next")]
    assert client_names(second) == newest_first[25:50]
    assert client_names(get(browser, url, page=3)) == newest_first[50:]


def test_client_list_page_links_keep_the_search(sixty_clients):
    browser = browser_for(sixty_clients)
    response = get(browser, reverse("planner:client_list"), q="Client 00", page=2)
    # "Client 0001" .. "Client 0059": 59 matches, three pages.
    current, links = pager(response.content.decode(), "Pages of clients")
    assert current == "Page 2 of 3"
    assert [href for href, _text in links] == ["?q=Client%2000&page=1", "?q=Client%2000&page=3"]


@pytest.mark.parametrize("asked", ["4", "999", "99999999999999999999", "0", "-1"])
def test_a_client_list_page_out_of_range_shows_the_last_page(sixty_clients, asked):
    response = get(browser_for(sixty_clients), reverse("planner:client_list"), page=asked)
    current, _links = pager(response.content.decode(), "Pages of clients")
    assert current == "Page 3 of 3"
    assert len(response.context["page"].object_list) == 10


@pytest.mark.parametrize("asked", ["abc", "", "1.5", "%00"])
def test_a_client_list_page_that_is_not_a_number_shows_the_first_page(sixty_clients, asked):
    response = get(browser_for(sixty_clients), reverse("planner:client_list"), page=asked)
    current, _links = pager(response.content.decode(), "Pages of clients")
    assert current == "Page 1 of 3"


def test_a_short_client_list_has_no_page_links():
    owner = new_clinician()
    add_clients(owner, 25)
    response = get(browser_for(owner), reverse("planner:client_list"))
    assert "Pages of clients" not in response.content.decode()
    assert len(response.context["page"].object_list) == 25


# --- plan history: 25 revisions a page -------------------------------------------------------


def test_the_history_pages_through_sixty_revisions():
    owner = new_clinician()
    client = client_with_revisions(owner, 60)
    assert PlanRevision.objects.filter(plan__client=client).count() == 60
    browser, url = browser_for(owner), reverse("planner:plan_history", args=[client.pk])
    numbers = lambda r: [rev.number for rev in r.context["page"].object_list]  # noqa: E731

    second = get(browser, url, page=2)
    current, links = pager(second.content.decode(), "Pages of revisions")
    assert current == "Page 2 of 3"
    assert links == [("?page=1", "Newer"), ("?page=3", "Older")]
    assert numbers(second) == list(range(35, 10, -1))

    for asked in ("999", "0", "-3"):
        last = get(browser, url, page=asked)
        assert pager(last.content.decode(), "Pages of revisions")[0] == "Page 3 of 3"
        assert numbers(last) == list(range(10, 0, -1))
    first = get(browser, url, page="x")
    assert pager(first.content.decode(), "Pages of revisions") == (
        "Page 1 of 3", [("?page=2", "Older")]
    )
    assert numbers(first) == list(range(60, 35, -1))


# --- check-ins: 26 weeks a page --------------------------------------------------------------


def test_the_check_in_list_pages_through_sixty_weeks():
    owner = new_clinician()
    client = client_with_checkins(owner, 60)
    weeks = list(
        CheckIn.objects.filter(client=client).order_by("-week_start")
        .values_list("week_start", flat=True)
    )
    assert len(weeks) == 60
    browser, url = browser_for(owner), reverse("planner:checkin_list", args=[client.pk])
    shown = lambda r: [c.week_start for c in r.context["page"].object_list]  # noqa: E731

    second = get(browser, url, page=2)
    current, links = pager(second.content.decode(), "Pages of check-ins")
    assert current == "Page 2 of 3"
    assert links == [("?page=1", "Newer"), ("?page=3", "Older")]
    assert shown(second) == weeks[26:52]

    for asked in ("4", "1000", "-1"):
        last = get(browser, url, page=asked)
        assert pager(last.content.decode(), "Pages of check-ins")[0] == "Page 3 of 3"
        assert shown(last) == weeks[52:]
    assert shown(get(browser, url, page="first")) == weeks[:26]


# --- activity: 50 events a page --------------------------------------------------------------


def test_the_activity_page_pages_through_its_events():
    owner = new_clinician()
    add_events(owner, 140)
    browser, url = browser_for(owner), reverse("planner:activity")
    mine = AuditEvent.objects.filter(actor_id=owner.pk).count()
    pages = -(-mine // 50)
    assert pages == 3, mine  # 140 events, plus the sign-in if it is audited

    second = get(browser, url, page=2)
    current, links = pager(second.content.decode(), "Pages of your activity")
    assert current == "Page 2 of 3"
    assert links == [("?page=1", "Newer"), ("?page=3", "Older")]
    newest_first = list(
        AuditEvent.objects.filter(actor_id=owner.pk).order_by("-created", "-id")
        .values_list("pk", flat=True)
    )
    assert [e.pk for e in second.context["page"].object_list] == newest_first[50:100]

    for asked in ("3", "77", "0"):
        last = get(browser, url, page=asked)
        assert pager(last.content.decode(), "Pages of your activity")[0] == "Page 3 of 3"
    assert pager(get(browser, url, page="z").content.decode(),
                 "Pages of your activity")[0] == "Page 1 of 3"
