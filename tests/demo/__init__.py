"""The demo data (seed_demo) and the benchmark's scale data (generate_scale_data)."""
