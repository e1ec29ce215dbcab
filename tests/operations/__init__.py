"""Backup and restore, migrations."""
