"""The pure domain model: frozen dataclasses, stdlib only, no IO."""
