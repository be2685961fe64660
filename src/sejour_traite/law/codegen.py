"""Code generation: each outcome's combination of steps as one straight-line function.

``outcomes.interpret_outcome`` is the reference: a loop over the steps that asks, for each
one, whether it has a period gate, which kind it is, whether it carries flags, a derogation,
a reading … Those answers never change after the outcome is defined, so ``compile_outcome``
asks them once and writes the Python source of a function that only keeps, for each step,
the branches it can take. The source is compiled once, when the outcome is defined (at
import), and kept on the outcome (``Outcome.source``) so that it can be read and debugged.

The generated function follows the reference line by line; the golden tests
(tests/law/test_golden.py) and tests/law/test_codegen.py check that both agree.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sejour_traite.law.logic import FALSE, TRUE, UNKNOWN

if TYPE_CHECKING:
    from sejour_traite.law.expressions import Context
    from sejour_traite.law.outcomes import ObjectResult, Outcome, Step


class _Writer:
    """Lines of Python source with their indentation, and the constants they refer to."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.namespace: dict[str, Any] = {}

    def line(self, depth: int, text: str) -> None:
        self.lines.append("    " * depth + text)

    def constant(self, name: str, value: Any) -> str:
        self.namespace[name] = value
        return name


def _add_each(writer: _Writer, depth: int, target: str, items: tuple[str, ...]) -> None:
    """Append each of ``items`` (string constants) to list ``target`` unless already there."""
    for item in items:
        writer.line(depth, f"if {item!r} not in {target}:")
        writer.line(depth + 1, f"{target}.append({item!r})")


def _fire(writer: _Writer, depth: int, index: int, step: Step) -> None:
    """The consequence of a step that fires (reference: the body of ``if fires:``)."""
    from sejour_traite.law.outcomes import INDETERMINE

    _add_each(writer, depth, "result.flags", step.flags)
    _add_each(writer, depth, "result.actions", step.actions)
    if step.confidence:
        writer.line(
            depth,
            f"result.confidence = lower_confidence(result.confidence, {step.confidence!r})",
        )
    grounds = writer.constant(f"G{index}", step.grounds)
    kind = step.kind
    if kind == "scope":
        writer.line(depth, f"add(not_applicable, {grounds}.at(day))")
        writer.line(depth, 'not_applicable.append("")  # marks that a scope step fired')
    elif kind == "bar":
        writer.line(depth, f"add(excluded, {grounds}.at(day))")
        writer.line(depth, 'excluded.append("")')
    elif kind == "condition":
        if step.on_false == INDETERMINE:
            writer.line(depth, "unknown = True")
            if step.missing_on_false:
                writer.line(depth, f"add(missing, {step.missing_on_false!r})")
        else:
            writer.line(depth, f"add(unmet, {grounds}.at(day))")
            writer.line(depth, 'unmet.append("")')
    elif kind == "ground":
        writer.line(depth, f"add(discretionary, {grounds}.at(day))")
        writer.line(depth, 'discretionary.append("")')
    if kind in ("ground", "guidance") and step.guidance:
        writer.line(depth, f"result.guidance = {step.guidance!r}")
    if writer.lines[-1].endswith(":"):
        writer.line(depth, "pass")


