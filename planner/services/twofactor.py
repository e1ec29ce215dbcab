"""
Two-factor sign-in: enrolment of an authenticator app (TOTP), recovery codes, the code step.

Built on django-otp. A clinician has at most one TOTP device ("authenticator") and one static
device ("recovery codes", single-use). Which device verified the session is kept in the session
by django_otp.login(); OTPMiddleware reads it back on every request (request.user.is_verified()).
"""

import enum
import re
from base64 import b32encode
from binascii import unhexlify

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.http import HttpRequest
from django_otp import device_classes
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from planner.models import AuditEvent
from planner.services.audit import audit_record

TOTP_DEVICE_NAME = "authenticator"
STATIC_DEVICE_NAME = "recovery codes"
# Where the secret of an authenticator being set up waits (server-side session) until the
# clinician proves with a code that the app holds it; only then is a device row written.
SETUP_SESSION_KEY = "planner_2fa_setup_key"

_TOTP_TOKEN = re.compile(r"^\d{6}$")


def normalize_token(token: str) -> str:
    """Drop the spaces and dashes people type into codes; recovery codes are lower case."""
    return re.sub(r"[\s-]", "", token or "").lower()


def twofactor_device(*, user: AbstractBaseUser) -> TOTPDevice | None:
    """Return the clinician's confirmed authenticator, if any."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def twofactor_enabled(*, user: AbstractBaseUser) -> bool:
    """Return True if the clinician has any confirmed second factor (app or recovery codes).

    One query over every installed device type (a UNION): TwoFactorMiddleware asks this on
    every request of a session that has not given a code, so it is never cached.
    """
    if not user.is_authenticated:
        return False
    devices = [
        model.objects.devices_for_user(user, confirmed=True).values("pk")
        for model in device_classes()
    ]
    if not devices:
        return False
    return devices[0].union(*devices[1:], all=True).exists()


def twofactor_recovery_codes_left(*, user: AbstractBaseUser) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def twofactor_setup_key(*, request: HttpRequest) -> str:
    """Return the hex secret for the authenticator being set up, creating it once per session."""
    key = request.session.get(SETUP_SESSION_KEY)
    if not key:
        key = default_key()
        request.session[SETUP_SESSION_KEY] = key
    return key


def twofactor_setup_uri(*, user: AbstractBaseUser, key: str) -> tuple[str, str]:
    """Return (otpauth:// URI, base32 secret) for an authenticator app to scan or type."""
    device = TOTPDevice(user=user, name=TOTP_DEVICE_NAME, key=key)
    secret = b32encode(unhexlify(key)).decode("ascii")
    return device.config_url, secret


def _new_recovery_codes(device: StaticDevice) -> list[str]:
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.PLANNER_RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def twofactor_enrol(*, request: HttpRequest, token: str) -> list[str] | None:
    """
    Confirm the authenticator being set up with a code from it; return the recovery codes.

    Returns None (and writes nothing) if the code is wrong. On success the authenticator and
    ten new recovery codes replace any earlier ones, this session counts as verified, and the
    codes are returned for showing once: only they exist in the database, nowhere else.
    """
    user = request.user
    key = request.session.get(SETUP_SESSION_KEY)
    token = normalize_token(token)
    if not key or not _TOTP_TOKEN.match(token):
        return None
    device = TOTPDevice(user=user, name=TOTP_DEVICE_NAME, key=key, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if not totp.verify(int(token), device.tolerance):
        return None
    # The code just used cannot be used again to sign in.
    device.last_t = totp.t()
    device.drift = totp.drift
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    device.full_clean()
    device.save()
    static = StaticDevice.objects.create(user=user, name=STATIC_DEVICE_NAME, confirmed=True)
    codes = _new_recovery_codes(static)
    del request.session[SETUP_SESSION_KEY]
    otp_login(request, device)
    request.session.cycle_key()
    audit_record(actor=user, action=AuditEvent.Action.CREATE, object_type="totp_device",
                 object_id=device.pk, request=request, detail="2fa enrolled")
    return codes


@transaction.atomic
def twofactor_recovery_codes_renew(*, request: HttpRequest) -> list[str]:
    """Replace the clinician's recovery codes with ten new ones and return them."""
    user = request.user
    static, _created = StaticDevice.objects.get_or_create(
        user=user, name=STATIC_DEVICE_NAME, defaults={"confirmed": True}
    )
    codes = _new_recovery_codes(static)
    audit_record(actor=user, action=AuditEvent.Action.CHANGE, object_type="static_device",
                 object_id=static.pk, request=request, detail="recovery codes renewed")
    return codes


@transaction.atomic
def twofactor_disable(*, request: HttpRequest) -> None:
    """Remove the clinician's authenticator and recovery codes (not allowed when mandatory)."""
    user = request.user
    if settings.PLANNER_REQUIRE_2FA:
        raise PermissionError("Two-factor sign-in is mandatory on this site.")
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit_record(actor=user, action=AuditEvent.Action.CHANGE, object_type="user",
                 object_id=user.pk, request=request, detail="2fa removed")


class VerifyResult(enum.Enum):
    OK = "ok"
    WRONG = "wrong"
    WAIT = "wait"  # too many wrong codes just now: the device refuses even the right one


def twofactor_verify(*, request: HttpRequest, token: str) -> VerifyResult:
    """
    Check a code from the authenticator or a recovery code, the second step of signing in.

    The shape of the code picks the device (6 digits: the app; else a recovery code), so a
    mistyped app code does not slow down recovery codes and vice versa. Each wrong code makes
    that device wait longer before the next try (1, 2, 4... seconds). A recovery code works once.
    Success marks the session verified under a new session key; every try is audited.
    """
    user = request.user
    token = normalize_token(token)
    device_class = TOTPDevice if _TOTP_TOKEN.match(token) else StaticDevice
    result = VerifyResult.WRONG
    if token and len(token) <= 16:
        with transaction.atomic():
            devices = device_class.objects.devices_for_user(user, confirmed=True)
            for device in devices.select_for_update():
                if not device.verify_is_allowed()[0]:
                    result = VerifyResult.WAIT
                elif device.verify_token(token):
                    otp_login(request, device)
                    result = VerifyResult.OK
                    break
    if result is not VerifyResult.OK:
        # The password was right, so the actor is known: the clinician sees this row on the
        # activity page, a sign that someone else may know the password.
        audit_record(actor=user, action=AuditEvent.Action.LOGIN_FAILED, object_type="user",
                     object_id=user.pk, request=request, detail="otp")
        return result
    request.session.cycle_key()
    audit_record(actor=user, action=AuditEvent.Action.LOGIN, object_type="user",
                 object_id=user.pk, request=request,
                 detail="otp" if device_class is TOTPDevice else "otp recovery code")
    return result
