"""The client log rows of `make bench` (issue 23): their set-up makes released clients whose
links open, and the POST load generator logs days against a real server with no errors."""

import pytest
from django.test import override_settings
from django.utils import timezone

from bench import phase
from bench.load import Browser, post_run
from planner.demo.clients import DEMO_CLIENTS
from planner.demo.clients import _answers as demo_answers
from planner.models import CheckIn, ClientLogEntry

pytestmark = pytest.mark.slow


@override_settings(PLANNER_CLIENT_LOG_WRITE_LIMIT=(100_000, 3600),
                   PLANNER_CLIENT_LOG_IP_LIMIT=(100_000, 600))
def test_the_log_rows_set_up_and_post_without_errors(live_server, transactional_db, monkeypatch):
    from tests.support.factories import ClinicianProfileFactory

    monkeypatch.setattr(phase, "SESSIONS", 2)
    user = ClinicianProfileFactory().user
    answers = demo_answers(dict(DEMO_CLIENTS[0]["answers"]), timezone.localdate())
    paths = phase.log_paths(user, answers)
    assert len(paths) == 2 and all(p.startswith("/log/") for p in paths)
    browsers = [Browser(live_server.url) for _ in paths]
    data = {**phase.LOG_POST, "day": timezone.localdate().isoformat()}
    result = post_run(browsers, paths, data, 1.5)
    assert result.errors == 0, result.detail
    assert result.requests >= 2
    # Each client's day: the latest entry counts, the week's check-in holds its minutes.
    assert ClientLogEntry.objects.filter(replaced_by__isnull=True).count() == 2
    assert set(CheckIn.objects.values_list("source", "minutes_completed")) == {("client", 20)}
