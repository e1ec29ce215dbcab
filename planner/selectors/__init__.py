"""Every read, one module per area, each scoped to the signed-in clinician: another
clinician's objects do not exist (404). Names are `<entity>_<action>`, one name per query.

    clients   clients and their assessments (intakes)
    plans     plan revisions: the current one, history pages, pairs to compare, releases
    checkins  check-ins, reviews, the facts charts and schedules read
    clientlog the client's own log: its live link and the days the client logged
    measures  physical-health measures and the occasions they can be linked to
    fhir      what the FHIR R4 export of one client reads
    records   one client's whole record, for its export and the erasure page
    teams     a clinic: care teams, handovers, members, the clinic's list and trail (issue 24)
    audit     the signed-in clinician's own audit trail (the activity page)

Callers use `from planner import selectors` and `selectors.<name>`.
"""

from .audit import (  # noqa: F401
    AUDIT_EVENTS_PER_PAGE,
    audit_event_page,
)
from .checkins import (  # noqa: F401
    CHECKINS_PER_PAGE,
    checkin_get,
    checkin_list,
    checkin_page,
    checkin_queryset,
    checkin_recent_weeks,
    client_scores,
    latest_screening,
    review_get,
    review_list,
    revision_effective_dates,
    revision_plans,
)
from .clientlog import (  # noqa: F401
    client_log_entries,
    client_log_entry_get,
    client_log_link_live,
)
from .clients import (  # noqa: F401
    CLIENTS_PER_PAGE,
    PlainCountPaginator,
    client_get,
    client_list,
    client_queryset,
    intake_get,
    intake_latest,
    intake_list,
)
from .fhir import FhirRecord, client_fhir_record  # noqa: F401
from .measures import (  # noqa: F401
    Occasion,
    measure_list,
    measure_occasion_object,
    measure_occasions,
    measure_prompt_answers,
)
from .plans import (  # noqa: F401
    HISTORY_PER_PAGE,
    REVISION_ROW_FIELDS,
    GateState,
    gate_states,
    plan_history_page,
    plan_revision_current,
    plan_revision_get,
    plan_revision_list,
    revision_pair,
    revision_with_release,
)
from .records import (  # noqa: F401
    EXPORT_FORMAT,
    EXPORT_FORMAT_VERSION,
    client_record_counts,
    client_record_export,
)
from .teams import (  # noqa: F401
    care_team_list,
    clinic_audit_page,
    clinic_colleagues,
    clinic_directory,
    clinic_members,
    cosign_waiting,
    handover_list,
    invitation_list,
    latest_handover_to_owner,
    revision_cosign_facts,
)
