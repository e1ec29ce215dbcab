"""
App pages, namespace "planner". URL names are `<entity>_<action>` (reverse "planner:profile").

Grouped by the object in the path: a client (`clients/<pk>/...`), one revision of its plan
(`clients/<pk>/revisions/<number>/...`), an assessment (`assessments/<pk>/...`), then the
clinician's own pages. Every view here requires a signed-in clinician: the access-matrix tests
walk this list and expect an anonymous visitor to be sent to the login page.
"""

from django.urls import include, path

from planner.views import (
    accounts,
    activity,
    adjustments,
    assessments,
    checkins,
    clientlog,
    clients,
    clinics,
    handouts,
    history,
    measures,
    plans,
    records,
    releases,
    reviews,
    teams,
    twofactor,
)

app_name = "planner"

# clients/<pk>/revisions/<number>/...
revision_patterns = [
    path("", plans.plan_revision_detail, name="plan_revision_detail"),
    # Issue 6: restore, gates and release.
    path("restore/", history.revision_restore, name="revision_restore"),
    path("release/", releases.revision_release, name="revision_release"),
    path("attest/", releases.gate_attest, name="gate_attest"),
    path("release/large-print/", releases.released_document_add, name="released_document_add"),
    # PDFs (issue 7): the stored released handout, and documents rendered from the snapshot.
    path("released.pdf", handouts.release_download, name="release_download"),
    path("pdf/<slug:kind>/", handouts.revision_document, name="revision_document"),
    # Issue 24: a supervisor co-signs a trainee's revision and releases it.
    path("cosign/", teams.revision_cosign, name="revision_cosign"),
]

# clients/<pk>/...
client_patterns = [
    path("", clients.client_detail, name="client_detail"),
    path("edit/", clients.client_update, name="client_update"),
    path("archive/", clients.client_archive, name="client_archive"),
    path("assessments/new/", assessments.intake_create, name="intake_create"),
    path("revisions/<int:number>/", include(revision_patterns)),
    # Issue 6: history, comparison, adjustments and clearance.
    path("history/", history.plan_history, name="plan_history"),
    path("compare/", history.revision_compare, name="revision_compare"),
    path("adjust/", adjustments.plan_adjust, name="plan_adjust"),
    path("clearance/", adjustments.clearance_record_view, name="clearance_record"),
    # Issue 8: check-ins, reviews and progress charts.
    path("checkins/", checkins.checkin_list, name="checkin_list"),
    path("checkins/new/", checkins.checkin_create, name="checkin_create"),
    path("checkins/<int:checkin_pk>/", checkins.checkin_update, name="checkin_update"),
    # Issue 23: the client's own log link, and the clinician's corrections of logged days.
    path("log-link/", clientlog.client_log_link_manage, name="client_log_link"),
    path("client-log/<int:entry_pk>/", clientlog.client_log_entry_amend,
         name="client_log_entry_amend"),
    path("reviews/new/", reviews.review_create, name="review_create"),
    path("reviews/<int:review_pk>/", reviews.review_detail, name="review_detail"),
    path("reviews/<int:review_pk>/decide/", reviews.review_decide, name="review_decide"),
    path("reviews/<int:review_pk>/assessment/", reviews.review_assessment,
         name="review_assessment"),
    # Issue 9 item 5: a client's whole record, exported as JSON or erased.
    path("export/", records.client_export, name="client_export"),
    path("erase/", records.client_erase, name="client_erase"),
    # Issue 26: physical-health measures, and the record as FHIR R4.
    path("measures/", measures.measure_list, name="measure_list"),
    path("measures/new/", measures.measure_create, name="measure_create"),
    path("fhir.json", measures.client_fhir_export, name="client_fhir_export"),
    # Issue 24: the care team and handover.
    path("team/", teams.care_team, name="care_team"),
    path("team/<int:member_pk>/remove/", teams.care_team_remove, name="care_team_remove"),
    path("handover/", teams.client_handover, name="client_handover"),
]

urlpatterns = [
    # The client list is the start page; "home" names the same page (sign-in redirects there).
    path("", clients.client_list, name="client_list"),
    path("", clients.client_list, name="home"),
    path("clients/new/", clients.client_create, name="client_create"),
    path("clients/<int:pk>/", include(client_patterns)),
    path("assessments/<int:pk>/", assessments.intake_preview, name="intake_preview"),
    path("assessments/<int:pk>/save/", plans.plan_revision_create, name="plan_revision_create"),
    path("profile/", accounts.profile, name="profile"),
    # Two-factor sign-in (planner.middleware.TwoFactorMiddleware sends sessions here).
    path("2fa/verify/", twofactor.twofactor_verify, name="twofactor_verify"),
    path("2fa/setup/", twofactor.twofactor_setup, name="twofactor_setup"),
    path("2fa/recovery-codes/", twofactor.twofactor_recovery_codes,
         name="twofactor_recovery_codes"),
    path("2fa/off/", twofactor.twofactor_disable, name="twofactor_disable"),
    path("activity/", activity.activity, name="activity"),
    # Issue 24: the clinic's own pages (members are managed here, not in Django's admin).
    path("clinic/", clinics.clinic_home, name="clinic"),
    path("clinic/clients/", clinics.clinic_clients, name="clinic_clients"),
    path("clinic/members/", clinics.clinic_members, name="clinic_members"),
    path("clinic/members/invite/", clinics.member_invite, name="member_invite"),
    path("clinic/members/<int:pk>/deactivate/", clinics.member_deactivate,
         name="member_deactivate"),
    path("clinic/settings/", clinics.clinic_settings, name="clinic_settings"),
    path("clinic/audit/", clinics.clinic_audit, name="clinic_audit"),
]
