"""
What the client does now and would like to do: baseline activity (2G), barriers (2H),
preferences (2I), and the clinician's notes.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from planner.engine.enums import (
    Activity,
    Barrier,
    SettingPreference,
    SocialPreference,
    TimeOfDay,
)
from planner.forms.assessment.fields import (
    TimeInput,
    build,
    many_of,
    number,
    one_of,
    question,
    text,
    yes_no,
)

FIELDS = build(
    # Baseline activity (2G)
    base_total_min=number(
        _("Activity minutes in a typical week (last 4 weeks)"),
        _("Purposeful activity at least as hard as a comfortable walk, in bouts of 5 minutes or "
          "more; not housework. Vigorous minutes are included."),
    ),
    base_total_confirmed=question(
        forms.BooleanField,
        _("I have checked: more than 700 minutes a week is right"),
        _("Over 700 minutes is often a slip (e.g. a month's minutes entered instead of a "
          "week's). Tick only after checking the number with the client."),
        required=False,
    ),
    base_vig_min=number(
        _("Of which vigorous minutes a week"),
        _("Hard effort: can only say a few words. Enter 0 if none."),
    ),
    base_strength_days=number(
        _("Strength training days a week"),
        _("0–7. An existing routine is kept."),
    ),
    wants_to_keep_vigorous=yes_no(
        _("Does the client want to keep some vigorous activity?"),
        _("Vigorous work is only ever continued, never introduced, and only when every safety "
          "condition allows it."),
    ),
    current_activities=many_of(
        Activity,
        _("Activities the client does now (optional)"),
        _("Nothing is ticked for you. If you leave “Preferred activities” empty, these are used "
          "as the client's preferences."),
    ),

    # Barriers (2H)
    barriers=many_of(
        Barrier,
        _("Barriers"),
        _("Each barrier adds its adaptation to the plan. Poor sleep means 3 or more nights a "
          "week for the last 2 weeks."),
    ),
    barriers_other=text(
        _("Other barrier"), _("For you only; it does not change the plan."), max_length=200
    ),

    # Preferences (2I)
    preferred_activities=many_of(
        Activity,
        _("Preferred activities"),
        _("When none is ticked, the activities the client does now are used; if there are none "
          "either, walking."),
    ),
    social_preference=one_of(SocialPreference, _("With whom"), _("Optional."), required=False),
    setting_preference=one_of(SettingPreference, _("Where"), _("Optional."), required=False),
    time_of_day=one_of(TimeOfDay, _("Time of day"), _("Optional."), required=False),
    available_days=number(
        _("Days available for activity each week"),
        _("1–7. The most sessions a week: the plan uses 3 to 5 (fewer only with fewer days); "
          "you can set the number later under Adjust."),
    ),
    usual_bedtime=question(
        forms.TimeField,
        _("Usual bedtime"),
        _("Optional; used for advice on timing activity before sleep."),
        widget=TimeInput,
        required=False,
    ),
    notes=text(
        _("Assessment notes"),
        _("For you only; never printed and never used to build the plan."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    ),
)
