"""Test suite, grouped by area (README.md, "Project layout"): shared fixtures in conftest.py,
shared helpers and factories in support/."""
