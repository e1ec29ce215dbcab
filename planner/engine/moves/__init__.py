"""Strength, balance and mobility moves (issue 25): the library (data), the drawings, the
default choice for a plan and the clinician's choice (an override, checked here).

Pure Python like the rest of the engine; the PDF and the web draw figure.shapes()."""

from .choose import MoveRefused, apply_choice, default_moves, restrictions
from .library import get, library

__all__ = ["MoveRefused", "apply_choice", "default_moves", "get", "library", "restrictions"]
