"""Code generation: each outcome's combination of steps as one straight-line function.

``outcomes.interpret_outcome`` is the reference: a loop over the steps that asks, for each
one, whether it has a period gate, which kind it is, whether it carries flags, a derogation,
a reading … Those answers never change after the outcome is defined, so ``compile_outcome``
asks them once and writes the Python source of a function that only keeps, for each step,
the branches it can take. The source is compiled once, when the outcome is defined (at
import), and kept on the outcome (``Outcome.source``) so that it can be read and debugged.

The conditions themselves (expression trees) are written inline in the same way
(``_expression``): a Kleene ``and`` becomes nested ``if``s that stop at the first FALSE, a
fact becomes one ``facts.get``, a named auxiliary predicate (``Derived``) reads the memo of
the evaluation and is computed, by its own generated function, only on the first use.
Nodes without an inline form are called through their ``compile()``.

The generated code follows the reference (``interpret_outcome`` and the nodes' closures)
line by line; the golden tests (tests/law/test_golden.py) and tests/law/test_codegen.py
check that both agree.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sejour_traite.law import expressions as e
from sejour_traite.law.logic import FALSE, MISSING, NONE, TRUE, UNKNOWN

if TYPE_CHECKING:
    from sejour_traite.law.expressions import Context
    from sejour_traite.law.outcomes import ObjectResult, Outcome, Step

_COMPARISONS = {"<": "<", "<=": "<=", ">": ">", ">=": ">="}


class _Writer:
    """Lines of Python source with their indentation, and the constants they refer to."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.namespace: dict[str, Any] = {
            "TRUE": TRUE,
            "FALSE": FALSE,
            "UNKNOWN": UNKNOWN,
            "MISSING": MISSING,
            "NONE": NONE,
            "UNHASHABLE": e._UNHASHABLE,
        }
        self.count = 0

    def line(self, depth: int, text: str) -> None:
        self.lines.append("    " * depth + text)

    def constant(self, name: str, value: Any) -> str:
        self.namespace[name] = value
        return name

    def fresh(self, prefix: str = "v") -> str:
        """A new local variable (or constant) name."""
        self.count += 1
        return f"{prefix}{self.count}"

    def function(self, name: str) -> Callable[..., Any]:
        """Compile the lines written and return the function ``name`` they define."""
        code = compile(self.source(), f"<generated {name}>", "exec")
        exec(code, self.namespace)  # noqa: S102 - source generated here from our own nodes
        function: Callable[..., Any] = self.namespace[name]
        return function

    def source(self) -> str:
        """The lines written so far, as one piece of source."""
        return "\n".join(self.lines) + "\n"


def _prologue(writer: _Writer, depth: int) -> None:
    """The locals every generated body reads: facts, parameters, date, memo."""
    writer.line(depth, "facts = ctx.facts")
    writer.line(depth, "params = ctx.params")
    writer.line(depth, "day = ctx.day")
    writer.line(depth, "memo = ctx.memo")


