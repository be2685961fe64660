"""The scenario runner of scenario-format.md: runs any file of that format.

A file is ``defaults`` (facts for every case) and ``cases`` (``id``, ``eval_date``,
``facts``, ``expect``, optional ``rules``, ``title``, ``note``). Each expectation is a dotted
path into the determination's JSON and a value, matched by the rules of the format.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from sejour_traite.law import facts as facts_module
from sejour_traite.law.dates import parse_iso
from sejour_traite.law.errors import FactsError, ReadingError, ScenarioFileError
from sejour_traite.law.evaluation import evaluate

CASE_KEYS = {"id", "title", "eval_date", "facts", "expect", "rules", "note", "readings"}


class _Loader(yaml.SafeLoader):
    """Safe loader keeping dates as written and refusing duplicate keys."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        self.flatten_mapping(node)  # YAML merge keys (<<: *defaults) first
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp",
    lambda loader, node: loader.construct_scalar(node),  # type: ignore[arg-type]
)


def load_yaml(path: Path) -> Any:
    """Parse a YAML (or JSON) file; ``ScenarioFileError`` names the file and the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        msg = f"{path}: cannot read: {error.strerror}"
        raise ScenarioFileError(msg) from error
    except UnicodeDecodeError as error:
        msg = f"{path}: not a UTF-8 text file (byte {error.start})"
        raise ScenarioFileError(msg) from error
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        msg = f"{path}: invalid YAML: {error}".replace("\n", " ")
        raise ScenarioFileError(msg) from error


@dataclass
class CaseResult:
    """Outcome of one case: mismatches as (path, expected, actual)."""

    file: Path
    case_id: str
    title: str
    mismatches: list[tuple[str, Any, Any]] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """Whether every expectation matched."""
        return not self.mismatches


def lookup(data: Any, path: str) -> Any:
    """Value at a dotted path of the determination (``None`` when absent)."""
    current = data
    for part in path.split("."):
        if not isinstance(current, dict) or part not in current:
            return None
        current = current[part]
    return current


def matches(expected: Any, actual: Any) -> bool:
    """The matching rules of scenario-format.md."""
    if expected is None:
        return actual is None
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return False
        return all(any(matches(item, candidate) for candidate in actual) for item in expected)
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return False
        return all(matches(value, actual.get(key)) for key, value in expected.items())
    if isinstance(expected, bool) or isinstance(actual, bool):
        return type(expected) is type(actual) and expected == actual
    if isinstance(expected, date):
        expected = expected.isoformat()
    return bool(expected == actual)


def _parse_date(value: Any, where: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return parse_iso(str(value))
    except ValueError:
        msg = f"{where}: eval_date must be a date YYYY-MM-DD, got {value!r}"
        raise ScenarioFileError(msg) from None


def iter_files(paths: list[Path]) -> Iterator[Path]:
    """Scenario files: the files given, and every *.yaml / *.yml inside the folders given."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
        elif path.exists():
            yield path
        else:
            msg = f"{path}: no such file or folder"
            raise ScenarioFileError(msg)


def run_file(path: Path, seen_ids: set[str] | None = None) -> list[CaseResult]:
    """Run every case of one scenario file."""
    content = load_yaml(path)
    if not isinstance(content, dict) or not isinstance(content.get("cases"), list):
        msg = f"{path}: expected a mapping with a list 'cases' (scenario-format.md)"
        raise ScenarioFileError(msg)
    unknown_top = set(content) - {"defaults", "cases"}
    if unknown_top:
        msg = f"{path}: unknown top-level key(s) {sorted(unknown_top)}; expected defaults, cases"
        raise ScenarioFileError(msg)
    defaults = content.get("defaults") or {}
    if not isinstance(defaults, dict):
        msg = f"{path}: defaults must be a mapping of facts"
        raise ScenarioFileError(msg)
    seen_ids = set() if seen_ids is None else seen_ids
    results = []
    for index, case in enumerate(content["cases"]):
        results.append(run_case(path, index, case, defaults, seen_ids))
    return results


def run_case(
    path: Path, index: int, case: Any, defaults: dict[str, Any], seen_ids: set[str]
) -> CaseResult:
    """Run one case; ``ScenarioFileError`` names the file, the case and the key at fault."""
    where = f"{path}, case {index + 1}"
    if not isinstance(case, dict):
        msg = f"{where}: a case must be a mapping"
        raise ScenarioFileError(msg)
    case_id = str(case.get("id") or "")
    if not case_id:
        msg = f"{where}: missing 'id'"
        raise ScenarioFileError(msg)
    where = f"{path}, case {case_id}"
    if case_id in seen_ids:
        msg = f"{where}: duplicate case id"
        raise ScenarioFileError(msg)
    seen_ids.add(case_id)
    unknown_keys = set(case) - CASE_KEYS
    if unknown_keys:
        msg = f"{where}: unknown key(s) {sorted(unknown_keys)}; expected {sorted(CASE_KEYS)}"
        raise ScenarioFileError(msg)
    for key in ("eval_date", "expect"):
        if key not in case:
            msg = f"{where}: missing {key!r}"
            raise ScenarioFileError(msg)
    if not isinstance(case["expect"], dict):
        msg = f"{where}: 'expect' must be a mapping of paths to values"
        raise ScenarioFileError(msg)
    case_facts = case.get("facts") or {}
    if not isinstance(case_facts, dict):
        msg = f"{where}: 'facts' must be a mapping of fact names to values"
        raise ScenarioFileError(msg)
    rules = case.get("rules") or []
    if not isinstance(rules, list):
        msg = f"{where}: 'rules' must be a list of rule IDs"
        raise ScenarioFileError(msg)
    raw_facts = dict(defaults)
    raw_facts.update(case_facts)
    try:
        typed = facts_module.validate(raw_facts)
    except FactsError as error:
        problems = "; ".join(f"facts.{loc}: {message}" for loc, message in error.problems)
        msg = f"{where}: {problems}"
        raise ScenarioFileError(msg) from error
    eval_date = _parse_date(case["eval_date"], where)
    try:
        determination = evaluate(typed, eval_date, case.get("readings"))
    except ReadingError as error:
        msg = f"{where}: readings: {error}"
        raise ScenarioFileError(msg) from error
    data = determination.to_json(explain=False)
    result = CaseResult(path, case_id, str(case.get("title") or ""))
    for key, expected in case["expect"].items():
        actual = lookup(data, str(key))
        if not matches(expected, actual):
            result.mismatches.append((str(key), expected, actual))
    for rule_id in rules:
        if rule_id not in determination.rules_applied:
            result.mismatches.append(("rules", rule_id, "not applied"))
    return result
