"""The move picker on the adjust form (issue 25): a swap of moves is saved as a new revision
with its reason and shown in the comparison; a custom move is kept; reps outside R-INT-4 and a
move ruled out for the client are refused with the reason on the picker, nothing lost."""

import pytest
from django.urls import reverse

from planner.models import PlanRevision
from tests.support.revisions import make_revision

pytestmark = pytest.mark.django_db

# Case C01 (make_revision's base) with 3 free days and a strength routine from step 1.
ANSWERS = {"base_strength_days": 1}


def _form_data(page_form, **changes):
    """What the browser posts when the clinician leaves the picker as shown, plus `changes`."""
    data = {"base_revision": 1, "moves_picker": "True", "reason": "client's choice"}
    ticked = list(page_form.initial["choose_moves"])
    for name in page_form.fields:
        if name.startswith(("sets_", "reps_")):
            data[name] = page_form.initial[name]
    data["choose_moves"] = ticked
    data.update(changes)
    return data


def _open(client_logged_in, clinician, **answers):
    revision = make_revision(clinician, **{**ANSWERS, **answers})
    url = reverse("planner:plan_adjust", args=[revision.plan.client_id])
    response = client_logged_in.get(url)
    assert response.status_code == 200
    return revision, url, response


def test_the_picker_shows_every_move_with_its_drawing_and_the_plans_moves_ticked(
        client_logged_in, clinician):
    revision, _url, response = _open(client_logged_in, clinician)
    page = response.content.decode()
    moves = revision.saved_plan.moves
    assert moves, "a plan with strength sessions has moves"
    assert page.count('role="img"') >= 27  # one drawing per library move
    for move in moves:
        assert f'value="{move.id}" id="move-{move.id}" checked' in page
    assert 'id="move-step_up"' in page and "Step-up" in page


def test_a_swap_is_saved_in_a_new_revision_with_its_reason_and_shown_in_the_comparison(
        client_logged_in, clinician):
    revision, url, response = _open(client_logged_in, clinician)
    form = response.context["form"]
    before = [m.id for m in revision.saved_plan.moves]
    assert "wall_push_up" in before and "counter_push_up" not in before
    ticked = [i for i in before if i != "wall_push_up"] + ["counter_push_up"]
    data = _form_data(form, choose_moves=ticked, reason="wall push-ups too easy")
    data["sets_counter_push_up"], data["reps_counter_push_up"] = 2, 12
    assert client_logged_in.post(url, data).status_code == 302
    new = PlanRevision.objects.get(plan=revision.plan, number=2)
    after = [(m.id, m.sets, m.reps) for m in new.saved_plan.moves]
    assert ("counter_push_up", 2, 12) in after
    assert "wall_push_up" not in [m[0] for m in after]
    [override] = new.overrides
    assert override["kind"] == "choose_moves" and override["reason"] == "wall push-ups too easy"
    compare = client_logged_in.get(
        reverse("planner:revision_compare", args=[revision.plan.client_id]), {"a": 1, "b": 2})
    rows = {r.key: r for r in compare.context["comparison"].summary}
    assert rows["moves"].changed
    assert "Wall push-up" in rows["moves"].a and "Wall push-up" not in rows["moves"].b
    assert "Counter push-up 2×12" in rows["moves"].b
    page = compare.content.decode()
    assert "Strength and balance moves" in page and "wall push-ups too easy" in page


def test_a_custom_move_is_added_and_kept_at_the_next_adjustment(client_logged_in, clinician):
    revision, url, response = _open(client_logged_in, clinician)
    data = _form_data(response.context["form"], custom_name="Towel squeeze",
                      custom_steps="Sit tall.\nSqueeze a rolled towel between your knees.",
                      custom_sets=1, custom_reps=12, reason="physio's home move")
    assert client_logged_in.post(url, data).status_code == 302
    new = PlanRevision.objects.get(plan=revision.plan, number=2)
    custom = new.saved_plan.moves[-1]
    assert (custom.custom, custom.name, custom.reps) == (True, "Towel squeeze", 12)
    assert custom.steps == ("Sit tall.", "Squeeze a rolled towel between your knees.")
    # the next adjustment shows it ticked and keeps it when nothing in the picker changes
    page = client_logged_in.get(url)
    assert "Towel squeeze" in page.content.decode()
    data = _form_data(page.context["form"], lower_target_minutes=60, reason="busy month")
    data["base_revision"] = 2
    assert client_logged_in.post(url, data).status_code == 302
    third = PlanRevision.objects.get(plan=revision.plan, number=3)
    assert [m.name for m in third.saved_plan.moves] == [m.name for m in new.saved_plan.moves]
    assert [o["kind"] for o in third.overrides] == ["choose_moves", "lower_target_minutes"]


@pytest.mark.parametrize("reps", [4, 16, 30])
def test_repetitions_outside_r_int_4_are_refused_with_the_reason(client_logged_in, clinician,
                                                                 reps):
    revision, url, response = _open(client_logged_in, clinician)
    first = revision.saved_plan.moves[0]
    data = _form_data(response.context["form"], reason="more reps")
    data[f"reps_{first.id}"] = reps
    refused = client_logged_in.post(url, data)
    assert refused.status_code != 302
    [message] = refused.context["form"].errors["choose_moves"]
    assert message.startswith(f"{first.name}: repetitions must be from 5 to 15")
    page = refused.content.decode()
    assert "repetitions must be from 5 to 15" in page and f'value="{reps}"' in page
    assert PlanRevision.objects.filter(plan=revision.plan).count() == 1


def test_a_move_ruled_out_for_the_client_is_shown_with_why_and_refused_if_posted(
        client_logged_in, clinician):
    revision, url, response = _open(client_logged_in, clinician, fear_of_falling=True)
    page = response.content.decode()
    assert 'id="move-step_up" disabled' in page
    assert "Step-up is not offered with a falls risk" in page
    data = _form_data(response.context["form"], reason="wants stairs practice")
    data["choose_moves"] = [*data["choose_moves"], "step_up"]
    data["sets_step_up"], data["reps_step_up"] = 1, 10
    refused = client_logged_in.post(url, data)
    [message] = refused.context["form"].errors["choose_moves"]
    assert "falls risk" in message and "(rules 8.12)" in message
    assert PlanRevision.objects.filter(plan=revision.plan).count() == 1


def test_a_post_without_the_picker_changes_no_move(client_logged_in, clinician):
    revision, url, _response = _open(client_logged_in, clinician)
    response = client_logged_in.post(
        url, {"base_revision": 1, "lower_target_minutes": 100, "reason": "tired"})
    assert response.status_code == 302
    new = PlanRevision.objects.get(plan=revision.plan, number=2)
    assert new.saved_plan.moves == revision.saved_plan.moves
    assert [o["kind"] for o in new.overrides] == ["lower_target_minutes"]
