"""
Forms that make a revision from the current one (adjust, record clearance, restore) and the
release forms (attest a gate, release). Input rules only: the caps are the engine's.

Every revision-making form carries base_revision, the revision the clinician saw, so a save from
an outdated page is refused with PlanConflict instead of overwriting (quality.md R1). After a
conflict the view re-renders the same form, with what was typed and a fresh base_revision.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from planner.choices import choices, label
from planner.engine.enums import Activity, ClearanceIntensity, Gate, Intensity
from planner.engine.model import Plan
from planner.forms.moves import add_move_fields, move_choice, picker_groups
from planner.forms.summary import ErrorSummaryMixin
from planner.services.adjustments import clearance_date_errors

# Field names are the engine's OverrideKind values, so a refusal lands on its field.
ADJUSTMENT_FIELDS = (
    "lower_target_minutes",
    "lower_start_minutes",
    "lower_max_intensity",
    "lower_strength_sessions",
    "delay_step",
    "swap_main_activity",
    "sessions_per_week",
)
INTENSITY_LIMITS = (Intensity.LIGHT, Intensity.LIGHT_TO_MODERATE, Intensity.MODERATE)
NO_CHANGE = ("", _("— no change —"))


class BaseRevisionMixin(forms.Form):
    base_revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=10**9)

    @classmethod
    def with_fresh_base(cls, data, base_revision: int, **kwargs):
        """Return the form bound to what was typed, with base_revision set to the newer one."""
        data = data.copy()
        data["base_revision"] = str(base_revision)
        return cls(data, **kwargs)


class AdjustmentForm(ErrorSummaryMixin, BaseRevisionMixin):
    """Lower the target or the start, lower intensity or strength, delay a step, swap the main
    activity, set the sessions a week (rules.md 2J, issue 22), with a required reason. Empty
    fields change nothing."""

    error_messages = {
        "no_changes": _("Fill in at least one change."),
        "reason_required": _("Say why you are changing the plan."),
    }

    lower_target_minutes = forms.IntegerField(
        label=_("Lower the target to (minutes a week)"),
        required=False,
        min_value=0,
        max_value=1500,
    )
    lower_start_minutes = forms.IntegerField(
        label=_("Lower the start to (minutes in week 1)"),
        required=False,
        min_value=0,
        max_value=1500,
    )
    lower_max_intensity = forms.ChoiceField(
        label=_("Limit the intensity to"),
        required=False,
        choices=[NO_CHANGE, *((i.value, label(Intensity, i)) for i in INTENSITY_LIMITS)],
    )
    lower_strength_sessions = forms.IntegerField(
        label=_("Lower strength sessions to (a week)"),
        required=False,
        min_value=0,
        max_value=7,
    )
    delay_step = forms.IntegerField(
        label=_("Delay: repeat step number"),
        required=False,
        min_value=1,
        max_value=200,
        help_text=_("The step is done twice; every later step moves one week later."),
    )
    swap_main_activity = forms.ChoiceField(
        label=_("Swap the main activity to"),
        required=False,
        choices=[NO_CHANGE, *choices(Activity)],
    )
    sessions_per_week = forms.IntegerField(
        label=_("Sessions a week"),
        required=False,
        min_value=1,
        max_value=7,
        help_text=_("3 to 5, and no more than the client's free days; the week's minutes are "
                    "shared over them."),
        error_messages={"min_value": _("Choose at least 1 session a week."),
                        "max_value": _("Choose at most 7 sessions a week; the plan allows 5.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        help_text=_("Required. Logged with your name and the time (rule 2J)."),
        error_messages={"required": error_messages["reason_required"]},
    )

    def __init__(self, *args, current: dict[str, Any] | None = None, picker=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.picker = picker  # issue 25: the move picker (presenters.moves), None without moves
        if picker is not None:
            add_move_fields(self, picker)
        for name, text in (current or {}).items():
            if name in self.fields and text:
                existing = self.fields[name].help_text
                self.fields[name].help_text = f"{text} {existing}" if existing else text

    def move_groups(self) -> dict[str, Any]:
        return picker_groups(self)

    def changes(self) -> list[tuple[str, Any]]:
        """The (OverrideKind, value) pairs the clinician filled in, in the engine's order."""
        out = []
        for name in ADJUSTMENT_FIELDS:
            value = self.cleaned_data.get(name)
            if value is None or value == "":
                continue
            out.append((name, value))
        moves = move_choice(self, self.picker)
        if moves is not None:
            out.append(("choose_moves", moves))
        return out

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.changes():
            raise forms.ValidationError(self.error_messages["no_changes"], code="no_changes")
        return cleaned


