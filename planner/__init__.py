"""Exercise-prescription planner: the Django project package and its single app."""
