"""Shared helpers of the command-line tests: paths and an in-process runner (click's CliRunner).

Every invocation goes through ``invoke``, which also checks the promise of the CLI that a
user never sees a traceback: any exception other than the exit is re-raised.
(A module of its own, not ``conftest``, so that the tests can import it by a unique name.)
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from sejour_traite.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"
SHARED_SCENARIOS = SHARED / "scenarios"


def invoke(*args: object) -> Result:
    """Run ``sejour-traite ARGS`` in-process; stdout and stderr are kept apart."""
    result = CliRunner().invoke(main, [str(arg) for arg in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert "Traceback" not in result.output
    return result
