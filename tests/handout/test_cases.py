"""Every public case (../shared/spec/cases) through the real engine and the renderer.

For each case: the document the client may get, the blocks it must carry, words it must never
carry (N05-N10, N20, N21), sensitive intake answers it must never show (N17), the crisis line on
every page (N03), the page budget, and byte-identical re-renders.
"""

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path

import pytest

from planner.adapters import saved_plan
from planner.engine import build_plan, parse_intake
from planner.handout import HandoutHeader
from planner.handout.handout import EFFORT_WORDS, without_step_rows
from planner.handout.layout import crisis_line_text
from planner.handout.text import unprintable_chars
from tests.handout.pdfutil import (
    MOVES_SECTION_MAX_PAGES,
    active_content,
    body_text,
    flat,
    page_texts,
    without_moves,
)
from tests.handout.snapshots import choose_client_document, render, render_log_sheet

CASES_DIR = Path(__file__).resolve().parents[3] / "shared" / "spec" / "cases"
CASE_NAMES = sorted(p.stem for p in CASES_DIR.glob("*.json"))
TODAY = dt.date(2026, 3, 9)

#: Never in client material (rules.md N05-N10, N15, N20, N21, R-WORD-5). Whole words or phrases,
#: matched case-insensitively.
BANNED = (
    "calorie", "calories", "weight loss", "lose weight", "burn", "burns", "burn off", "BMI",
    "heart rate", "heart-rate", "220", "Borg", "RPE", "no pain", "you must", "must", "failed",
    "failure", "no excuses", "push through", "just exercise", "just do it", "lazy", "you should",
    "toning", "streak", "HIIT", "antidepressant", "brain cells", "1.5 times", "%",
)
#: Sensitive intake answers and diagnoses the client has not agreed to show (N17; rules 7.30:
#: no public case sets show_conditions_on_handout).
SENSITIVE = (
    "suicid", "item 9", "PHQ", "GAD", "eating disorder", "anorexia", "bulimia", "compulsive",
    "obesity", "obese", "weight", "depression", "depressed", "anxiety disorder", "PTSD",
    "trauma", "bipolar", "mania", "schizophrenia", "psychosis", "psychotic", "ADHD",
    "sarcopenia", "diabetes", "hypertension", "osteoarthritis", "lithium", "antipsychotic",
    "beta-blocker", "beta blocker", "insulin", "pregnan",
)
#: Words that would mean exercise content on a document that must have none.
EXERCISE = ("minutes a week", "walk", "strength", "session", "brisk", "step 1", "week 1",
            "exercise plan", "sit-to-stand")

#: Blocks every handout carries (R-WORD-4, N03).
ALWAYS = ("wording", "at_a_glance", "activities_that_count", "intensity_guide",
          "warning_symptoms", "hold_rules", "contact_clinician", "review_weeks", "disclaimer",
          "crisis_footer")
#: Barriers the client can name that have no tip of their own (R-BAR-01..12 cover the rest).
BARRIERS_WITHOUT_TIP = {"other"}
#: Pages of a handout in standard print, A4 or Letter. Measured on the public cases (issue 25,
#: body 12 pt and a ruled line per session in the week table): 6-7 pages; one page of room is
#: left, so a plan that suddenly needs more is noticed (docs/handout.md lists the counts).
HANDOUT_PAGE_BUDGET = 8


def _words(text: str, words) -> list[str]:
    found = []
    for word in words:
        if word == "%":
            if "%" in text:
                found.append(word)
            continue
        pattern = r"(?<![\w-])" + re.escape(word) + (r"(?![\w-])" if word[-1].isalnum() else "")
        if re.search(pattern, text, flags=re.IGNORECASE):
            found.append(word)
    return found


def load_case(name: str) -> tuple[dict, dict]:
    case = json.loads((CASES_DIR / f"{name}.json").read_text(encoding="utf-8"))
    intake = parse_intake(case["intake"])
    snapshot = build_plan(intake, today=TODAY).to_dict()
    return case["intake"], snapshot


