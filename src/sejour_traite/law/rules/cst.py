"""The carte de séjour temporaire « vie privée et familiale »: first issuance, renewal,
withdrawal (R-CST-*, R-RENEW-*, R-WITHDRAW-*, R-MINOR-01/02/04, R-VICTIMCONV-*)."""

from __future__ import annotations

from datetime import date

from sejour_traite.law import dates
from sejour_traite.law import derived as d
from sejour_traite.law.expressions import (
    AnyRecord,
    Context,
    InForce,
    Not,
    Param,
    Reading,
    all_,
    any_,
    fact,
    field_of,
    ge,
    is_,
    truth,
)
from sejour_traite.law.logic import MISSING, TRUE
from sejour_traite.law.outcomes import (
    ALWAYS,
    INDETERMINE,
    NEGATIVE,
    POSITIVE,
    ObjectResult,
    Outcome,
    Step,
    always,
    grounds_by_version,
    old_new,
    since_version,
    versions_between,
)
from sejour_traite.law.rules.common import (
    algerian_regime,
    contract_breach,
    contract_steps,
    third_country_scope,
)

CST_BASIS = old_new("L316-1", "L425-1")
TIES_GROUNDS = old_new("R316-3", "L425-1")
THREAT_GROUNDS = old_new("L316-1", ("L412-5", "L432-1"))


def l432_1_1_grounds(rule: str = "R-CST-09") -> tuple[Step, ...]:
    """R-CST-09: discretionary refusal grounds of L432-1-1 (from 2024-01-28, not Algerians)."""
    gate = all_(InForce("P-L432-1-1-IN-FORCE"), Not(d.algerian))
    facts = (
        ("oqtf_previously_not_complied", "L432-1-1 1°"),
        ("facts_forgery_441", "L432-1-1 2°"),
        ("facts_l432_1_1_serious_offences", "L432-1-1 3°"),
        ("facts_violence_against_officials", "L432-1-1 4°"),
    )
    return tuple(
        Step("ground", rule, truth(name), name, always(article), when=gate)
        for name, article in facts
    )


def _contract_breach() -> Step:
    return contract_breach(always("L412-8"))


def _old_racolage_conviction() -> Step:
    """OQ-26: a racolage conviction (C. pén. 225-10-1, abolished 2016-04-14) is not an
    L432-1-1 3° ground although « 225-5 à 225-11 » literally covers it — the result rests on
    that reading, flagged while L432-1-1 is in force."""
    return Step(
        "guidance",
        "R-CST-09",
        AnyRecord(fact("victim_convictions"), (("article", "225-10-1"),)),
        "racolage_conviction_not_l432_1_1",
        when=all_(InForce("P-L432-1-1-IN-FORCE"), Not(d.algerian)),
        flags=("OQ_26",),
    )


def _duration(ctx: Context) -> int | dict[str, int] | None:
    fixed = ctx.param("P-CST-MONTHS")
    if fixed is not MISSING:
        return int(fixed)
    low, high = ctx.param("P-CST-MIN-MONTHS"), ctx.param("P-CST-MAX-MONTHS")
    if low is MISSING or high is MISSING:
        return None
    return {"min": int(low), "max": int(high)}


APPLICATION_KIND = field_of("application", "kind")
APPLICATION_FILED = field_of("application", "filing_date")
APPLICATION_ONLINE = field_of("application", "online_anef")
DOCUMENT_EXPIRY = field_of("current_document", "valid_until")
RECOGNISED_AS_MINOR = truth("recognised_victim_as_minor")
SINCE_2021 = since_version("V2021")
SINCE_2009 = since_version("V2009")
SINCE_2024 = since_version("V2024a")

#: R-CST-07: pieces of a first CST application, as groups of which one piece suffices.
DOCUMENTS_2009 = (
    ("complaint_receipt", "procedure_reference"),
    ("passport", "consular_attestation", "id_card", "consular_card", "nationality_certificate"),
    ("proof_of_address",),
    ("photo", "e_photo"),
)
DOCUMENTS_2024 = (
    ("birth_certificate",),
    ("passport", "consular_attestation", "id_card", "consular_card", "nationality_certificate"),
    ("proof_of_address",),
    ("complaint_receipt", "procedure_reference"),
    ("e_photo",),
)


