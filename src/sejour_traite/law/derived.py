"""Auxiliary predicates of legal-spec §3 ("definitions, not rules"), as expression trees."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sejour_traite.law import dates
from sejour_traite.law.expressions import (
    Age,
    AnyRecord,
    Context,
    Derived,
    EuEeaSwiss,
    EvalDate,
    Fact,
    IfKnown,
    Intersects,
    Not,
    Param,
    Predicate,
    all_,
    any_,
    fact,
    field_of,
    ge,
    is_,
    le,
    lt,
    truth,
)
from sejour_traite.law.logic import FALSE, MISSING, NONE, TRUE, UNKNOWN, Trivalent

PROCEDURE_ONGOING = (
    "investigation",
    "prosecution",
    "first_instance_judgment_appealable",
    "appeal_pending",
    "cassation_pending",
)
CLOSED_WITHOUT_CONVICTION = ("definitive_acquittal", "classement_sans_suite", "non_lieu")
HELD_DOCUMENTS = ("reflection_recepisse", "instruction_recepisse", "cst", "aps", "carte_resident")


def _d(name: str, definition: Predicate) -> Derived:
    return Derived(name, definition)


@dataclass(frozen=True, slots=True)
class MinorOn(Predicate):
    """She was under ``P-MAJORITY-AGE`` on the date of ``event`` (a date fact)."""

    event: Fact

    def ev(self, ctx: Context) -> Trivalent:
        born = ctx.facts.get("date_of_birth", MISSING)
        day = self.event.ev(ctx)
        majority = ctx.param("P-MAJORITY-AGE")
        if born is MISSING or majority is MISSING or not isinstance(day, date):
            return UNKNOWN
        return TRUE if dates.full_years(born, day) < int(majority) else FALSE

    def missing(self, ctx: Context) -> list[str]:
        return [name for name in ("date_of_birth", self.event.name) if name not in ctx.facts]

    def fact_names(self) -> set[str]:
        return {"date_of_birth", self.event.name}

    def text(self) -> str:
        return f"age on {self.event.text()} < P-MAJORITY-AGE"


eu_eea_ch = _d("is_eu_eea_ch", EuEeaSwiss())
third_country = _d(
    "third_country",
    all_(
        Not(eu_eea_ch),
        Not(truth("is_eu_family_member_in_france")),
        # A UK national is a third-country national once the UK has left P-EU-MEMBERS,
        # unless she benefits from the Withdrawal Agreement.
        Not(all_(is_(fact("nationality"), "GB"), truth("is_withdrawal_agreement_beneficiary"))),
    ),
)
algerian = _d("algerian", is_(fact("nationality"), "DZ"))
adult = _d("adult", ge(Age(), Param("P-MAJORITY-AGE")))
minor_over_work_age = _d(
    "minor_of_working_age",
    all_(ge(Age(), Param("P-MINOR-MIN-AGE-CST")), lt(Age(), Param("P-MAJORITY-AGE"))),
)
under_work_age = _d("under_minimum_age", lt(Age(), Param("P-MINOR-MIN-AGE-CST")))
presumed_minor = _d(
    "presumed_minor",
    # age < 18 when the date of birth is known, else her declaration (benefit of the doubt).
    IfKnown(fact("date_of_birth"), lt(Age(), Param("P-MAJORITY-AGE")), truth("declared_minor")),
)
police_heard = _d("police_heard", le(fact("police_hearing_date"), EvalDate()))
informed = _d("information_given", le(fact("information_given_date"), EvalDate()))

complaint_ok = _d(
    "complaint_ok",
    all_(
        is_(field_of("complaint", "kind"), "penal"),
        le(field_of("complaint", "filed_date"), EvalDate()),
        is_(fact("applicant_role"), "victim"),
        Intersects(field_of("complaint", "offences"), Param("P-ELIGIBLE-OFFENCES")),
        any_(
            Not(is_(field_of("complaint", "against_x"), True)),
            truth("judicial_confirmation_procedure_opened"),
        ),
    ),
)
testimony_ok = _d(
    "testimony_ok",
    all_(
        Not(is_(fact("testimony"), NONE)),
        le(field_of("testimony", "date"), EvalDate()),
        is_(field_of("testimony", "accused_prosecuted"), True),
        Intersects(field_of("testimony", "offences"), Param("P-ELIGIBLE-OFFENCES")),
    ),
)
cooperation = _d(
    "cooperation",
    all_(any_(complaint_ok, testimony_ok), Not(truth("facts_exclusively_abroad_by_foreigners"))),
)
offence_outside_list = _d(
    "offence_outside_list",
    # OQ-21: a complaint or testimony exists, but none of its offences is in the L425-1 list.
    any_(
        all_(
            is_(field_of("complaint", "kind"), "penal"),
            Not(Intersects(field_of("complaint", "offences"), Param("P-ELIGIBLE-OFFENCES"))),
        ),
        all_(
            Not(is_(fact("testimony"), NONE)),
            Not(Intersects(field_of("testimony", "offences"), Param("P-ELIGIBLE-OFFENCES"))),
        ),
    ),
)
procedure_ongoing = _d(
    "procedure_ongoing", is_(fact("criminal_procedure_status"), *PROCEDURE_ONGOING)
)
definitive_conviction = _d(
    "definitive_conviction", is_(fact("criminal_procedure_status"), "definitive_conviction")
)
closed_without_conviction = _d(
    "procedure_closed_without_conviction",
    is_(fact("criminal_procedure_status"), *CLOSED_WITHOUT_CONVICTION),
)
procedure_over = _d(
    "procedure_over",
    is_(fact("criminal_procedure_status"), "definitive_conviction", *CLOSED_WITHOUT_CONVICTION),
)
regular_stay = _d(
    "regular_stay",
    all_(
        is_(field_of("current_document", "kind"), *HELD_DOCUMENTS),
        ge(field_of("current_document", "valid_until"), EvalDate()),
    ),
)
holds_cst = _d("holds_cst", is_(field_of("current_document", "kind"), "cst"))
holds_valid_cst = _d(
    "holds_valid_cst",
    all_(holds_cst, ge(field_of("current_document", "valid_until"), EvalDate())),
)
threat = _d("threat", is_(fact("public_order_threat"), "threat", "serious_threat"))
serious_threat = _d("serious_threat", is_(fact("public_order_threat"), "serious_threat"))
ties_broken = _d("ties_with_perpetrators_broken", truth("ties_with_perpetrators_broken"))
contract_applies = _d(
    "contrat_republique_applies",
    # R-CST-08: applications filed on or after P-CONTRACT-FROM; Algerians exempt (R-SCOPE-06).
    all_(
        ge(EvalDate(), Param("P-CONTRACT-FROM")),
        ge(field_of("application", "filing_date"), Param("P-CONTRACT-FROM")),
        Not(algerian),
    ),
)
contract_refused = _d(
    "contrat_republique_refused",
    all_(contract_applies, is_(fact("contrat_republique_signed"), False)),
)
contract_ok = _d(
    "contrat_republique_ok",
    any_(Not(contract_applies), truth("contrat_republique_signed")),
)
victim_minor_conviction = _d(
    "victim_minor_conviction_same_procedure",
    AnyRecord(fact("victim_convictions"), (("in_same_procedure", True), ("minor_relative", True))),
)
ties_renewed_after_issuance = _d(
    "ties_renewed_after_issuance",
    ge(fact("ties_renewed_on_own_initiative_date"), field_of("current_document", "valid_from")),
)
adult_for_ada = _d("adult_for_ada", ge(Age(), Param("P-ADA-MIN-AGE")))
resources_below_ceiling = _d(
    "resources_below_ada_ceiling",
    lt(fact("monthly_resources_eur"), Param("P-ADA-RESOURCE-CEILING")),
)
recognised_as_minor = _d(
    "recognised_victim_as_minor",
    # R-MINOR-04 (OQ-08): known, the fact decides. Unknown, it cannot have happened if she
    # was already an adult when the police heard her — the identification as a presumed
    # victim (R-IDENT-01) — so the derogation is then read as not met.
    IfKnown(
        fact("recognised_victim_as_minor"),
        truth("recognised_victim_as_minor"),
        all_(MinorOn(fact("police_hearing_date")), truth("recognised_victim_as_minor")),
    ),
)
