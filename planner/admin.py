from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from planner.models import AuditEvent, ClinicianProfile


class ClinicianProfileInline(admin.StackedInline):
    model = ClinicianProfile
    can_delete = False
    extra = 1
    max_num = 1


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class ClinicianUserAdmin(UserAdmin):
    """Django's user admin plus the clinician profile; untick "active" to deactivate."""

    inlines = [ClinicianProfileInline]
    list_display = ("username", "email", "first_name", "last_name", "is_active", "is_superuser")

    def get_inlines(self, request, obj):
        # The add form only sets username and password; the profile follows on the change page.
        return self.inlines if obj is not None else []


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit trail is append-only and nobody edits or deletes it."""

    list_display = ("created", "action", "actor_id", "object_type", "object_id", "ip")
    list_filter = ("action", "object_type")
    search_fields = ("object_id", "=actor_id")
    date_hierarchy = "created"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
