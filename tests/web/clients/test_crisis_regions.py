"""Crisis regions in the web app (N03, docs/texts.md "Crisis regions", rules.md section 8).

- start-up (PlannerConfig.ready) installs the organisation's region file named by
  PLANNER_CRISIS_REGIONS_FILE, and a broken file stops the app;
- a system check (planner.E001) refuses a default region without crisis resources, and another
  (planner.W001) warns about a region whose numbers were checked over 12 months ago;
- the client form offers exactly the configured regions, by country name, and refuses any other
  with a field error.
"""

import datetime as dt
import json

import pytest
from django.core import checks
from django.test import override_settings
from django.urls import reverse

from planner import checks as planner_checks
from planner.engine import crisis
from planner.models import Client
from tests.support.commands import TEST_SECRET_KEY, run_manage
from tests.support.factories import ClientFactory

# An organisation's own region (not built in).
DE = {"region": "DE", "crisis_line_name": "TelefonSeelsorge",
      "crisis_line_contact": "call 0800 111 0 111", "emergency_number": "112",
      "source": "TelefonSeelsorge (telefonseelsorge.de)", "checked": "2026-11"}
PRODUCTION_ENV = {"DJANGO_SECRET_KEY": TEST_SECRET_KEY, "DJANGO_ALLOWED_HOSTS": "localhost"}
REFUSED = "No crisis resources are configured for this region"
BUILT_IN_NAMES = ["Australia", "Canada", "Ireland", "New Zealand", "United Kingdom",
                  "United States"]


@pytest.fixture
def de_configured():
    crisis.configure_regions({"regions": [DE]})
    yield
    crisis.reset_regions()


@pytest.fixture
def region_file(tmp_path):
    path = tmp_path / "regions.json"
    path.write_text(json.dumps({"regions": [DE]}), encoding="utf-8")
    return path


# --- start-up and the system check (fresh processes, as a deployment starts) --------------------

SHOW_REGIONS = ("import django; django.setup(); from planner.engine import crisis; "
                "print(','.join(crisis.configured_regions()))")