def documents_checklist(ctx: Context) -> dict[str, object]:
    """R-CST-07: the pieces of a first application for the period, and those still missing."""
    groups = DOCUMENTS_2024 if SINCE_2024.ev(ctx) is TRUE else DOCUMENTS_2009
    if d.contract_applies.ev(ctx) is TRUE:
        groups = (*groups, ("contrat_republique",))
    provided = ctx.facts.get("documents_provided", MISSING)
    checklist: dict[str, object] = {"required": [list(group) for group in groups]}
    if provided is not MISSING:
        checklist["missing"] = [list(g) for g in groups if provided.isdisjoint(g)]
    return checklist


def _first_issuance_extra(ctx: Context, result: ObjectResult) -> None:
    extra = result.extra
    duration = _duration(ctx)
    extra["duration_months"] = duration
    if isinstance(duration, int) and result.status not in NEGATIVE:
        # P-VALIDITY-END (OQ-19): a card issued on the evaluation date is valid until
        # issue + duration - 1 day.
        extra["valid_until"] = dates.add_days(dates.add_months(ctx.day, duration), -1).isoformat()
    exempt = ctx.param("P-FEE-EXEMPT-CST")
    extra["fee"] = "INDETERMINE" if exempt is MISSING else "EXEMPT" if exempt else "PAYABLE"
    extra["work_authorised"] = True  # R-CST-05
    result.rule_results["R-CST-06"] = extra["fee"] == "EXEMPT"
    result.rule_results["R-CST-04"] = True  # no visa, no work contract: whatever the outcome
    extra["work_contract_required"] = False  # R-CST-04
    extra["long_stay_visa_required"] = False  # R-CST-04
    if ctx.param("P-NO-CSP-FOR-TRAFFICKING-CST") is True:  # R-CST-10
        extra["pluriannual_card_eligible"] = False
        extra["counts_for_ltr_ue"] = False
    result.extra["documents"] = documents_checklist(ctx)
    if result.status in POSITIVE:
        result.rules.extend(["R-CST-11", "R-ADMIN-01"])
        kind = APPLICATION_KIND.ev(ctx)
        if kind in (MISSING, "first_cst"):
            if ctx.param("P-AGDREF-CODE") is not MISSING:
                result.actions.append("AGDREF_L316_1_CODE")
            # R-CST-11: the attestation lets the holder claim the ATA (2009-02-05 -> 2015-10-31).
            if ctx.param("P-ALLOWANCE") == "ATA" and SINCE_2009.ev(ctx) is TRUE:
                result.actions.append("ISSUE_ATA_ATTESTATION")
    _majority_filing(ctx, result)


def _majority_filing(ctx: Context, result: ObjectResult) -> None:
    """R-MINOR-04: a victim recognised as a minor files at the latest 2 months after 18."""
    if RECOGNISED_AS_MINOR.ev(ctx) is not TRUE or d.adult.ev(ctx) is not TRUE:
        return
    born = ctx.facts["date_of_birth"]
    majority, months = ctx.param("P-MAJORITY-AGE"), ctx.param("P-MAJORITY-FILING-MONTHS")
    if majority is MISSING or months is MISSING:
        return
    deadline = dates.add_months(dates.add_years(born, majority), months)
    if "R-MINOR-04" not in result.rules:
        result.rules.append("R-MINOR-04")
    result.extra["filing_deadline"] = deadline.isoformat()
    filed = APPLICATION_FILED.ev(ctx)
    result.extra["filing_timely"] = None if filed is MISSING else filed <= deadline


