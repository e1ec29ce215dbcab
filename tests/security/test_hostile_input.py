"""
Hostile input answers 400 or a field error, never 500; text of any script round-trips (R6, S7).

Oversized bodies and too many fields are refused by Django before a view runs
(DATA_UPLOAD_MAX_MEMORY_SIZE, DATA_UPLOAD_MAX_NUMBER_FIELDS). Form fields reject NUL bytes and
over-long text with a message on the field. The client-facing forms get the same checks in
tests/security/test_access_matrix.py and the assessment fuzz.
"""

import html

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils.http import urlencode

from planner.models import Client as ClientRecord
from planner.models import ClinicianProfile

pytestmark = pytest.mark.django_db

PROFILE = reverse("planner:profile")
VALID = {"display_name": "Dr Sam Lee", "profession": "Physiotherapist",
         "organisation": "Riverside", "handout_contact": "0123", "paper_size": "A4"}
SCRIPT = "<script>alert(1)</script>"
JS_LINK = '<a href="javascript:x">click</a>'


def saved_name(clinician):
    return ClinicianProfile.objects.get(user=clinician).display_name


def test_the_limits_are_set():
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 256 * 1024
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS == 400


@override_settings(DEBUG=False)
def test_an_oversized_form_body_answers_400(browser, clinician):
    before = saved_name(clinician)
    data = {**VALID, "display_name": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}
    response = browser.post(PROFILE, urlencode(data),
                            content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert "The request could not be handled" in response.content.decode()
    assert saved_name(clinician) == before


@override_settings(DEBUG=False)
def test_an_oversized_multipart_body_answers_400(browser, clinician):
    before = saved_name(clinician)
    response = browser.post(PROFILE, {**VALID, "organisation": "y" * 300 * 1024})
    assert response.status_code == 400
    assert saved_name(clinician) == before


@override_settings(DEBUG=False)
def test_too_many_fields_answer_400(browser, clinician):
    before = saved_name(clinician)
    fields = [(f"f{n}", "1") for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)]
    response = browser.post(PROFILE, urlencode([*VALID.items(), *fields]),
                            content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert saved_name(clinician) == before
    # Repeating one field many times counts too (a checkbox list is many values of one name).
    response = browser.post(PROFILE, urlencode({**VALID, "paper_size": ["A4"] * 500}, doseq=True),
                            content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400


def test_a_body_within_the_limits_is_handled_normally(browser, clinician):
    fields = [(f"f{n}", "1") for n in range(300)]
    response = browser.post(PROFILE, urlencode([*VALID.items(), *fields]),
                            content_type="application/x-www-form-urlencoded")
    assert response.status_code == 302
    assert saved_name(clinician) == "Dr Sam Lee"


@pytest.mark.parametrize("field", ["display_name", "profession", "organisation",
                                   "handout_contact"])
def test_nul_bytes_are_rejected_with_a_field_error(browser, clinician, field):
    before = saved_name(clinician)
    response = browser.post(PROFILE, {**VALID, field: "Dr\x00Lee"})
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()
    assert saved_name(clinician) == before


def test_over_long_text_is_rejected_with_a_field_error(browser, clinician):
    response = browser.post(PROFILE, {**VALID, "display_name": "x" * 121})
    assert response.status_code == 200
    assert "Ensure this value has at most 120 characters (it has 121)." in (
        response.content.decode()
    )


def test_undecodable_bytes_do_not_fail(browser):
    response = browser.post(PROFILE, b"display_name=%FF%FE%00&paper_size=A4",
                            content_type="application/x-www-form-urlencoded")
    assert response.status_code in (200, 302)


@pytest.mark.parametrize("name", [
    "Dr Zoë Ångström-Núñez",        # accents
    "Dr Sam 😀🏃‍♀️",                  # emoji, with a zero-width joiner sequence
    "د. مريم العلي",                # Arabic, right to left
    "ד״ר נועה",                     # Hebrew, right to left
    "李医生",
])
def test_any_script_round_trips_through_the_profile(browser, clinician, name):
    response = browser.post(PROFILE, {**VALID, "display_name": name})
    assert response.status_code == 302
    assert saved_name(clinician) == name
    page = browser.get(PROFILE).content.decode()
    assert html.escape(name) in page


@pytest.mark.parametrize("name", [SCRIPT, JS_LINK])
def test_markup_in_a_name_is_shown_escaped(browser, clinician, name):
    assert browser.post(PROFILE, {**VALID, "display_name": name}).status_code == 302
    assert saved_name(clinician) == name  # stored as typed; escaped when shown
    for url in (PROFILE, reverse("planner:home")):
        page = browser.get(url).content.decode()
        assert name not in page
        assert "<script>alert" not in page and 'href="javascript:' not in page
    assert html.escape(name) in browser.get(PROFILE).content.decode()


# --- the client form: the same rules on a client's record --------------------------------------

CLIENT = {"display_name": "Alex", "crisis_region": "US", "notes": ""}


def create_client(browser, **fields):
    return browser.post(reverse("planner:client_create"), {**CLIENT, **fields})


@pytest.mark.parametrize("field", ["display_name", "notes"])
def test_nul_bytes_in_a_client_record_are_rejected(browser, field):
    response = create_client(browser, **{field: "Al\x00ex"})
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()
    assert not ClientRecord.objects.exists()


def test_over_long_client_text_is_rejected(browser):
    response = create_client(browser, display_name="x" * 121, notes="y" * 2001)
    body = response.content.decode()
    assert response.status_code == 200
    assert "at most 120 characters (it has 121)" in body
    assert "at most 2000 characters (it has 2001)" in body
    assert not ClientRecord.objects.exists()


@pytest.mark.parametrize("name", ["Zoë Ångström-Núñez", "Sam 😀🏃‍♀️", "مريم العلي", "נועה",
                                  "李小龙"])
def test_a_client_name_in_any_script_round_trips(browser, name):
    response = create_client(browser, display_name=name, notes=f"notes: {name}")
    assert response.status_code == 302
    page = browser.get(response.headers["Location"]).content.decode()
    assert html.escape(name) in page
    assert html.escape(name) in browser.get(reverse("planner:client_list")).content.decode()