def _expression(writer: _Writer, depth: int, node: e.Node) -> str:  # noqa: C901, PLR0911, PLR0912, PLR0915 - one case per node type
    """Write the statements computing ``node``; return the variable (or name) holding it.

    Each case mirrors the ``compile()`` closure of the node type in expressions.py.
    """
    if isinstance(node, e.EvalDate):
        return "day"
    if isinstance(node, e.Const):
        return writer.constant(writer.fresh("C"), node.value)
    out = writer.fresh()
    if isinstance(node, e.Fact):
        writer.line(depth, f"{out} = facts.get({node.name!r}, MISSING)")
    elif isinstance(node, e.Field):
        writer.line(depth, f"{out} = facts.get({node.record.name!r}, MISSING)")
        writer.line(depth, f"if {out} is not MISSING and {out} is not NONE:")
        writer.line(depth + 1, f"{out} = {out}.get({node.name!r}, MISSING)")
    elif isinstance(node, e.Param):
        writer.line(depth, f"{out} = params.get({node.name!r}, MISSING)")
    elif isinstance(node, e.InForce):
        writer.line(depth, f"{out} = FALSE if params.get({node.name!r}, False) is False else TRUE")
    elif isinstance(node, e.Truth):
        value = _expression(writer, depth, node.value)
        writer.line(
            depth,
            f"{out} = TRUE if {value} is True else UNKNOWN if {value} is MISSING else FALSE",
        )
    elif isinstance(node, e.In):
        value = _expression(writer, depth, node.value)
        choices = writer.constant(writer.fresh("CHOICES"), node.choices)
        none_chosen = "TRUE" if NONE in node.choices else "FALSE"
        writer.line(depth, f"if {value} is MISSING:")
        writer.line(depth + 1, f"{out} = UNKNOWN")
        writer.line(depth, f"elif {value} is NONE:")
        writer.line(depth + 1, f"{out} = {none_chosen}")
        writer.line(depth, f"elif type({value}) in UNHASHABLE:")
        writer.line(depth + 1, f"{out} = FALSE")
        writer.line(depth, "else:")
        writer.line(depth + 1, f"{out} = TRUE if {value} in {choices} else FALSE")
    elif isinstance(node, e.Compare):
        left = _expression(writer, depth, node.left)
        right = _expression(writer, depth, node.right)
        writer.line(depth, f"if {left} is NONE or {right} is NONE:")
        writer.line(depth + 1, f"{out} = FALSE")
        writer.line(depth, f"elif {left} is MISSING or {right} is MISSING:")
        writer.line(depth + 1, f"{out} = UNKNOWN")
        writer.line(depth, "else:")
        operator = _COMPARISONS[node.op]
        writer.line(depth + 1, f"{out} = TRUE if {left} {operator} {right} else FALSE")
    elif isinstance(node, e.Intersects):
        value = _expression(writer, depth, node.value)
        other = _expression(writer, depth, node.other)
        writer.line(depth, f"if {value} is MISSING or {other} is MISSING:")
        writer.line(depth + 1, f"{out} = UNKNOWN")
        writer.line(depth, f"elif {value} is NONE:")
        writer.line(depth + 1, f"{out} = FALSE")
        writer.line(depth, "else:")
        writer.line(depth + 1, f"{out} = FALSE if {value}.isdisjoint({other}) else TRUE")
    elif isinstance(node, e.And | e.Or):
        # Kleene: stop at the first FALSE (and) / TRUE (or); an UNKNOWN part makes the
        # result UNKNOWN unless a later part decides it.
        decisive, neutral = ("FALSE", "TRUE") if isinstance(node, e.And) else ("TRUE", "FALSE")
        writer.line(depth, f"{out} = {neutral}")
        for index, part in enumerate(node.parts):
            value = _expression(writer, depth, part)
            writer.line(depth, f"if {value} is {decisive}:")
            writer.line(depth + 1, f"{out} = {decisive}")
            if index == len(node.parts) - 1:
                writer.line(depth, f"elif {value} is UNKNOWN:")
                writer.line(depth + 1, f"{out} = UNKNOWN")
            else:
                writer.line(depth, "else:")
                depth += 1
                writer.line(depth, f"if {value} is UNKNOWN:")
                writer.line(depth + 1, f"{out} = UNKNOWN")
    elif isinstance(node, e.Not):
        value = _expression(writer, depth, node.part)
        writer.line(
            depth,
            f"{out} = TRUE if {value} is FALSE else FALSE if {value} is TRUE else UNKNOWN",
        )
    elif isinstance(node, e.During):
        start = "None" if node.start is None else writer.constant(writer.fresh("DAY"), node.start)
        end = "None" if node.end is None else writer.constant(writer.fresh("DAY"), node.end)
        tests = [f"day < {start}"] if node.start is not None else []
        tests += [f"day > {end}"] if node.end is not None else []
        condition = " or ".join(tests) or "False"
        writer.line(depth, f"{out} = FALSE if {condition} else TRUE")
    elif isinstance(node, e.Reading):
        writer.line(
            depth,
            f"{out} = TRUE if ctx.readings.get({node.question!r}) == {node.choice!r} else FALSE",
        )
    elif isinstance(node, e.IfKnown):
        writer.line(depth, f"if {node.fact.name!r} in facts:")
        then = _expression(writer, depth + 1, node.then)
        writer.line(depth + 1, f"{out} = {then}")
        writer.line(depth, "else:")
        otherwise = _expression(writer, depth + 1, node.otherwise)
        writer.line(depth + 1, f"{out} = {otherwise}")
    elif isinstance(node, e.Derived):
        # The memo first: most uses of a named predicate find it already computed.
        function = writer.constant(writer.fresh("DERIVED"), node.compile())
        writer.line(depth, f"{out} = memo.get({node.name!r})")
        writer.line(depth, f"if {out} is None:")
        writer.line(depth + 1, f"{out} = {function}(ctx)")
    else:  # no inline form: call the node's own evaluator
        function = writer.constant(writer.fresh("NODE"), node.compile())
        writer.line(depth, f"{out} = {function}(ctx)")
    return out


def compile_derived(derived: e.Derived) -> tuple[Callable[[Context], Any], str]:
    """The memoised function of a named predicate (as ``Derived``'s closure), and its source."""
    writer = _Writer()
    name = "derived_" + "".join(c if c.isalnum() else "_" for c in derived.name)
    writer.line(0, f"def {name}(ctx):")
    writer.line(1, f'"""Generated from the definition of {derived.name!r} (codegen.py)."""')
    _prologue(writer, 1)
    writer.line(1, f"value = memo.get({derived.name!r})")
    writer.line(1, "if value is None:")
    result = _expression(writer, 2, derived.definition)
    writer.line(2, f"value = memo[{derived.name!r}] = {result}")
    writer.line(1, "return value")
    return writer.function(name), writer.source()


def compile_predicate(
    node: e.Node, name: str = "predicate"
) -> tuple[Callable[[Context], Any], str]:
    """A function evaluating ``node`` (as its ``compile()`` closure does), and its source."""
    writer = _Writer()
    writer.line(0, f"def {name}(ctx):")
    _prologue(writer, 1)
    result = _expression(writer, 1, node)
    writer.line(1, f"return {result}")
    return writer.function(name), writer.source()


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
        gate = _expression(writer, depth, step.when)
        if step.applied_out_of_period:  # the rule is listed even out of its period
            writer.line(depth, f"if {gate} is not TRUE:")
            writer.line(depth + 1, f"rules[{step.rule!r}] = None")
            writer.line(depth, "else:")
        else:
            writer.line(depth, f"if {gate} is TRUE:")
        depth += 1
    this = writer.constant(f"S{index}", step)
    writer.line(depth, f"rules[{step.rule!r}] = None")
    test = _expression(writer, depth, step.test)
    writer.line(depth, f"value = {test}")
    fires_on = "FALSE" if step.kind in ("scope", "condition") else "TRUE"
    writer.line(depth, f"fires = value is {fires_on}")
    writer.line(depth, f"trace.append(({this}, value, fires))")
    if step.reading_flags:
        writer.line(depth, f"readings_used.append(({this}, value is UNKNOWN, fires))")
    writer.line(depth, "if fires:")
    if step.kind == "condition" and step.unless is not None:
        derogation = _expression(writer, depth + 1, step.unless)
        writer.line(depth + 1, f"derogation = {derogation}")
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
    _prologue(writer, 1)
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
    return writer.function(name), writer.source()
