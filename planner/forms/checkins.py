"""
Forms of the outcome loop: a weekly check-in, a review's findings, and the decision on a
review's proposal. Input rules only; the services do the checks that need other rows and the
engine makes every clinical decision.
"""

from __future__ import annotations

import datetime as dt

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Submit
from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from planner.forms.helper import page_form_helper
from planner.forms.summary import ErrorSummaryMixin
from planner.models import AdverseEvent, CheckIn
from planner.services.checkins import CHECKIN_FIELDS


def _week_choice(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


class CheckInForm(ErrorSummaryMixin, forms.ModelForm):
    """
    One week of the client's report. `weeks` are the plan weeks a check-in can be for:
    (first day, plan week number) pairs, newest first.
    """

    week_start = forms.TypedChoiceField(
        label=_("Week"),
        coerce=_week_choice,
        help_text=_("The plan week the client is reporting on. Weeks start on the plan's "
                    "start day."),
        error_messages={"required": _("Choose the week the client is reporting on.")},
    )

    class Meta:
        model = CheckIn
        fields = list(CHECKIN_FIELDS)
        widgets = {
            "adverse_event": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "plan_step": _("The step of the plan the client worked on. If they repeated a step "
                           "(a hold), give the same step again."),
            "sessions_completed": _("Aerobic and mind-body sessions; strength sessions are "
                                    "counted below."),
            "poor_sleep_nights": _("Three or more: do not move up next week (R-HOLD-3)."),
            "mood_before": _("Optional: the client's usual mood before sessions, 0 (worst) to "
                             "10 (best)."),
            "mood_after": _("Optional: the same, after sessions."),
            "notes": _("For you only; never printed."),
            "phq9_total": _("Only at a review."),
            "phq9_item9": _("Required with a PHQ-9 total. 1 or more opens the risk gate again."),
            "gad7_total": _("Only at a review."),
        }

    def __init__(self, *args, weeks, step_hint: str = "", step_required: bool = True,
                 **kwargs):
        super().__init__(*args, **kwargs)
        # The plan's step is asked whenever the plan has steps (the service checks it too).
        self.fields["plan_step"].required = step_required
        self.fields["week_start"].choices = [
            (
                start.isoformat(),
                _("Week %(week)s, from %(date)s") % {"week": number, "date": date_format(start)}
                if number >= 1
                else _("Week from %(date)s (before this plan)") % {"date": date_format(start)},
            )
            for start, number in weeks
        ]
        if self.instance.pk and not self.is_bound:
            self.initial["week_start"] = self.instance.week_start.isoformat()
        self.fields["adverse_event"].choices = AdverseEvent.choices
        for name in ("minutes_completed", "sessions_completed", "strength_sessions",
                     "poor_sleep_nights", "plan_step", "mood_before", "mood_after",
                     "phq9_total", "phq9_item9", "gad7_total"):
            self.fields[name].widget.attrs.setdefault("inputmode", "numeric")
        if step_hint:
            self.fields["plan_step"].help_text = f"{self.fields['plan_step'].help_text} {step_hint}"
        self.helper = page_form_helper(
            Submit("save", _("Save changes") if self.instance.pk else _("Save check-in")),
            Fieldset(_("The week"), "week_start", "plan_step"),
            Fieldset(
                _("What the client did"),
                "minutes_completed", "sessions_completed", "strength_sessions",
            ),
            Fieldset(
                _("How it went"),
                "adverse_event",
                "poor_sleep_nights", "mood_before", "mood_after",
            ),
            Fieldset(_("Scores at a review (optional)"), "phq9_total", "phq9_item9", "gad7_total"),
            Fieldset(_("Notes"), "notes"),
            form_id="checkin-form",
        )


class ReviewForm(ErrorSummaryMixin, forms.Form):
    """What only the clinician can say at a review (R-REV-2, R-REV-3, R-REV-4, R-REV-5)."""

    health_change = forms.BooleanField(
        label=_("New warning symptom, diagnosis or medicine, or another change in health"),
        required=False,
        help_text=_("Re-check the screening answers (R-REV-2). Any change re-runs screening."),
    )
    new_risk = forms.BooleanField(
        label=_("New risk (for example thoughts of self-harm)"),
        required=False,
        help_text=_("Follow your risk pathway. Weekly minutes never go up in response."),
    )
    clinician_judges_worse = forms.BooleanField(
        label=_("In your judgement, the client is worse"), required=False
    )
    clinician_judges_no_improvement = forms.BooleanField(
        label=_("In your judgement, there is no meaningful improvement"),
        required=False,
        help_text=_("From week 8, minutes are then not raised above the target (R-REV-4)."),
    )
    clinician_agrees_phase2 = forms.BooleanField(
        label=_("If every condition of R-REV-5 holds, unlock Phase 2"),
        required=False,
        help_text=_("Week 8 or later, target reached and held for 2 steps, adherence 75% or "
                    "more, no adverse events and no new flags."),
    )
    notes = forms.CharField(
        label=_("Review notes"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For you only; never printed."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = page_form_helper(
            Submit("propose", _("Propose an action")),
            Fieldset(
                _("Your findings"),
                "health_change", "new_risk", "clinician_judges_worse",
                "clinician_judges_no_improvement", "clinician_agrees_phase2",
            ),
            Fieldset(_("Notes"), "notes"),
            form_id="review-form",
        )


class ReviewDecisionForm(ErrorSummaryMixin, forms.Form):
    """Accept the engine's proposal, or decline it with a reason."""

    ACCEPT, DECLINE = "accept", "decline"

    error_messages = {
        "reason_required": _("Say why you decline the proposal."),
    }

    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[(ACCEPT, _("Accept the proposal")), (DECLINE, _("Decline it"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Accept or decline the proposal.")},
    )
    reason = forms.CharField(
        label=_("Reason or note"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when you decline. When you accept, it is added to the new "
                    "revision's reason."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    @property
    def accepted(self) -> bool:
        return self.cleaned_data.get("decision") == self.ACCEPT

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.DECLINE and not cleaned.get("reason", "").strip():
            self.add_error(
                "reason",
                forms.ValidationError(self.error_messages["reason_required"],
                                      code="reason_required"),
            )
        return cleaned
