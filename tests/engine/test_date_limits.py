"""Intake dates whose plan would run past 9999-12-31 are refused, naming the field (issue 27)."""

import datetime as dt
import json

import pytest

from planner.engine import IntakeError, build_plan, parse_intake
from planner.engine import constants as K

from .support import MINIMAL, TODAY
from .test_cli import run


@pytest.mark.parametrize("start", ["9999-09-01", "9999-12-31", "9998-06-01"])
def test_a_start_date_too_close_to_the_calendars_end_is_refused(start):
    with pytest.raises(IntakeError) as raised:
        parse_intake({**MINIMAL, "plan_start_date": start})
    assert list(raised.value.errors) == ["plan_start_date"]
    assert "too far in the future" in raised.value.errors["plan_start_date"][0]


def test_the_latest_allowed_start_date_builds_a_plan_with_every_date_in_the_calendar():
    assert dt.date(9997, 12, 29) == K.LATEST_INTAKE_DATE
    intake = parse_intake({**MINIMAL, "plan_start_date": K.LATEST_INTAKE_DATE.isoformat()})
    plan = build_plan(intake, today=TODAY)
    dated = [point.date for point in plan.review_weeks] + [step.date for step in plan.steps]
    assert plan.start_date == K.LATEST_INTAKE_DATE
    assert len(dated) > 5 and all(K.LATEST_INTAKE_DATE <= day <= dt.date.max for day in dated)
    json.dumps(plan.to_dict())  # every date of it can be written out


def test_the_cli_names_the_field_and_exits_2():
    result = run(json.dumps({**MINIMAL, "plan_start_date": "9999-09-01"}))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("plan_start_date: is too far in the future")
    assert "Traceback" not in result.stderr
