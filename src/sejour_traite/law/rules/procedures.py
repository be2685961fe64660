"""Procedural computations of the law: the reflection period and its dates
(R-REFLEXION-02/05/06/08), removal (R-INFO-02, R-MINOR-03), rights attached to each
document (R-RECEPISSE-02, R-SOCIAL-*), alternatives (R-NOCONV-01, R-NONCOOP-01), scope
(R-SCOPE-01..03, 06), information duties (R-INFO-01, R-INFO-03) and deadlines.

Each function returns an ``ObjectResult`` whose ``rules`` name the rules applied; unknown
facts are kept unknown: a status is given only when every completion of the unknown facts
would give the same one (dates are checked at every breakpoint of the comparisons).
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

from sejour_traite.law import dates
from sejour_traite.law import derived as d
from sejour_traite.law.expressions import (
    AnyRecord,
    Context,
    Derived,
    InForce,
    all_,
    any_,
    fact,
    field_of,
    ge,
    is_,
    truth,
)
from sejour_traite.law.logic import FALSE, MISSING, NONE, TRUE, UNKNOWN, Trivalent
from sejour_traite.law.outcomes import (
    DISCRETIONNAIRE,
    INDETERMINE,
    NON_APPLICABLE,
    NON_REMPLI,
    ObjectResult,
    old_new,
    since_version,
)
from sejour_traite.law.rules.others import BG_RO_REGIME, reflection_days

ACTIVE = "ACTIVE"
_UNKNOWN_DATE = object()  # an unknown date or event (to enumerate)

# Predicates used by the procedures below, built once (R-REFLEXION-08, R-INFO-02 …).
REFLECTION_OPTIONAL = Derived(
    "reflection_not_requested_and_cooperation",
    all_(d.informed, is_(fact("reflection_requested"), False), d.cooperation),
)
REFERRAL = truth("police_referral_to_prefecture")
INFORMATION_FAILURE = Derived(
    "information_failure",
    all_(
        truth("police_reasonable_grounds"),
        is_(fact("information_given_date"), NONE),
        ge(field_of("removal_decision", "date"), fact("police_hearing_date")),
    ),
)
ITF_IN_FORCE = truth("judicial_itf_in_force")
RECOGNISED_AS_MINOR = truth("recognised_victim_as_minor")
INSTRUCTION_RECEPISSE_PRACTICE = InForce("P-INSTRUCTION-RECEPISSE-MONTHS")
BG_RO_IN_FORCE = InForce("P-BG-RO-SPECIAL-REGIME")
CROATIAN = is_(fact("nationality"), "HR")
REASONABLE_GROUNDS = truth("police_reasonable_grounds")
MINOR_HEARD = Derived("presumed_minor_heard", all_(d.presumed_minor, d.police_heard))
DECLARED_MINOR = truth("declared_minor")
FACTS_NOT_QUESTIONED = is_(fact("reality_of_facts_questioned"), False)
ADA_CONDITIONS = Derived("ada_conditions", all_(d.adult_for_ada, d.resources_below_ceiling))
DOCUMENT_EXPIRY = field_of("current_document", "valid_until")
FILING_DATE = field_of("application", "filing_date")
RACOLAGE = Derived(
    "racolage_after_abolition",
    any_(
        AnyRecord(fact("alleged_offence_acts"), (("kind", "racolage"),), "P-RACOLAGE-ABOLISHED"),
        AnyRecord(fact("victim_convictions"), (("article", "225-10-1"),), "P-RACOLAGE-ABOLISHED"),
    ),
)
SINCE_2009, SINCE_2021 = since_version("V2009"), since_version("V2021")
OTHER_DOCUMENT = is_(field_of("current_document", "kind"), "carte_resident", "aps")
RACOLAGE_ACTS = Derived(
    "racolage_alleged_or_convicted",
    any_(
        AnyRecord(fact("alleged_offence_acts"), (("kind", "racolage"),)),
        AnyRecord(fact("victim_convictions"), (("article", "225-10-1"),)),
    ),
)


# ---------------------------------------------------------------- reflection period


def _event_candidates(value: Any, breakpoints: list[date], low: date, high: date) -> list[Any]:
    """Concrete stand-ins for an unknown event date: none, and each region between breakpoints."""
    if value is not _UNKNOWN_DATE:
        return [value]
    candidates: list[Any] = [None]
    for point in breakpoints:
        for shift in (-1, 0, 1):
            day = point + timedelta(days=shift)
            if low <= day <= high and day not in candidates:
                candidates.append(day)
    return candidates


def _cooperation_date(ctx: Context) -> list[Any]:
    """Dates of the complaint and of the testimony (None: no such act; _UNKNOWN_DATE)."""
    if ctx.readings.get("OQ-02") == "decree_grounds_only":
        return [None]
    result: list[Any] = []
    complaint = ctx.facts.get("complaint", MISSING)
    if complaint is MISSING:
        result.append(_UNKNOWN_DATE)
    else:
        kind = complaint.get("kind", MISSING)
        if kind is MISSING:
            result.append(_UNKNOWN_DATE)
        elif kind == "penal":
            result.append(complaint.get("filed_date", _UNKNOWN_DATE))
    testimony = ctx.facts.get("testimony", MISSING)
    if testimony is MISSING:
        result.append(_UNKNOWN_DATE)
    elif testimony is not NONE:
        result.append(testimony.get("date", _UNKNOWN_DATE))
    return result or [None]


def _decide(
    at: date, start: date, nominal_end: date, coop: list[Any], interruption: Any
) -> tuple[str, date]:
    """R-REFLEXION-02 for concrete dates (None = no such event)."""
    in_period = [c for c in coop if c is not None and start <= c <= nominal_end]
    early = min(in_period) if in_period else None
    interrupted = (
        interruption if interruption is not None and start <= interruption <= nominal_end else None
    )
    end = min(x for x in (nominal_end, early, interrupted) if x is not None)
    if at < start:
        return "NOT_STARTED", end
    if early is not None and (interrupted is None or early <= interrupted) and at >= early:
        return "ENDED_BY_COOPERATION", end
    if interrupted is not None and (early is None or interrupted < early) and at >= interrupted:
        return "INTERRUPTED", end
    if at <= nominal_end:
        return ACTIVE, end
    return "EXPIRED", end


def reflection_at(ctx: Context, at: date) -> tuple[str, dict[str, Any], list[str]]:
    """Status of the reflection period on ``at``: (status, dates, missing facts)."""
    scope = d.third_country.ev(ctx)
    if scope is FALSE:
        return NON_APPLICABLE, {}, []
    delivery = ctx.facts.get("reflection_recepisse_delivery_date", MISSING)
    if delivery is MISSING or scope is UNKNOWN:
        missing = [] if delivery is not MISSING else ["reflection_recepisse_delivery_date"]
        return INDETERMINE, {}, missing + d.third_country.missing(ctx)
    if delivery is NONE:
        optional = REFLECTION_OPTIONAL
        referral = REFERRAL.ev(ctx)
        without = {FALSE: NON_APPLICABLE, TRUE: "NOT_STARTED", UNKNOWN: INDETERMINE}[referral]
        chosen = optional.ev(ctx)
        if chosen is TRUE:
            return "NOT_REQUESTED", {}, []
        if chosen is FALSE and without != INDETERMINE:
            return without, {}, []
        missing = optional.missing(ctx) if chosen is UNKNOWN else []
        if referral is UNKNOWN:
            missing.append("police_referral_to_prefecture")
        return INDETERMINE, {}, missing
    days = reflection_days(ctx)
    if days is None:
        return NON_APPLICABLE, {}, []
    start = delivery
    nominal_end = dates.add_days(start, days)
    info: dict[str, Any] = {"start": start, "nominal_end": nominal_end}
    coop = _cooperation_date(ctx)
    interruption = ctx.facts.get("reflection_interruption_decision_date", MISSING)
    interruption = (
        None
        if interruption is NONE
        else (_UNKNOWN_DATE if interruption is MISSING else interruption)
    )
    known = [x for x in [*coop, interruption] if isinstance(x, date)]
    breakpoints = [start, nominal_end, at, *known]
    choices = [_event_candidates(c, breakpoints, start, nominal_end) for c in coop]
    outcomes = {
        _decide(at, start, nominal_end, list(combo[:-1]), combo[-1])
        for combo in itertools.product(
            *choices, _event_candidates(interruption, breakpoints, start, nominal_end)
        )
    }
    statuses = {status for status, _ in outcomes}
    ends = {end for _, end in outcomes}
    if len(ends) == 1:
        info["end"] = next(iter(ends))
    if len(statuses) == 1:
        return next(iter(statuses)), info, []
    missing = []
    if _UNKNOWN_DATE in coop:
        for name in ("complaint", "testimony"):
            if name not in ctx.facts:
                missing.append(name)
    if interruption is _UNKNOWN_DATE:
        missing.append("reflection_interruption_decision_date")
    return INDETERMINE, info, missing or ["complaint"]


def reflection(ctx: Context) -> ObjectResult:
    """R-REFLEXION-02, R-REFLEXION-08: the reflection period on the evaluation date."""
    status, info, missing = reflection_at(ctx, ctx.day)
    result = ObjectResult("reflection", status, missing_facts=missing)
    result.rules.extend(["R-REFLEXION-02"])
    result.rule_results["R-REFLEXION-02"] = None if status == INDETERMINE else "start" in info
    result.rule_results["R-REFLEXION-08"] = status == "NOT_REQUESTED"
    result.rule_results["R-REFLEXION-07"] = status == ACTIVE
    if status == "NOT_REQUESTED" or ctx.facts.get("reflection_recepisse_delivery_date") is NONE:
        result.rules.append("R-REFLEXION-08")
    if status == NON_APPLICABLE and d.third_country.ev(ctx) is FALSE:
        result.flags.append("OQ_23")
    result.grounds.extend(old_new("R316-2", "R425-2").at(ctx.day))
    if "start" in info:
        result.extra["start"] = info["start"].isoformat()
        result.extra["nominal_end"] = info["nominal_end"].isoformat()
        result.flags.append("OQ_01")
        if "end" in info:
            result.extra["end"] = info["end"].isoformat()
        if status == "ENDED_BY_COOPERATION":
            result.flags.append("OQ_02")
    if status == ACTIVE:
        # R-REFLEXION-07: rights during the period.
        result.rules.append("R-REFLEXION-07")
        result.extra["work_authorised"] = True
        result.extra["social_support"] = True
    if information_failure(ctx) is TRUE:
        result.extra["entitlement"] = "INVOCABLE"
    return result


def information_failure(ctx: Context) -> Trivalent:
    """R-INFO-02: reasonable grounds, no information, then a removal decision."""
    removal = ctx.facts.get("removal_decision", MISSING)
    if removal is NONE:
        return FALSE
    return INFORMATION_FAILURE.ev(ctx)


def reflection_interruption(ctx: Context, period: ObjectResult) -> ObjectResult:
    """R-REFLEXION-05: the prefect *may* interrupt the period and withdraw the récépissé."""
    result = ObjectResult("reflection_interruption", NON_APPLICABLE, rules=["R-REFLEXION-05"])
    result.grounds.extend(old_new("R316-2 al. 2", "R425-2 al. 2").at(ctx.day))
    start, end = period.extra.get("start"), period.extra.get("end")
    if start is None:
        if period.status == INDETERMINE:
            result.status = INDETERMINE
            result.missing_facts = list(period.missing_facts)
        return result
    ties = ctx.facts.get("ties_renewed_on_own_initiative_date", MISSING)
    if ties is MISSING or end is None:
        ties_within = UNKNOWN
    elif ties is NONE:
        ties_within = FALSE
    else:
        ties_within = TRUE if start <= ties.isoformat() <= end else FALSE
    serious = d.serious_threat.ev(ctx)
    threat = d.threat.ev(ctx)
    result.rule_results["R-REFLEXION-05"] = (
        True
        if TRUE in (ties_within, serious)
        else None
        if UNKNOWN in (ties_within, serious)
        else False
    )
    if ties_within is TRUE or serious is TRUE:
        result.status = DISCRETIONNAIRE
    elif ties_within is FALSE and serious is FALSE:
        result.status = "NON_FONDEE" if threat is TRUE else NON_REMPLI
    else:
        result.status = INDETERMINE
        if ties is MISSING:
            result.missing_facts.append("ties_renewed_on_own_initiative_date")
        elif ties_within is UNKNOWN:
            # The end of the period is unknown: a complaint or testimony may have ended it.
            result.missing_facts.extend(
                name
                for name in ("complaint", "testimony", "reflection_interruption_decision_date")
                if name not in ctx.facts
            )
        if serious is UNKNOWN:
            result.missing_facts.append("public_order_threat")
    return result


def removal_protection(ctx: Context, period: ObjectResult) -> ObjectResult:
    """R-REFLEXION-06 and R-MINOR-03: protection from administrative removal on the date."""
    minor = d.presumed_minor.ev(ctx)
    active = period.status == ACTIVE
    result = ObjectResult(
        "removal_protection", "NOT_PROTECTED", rules=["R-REFLEXION-06", "R-MINOR-03"]
    )
    if active:
        result.status = "PROTECTED"
        result.grounds.extend(old_new("R316-2", "R425-2").at(ctx.day))
    result.rule_results["R-REFLEXION-06"] = active
    result.rule_results["R-MINOR-03"] = minor.to_json()
    if minor is TRUE:
        result.status = "PROTECTED"
        result.grounds.extend(old_new("L511-4 1°", "L611-3 1°").at(ctx.day))
    elif not active and (minor is UNKNOWN or period.status == INDETERMINE):
        result.status = INDETERMINE
        result.missing_facts = list(period.missing_facts) + d.presumed_minor.missing(ctx)
    return result


def removal_decision(ctx: Context) -> ObjectResult | None:
    """R-INFO-02, R-REFLEXION-06, R-MINOR-03: legality of the removal decision given."""
    removal = ctx.facts.get("removal_decision", MISSING)
    if removal is MISSING or removal is NONE:
        return None
    result = ObjectResult("removal_decision", "ASSESSED", rules=["R-INFO-02", "R-REFLEXION-06"])
    kind = removal.get("type", MISSING)
    grounds: list[str] = []
    unknown = False
    failure = information_failure(ctx)
    result.rule_results["R-INFO-02"] = failure.to_json()
    if failure is TRUE:
        grounds.extend(
            [
                "R425-1" if SINCE_2021.ev(ctx) is TRUE else "R316-1",
                "CE 15 juin 2012 n° 339209",
            ]
        )
    unknown |= failure is UNKNOWN
    if kind in ("OQTF", "APRF"):
        for key in ("date", "enforced_date"):
            day = removal.get(key, MISSING)
            if day is MISSING:
                continue
            status, _, _ = reflection_at(ctx, day)
            if status == ACTIVE:
                grounds.extend(old_new("R316-2", "R425-2").at(day))
            unknown |= status == INDETERMINE
        if kind == "OQTF":
            result.rules.append("R-MINOR-03")
            minor = d.presumed_minor.ev(ctx)
            if minor is TRUE:
                grounds.extend(old_new("L511-4 1°", "L611-3 1°").at(ctx.day))
            unknown |= minor is UNKNOWN
    elif kind is not MISSING:
        result.flags.append("OQ_16")  # only L511-1 / L611-1 measures are barred
    result.extra["type"] = None if kind is MISSING else kind
    if grounds:
        result.status = "ILLEGAL"
        result.extra["legality"] = "ILLEGAL"
        result.grounds = list(dict.fromkeys(grounds))
    else:
        result.extra["legality"] = INDETERMINE if unknown else "NO_DEFECT_FOUND"
        result.status = result.extra["legality"]
    return result


def itf_execution(ctx: Context, period: ObjectResult) -> ObjectResult:
    """R-REFLEXION-06: a judicial ITF during the period is referred to the procureur."""
    result = ObjectResult("itf_execution", NON_APPLICABLE, rules=["R-REFLEXION-06"])
    result.rule_results["R-REFLEXION-06"] = period.status == ACTIVE
    itf = ITF_IN_FORCE.ev(ctx)
    if itf is TRUE and period.status == ACTIVE:
        result.status = DISCRETIONNAIRE
        result.grounds.append("circulaire IMIM0900054C §2.1")
        result.extra["referral_to_procureur"] = True
    elif itf is UNKNOWN and period.status == ACTIVE:
        result.status = INDETERMINE
        result.missing_facts.append("judicial_itf_in_force")
    return result


def instruction_recepisse(ctx: Context) -> ObjectResult:
    """R-RECEPISSE-02: the récépissé given while a CST application is instructed."""
    result = ObjectResult("instruction_recepisse", "INFO", rules=["R-RECEPISSE-02"])
    if SINCE_2021.ev(ctx) is TRUE:
        result.extra["work_authorised"] = True
        result.grounds.extend(["R431-12", "R431-14"])
    elif INSTRUCTION_RECEPISSE_PRACTICE.ev(ctx) is TRUE:
        result.extra["work_authorised"] = True
        result.confidence = "M"
        result.grounds.append("R311-4 al. 1")
    else:
        result.extra["work_authorised"] = None  # the circular's paragraph is struck through
        result.flags.append("OQ_28")
        result.confidence = "L"
    result.rule_results["R-RECEPISSE-02"] = result.extra["work_authorised"]
    months = ctx.param("P-INSTRUCTION-RECEPISSE-MONTHS")
    if months is not MISSING:
        result.extra["validity_months"] = months
    return result


# ---------------------------------------------------------------- scope, information


def scope(ctx: Context) -> ObjectResult:
    """R-SCOPE-01, R-SCOPE-02, R-SCOPE-03, R-SCOPE-06: personal scope of the regime."""
    result = ObjectResult("scope", "IN_SCOPE", rules=["R-SCOPE-01", "R-SCOPE-02"])
    bg_ro = BG_RO_REGIME.ev(ctx)
    if BG_RO_IN_FORCE.ev(ctx) is TRUE:
        result.rules.append("R-SCOPE-03")
        if CROATIAN.ev(ctx) is TRUE:
            result.flags.append("OQ_13")
    third = d.third_country.ev(ctx)
    result.rule_results["R-SCOPE-01"] = third.to_json()
    result.rule_results["R-SCOPE-02"] = None if third is UNKNOWN else third is FALSE
    result.rule_results["R-SCOPE-03"] = bg_ro.to_json()
    result.rule_results["R-SCOPE-06"] = True
    if bg_ro is TRUE:
        result.status = "SPECIAL_REGIME_BG_RO"
        result.grounds.append("circulaire IMIM0900054C §4.2")
    elif bg_ro is UNKNOWN:
        result.status = INDETERMINE
        result.missing_facts = ["nationality"]
    elif third is FALSE:
        result.status = NON_APPLICABLE
        result.flags.append("EU_FREE_MOVEMENT_RULES")
        result.grounds.extend(old_new("L121-1", ("L200-1", "L200-3")).at(ctx.day))
    elif third is UNKNOWN:
        result.status = INDETERMINE
        result.missing_facts = d.third_country.missing(ctx)
    else:
        result.grounds.extend(old_new("L316-1", "L425-1").at(ctx.day))
    if d.algerian.ev(ctx) is TRUE:
        result.rules.append("R-SCOPE-06")
        result.flags.extend(["ALGERIAN_REGIME", "OQ_12"])
    return result


def information(ctx: Context) -> ObjectResult:
    """R-INFO-01 and R-INFO-03: information duty of the police; minors and the procureur."""
    result = ObjectResult("information", "INFO", rules=["R-INFO-01", "R-INFO-03"])
    grounds = REASONABLE_GROUNDS.ev(ctx)
    result.extra["due"] = grounds.to_json()
    result.extra["given"] = d.informed.ev(ctx).to_json()
    result.grounds.extend(old_new("R316-1", "R425-1").at(ctx.day))
    result.rule_results["R-INFO-01"] = grounds.to_json()
    minor = d.presumed_minor.ev(ctx)
    result.rule_results["R-INFO-03"] = MINOR_HEARD.ev(ctx).to_json()
    if minor is TRUE and d.police_heard.ev(ctx) is TRUE:
        result.flags.append("PROCUREUR_TO_BE_INFORMED")
    if "date_of_birth" not in ctx.facts and DECLARED_MINOR.ev(ctx) is TRUE:
        result.flags.append("MINORITY_TO_BE_ESTABLISHED")
    return result


# ---------------------------------------------------------------- alternatives


def alternative_basis(
    ctx: Context, renewal: ObjectResult, resident: ObjectResult
) -> tuple[list[dict[str, Any]], list[str]]:
    """R-NOCONV-01 and R-NONCOOP-01: other bases to examine, each discretionary."""
    rules: list[str] = []
    items: dict[str, dict[str, Any]] = {}
    if d.third_country.ev(ctx) is not TRUE:
        return [], rules
    new = SINCE_2021.ev(ctx) is TRUE
    private_life, exceptional = ("L423-23", "L435-1") if new else ("L313-11 7°", "L313-14")
    closed = d.closed_without_conviction.ev(ctx)
    cooperation = d.cooperation.ev(ctx)
    both_fail = renewal.status == NON_REMPLI and resident.status == NON_REMPLI
    rules.append("R-NOCONV-01")
    if closed is TRUE or (cooperation is TRUE and both_fail):
        favourable = (
            closed is TRUE and FACTS_NOT_QUESTIONED.ev(ctx) is TRUE and SINCE_2009.ev(ctx) is TRUE
        )
        for basis in (private_life, exceptional):
            items[basis] = {"basis": basis, "status": DISCRETIONNAIRE, "rule": "R-NOCONV-01"}
            if favourable:
                items[basis]["guidance"] = "FAVORABLE"
    rules.append("R-NONCOOP-01")
    if cooperation is FALSE:
        efforts = ctx.facts.get("integration_efforts", MISSING)
        item = items.setdefault(
            exceptional, {"basis": exceptional, "status": DISCRETIONNAIRE, "rule": "R-NONCOOP-01"}
        )
        if efforts is not MISSING and efforts:
            item["guidance"] = "FAVORABLE"
        item["elements_to_weigh"] = [
            "fear_of_reprisals",
            "integration_efforts",
            "elements_of_victimhood",
        ]
    return list(items.values()), rules


# ---------------------------------------------------------------- social rights


def allowance(
    ctx: Context, period: ObjectResult, recepisse: ObjectResult, cst: ObjectResult
) -> ObjectResult:
    """R-SOCIAL-01 and R-REFLEXION-07: ATA, then ADA (from 2015-11-01, CST holders only).

    The ADA is paid while the CST is held: a person holding another document (carte de
    résident, APS) or whose CST has expired is not eligible; a person about to receive the
    CST may apply once it is issued if she is 18 or over and her resources are below the RSA.
    """
    result = ObjectResult("allowance", INDETERMINE, rules=["R-SOCIAL-01"])
    kind = ctx.param("P-ALLOWANCE")
    result.extra["kind"] = None if kind is MISSING else kind
    result.rule_results["R-REFLEXION-07"] = period.status == ACTIVE
    if kind is MISSING:
        result.status = "NOT_ELIGIBLE"
        return result
    holder = d.holds_valid_cst.ev(ctx)
    other_document = OTHER_DOCUMENT.ev(ctx) is TRUE
    expired_cst = d.holds_cst.ev(ctx) is TRUE and holder is FALSE
    reflection_context = period.status == ACTIVE or recepisse.status == "DE_PLEIN_DROIT"
    cst_context = cst.status in ("DE_PLEIN_DROIT", DISCRETIONNAIRE)
    refused = cst.status in ("NON_REMPLI", "EXCLU", NON_APPLICABLE)
    if kind == "ATA":
        if holder is TRUE or cst_context or reflection_context:
            result.status = "ELIGIBLE_TO_APPLY"
            result.grounds.append("R316-7 2°")
            if reflection_context and holder is not TRUE:
                result.rules.append("R-REFLEXION-07")
        elif other_document or expired_cst or refused:
            result.status = "NOT_ELIGIBLE"
        else:
            result.missing_facts = list(cst.missing_facts)
        return result
    grounds = old_new(("L744-10 2°", "D744-18", "D744-20"), ("L425-2",)).at(ctx.day)
    result.grounds.extend(grounds)
    if holder is TRUE or (cst_context and not other_document and not expired_cst):
        value = ADA_CONDITIONS.ev(ctx)
        if value is FALSE:
            result.status = "NOT_ELIGIBLE"
        elif value is UNKNOWN:
            result.defer_missing(ADA_CONDITIONS, ctx)
        elif holder is TRUE:
            result.status = "ELIGIBLE"
            if ctx.param("P-ADA-DURATION") == "while_cst_held":
                result.extra["end"] = ctx.facts["current_document"]["valid_until"].isoformat()
            else:
                result.flags.append("OQ_24")
        else:
            result.status = "ELIGIBLE_TO_APPLY"  # once the CST is issued
    elif other_document or expired_cst:
        result.status = "NOT_ELIGIBLE"
    elif reflection_context:
        result.rules.append("R-REFLEXION-07")
        result.flags.append("OQ_03")
    elif refused and holder is FALSE:
        result.status = "NOT_ELIGIBLE"
    else:
        result.missing_facts = list(dict.fromkeys([*cst.missing_facts, "current_document"]))
    return result


def rights(ctx: Context, cst: ObjectResult) -> ObjectResult:
    """R-SOCIAL-03 to R-SOCIAL-06 (with R-CST-05): what the CST gives besides residence."""
    result = ObjectResult(
        "rights",
        NON_APPLICABLE,
        rules=["R-SOCIAL-03", "R-SOCIAL-04", "R-SOCIAL-05", "R-SOCIAL-06"],
    )
    holder = d.holds_valid_cst.ev(ctx)
    if holder is TRUE or cst.status in ("DE_PLEIN_DROIT", DISCRETIONNAIRE):
        result.status = "OPEN" if holder is TRUE else "OPEN_ON_ISSUANCE"
        result.extra["items"] = [
            {"right": "work_and_vocational_training", "rule": "R-CST-05"},
            {"right": "accommodation_chrs_and_ac_se", "rule": "R-SOCIAL-03"},
            {"right": "legal_aid_and_civi_compensation", "rule": "R-SOCIAL-04"},
            {"right": "police_protection_if_in_danger", "rule": "R-SOCIAL-05"},
            {"right": "social_support_and_return_assistance", "rule": "R-SOCIAL-06"},
        ]
        result.grounds.extend(
            old_new(("R316-7", "R316-8", "R316-9"), ("R425-7", "R425-8", "R425-9")).at(ctx.day)
        )
    for rule_id in result.rules:
        result.rule_results[rule_id] = result.status != NON_APPLICABLE
    return result


def health(ctx: Context, period: ObjectResult) -> ObjectResult:
    """R-SOCIAL-02: AME during the reflection period; social protection for CST holders."""
    result = ObjectResult("health", "INFO", rules=["R-SOCIAL-02"])
    if d.holds_valid_cst.ev(ctx) is TRUE:
        result.extra["kind"] = "PROTECTION_SOCIALE"  # CSS L380-1, then L160-1 (PUMa)
        result.grounds.extend(old_new("R316-7 1°", "R425-7 1°").at(ctx.day))
    elif period.status == ACTIVE:
        result.extra["kind"] = "AME"
        result.grounds.append("CASF L251-1")
    else:
        result.extra["kind"] = None
    result.rule_results["R-SOCIAL-02"] = result.extra["kind"] is not None
    return result


def deadlines(ctx: Context, period: ObjectResult, renewal: ObjectResult) -> dict[str, Any]:
    """Deadlines the office must watch (reflection end, expiry, renewal window, silence)."""
    result: dict[str, Any] = {}
    if period.status in (ACTIVE, "NOT_STARTED", INDETERMINE) and "start" in period.extra:
        # The end to watch: the known end, or at the latest the nominal end (30 days).
        result["reflection_end"] = period.extra.get("end") or period.extra["nominal_end"]
    expiry = DOCUMENT_EXPIRY.ev(ctx)
    if expiry is not MISSING:
        result["document_expiry"] = expiry.isoformat()
    if "filing_window" in renewal.extra:
        result["renewal_window"] = renewal.extra["filing_window"]
    filed = FILING_DATE.ev(ctx)
    months = ctx.param("P-IMPLICIT-REJECTION-MONTHS")
    if filed is not MISSING and months is not MISSING:
        # R-ADMIN-03: silence kept for 4 months is an implicit rejection.
        result["implicit_rejection"] = dates.add_months(filed, int(months)).isoformat()
    born = ctx.facts.get("date_of_birth", MISSING)
    majority = ctx.param("P-MAJORITY-AGE")
    filing = ctx.param("P-MAJORITY-FILING-MONTHS")
    if born is not MISSING and majority is not MISSING and filing is not MISSING:
        # R-MINOR-04: a minor, or a victim recognised as a minor, files at the latest two
        # months after her 18th birthday; the deadline stays until it has passed.
        deadline = dates.add_months(dates.add_years(born, int(majority)), int(filing))
        concerned = d.presumed_minor.ev(ctx) is TRUE or RECOGNISED_AS_MINOR.ev(ctx) is TRUE
        if concerned and ctx.day <= deadline:
            result["majority_filing_deadline"] = deadline.isoformat()
    return result


def racolage(ctx: Context) -> ObjectResult | None:
    """R-VICTIMCONV-02: a racolage act after its abolition (2016-04-15) is not an offence."""
    if RACOLAGE_ACTS.ev(ctx) is not TRUE:
        return None
    after = RACOLAGE.ev(ctx)
    status = (
        "IGNORED" if after is TRUE else "OFFENCE_AT_THE_TIME" if after is FALSE else INDETERMINE
    )
    result = ObjectResult(
        "racolage_as_offence", status, rules=["R-VICTIMCONV-02"], grounds=["loi 2016-444"]
    )
    result.rule_results["R-VICTIMCONV-02"] = after.to_json()
    return result


#: Rules computed by the procedures of this module (not by outcome steps), for the
#: documentation and the completeness check: rule ID -> the function that applies it.
PROCEDURES = {
    "R-SCOPE-01": scope,
    "R-SCOPE-02": scope,
    "R-SCOPE-03": scope,
    "R-SCOPE-06": scope,
    "R-INFO-01": information,
    "R-INFO-02": removal_decision,
    "R-INFO-03": information,
    "R-REFLEXION-02": reflection,
    "R-REFLEXION-04": reflection,
    "R-REFLEXION-05": reflection_interruption,
    "R-REFLEXION-06": removal_protection,
    "R-REFLEXION-07": reflection,
    "R-REFLEXION-08": reflection,
    "R-RECEPISSE-02": instruction_recepisse,
    "R-MINOR-03": removal_protection,
    "R-NOCONV-01": alternative_basis,
    "R-NONCOOP-01": alternative_basis,
    "R-SOCIAL-01": allowance,
    "R-SOCIAL-02": health,
    "R-SOCIAL-03": rights,
    "R-SOCIAL-04": rights,
    "R-SOCIAL-05": rights,
    "R-SOCIAL-06": rights,
    "R-VICTIMCONV-02": racolage,
    "R-ADMIN-03": deadlines,
}

#: Rules that only describe what the office does or what a person receives, with no
#: condition to evaluate: they are documented and shown to users, never evaluated.
INFORMATIONAL = (
    "R-ADMIN-01",  # AGDREF code and statistics: with R-CST-11
    "R-ADMIN-02",  # reception conditions: with every first CST
    "R-CST-07",  # documents checklist: cst.documents
)
