"""The dossier's lifecycle: states, acts, and what the law must say for each act.

The state machine (python-statemachine) says which acts are possible from a state; the
``LAW`` table says which object of the determination decides each act and how:

* ``grant``  — the right must be open (DE_PLEIN_DROIT, or DISCRETIONNAIRE with a motivation);
* ``refuse`` — the right must not be DE_PLEIN_DROIT (the law would exclude the refusal), and a
  motivation is always required (CRPA L211-2, R-ADMIN-04);
* ``measure``— a measure the prefect *may* take (withdrawal, interruption): DISCRETIONNAIRE
  only, with a motivation;
* an undetermined status (INDETERMINE) returns the missing facts to collect.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from statemachine import State as S
from statemachine import StateMachine
from statemachine.exceptions import TransitionNotAllowed

from sejour_traite.dossiers.models import State


class DossierLifecycle(StateMachine):  # type: ignore[misc]
    """States and acts of a dossier (the model's ``state`` field holds the state)."""

    referral_received = S("Signalement reçu", initial=True, value=State.REFERRAL_RECEIVED)
    reflection = S("Délai de réflexion", value=State.REFLECTION)
    reflection_interrupted = S("Délai interrompu", value=State.REFLECTION_INTERRUPTED)
    application_filed = S("Demande déposée", value=State.APPLICATION_FILED)
    under_instruction = S("En instruction", value=State.UNDER_INSTRUCTION)
    cst_granted = S("CST délivrée", value=State.CST_GRANTED)
    cst_refused = S("CST refusée", value=State.CST_REFUSED)
    carte_resident = S("Carte de résident", value=State.CARTE_RESIDENT)
    withdrawn = S("Titre retiré", value=State.WITHDRAWN)
    other_basis = S("Autre fondement", value=State.OTHER_BASIS)
    aps_granted = S("APS délivrée", value=State.APS_GRANTED)
    minor_awaiting_majority = S("Mineur", value=State.MINOR_AWAITING_MAJORITY)
    closed = S("Clos", value=State.CLOSED)

    deliver_reflection_recepisse = referral_received.to(reflection)
    interrupt_reflection = reflection.to(reflection_interrupted)
    file_application = (
        referral_received.to(application_filed)
        | reflection.to(application_filed)
        | reflection_interrupted.to(application_filed)
        | cst_refused.to(application_filed)
        | other_basis.to(application_filed)
        | minor_awaiting_majority.to(application_filed)
    )
    file_renewal_application = cst_granted.to.itself()
    start_instruction = application_filed.to(under_instruction)
    grant_cst = under_instruction.to(cst_granted)
    refuse_cst = under_instruction.to(cst_refused)
    renew_cst = cst_granted.to.itself()
    refuse_renewal = cst_granted.to(cst_refused)
    grant_carte_resident = cst_granted.to(carte_resident) | under_instruction.to(carte_resident)
    withdraw_cst = cst_granted.to(withdrawn)
    examine_other_basis = (
        cst_refused.to(other_basis)
        | withdrawn.to(other_basis)
        | referral_received.to(other_basis)
        | reflection_interrupted.to(other_basis)
    )
    grant_aps = referral_received.to(aps_granted) | other_basis.to(aps_granted)
    defer_to_majority = referral_received.to(minor_awaiting_majority)
    close = (
        referral_received.to(closed)
        | reflection.to(closed)
        | reflection_interrupted.to(closed)
        | application_filed.to(closed)
        | under_instruction.to(closed)
        | cst_granted.to(closed)
        | cst_refused.to(closed)
        | carte_resident.to(closed)
        | withdrawn.to(closed)
        | other_basis.to(closed)
        | aps_granted.to(closed)
        | minor_awaiting_majority.to(closed)
    )
    reopen = closed.to(referral_received)


@dataclass(frozen=True)
class LawCheck:
    """Which object of the determination decides an act, and how."""

    object: str
    mode: str  # grant | refuse | measure


LAW: dict[str, LawCheck] = {
    "deliver_reflection_recepisse": LawCheck("reflection_recepisse", "grant"),
    "interrupt_reflection": LawCheck("reflection_interruption", "measure"),
    "grant_cst": LawCheck("cst", "grant"),
    "refuse_cst": LawCheck("cst", "refuse"),
    "renew_cst": LawCheck("cst_renewal", "grant"),
    "refuse_renewal": LawCheck("cst_renewal", "refuse"),
    "grant_carte_resident": LawCheck("carte_resident", "grant"),
    "withdraw_cst": LawCheck("cst_withdrawal", "measure"),
    "grant_aps": LawCheck("aps", "grant"),
}
#: Acts that always need the agent's motivation (besides discretionary grants).
MOTIVATED = frozenset(
    {"refuse_cst", "refuse_renewal", "withdraw_cst", "interrupt_reflection", "close"}
)
ACTS = tuple(event.id for event in DossierLifecycle.events)


class _Holder:
    def __init__(self, state: str) -> None:
        self.state = state


@cache
def next_state(state: str, act: str) -> str | None:
    """The state after ``act`` from ``state``, or ``None`` if the act is not possible there.

    The machine's guards read nothing but the state: the answer is kept for the process
    (building a machine costs a millisecond and a half, more than the act's own SQL)."""
    holder = _Holder(state)
    machine = DossierLifecycle(model=holder, state_field="state")
    try:
        machine.send(act)
    except TransitionNotAllowed:
        return None
    return holder.state


def allowed_acts(state: str) -> list[str]:
    """The acts possible from ``state`` (before the law is asked)."""
    return list(_allowed_acts(state))


@cache
def _allowed_acts(state: str) -> tuple[str, ...]:
    holder = _Holder(state)
    machine = DossierLifecycle(model=holder, state_field="state")
    return tuple(event.id for event in machine.allowed_events)
