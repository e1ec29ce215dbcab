"""The engine's version: rules v1.1; bump the patch for engine fixes, the minor for rule changes."""

ENGINE_VERSION = "1.1.0"
