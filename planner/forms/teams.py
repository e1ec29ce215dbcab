"""Forms of the clinic pages (issue 24): care team, handover, co-sign, members, invitation,
settings. Input rules only; who may do what is planner/permissions.py's and the services'."""

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from planner.forms.summary import ErrorSummaryMixin
from planner.models import Role

REASON_HELP = _("A few words, e.g. “covers while Sam is on leave”. Kept with the record.")


class CareTeamAddForm(ErrorSummaryMixin, forms.Form):
    colleague = forms.ChoiceField(label=_("Colleague"))
    reason = forms.CharField(label=_("Why they join the care team"), max_length=200,
                             help_text=REASON_HELP)

    def __init__(self, *args, colleagues=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["colleague"].choices = [("", _("Choose a colleague"))] + list(colleagues)


class HandoverForm(ErrorSummaryMixin, forms.Form):
    to_user = forms.ChoiceField(label=_("Hand over to"))
    reason = forms.CharField(label=_("Reason for the handover"), max_length=200,
                             help_text=REASON_HELP)

    def __init__(self, *args, colleagues=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_user"].choices = [("", _("Choose a clinician"))] + list(colleagues)


class ClinicSettingsForm(ErrorSummaryMixin, forms.Form):
    whole_clinic_sees_clients = forms.BooleanField(
        label=_("Whole clinic can see all clients"), required=False,
        help_text=_("Every member sees each client's name and responsible clinician on the "
                    "clinic's list. Records stay with the care team and the leads."),
    )


class InvitationForm(ErrorSummaryMixin, forms.Form):
    name = forms.CharField(label=_("Colleague's name"), max_length=120)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.CLINICIAN)
    supervisor = forms.ChoiceField(label=_("Supervisor (trainees only)"), required=False)

    def __init__(self, *args, supervisors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].choices = [("", _("None"))] + list(supervisors)


class DeactivateForm(forms.Form):
    clients_to_me = forms.BooleanField(label=_("Hand their clients to me"), required=False)


class InvitationAcceptForm(ErrorSummaryMixin, forms.Form):
    """Choose a username and a password (the app's password rules)."""

    username = forms.RegexField(
        label=_("Username"), max_length=150, regex=r"^[\w.@+-]+$",
        error_messages={"invalid": _("Use letters, digits and @ . + - _ only.")},
    )
    password1 = forms.CharField(label=_("Password"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                help_text=password_validation.password_validators_help_text_html())
    password2 = forms.CharField(label=_("The same password again"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("The two passwords differ. Type the same one twice."))
        return cleaned
