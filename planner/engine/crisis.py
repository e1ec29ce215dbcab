"""Crisis resources by region (R-SAFE-CRISIS, N03; rules.md 2A and section 7 item 29).

Every handout carries the crisis line and emergency number of the client's *crisis region*
(`Intake.crisis_region`), which is separate from the display language. The US entry (988, call
or text; 911) is built in because the seed names it (E51). Every other region is configured by
the deploying organisation, which knows its own services: there is deliberately **no default
outside the US**, and an intake whose region has no entry is an error (N03).

Configuration (done once at start-up by the Django layer or the CLI, never by the engine itself,
which reads no environment and no files per call):

    from planner.engine import crisis
    crisis.configure_regions("/etc/planner/crisis_regions.json")   # or a dict / list of dicts
    crisis.check_region_configured("GB")                              # start-up check

The file format is documented in docs/texts.md ("Crisis regions") and shown in
planner/engine/data/crisis_regions.example.json. Each entry is checked for completeness when it is
loaded, so a half-filled entry fails at start-up, not when a handout is printed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from .model import CrisisResources

#: Name of the environment variable that points at the organisation's region file. Only the
#: Django settings/start-up code and the CLI entry point read it; engine functions never do.
REGIONS_FILE_ENV = "PLANNER_CRISIS_REGIONS_FILE"

#: Built in: the seed's own crisis line (E51) and the US emergency number. The name is given
#: without its number, as R-SAFE-CRISIS words the footer ("call or text 988 (Suicide & Crisis
#: Lifeline, US)"): texts print the contact and the name together, and the number once.
US = CrisisResources(
    region="US",
    crisis_line_name="Suicide & Crisis Lifeline",
    crisis_line_contact="call or text 988",
    emergency_number="911",
    emergency_department_hint="go to your nearest emergency department",
)

BUILT_IN: Mapping[str, CrisisResources] = {"US": US}

_REQUIRED = ("region", "crisis_line_name", "crisis_line_contact", "emergency_number")
_OPTIONAL = ("emergency_department_hint",)
_REGION_RE = re.compile(r"^[A-Z]{2,3}(?:-[A-Z0-9]{1,8})?$")
_MAX_LEN = 160

# The live table: replaced wholesale (never mutated) so readers always see a complete table.
_regions: dict[str, CrisisResources] = dict(BUILT_IN)


class CrisisConfigError(ValueError):
    """The organisation's crisis-region configuration is missing, incomplete or malformed."""


class UnknownCrisisRegion(LookupError):
    """No crisis resources are configured for this region (N03: output is blocked)."""

    def __init__(self, region: str):
        super().__init__(
            f"N03: no crisis resources are configured for region {region!r}; "
            f"configured regions: {', '.join(sorted(_regions))}. "
            "Ask the deploying organisation to add it (see docs/texts.md, 'Crisis regions')."
        )
        self.region = region


def normalise_region(region: str) -> str:
    """Return the canonical spelling of a region code ("gb" -> "GB")."""
    return str(region).strip().upper()


def has_region(region: str) -> bool:
    """True when crisis resources exist for `region` (built in or configured)."""
    return normalise_region(region) in _regions


def resources_for(region: str) -> CrisisResources:
    """Return the crisis resources for `region`; raise UnknownCrisisRegion (N03) if none."""
    try:
        return _regions[normalise_region(region)]
    except KeyError:
        raise UnknownCrisisRegion(str(region)) from None


def configured_regions() -> tuple[str, ...]:
    """Every region with resources, sorted (the intake form offers these)."""
    return tuple(sorted(_regions))


def check_region_configured(region: str) -> None:
    """Start-up check: raise CrisisConfigError unless `region` has complete resources.

    The Django layer calls this for its default crisis region from a system check, so a
    deployment that forgot to configure its own region fails before any handout is printed.
    """
    if not has_region(region):
        raise CrisisConfigError(
            f"The default crisis region {region!r} has no crisis resources configured. "
            f"Set {REGIONS_FILE_ENV} to a region file that includes it "
            f"(configured now: {', '.join(configured_regions())})."
        )


