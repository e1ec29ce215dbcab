"""Input rules shared by every form: what typed text may contain, and how a refused choice is
told."""

from django import forms
from django.utils.translation import gettext_lazy as _

from planner.security import neutralise_bidi

# Django's own message repeats the refused value ("Select a valid choice. light_to_moderate is
# not one of the available choices."): a stored code, or whatever a script sent.
INVALID_CHOICE = _("Choose one of the answers offered.")
INVALID_CHOICES = _("Choose only among the answers offered.")


# Django's messages for a refused choice, which a form's own message (e.g. "Pick one of these
# days") replaces and this mixin then leaves alone.
_DJANGO_INVALID_CHOICE = {
    str(cls.default_error_messages[code])
    for cls in (forms.ChoiceField, forms.MultipleChoiceField, forms.ModelChoiceField,
                forms.ModelMultipleChoiceField)
    for code in ("invalid_choice", "invalid_pk_value")
    if code in cls.default_error_messages
}


class ChoiceErrorsMixin:
    """Tell a refused choice in words, without repeating the refused value."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            many = isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField)
            for code in ("invalid_choice", "invalid_pk_value"):
                if str(field.error_messages.get(code, "")) in _DJANGO_INVALID_CHOICE:
                    field.error_messages[code] = INVALID_CHOICES if many else INVALID_CHOICE


class BidiNeutralMixin:
    """Remove bidirectional override, embedding and isolate characters from every text answer
    (planner.security.neutralise_bidi says why they are removed rather than refused)."""

    def _clean_fields(self):
        super()._clean_fields()
        for name, value in list(self.cleaned_data.items()):
            if isinstance(value, str):
                self.cleaned_data[name] = neutralise_bidi(value)