def _step(writer: _Writer, depth: int, index: int, step: Step) -> None:
    """One step: period gate, evaluation, trace, then what it does when it fires."""
    writer.line(depth, f"# {step.kind} {step.rule}: {step.label}")
    if step.when is not None:
        gate = writer.constant(f"W{index}", step.when.compile())
        if step.applied_out_of_period:  # the rule is listed even out of its period
            writer.line(depth, f"if {gate}(ctx) is not TRUE:")
            writer.line(depth + 1, f"rules[{step.rule!r}] = None")
            writer.line(depth, "else:")
        else:
            writer.line(depth, f"if {gate}(ctx) is TRUE:")
        depth += 1
    this = writer.constant(f"S{index}", step)
    test = writer.constant(f"T{index}", step.test.compile())
    writer.line(depth, f"rules[{step.rule!r}] = None")
    writer.line(depth, f"value = {test}(ctx)")
    fires_on = "FALSE" if step.kind in ("scope", "condition") else "TRUE"
    writer.line(depth, f"fires = value is {fires_on}")
    writer.line(depth, f"trace.append(({this}, value, fires))")
    if step.reading_flags:
        writer.line(depth, f"readings_used.append(({this}, value is UNKNOWN, fires))")
    writer.line(depth, "if fires:")
    if step.kind == "condition" and step.unless is not None:
        derogation = writer.constant(f"U{index}", step.unless.compile())
        writer.line(depth + 1, f"derogation = {derogation}(ctx)")
        if step.unless_rule:
            writer.line(depth + 1, f"rules[{step.unless_rule!r}] = None")
        writer.line(depth + 1, "if derogation is TRUE:")
        unless_grounds = writer.constant(f"UG{index}", step.unless_grounds)
        writer.line(depth + 2, f"add(discretionary, {unless_grounds}.at(day))")
        if step.guidance:
            writer.line(depth + 2, f"result.guidance = {step.guidance!r}")
        writer.line(depth + 1, "elif derogation is UNKNOWN:")
        writer.line(depth + 2, "unknown = True")
        writer.line(depth + 2, f"result.defer_missing({this}.unless, ctx)")
        writer.line(depth + 1, "else:")
        _fire(writer, depth + 2, index, step)
    else:
        _fire(writer, depth + 1, index, step)
    if step.kind != "guidance":
        writer.line(depth, "elif value is UNKNOWN:")
        writer.line(depth + 1, "unknown = True")
        if step.kind == "scope":
            writer.line(depth + 1, "scope_unknown = True")
        writer.line(depth + 1, f"result.defer_missing({this}.test, ctx)")


def compile_outcome(outcome: Outcome) -> tuple[Callable[[Context], ObjectResult], str]:
    """The function evaluating ``outcome`` (as ``interpret_outcome`` does), and its source."""
    from sejour_traite.law import outcomes

    writer = _Writer()
    writer.namespace.update(
        TRUE=TRUE,
        FALSE=FALSE,
        UNKNOWN=UNKNOWN,
        ObjectResult=outcomes.ObjectResult,
        INDETERMINE=outcomes.INDETERMINE,
        add=outcomes._add,
        lower_confidence=outcomes.lower_confidence,
        combine=outcomes.combine,
        OUTCOME=outcome,
        RULES=outcome.rules,
    )
    name = "evaluate_" + outcome.key
    writer.line(0, f"def {name}(ctx):")
    writer.line(1, f'"""Generated from the steps of outcome {outcome.key!r} (codegen.py)."""')
    writer.line(1, "day = ctx.day")
    writer.line(1, f"result = ObjectResult({outcome.key!r}, INDETERMINE)")
    writer.line(1, "rules = dict.fromkeys(RULES)  # ordered set of the rules applied")
    writer.line(1, "missing = result.missing_facts")
    writer.line(1, "not_applicable = []")
    writer.line(1, "excluded = []")
    writer.line(1, "unmet = []")
    writer.line(1, "discretionary = []")
    writer.line(1, "unknown = False")
    writer.line(1, "scope_unknown = False")
    writer.line(1, "readings_used = []")
    writer.line(1, "trace = result.trace")
    for index, step in enumerate(outcome.steps):
        _step(writer, 1, index, step)
    writer.line(1, "combine(OUTCOME, ctx, result, rules, not_applicable, excluded, unmet,")
    writer.line(1, "        discretionary, unknown, scope_unknown, readings_used)")
    writer.line(1, "return result")
    source = "\n".join(writer.lines) + "\n"
    code = compile(source, f"<outcome {outcome.key}>", "exec")
    exec(code, writer.namespace)  # noqa: S102 - source generated above from our own steps
    function: Callable[[Context], ObjectResult] = writer.namespace[name]
    return function, source
