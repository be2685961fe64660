"""The committed documentation of the rules (docs/law, CRPA L311-3-1) is up to date, and
every rule and parameter has its page."""

from __future__ import annotations

from pathlib import Path

from sejour_traite.law import parameters, registry
from sejour_traite.law.documentation import pages

DOCS = Path(__file__).resolve().parents[2] / "docs" / "law"


def test_committed_docs_are_generated_from_the_current_rules():
    expected = dict(pages())

    stale = [
        path
        for path, text in expected.items()
        if not (DOCS / path).is_file() or (DOCS / path).read_text(encoding="utf-8") != text
    ]
    extra = [
        str(p.relative_to(DOCS))
        for p in DOCS.rglob("*.md")
        if str(p.relative_to(DOCS)) not in expected
    ]

    assert not stale, f"run `make docs`: stale or missing pages {stale[:5]}"
    assert not extra, f"pages of rules that no longer exist: {extra[:5]}"


def test_every_rule_and_parameter_has_a_page():
    names = dict(pages())

    for rule_id in registry.all_rules():
        assert f"rules/{rule_id}.md" in names
    for name in parameters.all_parameters():
        assert f"parameters/{name}.md" in names
    assert "open-questions.md" in names and "index.md" in names
