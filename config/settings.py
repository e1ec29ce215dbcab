"""
Settings for the exercise-prescription planner: one module, driven by the environment.

Every variable read here is documented in README.md ("Configuration"). Production is the
default: with nothing set, DEBUG is off and the process refuses to start without
DJANGO_SECRET_KEY. `make run` turns DEBUG on with a generated development key.
"""

import os
import sys
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

# Under pytest the suite runs with production-like settings (DEBUG off); only what must differ
# for a test run (a throwaway key, a fast hasher, plain static storage, no HTTPS redirect on the
# test client) is switched on this flag. Subprocess tests of manage.py never import pytest.
TESTING = "pytest" in sys.modules

# A development checkout has a git-ignored .env written by `make run` / `make test` (DEBUG on, a
# generated key), so ad-hoc `manage.py` commands work there. A deployment has no such file and
# sets real variables; variables already in the environment always win over the file. Tests
# never read it: they must see production defaults.
ENV_FILE = os.environ.get("DJANGO_ENV_FILE", str(BASE_DIR / ".env"))
if ENV_FILE and not TESTING and Path(ENV_FILE).is_file():
    environ.Env.read_env(ENV_FILE)

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "insecure-key-for-debug-and-tests-only"  # noqa: S105
    else:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. It is required when DJANGO_DEBUG is off: set it to a "
            "long random value (for example: python3 -c 'import secrets; "
            "print(secrets.token_urlsafe(50))'), or set DJANGO_DEBUG=true for local development."
        )

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
# CSRF_TRUSTED_ORIGINS is the name issue 2 and Django use; DJANGO_CSRF_TRUSTED_ORIGINS, the name
# this project first read, stays as an alias. Two different values would leave it unclear which
# is meant, so that stops startup.
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
_CSRF_ALIAS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
if CSRF_TRUSTED_ORIGINS and _CSRF_ALIAS and CSRF_TRUSTED_ORIGINS != _CSRF_ALIAS:
    raise ImproperlyConfigured(
        "CSRF_TRUSTED_ORIGINS and DJANGO_CSRF_TRUSTED_ORIGINS are both set, to different values. "
        "Set only CSRF_TRUSTED_ORIGINS (DJANGO_CSRF_TRUSTED_ORIGINS is an older alias)."
    )
CSRF_TRUSTED_ORIGINS = CSRF_TRUSTED_ORIGINS or _CSRF_ALIAS