CST = Outcome(
    key="cst",
    basis=CST_BASIS,
    rules=(
        "R-SCOPE-01",
        "R-CST-01",
        "R-CST-02",
        "R-CST-03",
        "R-CST-04",
        "R-CST-05",
        "R-CST-06",
        "R-CST-10",
        "R-REFLEXION-04",
        "R-CST-07",
        "R-ADMIN-02",
    ),
    steps=(
        Step("scope", "R-CST-02", InForce("P-CST-DISCRETION"), "cst_regime_in_force", CST_BASIS),
        third_country_scope(CST_BASIS),
        Step(
            "scope",
            "R-MINOR-01",
            Not(all_(d.minor_over_work_age, is_(fact("wishes_to_work_or_train"), False))),
            "residence_permit_required",
            old_new(("L311-1", "L311-3"), ("L411-1", "L421-35")),
            when=InForce("P-MINOR-MIN-AGE-CST"),
        ),
        algerian_regime(CST_BASIS),
        Step("bar", "R-CST-01b", d.threat, "no_public_order_threat", THREAT_GROUNDS),
        *contract_steps(),
        Step(
            "condition",
            "R-IDENT-01",
            d.police_heard,
            "police_hearing",
            always("circulaire IMIM0900054C §1.2"),
            on_false=INDETERMINE,
            missing_on_false=("police_hearing_date",),
            actions=("ORIENT_TO_POLICE_UNIT",),
        ),
        Step(
            "condition",
            "R-SCOPE-04",
            any_(d.cooperation, Not(d.offence_outside_list)),
            "eligible_offence",
            CST_BASIS,
            flags=("OFFENCE_NOT_IN_L425_1_LIST", "OQ_21"),
        ),
        Step(
            "condition",
            "R-SCOPE-04",
            Not(truth("facts_exclusively_abroad_by_foreigners")),
            "french_jurisdiction",
            CST_BASIS,
        ),
        Step("condition", "R-SCOPE-05", d.cooperation, "cooperation", CST_BASIS, flags=("OQ_22",)),
        Step(
            "condition",
            "R-CST-01",
            d.ties_broken,
            "ties_with_perpetrators_broken",
            TIES_GROUNDS,
            when=InForce("P-TIES-BROKEN-REQUIRED"),
        ),
        Step(
            "condition",
            "R-MINOR-02",
            Not(d.under_work_age),
            "minimum_age",
            old_new("R316-3", "R425-5"),
            fires_means="not_met",
            when=InForce("P-MINOR-MIN-AGE-CST"),
        ),
        Step(
            "condition",
            "R-CST-01",
            Not(d.procedure_over),
            "procedure_not_over",
            CST_BASIS,
            flags=("OQ_08",),
            unless=all_(d.recognised_as_minor, d.adult, d.cooperation),
            unless_rule="R-MINOR-04",
            unless_grounds=old_new(("L316-1", "R311-2 2°"), ("L425-1", "R431-5 3°")),
            guidance="FAVORABLE",
        ),
        Step(
            "ground",
            "R-CST-02",
            all_(
                is_(Param("P-CST-DISCRETION"), "DISCRETIONNAIRE"),
                Not(Reading("OQ-04", "de_plein_droit")),
            ),
            "peut_etre_delivree",
            always("L316-1"),
            flags=("OQ_04",),
        ),
        Step(
            "guidance",
            "R-CST-02",
            ALWAYS,
            "circular_guidance",
            # R-CST-02: « guidance FAVORABLE from 2009-02-05 » while L316-1 « peut » makes the
            # card discretionary (→ 2016-04-14); the later discretion of L432-1-1 or of the
            # contract is a possible refusal, with no favourable guidance.
            when=versions_between("V2009", "V2014"),
            guidance="FAVORABLE",
        ),
        Step(
            "ground",
            "R-MINOR-02",
            d.minor_over_work_age,
            "minor_16_17",
            old_new("R316-3", "R425-5"),
            when=InForce("P-MINOR-MIN-AGE-CST"),
            guidance="FAVORABLE",
        ),
        Step(
            "guidance",
            "R-MINOR-02",
            d.minor_over_work_age,
            "minor_16_17_since_2021",
            when=since_version("V2021"),
            flags=("OQ_17",),
        ),
        *l432_1_1_grounds(),
        _contract_breach(),
        _old_racolage_conviction(),
        Step(
            "guidance",
            "R-VICTIMCONV-01",
            d.victim_minor_conviction,
            "victim_minor_conviction",
            guidance="FAVORABLE",
        ),
    ),
    extra=_first_issuance_extra,
)


RENEWAL_BASIS = grounds_by_version(
    ("V2007", "V2009", ("R316-3",)),
    ("V2014", "V2016b", ("L316-1",)),
    ("V2021", None, ("L425-1",)),
)
WITHDRAWAL_GROUNDS = old_new("R316-4", "R425-6")


