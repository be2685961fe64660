"""The rules of legal-spec §3, as data: outcomes made of steps (expression trees + articles).

``OUTCOMES`` lists the rights and documents decided by the generic combination of
``outcomes.py``; the procedural computations (reflection period, removal, allowance …)
live in ``procedures.py`` and reference their rules the same way. ``registry.py`` binds
each rule ID to its citations and plain-language texts (``data/rules.yaml``).
"""

from __future__ import annotations

from sejour_traite.law.outcomes import Outcome


def all_outcomes() -> tuple[Outcome, ...]:
    """Every outcome decided by the generic combination of steps."""
    from sejour_traite.law.rules.carte_resident import CARTE_RESIDENT, CARTE_RESIDENT_RENEWAL
    from sejour_traite.law.rules.cst import CST, CST_RENEWAL, CST_WITHDRAWAL, L432_1_1
    from sejour_traite.law.rules.others import APS, EU_RESIDENCE_CARD, REFLECTION_RECEPISSE

    return (
        REFLECTION_RECEPISSE,
        CST,
        CST_RENEWAL,
        CST_WITHDRAWAL,
        L432_1_1,
        CARTE_RESIDENT,
        CARTE_RESIDENT_RENEWAL,
        EU_RESIDENCE_CARD,
        APS,
    )
