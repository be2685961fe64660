"""The ``sejour-traite`` command line: evaluate, questions, scenarios, rules, check-citations,
reassess.

Exit codes: 0 success; 1 a check or scenario failed; 2 bad input (file, fact, date, value,
option: the message names the file, the fact and what is expected); 3 invalid law data or an
internal error (a bug). A user never sees a traceback (set ``SEJOUR_TRAITE_DEBUG=1`` to get
one for an internal error).
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from functools import wraps
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click
import yaml

from sejour_traite.law import facts as facts_module
from sejour_traite.law import readings as readings_module
from sejour_traite.law.dates import check_supported
from sejour_traite.law.errors import (
    DataError,
    FactsError,
    LawError,
    ReadingError,
    ScenarioFileError,
)
from sejour_traite.law.evaluation import evaluate

F = TypeVar("F", bound=Callable[..., Any])

#: Keys of a situation file (``id`` and ``title`` are allowed so that a scenario case can be
#: copied into a file of its own).
SITUATION_KEYS = ("eval_date", "facts", "readings", "id", "title")
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_DATE_EXPECTED = "a date YYYY-MM-DD"


class InputError(Exception):
    """Bad input given to the command line. ``problems`` are (location, message) pairs."""

    def __init__(self, source: str, problems: list[tuple[str, str]]) -> None:
        self.source = source
        self.problems = problems
        super().__init__("\n".join(_lines(source, problems)))


def _lines(source: str, problems: Iterable[tuple[str, str]]) -> list[str]:
    return [
        ": ".join(part for part in (source, location, message) if part)
        for location, message in problems
    ]


def _fail(lines: Iterable[str], code: int) -> NoReturn:
    for line in lines:
        click.echo(f"error: {line}", err=True)
    sys.exit(code)


def _law_data_failure(error: LawError) -> NoReturn:
    click.echo(f"{type(error).__name__} (invalid law data, a bug): {error}", err=True)
    sys.exit(3)


def handle_errors(func: F) -> F:
    """Map errors to messages on stderr and exit codes, never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InputError as error:
            _fail(_lines(error.source, error.problems), 2)
        except FactsError as error:
            _fail(_lines(error.source, error.problems), 2)
        except ScenarioFileError as error:
            _fail([str(error)], 2)
        except LawError as error:  # DataError and its subclasses: the law's own data
            _law_data_failure(error)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise  # usage errors: click prints them (exit 2)
        except BrokenPipeError:  # output piped into `head` and closed: not an error
            sys.stderr.close()
            sys.exit(0)
        except Exception as error:
            if os.environ.get("SEJOUR_TRAITE_DEBUG"):
                raise
            click.echo(
                f"internal error (a bug, please report it; SEJOUR_TRAITE_DEBUG=1 shows the "
                f"traceback): {type(error).__name__}: {error}",
                err=True,
            )
            sys.exit(3)

    return wrapper  # type: ignore[return-value]


# --- reading files ------------------------------------------------------------------------


def read_document(path: Path) -> Any:
    """Parse a YAML file, or a JSON file when its name ends in ``.json``.

    Raises:
        InputError: the file cannot be read, is not UTF-8, or is not valid YAML / JSON; the
            message gives the file, the line and the column.
    """
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            source, [("", f"not a UTF-8 text file (byte {error.start}: {error.reason})")]
        ) from None
    except IsADirectoryError:
        raise InputError(source, [("", "is a folder; expected a YAML or JSON file")]) from None
    except OSError as error:
        raise InputError(source, [("", f"cannot read: {error.strerror}")]) from None
    if path.suffix.lower() == ".json":
        return _parse_json(text, source)
    return _parse_yaml(text, source)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(key)
        result[key] = value
    return result


def _parse_json(text: str, source: str) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise InputError(source, [(where, f"invalid JSON: {error.msg}")]) from None
    except ValueError as error:  # raised by _no_duplicates
        raise InputError(source, [("", f"invalid JSON: duplicate key {error}")]) from None


def _parse_yaml(text: str, source: str) -> Any:
    # The scenario runner's loader: dates kept as written, duplicate keys refused.
    from sejour_traite.law.scenarios import _Loader

    try:
        return yaml.load(text, Loader=_Loader)  # a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        message = f"invalid YAML: {error.problem or error.context}"
        if error.context and error.problem and error.context_mark is not None:
            context_mark = error.context_mark
            message += (
                f" ({error.context} at line {context_mark.line + 1}, "
                f"column {context_mark.column + 1})"
            )
        raise InputError(source, [(where, message)]) from None
    except yaml.YAMLError as error:
        raise InputError(source, [("", f"invalid YAML: {error}")]) from None


