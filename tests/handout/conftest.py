"""Fixtures for the renderer tests (no database: the renderer never touches one)."""

import datetime as dt

import pytest

from planner.handout import HandoutHeader
from tests.handout import snapshots


@pytest.fixture
def header():
    return HandoutHeader(
        clinic="Riverside Clinic",
        clinician_name="Dr Sam Lee",
        clinician_contact="555-0100",
        client_display_name="Ana López",
        revision_number=3,
        revision_date=dt.date(2026, 3, 9),
        plan_start_date=dt.date(2026, 3, 9),
    )


@pytest.fixture
def snapshot():
    return snapshots.plan_snapshot()


@pytest.fixture
def crisis_snapshot():
    return snapshots.crisis_snapshot()


@pytest.fixture
def clearance_snapshot():
    return snapshots.clearance_snapshot()


@pytest.fixture
def maintain_current_snapshot():
    return snapshots.maintain_current_snapshot()
