"""The accessibility check itself: axe-core really runs in the page and reports what it finds,
so a clean result from the journeys means clean pages, not a check that never ran."""

import pytest
from playwright.sync_api import Page

from tests.e2e import helpers

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def test_axe_reports_serious_problems_and_passes_the_login_page(page: Page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    assert helpers.axe_violations(page) == []
    # A field without a label and text too faint to read (inline styles are refused by the
    # CSP, so a Bootstrap class): what axe must catch.
    page.evaluate(
        """() => {
            const main = document.querySelector("main");
            main.insertAdjacentHTML("beforeend",
                '<input type="text" name="unlabelled">' +
                '<p class="text-light">Faint text</p>');
        }"""
    )
    found = {violation["id"] for violation in helpers.axe_violations(page)}
    assert {"label", "color-contrast"} <= found
    with pytest.raises(AssertionError, match="label"):
        helpers.assert_accessible(page, "login with planted problems")
