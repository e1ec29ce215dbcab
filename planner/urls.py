"""
App pages, namespace "planner". URL names are `<entity>_<action>` (reverse "planner:profile").

Every view here requires a signed-in clinician: tests/test_accounts.py walks this list and
expects an anonymous visitor to be sent to the login page.
"""

from django.urls import path

from planner import views
from planner.views import activity as activity_views
from planner.views import adjustments as adjustment_views
from planner.views import checkins as checkin_views
from planner.views import handouts as handout_views
from planner.views import history as history_views
from planner.views import records as record_views
from planner.views import releases as release_views
from planner.views import reviews as review_views
from planner.views import twofactor as twofactor_views

app_name = "planner"

urlpatterns = [
    # The client list is the start page; "home" names the same page (sign-in redirects there).
    path("", views.client_list, name="client_list"),
    path("", views.client_list, name="home"),
    path("clients/new/", views.client_create, name="client_create"),
    path("clients/<int:pk>/", views.client_detail, name="client_detail"),
    path("clients/<int:pk>/edit/", views.client_update, name="client_update"),
    path("clients/<int:pk>/assessments/new/", views.intake_create, name="intake_create"),
    path(
        "clients/<int:pk>/revisions/<int:number>/",
        views.plan_revision_detail,
        name="plan_revision_detail",
    ),
    path("assessments/<int:pk>/", views.intake_preview, name="intake_preview"),
    path("assessments/<int:pk>/save/", views.plan_revision_create, name="plan_revision_create"),
    # Issue 6: history, comparison, restore, adjustments, clearance, gates and release.
    path("clients/<int:pk>/history/", history_views.plan_history, name="plan_history"),
    path("clients/<int:pk>/compare/", history_views.revision_compare, name="revision_compare"),
    path(
        "clients/<int:pk>/revisions/<int:number>/restore/",
        history_views.revision_restore,
        name="revision_restore",
    ),
    path("clients/<int:pk>/adjust/", adjustment_views.plan_adjust, name="plan_adjust"),
    path(
        "clients/<int:pk>/clearance/",
        adjustment_views.clearance_record_view,
        name="clearance_record",
    ),
    path(
        "clients/<int:pk>/revisions/<int:number>/release/",
        release_views.revision_release,
        name="revision_release",
    ),
    path(
        "clients/<int:pk>/revisions/<int:number>/attest/",
        release_views.gate_attest,
        name="gate_attest",
    ),
    path(
        "clients/<int:pk>/revisions/<int:number>/release/large-print/",
        release_views.released_document_add,
        name="released_document_add",
    ),
    # PDFs (issue 7): the stored released handout, and documents rendered from the snapshot.
    path(
        "clients/<int:pk>/revisions/<int:number>/released.pdf",
        handout_views.release_download,
        name="release_download",
    ),
    path(
        "clients/<int:pk>/revisions/<int:number>/pdf/<slug:kind>/",
        handout_views.revision_document,
        name="revision_document",
    ),
    # Issue 8: check-ins, reviews and progress charts.
    path("clients/<int:pk>/checkins/", checkin_views.checkin_list, name="checkin_list"),
    path("clients/<int:pk>/checkins/new/", checkin_views.checkin_create, name="checkin_create"),
    path(
        "clients/<int:pk>/checkins/<int:checkin_pk>/",
        checkin_views.checkin_update,
        name="checkin_update",
    ),
    path("clients/<int:pk>/reviews/new/", review_views.review_create, name="review_create"),
    path(
        "clients/<int:pk>/reviews/<int:review_pk>/",
        review_views.review_detail,
        name="review_detail",
    ),
    path(
        "clients/<int:pk>/reviews/<int:review_pk>/decide/",
        review_views.review_decide,
        name="review_decide",
    ),
    path(
        "clients/<int:pk>/reviews/<int:review_pk>/assessment/",
        review_views.review_assessment,
        name="review_assessment",
    ),
    # Issue 9 item 5: a client's whole record, exported as JSON or erased.
    path("clients/<int:pk>/export/", record_views.client_export, name="client_export"),
    path("clients/<int:pk>/erase/", record_views.client_erase, name="client_erase"),
    path("profile/", views.profile, name="profile"),
    # Two-factor sign-in (planner.middleware.TwoFactorMiddleware sends sessions here).
    path("2fa/verify/", twofactor_views.twofactor_verify, name="twofactor_verify"),
    path("2fa/setup/", twofactor_views.twofactor_setup, name="twofactor_setup"),
    path("2fa/recovery-codes/", twofactor_views.twofactor_recovery_codes,
         name="twofactor_recovery_codes"),
    path("2fa/off/", twofactor_views.twofactor_disable, name="twofactor_disable"),
    path("activity/", activity_views.activity, name="activity"),
]
