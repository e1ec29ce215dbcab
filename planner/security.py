import ipaddress
import re

from django.conf import settings


def client_ip(request) -> str | None:
    """
    Return the client's IP address, or None if it is missing or malformed.

    Behind a reverse proxy (settings.BEHIND_PROXY) the client is the last address in
    X-Forwarded-For: the one our own proxy appended; earlier entries are client-supplied.
    Used by django-axes (AXES_CLIENT_IP_CALLABLE) and by the audit log, so both agree.
    """
    address = request.META.get("REMOTE_ADDR", "")
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            address = forwarded.split(",")[-1]
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


AXES_USERNAME_LENGTH = 255  # axes' AccessAttempt/AccessFailureLog username column


def axes_username(request, credentials: dict | None = None) -> str | None:
    """
    The username django-axes counts failures under (AXES_USERNAME_CALLABLE).

    The login forms pass whatever was typed to authenticate(): a 256-character username made
    axes' insert fail on PostgreSQL (500, the attempt neither counted nor audited). Cut to the
    column, so any typed username is counted, and without NUL characters, which PostgreSQL
    refuses in text.
    """
    if credentials:
        username = credentials.get(settings.AXES_USERNAME_FORM_FIELD)
    else:
        data = getattr(request, "data", None) or request.POST
        username = data.get(settings.AXES_USERNAME_FORM_FIELD)
    if not isinstance(username, str):
        return username
    return username.replace("\x00", "")[:AXES_USERNAME_LENGTH]


# Bidirectional override, embedding and isolate controls (U+202A-U+202E, U+2066-U+2069): they
# reorder the text around them, so "Ann" + RLO + "gnp.exe" + PDF shows as "Annexe.png". The
# left-to-right and right-to-left marks (U+200E, U+200F, U+061C) stay: they move no letters,
# and mixed-direction text uses them.
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
_BIDI_FOUND = re.compile("[\u202a-\u202e\u2066-\u2069]")
# The same characters in UTF-8, found in a page's bytes without decoding it: every HTML page
# passes through BidiNeutraliseMiddleware, and a regex scan costs far less than a translate.
BIDI_UTF8 = re.compile(b"\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")


def neutralise_bidi(text: str) -> str:
    """Return `text` without bidirectional override, embedding and isolate characters.

    Neutralised, not refused: the characters are invisible, so an error would ask the
    clinician to remove something they cannot see (they come with text pasted from a word
    processor or an e-mail), and no name or note needs them: browsers lay out Arabic and Hebrew
    correctly by themselves. Removing them changes nothing a reader sees except the spoof.
    """
    if _BIDI_FOUND.search(text) is None:
        return text
    return text.translate(BIDI_CONTROLS)
