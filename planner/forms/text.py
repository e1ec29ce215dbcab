"""Input rules shared by every form: what typed text may contain."""

from planner.security import neutralise_bidi


class BidiNeutralMixin:
    """Remove bidirectional override, embedding and isolate characters from every text answer
    (planner.security.neutralise_bidi says why they are removed rather than refused)."""

    def _clean_fields(self):
        super()._clean_fields()
        for name, value in list(self.cleaned_data.items()):
            if isinstance(value, str):
                self.cleaned_data[name] = neutralise_bidi(value)
