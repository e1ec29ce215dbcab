"""Check-ins, their selectors and the pages of the outcome loop."""
