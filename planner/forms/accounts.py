from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from planner.forms.text import BidiNeutralMixin, ChoiceErrorsMixin
from planner.models import ClinicianProfile
from planner.services.accounts import PROFILE_FIELDS


class ClinicianProfileForm(ChoiceErrorsMixin, BidiNeutralMixin, forms.ModelForm):
    class Meta:
        model = ClinicianProfile
        fields = PROFILE_FIELDS
        widgets = {"paper_size": forms.RadioSelect, "measurement_units": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A form sent without the units (an older page, a script) keeps the current choice.
        self.fields["measurement_units"].required = False
        self.helper = FormHelper()
        self.helper.form_tag = True
        self.helper.add_input(Submit("save", _("Save profile")))

    def clean_measurement_units(self):
        return self.cleaned_data.get("measurement_units") or self.instance.measurement_units
