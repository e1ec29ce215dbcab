import os

from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class PlannerConfig(AppConfig):
    name = "planner"
    label = "planner"
    verbose_name = _("Exercise planner")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Connect the audit receivers (login, logout, failed login, lockout) and register the
        # system checks (the default crisis region must have crisis resources).
        from planner import checks, receivers  # noqa: F401

        configure_crisis_regions(os.environ)


def configure_crisis_regions(environ) -> tuple[str, ...]:
    """Install the organisation's crisis regions (PLANNER_CRISIS_REGIONS_FILE) once, at
    start-up. A missing or incomplete file stops the app here, before any handout is printed:
    a deployment running on the wrong crisis numbers is worse than one that does not start."""
    from django.core.exceptions import ImproperlyConfigured

    from planner.engine import crisis

    try:
        return crisis.configure_from_environ(environ)
    except crisis.CrisisConfigError as error:
        raise ImproperlyConfigured(f"{crisis.REGIONS_FILE_ENV}: {error}") from error


class PlannerAdminConfig(AdminConfig):
    """The Django admin, restricted to active superusers (see planner.admin_site)."""

    default_site = "planner.admin_site.PlannerAdminSite"
