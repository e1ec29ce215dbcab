"""The assessment form, the clinician-only answers, every public case through the web."""
