"""Outcome definitions: how the steps of the law combine into one status (legal-spec §0).

An outcome (the first CST, its renewal, the carte de résident …) is a list of steps, each a
condition of the law with its rule ID and the articles it rests on:

* ``scope``     — must hold, else ``NON_APPLICABLE``;
* ``bar``       — an explicit bar (*fait obstacle*, *sauf si*): when it holds, ``EXCLU``;
* ``condition`` — must hold, else ``NON_REMPLI`` (or the step's own status, e.g. the
  procedural ``INDETERMINE`` of R-IDENT-01); a derogation (``unless``) turns an unmet
  condition into a discretionary examination, as the law writes it;
* ``ground``    — a discretionary ground (*peut*, *peut refuser*): when it holds, the status
  is ``DISCRETIONNAIRE`` (the basis is otherwise *de plein droit*);
* ``guidance``  — administrative guidance (``FAVORABLE``), never a status.

Combination: scope, then bars known to apply, then conditions known to be unmet, then
unknown facts (``INDETERMINE`` with the missing facts), and only then the nature of the
basis. Every step found to apply is listed, so that a refusal can be motivated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from sejour_traite.law import versions
from sejour_traite.law.expressions import Context, During, Predicate
from sejour_traite.law.logic import FALSE, TRUE, UNKNOWN, Trivalent

DE_PLEIN_DROIT = "DE_PLEIN_DROIT"
DISCRETIONNAIRE = "DISCRETIONNAIRE"
NON_REMPLI = "NON_REMPLI"
EXCLU = "EXCLU"
NON_APPLICABLE = "NON_APPLICABLE"
INDETERMINE = "INDETERMINE"
OUTCOME_STATUSES = (DE_PLEIN_DROIT, DISCRETIONNAIRE, NON_REMPLI, EXCLU, NON_APPLICABLE, INDETERMINE)
POSITIVE = frozenset({DE_PLEIN_DROIT, DISCRETIONNAIRE})
NEGATIVE = frozenset({NON_REMPLI, EXCLU, NON_APPLICABLE})


@dataclass(frozen=True, slots=True)
class Grounds:
    """Articles on which a step rests, by period: ``((start, end, articles), …)``."""

    periods: tuple[tuple[date | None, date | None, tuple[str, ...]], ...] = ()

    def at(self, day: date) -> tuple[str, ...]:
        """The articles in force on ``day``."""
        for start, end, articles in self.periods:
            if (start is None or start <= day) and (end is None or day <= end):
                return articles
        return ()

    def all(self) -> tuple[str, ...]:
        """Every article, all periods together (for documentation)."""
        seen: list[str] = []
        for _, _, articles in self.periods:
            seen.extend(a for a in articles if a not in seen)
        return tuple(seen)


@cache
def since_version(version_id: str) -> During:
    """The evaluation date is on or after the start of legal version ``version_id``."""
    return During(_start(version_id), None)


@cache
def before_version(version_id: str) -> During:
    """The evaluation date is before the start of legal version ``version_id``."""
    return During(None, _end_before(version_id))


@cache
def versions_between(first: str, last: str) -> During:
    """The evaluation date lies from the start of ``first`` to the end of ``last``."""
    return During(_start(first), versions.by_id(last).end)


def grounds_by_version(*periods: tuple[str, str | None, tuple[str, ...]]) -> Grounds:
    """Articles by version range: ``(first_version, last_version or None, articles)``."""
    return Grounds(
        tuple(
            (_start(first), versions.by_id(last).end if last else None, articles)
            for first, last, articles in periods
        )
    )


#: A step that always holds (used for flags and guidance tied to a period only).
ALWAYS = During(None, None)


def always(*articles: str) -> Grounds:
    """The same articles in every period."""
    return Grounds(((None, None, articles),))


def _start(version_id: str) -> date:
    return versions.by_id(version_id).start


def _end_before(version_id: str) -> date:
    start = versions.by_id(version_id).start
    return date.fromordinal(start.toordinal() - 1)


def split_at(version_id: str, before: tuple[str, ...], after: tuple[str, ...]) -> Grounds:
    """``before`` until the day before ``version_id`` starts, ``after`` from then on."""
    return Grounds(((None, _end_before(version_id), before), (_start(version_id), None, after)))


@cache
def old_new(old: str | tuple[str, ...], new: str | tuple[str, ...]) -> Grounds:
    """Old numbering before the recodification of 1 May 2021 (V2021), new numbering after."""
    return split_at("V2021", _as_tuple(old), _as_tuple(new))


def _as_tuple(articles: str | tuple[str, ...]) -> tuple[str, ...]:
    return (articles,) if isinstance(articles, str) else articles


NO_GROUNDS = Grounds()


@dataclass(frozen=True, slots=True)
class Step:
    """One condition of an outcome, with its rule and its articles."""

    kind: str  # scope | bar | condition | ground | guidance
    rule: str
    test: Predicate
    label: str
    grounds: Grounds = NO_GROUNDS
    when: Predicate | None = None  # period or regime gate: the step exists only when TRUE
    applied_out_of_period: bool = False
    on_false: str | None = None  # status when a condition is unmet (default NON_REMPLI)
    missing_on_false: tuple[str, ...] = ()
    unless: Predicate | None = None  # derogation to an unmet condition
    unless_rule: str | None = None
    unless_grounds: Grounds = NO_GROUNDS
    guidance: str | None = None  # guidance given when this step fires (ground, guidance, unless)
    flags: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    confidence: str | None = None
    reading_flags: tuple[str, ...] = ()  # open questions whose reading this step applies
    #: for the explanation: when this step fires, its rule's "met" or "not met" sentence
    #: applies (default: by the rule's polarity)
    fires_means: str | None = None


@dataclass(frozen=True)
class Outcome:
    """A right, document or measure, and the steps that decide its status."""

    key: str
    steps: tuple[Step, ...]
    basis: Grounds
    rules: tuple[str, ...] = ()  # rules applied whenever the outcome is evaluated
    extra: Callable[[Context, ObjectResult], None] | None = None
    #: a measure the authority *may* take when one of its grounds holds (withdrawal,
    #: interruption): DISCRETIONNAIRE when a ground holds, NON_REMPLI when none does.
    grounds_required: bool = False
    #: the steps with their compiled conditions (built once, at definition time)
    plan: tuple[tuple[Step, Any, Any, bool], ...] = field(default=(), init=False, repr=False)
    #: the generated function that combines the steps (codegen.py), and its source
    run: Callable[[Context], ObjectResult] = field(init=False, repr=False, compare=False)
    source: str = field(default="", init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        from sejour_traite.law.codegen import compile_outcome

        plan = tuple(
            (
                step,
                None if step.when is None else step.when.compile(),
                step.test.compile(),
                step.kind in ("scope", "condition"),
            )
            for step in self.steps
        )
        object.__setattr__(self, "plan", plan)
        run, source = compile_outcome(self)
        object.__setattr__(self, "run", run)
        object.__setattr__(self, "source", source)


class ObjectResult:
    """The evaluated status of one object of the determination.

    The missing facts behind an undecided step are worked out only when asked for
    (``missing_facts``): most evaluations never need them.
    """

    __slots__ = (
        "_missing",
        "_pending",
        "actions",
        "confidence",
        "extra",
        "flags",
        "grounds",
        "guidance",
        "key",
        "rule_results",
        "rules",
        "status",
        "trace",
    )

    def __init__(
        self,
        key: str,
        status: str,
        *,
        grounds: list[str] | None = None,
        missing_facts: list[str] | None = None,
        rules: list[str] | None = None,
    ) -> None:
        self.key = key
        self.status = status
        self.grounds: list[str] = grounds if grounds is not None else []
        self._missing: list[str] = missing_facts if missing_facts is not None else []
        self._pending: list[tuple[Predicate, Context]] = []
        self.flags: list[str] = []
        self.actions: list[str] = []
        self.rules: list[str] = rules if rules is not None else []
        self.guidance: str | None = None
        self.confidence = "H"
        #: (step, value, fired) for every step evaluated: the explanation tree's data
        self.trace: list[tuple[Step, Trivalent, bool]] = []
        #: explicit results of rules applied by procedures (True: met, False: not met)
        self.rule_results: dict[str, bool | None] = {}
        self.extra: dict[str, Any] = {}

    @property
    def missing_facts(self) -> list[str]:
        """Facts whose absence leaves this object undecided, in asking order."""
        if self._pending:
            for node, ctx in self._pending:
                _add(self._missing, node.missing(ctx))
            self._pending.clear()
        return self._missing

    @missing_facts.setter
    def missing_facts(self, names: list[str]) -> None:
        self._pending.clear()
        self._missing = names

    def defer_missing(self, node: Predicate, ctx: Context) -> None:
        """Record that ``node`` is undecided; its missing facts are computed on demand."""
        self._pending.append((node, ctx))

    def to_json(self) -> dict[str, Any]:
        """The JSON object of scenario-format.md for this right or document."""
        status = self.status
        data: dict[str, Any] = {"status": status}
        if self.grounds:
            data["grounds"] = self.grounds
        missing = self.missing_facts
        if missing:
            data["missing_facts"] = missing
        if self.guidance and status == DISCRETIONNAIRE:
            data["guidance"] = self.guidance
        if status in _MOTIVATED:
            data["motivation_required"] = True
        data["confidence"] = self.confidence
        data.update(self.extra)
        return data


_MOTIVATED = frozenset({DISCRETIONNAIRE, NON_REMPLI, EXCLU})  # refusals must be motivated
_CONFIDENCE_ORDER = {"H": 2, "M": 1, "L": 0}


def lower_confidence(current: str, other: str) -> str:
    """The weaker of two confidence letters."""
    return other if _CONFIDENCE_ORDER[other] < _CONFIDENCE_ORDER[current] else current


def _add(target: list[str], items: tuple[str, ...] | list[str]) -> None:
    for item in items:
        if item not in target:
            target.append(item)


def evaluate_outcome(outcome: Outcome, ctx: Context) -> ObjectResult:
    """Combine the steps of ``outcome`` into one status, in the order of legal-spec §0.

    Runs the function generated for the outcome (codegen.py); ``interpret_outcome`` is the
    reference it follows.
    """
    return outcome.run(ctx)


def interpret_outcome(outcome: Outcome, ctx: Context) -> ObjectResult:
    """Reference evaluation of ``outcome``: the steps in a loop, then ``combine``."""
    day = ctx.day
    result = ObjectResult(outcome.key, INDETERMINE)
    rules: dict[str, None] = dict.fromkeys(outcome.rules)  # ordered set of the rules applied
    missing = result.missing_facts
    not_applicable: list[str] = []
    excluded: list[str] = []
    unmet: list[str] = []
    discretionary: list[str] = []
    unknown = False
    scope_unknown = False
    readings_used: list[tuple[Step, bool, bool]] = []
    trace = result.trace
    for step, when, test, fires_when_false in outcome.plan:
        if when is not None and when(ctx) is not TRUE:
            if step.applied_out_of_period:
                rules[step.rule] = None
            continue
        rules[step.rule] = None
        value = test(ctx)
        kind = step.kind
        fires = (value is FALSE) if fires_when_false else (value is TRUE)
        trace.append((step, value, fires))
        if step.reading_flags:
            readings_used.append((step, value is UNKNOWN, fires))
        if fires:
            if kind == "condition" and step.unless is not None:
                derogation = step.unless.ev(ctx)
                if step.unless_rule:
                    rules[step.unless_rule] = None
                if derogation is TRUE:
                    _add(discretionary, step.unless_grounds.at(day))
                    result.guidance = step.guidance or result.guidance
                    continue
                if derogation is UNKNOWN:
                    unknown = True
                    result.defer_missing(step.unless, ctx)
                    continue
            _add(result.flags, step.flags)
            _add(result.actions, step.actions)
            if step.confidence:
                result.confidence = lower_confidence(result.confidence, step.confidence)
            grounds = step.grounds.at(day)
            if kind == "scope":
                _add(not_applicable, grounds)
                not_applicable.append("")  # marks that a scope step fired
            elif kind == "bar":
                _add(excluded, grounds)
                excluded.append("")
            elif kind == "condition":
                if step.on_false == INDETERMINE:
                    unknown = True
                    _add(missing, step.missing_on_false)
                else:
                    _add(unmet, grounds)
                    unmet.append("")
            elif kind == "ground":
                _add(discretionary, grounds)
                discretionary.append("")
                result.guidance = step.guidance or result.guidance
            elif kind == "guidance":
                result.guidance = step.guidance or result.guidance
        elif value is UNKNOWN and kind != "guidance":
            unknown = True
            scope_unknown = scope_unknown or kind == "scope"
            result.defer_missing(step.test, ctx)
    combine(
        outcome,
        ctx,
        result,
        rules,
        not_applicable,
        excluded,
        unmet,
        discretionary,
        unknown,
        scope_unknown,
        readings_used,
    )
    return result


def combine(  # noqa: PLR0913 - the state of the loop over the steps, handed over as it is
    outcome: Outcome,
    ctx: Context,
    result: ObjectResult,
    rules: dict[str, None],
    not_applicable: list[str],
    excluded: list[str],
    unmet: list[str],
    discretionary: list[str],
    unknown: bool,
    scope_unknown: bool,
    readings_used: list[tuple[Step, bool, bool]],
) -> None:
    """The status from the steps found to apply, in the order of legal-spec §0."""
    day = ctx.day
    final: list[str]
    if not_applicable:
        result.status, final = NON_APPLICABLE, not_applicable
    elif outcome.grounds_required:
        if scope_unknown:
            result.status, final = INDETERMINE, []
        elif excluded or discretionary:
            result.status, final = DISCRETIONNAIRE, excluded + discretionary
        elif unknown:
            result.status, final = INDETERMINE, []
        else:
            result.status, final = NON_REMPLI, unmet
    elif excluded:
        result.status, final = EXCLU, excluded + unmet
    elif unmet:
        result.status, final = NON_REMPLI, unmet
    elif unknown:
        result.status, final = INDETERMINE, []
    elif discretionary:
        result.status, final = DISCRETIONNAIRE, discretionary + list(outcome.basis.at(day))
    else:
        result.status, final = DE_PLEIN_DROIT, list(outcome.basis.at(day))
    _add(result.grounds, [g for g in final if g])
    for step, undecided, fired in readings_used:
        # The result rests on a reading when it is granted, or when this step decided it.
        if result.status in POSITIVE or fired or (undecided and result.status == INDETERMINE):
            _add(result.flags, step.reading_flags)
    if result.status != INDETERMINE:
        result.missing_facts = []
    result.rules = list(rules)
    if outcome.extra is not None:
        outcome.extra(ctx, result)
