"""Migration 0013 (clinics): each existing clinician gets a clinic of their own, their clients go
with them, and nobody's access changes. Run with the real migration executor on the test
database (SQLite or PostgreSQL), from the state before clinics existed."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from planner import permissions
from planner.models import Client, Membership

BEFORE = [("planner", "0012_intake_sex_at_birth")]


def _latest():
    executor = MigrationExecutor(connection)
    return [key for key in executor.loader.graph.leaf_nodes() if key[0] == "planner"]


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_each_clinician_gets_a_clinic_and_keeps_exactly_their_clients():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    User = old.get_model("auth", "User")  # noqa: N806
    OldClient = old.get_model("planner", "Client")  # noqa: N806
    Profile = old.get_model("planner", "ClinicianProfile")  # noqa: N806
    ana = User.objects.create(username="ana")
    Profile.objects.create(user=ana, display_name="Dr Ana Ruiz")
    ben = User.objects.create(username="ben", first_name="Ben", last_name="Ode")
    User.objects.create(username="nobody")  # a user without clients
    for owner, names in ((ana, ["A1", "A2"]), (ben, ["B1"])):
        for name in names:
            OldClient.objects.create(owner=owner, display_name=name)

    executor = MigrationExecutor(connection)
    executor.migrate(_latest())

    memberships = {m.user.username: m for m in Membership.objects.select_related("clinic",
                                                                                 "user")}
    assert set(memberships) == {"ana", "ben", "nobody"}
    assert {m.role for m in memberships.values()} == {"clinician"}
    assert len({m.clinic_id for m in memberships.values()}) == 3  # a clinic each
    assert memberships["ana"].clinic.name == "Dr Ana Ruiz's practice"
    assert memberships["ben"].clinic.name == "Ben Ode's practice"
    assert memberships["ana"].clinic.whole_clinic_sees_clients is False
    for username, names in (("ana", {"A1", "A2"}), ("ben", {"B1"}), ("nobody", set())):
        user = memberships[username].user
        # Every client is in its owner's clinic...
        assert set(Client.objects.filter(clinic=memberships[username].clinic)
                   .values_list("display_name", flat=True)) == names
        # ...and each user sees exactly the clients they saw before, through the new rule.
        seen = Client.objects.filter(permissions.client_scope(user))
        assert set(seen.values_list("display_name", flat=True)) == names
    assert not Client.objects.filter(clinic__isnull=True).exists()
