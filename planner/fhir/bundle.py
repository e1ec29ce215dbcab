"""
One client's record -> a FHIR R4 Bundle (type `collection`), as JSON-ready data.

Resources (docs/fhir.md maps each to its source):
- Patient: the name or pseudonym and the date or year of birth, nothing else;
- CarePlan: the current revision, its weeks as activities, its Goal; one more CarePlan per
  earlier released revision (status `revoked`: replaced by a later release) with its period;
- Goal: the weekly minutes the plan works towards (LOINC 82290-8, min/wk);
- Observation: PHQ-9 and GAD-7 totals, the physical-health measures, and the weekly minutes the
  client reported at each check-in (the Physical Activity IG's minutes-per-week observation).

Ids are UUIDs derived from the client and the row (the same record gives the same ids), and
every reference is the `urn:uuid:` full URL of an entry of the same bundle.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from planner.fhir import codes
from planner.fhir.codes import Code
from planner.measure_kinds import MeasureKind

ID_NAMESPACE = uuid.UUID("6f1c3c55-0b8e-4d7e-9a4c-6a1f2b0e9d26")  # this app's, fixed forever


class FhirExportError(ValueError):
    """The bundle did not validate as FHIR R4 (a defect: nothing is written or sent)."""


def _uuid(client_pk: int, *parts) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, "/".join(map(str, ("client", client_pk, *parts)))))


def _patient_id(record) -> str:
    return _uuid(record.client.pk, "patient")


def _ref(resource_id: str) -> dict:
    return {"reference": f"urn:uuid:{resource_id}"}


def _number(value) -> int | float:
    value = Decimal(str(value))
    return int(value) if value == value.to_integral_value() else float(value)


def _coding(code: Code) -> dict:
    return {"coding": [{"system": codes.LOINC, "code": code.code, "display": code.display}],
            "text": code.display}


def _quantity(value, code: Code) -> dict:
    return {"value": _number(value), "unit": code.unit_display, "system": codes.UCUM,
            "code": code.unit}


def _category(code: str) -> list[dict]:
    return [{"coding": [{"system": codes.OBSERVATION_CATEGORY, "code": code}]}]


def _observation(record, key: str, code: Code, *, day: dt.date, value=None,
                 category: list[dict] | None = None, **extra) -> dict:
    resource = {
        "resourceType": "Observation",
        "id": _uuid(record.client.pk, "observation", key),
        "status": "final",
        "category": category or _category(code.category),
        "code": _coding(code),
        "subject": _ref(_patient_id(record)),
        "effectiveDateTime": day.isoformat(),
    }
    if value is not None:
        resource["valueQuantity"] = _quantity(value, code)
    resource.update(extra)
    return resource


def _patient(record) -> dict:
    client = record.client
    patient: dict[str, Any] = {"resourceType": "Patient", "id": _patient_id(record),
                               "name": [{"text": client.display_name}]}
    if client.date_of_birth:
        patient["birthDate"] = client.date_of_birth.isoformat()
    elif client.birth_year:
        patient["birthDate"] = f"{client.birth_year:04d}"
    return patient


def _step_status(start: dt.date | None, today: dt.date) -> str:
    if start is None:
        return "not-started"
    if start + dt.timedelta(days=6) < today:
        return "completed"
    return "in-progress" if start <= today else "not-started"


def _activities(record, plan, goal_id: str | None) -> list[dict]:
    activity = (plan.main_activity.value.replace("_", " ") if plan.main_activity
                else "physical activity")
    out = []
    for step in plan.steps:
        text = (f"Week {step.week or step.step} (step {step.step}): {step.weekly_minutes} "
                f"minutes a week of {activity}, {step.sessions} sessions of about "
                f"{step.minutes_per_session} minutes, {step.intensity.value} intensity")
        if step.strength_sessions:
            text += f"; {step.strength_sessions} strength sessions"
        detail: dict[str, Any] = {"code": {"text": activity},
                                  "status": _step_status(step.date, record.today),
                                  "description": text}
        if step.date:
            detail["scheduledPeriod"] = {
                "start": step.date.isoformat(),
                "end": (step.date + dt.timedelta(days=6)).isoformat()}
        if goal_id:
            detail["goal"] = [_ref(goal_id)]
        out.append({"detail": detail})
    return out


def _care_plans(record) -> list[dict]:
    client_pk = record.client.pk
    out = []
    history = record.releases  # [(number, released_on)], oldest first
    ids = {number: _uuid(client_pk, "careplan", number) for number, _day in history}
    current = record.current
    for index, (number, released_on) in enumerate(history):
        if current is not None and number == current.number:
            continue
        later = [day for n, day in history[index + 1:]]
        end = later[0] if later else (record.current_saved_on or released_on)
        plan = {
            "resourceType": "CarePlan", "id": ids[number], "status": "revoked",
            "intent": "plan", "title": f"Exercise plan, revision {number}",
            "description": f"Revision {number}, released {released_on.isoformat()}; replaced "
                           f"by a later revision.",
            "subject": _ref(_patient_id(record)),
            "period": {"start": released_on.isoformat(), "end": end.isoformat()},
        }
        earlier = [n for n, _d in history[:index]]
        if earlier:
            plan["replaces"] = [_ref(ids[earlier[-1]])]
        out.append(plan)
    if current is None:
        return out
    plan_obj = current.saved_plan
    current_id = ids.get(current.number) or _uuid(client_pk, "careplan", current.number)
    released = current.number in ids
    goal = None
    if plan_obj.hard_stop is None and plan_obj.target_minutes:
        goal = {
            "resourceType": "Goal",
            "id": _uuid(client_pk, "goal", current.number),
            "lifecycleStatus": "active" if released else "proposed",
            "description": {"text": f"{plan_obj.target_minutes} minutes of activity a week"},
            "subject": _ref(_patient_id(record)),
            "target": [{"measure": _coding(codes.GOAL_MINUTES),
                        "detailQuantity": _quantity(plan_obj.target_minutes,
                                                    codes.GOAL_MINUTES)}],
        }
        if plan_obj.start_date:
            goal["startDate"] = plan_obj.start_date.isoformat()
    stopped = plan_obj.hard_stop is not None
    care_plan: dict[str, Any] = {
        "resourceType": "CarePlan", "id": current_id,
        "status": "on-hold" if stopped else ("active" if released else "draft"),
        "intent": "plan", "title": f"Exercise plan, revision {current.number}",
        "description": ("No exercise plan: the planner stopped at a safety check."
                        if stopped else
                        f"Revision {current.number}: weekly minutes build from "
                        f"{plan_obj.start_minutes} to {plan_obj.target_minutes}."),
        "subject": _ref(_patient_id(record)),
        "created": current.created.isoformat(),
    }
    if plan_obj.start_date:
        care_plan["period"] = {"start": plan_obj.start_date.isoformat()}
    earlier = [n for n, _d in history if n < current.number]
    if earlier:
        care_plan["replaces"] = [_ref(ids[earlier[-1]])]
    if goal:
        care_plan["goal"] = [_ref(goal["id"])]
    activities = _activities(record, plan_obj, goal["id"] if goal else None)
    if activities:
        care_plan["activity"] = activities
    out.append(care_plan)
    if goal:
        out.append(goal)
    return out


def _score_observations(record) -> list[dict]:
    out = []
    for name, code in (("phq9", codes.PHQ9_TOTAL), ("gad7", codes.GAD7_TOTAL)):
        for score in record.scores[name]:
            key = f"{name}/{score.source}/{score.day.isoformat()}"
            out.append(_observation(record, key, code, day=score.day, value=score.total))
    return out


def _measure_observations(record) -> list[dict]:
    out = []
    for measure in record.measures:
        kind = MeasureKind(measure.kind)
        code = codes.MEASURE_CODES.get(kind)
        if code is None:  # the 2-minute walk: no confirmed LOINC term (codes.py)
            continue
        key = f"measure/{measure.pk}"
        if kind == MeasureKind.BLOOD_PRESSURE:
            out.append(_observation(record, key, code, day=measure.measured_on, component=[
                {"code": _coding(codes.BP_SYSTOLIC),
                 "valueQuantity": _quantity(measure.value, codes.BP_SYSTOLIC)},
                {"code": _coding(codes.BP_DIASTOLIC),
                 "valueQuantity": _quantity(measure.diastolic, codes.BP_DIASTOLIC)},
            ]))
        else:
            out.append(_observation(record, key, code, day=measure.measured_on,
                                    value=measure.value))
    return out


def _minutes_observations(record) -> list[dict]:
    category = [
        {"coding": [{"system": codes.OBSERVATION_CATEGORY, "code": "activity"}]},
        {"coding": [{"system": codes.PA_TEMPORARY_CODES, "code": "PhysicalActivity"}]},
    ]
    out = []
    for checkin in record.checkins:
        end = checkin.week_start + dt.timedelta(days=6)
        resource = _observation(record, f"checkin/{checkin.pk}", codes.WEEKLY_MINUTES,
                                day=checkin.week_start, value=checkin.minutes_completed,
                                category=category)
        del resource["effectiveDateTime"]
        resource["effectivePeriod"] = {"start": checkin.week_start.isoformat(),
                                       "end": end.isoformat()}
        out.append(resource)
    return out


def bundle_for_record(record, *, now: dt.datetime) -> dict:
    """The bundle of one client's record (selectors.client_fhir_record), validated as FHIR R4."""
    resources = [_patient(record), *_care_plans(record), *_score_observations(record),
                 *_measure_observations(record), *_minutes_observations(record)]
    bundle = {
        "resourceType": "Bundle",
        "id": _uuid(record.client.pk, "bundle", now.isoformat()),
        "type": "collection",
        "timestamp": now.isoformat(),
        "entry": [{"fullUrl": f"urn:uuid:{r['id']}", "resource": r} for r in resources],
    }
    validate(bundle)
    return bundle


def validate(bundle: dict):
    """Parse `bundle` with fhir.resources' R4 models; return the model or raise
    FhirExportError with the library's message."""
    from fhir.resources.bundle import Bundle
    from pydantic import ValidationError

    try:
        return Bundle.parse_obj(bundle)
    except ValidationError as error:
        raise FhirExportError(str(error)) from error
