"""A client's whole record: JSON export and erasure."""
