"""
Services: every write goes through a function here, `<entity>_<action>`, keyword-only.

One module per area (audit.py, accounts.py, ...); import from the module, e.g.
`from planner.services.audit import audit_record`.
"""
