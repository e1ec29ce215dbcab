"""The engine's version: rules v1.2; bump the patch for engine fixes, the minor for rule changes."""

ENGINE_VERSION = "1.2.0"
