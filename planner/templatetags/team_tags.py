"""Clinic pages (issue 24): a colleague's name as pages show it."""

from django import template

from planner.presenters.teams import person_name

register = template.Library()


@register.filter
def person(user) -> str:
    """{{ client.owner|person }}: display name, else full name, else username."""
    return person_name(user)
