"""
App pages, namespace "planner". URL names are `<entity>_<action>` (reverse "planner:profile").

Every view here requires a signed-in clinician: tests/test_accounts.py walks this list and
expects an anonymous visitor to be sent to the login page.
"""

from django.urls import path

from planner import views
from planner.views import activity as activity_views
from planner.views import twofactor as twofactor_views

app_name = "planner"

urlpatterns = [
    path("", views.home, name="home"),
    path("profile/", views.profile, name="profile"),
    # Two-factor sign-in (planner.middleware.TwoFactorMiddleware sends sessions here).
    path("2fa/verify/", twofactor_views.twofactor_verify, name="twofactor_verify"),
    path("2fa/setup/", twofactor_views.twofactor_setup, name="twofactor_setup"),
    path("2fa/recovery-codes/", twofactor_views.twofactor_recovery_codes,
         name="twofactor_recovery_codes"),
    path("2fa/off/", twofactor_views.twofactor_disable, name="twofactor_disable"),
    path("activity/", activity_views.activity, name="activity"),
]
