"""Who may open what, headers, sessions, hostile input, error pages, the audit trail, settings."""
