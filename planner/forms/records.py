"""The confirmation asked before a client's record is erased. Input rules only: whether the
typed name matches is decided by services.records.client_erase."""

from django import forms
from django.utils.translation import gettext_lazy as _

from planner.forms.summary import ErrorSummaryMixin


class ClientEraseForm(ErrorSummaryMixin, forms.Form):
    """The client's name, typed again, to confirm an erasure that cannot be undone."""

    confirm_name = forms.CharField(
        label=_("Type the client's name to confirm"),
        # Longer than any name (120), so a wrong name gets "not the client's name", not a limit.
        max_length=240,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "off"}
        ),
    )
