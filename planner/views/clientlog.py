"""The client's own log (issue 23).

- client_log (/log/<token>): the client's page, public: no sign-in, no two-factor step. A bad,
  expired or revoked token, an archived client and a malformed token all get the same plain 404.
  Rate limited per IP address (every request) and per link (every entry saved), counted in the
  database (services.clientlog.rate_hit). Headers: the site's CSP and security headers, plus
  Referrer-Policy: no-referrer and X-Robots-Tag: noindex (the token is in the path).
- client_log_link_manage: the clinician sees, revokes or renews the client's link.
- client_log_entry_amend: the clinician corrects or discounts one logged day, with a reason.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from planner import selectors
from planner.forms.clientlog import AmendForm, ClientLogForm
from planner.models import AuditEvent
from planner.presenters import clientlog as pages
from planner.security import client_ip
from planner.services import clientlog
from planner.services.audit import audit_record
from planner.views.common import Action, add_service_errors, audit, method_not_allowed

PUBLIC_HEADERS = {"Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex, nofollow"}


def _public(response: HttpResponse) -> HttpResponse:
    for name, value in PUBLIC_HEADERS.items():
        response[name] = value
    return response


def _plain(request, status: int) -> HttpResponse:
    """The same plain page for every refusal of its kind: nothing says why."""
    return _public(render(request, "planner/clientlog_plain.html", {"status": status},
                          status=status))


@csrf_exempt
def client_log(request, token: str):
    """The client's page: this week's plan, log a day, what was logged this week.

    No CSRF token, and so no cookie at all: CSRF guards authority a browser sends by itself (a
    session cookie), and this page has none: its only authority is the token in its URL, which
    a forged cross-site form would need to know already. And with Referrer-Policy: no-referrer
    a browser sends "Origin: null" with the form, which Django's origin check refuses."""
    if request.method not in ("GET", "POST"):
        return _public(method_not_allowed(request, "GET", "POST"))
    limit, seconds = clientlog.ip_limit()
    if not clientlog.rate_hit(clientlog.ip_key(client_ip(request)), limit=limit,
                              seconds=seconds):
        return _plain(request, 429)
    today = timezone.localdate()
    link = clientlog.link_for_token(token, today=today)
    if link is None:
        return _plain(request, 404)
    context = pages.client_page(link, today)
    form = ClientLogForm(request.POST if request.method == "POST" else None,
                         days=context["days"], efforts=context["efforts"], ed=context["ed"],
                         initial={"day": today.isoformat(), "active": "yes"})
    if request.method == "POST":
        limit, seconds = clientlog.write_limit()
        if not clientlog.rate_hit(f"link:{link.pk}", limit=limit, seconds=seconds):
            return _plain(request, 429)
        if form.is_valid():
            data = form.cleaned_data
            try:
                clientlog.entry_log(
                    link=link, day=data["day"], active=data["active"],
                    minutes=data.get("minutes"), effort=data.get("effort") or "",
                    feeling=data.get("feeling"), note=data.get("note") or "", today=today,
                    request=request,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return _public(redirect(request.path + "?saved=1"))
        status = 400
    else:
        audit_record(actor=None, action=AuditEvent.Action.VIEW, object_type="client_log_link",
                     object_id=link.pk, request=request, detail=f"client={link.client_id}")
        status = 200
    context.update(form=form, saved=request.GET.get("saved") == "1" and request.method == "GET")
    return _public(render(request, "planner/clientlog_page.html", context, status=status))


# The two-factor step is for clinicians' sessions; the client's page has none (middleware).
client_log.client_public = True


@login_required
def client_log_link_manage(request, pk):
    """The client's link: shown to the clinician (to text it), revoked, or renewed."""
    client = selectors.client_get(request.user, pk)
    if refused := method_not_allowed(request, "GET", "POST"):
        return refused
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "revoke":
                clientlog.link_revoke(user=request.user, client=client, request=request)
                messages.success(request, _("The link is revoked: it no longer opens."))
            elif action == "renew":
                clientlog.link_renew(user=request.user, client=client, request=request)
                messages.success(request, _("A new link is ready. The old one no longer "
                                            "opens. Print the log sheet again for the client."))
            else:
                messages.error(request, _("Choose revoke or make a new link."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("planner:client_log_link", pk=client.pk)
    link = selectors.client_log_link_live(request.user, client)
    token = clientlog.link_token(link) if link is not None else None
    audit(request, Action.VIEW, "client", client.pk, "client log link")
    return render(request, "planner/clientloglink_detail.html", {
        "client": client,
        "link": link,
        "url": clientlog.link_url(token) if token and clientlog.enabled() else "",
        "expired": link is not None and link.valid_until < timezone.localdate(),
        "released": clientlog.latest_released_revision(client) is not None,
        "enabled": clientlog.enabled(),
    })


@login_required
def client_log_entry_amend(request, pk, entry_pk):
    """Correct or discount one day the client logged, with a reason (the entry stays)."""
    entry = selectors.client_log_entry_get(request.user, pk, entry_pk)
    if refused := method_not_allowed(request, "GET", "POST"):
        return refused
    ed = clientlog.is_ed_plan(entry.revision)
    form = AmendForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            clientlog.entry_amend(user=request.user, entry=entry, request=request,
                                  **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved. The client's entry is kept beside your change."))
            return redirect("planner:checkin_list", pk=entry.client_id)
    elif request.method == "GET":
        audit(request, Action.VIEW, "client_log_entry", entry.pk)
    return render(request, "planner/clientlogentry_form.html", {
        "client": entry.client, "entry": entry, "form": form,
        "row": pages.entry_rows([entry], ed=ed)[0], "amendments": entry._amendments,
        "status": 400 if request.method == "POST" else 200,
    }, status=400 if request.method == "POST" else 200)
