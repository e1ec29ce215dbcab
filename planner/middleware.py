import logging

from csp.utils import build_policy
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import SuspiciousMultipartForm
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from planner.security import BIDI_UTF8, neutralise_bidi


class NoStoreMiddleware:
    """
    Mark every response the app itself produces as not to be stored by any cache.

    Pages carry client health data, and a shared or back-button cache must never keep them.
    Static files never reach this middleware: WhiteNoise answers them further up the stack.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response


class SessionIdleRefreshMiddleware:
    """
    Move a signed-in session's idle expiry forward, at most once every SESSION_REFRESH_SECONDS.

    Django's SESSION_SAVE_EVERY_REQUEST would write the session row on every request; on SQLite
    that write takes the database's single write lock each time. Marking the session modified
    only when the last refresh is older than a minute makes SessionMiddleware save it (with a new
    expiry SESSION_COOKIE_AGE from now) about once a minute of activity. The idle limit is then
    between SESSION_COOKIE_AGE minus a minute and SESSION_COOKIE_AGE.
    """

    KEY = "_idle_refreshed_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is None or user is None or not user.is_authenticated:
            return response
        if self._seconds() - session.get(self.KEY, 0) >= settings.SESSION_REFRESH_SECONDS:
            self.stamp(session)
        return response

    @classmethod
    def stamp(cls, session) -> None:
        """Record that the session's expiry moves on now (marks the session to be saved)."""
        session[cls.KEY] = cls._seconds()

    @staticmethod
    def _seconds() -> int:
        return int(timezone.now().timestamp())


