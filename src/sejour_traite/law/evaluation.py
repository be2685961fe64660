"""Evaluation: facts at a date -> the determination of scenario-format.md.

``evaluate`` applies the law in force on ``eval_date`` (the legal version is named in the
output), with the readings of the open questions (defaults of legal-spec §7 unless
overridden), and returns a ``Determination``: every right, document and measure with its
status, dates, articles, missing facts, flags, actions, the rules applied and an
explanation tree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sejour_traite.law import derived as d
from sejour_traite.law import readings as readings_module
from sejour_traite.law import registry
from sejour_traite.law.dates import check_supported
from sejour_traite.law.expressions import Age, Context, Not, Param, all_, any_, fact, ge, is_, truth
from sejour_traite.law.logic import FALSE, TRUE, UNKNOWN
from sejour_traite.law.outcomes import INDETERMINE, ObjectResult, evaluate_outcome
from sejour_traite.law.rules import procedures as p
from sejour_traite.law.rules.carte_resident import CARTE_RESIDENT, CARTE_RESIDENT_RENEWAL
from sejour_traite.law.rules.cst import (
    CST,
    CST_RENEWAL,
    CST_WITHDRAWAL,
    L432_1_1,
    cooperation_flags,
)
from sejour_traite.law.rules.others import APS, EU_RESIDENCE_CARD, REFLECTION_RECEPISSE

#: Objects of the determination, in the order of the JSON output.
OBJECT_ORDER = (
    "scope",
    "information",
    "reflection",
    "reflection_recepisse",
    "reflection_interruption",
    "removal_protection",
    "removal_decision",
    "itf_execution",
    "instruction_recepisse",
    "cst",
    "cst_renewal",
    "cst_withdrawal",
    "carte_resident",
    "carte_resident_renewal",
    "eu_residence_card",
    "aps",
    "l432_1_1",
    "allowance",
    "health",
    "rights",
    "contrat_republique",
    "racolage_as_offence",
)

CONTRACT_SIGNED = truth("contrat_republique_signed")
REFUSALS = frozenset({"DISCRETIONNAIRE", "NON_REMPLI", "EXCLU"})
RESIDENCE_PERMIT_REQUIRED = any_(
    d.adult,
    all_(ge(Age(), Param("P-MINOR-MIN-AGE-CST")), truth("wishes_to_work_or_train")),
)

_RESIDENCE_PERMIT_REQUIRED = RESIDENCE_PERMIT_REQUIRED.compile()


@dataclass
class Determination:
    """What the law says about a situation on a date (scenario-format.md)."""

    eval_date: date
    legal_version: str | None
    readings: Mapping[str, str]
    objects: dict[str, ObjectResult]
    regular_stay: bool | None
    residence_permit_required: bool | None
    alternative_basis: list[dict[str, Any]]
    deadlines: dict[str, Any]
    flags: list[str]
    actions: list[str]
    rules_applied: list[str]
    facts: Mapping[str, Any] = field(repr=False, default_factory=dict)

    def status(self, key: str) -> str | None:
        """Status of one object (``"cst"``), or ``None`` when it is not in the determination."""
        obj = self.objects.get(key)
        return None if obj is None else obj.status

    @property
    def missing_facts(self) -> list[str]:
        """Facts missing for every undecided object, in order of first appearance."""
        result: list[str] = []
        for obj in self.objects.values():
            if obj.status == INDETERMINE or obj.extra.get("legality") == INDETERMINE:
                for name in obj.missing_facts:
                    if name not in result:
                        result.append(name)
        return result

    def to_json(self, lang: str = "fr", explain: bool = True) -> dict[str, Any]:
        """The JSON determination; with ``explain``, the explanation tree in ``lang``."""
        data: dict[str, Any] = {
            "eval_date": self.eval_date.isoformat(),
            "legal_version": self.legal_version,
            "readings": dict(self.readings),
        }
        for key in OBJECT_ORDER:
            obj = self.objects.get(key)
            if obj is not None:
                data[key] = obj.to_json()
        data["regular_stay"] = self.regular_stay
        data["residence_permit_required"] = self.residence_permit_required
        data["alternative_basis"] = self.alternative_basis
        data["work"] = {"authorised": _work_authorised(self)}
        data["deadlines"] = self.deadlines
        data["missing_facts"] = self.missing_facts
        data["flags"] = self.flags
        data["actions"] = self.actions
        data["rules_applied"] = self.rules_applied
        if explain:
            from sejour_traite.law.explanation import explain as build

            data["explanation"] = build(self, lang)
        return data


def _work_authorised(determination: Determination) -> bool | None:
    """Whether a document held or due authorises work (R-REFLEXION-07, R-CST-05, R-RECEPISSE-02)."""
    objects = determination.objects
    if objects["reflection"].status == p.ACTIVE:
        return True
    kind = (determination.facts.get("current_document") or {}).get("kind")
    if determination.regular_stay and kind in ("cst", "aps", "carte_resident"):
        return True
    if determination.regular_stay and kind == "instruction_recepisse":
        return objects["instruction_recepisse"].extra.get("work_authorised")
    return None


def _contrat_republique(ctx: Context) -> ObjectResult:
    result = ObjectResult("contrat_republique", "NOT_REQUIRED", rules=["R-CST-08"])
    if d.algerian.ev(ctx) is TRUE:
        result.rules.append("R-SCOPE-06")
        return result
    applies = d.contract_applies.ev(ctx)
    if applies is TRUE:
        result.status = "REQUIRED"
        result.grounds.extend(["L412-7", "L412-8", "R412-1"])
        signed = CONTRACT_SIGNED.ev(ctx)
        result.extra["signed"] = signed.to_json()
    elif applies is UNKNOWN:
        result.status = INDETERMINE
        result.missing_facts = d.contract_applies.missing(ctx)
    return result


def evaluate(
    facts: Mapping[str, Any],
    eval_date: date,
    readings: Mapping[str, str] | None = None,
) -> Determination:
    """The determination of ``facts`` (validated, see ``facts.validate``) on ``eval_date``.

    Args:
        facts: typed facts; absent facts are unknown.
        eval_date: the date at which the law is applied.
        readings: alternative readings of open questions (``{"OQ-09": "cap_applies"}``);
            defaults to the readings adopted by legal-spec §7.
    """
    chosen = readings_module.resolve(readings) if readings else _default_readings()
    return evaluate_resolved(facts, eval_date, chosen)


def evaluate_resolved(
    facts: Mapping[str, Any], eval_date: date, chosen: Mapping[str, str]
) -> Determination:
    """``evaluate`` with readings already resolved (``readings.resolve``): every open question.

    The evaluation reads the readings only through ``chosen.get``, so ``reassess`` can tell
    which open questions a determination depends on.
    """
    check_supported(eval_date)
    ctx = Context(facts, eval_date, chosen)
    objects = _objects(ctx)
    period, cst = objects["reflection"], objects["cst"]
    renewal, resident = objects["cst_renewal"], objects["carte_resident"]
    alternatives, alternative_rules = p.alternative_basis(ctx, renewal, resident)

    # Ordered sets (dicts with None values) of the flags, actions and rules of every object.
    flag_set: dict[str, None] = {}
    action_set: dict[str, None] = {}
    rule_set: dict[str, None] = {}
    for obj in objects.values():
        for name in obj.flags:
            flag_set[name] = None
        for name in obj.actions:
            action_set[name] = None
        for name in obj.rules:
            rule_set[name] = None
    for name in cooperation_flags(ctx):
        flag_set[name] = None
    for name in alternative_rules:
        rule_set[name] = None
    if any(o.status in REFUSALS for o in (cst, renewal, resident)):
        rule_set["R-ADMIN-04"] = None  # a refusal must be motivated
    deadlines = p.deadlines(ctx, period, renewal)
    if "implicit_rejection" in deadlines:
        rule_set["R-ADMIN-03"] = None
    rules = sorted(rule_set, key=registry.order().__getitem__)
    flags, actions = list(flag_set), list(action_set)
    version = ctx.version
    return Determination(
        eval_date=eval_date,
        legal_version=None if version is None else version.id,
        readings=chosen,
        objects=objects,
        regular_stay=d.regular_stay.ev(ctx).to_json(),
        residence_permit_required=_RESIDENCE_PERMIT_REQUIRED(ctx).to_json(),
        alternative_basis=alternatives,
        deadlines=deadlines,
        flags=flags,
        actions=actions,
        rules_applied=rules,
        facts=facts,
    )


def evaluate_objects(
    facts: Mapping[str, Any], eval_date: date, chosen: Mapping[str, str]
) -> dict[str, ObjectResult]:
    """The objects of the determination only: what ``reassess`` compares.

    The same computation as ``evaluate_resolved``, without what summarises the objects
    (flags and rules applied, deadlines, alternative bases, regular stay).
    """
    check_supported(eval_date)
    return _objects(Context(facts, eval_date, chosen))


def _objects(ctx: Context) -> dict[str, ObjectResult]:
    """Every right, document and measure of the determination, in the order of the JSON."""
    objects: dict[str, ObjectResult] = {}
    objects["scope"] = p.scope(ctx)
    objects["information"] = p.information(ctx)
    period = p.reflection(ctx)
    objects["reflection"] = period
    recepisse = evaluate_outcome(REFLECTION_RECEPISSE, ctx)
    objects["reflection_recepisse"] = recepisse
    objects["reflection_interruption"] = p.reflection_interruption(ctx, period)
    objects["removal_protection"] = p.removal_protection(ctx, period)
    removal = p.removal_decision(ctx)
    if removal is not None:
        objects["removal_decision"] = removal
    objects["itf_execution"] = p.itf_execution(ctx, period)
    objects["instruction_recepisse"] = p.instruction_recepisse(ctx)
    cst = evaluate_outcome(CST, ctx)
    objects["cst"] = cst
    renewal = evaluate_outcome(CST_RENEWAL, ctx)
    objects["cst_renewal"] = renewal
    objects["cst_withdrawal"] = evaluate_outcome(CST_WITHDRAWAL, ctx)
    resident = evaluate_outcome(CARTE_RESIDENT, ctx)
    objects["carte_resident"] = resident
    objects["carte_resident_renewal"] = evaluate_outcome(CARTE_RESIDENT_RENEWAL, ctx)
    objects["eu_residence_card"] = evaluate_outcome(EU_RESIDENCE_CARD, ctx)
    objects["aps"] = evaluate_outcome(APS, ctx)
    objects["l432_1_1"] = evaluate_outcome(L432_1_1, ctx)
    objects["allowance"] = p.allowance(ctx, period, recepisse, cst)
    objects["health"] = p.health(ctx, period)
    objects["rights"] = p.rights(ctx, cst)
    objects["contrat_republique"] = _contrat_republique(ctx)
    racolage = p.racolage(ctx)
    if racolage is not None:
        objects["racolage_as_offence"] = racolage
    return objects


_DEFAULTS: dict[str, str] = {}


def _default_readings() -> dict[str, str]:
    if not _DEFAULTS:
        _DEFAULTS.update(readings_module.defaults())
    return _DEFAULTS


def _extend(target: list[str], items: list[str]) -> None:
    for item in items:
        if item not in target:
            target.append(item)


__all__ = ["FALSE", "Determination", "Not", "evaluate", "fact", "is_"]
