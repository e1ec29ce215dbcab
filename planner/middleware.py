from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers


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
