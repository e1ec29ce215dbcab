"""Input rules of the client's log page and of the clinician's correction (issue 23).

The client's words are plain and warm (reading age about 12); a bad answer gets a message next
to its question and everything typed stays."""

from __future__ import annotations

import datetime as dt

from django import forms

from planner.forms.summary import ErrorSummaryMixin
from planner.forms.text import ChoiceErrorsMixin
from planner.models import ClientLogAmendment
from planner.models.clientlog import DAY_MINUTES_MAX, NOTE_MAX

ACTIVE_CHOICES = (("yes", "I was active"), ("no", "A rest day"))


class ClientLogForm(ChoiceErrorsMixin, forms.Form):
    """One day: active or rest, minutes (not with the ED flag), effort, feeling, note."""

    day = forms.TypedChoiceField(label="Which day?", widget=forms.RadioSelect,
                                 coerce=dt.date.fromisoformat,
                                 error_messages={"required": "Pick a day.",
                                                 "invalid_choice": "Pick one of these days."})
    active = forms.ChoiceField(label="What was the day like?", choices=ACTIVE_CHOICES,
                               widget=forms.RadioSelect,
                               error_messages={"required": "Choose “I was active” or “A rest "
                                                           "day”."})
    minutes = forms.IntegerField(
        label="Minutes active", required=False, min_value=0, max_value=DAY_MINUTES_MAX,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": "Write the minutes as a number, like 20.",
            "min_value": "The minutes cannot be below 0.",
            "max_value": f"That is more than we can note for one day ({DAY_MINUTES_MAX} "
                         "minutes). Write the minutes you did that day.",
        },
    )
    effort = forms.ChoiceField(label="How hard did it feel?", required=False,
                               widget=forms.RadioSelect)
    feeling = forms.TypedChoiceField(
        label="How did you feel? (0 = very low, 10 = very good)", required=False,
        coerce=int, empty_value=None, widget=forms.RadioSelect,
        choices=[(str(n), str(n)) for n in range(11)],
    )
    note = forms.CharField(
        label="A short note (optional)", required=False, max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": NOTE_MAX}),
        error_messages={"max_length": f"Please keep the note to {NOTE_MAX} letters or fewer."},
    )

    def __init__(self, *args, days, efforts, ed: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.ed = ed
        self.fields["day"].choices = [(day.isoformat(), label) for day, label in days]
        self.fields["effort"].choices = efforts
        if ed:
            # Rules 8.17: days and feelings, never minutes or effort.
            del self.fields["minutes"]
            del self.fields["effort"]

    def clean(self):
        data = super().clean()
        data["active"] = data.get("active") == "yes"
        if not self.ed and data.get("active") and data.get("minutes") is None \
                and "minutes" not in self.errors:
            self.add_error("minutes", "Write how many minutes you were active, or choose "
                                      "“A rest day”.")
        return data


class AmendForm(ErrorSummaryMixin, forms.Form):
    """The clinician corrects the minutes of, or discounts, one client entry, with a reason."""

    kind = forms.ChoiceField(label="Change", choices=ClientLogAmendment.Kind.choices,
                             widget=forms.RadioSelect)
    minutes = forms.IntegerField(label="Corrected minutes", required=False, min_value=0,
                                 max_value=DAY_MINUTES_MAX,
                                 help_text="Only when correcting.")
    reason = forms.CharField(label="Reason", max_length=500,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="Kept with the entry; the client's own entry is never "
                                       "changed.")