def _renewal_extra(ctx: Context, result: ObjectResult) -> None:
    result.extra["duration_months"] = _duration(ctx)
    window = renewal_window(ctx)
    if window is None:
        return
    result.rules.append("R-RENEW-03")
    start, end = window
    result.extra["filing_window"] = {"from": start.isoformat(), "to": end.isoformat()}
    filed = APPLICATION_FILED.ev(ctx)
    if filed is MISSING:
        return
    result.extra["filing_timely"] = start <= filed <= end
    result.rule_results["R-RENEW-03"] = result.extra["filing_timely"]
    kind = APPLICATION_KIND.ev(ctx)
    # Flag catalogue of scenario-format.md: LATE_FILING = filed outside the window.
    if not start <= filed <= end and kind in (MISSING, "cst_renewal"):
        result.flags.append("LATE_FILING")


def renewal_window(ctx: Context) -> tuple[date, date] | None:
    """R-RENEW-03: first and last day to file the renewal of the CST held, if known."""
    if d.holds_cst.ev(ctx) is not TRUE:
        return None
    expiry = DOCUMENT_EXPIRY.ev(ctx)
    if expiry is MISSING:
        return None
    anef = ctx.param("P-RENEWAL-WINDOW-ANEF")
    online = APPLICATION_ONLINE.ev(ctx)
    if anef is not MISSING and (online is True or ctx.param("P-ANEF-L425-1") is True):
        return (
            dates.add_days(expiry, -int(anef["from_days_before_expiry"])),
            dates.add_days(expiry, -int(anef["to_days_before_expiry"])),
        )
    months = ctx.param("P-RENEWAL-WINDOW")
    if months is MISSING:
        if online is MISSING:
            return None
        months = ctx.param("P-RENEWAL-WINDOW-NON-ANEF")
    if months is MISSING:
        return None
    # « dans le courant des deux derniers mois précédant l'expiration »: from the day after
    # the same date two months earlier to the last day of validity (docs/open-questions.md).
    start = dates.add_months(dates.add_days(expiry, 1), -int(months["months_before_expiry"]))
    return start, expiry


CST_RENEWAL = Outcome(
    key="cst_renewal",
    basis=RENEWAL_BASIS,
    rules=("R-RENEW-01", "R-RENEW-02"),
    steps=(
        Step(
            "scope",
            "R-RENEW-01",
            InForce("P-CST-RENEWAL-DISCRETION"),
            "renewal_regime_in_force",
            RENEWAL_BASIS,
        ),
        third_country_scope(CST_BASIS),
        algerian_regime(CST_BASIS),
        Step("bar", "R-CST-01b", d.threat, "no_public_order_threat", THREAT_GROUNDS),
        *contract_steps(),
        Step(
            "condition",
            "R-RENEW-02",
            d.procedure_ongoing,
            "procedure_ongoing",
            RENEWAL_BASIS,
        ),
        Step("condition", "R-RENEW-01", d.cooperation, "cooperation", CST_BASIS),
        Step(
            "condition",
            "R-RENEW-01",
            d.ties_broken,
            "ties_with_perpetrators_broken",
            TIES_GROUNDS,
            when=InForce("P-TIES-BROKEN-REQUIRED"),
        ),
        Step(
            "condition",
            "R-RENEW-01",
            Not(
                any_(
                    d.ties_renewed_after_issuance,
                    truth("complaint_found_false_or_unfounded"),
                    truth("cooperation_ceased"),
                    truth("reality_of_facts_questioned"),
                )
            ),
            "no_withdrawal_ground",
            WITHDRAWAL_GROUNDS,
        ),
        Step(
            "condition",
            "R-RENEW-04",
            Not(
                all_(
                    Reading("OQ-09", "cap_applies"),
                    ge(
                        fact("previous_consecutive_cst_renewals"),
                        Param("P-CST-MAX-CONSECUTIVE-RENEWALS"),
                    ),
                )
            ),
            "three_renewal_cap",
            always("L433-1-1"),
            when=InForce("P-CST-MAX-CONSECUTIVE-RENEWALS"),
            flags=("OQ_09",),
        ),
        Step(
            "guidance",
            "R-RENEW-04",
            all_(
                Reading("OQ-09", "lex_specialis"),
                ge(
                    fact("previous_consecutive_cst_renewals"),
                    Param("P-CST-MAX-CONSECUTIVE-RENEWALS"),
                ),
            ),
            "three_renewal_cap_set_aside",
            when=InForce("P-CST-MAX-CONSECUTIVE-RENEWALS"),
            flags=("CONFLICT_L433_1_1", "OQ_09"),
        ),
        Step(
            "ground",
            "R-RENEW-01",
            is_(Param("P-CST-RENEWAL-DISCRETION"), "DISCRETIONNAIRE"),
            "renouvelable",
            always("R316-3"),
        ),
        *l432_1_1_grounds(),
        _contract_breach(),
        _old_racolage_conviction(),
        Step(
            "guidance",
            "R-VICTIMCONV-01",
            d.victim_minor_conviction,
            "victim_minor_conviction",
            guidance="FAVORABLE",
        ),
    ),
    extra=_renewal_extra,
)


