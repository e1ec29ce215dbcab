"""Reviews: the decision table, accepting or declining, no lost update."""
