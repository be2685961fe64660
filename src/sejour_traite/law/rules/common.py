"""Steps shared by several outcomes (scope, Algerian regime, public order, contract)."""

from __future__ import annotations

from sejour_traite.law import derived as d
from sejour_traite.law.expressions import Not
from sejour_traite.law.outcomes import INDETERMINE, Grounds, Step, always


def third_country_scope(grounds: Grounds, flags: tuple[str, ...] = ()) -> Step:
    """R-SCOPE-02: EU/EEA/Swiss nationals and their family members are outside the regime."""
    return Step("scope", "R-SCOPE-02", d.third_country, "third_country", grounds, flags=flags)


def algerian_regime(grounds: Grounds) -> Step:
    """R-SCOPE-06 (OQ-12): an Algerian national's residence is governed by the 1968 agreement."""
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
