from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class PlannerConfig(AppConfig):
    name = "planner"
    label = "planner"
    verbose_name = _("Exercise planner")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Connect the audit receivers (login, logout, failed login, lockout).
        from planner import receivers  # noqa: F401


class PlannerAdminConfig(AdminConfig):
    """The Django admin, restricted to active superusers (see planner.admin_site)."""

    default_site = "planner.admin_site.PlannerAdminSite"
