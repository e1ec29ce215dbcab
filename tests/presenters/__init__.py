"""What pages and charts show: planner/presenters and the template tags (no views)."""