def _withdrawal_extra(ctx: Context, result: ObjectResult) -> None:
    if result.status == "DISCRETIONNAIRE":
        result.rules.append("R-WITHDRAW-03")
        # R-WITHDRAW-03: once withdrawn, other bases first; failing them, a removal decision.
        result.extra["after_withdrawal"] = {"removal_decision": "POSSIBLE"}
        if SINCE_2021.ev(ctx) is TRUE:
            result.extra["prior_observations_required"] = True  # L432-5, CRPA L121-1


CST_WITHDRAWAL = Outcome(
    key="cst_withdrawal",
    basis=WITHDRAWAL_GROUNDS,
    grounds_required=True,
    rules=("R-WITHDRAW-01",),
    steps=(
        Step(
            "scope",
            "R-WITHDRAW-01",
            d.holds_cst,
            "holds_cst",
            WITHDRAWAL_GROUNDS,
            fires_means="not_met",
        ),
        Step(
            "ground",
            "R-WITHDRAW-01",
            d.ties_renewed_after_issuance,
            "ties_renewed_after_issuance",
            WITHDRAWAL_GROUNDS,
        ),
        Step(
            "ground",
            "R-WITHDRAW-01",
            truth("complaint_found_false_or_unfounded"),
            "complaint_found_false_or_unfounded",
            WITHDRAWAL_GROUNDS,
        ),
        Step(
            "ground", "R-WITHDRAW-01", d.threat, "public_order_threat", old_new("R316-4", "L432-4")
        ),
        Step(
            "ground",
            "R-WITHDRAW-02",
            any_(truth("cooperation_ceased"), truth("reality_of_facts_questioned")),
            "cooperation_ceased_or_facts_questioned",
            old_new(("circulaire IMIM0900054C §3.1", "R311-14 8°"), ("L432-5",)),
        ),
        Step(
            "ground",
            "R-VICTIMCONV-03",
            truth("facts_l432_1_1_serious_offences"),
            "facts_l432_1_1_serious_offences",
            old_new("R311-15 I 1°", "R432-4 1°"),
            flags=("OQ_29",),
        ),
        Step(
            "guidance",
            "R-VICTIMCONV-03",
            truth("facts_forgery_441"),
            "forgery_not_a_withdrawal_ground",
            flags=("OQ_29",),  # L432-1-1 2° is a refusal ground only (OQ-29's reading)
        ),
        # R-CST-08: a serious breach of the contract signed for the card → withdrawal possible.
        contract_breach(always("L412-8", "L412-10")),
    ),
    extra=_withdrawal_extra,
)


def _l432_1_1_extra(ctx: Context, result: ObjectResult) -> None:
    # A rule not in force whose text gives no outcome for the date is not applied.
    if InForce("P-L432-1-1-IN-FORCE").ev(ctx) is not TRUE:
        result.rules.remove("R-CST-09")


L432_1_1 = Outcome(
    key="l432_1_1",
    basis=always("L432-1-1"),
    grounds_required=True,
    extra=_l432_1_1_extra,
    steps=(
        Step(
            "scope",
            "R-CST-09",
            InForce("P-L432-1-1-IN-FORCE"),
            "l432_1_1_in_force",
            always("L432-1-1"),
        ),
        Step("scope", "R-SCOPE-06", Not(d.algerian), "not_algerian", always("L432-1-1")),
        *(
            Step("ground", "R-CST-09", step.test, step.label, step.grounds)
            for step in l432_1_1_grounds()
        ),
    ),
)


COMPLAINT_AGAINST_X = is_(field_of("complaint", "against_x"), True)


def cooperation_flags(ctx: Context) -> list[str]:
    """Flags tied to the form of cooperation (complaint against X: OQ-27)."""
    flags = []
    if COMPLAINT_AGAINST_X.ev(ctx) is TRUE:
        flags.append("OQ_27")
    return flags
