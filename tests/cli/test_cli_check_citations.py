"""``sejour-traite check-citations``: every rule and parameter carries a complete citation."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from cli_support import invoke

from sejour_traite.law import data_files, parameters, readings, registry, versions

_LOAD = data_files.load  # the real, cached loader


def _clear_caches() -> None:
    for cached in (
        _LOAD,
        parameters.all_parameters,
        registry.all_rules,
        registry.order,
        readings.open_questions,
        versions.all_versions,
    ):
        cached.cache_clear()


@pytest.fixture
def patch_data(monkeypatch) -> Iterator[Callable[[str, Callable[[Any], None]], None]]:
    """Alter one data file of the law as loaded (a deep copy), for the time of a test."""

    def patch(relative: str, alter: Callable[[Any], None]) -> None:
        def load(name: str) -> Any:
            content = _LOAD(name)
            if name != relative:
                return content
            content = copy.deepcopy(content)
            alter(content)
            return content

        monkeypatch.setattr(data_files, "load", load)
        _clear_caches()

    yield patch
    monkeypatch.undo()
    _clear_caches()


def test_every_rule_and_parameter_is_cited():
    result = invoke("check-citations")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("OK: ")
    assert f"{len(registry.all_rules())} rules" in result.stdout
    assert f"{len(parameters.all_parameters())} parameters" in result.stdout


def test_a_rule_without_citation_fails(patch_data):
    patch_data("rules.yaml", lambda rules: rules["R-RENEW-04"].pop("citations"))
    result = invoke("check-citations")
    assert result.exit_code == 1
    assert "R-RENEW-04" in result.stderr
    assert "citation" in result.stderr


def test_a_citation_without_verified_on_fails(patch_data):
    patch_data("rules.yaml", lambda rules: rules["R-CST-01"]["citations"][0].pop("verified_on"))
    result = invoke("check-citations")
    assert result.exit_code == 1
    assert "R-CST-01" in result.stderr
    assert "verified_on" in result.stderr


def test_a_parameter_value_without_citation_fails(patch_data):
    patch_data(
        "parameters/reflection.yaml",
        lambda params: params["P-REFLECTION-DAYS"]["values"][0].pop("citations"),
    )
    result = invoke("check-citations")
    assert result.exit_code == 1
    assert "P-REFLECTION-DAYS" in result.stderr
    assert "parameters/reflection.yaml" in result.stderr


def test_the_law_data_is_restored_after_a_patch():
    # Runs after the patched tests (same module, file order): the caches hold the real data.
    assert invoke("check-citations").exit_code == 0
