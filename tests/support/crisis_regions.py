"""A crisis region an organisation may configure besides the built-in US one (docs/texts.md)."""

GB = {"region": "GB", "crisis_line_name": "Samaritans", "crisis_line_contact": "call 116 123",
      "emergency_number": "999", "emergency_department_hint": "go to your nearest A&E"}
