"""The ``sejour-traite`` command line: evaluate, questions, scenarios, rules, check-citations,
reassess.

Exit codes: 0 success; 1 a check or scenario failed; 2 bad input (file, fact, date, value:
the message names the file, the fact and what is expected); 3 invalid law data (a bug).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from sejour_traite.law import facts as facts_module
from sejour_traite.law.errors import DataError, FactsError, LawError, ScenarioFileError
from sejour_traite.law.evaluation import evaluate
from sejour_traite.law.readings import parse_assignments

F = TypeVar("F", bound=Callable[..., Any])


def _fail(message: str, code: int) -> None:
    click.echo(message, err=True)
    sys.exit(code)


def handle_errors(func: F) -> F:
    """Map the law's errors to messages and exit codes, never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (FactsError, ScenarioFileError) as error:
            _fail(f"error: {error}", 2)
        except DataError as error:
            _fail(f"{type(error).__name__}: {error}", 3)
        except LawError as error:
            _fail(f"{type(error).__name__}: {error}", 3)
        return None

    return wrapper  # type: ignore[return-value]


def _parse_date(value: str | None, source: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise FactsError(
            [("eval_date", f"expected a date YYYY-MM-DD, got {value!r}")], source
        ) from None


def load_situation(path: Path) -> tuple[dict[str, Any], date | None, dict[str, str]]:
    """Read a situation file (YAML or JSON): ``eval_date``, ``facts``, optional ``readings``."""
    from sejour_traite.law.scenarios import load_yaml

    source = str(path)
    content = load_yaml(path)
    if not isinstance(content, dict):
        raise FactsError([("(file)", "expected a mapping with eval_date and facts")], source)
    unknown = set(content) - {"eval_date", "facts", "readings", "id", "title"}
    if unknown:
        raise FactsError(
            [
                (key, "unknown key; a situation has eval_date, facts and readings")
                for key in sorted(unknown)
            ],
            source,
        )
    typed = facts_module.validate(content.get("facts") or {}, source)
    eval_date = _parse_date(content.get("eval_date"), source)
    return typed, eval_date, dict(content.get("readings") or {})


def _readings(file_readings: dict[str, str], options: tuple[str, ...]) -> dict[str, str] | None:
    chosen = dict(file_readings)
    chosen.update(parse_assignments(list(options)))
    return chosen or None


@click.group()
@click.version_option(package_name="sejour-traite")
def main() -> None:
    """sejour-traite: the law of residence for victims of trafficking or pimping, as code."""


_date_option = click.option(
    "--date", "on", help="Evaluation date YYYY-MM-DD (default: the file's eval_date)."
)
_reading_option = click.option(
    "--reading",
    "reading_options",
    multiple=True,
    metavar="OQ-NN=CHOICE",
    help="Alternative reading of an open question (legal-spec §7), e.g. OQ-09=cap_applies.",
)
_lang_option = click.option(
    "--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True
)


def _when(on: str | None, file_date: date | None, source: str) -> date:
    chosen = _parse_date(on, "--date") or file_date
    if chosen is None:
        raise FactsError([("eval_date", "missing: give eval_date in the file or --date")], source)
    return chosen


@main.command("evaluate")
@click.argument("situation", type=click.Path(path_type=Path))
@_date_option
@click.option(
    "--format", "output", type=click.Choice(["json", "text"]), default="json", show_default=True
)
@_lang_option
@_reading_option
@handle_errors
def evaluate_command(
    situation: Path, on: str | None, output: str, lang: str, reading_options: tuple[str, ...]
) -> None:
    """Print the determination of a SITUATION file (YAML or JSON)."""
    facts, file_date, file_readings = load_situation(situation)
    determination = evaluate(
        facts, _when(on, file_date, str(situation)), _readings(file_readings, reading_options)
    )
    if output == "json":
        click.echo(json.dumps(determination.to_json(lang=lang), ensure_ascii=False, indent=2))
    else:
        from sejour_traite.law.render import render_text

        click.echo(render_text(determination, lang), nl=False)


@main.command("questions")
@click.argument("situation", type=click.Path(path_type=Path))
@_date_option
@_lang_option
@click.option(
    "--format", "output", type=click.Choice(["json", "text"]), default="text", show_default=True
)
@_reading_option
@handle_errors
def questions_command(
    situation: Path, on: str | None, lang: str, output: str, reading_options: tuple[str, ...]
) -> None:
    """Print the next questions to ask, the most useful first."""
    from sejour_traite.law.questions import next_questions

    facts, file_date, file_readings = load_situation(situation)
    questions = next_questions(
        facts, _when(on, file_date, str(situation)), lang, _readings(file_readings, reading_options)
    )
    if output == "json":
        click.echo(json.dumps([q.to_json() for q in questions], ensure_ascii=False, indent=2))
        return
    if not questions:
        click.echo(
            "Aucune question : tout est décidé."
            if lang == "fr"
            else "No question: everything is decided."
        )
    for number, question in enumerate(questions, 1):
        settles = ", ".join(question.settles) or "—"
        click.echo(f"{number}. {question.text}\n   ({question.fact}; settles: {settles})")


@main.command("scenarios")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@handle_errors
def scenarios_command(paths: tuple[Path, ...]) -> None:
    """Run scenario files (scenario-format.md): files, or folders of *.yaml."""
    from sejour_traite.law.scenarios import iter_files, run_file

    passed = failed = 0
    seen: set[str] = set()
    for path in iter_files(list(paths)):
        for result in run_file(path, seen):
            title = f" {result.title}" if result.title else ""
            if result.passed:
                passed += 1
                click.echo(f"PASS {result.case_id}{title}")
                continue
            failed += 1
            click.echo(f"FAIL {result.case_id}{title}")
            for key, expected, actual in result.mismatches:
                click.echo(f"    {key}: expected {_show(expected)}, got {_show(actual)}")
    click.echo(f"{passed} passed, {failed} failed")
    if failed or not passed:
        sys.exit(1)


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


@main.command("rules")
@click.option(
    "--doc",
    "doc_dir",
    type=click.Path(path_type=Path),
    help="Write one page per rule and parameter here.",
)
@handle_errors
def rules_command(doc_dir: Path | None) -> None:
    """List the rules and parameters; with --doc, write their documentation pages."""
    from sejour_traite.law import parameters, registry

    if doc_dir is not None:
        from sejour_traite.law.documentation import write

        count = write(doc_dir)
        click.echo(f"{count} pages written to {doc_dir}")
        return
    for rule in registry.all_rules().values():
        articles = ", ".join(dict.fromkeys(f"{c.code} {c.article}" for c in rule.citations))
        click.echo(f"{rule.id:<18} {rule.title['fr']}  [{articles}]")
    click.echo("")
    for parameter in parameters.all_parameters().values():
        current = parameter.values[-1]
        click.echo(f"{parameter.name:<34} {str(current.value)[:40]:<40} (from {current.start})")


@main.command("check-citations")
@handle_errors
def check_citations_command() -> None:
    """Fail on any rule or parameter without a complete citation, or any rule not implemented."""
    from sejour_traite.law.checks import check_citations

    rules, params, problems = check_citations()
    for problem in problems:
        click.echo(f"ERROR {problem}", err=True)
    if problems:
        sys.exit(1)
    click.echo(f"OK: {rules} rules and {params} parameters, every one with a complete citation")


@main.command("reassess")
@click.argument("situations", type=click.Path(path_type=Path))
@_date_option
@_reading_option
@click.option(
    "--format", "output", type=click.Choice(["json", "text"]), default="text", show_default=True
)
@handle_errors
def reassess_command(
    situations: Path, on: str | None, reading_options: tuple[str, ...], output: str
) -> None:
    """Re-assess a file of situations under another date (--date) or reading (--reading)."""
    from sejour_traite.law.reassess import reassess

    items = load_situations(situations)
    count, changes = reassess(
        items, on=_parse_date(on, "--date"), readings=_readings({}, reading_options)
    )
    if output == "json":
        click.echo(
            json.dumps(
                {"situations": count, "changes": [c.to_json() for c in changes]},
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    for change in changes:
        click.echo(f"{change.situation}: {change.object} {change.before} -> {change.after}")
    affected = len({c.situation for c in changes})
    click.echo(f"{count} situations, {affected} with a changed outcome, {len(changes)} changes")


def load_situations(path: Path) -> list[Any]:
    """Situations of a file: a scenario file (defaults + cases) or a list of situations."""
    from sejour_traite.law.reassess import Situation
    from sejour_traite.law.scenarios import load_yaml

    content = load_yaml(path)
    defaults: dict[str, Any] = {}
    if isinstance(content, dict) and isinstance(content.get("cases"), list):
        defaults = content.get("defaults") or {}
        content = content["cases"]
    if not isinstance(content, list):
        raise FactsError(
            [("(file)", "expected a list of situations or a scenario file")], str(path)
        )
    result = []
    for index, item in enumerate(content):
        where = f"{path}, situation {index + 1}"
        if not isinstance(item, dict):
            raise FactsError([("(situation)", "expected a mapping")], where)
        facts = facts_module.validate({**defaults, **(item.get("facts") or {})}, where)
        day = _parse_date(item.get("eval_date"), where)
        if day is None:
            raise FactsError([("eval_date", "missing")], where)
        result.append(Situation(str(item.get("id") or index + 1), facts, day))
    return result