HEADER = HandoutHeader(
    clinic="Riverside Clinic", clinician_name="Dr Sam Lee", clinician_contact="555-0100",
    client_display_name="Zoë Ångström", revision_number=2, revision_date=TODAY,
    plan_start_date=TODAY,
)


def header_for(snapshot: dict, kind: str, **changes) -> HandoutHeader:
    open_gates = [g for g in snapshot.get("gates") or () if g != "CLEARANCE_PENDING"]
    changes.setdefault("draft", kind == "handout" and bool(open_gates))
    return dataclasses.replace(HEADER, **changes)


def required_keys(snapshot: dict, intake: dict) -> set[str]:
    """The blocks this case's handout must print, from the plan's own facts and the answers."""
    keys = set(ALWAYS)
    if set(intake.get("barriers") or ()) - BARRIERS_WITHOUT_TIP:
        keys.add("barrier_tips")
    flags, gates, steps = set(snapshot["flags"]), set(snapshot["gates"]), snapshot["steps"]
    if "RISK_ATTESTATION" in gates:
        keys.add("crisis_box")
    if "ADVISORY_GP" in flags:
        keys.add("advisory")
    if any(f.startswith("MED_") for f in flags):
        keys.add("medication_notes")
    if snapshot["mode"] == "MAINTAIN_CURRENT":
        keys.add("maintain_note")
    if any(s["strength_sessions"] for s in steps):
        keys.add("strength_guide")
    if any(s["mind_body_sessions"] for s in steps):
        keys.add("mind_body")
    if "ED_COMPULSIVE_CAP" in flags:
        keys.add("flexibility")
    return keys


EXPECTED_DOCUMENT = {"G1": "crisis_sheet", "G2": "interim_clearance_letter",
                     "C19": "interim_clearance_letter", "C20": "interim_clearance_letter",
                     "G3": "stop_notice", "G5": "stop_notice"}


@pytest.fixture(scope="module")
def rendered():
    """name -> (intake, snapshot, kind, pdf bytes, page texts): each case rendered once."""
    out = {}
    for name in CASE_NAMES:
        intake, snapshot = load_case(name)
        kind = choose_client_document(snapshot)
        pdf = render(snapshot, header_for(snapshot, kind), kind)
        out[name] = (intake, snapshot, kind, pdf, page_texts(pdf))
    return out


def test_every_public_case_is_covered():
    assert len(CASE_NAMES) >= 27 and "C01" in CASE_NAMES and "G5" in CASE_NAMES


@pytest.mark.parametrize("name", CASE_NAMES)
def test_document_choice(name, rendered):
    _, snapshot, kind, pdf, _ = rendered[name]
    assert kind == EXPECTED_DOCUMENT.get(name, "handout")
    assert pdf.startswith(b"%PDF-")
    assert active_content(pdf) == []


@pytest.mark.parametrize("name", CASE_NAMES)
def test_crisis_line_on_every_page_of_client_documents(name, rendered):
    _, snapshot, kind, _, pages = rendered[name]
    if kind == "stop_notice":
        return  # for the clinician; checked in test_stop_notices
    for page in pages:
        assert "988" in page, name
        assert "call or text 988" in flat(page), name


@pytest.mark.parametrize("name", CASE_NAMES)
def test_no_banned_words(name, rendered):
    _, snapshot, kind, _, pages = rendered[name]
    if kind == "stop_notice":
        return
    text = flat(" ".join(pages))
    assert _words(text, BANNED) == [], name


@pytest.mark.parametrize("name", CASE_NAMES)
def test_no_sensitive_answers_or_unagreed_diagnoses(name, rendered):
    _, snapshot, kind, _, pages = rendered[name]
    if kind == "stop_notice":
        return
    text = flat(" ".join(pages))
    # The crisis service's own name ("988 Suicide & Crisis Lifeline") is public information
    # printed for everyone, not an answer about this client.
    resources = snapshot.get("crisis_resources") or {}
    if resources.get("crisis_line_name"):
        text = text.replace(resources["crisis_line_name"], "")
    assert _words(text, SENSITIVE) == [], name


