"""
Helpers for the browser journeys: sign in through the real form, check a page with axe-core,
take screenshots at desktop and phone widths.

Every page a journey visits goes through `check_page(page, name)`: it waits for the page to
settle, runs axe-core (WCAG 2 A and AA rules) and fails on any serious or critical violation,
then saves screenshots to test-artifacts/screenshots/ (git-ignored).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.support.factories import DEFAULT_PASSWORD

ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = {"serious", "critical"}

_axe_source: str | None = None


def axe_source() -> str:
    global _axe_source
    if _axe_source is None:
        _axe_source = AXE_SCRIPT.read_text(encoding="utf-8")
    return _axe_source


def log_in(page: Page, base_url: str, username: str, password: str = DEFAULT_PASSWORD) -> None:
    """Sign in through the login form and wait for the client list."""
    page.goto(f"{base_url}/accounts/login/")
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    check_page(page, "login", shots=True)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Clients", exact=True)).to_be_visible()


def axe_violations(page: Page) -> list[dict]:
    """Run axe-core on the page; return its serious and critical violations.

    page.evaluate runs through the DevTools protocol, which the page's Content-Security-Policy
    (script-src 'self') does not govern, so axe is injected without loosening the policy.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    result = page.evaluate(
        """async (tags) => {
            const results = await window.axe.run(document, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations"],
            });
            return results.violations;
        }""",
        AXE_TAGS,
    )
    return [v for v in result if v.get("impact") in FAILING_IMPACTS]


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"[{violation['impact']}] {violation['id']}: {violation['help']} "
            f"({violation['helpUrl']})"
        )
        for node in violation["nodes"][:10]:
            target = " ".join(json.dumps(t) for t in node["target"])
            summary = node.get("failureSummary", "").replace("\n", " / ")
            lines.append(f"    {target}\n      {node['html'][:200]}\n      {summary}")
    return "\n".join(lines)


def assert_accessible(page: Page, name: str) -> None:
    violations = axe_violations(page)
    assert not violations, (
        f"axe-core found serious or critical problems on {name} ({page.url}):\n"
        + format_violations(violations)
    )


_photographed: set[str] = set()


