"""Query counts that do not grow with the data, pagination of long lists, indexes."""
