"""
Views, one module per area (clients, assessments, plans, history, adjustments, releases,
handouts, checkins, reviews, records, accounts, twofactor, activity); planner/urls.py maps them.

Thin: parse the form, call a service or selector, render or redirect. Every app view requires a
signed-in clinician (login_required). Shared helpers (the method check, the audit line, running
a service and answering its refusal on the form) live in views/common.py.
"""
