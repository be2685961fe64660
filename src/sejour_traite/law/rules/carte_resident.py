"""The 10-year carte de résident after the definitive conviction of the person accused,
and its renewal (R-RESIDENT-01 to R-RESIDENT-06; OQ-05, OQ-06, OQ-07, OQ-08, OQ-11, OQ-18)."""

from __future__ import annotations

from sejour_traite.law import derived as d
from sejour_traite.law.expressions import (
    Context,
    InForce,
    Intersects,
    Not,
    Param,
    Reading,
    all_,
    fact,
    is_,
    truth,
)
from sejour_traite.law.logic import MISSING, TRUE
from sejour_traite.law.outcomes import (
    ALWAYS,
    INDETERMINE,
    POSITIVE,
    ObjectResult,
    Outcome,
    Step,
    always,
    before_version,
    grounds_by_version,
    old_new,
    since_version,
    versions_between,
)
from sejour_traite.law.rules.common import (
    algerian_flag,
    contract_breach,
    contract_steps,
    third_country_scope,
)

CR_BASIS = grounds_by_version(
    ("V2005", "V2009", ("L316-1 al. 2",)),
    ("V2014", "V2016b", ("L316-1 al. 2", "L314-11 10°")),
    ("V2021", None, ("L425-3",)),
)
CIRCULAR_TIES = always("circulaire IMIM0900054C §3.2")
ELIGIBLE_CONVICTION = Intersects(
    fact("convicted_offences_of_accused"), Param("P-ELIGIBLE-OFFENCES")
)


MINOR_WHO_WORKS = all_(d.minor_over_work_age, truth("wishes_to_work_or_train"))


def _extra(ctx: Context, result: ObjectResult) -> None:
    years = ctx.param("P-CR-YEARS")
    result.extra["duration_years"] = None if years is MISSING else int(years)
    civic = ctx.param("P-CR-CIVIC-CONDITIONS") is True
    result.extra["integration_condition"] = None if civic else False  # R-RESIDENT-04, OQ-18
    if since_version("V2021").ev(ctx) is TRUE:
        result.extra["fee"] = "INDETERMINE"
        if result.status in POSITIVE:
            result.flags.append("OQ_11")
    elif since_version("V2014").ev(ctx) is TRUE:
        result.extra["fee"] = "EXEMPT"
    else:
        result.extra["fee"] = "PAYABLE"
    if since_version("V2021").ev(ctx) is TRUE and MINOR_WHO_WORKS.ev(ctx) is TRUE:
        result.rules.append("R-RESIDENT-06")  # L421-35 3°


