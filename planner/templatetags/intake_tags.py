"""
`{% assessment_context intake %}`: the clinician-only answers of an assessment (current
treatments, screening date and when it is due again, current activities), for the plan preview
and the revision page. Rendered from the intake already loaded by the view: no query.
"""

from django import template
from django.utils import timezone

from planner.forms.summary import assessment_context as context_rows

register = template.Library()


@register.inclusion_tag("planner/includes/assessment_context.html")
def assessment_context(intake):
    return {"rows": context_rows(intake, today=timezone.localdate())}
