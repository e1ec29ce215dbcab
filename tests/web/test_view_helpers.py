"""planner/views/common.py: the audit line of a view and `attempt`, which turns every refusal a
service can raise into an answer on the form (nothing typed lost, never a 500)."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from planner import adapters, engine
from planner.models import AuditEvent
from planner.services.plans import PlanConflict
from planner.views.common import CONFLICT_STATUS, Action, attempt, audit

pytestmark = pytest.mark.django_db


class NoteForm(forms.Form):
    note = forms.CharField()
    target = forms.IntegerField(required=False)


def bound_form():
    form = NoteForm({"note": "typed by the clinician", "target": "90"})
    assert form.is_valid()
    return form


def raising(error):
    def save():
        raise error
    return save


def test_a_successful_call_is_saved_with_its_result():
    outcome = attempt(bound_form(), lambda: "revision 3")
    assert (outcome.saved, outcome.result, outcome.status) == (True, "revision 3", 200)


def test_a_conflict_answers_409_and_carries_the_conflict_for_the_notice():
    conflict = PlanConflict(plan=None, base_revision=2, current_revision=3)
    form = bound_form()
    outcome = attempt(form, raising(conflict))
    assert (outcome.saved, outcome.status, outcome.conflict) == (False, CONFLICT_STATUS, conflict)
    assert form.data["note"] == "typed by the clinician"  # what was typed is kept


def test_a_validation_error_lands_next_to_its_field_or_on_top():
    form = bound_form()
    outcome = attempt(form, raising(ValidationError({"note": ["Too long."],
                                                      "elsewhere": ["Not a field."]})))
    assert (outcome.saved, outcome.status) == (False, 400)
    assert form.errors["note"] == ["Too long."]
    assert form.non_field_errors() == ["Not a field."]


def test_an_override_refused_by_the_engine_shows_its_reason_on_the_field():
    form = bound_form()
    outcome = attempt(form, raising(engine.OverrideRefused("target", "Above the cap.")))
    assert outcome.status == 400
    assert form.errors["target"] == ["Above the cap."]


def test_a_plan_the_engine_cannot_make_answers_422_with_or_without_the_form_message():
    form = bound_form()
    assert attempt(form, raising(adapters.PlanUnavailable("no region"))).status == 422
    assert form.non_field_errors() == ["no region"]
    quiet = bound_form()
    outcome = attempt(quiet, raising(adapters.PlanUnavailable("no region")),
                      unavailable_on_form=False)
    assert outcome.status == 422 and not quiet.errors


def test_any_other_error_is_not_swallowed():
    with pytest.raises(KeyError):
        attempt(bound_form(), raising(KeyError("a bug")))


def test_audit_records_the_signed_in_clinician_the_object_and_the_detail(clinician):
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9")
    request.user = clinician
    event = audit(request, Action.VIEW, "plan", 41, "history")
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.actor_id, stored.action, stored.object_type, stored.object_id,
            stored.detail) == (clinician.pk, "view", "plan", "41", "history")
    assert stored.ip == "203.0.113.9"
