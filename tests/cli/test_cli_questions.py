"""``sejour-traite questions``: the next questions to ask, the most useful first."""

from __future__ import annotations

import json
import re

from cli_support import EXAMPLES, invoke

UNDECIDED = EXAMPLES / "undecided.yaml"


def _questions_json(*args: object) -> list[dict]:
    result = invoke("questions", UNDECIDED, "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_text_numbers_the_questions_and_names_the_facts():
    result = invoke("questions", UNDECIDED)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("1. ")
    facts = re.findall(r"^   \((\w+); settles: ", result.stdout, flags=re.MULTILINE)
    assert facts, result.stdout
    assert facts == [q["fact"] for q in _questions_json()]


def test_json_lists_facts_with_what_they_settle():
    questions = _questions_json()
    assert questions
    for question in questions:
        assert {"fact", "question", "help", "who", "settles", "concerns"} <= set(question)
        assert question["question"]
    # Whether she is a family member of an EU citizen decides the scope: asked first.
    assert questions[0]["fact"] == "is_eu_family_member_in_france"
    assert "scope" in questions[0]["settles"]
    # Facts already given are never asked again.
    asked = {q["fact"] for q in questions}
    assert not asked & {"nationality", "date_of_birth", "application"}


def test_questions_are_ranked_by_what_they_settle():
    settled = [len(q["settles"]) for q in _questions_json()]
    assert settled[0] == max(settled)


def test_english():
    french = _questions_json()
    english = _questions_json("--lang", "en")
    assert [q["fact"] for q in english] == [q["fact"] for q in french]
    assert english[0]["question"] != french[0]["question"]
    result = invoke("questions", UNDECIDED, "--lang", "en")
    assert "settles:" in result.stdout


def test_date_option_applies_the_law_of_that_date():
    result = invoke("questions", UNDECIDED, "--date", "2010-02-15", "--format", "json")
    assert result.exit_code == 0
    asked = {q["fact"] for q in json.loads(result.stdout)}
    # The republican-principles contract did not exist in 2010.
    assert "contrat_republique_signed" not in asked
    assert "contrat_republique_signed" in {q["fact"] for q in _questions_json()}
