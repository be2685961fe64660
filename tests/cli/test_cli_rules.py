"""``sejour-traite rules``: the rules and parameters, and their documentation pages."""

from __future__ import annotations

import re

import pytest
from cli_support import SHARED, invoke

from sejour_traite.law import parameters, registry

RULE_ID = re.compile(r"\bR-[A-Z]+-[0-9]+[a-z]?\b")


def _spec_rule_ids() -> set[str]:
    spec = SHARED / "legal-spec.md"
    if not spec.is_file():
        pytest.skip(f"no {spec}")
    return set(RULE_ID.findall(spec.read_text(encoding="utf-8")))


def test_lists_every_rule_of_the_spec_and_every_parameter():
    result = invoke("rules")
    assert result.exit_code == 0
    listed = {line.split()[0] for line in result.stdout.splitlines() if line.strip()}
    assert _spec_rule_ids() <= listed
    assert set(registry.all_rules()) <= listed
    assert set(parameters.all_parameters()) <= listed


def test_each_rule_line_cites_its_articles():
    result = invoke("rules")
    line = next(line for line in result.stdout.splitlines() if line.startswith("R-REFLEXION-02 "))
    assert "R425-2" in line


def test_doc_writes_one_page_per_rule_and_parameter(tmp_path):
    target = tmp_path / "doc"
    result = invoke("rules", "--doc", target)
    assert result.exit_code == 0, result.stderr
    rules = set(registry.all_rules())
    params = set(parameters.all_parameters())
    pages = {path.relative_to(target).as_posix() for path in target.rglob("*.md")}
    assert {f"rules/{rule}.md" for rule in rules} <= pages
    assert {f"parameters/{param}.md" for param in params} <= pages
    assert {"index.md", "open-questions.md"} <= pages
    assert result.stdout.strip() == f"{len(pages)} pages written to {target}"
    for rule in _spec_rule_ids():
        assert (target / "rules" / f"{rule}.md").is_file(), rule


def test_doc_pages_give_articles_and_plain_words(tmp_path):
    invoke("rules", "--doc", tmp_path)
    page = (tmp_path / "rules" / "R-RENEW-04.md").read_text(encoding="utf-8")
    assert page.startswith("# R-RENEW-04")
    assert "L433-1-1" in page
    assert "OQ-09" in page  # the open question the rule rests on
    index = (tmp_path / "index.md").read_text(encoding="utf-8")
    assert "R-RENEW-04" in index
    open_questions = (tmp_path / "open-questions.md").read_text(encoding="utf-8")
    assert "OQ-09" in open_questions
    assert "cap_applies" in open_questions


def test_doc_into_a_file_is_an_error(tmp_path):
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("", encoding="utf-8")
    result = invoke("rules", "--doc", a_file)
    assert result.exit_code == 2
    assert "not-a-folder" in result.stderr
