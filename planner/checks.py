"""Django system checks for the planner (registered by PlannerConfig.ready).

`manage.py check`, `runserver` and `migrate` run them before anything else, so a deployment
that forgot its own crisis region fails at start-up, not when a handout is printed (N03), one
printing crisis numbers nobody has checked for over a year is told so (rules.md section 8), and
a question added to the Intake model but not to the assessment's list is caught before it is
silently never asked.
"""

import datetime as dt

from django.core import checks
from django.utils import timezone

from planner.engine import crisis

DEFAULT_REGION_MISSING = "planner.E001"
INTAKE_FIELDS_MISMATCH = "planner.E002"
CRISIS_CHECK_STALE = "planner.W001"
PUBLIC_URL_MISSING = "planner.W002"

# Intake fields that record the assessment rather than answer a question.
INTAKE_RECORD_FIELDS = frozenset({"id", "client", "author", "created"})


@checks.register("planner")
def default_crisis_region_configured(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Error unless the default crisis region (settings.PLANNER_DEFAULT_CRISIS_REGION, the
    region new clients get) has crisis resources, built in or from the region file."""
    from planner.models.clients import default_crisis_region

    region = default_crisis_region()
    try:
        crisis.check_region_configured(region)
    except crisis.CrisisConfigError as error:
        return [
            checks.Error(
                str(error),
                hint=(
                    f"Add {region!r} to the file named by {crisis.REGIONS_FILE_ENV} (format: "
                    "docs/texts.md, 'Crisis regions'), or set PLANNER_DEFAULT_CRISIS_REGION to "
                    "a configured region."
                ),
                obj="settings.PLANNER_DEFAULT_CRISIS_REGION",
                id=DEFAULT_REGION_MISSING,
            )
        ]
    return []


@checks.register("planner")
def intake_fields_match_the_model(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Error unless planner/intake_fields.py lists every answer of the Intake model once, and
    nothing else, and every key of the engine's intake is among them."""
    from planner import adapters, intake_fields
    from planner.models import Intake

    listed = intake_fields.INTAKE_FIELDS
    model = {field.name for field in Intake._meta.concrete_fields} - INTAKE_RECORD_FIELDS
    problems = {
        "listed twice": {name for name in listed if listed.count(name) > 1},
        "not listed": model - set(listed),
        "not a field of the Intake model": set(listed) - model,
        "read by the engine but not listed": set(adapters.ENGINE_INTAKE_KEYS) - set(listed),
    }
    return [
        checks.Error(
            f"Intake fields {problem}: {', '.join(sorted(names))}",
            hint="Keep planner/intake_fields.py and the Intake model in step.",
            obj="planner.intake_fields.INTAKE_FIELDS",
            id=INTAKE_FIELDS_MISMATCH,
        )
        for problem, names in problems.items()
        if names
    ]


@checks.register("planner")
def crisis_regions_recently_checked(app_configs=None, today: dt.date | None = None,
                                    **kwargs) -> list[checks.CheckMessage]:
    """Warn for every configured crisis region (built in or from the organisation's file)
    whose numbers were checked over 12 months before `today` (default: the local date), or that
    carries no check date. A warning, not an error: the numbers may still be right, but someone
    must look at them again before they are trusted for another year."""
    today = today or timezone.localdate()
    warnings = []
    for res, when in crisis.stale_regions(today):
        name = crisis.region_name(res.region)
        label = f"{name} ({res.region})" if name != res.region else res.region
        if when is None:
            msg = f"Crisis region {label}: no date says when its crisis numbers were checked."
        else:
            msg = (f"Crisis region {label}: its crisis numbers were last checked {res.checked}, "
                   f"over {crisis.CHECK_MAX_AGE_MONTHS} months ago.")
        source = f" against {res.source}" if res.source else " against the services' own pages"
        warnings.append(checks.Warning(
            msg,
            hint=(f"Check the crisis line and emergency number{source}, then put the entry, "
                  f"with its new 'checked' date, in the file named by {crisis.REGIONS_FILE_ENV} "
                  "(it replaces the built-in entry; format: docs/texts.md, 'Crisis regions')."),
            obj=f"crisis region {res.region}",
            id=CRISIS_CHECK_STALE,
        ))
    return warnings


@checks.register("planner")
def public_url_configured(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Warn when PLANNER_PUBLIC_URL is empty: releases then make no client log link and print
    none on the handout (issue 23). A warning: the planner works without the client's log."""
    from django.conf import settings

    if getattr(settings, "PLANNER_PUBLIC_URL", ""):
        return []
    return [checks.Warning(
        "PLANNER_PUBLIC_URL is not set: released handouts print no client log link or QR code.",
        hint="Set PLANNER_PUBLIC_URL to the address clients open, e.g. https://plan.example.org "
             "(README, 'Configuration'; docs/client-log.md).",
        obj="settings.PLANNER_PUBLIC_URL",
        id=PUBLIC_URL_MISSING,
    )]
