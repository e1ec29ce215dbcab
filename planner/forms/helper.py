"""The crispy-forms helper of a clinician page's form, set up in one place."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit


def page_form_helper(submit: Submit, *fieldsets: Fieldset, form_id: str = "") -> FormHelper:
    """Return the helper of a form that is a page of its own: crispy renders its <form> tag,
    with the browser's own validation off (novalidate) because the server answers every error
    in the clinician's words, above the form and next to the field. `fieldsets` group the
    fields in that order (none: each field in declaration order); `form_id` is the element id
    the page's script and the browser tests find the form by."""
    helper = FormHelper()
    helper.form_tag = True
    helper.attrs = {"novalidate": ""}
    if form_id:
        helper.form_id = form_id
    if fieldsets:
        helper.layout = Layout(*fieldsets)
    helper.add_input(submit)
    return helper
