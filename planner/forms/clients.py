"""Forms for the client record and for saving a plan revision. Input rules only."""

from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from planner.engine import crisis
from planner.forms.helper import page_form_helper
from planner.forms.summary import ErrorSummaryMixin
from planner.models import Client
from planner.services.clients import CLIENT_FIELDS, UNKNOWN_CRISIS_REGION


class ClientForm(ErrorSummaryMixin, forms.ModelForm):
    """Create or edit a client. The archive box shows only when editing."""

    crisis_region = forms.ChoiceField(
        label=_("Crisis region"),
        help_text=Client._meta.get_field("crisis_region").help_text,
    )

    class Meta:
        model = Client
        fields = [name for name in CLIENT_FIELDS]
        widgets = {
            "date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only regions with configured crisis resources can be chosen (N03), read per request
        # because the deployment configures them at start-up.
        # Offered by country name ("United Kingdom"); a region the planner has no name for
        # shows its code.
        choices = sorted(((r, crisis.region_name(r)) for r in crisis.configured_regions()),
                         key=lambda choice: choice[1].casefold())
        stored = self.instance.crisis_region if self.instance.pk else ""
        if stored and not crisis.has_region(stored):
            # A region the deployment no longer configures: show it rather than let the select
            # silently switch the client to another region; saving it is refused (clean below).
            choices.append((stored, gettext("%(region)s (no crisis resources configured)")
                            % {"region": crisis.region_name(stored)}))
        self.fields["crisis_region"].choices = choices
        if not self.instance.pk:
            del self.fields["archived"]
            self.initial.setdefault("crisis_region", self.instance.crisis_region)
        else:
            self.fields["archived"].help_text = _(
                "Archived clients leave the main list; nothing is deleted."
            )
        self.helper = page_form_helper(
            Submit("save", _("Save client") if self.instance.pk else _("Create client"))
        )

    def clean_crisis_region(self) -> str:
        region = self.cleaned_data["crisis_region"]
        if not crisis.has_region(region):
            raise forms.ValidationError(UNKNOWN_CRISIS_REGION, code="crisis_region")
        return crisis.normalise_region(region)


class RevisionSaveForm(ErrorSummaryMixin, forms.Form):
    """
    Save the previewed plan as the next revision.

    base_revision is the plan's current revision when the preview was opened, so a save made
    from an outdated page is detected (services.plans.PlanConflict). A reason is required after
    the first revision (rules.md 2J: every change is logged with its reason).
    """

    error_messages = {
        "reason_required": _("Say why the plan is changing."),
    }

    base_revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    reason = forms.CharField(
        label=_("Reason for this revision"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
        help_text=_("For example: “review at week 4: new barrier, poor sleep”."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.reason_required:
            self.fields["reason"].label = _("Note for this revision (optional)")
            self.fields["reason"].help_text = ""

    @property
    def reason_required(self) -> bool:
        """Whether the plan already had a revision when this page was opened."""
        base = self.data.get("base_revision") if self.is_bound else self.initial.get(
            "base_revision"
        )
        try:
            return int(base or 0) >= 1
        except (TypeError, ValueError):
            return False

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("base_revision") or 0) >= 1 and not cleaned.get("reason", "").strip():
            self.add_error(
                "reason",
                forms.ValidationError(
                    self.error_messages["reason_required"], code="reason_required"
                ),
            )
        return cleaned
