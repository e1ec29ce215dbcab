"""
Root URLconf (settings.ROOT_URLCONF).

App pages live in planner/urls.py under the "planner" namespace; this module only mounts them
next to Django's auth views (/accounts/, our templates in templates/registration/) and the admin,
and the client's public log page (/log/<token>, planner.views.clientlog).
"""

from django.contrib import admin
from django.urls import include, path

from planner.views.clientlog import client_log
from planner.views.clinics import invitation_accept

urlpatterns = [
    # The client's own log page (issue 23): public, outside the clinicians' "planner" pages.
    path("log/<str:token>", client_log, name="client_log"),
    # A colleague's one-time invitation to join a clinic (issue 24): public, like the log page.
    path("invite/<str:token>", invitation_accept, name="invitation_accept"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("", include("planner.urls")),
]
