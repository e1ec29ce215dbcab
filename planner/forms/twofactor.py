from django import forms
from django.utils.translation import gettext_lazy as _


class OTPTokenForm(forms.Form):
    """A one-time code: six digits from the authenticator app, or a recovery code."""

    token = forms.CharField(
        label=_("Code"),
        max_length=32,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True,
                   "spellcheck": "false", "autocapitalize": "off"}
        ),
    )


class TwoFactorDisableForm(forms.Form):
    """Turning two-factor sign-in off asks for the password again."""

    error_messages = {"password_incorrect": _("Your password was entered incorrectly.")}

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return password
