"""
App pages, namespace "planner". URL names are `<entity>_<action>` (reverse "planner:profile").

Every view here requires a signed-in clinician: tests/test_accounts.py walks this list and
expects an anonymous visitor to be sent to the login page.
"""

from django.urls import path

from planner import views

app_name = "planner"

urlpatterns = [
    path("", views.home, name="home"),
    path("profile/", views.profile, name="profile"),
]
