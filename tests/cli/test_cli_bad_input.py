"""Bad input gets a message naming the file, the fact (and field) and what is expected, on
stderr, with exit code 2 and never a traceback (``cli_support.invoke`` checks the latter)."""

from __future__ import annotations

import pytest
from cli_support import DATA, EXAMPLES, invoke

BAD = DATA / "situations"
SC14 = EXAMPLES / "sc14.yaml"
RENEWAL_2024 = EXAMPLES / "renewal-2024.json"

# file -> fragments the message must hold: the place (fact, field, line) and what is expected.
CASES = {
    "malformed.yaml": ["line 6, column 12", "invalid YAML", "expected ',' or '}'"],
    "malformed.json": ["line 6, column 3", "invalid JSON", "double quotes"],
    "unknown_fact.yaml": ["facts.nationalty", "unknown fact", "did you mean 'nationality'?"],
    "wrong_type.yaml": ["facts.reflection_requested", "expected true, false or null", "'yes'"],
    "wrong_type.json": ["facts.reflection_requested", "expected true, false or null", "'yes'"],
    "invalid_date.yaml": ["facts.police_hearing_date", "'2022-02-30'", "day is out of range"],
    "invalid_eval_date.yaml": ["eval_date", "expected a date YYYY-MM-DD", "'2022-02-30'"],
    "invalid_field_date.yaml": ["facts.complaint.filed_date", "'2022-13-01'", "month must be"],
    "country_xx.yaml": ["facts.nationality", "ISO 3166 alpha-2 country code", "'XX'"],
    "country_no.yaml": ["facts.nationality", "ISO 3166", "got False", 'write "NO"'],
    "invalid_enum.yaml": [
        "facts.criminal_procedure_status",
        "expected one of investigation, prosecution",
        "'trial'",
    ],
    "unknown_field.yaml": ["facts.complaint.filed", "unknown field", "filed_date, kind"],
    "unknown_key.yaml": ["fact: unknown key", "eval_date, facts, readings"],
    "not_a_mapping.yaml": ["expected a mapping with eval_date and facts", "got a list"],
    "facts_not_mapping.yaml": ["facts: expected a mapping of fact names to values"],
    "bad_reading.yaml": ["readings.OQ-09", "'never'", "expected one of lex_specialis"],
    "duplicate_fact.yaml": ["line 5, column 3", "duplicate key 'nationality'"],
    "no_eval_date.yaml": ["eval_date: missing", "YYYY-MM-DD", "--date"],
    "not_utf8.yaml": ["not a UTF-8 text file"],
}


def _check_error(result, path, fragments):
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    message = result.stderr
    assert message.startswith(f"error: {path}: "), message
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_evaluate_bad_situation(name):
    path = BAD / name
    _check_error(invoke("evaluate", path), path, CASES[name])


@pytest.mark.parametrize("name", ["unknown_fact.yaml", "malformed.json", "invalid_enum.yaml"])
def test_questions_bad_situation(name):
    path = BAD / name
    _check_error(invoke("questions", path), path, CASES[name])


def test_every_fault_is_reported_at_once():
    path = BAD / "several_faults.yaml"
    result = invoke("evaluate", path)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert [line.split(": ")[2] for line in lines] == [
        "facts.nationality",
        "facts.reflection_requested",
        "facts.criminal_procedure_status",
    ]
    assert all(line.startswith(f"error: {path}: ") for line in lines)


def test_a_scenario_file_is_not_a_situation(shared_scenarios):
    path = shared_scenarios / "cst.yaml"
    result = invoke("evaluate", path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}: cases: a scenario file")
    assert "sejour-traite scenarios" in result.stderr


def test_missing_file():
    result = invoke("evaluate", BAD / "no-such-situation.yaml")
    assert result.exit_code == 2
    assert "no-such-situation.yaml" in result.stderr
    assert "does not exist" in result.stderr


def test_folder_instead_of_file():
    result = invoke("evaluate", BAD)
    assert result.exit_code == 2
    assert "is a directory" in result.stderr


@pytest.mark.parametrize(
    ("value", "fragments"),
    [
        ("2022-02-30", ["'2022-02-30'", "day is out of range for month"]),
        ("31/03/2022", ["'31/03/2022'"]),
        ("20220331", ["'20220331'"]),  # ISO basic format: not the YYYY-MM-DD the CLI documents
    ],
)
@pytest.mark.parametrize("command", ["evaluate", "questions"])
def test_bad_date_option(command, value, fragments):
    result = invoke(command, SC14, "--date", value)
    assert result.exit_code == 2
    assert "Invalid value for '--date'" in result.stderr
    assert "expected a date YYYY-MM-DD" in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr


def test_bad_date_option_of_reassess():
    result = invoke("reassess", EXAMPLES / "reassess.yaml", "--date", "2016-02-30")
    assert result.exit_code == 2
    assert "Invalid value for '--date'" in result.stderr


@pytest.mark.parametrize(
    ("value", "fragments"),
    [
        ("OQ-09=never", ["OQ-09", "'never'", "expected one of lex_specialis, cap_applies"]),
        ("OQ-99=anything", ["OQ-99 has no alternative reading", "switchable: ", "OQ-09"]),
        ("OQ-09", ["'OQ-09'", "expected OQ-NN=CHOICE", "OQ-09"]),
    ],
)
@pytest.mark.parametrize("command", ["evaluate", "questions", "reassess"])
def test_bad_reading_option_is_user_input(command, value, fragments):
    situation = EXAMPLES / "reassess.yaml" if command == "reassess" else RENEWAL_2024
    result = invoke(command, situation, "--reading", value)
    assert result.exit_code == 2
    assert "Invalid value for '--reading'" in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr


def test_reading_option_is_case_insensitive_on_the_question():
    assert invoke("evaluate", RENEWAL_2024, "--reading", "oq-09=cap_applies").exit_code == 0


def test_bad_format_and_lang_options():
    assert invoke("evaluate", SC14, "--format", "xml").exit_code == 2
    assert invoke("evaluate", SC14, "--lang", "de").exit_code == 2


def test_law_data_errors_are_exit_3(monkeypatch):
    from sejour_traite.law import errors

    def broken(*args, **kwargs):
        raise errors.DataError("rules.yaml, R-X: broken on purpose")

    monkeypatch.setattr("sejour_traite.cli.evaluate", broken)
    result = invoke("evaluate", SC14)
    assert result.exit_code == 3
    assert "rules.yaml, R-X: broken on purpose" in result.stderr


def test_unexpected_errors_are_exit_3_without_traceback(monkeypatch):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("sejour_traite.cli.evaluate", broken)
    monkeypatch.delenv("SEJOUR_TRAITE_DEBUG", raising=False)
    result = invoke("evaluate", SC14)
    assert result.exit_code == 3
    assert "internal error" in result.stderr
    assert "ZeroDivisionError" in result.stderr
