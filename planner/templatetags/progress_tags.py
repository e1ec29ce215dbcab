"""
`{% client_progress client %}`: the progress section of the client page (schedule, actions,
recent reviews, both charts with their tables), rendered from planner/presenters/progress.py.

An inclusion tag keeps the client page's view untouched by the outcome loop; it runs a constant
number of queries, scoped to the signed-in clinician.
"""

from django import template

from planner import selectors
from planner.presenters import progress as progress_pages

register = template.Library()

RECENT_REVIEWS = 5


@register.inclusion_tag("planner/includes/client_progress.html", takes_context=True)
def client_progress(context, client):
    user = context["request"].user
    return {
        "client": client,
        "plan": client.plan,
        "progress": progress_pages.progress_view(user, client, id_prefix="client"),
        "reviews": list(selectors.review_list(user, client)[:RECENT_REVIEWS]),
        "recent_reviews": RECENT_REVIEWS,
    }
