import ipaddress

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
