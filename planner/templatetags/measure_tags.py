"""
`{% client_measures client current %}`: the measures section of the client page (issue 26): the
prompts the client's flags suggest, the latest reading of each measure, and the links to the
measures page, the form and the FHIR download. Reads the revision the page already loaded; three
queries (profile, assessment, measures), scoped to the signed-in clinician.
"""

from django import template

from planner.presenters.measures import client_measures as summary
from planner.services.accounts import clinician_profile_get_or_create

register = template.Library()


@register.inclusion_tag("planner/includes/client_measures.html", takes_context=True)
def client_measures(context, client, current=None):
    user = context["request"].user
    units = clinician_profile_get_or_create(user=user).measurement_units
    return {"client": client, **summary(user, client, units=units, current=current or None)}
