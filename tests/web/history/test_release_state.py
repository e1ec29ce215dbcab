"""Issue 22 item 1: released vs draft, everywhere. The client list, client page, history and
plan page say which revision the client holds and which is a draft when they differ."""

import html as html_lib
import re

import pytest
from django.urls import reverse

from planner.models import Release
from planner.presenters.dates import format_date
from planner.services.releases import revision_release
from tests.support.revisions import make_revision

pytestmark = pytest.mark.django_db


def page_text(browser, url) -> str:
    response = browser.get(url)
    assert response.status_code == 200
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def urls(client_pk, number):
    return {
        "list": reverse("planner:client_list"),
        "client": reverse("planner:client_detail", args=[client_pk]),
        "history": reverse("planner:plan_history", args=[client_pk]),
        "plan": reverse("planner:plan_revision_detail", args=[client_pk, number]),
    }


@pytest.fixture
def released_two(clinician):
    """Revision 1, then revision 2 released to the client."""
    first = make_revision(clinician)
    second = make_revision(clinician, client=first.plan.client)
    revision_release(user=clinician, revision=second)
    return second


def test_after_release_every_page_says_the_client_has_it_and_no_draft(
        client_logged_in, released_two):
    when = format_date(Release.objects.get().released_at)
    client_pk = released_two.plan.client_id
    for name, url in urls(client_pk, 2).items():
        text = page_text(client_logged_in, url)
        assert f"Client has: revision 2, released {when}" in text, name
        assert "Draft: revision" not in text, name


def test_restore_makes_a_draft_says_so_and_every_page_shows_both(
        client_logged_in, released_two):
    client_pk = released_two.plan.client_id
    when = format_date(Release.objects.get().released_at)
    response = client_logged_in.post(
        reverse("planner:revision_restore", args=[client_pk, 1]),
        {"base_revision": 2, "note": "back to the first plan"}, follow=True)
    assert response.status_code == 200
    text = " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ",
                                             response.content.decode())).split())
    assert "restored as revision 3, a draft: the client keeps the plan they have" in text
    both = f"Client has: revision 2, released {when} · draft Draft: revision 3, not released"
    for name, url in urls(client_pk, 3).items():
        assert both in page_text(client_logged_in, url), name
    # the client's own revision still says the client has it
    assert "Not released" not in page_text(client_logged_in, urls(client_pk, 2)["plan"])


def test_a_new_draft_before_any_release(client_logged_in, clinician):
    first = make_revision(clinician)
    text = page_text(client_logged_in, urls(first.plan.client_id, 1)["client"])
    assert "Client has: no plan released yet · draft Draft: revision 1, not released" in text


def test_the_handout_link_says_draft_then_as_given_to_the_client(client_logged_in, clinician):
    first = make_revision(clinician)
    url = reverse("planner:revision_release", args=[first.plan.client_id, 1])
    before = page_text(client_logged_in, url)
    assert "Client handout (draft)" in before and "preview" not in before
    revision_release(user=clinician, revision=first)
    after = page_text(client_logged_in, url)
    assert "Client handout, as given to the client (PDF)" in after
    assert "Client handout (draft)" not in after and "preview" not in after
