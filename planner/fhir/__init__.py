"""
One client's record as an HL7 FHIR R4 (4.0.1) Bundle of type `collection` (issue 26;
docs/fhir.md maps every resource to the record it came from).

    codes.py   the LOINC codes, UCUM units and profile URLs, each with its source in docs/fhir.md
    bundle.py  the record (selectors.client_fhir_record) -> the bundle as JSON-ready data
    validate   parse the bundle with fhir.resources (R4 models) and return the model

The export is read-only and holds ids, never more identifiers than the record has.
"""

from planner.fhir.bundle import FhirExportError, bundle_for_record, validate  # noqa: F401
