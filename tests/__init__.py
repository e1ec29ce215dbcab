"""Test suite: tests/ mirrors planner/ (engine/, handout/, test_*.py for the web app)."""
