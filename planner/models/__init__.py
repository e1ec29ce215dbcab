"""
Models, one module per area; import them from here (`from planner.models import AuditEvent`).

When you add a module, re-export its models below so Django and callers find them.
"""

from planner.models.accounts import ClinicianProfile
from planner.models.audit import AuditEvent
from planner.models.base import AppendOnlyError, AppendOnlyModel, AppendOnlyQuerySet
from planner.models.checkins import AdverseEvent, CheckIn, Review, ReviewAction, ReviewDecision
from planner.models.checkins import Source as CheckInSource
from planner.models.clientlog import (
    ClientLogAmendment,
    ClientLogEntry,
    ClientLogLink,
    ClientLogRate,
    Effort,
)
from planner.models.clients import Client, Intake
from planner.models.clinics import (
    CareTeamMember,
    Clinic,
    CoSign,
    Handover,
    Invitation,
    Membership,
    Role,
)
from planner.models.measures import Measure
from planner.models.plans import SNAPSHOT_SCHEMA_VERSION, Plan, PlanRevision
from planner.models.releases import (
    ATTESTABLE_GATES,
    GateAttestation,
    Release,
    ReleasedDocument,
)

__all__ = [
    "ATTESTABLE_GATES",
    "AppendOnlyError",
    "AppendOnlyModel",
    "AppendOnlyQuerySet",
    "AdverseEvent",
    "AuditEvent",
    "CheckIn",
    "CheckInSource",
    "ClientLogAmendment",
    "ClientLogEntry",
    "ClientLogLink",
    "ClientLogRate",
    "Effort",
    "CareTeamMember",
    "ClinicianProfile",
    "Clinic",
    "CoSign",
    "Handover",
    "Invitation",
    "Membership",
    "Role",
    "Client",
    "GateAttestation",
    "Intake",
    "Measure",
    "Plan",
    "PlanRevision",
    "Release",
    "Review",
    "ReviewAction",
    "ReviewDecision",
    "ReleasedDocument",
    "SNAPSHOT_SCHEMA_VERSION",
]
