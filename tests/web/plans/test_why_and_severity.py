"""Issue 22 items 2 and 3 on the pages: each "Why?" opens with a plain clinical sentence, the
evidence names its publication, and the preview and plan page say the severity used."""

import html as html_lib
import re

import pytest
from django.urls import reverse

from planner.models import Intake
from tests.support.factories import ClientFactory

from .test_pages import C01, assess, save

pytestmark = pytest.mark.django_db

PHQ15 = dict(C01, depression_severity="moderate", phq9_total=15)


@pytest.fixture
def record(clinician):
    return ClientFactory(owner=clinician, display_name="Ana")


def preview(browser, record, intake):
    assert assess(browser, record, intake).status_code == 302
    saved = Intake.objects.latest("pk")
    response = browser.get(reverse("planner:intake_preview", args=[saved.pk]))
    assert response.status_code == 200
    return saved, response.content.decode()


def text(fragment: str) -> str:
    return html_lib.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_the_preview_says_the_severity_used_in_one_sentence(client_logged_in, record):
    _intake, html = preview(client_logged_in, record, PHQ15)
    line = text(re.search(r'<p class="severity-used".*?</p>', html, re.S)[0])
    assert line == ("Severity as planned: Depression: planned as severe: PHQ-9 15 "
                    "(15\u201319 is the moderately severe band, planned as severe, D-2); "
                    "your rating: moderate.")


def test_the_plan_page_says_it_too_and_the_target_why_opens_in_plain_words(
        client_logged_in, record):
    intake, _html = preview(client_logged_in, record, PHQ15)
    save(client_logged_in, intake)
    page = client_logged_in.get(reverse("planner:plan_revision_detail", args=[record.pk, 1]))
    html = page.content.decode()
    assert "planned as severe: PHQ-9 15" in text(html)
    plains = [text(p) for p in re.findall(r'<p class="why-plain">.*?</p>', html)]
    assert ("Target 90 minutes a week: severe depression; the review recommends building to a "
            "moderate dose before 150.") in plains
    for sentence in plains:  # no formula, variable name or rule id before "Technical detail"
        assert not re.search(r"\b(R-[A-Z]|D-\d|WM|SST|rd5|min\(|max\()", sentence), sentence


def test_evidence_lines_quote_the_seed_and_name_the_publication_not_a_hosting_site(
        client_logged_in, record):
    _intake, html = preview(client_logged_in, record, C01)
    evidence = "".join(re.findall(r'<ul class="why-evidence">.*?</ul>', html, re.S))
    assert "<q>Dose: The most commonly cited threshold is 150 minutes per week" in evidence
    assert "How Exercise Changes the Brain" in html_lib.unescape(evidence)
    assert "yumpu" not in html and ".txt" not in html


def test_severity_options_name_severities_only(client_logged_in, record):
    page = client_logged_in.get(reverse("planner:intake_create", args=[record.pk]))
    html = page.content.decode()
    select = re.search(r'<select name="depression_severity".*?</select>', html, re.S)[0]
    labels = [text(o).strip() for o in re.findall(r"<option[^>]*>.*?</option>", select)]
    assert [label for label in labels if label and not label.startswith("\u2014")] == [
        "Mild", "Moderate", "Severe"]