def screenshot(page: Page, name: str) -> None:
    """Save full-page screenshots at desktop width and at 390 px (once per name and run)."""
    slug = re.sub(r"[^a-z0-9-]+", "-", name.lower()).strip("-")
    if slug in _photographed:
        return
    _photographed.add(slug)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size or DESKTOP
    page.screenshot(path=SCREENSHOTS / f"{slug}-desktop.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=SCREENSHOTS / f"{slug}-390.png", full_page=True)
    # Wide tables scroll inside their own box; the page itself must never scroll sideways.
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    page.set_viewport_size(size)
    assert overflow <= 0, f"{name} is {overflow}px wider than a 390 px phone screen"


def print_screenshot(page: Page, name: str) -> None:
    """Save how the page prints (print styles: no navigation, no forms)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.emulate_media(media="print")
    page.screenshot(path=SCREENSHOTS / f"{name}-print.png", full_page=True)
    page.emulate_media(media="screen")


_checked: set[str] = set()


def check_page(page: Page, name: str, *, shots: bool = False) -> None:
    """Wait for the page, check it with axe-core and, for key pages (shots), photograph it.

    Each named page is checked once a run (the login page, say, is visited by every journey).
    """
    if name in _checked:
        return
    _checked.add(name)
    page.wait_for_load_state("load")
    assert_accessible(page, name)
    if shots:
        screenshot(page, name)


# --- keyboard-only form filling ----------------------------------------------------------------

_ACTIVE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const info = {tag: el.tagName, type: el.type || "", name: el.name || "", value: el.value,
                  checked: !!el.checked, form: el.form ? el.form.id : "", id: el.id,
                  text: (el.innerText || "").trim().slice(0, 60)};
    if (el.type === "radio") {
        const group = Array.from(el.form.querySelectorAll(`input[type=radio][name="${el.name}"]`))
            .filter(r => !r.disabled);
        info.values = group.map(r => r.value);
        info.checkedIndex = group.findIndex(r => r.checked);
        info.focusIndex = group.indexOf(el);
    }
    if (el.tagName === "SELECT") {
        info.values = Array.from(el.options).map(o => o.value);
        info.selectedIndex = el.selectedIndex;
    }
    return info;
}"""


def fill_form_by_keyboard(page: Page, form_id: str, answers: dict, *, max_tabs: int = 600) -> None:
    """Tab through the whole page from the top and answer `form_id`'s fields with keys only.

    answers: {field name: value}; a list for a checkbox group (exactly those ticked). Radio
    buttons are chosen with the arrow keys or Space, checkboxes with Space, selects with the
    arrow keys, text with typing. Fields not in `answers` are left as they are. Stops on the
    form's submit button and presses Enter. Fails if an answered field was never reached by Tab.
    """
    unvisited = set(answers)
    page.locator("body").focus()
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        info = page.evaluate(_ACTIVE)
        if info is None or info["form"] != form_id:
            continue
        if info["type"] == "submit":
            break
        name = info["name"]
        if name not in answers:
            continue
        want = answers[name]
        if info["type"] == "radio":
            unvisited.discard(name)
            target = info["values"].index(want)
            if info["checkedIndex"] != target:
                delta = target - info["focusIndex"]
                if delta == 0:
                    page.keyboard.press("Space")
                for _ in range(abs(delta)):
                    page.keyboard.press("ArrowRight" if delta > 0 else "ArrowLeft")
        elif info["type"] == "checkbox":
            unvisited.discard(name)
            values = want if isinstance(want, list | tuple) else ["on"] * bool(want)
            if (info["value"] in values) != info["checked"]:
                page.keyboard.press("Space")
        elif info["tag"] == "SELECT":
            unvisited.discard(name)
            delta = info["values"].index(want) - info["selectedIndex"]
            for _ in range(abs(delta)):
                page.keyboard.press("ArrowDown" if delta > 0 else "ArrowUp")
        else:
            unvisited.discard(name)
            page.keyboard.press("Control+A")
            if str(want):
                page.keyboard.type(str(want))
            else:
                page.keyboard.press("Delete")
        _assert_answered(page, name, want)
    else:
        raise AssertionError(f"Tab never reached the submit button of #{form_id}")
    assert not unvisited, f"Tab never reached these fields of #{form_id}: {sorted(unvisited)}"
    page.keyboard.press("Enter")


def _assert_answered(page: Page, name: str, want) -> None:
    """The focused control now holds the answer (for a checkbox: this box is right)."""
    got = page.evaluate(
        """() => {
            const el = document.activeElement;
            if (el.type === "radio") {
                const on = el.form.querySelector(`input[type=radio][name="${el.name}"]:checked`);
                return on ? on.value : null;
            }
            if (el.type === "checkbox") return [el.value, el.checked];
            return el.value;
        }"""
    )
    if isinstance(got, list):
        value, checked = got
        values = want if isinstance(want, list | tuple) else ["on"] * bool(want)
        assert (value in values) == checked, f"{name}: box {value} should be {not checked}"
    else:
        assert got == str(want), f"{name}: wanted {want!r}, the page has {got!r}"


def fill_form(page: Page, form_id: str, answers: dict) -> None:
    """Answer fields by name the quick way (clicks and fills), for journeys about other things.

    Fields that already hold the answer (a prefilled assessment) are left alone.
    """
    form = page.locator(f"#{form_id}")
    state = form.evaluate(
        """(form) => {
            const state = {};
            for (const el of form.elements) {
                if (!el.name) continue;
                if (el.type === "radio" || el.type === "checkbox") {
                    state[el.name] = state[el.name] || {kind: el.type, on: []};
                    if (el.checked) state[el.name].on.push(el.value);
                } else {
                    state[el.name] = {kind: el.tagName.toLowerCase(), value: el.value};
                }
            }
            return state;
        }"""
    )
    for name, want in answers.items():
        have = state[name]
        if have["kind"] == "radio":
            if have["on"] != [want]:
                form.locator(f'input[name="{name}"][value="{want}"]').check()
        elif have["kind"] == "checkbox":
            values = list(want) if isinstance(want, list | tuple) else ["on"] * bool(want)
            for value in set(values) ^ set(have["on"]):
                box = form.locator(f'input[name="{name}"][value="{value}"]')
                box.set_checked(value in values)
        elif have["value"] != str(want):
            field = form.locator(f'[name="{name}"]')
            if have["kind"] == "select":
                field.select_option(str(want))
            else:
                field.fill(str(want))


# A client with mild depression (shared/spec/cases/C01.json): builds from 0 to 150 minutes a
# week, starting at 30. The web form asks every question explicitly.
C01_ANSWERS = {
    "age": "29",
    "pregnant_or_postpartum_6m": "no",
    "primary_condition": "depression",
    "depression_severity": "mild",
    "phq9_total": "8",
    "phq9_item9": "0",
    "walking_ability": "independent",
    "suicide_risk": "none",
    "ed_history": "none",
    "compulsive_exercise_history": "no",
    "q1a_heart_condition": "no",
    "q1b_high_blood_pressure": "no",
    "q2_chest_pain": "no",
    "q3_dizziness_loc": "no",
    "q4_other_chronic": "no",
    "q5_chronic_meds": "no",
    "q6_msk_problem": "no",
    "q7_supervised_only": "no",
    "known_metabolic": "no",
    "known_renal": "no",
    "symptoms": ["none"],
    "regular_exerciser": "no",
    "cv_risk_factors": [],
    "medication_flags": [],
    "falls_12m": "0",
    "fear_of_falling": "no",
    "clearance_status": "not_required",
    "base_total_min": "0",
    "base_vig_min": "0",
    "base_strength_days": "0",
    "barriers": ["low_motivation", "time"],
    "preferred_activities": ["walking"],
    "available_days": "5",
}
# C01's first weeks (minutes a week at steps 1-3).
C01_FIRST_STEPS = (30, 40, 50)
