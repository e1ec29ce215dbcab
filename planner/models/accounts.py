from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from planner.measure_kinds import Units


class ClinicianProfile(models.Model):
    """What a clinician prints on handouts, and how (paper size)."""

    class PaperSize(models.TextChoices):
        A4 = "A4", _("A4")
        LETTER = "LETTER", _("US Letter")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="clinician_profile",
        verbose_name=_("user"),
    )
    display_name = models.CharField(
        _("display name"),
        max_length=120,
        blank=True,
        help_text=_("How you are named on handouts, e.g. “Dr Sam Lee”."),
    )
    profession = models.CharField(
        _("profession"), max_length=120, blank=True, help_text=_("e.g. Physiotherapist")
    )
    organisation = models.CharField(_("organisation"), max_length=160, blank=True)
    handout_contact = models.CharField(
        _("contact on handouts"),
        max_length=200,
        blank=True,
        help_text=_("Phone number or e-mail address clients can use; printed on every handout."),
    )
    paper_size = models.CharField(
        _("paper size"), max_length=6, choices=PaperSize.choices, default=PaperSize.A4
    )

    # Issue 26: how weight and waist are shown and typed. Clinic-wide settings do not exist yet
    # (clinic teams come later), so each clinician chooses; storage is always metric.
    measurement_units = models.CharField(
        _("units for weight and waist"),
        max_length=6,
        choices=[(Units.METRIC.value, _("kg and cm")), (Units.US.value, _("lb and in"))],
        default=Units.METRIC.value,
    )

    class Meta:
        verbose_name = _("clinician profile")
        verbose_name_plural = _("clinician profiles")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        """Return the name to show: the display name, else the full name, else the username."""
        return self.display_name or self.user.get_full_name() or self.user.get_username()
