"""
Test-only URLconf: the app's own URLs plus views that fail on purpose
(tests/security/test_error_pages.py).

The error messages carry a stand-in for client data, which must never reach the error pages.
"""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns

SECRET = "Client Jane Roe PHQ-9 item 9 = 3"


def raise_400(request):
    raise SuspiciousOperation(SECRET)


def raise_403(request):
    raise PermissionDenied(SECRET)


def raise_404(request):
    raise Http404(SECRET)


def raise_500(request):
    raise RuntimeError(SECRET)


urlpatterns = [
    path("test-errors/400/", raise_400),
    path("test-errors/403/", raise_403),
    path("test-errors/404/", raise_404),
    path("test-errors/500/", raise_500),
    *project_urlpatterns,
]
