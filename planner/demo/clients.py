"""
Demo clients for `manage.py seed_demo`, so `make run` shows a living app.

The people are invented; their answers follow public cases of rules.md section 4 (C01, C03,
C05, C08, C11, G1). Only intakes live here, never expected plans: every plan is made by the
engine through the same services the web pages use (client_create, intake_create,
plan_revision_create). The app never reads ../shared at run time.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from planner.models import Client
from planner.services.clients import client_create, intake_create
from planner.services.plans import plan_revision_create

# Every required question answered "no" / none: the web form asks each one explicitly, and so
# does this data. Each demo client lists only its differences.
BASE_ANSWERS: dict[str, Any] = {
    "pregnant_or_postpartum_6m": False,
    "secondary_conditions": [],
    "walking_ability": "independent",
    "suicide_risk": "none",
    "ed_history": "none",
    "compulsive_exercise_history": False,
    "q1a_heart_condition": False,
    "q1b_high_blood_pressure": False,
    "q2_chest_pain": False,
    "q3_dizziness_loc": False,
    "q4_other_chronic": False,
    "q5_chronic_meds": False,
    "q6_msk_problem": False,
    "q7_supervised_only": False,
    "known_cvd": False,
    "known_metabolic": False,
    "known_renal": False,
    "symptoms": [],
    "regular_exerciser": False,
    "cv_risk_factors": [],
    "medication_flags": [],
    "falls_12m": 0,
    "fear_of_falling": False,
    "clearance_status": "not_required",
    "base_vig_min": 0,
    "base_strength_days": 0,
    "barriers": [],
    "preferred_activities": [],
    # Clinician-only answers (rules.md 2C, 2F, 2G): each demo client gives its own; screened at
    # the assessment unless it says otherwise (R-REV-6).
    "current_treatments": [],
    "screening_date": None,
    "current_activities": [],
}

# (display name, days ago assessed, answers, later assessments as (days ago, changes, reason))
DEMO_CLIENTS: list[dict[str, Any]] = [
    {
        "display_name": "Ana (demo)",
        "birth_year": 1997,
        "days_ago": 40,
        "answers": {
            "age": 29, "primary_condition": "depression", "depression_severity": "mild",
            "phq9_total": 8, "phq9_item9": 0, "base_total_min": 0,
            "barriers": ["low_motivation", "time"], "preferred_activities": ["walking"],
            "available_days": 5, "current_treatments": ["none"],
        },
        "later": [
            (
                12,
                {"barriers": ["low_motivation", "time", "poor_sleep"], "phq9_total": 7},
                "Week 4 review: sleep worse, hold steps while it settles.",
            )
        ],
    },
    {
        "display_name": "Carla (demo)",
        "days_ago": 9,
        "answers": {
            "age": 38, "primary_condition": "depression", "depression_severity": "severe",
            "phq9_total": 21, "phq9_item9": 1, "suicide_risk": "passive_ideation",
            "base_total_min": 0,
            "barriers": ["psychomotor_retardation", "anhedonia", "social_withdrawal"],
            "preferred_activities": ["walking", "home_bodyweight"],
            "setting_preference": "home", "available_days": 7,
            "current_treatments": ["antidepressant", "psychotherapy"],
        },
    },
    {
        "display_name": "Eli (demo)",
        "days_ago": 20,
        "answers": {
            "age": 24, "primary_condition": "anxiety", "anxiety_severity": "moderate",
            "gad7_total": 13, "ed_history": "past", "compulsive_exercise_history": True,
            "base_total_min": 360, "base_vig_min": 120, "base_strength_days": 3,
            "regular_exerciser": True, "wants_to_keep_vigorous": True,
            "preferred_activities": ["running", "gym_strength"], "available_days": 7,
            "current_treatments": ["psychotherapy"],
            "current_activities": ["running", "gym_strength", "cycling"],
        },
    },
    {
        "display_name": "Hana (demo)",
        "days_ago": 30,
        "answers": {
            "age": 52, "primary_condition": "bipolar", "bipolar_state": "euthymic",
            "base_total_min": 30, "barriers": ["poor_sleep"],
            "preferred_activities": ["swimming_or_water", "walking"], "available_days": 7,
            "q5_chronic_meds": True, "medication_flags": ["lithium"],
            "current_treatments": ["mood_stabiliser", "psychotherapy"],
            "current_activities": ["walking"],
            # Screened by her GP over a year ago and not asked again: the list shows it overdue.
            "screening_days_ago": 400,
        },
    },
    {
        "display_name": "Karl (demo)",
        "days_ago": 15,
        "answers": {
            "age": 67, "primary_condition": "stroke_rehab",
            "secondary_conditions": ["depression"], "depression_severity": "mild",
            "phq9_total": 7, "phq9_item9": 0, "stroke_months_since": 8,
            "stroke_rehab_team_involved": True, "base_total_min": 20,
            "walking_ability": "with_aid", "q1a_heart_condition": True, "known_cvd": True,
            "q1b_high_blood_pressure": True, "bp_uncontrolled": False,
            "cv_risk_factors": ["age", "high_blood_pressure"],
            "barriers": ["physical_limitation", "fatigue"],
            "preferred_activities": ["walking", "seated_exercise"],
            "clearance_status": "obtained", "clearance_by": "Stroke rehabilitation team",
            "available_days": 7, "q5_chronic_meds": True, "medication_flags": ["beta_blocker"],
            "current_treatments": ["antidepressant", "rehab_programme", "other"],
            "current_activities": ["walking"],
        },
    },
    {
        "display_name": "Mo (demo)",
        "days_ago": 2,
        "answers": {
            "age": 44, "primary_condition": "depression", "depression_severity": "moderate",
            "suicide_risk": "active_with_plan_or_intent", "base_total_min": 20,
            "available_days": 5, "current_treatments": ["antidepressant"],
            "current_activities": ["walking"],
        },
    },
]


def _answers(values: dict[str, Any], assessed: dt.date) -> dict[str, Any]:
    # Week 1 started on the assessment day, so the demo shows plans part-way through.
    answers = {**BASE_ANSWERS, **values, "assessed_date": assessed, "plan_start_date": assessed}
    if (days := answers.pop("screening_days_ago", None)) is not None:
        answers["screening_date"] = timezone.localdate() - dt.timedelta(days=days)
    if answers.get("clearance_status") == "obtained":
        answers.setdefault("clearance_date", assessed)
    return answers


@transaction.atomic
def seed_demo_clients(user) -> int:
    """Create the demo clients of `user` that do not exist yet; return how many were created."""
    today = timezone.localdate()
    created = 0
    for demo in DEMO_CLIENTS:
        if Client.objects.filter(owner=user, display_name=demo["display_name"]).exists():
            continue
        client = client_create(
            owner=user, display_name=demo["display_name"], birth_year=demo.get("birth_year")
        )
        assessed = today - dt.timedelta(days=demo["days_ago"])
        intake = intake_create(
            client=client, author=user, **_answers({**demo["answers"]}, assessed)
        )
        plan_revision_create(intake=intake, author=user, base_revision=0)
        values = demo["answers"]
        for number, (days_ago, changes, reason) in enumerate(demo.get("later", ()), start=1):
            values = {**values, **changes}
            assessed = today - dt.timedelta(days=days_ago)
            intake = intake_create(client=client, author=user, **_answers(values, assessed))
            plan_revision_create(intake=intake, author=user, base_revision=number, reason=reason)
        created += 1
    return created
