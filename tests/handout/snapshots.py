"""Hand-made snapshots shaped exactly like ``Plan.to_dict()`` (planner/engine/model.py).

They let the renderer be tested without the engine, and pin the contract: if the engine's
snapshot shape changes, the case tests (which use the real engine) and these both must pass.
Texts here are stand-ins of realistic length, not the product's wording.
"""

from __future__ import annotations

import copy
import datetime as dt

from planner import handout
from planner.adapters import saved_plan

US_RESOURCES = {
    "region": "US",
    "crisis_line_name": "988 Suicide & Crisis Lifeline",
    "crisis_line_contact": "call or text 988",
    "emergency_number": "911",
    "emergency_department_hint": "go to your nearest emergency department",
}

CRISIS_FOOTER = (
    "If you are in crisis or having thoughts of harming yourself: call or text 988 "
    "(Suicide & Crisis Lifeline, US), go to your nearest emergency department, or contact a "
    "mental health professional straight away."
)


def block(key, title="", paragraphs=(), bullets=()):
    return {"key": key, "title": title, "paragraphs": list(paragraphs), "bullets": list(bullets)}


def _steps_c01():
    wm = [30, 40, 50, 50, 60, 70, 80, 80, 90, 100, 110, 110, 120, 130, 140, 140, 150]
    steps = []
    for i, m in enumerate(wm, start=1):
        n = max(1, min(max(3, min(5, -(-m // 30))), 5, m // 5))
        steps.append({
            "step": i, "weekly_minutes": m, "sessions": n,
            "minutes_per_session": (2 * m + n) // (2 * n), "mind_body_sessions": 0,
            "aerobic_minutes": m, "intensity": "light_to_moderate" if i <= 3 else "moderate",
            "strength_sessions": 0 if i <= 2 else 1 if i <= 4 else 2,
            "consolidation": i % 4 == 0,
        })
    return steps


def _texts():
    return [
        block("wording", "About this plan", [
            "For some people with mild low mood, regular activity can help on its own. Your "
            "clinician will check in with you at weeks 4 and 8 to see how it is going.",
            "If you are already having other treatment, carry on with it unless your clinician "
            "advises otherwise.",
        ]),
        block("at_a_glance", "Your plan at a glance", bullets=[
            "Start with about 30 minutes a week, in 3 short sessions.",
            "Add about 10 minutes a week, with a steady week every fourth week.",
            "Aim for about 150 minutes a week by week 17, then keep going at that level; your "
            "clinician will review with you.",
            "Strength exercises start in week 3.",
        ]),
        block("intensity_guide", "How hard is right", [
            "Use the talk test. Easy: you can talk and even sing. Comfortably brisk: you can talk "
            "in full sentences and feel warm. Brisk: you can talk, but you couldn't sing.",
            "On a scale from 0 (sitting still) to 10 (the hardest you could possibly work), "
            "brisk is about 5 to 6. If you can't talk, slow down. Easier is always allowed.",
        ]),
        block("body_sensations", "Normal feelings when you move", [
            "A faster heartbeat, quicker breathing and feeling warm or sweaty are normal effects "
            "of moving. They are not signs of danger.",
        ]),
        block("warning_symptoms", "Warning signs", [
            "Stop straight away and call 911 if you have:",
        ], [
            "chest pain, pressure or tightness",
            "fainting or nearly fainting",
            "breathlessness far worse than the effort explains",
            "a racing or irregular heartbeat that does not settle with rest",
            "sudden face droop, arm weakness or difficulty speaking",
            "Stop and contact your clinician if you notice new calf pain when walking or new "
            "ankle swelling.",
        ]),
        block("strength_guide", "Strength starter moves", [
            "Start with 3 exercises, 1 set of 10 to 15 repetitions, at a comfortable effort: you "
            "could do many more. Breathe out as you push. Never hold your breath.",
        ], ["Sit-to-stand from a chair", "Wall push-up", "Heel raises holding a counter"]),
        block("activities_that_count", "Other things that count", [
            "Stretching, gardening, dancing and active chores all count. Mixing activities is "
            "encouraged.",
        ]),
        block("barrier_tips", "Ideas that may help", bullets=[
            "Put a day, time and place for every session in the table and tick them off.",
            "Start tiny: shoes on, out the door.",
            "Short on time? Split a session into bouts of 5 minutes or more.",
            "Walk or cycle for part of a journey you already make.",
        ]),
        block("flexibility", "", [
            "It's OK to swap days. Any amount of activity counts.",
        ]),
        block("hold_rules", "If … then …", bullets=[
            "If you did less than half of a week's minutes, then repeat that week. That's fine.",
            "If you are unusually sore or exhausted the next day, then repeat the week at an "
            "easier effort. If it happens twice, contact your clinician.",
            "If you slept poorly on 3 or more nights, then don't move up next week; keep it easy.",
            "If you are unwell, then rest until you are better and repeat the last week you "
            "completed.",
            "If exercise starts to feel compulsory, or missing a session brings guilt, then tell "
            "your clinician and don't add more.",
            "If your mood has been worse for 2 weeks, then contact your clinician.",
        ]),
        block("contact_clinician", "When to contact your clinician", [
            "If changes in mood, sleep, appetite, energy, concentration or interest last two "
            "weeks or more.",
        ]),
        block("review_weeks", "Your review dates", bullets=[
            "Week 4: 30 March 2026", "Week 8: 27 April 2026", "Week 12: 25 May 2026",
        ]),
        block("disclaimer", "", [
            "This plan supports your health. It does not replace advice or treatment from your "
            "doctor.",
        ]),
        block("crisis_footer", "", [CRISIS_FOOTER]),
    ]


def plan_snapshot(**changes) -> dict:
    """A BUILD plan shaped like C01's (17 steps) with stand-in texts; override keys freely."""
    start = dt.date(2026, 3, 9)
    snap = {
        "engine_version": "1.1.0",
        "hard_stop": None,
        "mode": "BUILD",
        "baseline_minutes": 0,
        "target_minutes": 150,
        "phase2_target_minutes": None,
        "start_minutes": 30,
        "gentle_start": False,
        "vigorous_allowed": False,
        "wording": "STANDALONE_FOR_SOME",
        "strength_sessions_target": 2,
        "gates": [],
        "flags": [],
        "clearance_reasons": [],
        "target_reached_step": 17,
        "steps": _steps_c01(),
        "review_weeks": [
            {"week": w, "date": (start + dt.timedelta(weeks=w - 1)).isoformat()}
            for w in (4, 8, 12)
        ],
        "main_activity": "walking",
        "why": {"mode": ["R-MAINT-1"]},
        "overrides": [],
        "crisis_resources": dict(US_RESOURCES),
        "texts": _texts(),
        "clinician_notes": [block("clinician_summary", "Summary", ["BUILD from 30 to 150."])],
        "documents": [],
    }
    snap.update(copy.deepcopy(changes))
    return snap


def crisis_snapshot() -> dict:
    """A CRISIS hard stop: only what Plan.to_dict() keeps under a hard stop."""
    return {
        "engine_version": "1.1.0",
        "hard_stop": "CRISIS",
        "steps": [],
        "crisis_resources": dict(US_RESOURCES),
        "documents": [
            block("crisis_sheet", "Help is available now", [
                "You don't have to go through this alone. Talking to someone can help.",
            ], [
                "Call or text 988 any time, day or night.",
                "In an emergency call 911 or go to your nearest emergency department.",
            ]),
            block("stop_notice", "Crisis: no plan produced", [
                "Follow your local risk procedures today. Give the client the crisis sheet.",
            ]),
        ],
        "clinician_notes": [],
        "why": {"hard_stop": ["R-SAFE-HS2"]},
    }


def clearance_snapshot() -> dict:
    snap = plan_snapshot(gates=["CLEARANCE_PENDING"], flags=["CLEARANCE_REQUIRED",
                                                               "VIGOROUS_LOCK"],
                         clearance_reasons=["SYMPTOMS"])
    snap["documents"] = [
        block("interim_clearance_letter", "Before you start", [
            "Before you start this activity plan, please see your doctor. Until you have been "
            "cleared, please don't start new exercise or increase your activity. Carry on with "
            "your usual daily activities.",
            "If you have chest pain, fainting, severe breathlessness or a racing heartbeat that "
            "doesn't settle, call 911 now.",
        ]),
        block("clearance_request_letter", "Request for medical clearance", [
            "Dear Doctor,",
            "Our client has been offered a gradual activity plan. Before they start, we would be "
            "grateful for your assessment of the following:",
        ], ["Symptoms reported on screening"]),
    ]
    return snap


def maintain_current_snapshot() -> dict:
    snap = plan_snapshot(mode="MAINTAIN_CURRENT", start_minutes=None, steps=[],
                         target_reached_step=None, flags=["HIGH_VOLUME_REVIEW"])
    snap["texts"] = [b for b in snap["texts"] if b["key"] not in ("at_a_glance", "strength_guide")]
    snap["texts"].insert(1, block("maintain_note", "Your current routine", [
        "Keep your current routine; this plan does not add minutes.",
    ]))
    return snap


# --- the renderer's API on snapshots, read as the web layer reads a revision's ----------------
# The renderer takes the engine's Plan; these tests build the stored JSON, so each call reads it
# first with the app's one reader (planner.adapters.saved_plan), as PlanRevision.saved_plan does.


def choose_client_document(snapshot: dict) -> str:
    return handout.choose_client_document(saved_plan(snapshot))


def render(snapshot: dict, header, kind: str) -> bytes:
    return handout.render(saved_plan(snapshot), header, kind)


def render_handout(snapshot: dict, header) -> bytes:
    return handout.render_handout(saved_plan(snapshot), header)


def render_document(snapshot: dict, header, key: str) -> bytes:
    return handout.render_document(saved_plan(snapshot), header, key)


def render_log_sheet(snapshot: dict, header, weeks=None) -> bytes:
    return handout.render_log_sheet(saved_plan(snapshot), header, weeks)
