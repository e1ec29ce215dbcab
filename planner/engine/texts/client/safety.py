"""Client blocks that keep the client safe: the crisis box and footer, warning signs, medication
notes, when to contact the clinician, and the disclaimer."""

from __future__ import annotations

from functools import lru_cache

from ... import crisis
from ...model import TextBlock
from ..context import Context
from .common import Block


def crisis_box(ctx: Context) -> Block | None:
    """R-SAFE-CRISIS: a crisis box at the top when RISK_ATTESTATION applies. Never reveals why."""
    if "RISK_ATTESTATION" not in ctx.gates:
        return None
    return _crisis_box(ctx.res)


@lru_cache(maxsize=64)
def _crisis_box(r) -> Block:
    return TextBlock(
        key="crisis_box",
        title="If things feel very hard",
        paragraphs=(
            "If you are having a very hard time, or thoughts of harming yourself, you don't have "
            "to wait for your next appointment. Help is there for you right now.",
        ),
        bullets=tuple(line for line in (
            crisis.line_sentence(r),
            crisis.other_sentence(r),
            f"In an emergency, call {r.emergency_number}, or {r.emergency_department_hint}.",
            "Contact your clinician or another mental health professional straight away.",
        ) if line),
    ), ("R-SAFE-CRISIS", "E51", "E52", "N17")


def crisis_footer(ctx: Context) -> Block:
    """R-SAFE-CRISIS / R-WORD-4: on every handout, for every client."""
    return _crisis_footer(ctx.res)


@lru_cache(maxsize=64)
def _crisis_footer(r) -> Block:
    return TextBlock(
        key="crisis_footer",
        title="If you are in crisis",
        paragraphs=(
            "If you are in crisis or having thoughts of harming yourself: "
            f"{crisis.help_options(r)}, {r.emergency_department_hint}, or contact a mental "
            f"health professional straight away. In an emergency, call {r.emergency_number}.",
        ),
    ), ("R-SAFE-CRISIS", "R-WORD-4", "E51")


def warning_symptoms(ctx: Context) -> Block:
    """R-SAFE-WARN (every handout). FAST signs in public-health words; no condition names."""
    return _warning_symptoms(ctx.res.emergency_number)


@lru_cache(maxsize=64)
def _warning_symptoms(n: str) -> Block:
    return TextBlock(
        key="warning_symptoms",
        title="Warning signs: get help straight away",
        paragraphs=(
            f"Stop straight away and call {n} if you have any of the signs in the list below.",
            "If you get new pain in your calf when walking, or new swelling in your ankles, stop "
            "and contact your clinician.",
        ),
        bullets=(
            "Chest pain, pressure or tightness.",
            "Fainting, or feeling as if you are about to faint.",
            "Breathlessness far worse than the effort explains.",
            "A racing or irregular heartbeat that doesn't settle with rest.",
            "Sudden face droop, arm weakness or difficulty speaking.",
        ),
    ), ("R-SAFE-WARN", "R-HOLD-5", "X05")


def contact_clinician(ctx: Context) -> Block:
    """R-WORD-4 (E52): when to contact the clinician."""
    return _CONTACT


_CONTACT = (
    TextBlock(
        key="contact_clinician",
        title="When to contact your clinician",
        paragraphs=(
            "Contact your clinician if changes in your mood, sleep, appetite, energy, "
            "concentration or interest in things last two weeks or more.",
            "Also get in touch if your health or your medicines change, or if anything in this "
            "plan doesn't feel right for you. You can always ask to change the plan.",
        ),
    ), ("R-WORD-4", "E52", "E33", "R-REV-6"))


_MED_NOTES = {
    "MED_LITHIUM": (
        "Fluids and heat: drink regularly before, during and after activity. Avoid exercising "
        "in hot conditions. Tell your prescriber if you plan a big increase in activity, or if "
        "you are sweating heavily or unwell.",
        ("R-SAFE-MED", "X19", "E81")),
    "MED_ANTIPSYCHOTIC": (
        "Heat, fluids and standing up: drink regularly and take care in hot weather. Get up "
        "slowly if you feel dizzy when standing. Plan sessions for the time of day when you feel "
        "most alert.",
        ("R-SAFE-MED",)),
    "MED_BETA_BLOCKER": (
        "Your pulse: your medicine can hold your pulse down during activity, so go by the talk "
        "test and the effort scale rather than by your pulse.",
        ("R-SAFE-MED", "R-INT-3", "X22")),
}


def medication_notes(ctx: Context) -> Block | None:
    """R-SAFE-MED: only the specified notes; no dose or timing advice (N19)."""
    meds = frozenset(f for f in ctx.flags if f.startswith("MED_"))
    return _medication_notes(meds, ctx.show) if meds else None


@lru_cache(maxsize=256)
def _medication_notes(flags: frozenset, show: bool) -> Block | None:
    bullets, ids = [], []
    for flag, (text, note_ids) in _MED_NOTES.items():
        if flag in flags:
            bullets.append(text)
            ids += note_ids
    if "MED_INSULIN_OR_SULFONYLUREA" in flags:
        team = "your diabetes team's" if show else "your care team's"
        bullets.append(f"Glucose: follow {team} advice about checking your glucose around "
                       "activity.")
        ids += ["R-SAFE-MED", "X05"]
    if not bullets:
        return None
    return TextBlock(key="medication_notes", title="About your medicines",
                     paragraphs=("Keep taking your medicines as prescribed. These notes are "
                                 "about being active while you take them.",),
                     bullets=tuple(bullets)), tuple(ids)


def disclaimer(ctx: Context) -> Block:
    """R-WORD-3 / R-WORD-4 (E53, E28)."""
    return _DISCLAIMER


_DISCLAIMER = (
    TextBlock(
        key="disclaimer",
        title="About this plan",
        paragraphs=("This plan gives general guidance, chosen with your clinician. It is not a "
                    "substitute for professional medical advice or treatment.",),
    ), ("R-WORD-4", "E53", "E28"))
