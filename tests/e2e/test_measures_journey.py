"""
Browser journey of issue 26: a client on an antipsychotic sees the metabolic monitoring panel;
the clinician records weight, waist and blood pressure at the assessment (one mistyped number
first, answered on the form), finds the charts with their tables, and downloads the record as
FHIR R4, which validates. Every page is checked with axe-core.
"""

import datetime as dt
import json
from pathlib import Path

import pytest
from fhir.resources.bundle import Bundle
from playwright.sync_api import Page, expect

from tests.e2e import helpers
from tests.e2e.helpers import check_page
from tests.support.progress import plan_started

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def test_record_measures_see_the_charts_and_export_fhir(page: Page, live_server,
                                                         clinician_user):
    start = dt.date.today() - dt.timedelta(weeks=1)
    client, _revision = plan_started(owner=clinician_user, start=start,
                                     medication_flags=["antipsychotic"], q5_chronic_meds=True)
    name = client.display_name
    helpers.log_in(page, live_server.url, clinician_user.username)
    page.get_by_role("link", name=name).click()
    health = page.get_by_role("region", name="Physical health")
    expect(health).to_contain_text("Metabolic monitoring")
    check_page(page, "client-measures-panel")

    health.get_by_role("link", name="Record measures").click()
    expect(page.get_by_role("heading", name=f"Record measures for {name}")).to_be_visible()
    check_page(page, "measure-form", shots=True)
    taken_at = page.get_by_role("combobox", name="Taken at")
    taken_at.select_option(label=taken_at.locator("option", has_text="Assessment of")
                           .first.inner_text())
    page.get_by_label("Weight (kg)").fill("840")
    page.get_by_label("Waist circumference (cm)").fill("102.5")
    page.get_by_label("Systolic pressure (mmHg)").fill("132")
    page.get_by_label("Diastolic pressure (mmHg)").fill("86")
    page.get_by_role("button", name="Save measures").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter a weight between 20 and 300 kg.")
    check_page(page, "measure-form-error")
    expect(page.get_by_label("Waist circumference (cm)")).to_have_value("102.5")
    page.get_by_label("Weight (kg)").fill("84.0")
    page.get_by_role("button", name="Save measures").click()

    expect(page.get_by_role("status")).to_contain_text("Measures saved.")
    expect(page.get_by_role("heading", name=f"Physical health of {name}")).to_be_visible()
    weight = page.get_by_role("region", name="Weight")
    expect(weight.locator("svg")).to_be_visible()
    expect(weight.get_by_role("table", name="Weight by date")).to_contain_text("84.0 kg")
    expect(page.get_by_role("table", name="Blood pressure by date")).to_contain_text(
        "132/86 mmHg")
    check_page(page, "measure-list", shots=True)

    page.get_by_role("link", name=name).first.click()
    with page.expect_download() as info:
        page.get_by_role("link", name="Export for the health record (FHIR R4 JSON file)").click()
    bundle = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    Bundle.parse_obj(bundle)
    codes = {e["resource"]["code"]["coding"][0]["code"] for e in bundle["entry"]
             if e["resource"]["resourceType"] == "Observation"}
    assert {"29463-7", "8280-0", "85354-9"} <= codes
