"""The engine's source (and the rest of planner/) compiles with warnings as errors.

An invalid escape such as "\\d" in a non-raw string is only a DeprecationWarning in Python 3.11,
a SyntaxWarning in 3.12 and will be an error later; a regex written that way may also not mean
what it says. Compiling with every warning turned into an error keeps such strings out.
"""

import warnings
from pathlib import Path

from .support import REPO

PACKAGE = REPO / "planner"
ENGINE = PACKAGE / "engine"


def compile_warnings(source: str, filename: str) -> str | None:
    """The warning (as an error message) compiling `source` raises, or None."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            compile(source, filename, "exec", dont_inherit=True)
        except (SyntaxError, SyntaxWarning, DeprecationWarning) as error:
            return f"{filename}: {error}"
    return None


def sources(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "migrations" not in p.parts)


def test_the_check_catches_an_invalid_escape_in_a_non_raw_string():
    # The same mistake as a regex written without r"": the check must see it.
    assert compile_warnings('import re\nDIGITS = re.compile("\\d+")\n', "planted.py")
    assert compile_warnings('import re\nDIGITS = re.compile(r"\\d+")\n', "planted.py") is None


def test_every_engine_module_compiles_with_warnings_as_errors():
    files = sources(ENGINE)
    assert ENGINE / "validator.py" in files and len(files) >= 20
    problems = [p for f in files if (p := compile_warnings(f.read_text("utf-8"), str(f)))]
    assert problems == []


def test_the_rest_of_planner_compiles_with_warnings_as_errors():
    files = [f for f in sources(PACKAGE) if ENGINE not in f.parents]
    assert PACKAGE / "apps.py" in files
    problems = [p for f in files if (p := compile_warnings(f.read_text("utf-8"), str(f)))]
    assert problems == []
