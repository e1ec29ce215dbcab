"""The error summary shown at the top of a form (every error, linked to its field)."""

from typing import Any

from django import forms


class ErrorSummaryMixin:
    """Add error_summary(): the form's errors in field order, each with its field's anchor."""

    def error_summary(self) -> list[dict[str, Any]]:
        items = [{"anchor": "", "label": "", "message": e} for e in self.non_field_errors()]
        for name, field in self.fields.items():
            if name not in self.errors:
                continue
            bound = self[name]
            # Radio buttons and checkbox lists have no element with the field's own id: link to
            # the first option, which is where keyboard focus lands.
            grouped = isinstance(field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)
            anchor = f"{bound.auto_id}_0" if grouped else bound.auto_id
            for message in self.errors[name]:
                items.append({"anchor": anchor, "label": bound.label, "message": message})
        return items
