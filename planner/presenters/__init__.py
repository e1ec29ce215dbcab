"""What a page or chart shows, arranged from models and the engine's plan (no writes)."""
