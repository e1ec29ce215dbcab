"""Crisis resources by region (R-SAFE-CRISIS, N03; rules.md 2A, 7.29 and section 8).

Every handout carries the crisis line and emergency number of the client's *crisis region*
(`Intake.crisis_region`), which is separate from the display language. Six regions are built in
(rules.md section 8, "Crisis regions"): US, CA, GB, IE, AU and NZ, read once from
data/crisis_regions.json, each with the public source its numbers were checked against and the
month of the check. The deploying organisation's file can replace a built-in region or add
others; an intake whose region has no entry is an error (N03).

Configuration (done once at start-up by the Django layer or the CLI, never by the engine itself,
which reads no environment and no files per call):

    from planner.engine import crisis
    crisis.configure_regions("/etc/planner/crisis_regions.json")   # or a dict / list of dicts
    crisis.check_region_configured("GB")                              # start-up check
    crisis.stale_regions(today)                                       # checks over 12 months old

The file format is documented in docs/texts.md ("Crisis regions") and shown in
planner/engine/data/crisis_regions.example.json. Each entry is checked for completeness when it is
loaded, so a half-filled entry fails at start-up, not when a handout is printed.

How texts print a region (one place, so every text says it the same way): `line_phrase` gives
"call 116 123 (Samaritans, free, 24/7)", `help_options` adds the region's other line ("...,
text 50808"), and `line_sentence` is the phrase as a sentence for the crisis box and sheet.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from .model import CrisisResources

#: Name of the environment variable that points at the organisation's region file. Only the
#: Django settings/start-up code and the CLI entry point read it; engine functions never do.
REGIONS_FILE_ENV = "PLANNER_CRISIS_REGIONS_FILE"

#: A region whose numbers were checked longer ago than this is reported (system check W001).
CHECK_MAX_AGE_MONTHS = 12

_BUILT_IN_FILE = Path(__file__).with_name("data") / "crisis_regions.json"

_REQUIRED = ("region", "crisis_line_name", "crisis_line_contact", "emergency_number")
_OPTIONAL = ("emergency_department_hint", "crisis_line_note", "other_line", "source", "checked")
_REGION_RE = re.compile(r"^[A-Z]{2,3}(?:-[A-Z0-9]{1,8})?$")
_CHECKED_RE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_MAX_LEN = 160


def checked_date(checked: str) -> dt.date | None:
    """The date of a `checked` value: "2026-12-07", or "2026-12" read as the 1st of the month
    (the earliest day it can mean, so a month-only check is never treated as newer than it is).
    None for a blank or malformed value."""
    match = _CHECKED_RE.match(str(checked or "").strip())
    if not match:
        return None
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _months_later(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (day.day, 30, 29, 28):  # 31 January + 1 month -> 28/29 February
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


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
    if "other_line" in values and not re.search(r"\d", values["other_line"]):
        problems.append("other_line must contain a number (e.g. 'text 50808')")
    if "checked" in values and checked_date(values["checked"]) is None:
        problems.append("checked must be a date such as '2026-12' or '2026-12-07'")
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


def _load_built_in() -> tuple[dict[str, CrisisResources], dict[str, str]]:
    """The six regions of rules.md section 8, each complete, sourced and dated."""
    raw = json.loads(_BUILT_IN_FILE.read_text(encoding="utf-8"))["regions"]
    names = {normalise_region(entry["region"]): entry["name"] for entry in raw}
    table = parse_regions([{k: v for k, v in entry.items() if k != "name"} for entry in raw])
    undated = [code for code, res in table.items() if not (res.source and res.checked)]
    if undated:  # a packaging mistake, not an organisation's: fail loudly at import
        raise CrisisConfigError(f"built-in crisis regions without source or check date: {undated}")
    return table, names


#: BUILT_IN: the regions of rules.md section 8, loaded once at import. The crisis line names
#: carry no number, as R-SAFE-CRISIS words the footer ("call or text 988 (Suicide & Crisis
#: Lifeline)"): texts print the contact and the name together, and the number once.
#: REGION_NAMES: the country names the client form shows; a region without one shows its code.
BUILT_IN, REGION_NAMES = _load_built_in()
US = BUILT_IN["US"]

# The live table: replaced wholesale (never mutated) so readers always see a complete table.
_regions: dict[str, CrisisResources] = dict(BUILT_IN)


def region_name(region: str) -> str:
    """The country name of a region code ("GB" -> "United Kingdom"), or the code itself."""
    code = normalise_region(region)
    return REGION_NAMES.get(code, code)


def configure_regions(source: str | Path | Mapping | Iterable[Mapping] | None) -> tuple[str, ...]:
    """Install the organisation's regions on top of the built-in ones.

    `source` is a path to a JSON file, an already-parsed table, or None (built-in only). An
    organisation entry for a built-in region ("GB") replaces it whole (it must still be
    complete). The whole table is checked before anything changes, so a bad file leaves the old
    table in place. Returns the configured region codes.
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


# --- when the numbers were checked ---------------------------------------------------------------


def stale_regions(today: dt.date) -> list[tuple[CrisisResources, dt.date | None]]:
    """Configured regions whose numbers were checked over CHECK_MAX_AGE_MONTHS months before
    `today`, or carry no check date at all (then the date is None), sorted by region code."""
    stale = []
    for code in configured_regions():
        res = _regions[code]
        when = checked_date(res.checked)
        if when is None or today > _months_later(when, CHECK_MAX_AGE_MONTHS):
            stale.append((res, when))
    return stale


# --- how texts print a region ---------------------------------------------------------------------


def _field(res: CrisisResources | Mapping, key: str) -> str:
    value = res.get(key) if isinstance(res, Mapping) else getattr(res, key, "")
    return str(value or "")


def line_phrase(res: CrisisResources | Mapping) -> str:
    """How to reach the crisis line, with its name and note: "call 116 123 (Samaritans, free,
    24/7)", "call or text 988 (Suicide & Crisis Lifeline)". Takes the resources or a snapshot's
    `crisis_resources` dict (old snapshots have no note)."""
    inside = ", ".join(p for p in (_field(res, "crisis_line_name"),
                                   _field(res, "crisis_line_note")) if p)
    return f"{_field(res, 'crisis_line_contact')} ({inside})"


def help_options(res: CrisisResources | Mapping) -> str:
    """The crisis line and the region's other line, as items of a list of things to do:
    "call 116 123 (Samaritans, free, 24/7), text 50808"."""
    other = _field(res, "other_line")
    return f"{line_phrase(res)}, {other}" if other else line_phrase(res)


def line_sentence(res: CrisisResources | Mapping) -> str:
    """The crisis line as a sentence: "Call or text 988 (Suicide & Crisis Lifeline), at any
    time." A note that already says when ("free, 24/7") is not repeated."""
    phrase = line_phrase(res)
    when = "" if "24/7" in _field(res, "crisis_line_note") else ", at any time"
    return f"{phrase[:1].upper()}{phrase[1:]}{when}."


def other_sentence(res: CrisisResources | Mapping) -> str | None:
    """The other line as a sentence ("You can also text 50808."), or None."""
    other = _field(res, "other_line")
    return f"You can also {other}." if other else None