def parse_entry(entry: Mapping) -> CrisisResources:
    """Check one region entry for completeness and return it as CrisisResources."""
    if not isinstance(entry, Mapping):
        raise CrisisConfigError(f"a region entry must be an object, got {type(entry).__name__}")
    label = entry.get("region", "?")
    problems = []
    unknown = sorted(set(entry) - set(_REQUIRED) - set(_OPTIONAL))
    if unknown:
        problems.append(f"unknown keys {unknown}")
    values = {}
    for key in _REQUIRED + _OPTIONAL:
        if key not in entry:
            if key in _REQUIRED:
                problems.append(f"{key} is missing")
            continue
        value = entry[key]
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{key} must be a non-empty string")
            continue
        if len(value) > _MAX_LEN:
            problems.append(f"{key} is longer than {_MAX_LEN} characters")
        values[key] = " ".join(value.split())
    if "region" in values:
        values["region"] = normalise_region(values["region"])
        if not _REGION_RE.match(values["region"]):
            problems.append("region must be a code such as 'GB' or 'CA-QC'")
    if "emergency_number" in values and not re.search(r"\d", values["emergency_number"]):
        problems.append("emergency_number must contain a number to call")
    if "crisis_line_contact" in values and not re.search(r"\d", values["crisis_line_contact"]):
        problems.append("crisis_line_contact must contain a number (e.g. 'call 116 123')")
    if problems:
        raise CrisisConfigError(f"crisis region {label!r}: " + "; ".join(problems))
    return CrisisResources(**values)


def parse_regions(source: Mapping | Iterable[Mapping]) -> dict[str, CrisisResources]:
    """Parse a region table: {"regions": [entry, ...]}, a list of entries, or {code: entry}."""
    if isinstance(source, Mapping) and "regions" in source:
        entries = source["regions"]
    elif isinstance(source, Mapping):
        entries = [{"region": code, **dict(entry)} if isinstance(entry, Mapping) else entry
                   for code, entry in source.items()]
    else:
        entries = source
    if isinstance(entries, str | bytes) or not isinstance(entries, Iterable):
        raise CrisisConfigError("the crisis region table must be a list of region entries")
    table: dict[str, CrisisResources] = {}
    for entry in entries:
        resources = parse_entry(entry)
        if resources.region in table:
            raise CrisisConfigError(f"crisis region {resources.region!r} is listed twice")
        table[resources.region] = resources
    return table


def load_regions_file(path: str | Path) -> dict[str, CrisisResources]:
    """Read and check a JSON region file (UTF-8)."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CrisisConfigError(f"crisis region file not found: {path}") from None
    except (OSError, ValueError) as exc:
        raise CrisisConfigError(f"crisis region file {path} could not be read: {exc}") from None
    return parse_regions(raw)


def configure_regions(source: str | Path | Mapping | Iterable[Mapping] | None) -> tuple[str, ...]:
    """Install the organisation's regions on top of the built-in US entry.

    `source` is a path to a JSON file, an already-parsed table, or None (built-in only). An
    organisation entry for "US" replaces the built-in one (it must still be complete). The whole
    table is checked before anything changes, so a bad file leaves the old table in place.
    Returns the configured region codes.
    """
    global _regions
    if source is None:
        extra: dict[str, CrisisResources] = {}
    elif isinstance(source, str | Path):
        extra = load_regions_file(source)
    else:
        extra = parse_regions(source)
    _regions = {**BUILT_IN, **extra}
    return configured_regions()


def configure_from_environ(environ: Mapping[str, str]) -> tuple[str, ...]:
    """Configure from `environ[REGIONS_FILE_ENV]` if set (for settings.py and the CLI only)."""
    path = environ.get(REGIONS_FILE_ENV, "").strip()
    return configure_regions(path or None)


def reset_regions() -> None:
    """Back to the built-in table (tests)."""
    configure_regions(None)
