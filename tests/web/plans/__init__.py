"""Plans: preview, save and revision pages, the services, models and adapters, no lost update."""