def parse_iso_date(value: Any) -> date:
    """A date written ``YYYY-MM-DD``; ``ValueError`` says what is wrong."""
    if isinstance(value, date):
        return check_supported(value)
    text = str(value)
    if not _ISO_DATE.match(text):
        msg = f"expected {_DATE_EXPECTED}, got {value!r}"
        raise ValueError(msg)
    try:
        return check_supported(date.fromisoformat(text))
    except ValueError as error:
        msg = f"expected {_DATE_EXPECTED}, got {value!r} ({error})"
        raise ValueError(msg) from None


def check_readings(raw: Any) -> list[tuple[str, str]]:
    """Problems of a ``readings`` mapping (open question -> alternative reading)."""
    if raw is None:
        return []
    if not isinstance(raw, Mapping):
        return [("readings", f"expected a mapping such as {{OQ-09: cap_applies}}, got {raw!r}")]
    readings_module.open_questions()  # a DataError here is the law's data: exit 3
    problems = []
    for key, value in raw.items():
        try:
            readings_module.resolve({str(key): value})
        except ReadingError as error:
            message = str(error).removeprefix(f"{key}: ")
            problems.append((f"readings.{key}", message))
    return problems


def _check_keys(raw: Mapping[Any, Any], allowed: Iterable[str], what: str) -> list[tuple[str, str]]:
    allowed = tuple(allowed)
    return [
        (str(key), f"unknown key; {what} has {', '.join(allowed)}")
        for key in raw
        if str(key) not in allowed
    ]


def _facts(raw: Any, defaults: Mapping[str, Any] | None = None) -> tuple[dict[str, Any], list]:
    """Typed facts and the problems found (located as ``facts.NAME.FIELD``)."""
    if raw is not None and not isinstance(raw, Mapping):
        return {}, [("facts", f"expected a mapping of fact names to values, got {raw!r}")]
    merged = {**(defaults or {}), **(raw or {})}
    try:
        return facts_module.validate(merged), []
    except FactsError as error:
        return {}, [(f"facts.{location}", message) for location, message in error.problems]


def _eval_date(raw: Any) -> tuple[date | None, list[tuple[str, str]]]:
    if raw is None:
        return None, []
    try:
        return parse_iso_date(raw), []
    except ValueError as error:
        return None, [("eval_date", str(error))]


def load_situation(path: Path) -> tuple[dict[str, Any], date | None, dict[str, str]]:
    """Read a situation file (YAML, or JSON when named ``*.json``): ``eval_date``, ``facts``
    and optional ``readings``.

    Raises:
        InputError: every problem of the file at once, each naming the key or fact at fault.
    """
    source = str(path)
    content = read_document(path)
    if not isinstance(content, Mapping):
        raise InputError(
            source,
            [("", f"expected a mapping with eval_date and facts, got {_kind(content)}")],
        )
    if "cases" in content:
        raise InputError(
            source,
            [
                (
                    "cases",
                    "a scenario file: run it with `sejour-traite scenarios`; a situation "
                    "has eval_date and facts",
                )
            ],
        )
    problems = _check_keys(content, SITUATION_KEYS, "a situation")
    typed, facts_problems = _facts(content.get("facts"))
    eval_date, date_problems = _eval_date(content.get("eval_date"))
    problems += facts_problems + date_problems + check_readings(content.get("readings"))
    if problems:
        raise InputError(source, problems)
    file_readings = {str(k): str(v) for k, v in (content.get("readings") or {}).items()}
    return typed, eval_date, file_readings


def _kind(value: Any) -> str:
    if value is None:
        return "an empty file"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "a mapping with keys " + ", ".join(str(key) for key in value)
    return repr(value)


# --- options ------------------------------------------------------------------------------


