"""Plan history, restore and the comparison of two revisions."""
