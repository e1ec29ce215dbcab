"""
Physical-health measures (issue 26): every measure's valid range (model and form, metric and US
units), blood pressure's two numbers, the prompts from the flags, and the pages.

The ranges below are written out by hand from the issue's list, not read from measure_kinds.py,
so a changed range fails here.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from planner.forms.measures import MeasuresForm
from planner.measure_kinds import MeasureKind
from planner.models import AuditEvent, ClinicianProfile, Measure
from planner.presenters.measures import prompts
from planner.services.measures import measures_record
from tests.support.auth import browser_for
from tests.support.factories import ClientFactory, IntakeFactory
from tests.support.progress import plan_started

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()
# kind: (lowest valid, highest valid, just below, just above), metric.
RANGES = {
    MeasureKind.WEIGHT: ("20", "300", "19.9", "300.1"),
    MeasureKind.WAIST: ("40", "200", "39.9", "200.1"),
    MeasureKind.RESTING_HEART_RATE: ("30", "200", "29", "201"),
    MeasureKind.CHAIR_STAND_30S: ("0", "50", "-1", "51"),
    MeasureKind.TIMED_UP_AND_GO: ("3", "120", "2.9", "120.1"),
    MeasureKind.WALK_6_MIN: ("10", "1000", "9", "1001"),
    MeasureKind.WALK_2_MIN: ("5", "400", "4", "401"),
}


def save(client, kind, value, diastolic=None, **extra):
    entry = (Decimal(value), diastolic) if kind == MeasureKind.BLOOD_PRESSURE else Decimal(value)
    return measures_record(client=client, author=client.owner, measured_on=TODAY,
                           values={kind: entry}, **extra)


@pytest.mark.parametrize("kind", list(RANGES))
def test_each_measure_accepts_its_range_and_refuses_beyond_it(clinician, kind):
    client = ClientFactory(owner=clinician)
    low, high, below, above = RANGES[kind]
    save(client, kind, low)
    save(client, kind, high)
    for bad in (below, above):
        with pytest.raises(ValidationError) as refused:
            save(client, kind, bad)
        assert "value" in refused.value.error_dict
    assert Measure.objects.filter(client=client).count() == 2


def test_blood_pressure_needs_both_numbers_in_range_and_diastolic_below_systolic(clinician):
    client = ClientFactory(owner=clinician)
    bp = MeasureKind.BLOOD_PRESSURE
    save(client, bp, "60", 30)
    save(client, bp, "260", 160)
    for systolic, diastolic, field in (("59", 40, "value"), ("261", 90, "value"),
                                       ("120", 29, "diastolic"), ("200", 161, "diastolic"),
                                       ("120", 120, "diastolic"), ("120", None, "diastolic")):
        with pytest.raises(ValidationError) as refused:
            save(client, bp, systolic, diastolic)
        assert field in refused.value.error_dict, (systolic, diastolic)
    with pytest.raises(ValidationError) as refused:  # only blood pressure has two numbers
        Measure(client=client, kind="weight", value=70, diastolic=80, measured_on=TODAY,
                author=clinician).full_clean()
    assert "diastolic" in refused.value.error_dict


def test_a_future_date_and_another_clients_occasion_are_refused(clinician):
    client, _revision = plan_started(owner=clinician)
    other, _ = plan_started(owner=clinician)
    with pytest.raises(ValidationError) as refused:
        measures_record(client=client, author=clinician, measured_on=TODAY + dt.timedelta(1),
                        values={MeasureKind.WEIGHT: Decimal(70)})
    assert "measured_on" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        measures_record(client=client, author=clinician, measured_on=TODAY,
                        values={MeasureKind.WEIGHT: Decimal(70)}, intake=other.intakes.get())
    assert "That occasion belongs to another client." in str(refused.value)
    assert not Measure.objects.exists()


def form(data, units="metric"):
    return MeasuresForm({"measured_on": TODAY.isoformat(), **data}, units=units, occasions=())


@pytest.mark.parametrize("units, field, typed, message", [
    ("metric", "weight", "300.1", "Enter a weight between 20 and 300 kg."),
    ("us", "weight", "661.4", "Enter a weight between 44.1 and 661.3 lb."),
    ("us", "weight", "44", "Enter a weight between 44.1 and 661.3 lb."),
    ("metric", "waist", "39", "Enter a waist circumference between 40 and 200 cm."),
    ("us", "waist", "78.8", "Enter a waist circumference between 15.8 and 78.7 in."),
    ("metric", "resting_heart_rate", "201", "Enter a resting heart rate between 30 and 200 bpm."),
    ("metric", "chair_stand_30s", "51", "Enter a 30-second chair stand between 0 and 50 stands."),
    ("metric", "timed_up_and_go", "2.9", "Enter a timed up-and-go between 3 and 120 s."),
    ("metric", "walk_6_min", "1001", "Enter a 6-minute walk distance between 10 and 1000 m."),
    ("metric", "walk_2_min", "4", "Enter a 2-minute walk distance between 5 and 400 m."),
    ("metric", "resting_heart_rate", "70.5", "Enter a whole number."),
])
def test_the_form_names_the_range_in_the_clinicians_units(units, field, typed, message):
    bound = form({field: typed}, units)
    assert not bound.is_valid()
    assert bound.errors[field] == [message]


def test_the_form_converts_lb_and_in_to_metric():
    bound = form({"weight": "176.4", "waist": "39.4", "systolic": "128", "diastolic": "82"},
                 "us")
    assert bound.is_valid(), bound.errors
    values = bound.metric_values()
    assert values[MeasureKind.WEIGHT] == Decimal("80.01")  # 176.4 / 2.2046226218
    assert values[MeasureKind.WAIST] == Decimal("100.08")  # 39.4 x 2.54
    assert values[MeasureKind.BLOOD_PRESSURE] == (Decimal("128.00"), 82)


def test_the_form_needs_one_measure_and_both_pressures():
    assert form({}).non_field_errors() == ["Enter at least one measure."]
    assert form({"diastolic": "80"}).errors["systolic"] == [
        "Enter the systolic pressure together with the diastolic one."]
    assert form({"systolic": "120", "diastolic": "125"}).errors["diastolic"] == [
        "The diastolic pressure must be lower than the systolic one."]


# --- prompts ---------------------------------------------------------------------------------


def test_antipsychotic_client_gets_the_metabolic_panel_with_dates_due(clinician):
    start = TODAY - dt.timedelta(weeks=5)
    client, revision = plan_started(owner=clinician, start=start,
                                    medication_flags=["antipsychotic"], q5_chronic_meds=True)
    measures_record(client=client, author=clinician, measured_on=start + dt.timedelta(days=2),
                    values={MeasureKind.WEIGHT: Decimal("90.2")})
    plan = revision.saved_plan
    found = prompts(client.intakes.get(), list(client.measures.all()), units="metric",
                    baseline=plan.start_date,
                    review_days=[(p.week, p.date) for p in plan.review_weeks], today=TODAY)
    assert [row.label for row in found.metabolic] == [
        "Weight", "Waist circumference", "Blood pressure"]
    weight, waist, _bp = found.metabolic
    assert weight.last == "90.2 kg"
    # Baseline (the plan's start) done within the week; the week-4 review (start + 21 days)
    # has come with no reading; week 8 is still to come.
    assert [(d.label, d.day, d.state) for d in weight.due[:3]] == [
        ("baseline", start, "done"),
        ("review in week 4", start + dt.timedelta(days=21), "due"),
        ("review in week 8", start + dt.timedelta(days=49), "upcoming"),
    ]
    assert waist.due[0].state == "due" and waist.last == ""
    assert found.falls == ()


@pytest.mark.parametrize("answers, reason", [
    ({"fear_of_falling": True}, "a falls risk"),
    ({"falls_12m": 2}, "a falls risk"),
    ({"age": 70}, "age 70"),
])
def test_falls_risk_or_age_65_suggests_chair_stand_and_up_and_go(clinician, answers, reason):
    intake = IntakeFactory(client=ClientFactory(owner=clinician), **answers)
    found = prompts(intake, [], units="metric", today=TODAY)
    assert [row.label for row in found.falls] == ["30-second chair stand", "Timed up-and-go"]
    assert found.falls_reason == reason
    assert found.metabolic == ()


def test_no_flag_no_prompt(clinician):
    intake = IntakeFactory(client=ClientFactory(owner=clinician), age=40)
    assert not prompts(intake, [], units="metric", today=TODAY)


# --- pages ----------------------------------------------------------------------------------


def test_record_measures_through_the_page_linked_to_the_assessment(clinician):
    client, _revision = plan_started(owner=clinician, start=TODAY - dt.timedelta(weeks=2),
                                     medication_flags=["antipsychotic"], q5_chronic_meds=True)
    intake = client.intakes.get()
    browser = browser_for(clinician)
    url = reverse("planner:measure_create", kwargs={"pk": client.pk})
    page = browser.get(url, {"at": f"intake-{intake.pk}"}).content.decode()
    assert f'value="intake-{intake.pk}" selected' in page
    response = browser.post(url, {"measured_on": TODAY.isoformat(),
                                  "occasion": f"intake-{intake.pk}", "weight": "84.5",
                                  "systolic": "131", "diastolic": "85"})
    assert response.status_code == 302
    assert response["Location"] == reverse("planner:measure_list", kwargs={"pk": client.pk})
    saved = {m.kind: m for m in Measure.objects.filter(client=client)}
    assert saved["weight"].value == Decimal("84.50") and saved["weight"].intake == intake
    assert (saved["blood_pressure"].value, saved["blood_pressure"].diastolic) == (131, 85)
    assert AuditEvent.objects.filter(action="create", object_type="measure").count() == 2
    listing = browser.get(response["Location"]).content.decode()
    assert "84.5 kg" in listing and "131/85 mmHg" in listing
    assert "Metabolic monitoring" in listing
    detail = browser.get(reverse("planner:client_detail", kwargs={"pk": client.pk}))
    assert "Physical health" in detail.content.decode()


def test_a_bad_number_answers_on_the_form_and_keeps_what_was_typed(clinician):
    client = ClientFactory(owner=clinician)
    url = reverse("planner:measure_create", kwargs={"pk": client.pk})
    response = browser_for(clinician).post(url, {"measured_on": TODAY.isoformat(),
                                                 "weight": "3000", "waist": "95.5"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter a weight between 20 and 300 kg." in page
    assert 'value="3000"' in page and 'value="95.5"' in page
    assert not Measure.objects.exists()


def test_us_units_show_lb_and_in(clinician):
    ClinicianProfile.objects.update_or_create(user=clinician,
                                              defaults={"measurement_units": "us"})
    client = ClientFactory(owner=clinician)
    measures_record(client=client, author=clinician, measured_on=TODAY,
                    values={MeasureKind.WEIGHT: Decimal("80"), MeasureKind.WAIST: Decimal("100")})
    page = browser_for(clinician).get(
        reverse("planner:measure_list", kwargs={"pk": client.pk})).content.decode()
    assert "176.4 lb" in page and "39.4 in" in page
    assert "80 kg" not in page


def test_the_service_refuses_another_clinicians_client(clinician, other_clinician):
    client = ClientFactory(owner=clinician)
    with pytest.raises(Exception):  # noqa: B017 - Client.DoesNotExist
        measures_record(client=client, author=other_clinician, measured_on=TODAY,
                        values={MeasureKind.WEIGHT: Decimal(70)})
    assert not Measure.objects.exists()