def furniture(snapshot: dict, header: HandoutHeader) -> list[str]:
    meta = f"{header.client_display_name} · Revision {header.revision_number}, 9 March 2026"
    return [
        crisis_line_text(saved_plan(snapshot)), meta + " · DRAFT — not for the client", meta,
        f"Your activity plan · {header.client_display_name}", header.clinic,
        "DRAFTnot for the client", "DRAFT not for the client",
    ]


@pytest.mark.parametrize("name", [n for n in CASE_NAMES if EXPECTED_DOCUMENT.get(n, "handout")
                                  == "handout"])
def test_handout_blocks(name, rendered):
    intake, snapshot, kind, pdf, pages = rendered[name]
    text = body_text(pages, furniture(snapshot, header_for(snapshot, kind)))
    texts = {b["key"]: b for b in snapshot["texts"]}
    missing = required_keys(snapshot, intake) - set(texts)
    assert not missing, f"{name}: the snapshot lacks {missing}"
    for key, block in texts.items():
        if key == "crisis_footer":
            continue  # page furniture: on every page (test_crisis_line_on_every_page...)
        if key == "activity_schedule":
            continue  # the week table's write-in column (test_week_is_planned_once)
        if key == "at_a_glance":
            plan = saved_plan(snapshot)
            block = without_step_rows(plan.text(key), plan.steps).to_dict()
        for sentence in [block["title"], *block["paragraphs"], *block["bullets"]]:
            if sentence:
                assert flat(sentence) in text, (name, key, sentence)
    # Forbidden blocks: the crisis box only under RISK_ATTESTATION; vigorous words only when
    # vigorous work is allowed.
    if "RISK_ATTESTATION" not in snapshot["gates"]:
        assert "crisis_box" not in texts
    else:
        first = flat(pages[0])
        assert first.index(flat(texts["crisis_box"]["title"])) < first.index(
            flat(texts["wording"]["title"]))
    if not snapshot["vigorous_allowed"]:
        assert _words(text, ("hard effort", "vigorous", "harder exercise is fine")) in (
            [], ["hard effort"]) and "some hard effort is OK" not in text
        if "VIGOROUS_BASELINE_REVIEW" not in snapshot["flags"]:
            assert "hard effort" not in text.lower(), name


@pytest.mark.parametrize("name", [n for n in CASE_NAMES if EXPECTED_DOCUMENT.get(n, "handout")
                                  == "handout"])
def test_handout_table_and_pages(name, rendered):
    _, snapshot, kind, pdf, pages = rendered[name]
    text = flat(" ".join(pages))
    assert len(pages) <= HANDOUT_PAGE_BUDGET + MOVES_SECTION_MAX_PAGES, f"{name}: {len(pages)}"
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in flat(page)
        assert "Revision 2, 9 March 2026" in flat(page)
        assert "Zoë Ångström" in page
    steps = snapshot["steps"]
    if steps:
        assert "My days, times and places" in text
        for s in steps:
            assert f"{s['sessions']} × about {s['minutes_per_session']} min" in text
        last = TODAY + dt.timedelta(weeks=len(steps) - 1)
        assert f"{last.day} {last.strftime('%b')}" in text
    else:
        assert "My days, times and places" not in text
    draft = bool(set(snapshot["gates"]) - {"CLEARANCE_PENDING"})
    assert all(("DRAFT — not for the client" in p) == draft for p in pages), name


@pytest.mark.parametrize("name", [n for n in CASE_NAMES if EXPECTED_DOCUMENT.get(n, "handout")
                                  == "handout"])
def test_letter_paper_keeps_the_page_budget_too(name, rendered):
    _, snapshot, kind, _, _ = rendered[name]
    header = header_for(snapshot, kind, paper="LETTER")
    letter = page_texts(render(snapshot, header, kind))
    bare = page_texts(render(without_moves(snapshot), header, kind))
    assert len(bare) <= HANDOUT_PAGE_BUDGET
    assert len(letter) <= len(bare) + MOVES_SECTION_MAX_PAGES


