"""
Root URLconf (settings.ROOT_URLCONF).

App pages live in planner/urls.py under the "planner" namespace; this module only mounts them
next to Django's auth views (/accounts/, our templates in templates/registration/) and the admin.
"""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("", include("planner.urls")),
]
