"""The Django admin: superusers only, no health data in its lists."""
