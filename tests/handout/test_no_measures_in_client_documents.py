"""
Rules N05 and N17 for the measures of issue 26: weight, waist, blood pressure or BMI never reach
anything the client receives. Distinctive values are planted for a client whose plan has every
client document (handout, log sheet, clearance letters: chest pain with clearance pending, an
antipsychotic, a risk gate), then every document is rendered through the web and read back with
pypdf, the released handout included, and the plan's client texts are searched too. The
validator itself refuses a block that would print a planted value's wording.
"""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from planner.engine import NeverDoViolation
from planner.engine.model import TextBlock
from planner.engine.validator import check_text, lists_for_block
from planner.handout import KINDS
from planner.measure_kinds import MeasureKind
from planner.services.measures import measures_record
from planner.services.releases import gate_attest, revision_release
from tests.handout.pdfutil import all_text
from tests.support.auth import browser_for
from tests.support.revisions import make_revision

pytestmark = pytest.mark.django_db

PLANTED = {
    MeasureKind.WEIGHT: Decimal("123.4"),
    MeasureKind.WAIST: Decimal("98.7"),
    MeasureKind.BLOOD_PRESSURE: (Decimal(173), 109),
    MeasureKind.RESTING_HEART_RATE: Decimal(93),
}
LEAKS = re.compile(r"123[.,]4|98[.,]7|173|109|\bkg\b|\bBMI\b|body mass|\bweigh|\bwaist|"
                   r"mmHg|blood pressure reading", re.IGNORECASE)


def client_documents(browser, revision) -> dict[str, str]:
    texts = {}
    for kind in KINDS:
        url = reverse("planner:revision_document",
                      args=[revision.plan.client_id, revision.number, kind])
        response = browser.get(url)
        if response.status_code == 200 and response.content.startswith(b"%PDF"):
            texts[kind] = all_text(response.content)
    return texts


def test_planted_measures_reach_no_client_document(clinician):
    revision = make_revision(
        clinician, medication_flags=["antipsychotic"], q5_chronic_meds=True,
        q2_chest_pain=True, clearance_status="pending", suicide_risk="passive_ideation",
    )
    client = revision.plan.client
    measures_record(client=client, author=clinician, measured_on=dt.date.today(),
                    values=PLANTED, intake=client.intakes.get())
    browser = browser_for(clinician)
    texts = client_documents(browser, revision)
    # The documents this plan has: proof the search covered more than the handout.
    assert {"handout", "log_sheet", "interim_clearance_letter",
            "clearance_request_letter"} <= set(texts)
    # A second client, cleared, whose handout is released (the stored bytes the client gets).
    cleared = make_revision(clinician, medication_flags=["antipsychotic"], q5_chronic_meds=True,
                            suicide_risk="passive_ideation")
    measures_record(client=cleared.plan.client, author=clinician, measured_on=dt.date.today(),
                    values=PLANTED)
    texts.update({f"{kind} (cleared)": text
                  for kind, text in client_documents(browser, cleared).items()})
    gate_attest(user=clinician, revision=cleared, gate="RISK_ATTESTATION", details="ok")
    revision_release(user=clinician, revision=cleared)
    released = browser.get(reverse("planner:release_download",
                                   args=[cleared.plan.client_id, cleared.number]))
    assert released.status_code == 200
    texts["released handout"] = all_text(released.content)
    for plan in (revision.saved_plan, cleared.saved_plan):
        for block in (*plan.texts, *plan.documents):
            texts[f"text {block.key}"] = " ".join((block.title, *block.paragraphs,
                                                   *block.bullets))
    for name, text in texts.items():
        assert text.strip(), name
        found = LEAKS.search(text)
        assert found is None, (name, found and found.group(), text[:200])


@pytest.mark.parametrize("line", [
    "Your weight today: 123.4 kg.",
    "Your BMI went down.",
    "Keep an eye on your body mass.",
    "You will lose weight.",
])
def test_the_validator_refuses_a_client_line_with_body_measures(line):
    names = lists_for_block("safety", wording=None, vigorous_allowed=False,
                            show_conditions=False)
    with pytest.raises(NeverDoViolation) as refused:
        check_text(TextBlock(key="planted", title="", paragraphs=(line,)), names)
    assert refused.value.rule == "N05"