class ClearanceForm(ErrorSummaryMixin, BaseRevisionMixin):
    """Medical clearance obtained: when, by whom, and any limits (they can only lower the plan).

    Field names are the assessment's, so the engine's errors land on their field."""

    clearance_date = forms.DateField(
        label=_("Date cleared"), widget=forms.DateInput(attrs={"type": "date"})
    )
    clearance_by = forms.CharField(
        label=_("Cleared by (name or role)"),
        max_length=200,
        help_text=_("For example “Dr Ortiz, GP” or “stroke rehabilitation team”."),
    )
    clearance_max_minutes = forms.IntegerField(
        label=_("Limit: at most (minutes a week)"),
        required=False,
        min_value=10,
        max_value=300,
        help_text=_("Only if the clearing professional set one: a multiple of 5, 10 to 300."),
    )
    clearance_max_intensity = forms.ChoiceField(
        label=_("Limit: effort no harder than"),
        required=False,
        choices=[("", _("— no limit —")), *choices(ClearanceIntensity)],
    )

    def __init__(self, *args, screened_on: dt.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.screened_on = screened_on
        if screened_on is not None:
            self.fields["clearance_date"].help_text = _(
                "On or after the screening date of this assessment, %(date)s."
            ) % {"date": formats.date_format(screened_on, "SHORT_DATE_FORMAT")}

    def clean_clearance_date(self):
        value = self.cleaned_data["clearance_date"]
        errors = clearance_date_errors(
            value, screened_on=self.screened_on, today=timezone.localdate()
        )
        if errors:
            raise forms.ValidationError(errors)
        return value


class RestoreForm(ErrorSummaryMixin, BaseRevisionMixin):
    """Make a new revision with an older revision's content, with an optional note."""

    note = forms.CharField(
        label=_("Note (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=800,
        required=False,
        help_text=_("Saved with the reason “restored from revision N”."),
    )


ATTESTATION_TEXT = {
    Gate.RISK_ATTESTATION: _(
        "I have assessed risk; a safety plan is in place; the client has crisis contacts."
    ),
    Gate.ED_TEAM_CONFIRM: _("The client's eating-disorder treating team agrees to this plan."),
    Gate.ED_INFORMED_SIGNOFF: _(
        "The reduction to the eating-disorder cap was agreed with the client (and with the "
        "eating-disorder team, if involved)."
    ),
}


class AttestationForm(ErrorSummaryMixin, forms.Form):
    """One gate's attestation: a required tick of the gate's statement, and details (the ED
    team contact for ED_TEAM_CONFIRM, where it is required)."""

    gate = forms.ChoiceField(
        widget=forms.HiddenInput, choices=[(g.value, g.value) for g in ATTESTATION_TEXT]
    )
    confirm = forms.BooleanField(
        required=True,
        error_messages={"required": _("Tick the statement to attest it.")},
    )
    details = forms.CharField(
        label=_("Details (optional)"),
        max_length=500,
        required=False,
        help_text=_("For you and the record; never printed. Do not enter health details."),
    )

    def __init__(self, *args, gate: str | None = None, **kwargs):
        data = args[0] if args else kwargs.get("data")
        gate = gate or (data.get("gate") if data is not None else None) or ""
        # Several gates' forms share one page: give each its own element ids.
        kwargs.setdefault("auto_id", f"id_{gate.lower() or 'gate'}_%s")
        super().__init__(*args, **kwargs)
        self.gate = gate
        self.initial.setdefault("gate", gate)
        if gate in ATTESTATION_TEXT:
            self.fields["confirm"].label = ATTESTATION_TEXT[Gate(gate)]
        if gate == Gate.ED_TEAM_CONFIRM:
            self.fields["details"].label = _("Eating-disorder team contact who agreed")
            self.fields["details"].required = True
            self.fields["details"].error_messages["required"] = _(
                "Name the eating-disorder team contact who agreed to this plan."
            )


class ReleaseForm(ErrorSummaryMixin, forms.Form):
    large_print = forms.BooleanField(
        label=_("Large print (14 pt or more)"), required=False
    )


def adjustment_current_values(plan: Plan) -> dict[str, str]:
    """Help texts saying what each adjustable value is now (read from the revision's plan)."""
    steps = plan.steps
    intensities = {step.intensity for step in steps}
    now = {
        "lower_target_minutes": plan.target_minutes,
        "lower_start_minutes": plan.start_minutes,
        "lower_strength_sessions": plan.strength_sessions_target,
        "lower_max_intensity": ", ".join(sorted(label(Intensity, i) for i in intensities)),
        "swap_main_activity": label(Activity, plan.main_activity),
        "sessions_per_week": ", ".join(str(n) for n in sorted({s.sessions for s in steps})),
        "delay_step": (
            _("steps 1 to %(last)s") % {"last": max(s.step for s in steps)}
            if steps
            else ""
        ),
    }
    return {
        name: str(_("Now: %(value)s.") % {"value": value})
        for name, value in now.items()
        if value not in (None, "")
    }
