from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class PlannerAdminSite(admin.AdminSite):
    """
    The admin, for active superusers only: they create and deactivate clinician accounts.

    Kept apart from planner/admin.py, which registers models: Django imports this class while
    the admin modules are still being discovered.
    """

    site_header = _("Exercise planner administration")
    site_title = _("Exercise planner administration")

    def has_permission(self, request):
        user = request.user
        return user.is_active and user.is_superuser