@pytest.mark.parametrize("name", ["C01", "C07", "C12", "C03"])
def test_large_print_renders_with_the_crisis_line_on_every_page(name, rendered):
    _, snapshot, kind, _, _ = rendered[name]
    large = page_texts(render(snapshot, header_for(snapshot, kind, large_print=True), kind))
    assert all("call or text 988" in flat(p) for p in large)


@pytest.mark.parametrize("name", ["G1"])
def test_crisis_sheet_has_no_exercise_content(name, rendered):
    _, snapshot, kind, _, pages = rendered[name]
    assert len(pages) == 1
    text = flat(pages[0])
    assert "911" in text
    assert _words(text, EXERCISE) == []


@pytest.mark.parametrize("name", ["G2", "C19", "C20"])
def test_interim_letters_carry_the_emergency_sentence_and_no_plan(name, rendered):
    _, snapshot, kind, _, pages = rendered[name]
    text = flat(" ".join(pages))
    letter = next(b for b in snapshot["documents"] if b["key"] == "interim_clearance_letter")
    for sentence in letter["paragraphs"] + letter["bullets"]:
        assert flat(sentence) in text
    assert "911" in text
    assert "My days, times and places" not in text
    assert _words(text, ("minutes a week", "sessions", "step 1")) == []


@pytest.mark.parametrize("name", ["G3", "G5"])
def test_stop_notices(name, rendered):
    _, snapshot, kind, _, pages = rendered[name]
    text = flat(" ".join(pages))
    assert len(pages) == 1
    assert "For the clinician — not for the client" in text
    assert snapshot["hard_stop"] in text
    assert _words(text, ("minutes a week", "sessions", "step 1")) == []


@pytest.mark.parametrize("name", [n for n in CASE_NAMES if EXPECTED_DOCUMENT.get(n, "handout")
                                  == "handout"])
def test_log_sheet_tick_boxes(name, rendered):
    _, snapshot, kind, _, _ = rendered[name]
    pages = page_texts(render_log_sheet(snapshot, header_for(snapshot, "log_sheet", draft=True)))
    text = flat(" ".join(pages))
    planned = sum(s["sessions"] + s["strength_sessions"] for s in snapshot["steps"])
    if "ED_COMPULSIVE_CAP" in snapshot["flags"]:  # a row for every day: rest is planned (8.17)
        planned = sum(7 + s["strength_sessions"] for s in snapshot["steps"])
        assert "Minutes" not in text
    assert text.count("☐") == planned
    assert all("call or text 988" in flat(p) for p in pages)


@pytest.mark.parametrize("name", ["C01", "C04", "G1", "G2", "G3"])
def test_rerender_is_byte_identical(name, rendered):
    _, snapshot, kind, pdf, _ = rendered[name]
    again = render(json.loads(json.dumps(snapshot)), header_for(snapshot, kind), kind)
    assert again == pdf  # a stored snapshot (JSON round trip) gives the same bytes


def test_engine_text_is_fully_printable_in_the_embedded_font(rendered):
    for name, (_, snapshot, _, _, _) in rendered.items():
        for block in [*snapshot.get("texts", ()), *snapshot.get("documents", ())]:
            for sentence in [block["title"], *block["paragraphs"], *block["bullets"]]:
                assert unprintable_chars(sentence) == [], (name, block["key"], sentence)


def test_fallback_effort_words_match_the_engine_texts():
    from planner.engine.texts.context import INTENSITY_WORDS

    assert {str(k): v for k, v in INTENSITY_WORDS.items()} == EFFORT_WORDS


#: rules.md R-INT-1: the client's words for each intensity (written here, not read from code).
R_INT_1_WORDS = {"light": "easy", "light_to_moderate": "comfortably brisk", "moderate": "brisk",
                 "moderate_vigorous_optional": "brisk (some hard effort is OK)"}
