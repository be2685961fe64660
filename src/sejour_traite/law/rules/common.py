"""Steps shared by several outcomes (scope, Algerian regime, public order, contract)."""

from __future__ import annotations

from sejour_traite.law import derived as d
from sejour_traite.law.expressions import Not, all_, truth
from sejour_traite.law.outcomes import INDETERMINE, Grounds, Step, always


def third_country_scope(grounds: Grounds, flags: tuple[str, ...] = ()) -> Step:
    """R-SCOPE-02: EU/EEA/Swiss nationals and their family members are outside the regime."""
    return Step("scope", "R-SCOPE-02", d.third_country, "third_country", grounds, flags=flags)


def algerian_regime(grounds: Grounds) -> Step:
    """R-SCOPE-06 (OQ-12): an Algerian national's residence is governed by the 1968 agreement:
    the L425-1 card (first issuance and renewal) is ``INDETERMINE``."""
    return Step(
        "condition",
        "R-SCOPE-06",
        Not(d.algerian),
        "not_algerian_regime",
        grounds,
        on_false=INDETERMINE,
        flags=("ALGERIAN_REGIME", "OQ_12"),
    )


def contract_steps() -> tuple[Step, ...]:
    """R-CST-08: the republican-principles contract (applications filed from P-CONTRACT-FROM)."""
    return (
        Step(
            "bar",
            "R-CST-08",
            d.contract_refused,
            "contrat_republique_refused",
            always("L412-8"),
        ),
        Step(
            "condition",
            "R-CST-08",
            d.contract_ok,
            "contrat_republique_signed",
            always("L412-7"),
        ),
    )


def algerian_flag() -> Step:
    """R-SCOPE-06 is « flag only » beyond L425-1: for the carte de résident and the APS an
    Algerian national gets the ``ALGERIAN_REGIME`` flag, the status is left to the other rules
    (OQ-12 adopts ``INDETERMINE`` for L425-1 only)."""
    return Step(
        "guidance",
        "R-SCOPE-06",
        d.algerian,
        "algerian_regime",
        flags=("ALGERIAN_REGIME", "OQ_12"),
    )


def contract_breach(grounds: Grounds) -> Step:
    """R-CST-08: a deliberate serious breach of the contract — refusal, non-renewal or
    withdrawal left to the prefect (``DISCRETIONNAIRE``)."""
    return Step(
        "ground",
        "R-CST-08",
        all_(d.contract_applies, truth("contrat_republique_breach")),
        "contrat_republique_breach",
        grounds,
    )
