"""
The admin's lists never show health data.

Superusers manage accounts; they have no clinical reason to scan clients' diagnoses, risk answers
or plan contents in a change list. Every ModelAdmin registered now or later is checked: its list
columns, filters, search fields and date hierarchy may not name a health field.
"""

import fnmatch

import pytest
from django.contrib import admin
from django.test import RequestFactory

DENIED = (
    "suicide_risk*", "phq9*", "gad7*", "ed_*", "compulsive*", "*severity", "*snapshot*",
    "notes", "symptoms", "medication_flags", "cv_risk_factors", "*condition*", "bipolar*",
    "psychosis*", "ptsd*", "pregnant*", "q[0-9]*", "known_*", "stroke*", "clearance_*",
    "current_treatments",
)


def health_names(names) -> list[str]:
    found = []
    for name in names or ():
        if not isinstance(name, str):  # callables: checked by their own name
            name = getattr(name, "__name__", "")
        leaf = name.split("__")[-1] if "__" in name else name
        for candidate in {name.lstrip("=^@"), leaf.lstrip("=^@")}:
            if any(fnmatch.fnmatchcase(candidate, pattern) for pattern in DENIED):
                found.append(name)
                break
    return found


@pytest.fixture
def superuser_request(django_user_model, db):
    request = RequestFactory().get("/admin/")
    request.user = django_user_model(username="root", is_superuser=True, is_staff=True)
    return request


def test_no_admin_list_shows_a_health_field(superuser_request):
    problems = []
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label
        columns = {
            "list_display": model_admin.get_list_display(superuser_request),
            "list_filter": [f if isinstance(f, str) else (f[0] if isinstance(f, tuple) else "")
                            for f in model_admin.get_list_filter(superuser_request)],
            "search_fields": model_admin.get_search_fields(superuser_request),
            "date_hierarchy": [model_admin.date_hierarchy] if model_admin.date_hierarchy else [],
        }
        for where, names in columns.items():
            for name in health_names(names):
                problems.append(f"{label} {where}: {name}")
    assert not problems, "Health data in admin lists:\n" + "\n".join(problems)


def test_the_deny_list_recognises_health_fields():
    assert health_names(["suicide_risk", "phq9_total", "gad7_total", "ed_history",
                         "compulsive_exercise_history", "depression_severity", "snapshot",
                         "notes", "symptoms", "medication_flags", "cv_risk_factors",
                         "intake__suicide_risk", "primary_condition"]) == [
        "suicide_risk", "phq9_total", "gad7_total", "ed_history", "compulsive_exercise_history",
        "depression_severity", "snapshot", "notes", "symptoms", "medication_flags",
        "cv_risk_factors", "intake__suicide_risk", "primary_condition",
    ]
    assert health_names(["display_name", "owner", "created", "number", "action"]) == []

