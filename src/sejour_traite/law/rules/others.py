"""Other documents decided by the generic combination: the reflection récépissé
(R-REFLEXION-01/03, R-RECEPISSE-01), the EU residence card of the 2009 BG/RO regime
(R-SCOPE-03) and the APS *parcours de sortie de la prostitution* (R-NONCOOP-02)."""

from __future__ import annotations

from sejour_traite.law import dates
from sejour_traite.law import derived as d
from sejour_traite.law.expressions import (
    Context,
    EvalDate,
    InForce,
    Not,
    all_,
    fact,
    is_,
    le,
    truth,
)
from sejour_traite.law.logic import MISSING, TRUE
from sejour_traite.law.outcomes import (
    INDETERMINE,
    POSITIVE,
    ObjectResult,
    Outcome,
    Step,
    always,
    old_new,
)
from sejour_traite.law.rules.common import algerian_flag, contract_steps, third_country_scope

RECEPISSE_BASIS = old_new(("R316-2", "R311-4 al. 2"), ("R425-2", "R425-3"))


def reflection_days(ctx: Context) -> int | None:
    """Length of the reflection period (P-REFLECTION-DAYS), with the OQ-01 reading."""
    days = ctx.param("P-REFLECTION-DAYS")
    if days is MISSING:
        return None
    # OQ-01: delivery day not counted (last day = delivery + 30) unless the switch says + 29.
    return int(days) - (1 if ctx.readings.get("OQ-01") == "delivery_plus_29" else 0)


def _recepisse_extra(ctx: Context, result: ObjectResult) -> None:
    days = reflection_days(ctx)
    extra = result.extra
    extra["validity_days"] = ctx.param("P-REFLECTION-DAYS") if days is not None else None
    if days is not None:
        extra["valid_until"] = dates.add_days(ctx.day, days).isoformat()
        result.flags.append("OQ_01")
    extra["file_instruction_required"] = False
    extra["work_authorised"] = True
    extra["contrat_republique"] = "NOT_REQUIRED"  # R-CST-08: not a "document de séjour"
    if result.status in POSITIVE and ctx.param("P-CIRCULAR-2009") is True:
        result.actions.extend(["OPEN_AGDREF_FILE_WITHOUT_PRINT", "USE_ANNEXED_MODEL"])
        result.flags.append("OQ_14")


REFLECTION_RECEPISSE = Outcome(
    key="reflection_recepisse",
    basis=RECEPISSE_BASIS,
    rules=("R-REFLEXION-01", "R-RECEPISSE-01"),
    steps=(
        Step(
            "scope",
            "R-REFLEXION-01",
            InForce("P-REFLECTION-DAYS"),
            "reflection_regime_in_force",
            RECEPISSE_BASIS,
        ),
        third_country_scope(RECEPISSE_BASIS, flags=("OQ_23",)),
        Step(
            "condition",
            "R-REFLEXION-01",
            d.informed,
            "information_given",
            old_new("R316-1", "R425-1"),
        ),
        Step(
            "condition",
            "R-REFLEXION-01",
            truth("reflection_requested"),
            "reflection_requested",
            RECEPISSE_BASIS,
        ),
        Step(
            "condition",
            "R-REFLEXION-01",
            truth("police_referral_to_prefecture"),
            "police_referral_to_prefecture",
            RECEPISSE_BASIS,
            on_false=INDETERMINE,
            missing_on_false=("police_referral_to_prefecture",),
        ),
        Step(
            "condition",
            "R-REFLEXION-01",
            truth("photo_provided"),
            "photo_provided",
            RECEPISSE_BASIS,
        ),
        Step(
            "condition",
            "R-REFLEXION-03",
            Not(truth("previous_reflection_period_for_same_facts")),
            "first_reflection_period",
            old_new("R316-2", "R425-2"),
        ),
    ),
    extra=_recepisse_extra,
)

EU_CARD_BASIS = always("circulaire IMIM0900054C §4.2")
BG_RO_REGIME = all_(InForce("P-BG-RO-SPECIAL-REGIME"), is_(fact("nationality"), "BG", "RO"))


WISHES_TO_WORK = truth("wishes_to_work_or_train")


def _eu_card_extra(ctx: Context, result: ObjectResult) -> None:
    if result.status == "NON_APPLICABLE":
        return
    result.extra["ddtefp_validation_required"] = False
    if WISHES_TO_WORK.ev(ctx) is TRUE:
        result.extra["mention"] = "toutes activités professionnelles"


EU_RESIDENCE_CARD = Outcome(
    key="eu_residence_card",
    basis=old_new("L121-1", "L233-1"),
    rules=("R-SCOPE-03",),
    steps=(
        Step("scope", "R-SCOPE-03", BG_RO_REGIME, "bg_ro_transitional_regime", EU_CARD_BASIS),
        Step("bar", "R-SCOPE-03", d.threat, "no_public_order_threat", always("L316-1")),
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
        Step("condition", "R-SCOPE-03", d.cooperation, "cooperation", always("L316-1")),
        Step(
            "condition",
            "R-SCOPE-03",
            d.ties_broken,
            "ties_with_perpetrators_broken",
            always("R316-3"),
        ),
        Step(
            "ground",
            "R-SCOPE-03",
            BG_RO_REGIME,
            "vous_envisagerez",
            EU_CARD_BASIS,
            guidance="FAVORABLE",
        ),
    ),
    extra=_eu_card_extra,
)

APS_BASIS = old_new("L316-1-1", "L425-4")


def _aps_extra(ctx: Context, result: ObjectResult) -> None:
    months = ctx.param("P-APS-MIN-MONTHS")
    if months is not MISSING:
        result.extra["min_duration_months"] = int(months)
        result.extra["work_authorised"] = True


APS = Outcome(
    key="aps",
    basis=APS_BASIS,
    rules=("R-NONCOOP-02",),
    steps=(
        Step("scope", "R-NONCOOP-02", InForce("P-APS-MIN-MONTHS"), "aps_in_force", APS_BASIS),
        third_country_scope(APS_BASIS),
        algerian_flag(),
        Step(
            "bar", "R-NONCOOP-02", d.threat, "no_public_order_threat", old_new("L316-1-1", "L412-5")
        ),
        *contract_steps(),
        Step(
            "condition",
            "R-NONCOOP-02",
            truth("ceased_prostitution"),
            "ceased_prostitution",
            APS_BASIS,
        ),
        Step(
            "condition",
            "R-NONCOOP-02",
            le(fact("prostitution_exit_path_authorised_date"), EvalDate()),
            "parcours_de_sortie_authorised",
            APS_BASIS,
        ),
        Step("ground", "R-NONCOOP-02", InForce("P-APS-MIN-MONTHS"), "peut", APS_BASIS),
    ),
    extra=_aps_extra,
)

__all__ = ["APS", "EU_RESIDENCE_CARD", "REFLECTION_RECEPISSE", "reflection_days"]
