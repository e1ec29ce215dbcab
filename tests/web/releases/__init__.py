"""Gates, attestations, release, adjustments and clearance."""
