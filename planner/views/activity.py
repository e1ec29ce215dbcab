from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from planner.presenters.activity import activity_rows
from planner.selectors import audit_event_page


@login_required
@require_http_methods(["GET"])
def activity(request):
    """The signed-in clinician's own recent activity: what, on which record, when, from where."""
    page = audit_event_page(request.user, page=request.GET.get("page"))
    # (row, member) pairs, as the shared audit table takes them; no member column here.
    rows = [(row, None) for row in activity_rows(request.user, page.object_list)]
    return render(request, "planner/auditevent_list.html", {"page": page, "rows": rows})