CARTE_RESIDENT = Outcome(
    key="carte_resident",
    basis=CR_BASIS,
    rules=("R-RESIDENT-01", "R-RESIDENT-02", "R-RESIDENT-04"),
    steps=(
        third_country_scope(CR_BASIS),
        algerian_flag(),
        Step(
            "bar",
            "R-RESIDENT-01",
            d.threat,
            "no_public_order_threat",
            always("L412-5"),
            when=since_version("V2021"),
        ),
        Step("bar", "R-RESIDENT-01", truth("polygamy"), "polygamy", old_new("L314-5", "L432-3")),
        *contract_steps(),
        Step(
            "condition",
            "R-RESIDENT-02",
            d.definitive_conviction,
            "definitive_conviction",
            CR_BASIS,
        ),
        Step(
            "condition",
            "R-RESIDENT-01",
            ELIGIBLE_CONVICTION,
            "conviction_for_eligible_offence",
            always("R316-5"),
            when=before_version("V2021"),
            reading_flags=("OQ_07",),
        ),
        Step(
            "condition",
            "R-RESIDENT-01",
            ELIGIBLE_CONVICTION,
            "conviction_for_eligible_offence",
            always("L425-3"),
            when=since_version("V2021"),
            on_false=INDETERMINE,
            flags=("OQ_07",),
        ),
        Step("condition", "R-RESIDENT-01", d.cooperation, "cooperation", CR_BASIS),
        Step(
            "condition",
            "R-RESIDENT-01",
            d.regular_stay,
            "regular_stay",
            always("L425-3"),
            when=InForce("P-CR-REGULAR-STAY-REQUIRED"),
            flags=("OQ_08",),
        ),
        Step(
            "guidance",
            "R-RESIDENT-01",
            Not(d.regular_stay),
            "no_regular_stay_reserve",
            when=versions_between("V2014", "V2016b"),
            flags=("OQ_08",),
            confidence="L",
        ),
        Step(
            "condition",
            "R-RESIDENT-01",
            d.ties_broken,
            "ties_with_perpetrators_broken",
            CIRCULAR_TIES,
            when=before_version("V2014"),
        ),
        Step(
            "condition",
            "R-RESIDENT-01",
            d.ties_broken,
            "ties_with_perpetrators_broken",
            always("L425-3", "L425-1"),
            when=all_(since_version("V2021"), Reading("OQ-06", "ties_required_from_2021")),
            reading_flags=("OQ_06",),
            confidence="M",
        ),
        Step(
            "condition",
            "R-RESIDENT-04",
            Not(InForce("P-CR-CIVIC-CONDITIONS")),
            "no_language_or_civic_condition",
            always("L413-7"),
            when=InForce("P-CR-CIVIC-CONDITIONS"),
            on_false=INDETERMINE,
            flags=("OQ_18",),
            confidence="L",
        ),
        contract_breach(always("L412-8", "L412-10")),
        Step(
            "ground",
            "R-RESIDENT-01",
            is_(Param("P-CR-DISCRETION"), "DISCRETIONNAIRE"),
            "peut_etre_delivree",
            always("L316-1 al. 2"),
        ),
        Step(
            "ground",
            "R-RESIDENT-01",
            d.threat,
            "public_order_threat",
            always("L314-3"),
            when=before_version("V2021"),
        ),
        Step(
            "guidance",
            "R-RESIDENT-05",
            truth("agent_has_doubts_on_reinsertion"),
            "doubts_on_reinsertion",
            when=versions_between("V2009", "V2009"),
            actions=("RENEW_CST_AND_REEXAMINE",),
        ),
        Step(
            "guidance",
            "R-RESIDENT-05",
            truth("agent_has_doubts_on_reinsertion"),
            # « From 2014-08-06 the card is de plein droit: doubts alone are not a legal
            # ground »: the rule still speaks, and changes nothing.
            "doubts_not_a_legal_ground",
            when=since_version("V2014"),
        ),
        Step(
            "guidance",
            "R-RESIDENT-01",
            ALWAYS,
            "law_prevails_over_r316_5",
            when=versions_between("V2014", "V2016a"),
            flags=("R316_5_CONFLICT_LAW_PREVAILS", "OQ_05"),
        ),
        Step(
            "guidance",
            "R-RESIDENT-01",
            # Circular §3.2 « vous envisagerez » while the card is a faculty (2009-02-05 →
            # 2014-08-05); with a public-order threat the refusal is the norm: no guidance.
            Not(d.threat),
            "circular_guidance",
            when=versions_between("V2009", "V2009"),
            guidance="FAVORABLE",
        ),
    ),
    extra=_extra,
)

CR_RENEWAL_BASIS = old_new(("L314-1",), ("L433-2",))

CARTE_RESIDENT_RENEWAL = Outcome(
    key="carte_resident_renewal",
    basis=CR_RENEWAL_BASIS,
    rules=("R-RESIDENT-03",),
    steps=(
        third_country_scope(CR_BASIS),
        algerian_flag(),
        # R-CST-08: every renewal filed from P-CONTRACT-FROM, the carte de résident included.
        *contract_steps(),
        Step(
            "ground",
            "R-RESIDENT-03",
            d.serious_threat,
            "serious_public_order_threat",
            always("L433-2", "L432-3"),
            when=InForce("P-CR-RENEWAL-RESERVATIONS"),
        ),
        Step(
            "ground",
            "R-RESIDENT-03",
            Not(truth("habitual_residence_in_france")),
            "habitual_residence_in_france",
            always("L433-2", "L432-3"),
            when=InForce("P-CR-RENEWAL-RESERVATIONS"),
        ),
        contract_breach(always("L412-8", "L412-10")),
    ),
)
