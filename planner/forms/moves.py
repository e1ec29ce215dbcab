"""The move picker's fields on the adjust form (issue 25). Input rules only: whether a move
suits the client, and the sets and repetitions of R-INT-4, are the engine's to refuse
(moves/choose.py); its message lands on the `choose_moves` field.

The choice is the whole list, in the picker's order (the plan's moves first, in their order):
ticked library moves with their sets and repetitions, the clinician's own moves still ticked,
and a new own move when a name is typed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from planner.presenters.moves import MovePicker

CUSTOM_KINDS = (("strength", _("Strength")), ("balance", _("Balance")),
                ("mobility", _("Stretch")))
NUMBER = {"min_value": 0, "max_value": 99, "required": False}


def add_move_fields(form: forms.Form, picker: MovePicker) -> None:
    ids = [r.id for r in picker.rows] + [m.id for m in picker.customs]
    # Present only when the page showed the picker: a post without it changes no move.
    form.fields["moves_picker"] = forms.BooleanField(required=False, widget=forms.HiddenInput)
    form.initial.setdefault("moves_picker", True)
    form.fields["choose_moves"] = forms.MultipleChoiceField(
        label=_("Moves in the plan"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(i, i) for i in ids],
        help_text=_("Tick the moves to keep or add; untick to remove. The first 3 strength moves "
                    "are the starter set."))
    form.initial.setdefault("choose_moves", [m.id for m in picker.current])
    for row in picker.rows:
        form.fields[f"sets_{row.id}"] = forms.IntegerField(label=_("Sets"), **NUMBER)
        label = _("Seconds") if row.unit == "seconds" else _("Repetitions")
        form.fields[f"reps_{row.id}"] = forms.IntegerField(label=label, **NUMBER)
        form.initial.setdefault(f"sets_{row.id}", row.sets)
        form.initial.setdefault(f"reps_{row.id}", row.reps)
    for move in picker.customs:
        form.fields[f"sets_{move.id}"] = forms.IntegerField(label=_("Sets"), **NUMBER)
        form.fields[f"reps_{move.id}"] = forms.IntegerField(label=_("Repetitions"), **NUMBER)
        form.initial.setdefault(f"sets_{move.id}", move.sets)
        form.initial.setdefault(f"reps_{move.id}", move.reps)
    form.fields["custom_name"] = forms.CharField(
        label=_("Your own move: name"), required=False, max_length=200,
        widget=forms.TextInput(attrs={"class": "form-control"}))
    form.fields["custom_steps"] = forms.CharField(
        label=_("How to do it (the client's words; one line per instruction)"), required=False,
        max_length=2000, widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}))
    form.fields["custom_kind"] = forms.ChoiceField(
        label=_("Kind"), required=False, choices=CUSTOM_KINDS, initial="strength",
        widget=forms.Select(attrs={"class": "form-select"}))
    box = forms.NumberInput(attrs={"class": "form-control"})
    form.fields["custom_sets"] = forms.IntegerField(label=_("Sets"), initial=1, widget=box,
                                                    **NUMBER)
    form.fields["custom_reps"] = forms.IntegerField(label=_("Repetitions"), initial=10,
                                                    widget=box, **NUMBER)


def _entry(data: dict, move_id: str, **extra) -> dict[str, Any]:
    return {"id": move_id, **extra, "sets": data.get(f"sets_{move_id}"),
            "reps": data.get(f"reps_{move_id}")}


def move_choice(form: forms.Form, picker: MovePicker | None) -> list[dict] | None:
    """The new list of moves, or None when the clinician changed nothing in the picker."""
    if picker is None or not form.cleaned_data.get("moves_picker"):
        return None
    data = form.cleaned_data
    ticked = set(data.get("choose_moves") or ())
    out = [_entry(data, r.id) for r in picker.rows if r.id in ticked]
    out += [_entry(data, m.id, name=m.name, steps="\n".join(m.steps), kind=m.kind)
            for m in picker.customs if m.id in ticked]
    for entry in out:
        if str(entry["id"]).startswith("custom-"):
            entry["id"] = "custom"
    name = (data.get("custom_name") or "").strip()
    if name or (data.get("custom_steps") or "").strip():
        out.append({"id": "custom", "name": name, "steps": data.get("custom_steps") or "",
                    "kind": data.get("custom_kind") or "strength",
                    "sets": data.get("custom_sets"), "reps": data.get("custom_reps")})
    now = [{"id": "custom" if m.custom else m.id, "sets": m.sets, "reps": m.reps,
            **({"name": m.name, "steps": "\n".join(m.steps), "kind": m.kind} if m.custom else {})}
           for m in picker.current]
    return None if out == now else out


def picker_rows(form: forms.Form) -> list[dict[str, Any]]:
    """What the template prints per move: the row, whether it is ticked (as typed, or as the plan
    has it), and its bound sets and repetitions fields (errors and typed values kept)."""
    picker = form.picker
    if picker is None:
        return []
    value = form["choose_moves"].value() or []
    rows = [{"row": r, "id": r.id, "name": r.name, "custom": False, "checked": r.id in value,
             "sets": form[f"sets_{r.id}"], "reps": form[f"reps_{r.id}"]} for r in picker.rows]
    rows += [{"row": None, "id": m.id, "name": m.name, "custom": True, "checked": m.id in value,
              "steps": " ".join(m.steps),
              "sets": form[f"sets_{m.id}"], "reps": form[f"reps_{m.id}"]} for m in picker.customs]
    for item in rows:  # the plan's moves are listed first; the rest of the library folds away
        item["in_plan"] = item["custom"] or item["row"].position is not None
    return rows


def picker_groups(form: forms.Form) -> dict[str, Any]:
    rows = picker_rows(form)
    more = [r for r in rows if not r["in_plan"]]
    return {"now": [r for r in rows if r["in_plan"]], "more": more,
            "more_open": any(r["checked"] for r in more)}
