"""The activity page: a clinician's own audit trail."""
