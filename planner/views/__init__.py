"""
Views, one module per area; urls.py imports them from here (`views.profile`).

Thin: parse the form, call a service or selector, render or redirect. Every app view requires a
signed-in clinician (login_required).
"""

from planner.views.accounts import home, profile

__all__ = ["home", "profile"]
