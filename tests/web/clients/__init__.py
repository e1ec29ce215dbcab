"""Clients: the list (home), create, detail, edit, crisis regions, the client selectors."""