#: One week of the table as pypdf reads it, whitespace collapsed (a cell may wrap): minutes,
#: "N × about M min", then the effort words. A week printed as a card (large print, or a table
#: too wide for its write-in column) labels the same cells "Sessions:" and "How hard:". Only the
#: R-INT-1 words can match, so a week printing a code or other words is missing from the list.
WEEK_ROW = re.compile(r"(\d+) (?:Sessions: )?(\d+) × about (\d+) min,? (?:How hard: )?("
                      + "|".join(re.escape(w) for w in sorted(R_INT_1_WORDS.values(), key=len,
                                                              reverse=True)) + ")")


@pytest.mark.parametrize("name", [n for n in CASE_NAMES if EXPECTED_DOCUMENT.get(n, "handout")
                                  == "handout"])
def test_week_table_says_how_hard_in_plain_words(name, rendered):
    _, snapshot, _, _, pages = rendered[name]
    rows = WEEK_ROW.findall(flat(" ".join(pages)))
    expected = [(str(s["weekly_minutes"]), str(s["sessions"]), str(s["minutes_per_session"]),
                 R_INT_1_WORDS[s["intensity"]]) for s in snapshot["steps"]]
    assert rows == expected, name
    text = " ".join(pages)
    assert not re.search(r"\b(light|moderate)_", text), name  # no intensity code anywhere


@pytest.mark.parametrize("name", ["G2", "C19", "C20"])
def test_clearance_request_letter_reads_reasons_then_request_then_reply_lines(name, rendered):
    _, snapshot, _, _, _ = rendered[name]
    letter = next(b for b in snapshot["documents"] if b["key"] == "clearance_request_letter")
    assert letter["bullets"], name  # the clearance reasons
    pdf = render(snapshot, header_for(snapshot, "clearance_request_letter"),
                 "clearance_request_letter")
    text = flat(" ".join(page_texts(pdf)))
    reasons = [text.index(flat(b)) for b in letter["bullets"]]
    announced = text.index("listed below")  # "for the reasons listed below", "the symptoms ..."
    asked = text.index("any limits you would like on weekly minutes or on effort")
    cleared_by = text.index("Cleared by:")
    limits_line = text.index("Limits (minutes a week / effort):")
    signed = text.index("Signed:")
    assert announced < min(reasons) and max(reasons) < asked < cleared_by < limits_line < signed
    for sentence in letter["paragraphs"]:  # nothing dropped by the reordering
        assert text.count(flat(sentence)) == 1, sentence


@pytest.mark.parametrize("name", [n for n in CASE_NAMES if EXPECTED_DOCUMENT.get(n, "handout")
                                  != "stop_notice"])
def test_us_crisis_footer_prints_each_number_once(name, rendered):
    _, snapshot, kind, _, pages = rendered[name]
    footer = crisis_line_text(saved_plan(snapshot))
    assert flat(footer).count("988") == 1 and flat(footer).count("911") == 1, footer
    # On a handout without the crisis box (RISK_ATTESTATION) the footer is the only place 988
    # is printed; letters and the crisis sheet also give it in their own text.
    footer_only = kind == "handout" and "RISK_ATTESTATION" not in snapshot["gates"]
    for page in pages:
        assert flat(footer) in flat(page)
        if footer_only:
            assert flat(page).count("988") == 1, (name, page)


@pytest.mark.parametrize("name", [n for n in CASE_NAMES if EXPECTED_DOCUMENT.get(n, "handout")
                                  == "handout"])
def test_week_is_planned_once(name, rendered):
    # The engine's "My week" block (a day / time / place line per session) and the week table's
    # "My days, times and places" column ask for the same thing: the handout prints the column.
    _, snapshot, _, _, pages = rendered[name]
    text = flat(" ".join(pages))
    schedule = next((b for b in snapshot["texts"] if b["key"] == "activity_schedule"), None)
    if not snapshot["steps"]:
        assert schedule is None and "My days, times and places" not in text
        return
    assert schedule is not None and schedule["bullets"], name
    assert "My days, times and places" in text
    assert "Session 1: day" not in text and "done [ ]" not in text
    assert flat(schedule["title"]) not in text and flat(schedule["paragraphs"][0]) not in text
    assert text.count("a day, a time and a place for each session") == 1