class TwoFactorMiddleware:
    """
    Hold a signed-in session at the second step until it has given a one-time code.

    After the password, a clinician with a confirmed device (authenticator or recovery codes)
    reaches nothing but the code page and logout until a code verifies the session
    (django-otp's OTPMiddleware, which must run first, sets request.user.is_verified()). With
    settings.PLANNER_REQUIRE_2FA a clinician without a device reaches nothing but the set-up page
    and logout. Everything else (app pages, the admin, password change) redirects, with ?next=
    so the clinician lands where they were going. Anonymous requests pass untouched: the views'
    login_required sends them to the login page.
    """

    VERIFY_URL_NAME = "planner:twofactor_verify"
    SETUP_URL_NAME = "planner:twofactor_setup"
    ALWAYS_ALLOWED = frozenset({"logout"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from planner.services.twofactor import twofactor_enabled

        if getattr(view_func, "client_public", False):
            return None  # the client's own log page (issue 23): no clinician session step
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        view_name = request.resolver_match.view_name if request.resolver_match else ""
        if view_name in self.ALWAYS_ALLOWED:
            return None
        if twofactor_enabled(user=user):
            target = self.VERIFY_URL_NAME
        elif settings.PLANNER_REQUIRE_2FA:
            target = self.SETUP_URL_NAME
        else:
            return None
        if view_name == target:
            return None
        return redirect_to_login(request.get_full_path(), reverse(target))


# --- hardening (issue 27) ------------------------------------------------------------------------

logger = logging.getLogger("planner.security")

def minimal_error_response(status: int) -> HttpResponse:
    """The app's own error page that needs no request, session or database: the outermost
    middleware answers with it when nothing further in can (templates/error_minimal.html)."""
    heading, message = MINIMAL_ERRORS[status]
    html = render_to_string("error_minimal.html", {"heading": heading, "message": message})
    return HttpResponse(html, status=status, content_type="text/html; charset=utf-8")


MINIMAL_ERRORS = {
    400: (_("The request could not be handled"),
          _("What was sent was malformed or not allowed. Go back and try again.")),
    413: (_("The request could not be handled"),
          _("What was sent was too large. No page here takes files; go back and send less at "
            "a time.")),
    500: (_("Something went wrong"),
          _("The error has been logged. Please go back and try again.")),
}


class SecurityHeadersMiddleware:
    """
    Outermost: every response the app answers carries the security headers, error pages too.

    Django turns an exception into a response at the middleware that raised it, so a 400 for a
    forged Host (raised by SecurityMiddleware) or a 500 while the database is down (raised in
    the session or auth layer) never passes through the CSP, frame and no-store middleware
    further in. This one fills in whichever of those headers a response lacks; a page or a
    middleware that set its own policy (another CSP, a cache time for static files) keeps it.
    An exception that escapes even Django's error handling (its own 400 or 500 page failing)
    becomes the minimal 500 page here, instead of the server's bare one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            response = self.get_response(request)
        except Exception:
            logger.exception("Unhandled error while answering %s", request.path)
            response = minimal_error_response(500)
        self.fill_in(response)
        return response

    @staticmethod
    def fill_in(response) -> None:
        if "Content-Security-Policy" not in response and not getattr(
            response, "_csp_exempt", False
        ):
            response["Content-Security-Policy"] = build_policy()
        response.headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", settings.SECURE_REFERRER_POLICY)
        if "Cache-Control" not in response:
            add_never_cache_headers(response)


class RequestBodyGuardMiddleware:
    """
    Refuse a request body the app would not use, before anything reads it.

    Django reads a body lazily, on the first request.POST or request.body, and only counts the
    form fields of a multipart body against DATA_UPLOAD_MAX_MEMORY_SIZE: a file part of any size
    was streamed to a temporary file first. No page takes uploads, so here a declared length over
    PLANNER_MAX_REQUEST_BODY is 413 at once (nothing read), and settings.FILE_UPLOAD_HANDLERS
    refuses a file part of a smaller multipart body the moment its headers arrive
    (RefuseFileUploadHandler). A form body that is not UTF-8 is 400 here, because Django's own
    400 page for it re-reads the body and fails again (gunicorn's bare 500 otherwise).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return minimal_error_response(400)
        if length > settings.PLANNER_MAX_REQUEST_BODY or length < 0:
            logger.warning("Refused a %s-byte body to %s", length, request.path)
            return minimal_error_response(413)
        content_type = request.content_type
        charset = (request.content_params.get("charset") or "utf-8").lower().replace("_", "-")
        if content_type in FORM_TYPES and charset not in UTF8_NAMES:
            logger.warning("Refused a %s body to %s", charset, request.path)
            return minimal_error_response(400)
        return self.get_response(request)


FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})
UTF8_NAMES = frozenset({"utf-8", "utf8", "us-ascii", "ascii"})


class RefuseFileUploadHandler(FileUploadHandler):
    """settings.FILE_UPLOAD_HANDLERS: no page takes files, so a file part ends the request with
    400 before its content is read."""

    def new_file(self, *args, **kwargs):
        raise SuspiciousMultipartForm("a file part was sent; no page accepts uploads")

    def receive_data_chunk(self, raw_data, start):  # pragma: no cover - new_file refuses first
        raise SuspiciousMultipartForm("a file part was sent; no page accepts uploads")

    def file_complete(self, file_size):  # pragma: no cover - new_file refuses first
        return None


class BidiNeutralMiddleware:
    """
    Pages never show a bidirectional override: every HTML answer is served without them.

    Forms remove them from what is typed (planner/forms/text.py); this covers what was stored
    before, or came in another way (the admin, an import), wherever a page prints it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and response.content
        ):
            charset = (response.charset or "utf-8").lower()
            if charset in ("utf-8", "utf8") and BIDI_UTF8.search(response.content) is None:
                return response  # the common case: nothing to remove, nothing decoded
            text = response.content.decode(charset, "replace")
            cleaned = neutralise_bidi(text)
            if cleaned != text:
                response.content = cleaned.encode(charset)
        return response


class RefusedAccessAuditMiddleware:
    """
    Audit a signed-in request refused for an object: another clinician's client, revision,
    assessment, check-in or review is 404 (the selectors filter on the owner), and that probe
    leaves an audit row with the ids asked for (never the answer).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.core.exceptions import PermissionDenied
        from django.http import Http404

        from planner.models import AuditEvent
        from planner.services.audit import audit_record

        user = getattr(request, "user", None)
        match = request.resolver_match
        if (not isinstance(exception, Http404 | PermissionDenied) or user is None
                or not user.is_authenticated or match is None or not match.kwargs):
            return None
        object_type = self._object_type(match)
        detail = " ".join(f"{key}={value}" for key, value in sorted(match.kwargs.items()))
        audit_record(actor=user, action=AuditEvent.Action.REFUSED, object_type=object_type,
                     object_id=str(match.kwargs.get("pk", ""))[:64], request=request,
                     detail=f"{match.view_name} {detail}"[:200])
        return None

    @staticmethod
    def _object_type(match) -> str:
        # clients/<pk>/... name a client; assessments/<pk>/... an assessment (intake);
        # clinic/members/<pk>/... a member of a clinic (issue 24).
        if match.route.startswith("clinic/members/"):
            return "user"
        return "intake" if match.route.startswith("assessments/") else "client"