def test_start_up_installs_the_region_file_named_by_the_environment(region_file):
    result = run_manage(code=SHOW_REGIONS,
                        env={**PRODUCTION_ENV, "PLANNER_CRISIS_REGIONS_FILE": str(region_file)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "AU,CA,DE,GB,IE,NZ,US"
    plain = run_manage(code=SHOW_REGIONS, env=PRODUCTION_ENV)
    assert plain.returncode == 0, plain.stderr
    assert plain.stdout.strip() == "AU,CA,GB,IE,NZ,US"


def test_an_incomplete_region_file_stops_the_app_at_start_up(tmp_path):
    path = tmp_path / "regions.json"
    path.write_text(json.dumps([{k: v for k, v in DE.items() if k != "emergency_number"}]))
    result = run_manage(code=SHOW_REGIONS,
                        env={**PRODUCTION_ENV, "PLANNER_CRISIS_REGIONS_FILE": str(path)})
    assert result.returncode != 0 and result.stdout == ""
    assert "ImproperlyConfigured" in result.stderr
    assert "PLANNER_CRISIS_REGIONS_FILE" in result.stderr
    assert "emergency_number is missing" in result.stderr


def test_manage_check_refuses_a_default_region_without_crisis_resources(region_file):
    env = {**PRODUCTION_ENV, "PLANNER_DEFAULT_CRISIS_REGION": "DE"}
    refused = run_manage("check", env=env)
    assert refused.returncode != 0
    assert "planner.E001" in refused.stderr and "'DE'" in refused.stderr
    configured = run_manage("check", env={**env, "PLANNER_CRISIS_REGIONS_FILE": str(region_file)})
    assert configured.returncode == 0, configured.stderr
    assert "planner.E001" not in configured.stderr + configured.stdout


def planner_errors() -> list[checks.CheckMessage]:
    return [m for m in checks.run_checks()
            if m.id and m.id.startswith("planner.") and m.level >= checks.ERROR]


def test_the_system_check_names_the_missing_default_region():
    with override_settings(PLANNER_DEFAULT_CRISIS_REGION="DE"):
        errors = planner_errors()
    assert [(e.id, e.level) for e in errors] == [("planner.E001", checks.ERROR)]
    assert "'DE'" in errors[0].msg and "PLANNER_CRISIS_REGIONS_FILE" in errors[0].msg
    assert planner_errors() == []  # the US default is built in
    with override_settings(PLANNER_DEFAULT_CRISIS_REGION="NZ"):
        assert planner_errors() == []  # and so is NZ


def test_the_system_check_passes_once_the_region_is_configured(de_configured):
    with override_settings(PLANNER_DEFAULT_CRISIS_REGION="DE"):
        assert planner_errors() == []


# --- the staleness warning (planner.W001) ---------------------------------------------------------


def stale_warnings(today: dt.date) -> list[checks.CheckMessage]:
    return planner_checks.crisis_regions_recently_checked(today=today)


def test_no_warning_while_every_check_date_is_fresh(de_configured):
    assert stale_warnings(dt.date(2026, 12, 7)) == []
    assert stale_warnings(dt.date(2027, 11, 1)) == []  # DE checked 2026-11: 12 months, not over


def test_a_check_date_over_12_months_old_warns_once_per_region(de_configured):
    warnings = stale_warnings(dt.date(2027, 11, 2))
    assert [(w.id, w.level, w.obj) for w in warnings] == [
        ("planner.W001", checks.WARNING, "crisis region DE")]
    assert "last checked 2026-11, over 12 months ago" in warnings[0].msg
    assert "telefonseelsorge.de" in warnings[0].hint
    assert "PLANNER_CRISIS_REGIONS_FILE" in warnings[0].hint
    later = stale_warnings(dt.date(2027, 12, 2))  # now the built-in 2026-12 checks too
    assert [w.obj for w in later] == [f"crisis region {r}"
                                      for r in ("AU", "CA", "DE", "GB", "IE", "NZ", "US")]
    assert "Crisis region United Kingdom (GB): its crisis numbers were last checked 2026-12" in (
        later[3].msg)
    assert "samaritans.org" in later[3].hint


def test_an_organisation_region_without_a_check_date_warns():
    crisis.configure_regions([{k: v for k, v in DE.items() if k != "checked"}])
    try:
        warnings = stale_warnings(dt.date(2026, 12, 7))
    finally:
        crisis.reset_regions()
    assert [(w.id, w.obj) for w in warnings] == [("planner.W001", "crisis region DE")]
    assert "no date says when its crisis numbers were checked" in warnings[0].msg


def test_the_warning_is_registered_and_uses_the_local_date(monkeypatch):
    monkeypatch.setattr(planner_checks.timezone, "localdate", lambda: dt.date(2028, 1, 10))
    warnings = [m for m in checks.run_checks() if m.id == "planner.W001"]
    assert len(warnings) == 6 and planner_errors() == []  # a warning, never an error
    monkeypatch.setattr(planner_checks.timezone, "localdate", lambda: dt.date(2026, 12, 7))
    assert [m for m in checks.run_checks() if m.id == "planner.W001"] == []


# --- the client form -----------------------------------------------------------------------------


def region_options(html: str) -> list[str]:
    start = html.index('name="crisis_region"')
    select = html[start:html.index("</select>", start)]
    return [part.split('"', 1)[0] for part in select.split('value="')[1:]]


def region_labels(html: str) -> list[str]:
    start = html.index('name="crisis_region"')
    select = html[start:html.index("</select>", start)]
    return [part.split(">", 1)[1].split("</option>", 1)[0].strip()
            for part in select.split("<option")[1:]]


@pytest.mark.django_db
def test_the_form_offers_exactly_the_configured_regions(client_logged_in):
    url = reverse("planner:client_create")
    html = client_logged_in.get(url).content.decode()
    assert region_options(html) == ["AU", "CA", "IE", "NZ", "GB", "US"]
    assert region_labels(html) == BUILT_IN_NAMES
    crisis.configure_regions([DE])
    try:
        html = client_logged_in.get(url).content.decode()
        assert region_options(html) == ["AU", "CA", "DE", "IE", "NZ", "GB", "US"]
        # an organisation region without a known country name is offered by its code
        assert region_labels(html) == ["Australia", "Canada", "DE", "Ireland", "New Zealand",
                                       "United Kingdom", "United States"]
    finally:
        crisis.reset_regions()


def test_the_form_choices_are_country_names():
    from planner.forms.clients import ClientForm

    assert ClientForm().fields["crisis_region"].choices == [
        ("AU", "Australia"), ("CA", "Canada"), ("IE", "Ireland"), ("NZ", "New Zealand"),
        ("GB", "United Kingdom"), ("US", "United States")]


@pytest.mark.django_db
def test_a_client_in_a_configured_region_is_saved_with_it(client_logged_in, de_configured):
    for region in ("DE", "IE"):
        response = client_logged_in.post(reverse("planner:client_create"),
                                         {"display_name": f"Ana {region}",
                                          "crisis_region": region})
        assert response.status_code == 302
        assert Client.objects.get(display_name=f"Ana {region}").crisis_region == region


@pytest.mark.django_db
def test_an_unconfigured_region_is_refused_with_a_field_error_and_the_input_kept(
        client_logged_in):
    response = client_logged_in.post(reverse("planner:client_create"),
                                     {"display_name": "Ana Kept", "crisis_region": "DE"})
    html = response.content.decode()
    assert response.status_code == 200 and not Client.objects.exists()
    assert "crisis_region" in response.context["form"].errors
    assert 'href="#id_crisis_region"' in html and "Ana Kept" in html


@pytest.mark.django_db
def test_editing_a_client_whose_region_is_no_longer_configured(client_logged_in, clinician):
    # The organisation removed DE from its file: the form must not quietly move the client to
    # another region, and saving DE is refused with the field's own message.
    client = ClientFactory(owner=clinician, display_name="Ana", crisis_region="DE")
    url = reverse("planner:client_update", args=[client.pk])
    html = client_logged_in.get(url).content.decode()
    assert region_options(html) == ["AU", "CA", "IE", "NZ", "GB", "US", "DE"]
    assert 'value="DE" selected' in html
    assert region_labels(html)[-1] == "DE (no crisis resources configured)"
    response = client_logged_in.post(url, {"display_name": "Ana B", "crisis_region": "DE"})
    assert response.status_code == 200
    assert REFUSED in " ".join(response.context["form"].errors["crisis_region"])
    client.refresh_from_db()
    assert (client.display_name, client.crisis_region) == ("Ana", "DE")


# --- the plan page's crisis card (a CRISIS stop) --------------------------------------------------


@pytest.mark.parametrize("region, expected", [
    ("IE", ("call 116 123 (free, 24/7)", "<li>Text 50808</li>", "<strong>112 or 999</strong>")),
    ("NZ", ("free call or text 1737", "<li>Call Lifeline on 0800 543 354</li>",
            "<strong>111</strong>")),
    ("US", ("call or text 988</li>", "<strong>911</strong>")),
])
def test_the_crisis_card_prints_the_line_the_other_line_and_the_emergency_number(region,
                                                                                  expected):
    from django.template.loader import render_to_string

    view = {"hard_stop": "CRISIS", "is_crisis": True, "hard_stop_label": "Crisis",
            "crisis_resources": crisis.resources_for(region).to_dict(), "crisis_sheet": None,
            "stop_documents": [], "clinician_notes": [], "why_of": {"hard_stop": []}}
    html = render_to_string("planner/includes/plan_body.html", {"view": view})
    card = html[html.index('id="crisis-title"'):html.index("Print crisis resources")]
    for phrase in expected:
        assert phrase in card, phrase
    if region == "US":
        assert card.count("<li>") == 3  # no note, no other line: the card as before
