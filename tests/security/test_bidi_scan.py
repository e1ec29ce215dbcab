"""The page scan for bidirectional controls (planner/security.py): it finds exactly the nine
override, embedding and isolate characters in a page's UTF-8 bytes, so pages without them are
passed through undecoded, and pages with them are cleaned."""

import pytest

from planner.security import BIDI_UTF8, neutralise_bidi

CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Marks that move no letters, and punctuation whose UTF-8 shares the controls' first bytes.
HARMLESS = "\u200e\u200f\u061c\u2013\u2014\u2019\u201c\u2026\u2060\u2070"


@pytest.mark.parametrize("char", CONTROLS)
def test_each_control_is_found_in_the_bytes_and_removed(char):
    text = f"Ann{char}gnp.exe Smith"
    assert BIDI_UTF8.search(text.encode()) is not None
    assert neutralise_bidi(text) == "Anngnp.exe Smith"


@pytest.mark.parametrize("char", HARMLESS)
def test_marks_and_punctuation_are_left_alone(char):
    text = f"Ann{char}Smith"
    assert BIDI_UTF8.search(text.encode()) is None
    assert neutralise_bidi(text) == text


def test_a_page_without_controls_is_served_unchanged(client_logged_in):
    response = client_logged_in.get("/")
    assert response.status_code == 200
    assert BIDI_UTF8.search(response.content) is None