class DateType(click.ParamType):
    """A ``YYYY-MM-DD`` date option; a bad value is a usage error (exit 2)."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return parse_iso_date(value)
        except ValueError as error:
            self.fail(str(error), param, ctx)


def _reading_callback(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> dict[str, str]:
    chosen: dict[str, str] = {}
    if not values:
        return chosen
    try:
        readings_module.open_questions()
    except DataError as error:
        _law_data_failure(error)
    for item in values:
        if "=" not in item:
            switchable = ", ".join(sorted(readings_module.defaults()))
            msg = f"{item!r}: expected OQ-NN=CHOICE (switchable open questions: {switchable})"
            raise click.BadParameter(msg, ctx, param)
        key, value = (part.strip() for part in item.split("=", 1))
        key = key.upper()
        try:
            readings_module.resolve({key: value})
        except ReadingError as error:
            raise click.BadParameter(str(error), ctx, param) from None
        chosen[key] = value
    return chosen


def _readings(
    file_readings: Mapping[str, str], options: Mapping[str, str]
) -> dict[str, str] | None:
    chosen = {**file_readings, **options}
    return chosen or None


@click.group()
@click.version_option(package_name="sejour-traite")
def main() -> None:
    """sejour-traite: the law of residence for victims of trafficking or pimping, as code."""


_date_option = click.option(
    "--date",
    "on",
    type=DateType(),
    help="Evaluation date YYYY-MM-DD (default: the file's eval_date).",
)
_reading_option = click.option(
    "--reading",
    "reading_options",
    multiple=True,
    metavar="OQ-NN=CHOICE",
    callback=_reading_callback,
    help="Alternative reading of an open question (legal-spec §7), e.g. OQ-09=cap_applies.",
)
_lang_option = click.option(
    "--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True
)
_situation_argument = click.argument(
    "situation", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)


def _when(on: date | None, file_date: date | None, source: str) -> date:
    chosen = on or file_date
    if chosen is None:
        raise InputError(
            source, [("eval_date", f"missing: expected {_DATE_EXPECTED} in the file, or --date")]
        )
    return chosen


# --- commands -----------------------------------------------------------------------------


@main.command("evaluate")
@_situation_argument
@_date_option
@click.option(
    "--format", "output", type=click.Choice(["json", "text"]), default="json", show_default=True
)
@_lang_option
@_reading_option
@handle_errors
def evaluate_command(
    situation: Path, on: date | None, output: str, lang: str, reading_options: dict[str, str]
) -> None:
    """Print the determination of a SITUATION file (YAML, or JSON when named *.json)."""
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
@_situation_argument
@_date_option
@_lang_option
@click.option(
    "--format", "output", type=click.Choice(["json", "text"]), default="text", show_default=True
)
@_reading_option
@handle_errors
def questions_command(
    situation: Path, on: date | None, lang: str, output: str, reading_options: dict[str, str]
) -> None:
    """Print the next questions to ask about a SITUATION, the most useful first."""
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
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@handle_errors
def scenarios_command(paths: tuple[Path, ...]) -> None:
    """Run scenario files (scenario-format.md): files, or folders of *.yaml.

    Exit 0 when every case passed, 1 when a case failed, 2 when a file is not a valid
    scenario file (its cases are not run; the other files are).
    """
    from sejour_traite.law.scenarios import iter_files, run_file

    files: dict[Path, Path] = {}  # resolved path -> path as given (a file given twice runs once)
    for found in iter_files(list(paths)):
        files.setdefault(found.resolve(), found)
    if not files:
        shown = ", ".join(str(path) for path in paths)
        _fail([f"{shown}: no scenario file (*.yaml, *.yml)"], 2)
    passed = failed = 0
    invalid: list[str] = []
    seen: set[str] = set()
    for path in files.values():
        try:
            check_scenario_file(path)
            results = run_file(path, seen)
        except (InputError, ScenarioFileError) as error:
            for line in str(error).splitlines():
                click.echo(f"error: {line}", err=True)
            invalid.append(str(path))
            continue
        for result in results:
            title = f" {result.title}" if result.title else ""
            if result.passed:
                passed += 1
                click.echo(f"PASS {result.case_id}{title}")
                continue
            failed += 1
            click.echo(f"FAIL {result.case_id}{title} [{path}]")
            for key, expected, actual in result.mismatches:
                click.echo(f"    {key}: expected {_show(expected)}, got {_show(actual)}")
    click.echo(f"{passed} passed, {failed} failed")
    if invalid:
        _fail([f"{len(invalid)} invalid scenario file(s), not run: {', '.join(invalid)}"], 2)
    if not passed and not failed:
        _fail([f"{', '.join(str(path) for path in paths)}: no case to run"], 2)
    if failed:
        sys.exit(1)


def check_scenario_file(path: Path) -> None:
    """Checks of a scenario file that the runner does not make before using a value:
    syntax (with line and column), ``defaults`` and each case's ``facts``, ``readings`` and
    ``rules``. The runner then checks the rest (ids, keys, ``expect``, facts' values).

    Raises:
        InputError: the file, the case and the key at fault.
    """
    content = read_document(path)
    if not isinstance(content, Mapping) or not isinstance(content.get("cases"), list):
        return  # the runner's own message
    source = str(path)
    defaults = content.get("defaults")
    if defaults is not None and not isinstance(defaults, Mapping):
        raise InputError(source, [("defaults", "expected a mapping of fact names to values")])
    for index, case in enumerate(content["cases"]):
        if not isinstance(case, Mapping):
            continue  # the runner's own message
        where = f"{source}, case {case.get('id') or index + 1}"
        problems = []
        raw_facts = case.get("facts")
        if raw_facts is not None and not isinstance(raw_facts, Mapping):
            problems.append(
                ("facts", f"expected a mapping of fact names to values, got {raw_facts!r}")
            )
        problems += check_readings(case.get("readings"))
        rules = case.get("rules")
        if rules is not None and not (
            isinstance(rules, list) and all(isinstance(rule, str) for rule in rules)
        ):
            problems.append(
                ("rules", f"expected a list of rule IDs such as [R-CST-01], got {rules!r}")
            )
        if problems:
            raise InputError(where, problems)


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


@main.command("rules")
@click.option(
    "--doc",
    "doc_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write one page per rule and parameter here.",
)
@handle_errors
def rules_command(doc_dir: Path | None) -> None:
    """List the rules and parameters; with --doc, write their documentation pages."""
    from sejour_traite.law import parameters, registry

    if doc_dir is not None:
        from sejour_traite.law.documentation import write

        try:
            count = write(doc_dir)
        except OSError as error:
            raise InputError(str(doc_dir), [("", f"cannot write: {error}")]) from None
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
@click.argument("situations", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_date_option
@_reading_option
@click.option(
    "--format", "output", type=click.Choice(["json", "text"]), default="text", show_default=True
)
@handle_errors
def reassess_command(
    situations: Path, on: date | None, reading_options: dict[str, str], output: str
) -> None:
    """Re-assess a file of SITUATIONS under another date (--date) or reading (--reading).

    The file is a list of situations (id, eval_date, facts) or a scenario file (defaults and
    cases); YAML, or JSON when named *.json.
    """
    from sejour_traite.law.reassess import reassess

    if on is None and not reading_options:
        raise click.UsageError("nothing to compare: give --date, --reading or both")
    items = load_situations(situations)
    count, changes = reassess(items, on=on, readings=reading_options or None)
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


_SITUATION_ITEM_KEYS = ("id", "title", "eval_date", "facts", "expect", "rules", "note", "readings")


def load_situations(path: Path) -> list[Any]:
    """Situations of a file: a scenario file (defaults + cases) or a list of situations.

    Raises:
        InputError: every problem of the file, each naming the situation and the key or fact.
    """
    from sejour_traite.law.reassess import Situation

    source = str(path)
    content = read_document(path)
    defaults: Any = {}
    if isinstance(content, Mapping) and "cases" in content:
        problems = _check_keys(content, ("defaults", "cases"), "a scenario file")
        defaults = content.get("defaults") or {}
        if not isinstance(defaults, Mapping):
            problems.append(("defaults", "expected a mapping of fact names to values"))
        if problems:
            raise InputError(source, problems)
        content = content["cases"]
    if not isinstance(content, list):
        raise InputError(
            source,
            [("", f"expected a list of situations or a scenario file, got {_kind(content)}")],
        )
    result = []
    lines: list[str] = []
    seen: set[str] = set()
    for index, item in enumerate(content):
        if not isinstance(item, Mapping):
            lines += _lines(f"{source}, situation {index + 1}", [("", "expected a mapping")])
            continue
        name = str(item.get("id") or index + 1)
        problems = _check_keys(item, _SITUATION_ITEM_KEYS, "a situation")
        if name in seen:
            problems.append(("id", "duplicate id"))
        seen.add(name)
        facts, facts_problems = _facts(item.get("facts"), defaults)
        day, date_problems = _eval_date(item.get("eval_date"))
        problems += facts_problems + date_problems
        if day is None and not date_problems:
            problems.append(("eval_date", f"missing: expected {_DATE_EXPECTED}"))
        if problems:
            lines += _lines(f"{source}, situation {name}", problems)
            continue
        assert day is not None  # for the type checker
        result.append(Situation(name, facts, day))
    if lines:
        raise InputError("", [("", line) for line in lines])
    return result
