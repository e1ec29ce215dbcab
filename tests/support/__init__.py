"""
What tests share besides fixtures (those live in the conftest.py of the level that needs them):

- factories.py: factory_boy factories (clinicians, clients, assessments) and DEFAULT_PASSWORD
- progress.py: check-ins and reviews set up through the services (plan_started, record, ...)
- revisions.py: saved plan revisions, with the engine (make_revision) or without (add_revisions)
- assessment_data.py: assessment-form POST data from a canonical intake dict
- auth.py: log_in (the real login form), browser_for (a signed-in test client), clock_shifted
- commands.py: run_manage, `manage.py` in a subprocess that behaves as in production
- crisis_regions.py: GB, a crisis region an organisation may configure
- concurrency.py: run_concurrently, writers racing in threads (the no-lost-update tests)
"""
