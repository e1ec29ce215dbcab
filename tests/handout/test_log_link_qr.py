"""The client's log link on the handout and log sheet (issue 23): the printed URL and a QR code
that a real decoder (zxing-cpp) reads back as that URL; same bytes for the same link; nothing on
a draft. The release test proves the stored handout carries the link the server opens."""

import dataclasses

import pytest
import zxingcpp

from planner import adapters, handout
from planner.handout.loglink import INSTRUCTIONS, TITLE
from tests.handout.pdfutil import all_text, reader

URL = "https://plan.example.org/log/Zm9vYmFyYmF6cXV1eDEyMw"


def qr_texts(pdf: bytes) -> list[str]:
    """Every QR code found in the PDF's embedded images, decoded."""
    found = []
    for page in reader(pdf).pages:
        for image in page.images:
            found += [r.text for r in zxingcpp.read_barcodes(image.image.convert("L"))]
    return found


@pytest.fixture
def plan(snapshot):
    return adapters.saved_plan(snapshot)


@pytest.mark.parametrize("render", [handout.render_handout, handout.render_log_sheet])
@pytest.mark.parametrize("large_print", [False, True])
def test_the_qr_code_decodes_to_the_printed_link(plan, header, render, large_print):
    head = dataclasses.replace(header, log_url=URL, large_print=large_print)
    pdf = render(plan, head)
    text = all_text(pdf)
    assert URL in text
    assert TITLE in text and "Keep this link to yourself" in text
    assert INSTRUCTIONS.split(".")[0] in text
    assert qr_texts(pdf) == [URL]
    # Deterministic: the same plan, header and link give the same bytes.
    assert render(plan, head) == pdf


def test_no_link_no_code_and_a_draft_never_prints_one(plan, header):
    assert qr_texts(handout.render_handout(plan, header)) == []
    draft = dataclasses.replace(header, log_url=URL, draft=True)
    pdf = handout.render_handout(plan, draft)
    assert URL not in all_text(pdf) and qr_texts(pdf) == []


def test_another_link_gives_another_code(plan, header):
    other = URL[:-1] + "X"
    pdf = handout.render_log_sheet(plan, dataclasses.replace(header, log_url=other))
    assert qr_texts(pdf) == [other]


@pytest.mark.django_db
def test_the_released_handout_prints_the_link_that_opens_the_clients_page(clinician, client):
    from planner.models import ReleasedDocument
    from planner.services import clientlog
    from planner.services.documents import render_revision_document
    from tests.support.clientlog import released

    _owner, revision, _link, token = released(owner=clinician)
    url = clientlog.link_url(token)
    stored = bytes(ReleasedDocument.objects.get(release__revision=revision).content)
    assert url in all_text(stored)
    (decoded,) = qr_texts(stored)
    assert decoded == url
    assert client.get(decoded.removeprefix("http://localhost:8000")).status_code == 200
    # The released log sheet, rendered on demand, prints the same link; the draft does not.
    sheet = render_revision_document(user=clinician, revision=revision, kind="log_sheet",
                                     released=True)
    assert qr_texts(sheet.content) == [url]
    # The stored handout is what a re-render of the same revision, date and link gives.
    again = render_revision_document(user=clinician, revision=revision, kind="handout",
                                     draft=False)
    assert again.content == stored
