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
    return _warning_symptoms(ctx.res.emergency_number, ctx.filters.seated_only)


@lru_cache(maxsize=64)
def _warning_symptoms(n: str, seated_only: bool) -> Block:
    calf = ("If you get new pain or swelling in your calf or your ankles, stop and contact your "
            "clinician." if seated_only else
            "If you get new pain in your calf when walking, or new swelling in your ankles, stop "
            "and contact your clinician.")
    return TextBlock(
        key="warning_symptoms",
        title="Warning signs: get help straight away",
        paragraphs=(
            f"Stop straight away and call {n} if you have any of the signs in the list below.",
            calf,
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


# Rules 8.13 (R-SAFE-MED): safety signs only, never dose or timing advice (N19). The notes name
# no medicine, so they print whether or not the client agreed to show conditions (N17).
_MED_NOTES = {
    "MED_LITHIUM": (
        "Fluids and heat: drink water regularly before, during and after activity, and avoid "
        "exercising in hot conditions. Get medical advice the same day if you have vomiting or "
        "diarrhoea, a new or worse tremor, unsteadiness or confusion.",
        ("R-SAFE-MED", "X19", "E81", "8.13")),
    "MED_ANTIPSYCHOTIC": (
        "Heat, fluids and standing up: drink regularly and take care in hot weather. Stand up "
        "slowly, and if you feel dizzy, stop and sit down until it passes.",
        ("R-SAFE-MED", "8.13")),
    "MED_BETA_BLOCKER": (
        "Your pulse: your medicine keeps your pulse lower during activity, so go by the talk "
        "test and the effort scale, not by your pulse.",
        ("R-SAFE-MED", "R-INT-3", "X22", "8.13")),
    "MED_STIMULANT": (
        "Fluids and heat: drink water and take care in hot weather. If your heart races or "
        "thumps hard, stop and rest, and tell your clinician.",
        ("R-SAFE-MED", "8.13")),
}

_LOW_GLUCOSE = (
    "Low blood glucose: the signs are feeling shaky, sweaty, hungry, confused or unusually "
    "tired. Carry glucose tablets or a sweet drink with you. If you notice the signs, stop, "
    "have the glucose tablets or the sweet drink straight away, and rest until you feel well.")


def medication_notes(ctx: Context) -> Block | None:
    """R-SAFE-MED, rules 8.13: one safety note per medication flag; no dose or timing (N19)."""
    meds = frozenset(f for f in ctx.flags if f.startswith("MED_"))
    return _medication_notes(meds, ctx.show) if meds else None


@lru_cache(maxsize=256)
def _medication_notes(flags: frozenset, show: bool) -> Block | None:
    bullets, ids = [], []
    if "MED_INSULIN_OR_SULFONYLUREA" in flags:
        team = "your diabetes team's" if show else "your care team's"
        bullets.append(_LOW_GLUCOSE)
        bullets.append(f"Glucose checks: follow {team} advice about checking your glucose "
                       "around activity.")
        ids += ["R-SAFE-MED", "X05", "8.13"]
    for flag, (text, note_ids) in _MED_NOTES.items():
        if flag in flags:
            bullets.append(text)
            ids += note_ids
    if not bullets:
        return None
    return TextBlock(key="medication_notes", title="About your medicines",
                     paragraphs=("Keep taking your medicines as prescribed. These notes are "
                                 "about being active while you take them.",),
                     bullets=tuple(bullets)), tuple(ids)


def falls_safety(ctx: Context) -> Block | None:
    """Rules 8.12: a falls-safety box with a falls risk (7.15) or from age 75."""
    if not ctx.falls_care:
        return None
    return _FALLS_SAFETY


_FALLS_SAFETY = (
    TextBlock(
        key="falls_safety",
        title="Staying safe from falls",
        bullets=(
            "Wear sturdy, flat shoes that fit well.",
            "Keep the floor clear and the room well lit.",
            "For standing moves, keep a sturdy chair or a kitchen counter within reach.",
            "Keep a phone with you.",
            "At first, exercise when someone else is around.",
            "If you feel dizzy, stop and sit down until it passes.",
            "If you fall: stay calm, and check yourself for pain before you try to get up. If "
            "you are hurt or can't get up, call for help.",
        ),
    ), ("8.12", "R-MIX-4", "E65", "X01"))


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
