"""Every legal scenario of shared/scenarios passes through the project's own runner."""

from __future__ import annotations

from pathlib import Path

import pytest

from sejour_traite.law.scenarios import iter_files, run_file

SHARED = Path(__file__).resolve().parents[3] / "shared" / "scenarios"
OWN = Path(__file__).resolve().parents[1] / "scenarios"


def _cases() -> list:
    files = [p for folder in (SHARED, OWN) if folder.is_dir() for p in iter_files([folder])]
    params = []
    seen: set[str] = set()
    for path in files:
        for result in run_file(path, seen):
            params.append(pytest.param(result, id=f"{path.name}::{result.case_id}"))
    return params


def test_shared_scenarios_are_present():
    assert SHARED.is_dir(), f"shared scenarios expected beside the checkout at {SHARED}"


@pytest.mark.parametrize("result", _cases())
def test_scenario(result):
    assert result.passed, "\n".join(
        f"{path}: expected {expected!r}, got {actual!r}"
        for path, expected, actual in result.mismatches
    )
