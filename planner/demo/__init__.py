"""Demo and benchmark data: seed_demo's clients, check-ins and releases, and the scale data."""
