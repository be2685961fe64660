"""``sejour-traite scenarios``: the runner of scenario-format.md, on any file of that format."""

from __future__ import annotations

import re

import pytest
from cli_support import DATA, invoke

SCENARIOS = DATA / "scenarios"
SUMMARY = re.compile(r"^(\d+) passed, (\d+) failed$")


def _summary(stdout: str) -> tuple[int, int]:
    match = SUMMARY.match(stdout.splitlines()[-1])
    assert match, stdout
    return int(match[1]), int(match[2])


def test_shared_scenarios_all_pass(shared_scenarios):
    result = invoke("scenarios", shared_scenarios)
    assert result.exit_code == 0, result.stdout
    passed, failed = _summary(result.stdout)
    assert failed == 0
    assert passed == result.stdout.count("\nPASS ") + result.stdout.startswith("PASS ")
    assert passed > 0


def test_a_file_given_twice_runs_once(shared_scenarios):
    folder = invoke("scenarios", shared_scenarios)
    both = invoke("scenarios", shared_scenarios / "cst.yaml", shared_scenarios)
    assert both.exit_code == 0, both.stderr
    assert _summary(both.stdout) == _summary(folder.stdout)


def test_several_paths_files_and_folders(shared_scenarios):
    result = invoke("scenarios", SCENARIOS / "passing.yaml", shared_scenarios / "scope.yaml")
    assert result.exit_code == 0, result.stderr
    assert "PASS CLI-PASS-2" in result.stdout
    assert "PASS CLI-PASS-3" in result.stdout
    passed, failed = _summary(result.stdout)
    assert failed == 0
    assert passed > 2


def test_passing_file():
    result = invoke("scenarios", SCENARIOS / "passing.yaml")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "PASS CLI-PASS-2 A Nigerian national is in scope",
        "PASS CLI-PASS-3 A German national is outside the regime",
        "2 passed, 0 failed",
    ]


def test_failing_case_names_each_path_with_expected_and_actual():
    path = SCENARIOS / "failing.yaml"
    result = invoke("scenarios", path)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "PASS CLI-PASS-1 A Nigerian national is in scope"
    assert lines[1].startswith("FAIL CLI-FAIL-1 Deliberately wrong expectations")
    assert str(path) in lines[1]
    details = lines[2:-1]
    assert '    scope.status: expected "NON_APPLICABLE", got "IN_SCOPE"' in details
    assert '    cst.duration_months: expected {"min": 6, "max": 12}, got 12' in details
    assert '    rules: expected "R-CST-09", got "not applied"' in details
    assert lines[-1] == "1 passed, 1 failed"


def test_a_folder_with_a_failing_file_fails():
    result = invoke("scenarios", SCENARIOS / "passing.yaml", SCENARIOS / "failing.yaml")
    assert result.exit_code == 1
    assert _summary(result.stdout) == (3, 1)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("missing_expect.yaml", ["case CLI-BAD-EXPECT", "missing 'expect'"]),
        ("duplicate_id.yaml", ["case CLI-DUP", "duplicate case id"]),
        ("unknown_key.yaml", ["case CLI-BAD-KEY", "unknown key", "expected", "'expect'"]),
        (
            "fact_error.yaml",
            ["case CLI-BAD-FACT", "facts.criminal_procedure_status", "'trial'", "appeal_pending"],
        ),
        ("facts_not_mapping.yaml", ["case CLI-BAD-FACTS", "facts", "expected a mapping"]),
        ("bad_reading.yaml", ["case CLI-BAD-READING", "readings.OQ-09", "cap_applies"]),
        ("bad_eval_date.yaml", ["case CLI-BAD-DATE", "eval_date", "YYYY-MM-DD", "2022-02-30"]),
        ("unknown_top_key.yaml", ["'default'", "expected defaults, cases"]),
        ("malformed.yaml", ["line 5, column 4", "invalid YAML"]),
    ],
)
def test_invalid_scenario_file(name, expected):
    path = SCENARIOS / name
    result = invoke("scenarios", path)
    assert result.exit_code == 2
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"error: {path}")
    for fragment in expected:
        assert fragment in first, first


def test_an_invalid_file_does_not_stop_the_others():
    bad = SCENARIOS / "missing_expect.yaml"
    result = invoke("scenarios", bad, SCENARIOS / "passing.yaml")
    assert result.exit_code == 2
    assert "PASS CLI-PASS-2" in result.stdout
    assert _summary(result.stdout) == (2, 0)
    assert f"1 invalid scenario file(s), not run: {bad}" in result.stderr


def test_missing_path():
    result = invoke("scenarios", DATA / "no-such-file.yaml")
    assert result.exit_code == 2
    assert "no-such-file.yaml" in result.stderr
    assert "does not exist" in result.stderr


def test_folder_without_scenario_files(tmp_path):
    result = invoke("scenarios", tmp_path)
    assert result.exit_code == 2
    assert f"{tmp_path}: no scenario file" in result.stderr


def test_file_without_cases(tmp_path):
    empty = tmp_path / "empty.yaml"
    empty.write_text("cases: []\n", encoding="utf-8")
    result = invoke("scenarios", empty)
    assert result.exit_code == 2
    assert "no case to run" in result.stderr


def test_paths_are_required():
    result = invoke("scenarios")
    assert result.exit_code == 2
    assert "Missing argument" in result.stderr
