"""Forms, one module per area (accounts.py, ...). Input rules only; no side effects in save()."""
