"""Django system checks for the planner (registered by PlannerConfig.ready).

`manage.py check`, `runserver` and `migrate` run them before anything else, so a deployment
that forgot its own crisis region fails at start-up, not when a handout is printed (N03).
"""

from django.core import checks

from planner.engine import crisis

DEFAULT_REGION_MISSING = "planner.E001"


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