# Behind a reverse proxy that terminates HTTPS (nginx, a load balancer) the app only sees plain
# HTTP; the proxy must set X-Forwarded-Proto and append the client address to X-Forwarded-For.
# Only turn this on when such a proxy is in front: otherwise clients could forge both headers.
BEHIND_PROXY = env.bool("DJANGO_BEHIND_PROXY", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None

INSTALLED_APPS = [
    "planner.apps.PlannerAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "planner.apps.PlannerConfig",
]

MIDDLEWARE = [
    # Outermost: the security headers on every answer, error pages included, and the minimal
    # 500 page if Django's own error handling fails (planner/middleware.py, issue 27).
    "planner.middleware.SecurityHeadersMiddleware",
    # A body too large or not UTF-8 is refused before anything reads it.
    "planner.middleware.RequestBodyGuardMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Inside SessionMiddleware, so a refresh it marks is saved on the way out.
    "planner.middleware.SessionIdleRefreshMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Marks request.user verified once a second factor was given in this session...
    "django_otp.middleware.OTPMiddleware",
    # ...and sends a session that still owes one to the code (or enrolment) page.
    "planner.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "planner.middleware.NoStoreMiddleware",
    # Pages never show a bidirectional override character, whatever is stored.
    "planner.middleware.BidiNeutralMiddleware",
    # Refused requests for objects that are not the clinician's are audited.
    "planner.middleware.RefusedAccessAuditMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: a SQLite file under var/ unless DATABASE_URL names another (postgres://...).
SQLITE_OPTIONS = {
    # IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue on the busy timeout
    # instead of failing with "database is locked" when a read lock is upgraded mid-transaction.
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    # WAL lets readers run while one writer commits.
    "init_command": "PRAGMA journal_mode=WAL",
}
if env.str("DATABASE_URL", default=""):
    DATABASES = {"default": env.db_url("DATABASE_URL")}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
    # The test database is a file too (not :memory:), so WAL and locking behave as in
    # production; the process id keeps simultaneous test runs in one checkout apart.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Keep a worker's database connection for a minute instead of opening one per request: on
# PostgreSQL a new connection is a new server process (measured: 128 -> 449 signed-in requests/s,
# docs/benchmarks.md). Behind a transaction-mode pooler (PgBouncer) set DJANGO_CONN_MAX_AGE=0.
# A conn_max_age in DATABASE_URL wins.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DJANGO_CONN_MAX_AGE", default=60))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Accounts and passwords
AUTHENTICATION_BACKENDS = [
    # First, so a locked-out username+IP is refused before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
if TESTING:
    # Argon2 costs ~0.2 s a hash by design; the suite hashes hundreds of passwords.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "planner:home"
LOGOUT_REDIRECT_URL = "login"

# Crisis resources (N03, docs/texts.md "Crisis regions"): the region new clients get. US, CA, GB,
# IE, AU and NZ are built in; any other region must be in the organisation's file named by
# PLANNER_CRISIS_REGIONS_FILE, which PlannerConfig.ready() loads, and a system check
# (planner.E001) refuses to start without it.
PLANNER_DEFAULT_CRISIS_REGION = env.str("PLANNER_DEFAULT_CRISIS_REGION", default="US")

# The address clients open their private log link at (issue 23), e.g. https://plan.example.org:
# released handouts and log sheets print PLANNER_PUBLIC_URL + "/log/<token>" and its QR code.
# Empty (the production default): no link is made and a system check (planner.W002) says so.
PLANNER_PUBLIC_URL = env.str(
    "PLANNER_PUBLIC_URL", default="http://localhost:8000" if DEBUG or TESTING else ""
)

# Two-factor sign-in (django-otp, TOTP apps plus single-use recovery codes). A clinician who has
# set it up must give a code after the password before any page opens (TwoFactorMiddleware).
# DJANGO_REQUIRE_2FA=true makes it mandatory: a clinician without it is sent to set it up first.
PLANNER_REQUIRE_2FA = env.bool("DJANGO_REQUIRE_2FA", default=False)
PLANNER_RECOVERY_CODE_COUNT = 10
OTP_TOTP_ISSUER = "Exercise planner"
# The admin never shows a TOTP secret again once the device exists.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Wrong codes slow the next try down: 1, 2, 4, 8... seconds (django-otp's throttling).
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# Sessions: 30 minutes idle. SessionIdleRefreshMiddleware moves the expiry forward on activity
# (at most once a minute, instead of a session write on every request), so the limit is on
# inactivity, not on the length of a working session. Django's login() issues a new key.
SESSION_COOKIE_AGE = 30 * 60
SESSION_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# django-axes: 5 failures for one username from one IP lock that pair for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The lock ends 15 minutes after it began, as the lockout page says; attempts meanwhile are refused
# but do not extend it, so a clinician retrying the right password is not locked out for good.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "planner.security.client_ip"
AXES_SENSITIVE_PARAMETERS = ["password"]
# The username axes stores and counts, cut to its 255-character column (a longer one gave 500 on
# PostgreSQL, unrecorded): planner.security.axes_username.
AXES_USERNAME_CALLABLE = "planner.security.axes_username"

# HTTPS and headers. On by default (DEBUG off); `make run` (DEBUG on) serves plain HTTP.
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG and not TESTING)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Deploy checks silenced on purpose (`manage.py check --deploy --fail-level WARNING` must pass):
SILENCED_SYSTEM_CHECKS = [
    # W021: SECURE_HSTS_PRELOAD. Submitting a domain to the browsers' preload list is a
    # commitment for the whole domain that its owner makes, not this app; opt in with
    # DJANGO_SECURE_HSTS_PRELOAD=true. HSTS itself (one year, subdomains) is on.
    "security.W021",
]

# Content-Security-Policy (django-csp). No inline scripts or styles: JavaScript and CSS live in
# static/. img-src allows data: because Bootstrap draws its form-control icons as data: SVGs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

# Internationalisation: English first; every user-facing string is marked for translation.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One date style everywhere ("5 Dec 2026"): planner/formats/en/formats.py.
FORMAT_MODULE_PATH = ["planner.formats"]
USE_I18N = True
TIME_ZONE = env.str("DJANGO_TIME_ZONE", default="UTC")
USE_TZ = True

# Static files: whitenoise serves hashed, compressed copies collected into staticfiles/.
STATIC_URL = "static/"
# Where collectstatic writes: each app server collects the same release into its own directory
# (docs/deploy.md); nothing else the app needs lives on a server's disk.
STATIC_ROOT = Path(env.str("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Tests (and later browser tests on a live server) read static files straight from static/ and
# the apps, without collectstatic, as `runserver` does with DEBUG on.
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING

# Hostile input: a body over 256 KiB or with more than 400 fields is refused with 400 before any
# view reads it. The longest form, the assessment, sends about 110 values and a few KiB; the
# limits keep a client's garbage from filling memory or the database.
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 400
DATA_UPLOAD_MAX_NUMBER_FILES = 10
# No page takes files. A request declaring a body over this size is refused with 413 before it
# is read (planner.middleware.RequestBodyGuardMiddleware): the form data limit above plus room
# for multipart headers. The proxy in front caps bodies at the same size (docs/deploy.md,
# nginx client_max_body_size). A file part of a smaller multipart body is refused with 400
# as soon as its headers arrive.
PLANNER_MAX_REQUEST_BODY = DATA_UPLOAD_MAX_MEMORY_SIZE + 64 * 1024
FILE_UPLOAD_HANDLERS = ["planner.middleware.RefuseFileUploadHandler"]

# Forms
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail (password reset). Development prints messages to the console.
EMAIL_CONFIG = env.email_url(
    "DJANGO_EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25"
)
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="planner@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="WARNING")},
}
