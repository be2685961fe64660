"""Expression trees: the conditions of the law as data.

Each node evaluates against a ``Context`` (facts, evaluation date, readings of the open
questions) and can say which unknown facts keep it undecided (``missing``) and how it reads
(``text``, for the generated documentation). Value nodes return a Python value, ``MISSING``
(unknown) or ``NONE`` (event known not to have happened); predicate nodes return a
``Trivalent``. Comparisons follow legal-spec §0: unknown operand -> UNKNOWN; ``none``
operand -> FALSE.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sejour_traite.law import dates, parameters, versions
from sejour_traite.law.logic import FALSE, MISSING, NONE, TRUE, UNKNOWN, Trivalent, of


class Context:
    """What an evaluation reads: facts, the evaluation date, readings; with a memo.

    ``params`` (every parameter in force) and ``version`` (the legal version) depend on the
    date only: they are looked up once per date (``_by_day``).
    """

    __slots__ = ("day", "facts", "memo", "params", "readings", "version")

    def __init__(self, facts: Mapping[str, Any], day: date, readings: Mapping[str, str]) -> None:
        self.facts = facts
        self.day = day
        self.readings = readings
        found = _BY_DAY.get(day)
        if found is None:
            found = _by_day(day)
        self.params, self.version = found
        self.memo: dict[Any, Any] = {}

    def param(self, name: str) -> Any:
        """Value of parameter ``name`` on the evaluation date, ``MISSING`` if not in force."""
        return self.params.get(name, MISSING)


_BY_DAY: dict[date, tuple[dict[str, Any], versions.LegalVersion | None]] = {}


def _by_day(day: date) -> tuple[dict[str, Any], versions.LegalVersion | None]:
    """The parameters and the legal version in force on ``day`` (cached, bounded)."""
    if len(_BY_DAY) >= 20_000:
        _BY_DAY.clear()
    found = _BY_DAY[day] = (parameters.snapshot(day), versions.select(day))
    return found


def _eval_date(ctx: Context) -> Any:
    return ctx.day


_UNHASHABLE = (dict, tuple, frozenset, list)


class Node:
    """Base of expression nodes.

    Every node has a reference evaluator (``ev``) and a compiled one (``compile``): the
    closures make the hot path of bulk evaluation cheap without a second definition.
    """

    def ev(self, ctx: Context) -> Any:
        """Evaluate against ``ctx``."""
        raise NotImplementedError

    def missing(self, ctx: Context) -> list[str]:
        """Names of the unknown facts that leave this node undecided (empty when known)."""
        return []

    def fact_names(self) -> set[str]:
        """Every fact this node may read (for documentation and questions)."""
        return set()

    def text(self) -> str:
        """The node as a formula in the vocabulary of legal-spec §3."""
        raise NotImplementedError

    def compile(self) -> Callable[[Context], Any]:
        """A closure evaluating this node (the fast path; ``ev`` is the reference)."""
        return self.ev


# ---------------------------------------------------------------- values


@dataclass(frozen=True, slots=True)
class Fact(Node):
    """The value of a fact of legal-spec §5."""

    name: str

    def ev(self, ctx: Context) -> Any:
        return ctx.facts.get(self.name, MISSING)

    def compile(self) -> Callable[[Context], Any]:
        name = self.name

        def fact_value(ctx: Context, _missing: Any = MISSING) -> Any:
            return ctx.facts.get(name, _missing)

        return fact_value

    def missing(self, ctx: Context) -> list[str]:
        return [self.name] if self.name not in ctx.facts else []

    def fact_names(self) -> set[str]:
        return {self.name}

    def text(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class Field(Node):
    """A field of a record fact (``complaint.kind``)."""

    record: Fact
    name: str

    def ev(self, ctx: Context) -> Any:
        value = ctx.facts.get(self.record.name, MISSING)
        if value is MISSING or value is NONE:
            return value
        return value.get(self.name, MISSING)

    def compile(self) -> Callable[[Context], Any]:
        record, name = self.record.name, self.name

        def field_value(ctx: Context, _missing: Any = MISSING, _none: Any = NONE) -> Any:
            value = ctx.facts.get(record, _missing)
            if value is _missing or value is _none:
                return value
            return value.get(name, _missing)

        return field_value

    def missing(self, ctx: Context) -> list[str]:
        return [self.record.name] if self.ev(ctx) is MISSING else []

    def fact_names(self) -> set[str]:
        return {self.record.name}

    def text(self) -> str:
        return f"{self.record.name}.{self.name}"


@dataclass(frozen=True, slots=True)
class Const(Node):
    """A constant (an enumeration value of §5, never a legal number: those are parameters)."""

    value: Any

    def ev(self, ctx: Context) -> Any:
        return self.value

    def compile(self) -> Callable[[Context], Any]:
        value = self.value
        return lambda ctx: value

    def text(self) -> str:
        return "none" if self.value is NONE else str(self.value)


@dataclass(frozen=True, slots=True)
class Param(Node):
    """A legal parameter (legal-spec §4) in force on the evaluation date."""

    name: str

    def ev(self, ctx: Context) -> Any:
        return ctx.params.get(self.name, MISSING)

    def compile(self) -> Callable[[Context], Any]:
        name = self.name

        def param_value(ctx: Context, _missing: Any = MISSING) -> Any:
            return ctx.params.get(name, _missing)

        return param_value

    def text(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class EvalDate(Node):
    """The evaluation date."""

    def ev(self, ctx: Context) -> Any:
        return ctx.day

    def compile(self) -> Callable[[Context], Any]:
        return _eval_date

    def text(self) -> str:
        return "eval_date"


@dataclass(frozen=True, slots=True)
class Age(Node):
    """Full years between ``date_of_birth`` and the evaluation date."""

    def ev(self, ctx: Context) -> Any:
        memo = ctx.memo
        if "age" in memo:
            return memo["age"]
        born = ctx.facts.get("date_of_birth", MISSING)
        age = MISSING if born is MISSING else dates.full_years(born, ctx.day)
        memo["age"] = age
        return age

    def missing(self, ctx: Context) -> list[str]:
        return [] if "date_of_birth" in ctx.facts else ["date_of_birth"]

    def fact_names(self) -> set[str]:
        return {"date_of_birth"}

    def text(self) -> str:
        return "age"


@dataclass(frozen=True, slots=True)
class AddDays(Node):
    """A date plus a number of calendar days (a parameter)."""

    base: Node
    days: Node
    sign: int = 1

    def ev(self, ctx: Context) -> Any:
        day, count = self.base.ev(ctx), self.days.ev(ctx)
        if day is MISSING or day is NONE:
            return day
        if count is MISSING:
            return MISSING
        return dates.add_days(day, self.sign * count)

    def missing(self, ctx: Context) -> list[str]:
        return self.base.missing(ctx)

    def fact_names(self) -> set[str]:
        return self.base.fact_names()

    def text(self) -> str:
        return f"{self.base.text()} {'+' if self.sign > 0 else '-'} {self.days.text()} days"


# ---------------------------------------------------------------- predicates


class Predicate(Node):
    """A node whose value is a Trivalent."""

    def ev(self, ctx: Context) -> Trivalent:
        raise NotImplementedError


def _children_missing(children: tuple[Node, ...], ctx: Context) -> list[str]:
    result: list[str] = []
    for child in children:
        if child.ev(ctx) is UNKNOWN or child.ev(ctx) is MISSING:
            for name in child.missing(ctx):
                if name not in result:
                    result.append(name)
    return result


@dataclass(frozen=True, slots=True)
class Truth(Predicate):
    """A boolean fact as a Trivalent."""

    value: Node

    def ev(self, ctx: Context) -> Trivalent:
        value = self.value.ev(ctx)
        if value is MISSING:
            return UNKNOWN
        return TRUE if value is True else FALSE

    def compile(self) -> Callable[[Context], Any]:
        inner = self.value.compile()

        def truth_value(ctx: Context) -> Trivalent:
            value = inner(ctx)
            if value is True:
                return TRUE
            return UNKNOWN if value is MISSING else FALSE

        return truth_value

    def missing(self, ctx: Context) -> list[str]:
        return self.value.missing(ctx)

    def fact_names(self) -> set[str]:
        return self.value.fact_names()

    def text(self) -> str:
        return self.value.text()


@dataclass(frozen=True, slots=True)
class In(Predicate):
    """``value in {choices}`` (``==`` when there is one choice)."""

    value: Node
    choices: frozenset[Any]

    def ev(self, ctx: Context) -> Trivalent:
        value = self.value.ev(ctx)
        if value is MISSING:
            return UNKNOWN
        if value is NONE:
            return TRUE if NONE in self.choices else FALSE
        if isinstance(value, dict | tuple | frozenset):  # a record or a set is never a choice
            return FALSE
        return TRUE if value in self.choices else FALSE

    def compile(self) -> Callable[[Context], Any]:
        inner, choices = self.value.compile(), self.choices
        none_chosen = TRUE if NONE in choices else FALSE

        def in_value(ctx: Context) -> Trivalent:
            value = inner(ctx)
            if value is MISSING:
                return UNKNOWN
            if value is NONE:
                return none_chosen
            if type(value) in _UNHASHABLE:
                return FALSE
            return TRUE if value in choices else FALSE

        return in_value

    def missing(self, ctx: Context) -> list[str]:
        return self.value.missing(ctx)

    def fact_names(self) -> set[str]:
        return self.value.fact_names()

    def text(self) -> str:
        if len(self.choices) == 1:
            return f"{self.value.text()} == {_show(next(iter(self.choices)))}"
        return f"{self.value.text()} in {{{', '.join(sorted(map(_show, self.choices)))}}}"


def _show(value: Any) -> str:
    return "none" if value is NONE else str(value)


_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


@dataclass(frozen=True, slots=True)
class Compare(Predicate):
    """An order comparison; ``none`` operands make it FALSE, unknown ones UNKNOWN."""

    left: Node
    op: str
    right: Node

    def ev(self, ctx: Context) -> Trivalent:
        left, right = self.left.ev(ctx), self.right.ev(ctx)
        if left is MISSING or right is MISSING:
            if left is NONE or right is NONE:
                return FALSE
            return UNKNOWN
        if left is NONE or right is NONE:
            return FALSE
        return TRUE if _OPS[self.op](left, right) else FALSE

    def compile(self) -> Callable[[Context], Any]:
        left_fn, right_fn, op = self.left.compile(), self.right.compile(), _OPS[self.op]

        def compare_value(ctx: Context) -> Trivalent:
            left, right = left_fn(ctx), right_fn(ctx)
            if left is NONE or right is NONE:
                return FALSE
            if left is MISSING or right is MISSING:
                return UNKNOWN
            return TRUE if op(left, right) else FALSE

        return compare_value

    def missing(self, ctx: Context) -> list[str]:
        return _children_missing((self.left, self.right), ctx)

    def fact_names(self) -> set[str]:
        return self.left.fact_names() | self.right.fact_names()

    def text(self) -> str:
        return f"{self.left.text()} {self.op} {self.right.text()}"


@dataclass(frozen=True, slots=True)
class Intersects(Predicate):
    """A set fact shares at least one element with a set parameter."""

    value: Node
    other: Node

    def ev(self, ctx: Context) -> Trivalent:
        value, other = self.value.ev(ctx), self.other.ev(ctx)
        if value is MISSING or other is MISSING:
            return UNKNOWN
        if value is NONE:
            return FALSE
        return TRUE if not value.isdisjoint(other) else FALSE

    def compile(self) -> Callable[[Context], Any]:
        value_fn, other_fn = self.value.compile(), self.other.compile()

        def intersects_value(ctx: Context) -> Trivalent:
            value, other = value_fn(ctx), other_fn(ctx)
            if value is MISSING or other is MISSING:
                return UNKNOWN
            if value is NONE:
                return FALSE
            return FALSE if value.isdisjoint(other) else TRUE

        return intersects_value

    def missing(self, ctx: Context) -> list[str]:
        return self.value.missing(ctx)

    def fact_names(self) -> set[str]:
        return self.value.fact_names()

    def text(self) -> str:
        return f"{self.value.text()} ∩ {self.other.text()} ≠ ∅"


@dataclass(frozen=True, slots=True)
class And(Predicate):
    """Kleene conjunction."""

    parts: tuple[Predicate, ...]

    def ev(self, ctx: Context) -> Trivalent:
        result = TRUE
        for part in self.parts:
            value = part.ev(ctx)
            if value is FALSE:
                return FALSE
            if value is UNKNOWN:
                result = UNKNOWN
        return result

    def compile(self) -> Callable[[Context], Any]:
        parts = tuple(part.compile() for part in self.parts)

        def and_value(ctx: Context) -> Trivalent:
            result = TRUE
            for part in parts:
                value: Trivalent = part(ctx)
                if value is FALSE:
                    return FALSE
                if value is UNKNOWN:
                    result = UNKNOWN
            return result

        return and_value

    def missing(self, ctx: Context) -> list[str]:
        return _children_missing(self.parts, ctx)

    def fact_names(self) -> set[str]:
        return set().union(*(part.fact_names() for part in self.parts))

    def text(self) -> str:
        return " and ".join(_wrap(part) for part in self.parts)


@dataclass(frozen=True, slots=True)
class Or(Predicate):
    """Kleene disjunction."""

    parts: tuple[Predicate, ...]

    def ev(self, ctx: Context) -> Trivalent:
        result = FALSE
        for part in self.parts:
            value = part.ev(ctx)
            if value is TRUE:
                return TRUE
            if value is UNKNOWN:
                result = UNKNOWN
        return result

    def compile(self) -> Callable[[Context], Any]:
        parts = tuple(part.compile() for part in self.parts)

        def or_value(ctx: Context) -> Trivalent:
            result = FALSE
            for part in parts:
                value: Trivalent = part(ctx)
                if value is TRUE:
                    return TRUE
                if value is UNKNOWN:
                    result = UNKNOWN
            return result

        return or_value

    def missing(self, ctx: Context) -> list[str]:
        return _children_missing(self.parts, ctx)

    def fact_names(self) -> set[str]:
        return set().union(*(part.fact_names() for part in self.parts))

    def text(self) -> str:
        return " or ".join(_wrap(part) for part in self.parts)


def _wrap(node: Node) -> str:
    return f"({node.text()})" if isinstance(node, And | Or) else node.text()


@dataclass(frozen=True, slots=True)
class Not(Predicate):
    """Kleene negation."""

    part: Predicate

    def ev(self, ctx: Context) -> Trivalent:
        value = self.part.ev(ctx)
        return TRUE if value is FALSE else FALSE if value is TRUE else UNKNOWN

    def compile(self) -> Callable[[Context], Any]:
        inner = self.part.compile()

        def not_value(ctx: Context) -> Trivalent:
            value = inner(ctx)
            return TRUE if value is FALSE else FALSE if value is TRUE else UNKNOWN

        return not_value

    def missing(self, ctx: Context) -> list[str]:
        return self.part.missing(ctx)

    def fact_names(self) -> set[str]:
        return self.part.fact_names()

    def text(self) -> str:
        return f"not {_wrap(self.part)}"


@dataclass(frozen=True, slots=True)
class During(Predicate):
    """The evaluation date lies in ``[start, end]`` (``end`` None: open). Always known."""

    start: date | None
    end: date | None

    def ev(self, ctx: Context) -> Trivalent:
        day = ctx.day
        if self.start is not None and day < self.start:
            return FALSE
        if self.end is not None and day > self.end:
            return FALSE
        return TRUE

    def text(self) -> str:
        start = self.start.isoformat() if self.start else "…"
        end = self.end.isoformat() if self.end else "…"
        return f"eval_date within [{start}, {end}]"


@dataclass(frozen=True, slots=True)
class InForce(Predicate):
    """A parameter has a value on the evaluation date (and it is not ``false``)."""

    name: str

    def ev(self, ctx: Context) -> Trivalent:
        value = ctx.param(self.name)
        return FALSE if value is MISSING or value is False else TRUE

    def compile(self) -> Callable[[Context], Any]:
        name = self.name

        def in_force(ctx: Context) -> Trivalent:
            value = ctx.params.get(name, False)
            return FALSE if value is False else TRUE

        return in_force

    def text(self) -> str:
        return f"{self.name} in force"


@dataclass(frozen=True, slots=True)
class Reading(Predicate):
    """The reading adopted for an open question of legal-spec §7 is ``choice``."""

    question: str
    choice: str

    def ev(self, ctx: Context) -> Trivalent:
        return of(ctx.readings.get(self.question) == self.choice)

    def text(self) -> str:
        return f"reading {self.question} = {self.choice}"


@dataclass(frozen=True, slots=True)
class AnyRecord(Predicate):
    """Some record of a list fact has every given field equal to the given value."""

    fact: Fact
    where: tuple[tuple[str, Any], ...]
    since_param: str | None = None  # only records dated on or after this date parameter

    def ev(self, ctx: Context) -> Trivalent:
        records = self.fact.ev(ctx)
        if records is MISSING:
            return UNKNOWN
        result = FALSE
        for record in records:
            value = TRUE
            for key, expected in self.where:
                found = record.get(key, MISSING)
                if found is MISSING:
                    value = UNKNOWN if value is TRUE else value
                elif found != expected:
                    value = FALSE
                    break
            if self.since_param is not None and value is not FALSE:
                limit, day = ctx.param(self.since_param), record.get("date", MISSING)
                if limit is MISSING:
                    value = FALSE
                elif day is MISSING:
                    value = UNKNOWN
                elif day < limit:
                    value = FALSE
            if value is TRUE:
                return TRUE
            if value is UNKNOWN:
                result = UNKNOWN
        return result

    def missing(self, ctx: Context) -> list[str]:
        return [self.fact.name] if self.ev(ctx) is UNKNOWN else []

    def fact_names(self) -> set[str]:
        return {self.fact.name}

    def text(self) -> str:
        conditions = " and ".join(f"{key} == {value}" for key, value in self.where)
        if self.since_param:
            conditions += f" and date >= {self.since_param}"
        return f"any {self.fact.name} with {conditions}"


_EU_EEA_CH: dict[tuple[str, date], Trivalent] = {}


def _eu_eea_ch(code: Any, ctx: Context) -> Trivalent:
    members = ctx.param("P-EU-MEMBERS")
    eea = ctx.param("P-EEA-CH")
    inside = code in (() if eea is MISSING else eea) or any(
        member["country"] == code
        and member["joined"] <= ctx.day
        and (member.get("left") is None or ctx.day <= member["left"])
        for member in (() if members is MISSING else members)
    )
    return TRUE if inside else FALSE


@dataclass(frozen=True, slots=True)
class EuEeaSwiss(Predicate):
    """``is_eu_eea_ch(nationality, eval_date)`` of legal-spec §3 (P-EU-MEMBERS, P-EEA-CH)."""

    nationality: Fact = field(default_factory=lambda: Fact("nationality"))

    def ev(self, ctx: Context) -> Trivalent:
        code = self.nationality.ev(ctx)
        if code is MISSING:
            return UNKNOWN
        if type(code) is not str:  # not validated: computed, not kept
            return _eu_eea_ch(code, ctx)
        # The answer depends on the nationality and the date only (the parameters are those
        # of the date): it is kept across evaluations.
        key = (code, ctx.day)
        result = _EU_EEA_CH.get(key)
        if result is None:
            if len(_EU_EEA_CH) >= 100_000:
                _EU_EEA_CH.clear()
            result = _EU_EEA_CH[key] = _eu_eea_ch(code, ctx)
        return result

    def missing(self, ctx: Context) -> list[str]:
        return self.nationality.missing(ctx)

    def fact_names(self) -> set[str]:
        return {"nationality"}

    def text(self) -> str:
        return "nationality in P-EU-MEMBERS(eval_date) ∪ P-EEA-CH"


@dataclass(frozen=True, slots=True)
class IfKnown(Predicate):
    """``then`` when ``fact`` is known, ``otherwise`` when it is unknown (benefit of the doubt)."""

    fact: Fact
    then: Predicate
    otherwise: Predicate

    def ev(self, ctx: Context) -> Trivalent:
        if self.fact.name in ctx.facts:
            return self.then.ev(ctx)
        return self.otherwise.ev(ctx)

    def compile(self) -> Callable[[Context], Any]:
        name, then, otherwise = self.fact.name, self.then.compile(), self.otherwise.compile()

        def if_known(ctx: Context) -> Trivalent:
            result: Trivalent = then(ctx) if name in ctx.facts else otherwise(ctx)
            return result

        return if_known

    def missing(self, ctx: Context) -> list[str]:
        branch = self.then if self.fact.name in ctx.facts else self.otherwise
        missing = branch.missing(ctx)
        if self.fact.name not in ctx.facts and self.fact.name not in missing:
            missing = [self.fact.name, *missing]
        return missing

    def fact_names(self) -> set[str]:
        return {self.fact.name} | self.then.fact_names() | self.otherwise.fact_names()

    def text(self) -> str:
        return (
            f"({self.then.text()}) if {self.fact.text()} is known, else ({self.otherwise.text()})"
        )


@dataclass(frozen=True, slots=True)
class Derived(Predicate):
    """A named auxiliary predicate of legal-spec §3 (``cooperation``, ``third_country`` …)."""

    name: str
    definition: Predicate
    _fn: Callable[[Context], Any] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        # The definition as one generated function, memoised per evaluation (codegen.py);
        # ``reference`` is the same from the nodes' closures.
        from sejour_traite.law.codegen import compile_derived

        function, _source = compile_derived(self)
        object.__setattr__(self, "_fn", function)

    def reference(self) -> Callable[[Context], Any]:
        """The memoised closure of the definition (the reference for the generated code)."""
        name, definition = self.name, self.definition.compile()

        def derived_value(ctx: Context) -> Trivalent:
            memo = ctx.memo
            value = memo.get(name)
            if value is None:
                value = memo[name] = definition(ctx)
            result: Trivalent = value
            return result

        return derived_value

    def ev(self, ctx: Context) -> Trivalent:
        value = ctx.memo.get(self.name)  # most calls find the value already computed
        if value is None:
            assert self._fn is not None
            value = self._fn(ctx)
        result: Trivalent = value
        return result

    def compile(self) -> Callable[[Context], Any]:
        assert self._fn is not None
        return self._fn

    def missing(self, ctx: Context) -> list[str]:
        return self.definition.missing(ctx)

    def fact_names(self) -> set[str]:
        return self.definition.fact_names()

    def text(self) -> str:
        return self.name


def derived_in(node: Node) -> list[Derived]:
    """The named auxiliary predicates a tree uses (depth first, each once)."""
    found: dict[str, Derived] = {}

    def walk(current: Any) -> None:
        if isinstance(current, Derived):
            if current.name not in found:
                walk(current.definition)
                found[current.name] = current
            return
        if isinstance(current, Node):
            for name in getattr(current, "__dataclass_fields__", {}):
                if not name.startswith("_"):
                    walk(getattr(current, name))
        elif isinstance(current, tuple):
            for item in current:
                walk(item)

    walk(node)
    return list(found.values())


# ---------------------------------------------------------------- small constructors


def fact(name: str) -> Fact:
    """Shorthand for ``Fact(name)``."""
    return Fact(name)


def field_of(record: str, name: str) -> Field:
    """Shorthand for ``Field(Fact(record), name)``."""
    return Field(Fact(record), name)


def is_(value: Node, *choices: Any) -> In:
    """``value == choice`` or ``value in choices``."""
    return In(value, frozenset(choices))


def all_(*parts: Predicate) -> And:
    """Kleene ``and`` of the parts."""
    return And(tuple(parts))


def any_(*parts: Predicate) -> Or:
    """Kleene ``or`` of the parts."""
    return Or(tuple(parts))


def le(left: Node, right: Node) -> Compare:
    """``left <= right``."""
    return Compare(left, "<=", right)


def lt(left: Node, right: Node) -> Compare:
    """``left < right``."""
    return Compare(left, "<", right)


def ge(left: Node, right: Node) -> Compare:
    """``left >= right``."""
    return Compare(left, ">=", right)


def truth(name: str) -> Truth:
    """A boolean fact as a predicate."""
    return Truth(Fact(name))


def since(day: str) -> During:
    """The evaluation date is on or after ``day`` (ISO)."""
    return During(date.fromisoformat(day), None)


def until(day: str) -> During:
    """The evaluation date is on or before ``day`` (ISO)."""
    return During(None, date.fromisoformat(day))


def between(start: str, end: str) -> During:
    """The evaluation date lies in ``[start, end]`` (ISO dates)."""
    return During(date.fromisoformat(start), date.fromisoformat(end))


def is_none(value: Node) -> In:
    """An event fact is ``none`` (known not to have happened)."""
    return In(value, frozenset({NONE}))
