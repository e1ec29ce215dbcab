"""
Views, one module per area; urls.py imports them from here (`views.profile`).

Thin: parse the form, call a service or selector, render or redirect. Every app view requires a
signed-in clinician (login_required).
"""

from planner.views.accounts import home, profile
from planner.views.assessments import intake_create, intake_preview
from planner.views.clients import client_create, client_detail, client_list, client_update
from planner.views.plans import plan_revision_create, plan_revision_detail

__all__ = [
    "client_create",
    "client_detail",
    "client_list",
    "client_update",
    "home",
    "intake_create",
    "intake_preview",
    "plan_revision_create",
    "plan_revision_detail",
    "profile",
]
