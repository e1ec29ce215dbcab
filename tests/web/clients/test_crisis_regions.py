"""Crisis regions in the web app (N03, docs/texts.md "Crisis regions").

- start-up (PlannerConfig.ready) installs the organisation's region file named by
  PLANNER_CRISIS_REGIONS_FILE, and a broken file stops the app;
- a system check (planner.E001) refuses a default region without crisis resources;
- the client form offers exactly the configured regions and refuses any other with a field error.
"""

import json

import pytest
from django.core import checks
from django.test import override_settings
from django.urls import reverse

from planner.engine import crisis
from planner.models import Client
from tests.support.commands import TEST_SECRET_KEY, run_manage
from tests.support.crisis_regions import GB
from tests.support.factories import ClientFactory

PRODUCTION_ENV = {"DJANGO_SECRET_KEY": TEST_SECRET_KEY, "DJANGO_ALLOWED_HOSTS": "localhost"}
REFUSED = "No crisis resources are configured for this region"


@pytest.fixture
def region_file(tmp_path):
    path = tmp_path / "regions.json"
    path.write_text(json.dumps({"regions": [GB]}), encoding="utf-8")
    return path


# --- start-up and the system check (fresh processes, as a deployment starts) --------------------

SHOW_REGIONS = ("import django; django.setup(); from planner.engine import crisis; "
                "print(','.join(crisis.configured_regions()))")


def test_start_up_installs_the_region_file_named_by_the_environment(region_file):
    result = run_manage(code=SHOW_REGIONS,
                        env={**PRODUCTION_ENV, "PLANNER_CRISIS_REGIONS_FILE": str(region_file)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "GB,US"
    plain = run_manage(code=SHOW_REGIONS, env=PRODUCTION_ENV)
    assert plain.returncode == 0, plain.stderr
    assert plain.stdout.strip() == "US"


def test_an_incomplete_region_file_stops_the_app_at_start_up(tmp_path):
    path = tmp_path / "regions.json"
    path.write_text(json.dumps([{k: v for k, v in GB.items() if k != "emergency_number"}]))
    result = run_manage(code=SHOW_REGIONS,
                        env={**PRODUCTION_ENV, "PLANNER_CRISIS_REGIONS_FILE": str(path)})
    assert result.returncode != 0 and result.stdout == ""
    assert "ImproperlyConfigured" in result.stderr
    assert "PLANNER_CRISIS_REGIONS_FILE" in result.stderr
    assert "emergency_number is missing" in result.stderr


def test_manage_check_refuses_a_default_region_without_crisis_resources(region_file):
    env = {**PRODUCTION_ENV, "PLANNER_DEFAULT_CRISIS_REGION": "GB"}
    refused = run_manage("check", env=env)
    assert refused.returncode != 0
    assert "planner.E001" in refused.stderr and "'GB'" in refused.stderr
    configured = run_manage("check", env={**env, "PLANNER_CRISIS_REGIONS_FILE": str(region_file)})
    assert configured.returncode == 0, configured.stderr
    assert "planner.E001" not in configured.stderr + configured.stdout


def planner_errors() -> list[checks.CheckMessage]:
    return [m for m in checks.run_checks() if m.id and m.id.startswith("planner.")]


def test_the_system_check_names_the_missing_default_region():
    with override_settings(PLANNER_DEFAULT_CRISIS_REGION="IE"):
        errors = planner_errors()
    assert [(e.id, e.level) for e in errors] == [("planner.E001", checks.ERROR)]
    assert "'IE'" in errors[0].msg and "PLANNER_CRISIS_REGIONS_FILE" in errors[0].msg
    assert planner_errors() == []  # the US default is built in


def test_the_system_check_passes_once_the_region_is_configured(gb_configured):
    with override_settings(PLANNER_DEFAULT_CRISIS_REGION="GB"):
        assert planner_errors() == []


# --- the client form -----------------------------------------------------------------------------


def region_options(html: str) -> list[str]:
    start = html.index('name="crisis_region"')
    select = html[start:html.index("</select>", start)]
    return [part.split('"', 1)[0] for part in select.split('value="')[1:]]


@pytest.mark.django_db
def test_the_form_offers_exactly_the_configured_regions(client_logged_in):
    url = reverse("planner:client_create")
    assert region_options(client_logged_in.get(url).content.decode()) == ["US"]
    crisis.configure_regions([GB])
    try:
        assert region_options(client_logged_in.get(url).content.decode()) == ["GB", "US"]
    finally:
        crisis.reset_regions()


@pytest.mark.django_db
def test_a_client_in_a_configured_region_is_saved_with_it(client_logged_in, gb_configured):
    response = client_logged_in.post(reverse("planner:client_create"),
                                     {"display_name": "Ana", "crisis_region": "GB"})
    assert response.status_code == 302
    assert Client.objects.get().crisis_region == "GB"


@pytest.mark.django_db
def test_an_unconfigured_region_is_refused_with_a_field_error_and_the_input_kept(
        client_logged_in):
    response = client_logged_in.post(reverse("planner:client_create"),
                                     {"display_name": "Ana Kept", "crisis_region": "GB"})
    html = response.content.decode()
    assert response.status_code == 200 and not Client.objects.exists()
    assert "crisis_region" in response.context["form"].errors
    assert 'href="#id_crisis_region"' in html and "Ana Kept" in html


@pytest.mark.django_db
def test_editing_a_client_whose_region_is_no_longer_configured(client_logged_in, clinician):
    # The organisation removed GB from its file: the form must not quietly move the client to
    # another region, and saving GB is refused with the field's own message.
    client = ClientFactory(owner=clinician, display_name="Ana", crisis_region="GB")
    url = reverse("planner:client_update", args=[client.pk])
    html = client_logged_in.get(url).content.decode()
    assert region_options(html) == ["US", "GB"]
    assert 'value="GB" selected' in html
    response = client_logged_in.post(url, {"display_name": "Ana B", "crisis_region": "GB"})
    assert response.status_code == 200
    assert REFUSED in " ".join(response.context["form"].errors["crisis_region"])
    client.refresh_from_db()
    assert (client.display_name, client.crisis_region) == ("Ana", "GB")
