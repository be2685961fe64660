"""Who may do what: functions of (user, action, dossier), least privilege by default.

| role        | on a dossier                                          | without a dossier |
|-------------|-------------------------------------------------------|-------------------|
| agent       | own prefecture: view, identity, facts, decide,        | nothing           |
|             | annotate, read the notes; other prefecture: nothing   |                   |
| supervisor  | as agent, and the statistics of its own prefecture    | statistics        |
| police      | report the procedure stage of the dossiers its unit   | refer (to any     |
|             | referred; nothing else (not even view)                | prefecture)       |
| association | view and identity of a dossier the person shared with | nothing           |
|             | it, until the share is revoked; nothing else          |                   |
| auditor     | the audit trail (no identity data, no dossier content)| the audit trail   |
| admin       | manage accounts (no dossier content)                  | manage accounts   |

An inactive or anonymous user may do nothing. ``tests/dossiers/test_permissions.py`` holds
the full matrix (every role × every action × own/other prefecture, unit or share).

Refused attempts: a refused *read* of a dossier is recorded in the audit trail
(``read_denied``, by ``require``), because probing files one may not see is what an audit
must show. A refused *write* leaves no trace: services check the permission inside the act's
transaction, and the refusal rolls the whole transaction back — nothing is written, the
audit event included.
"""

from __future__ import annotations

import enum
from typing import Any

from sejour_traite.accounts.models import Role, User
from sejour_traite.dossiers import audit
from sejour_traite.dossiers.errors import ActionNotPermitted
from sejour_traite.dossiers.models import Dossier


class Action(enum.StrEnum):
    """Actions on dossiers (and on the system, with ``dossier=None``)."""

    VIEW = "view"  # facts, documents, decisions, determination, deadlines
    VIEW_IDENTITY = "view_identity"  # decrypted names, date of birth, foreigner number
    EDIT_FACTS = "edit_facts"  # facts, and the person's choice to share with an association
    DECIDE = "decide"  # every act of the lifecycle
    ANNOTATE = "annotate"
    READ_ANNOTATIONS = "read_annotations"
    REFER = "refer"  # create a dossier from a police referral
    REPORT_STAGE = "report_stage"  # criminal procedure stage
    VIEW_STATISTICS = "view_statistics"
    VIEW_AUDIT = "view_audit"
    MANAGE_ACCOUNTS = "manage_accounts"


#: Actions that read a dossier: a refusal of one of them is audited (``read_denied``).
READS = frozenset({Action.VIEW, Action.VIEW_IDENTITY, Action.READ_ANNOTATIONS})

_AGENT = frozenset(
    {
        Action.VIEW,
        Action.VIEW_IDENTITY,
        Action.EDIT_FACTS,
        Action.DECIDE,
        Action.ANNOTATE,
        Action.READ_ANNOTATIONS,
    }
)
_PREFECTURE_STAFF = {Role.AGENT: _AGENT, Role.SUPERVISOR: _AGENT | {Action.VIEW_STATISTICS}}
_SHARED_WITH_ASSOCIATION = frozenset({Action.VIEW, Action.VIEW_IDENTITY})


def is_active(user: Any) -> bool:
    """Whether ``user`` is a signed-in, active account (``None`` and anonymous are not)."""
    return user is not None and bool(user.is_active) and bool(user.is_authenticated)


def staff_prefecture_id(user: Any) -> int | None:
    """The prefecture an active agent or supervisor works for; ``None`` for anyone else."""
    if not is_active(user) or getattr(user, "role", None) not in _PREFECTURE_STAFF:
        return None
    prefecture_id: int | None = user.prefecture_id
    return prefecture_id


def can(user: User | Any | None, action: Action, dossier: Dossier | None = None) -> bool:
    """Whether ``user`` may perform ``action`` (on ``dossier`` when it concerns one).

    ``REFER``, ``VIEW_AUDIT`` and ``MANAGE_ACCOUNTS`` concern the system, not a dossier: a
    dossier given with them changes nothing. ``VIEW_STATISTICS`` is limited to the
    supervisor's own prefecture. Every other action needs a dossier.
    """
    if not is_active(user):
        return False
    role = user.role
    if role in _PREFECTURE_STAFF:
        prefecture_id = staff_prefecture_id(user)
        if prefecture_id is None:
            return False
        if action == Action.VIEW_STATISTICS:
            own = dossier is None or dossier.prefecture_id == prefecture_id
            return role == Role.SUPERVISOR and own
        if dossier is None:
            return False
        return dossier.prefecture_id == prefecture_id and action in _PREFECTURE_STAFF[role]
    if role == Role.POLICE:
        if action == Action.REFER:
            return True
        if action == Action.REPORT_STAGE and dossier is not None:
            return bool(user.organisation) and dossier.police_unit == user.organisation
        return False
    if role == Role.ASSOCIATION:
        if dossier is None or action not in _SHARED_WITH_ASSOCIATION:
            return False
        return dossier.shares.filter(association=user, revoked_on__isnull=True).exists()
    if role == Role.AUDITOR:
        return action == Action.VIEW_AUDIT
    if role == Role.ADMIN:
        return action == Action.MANAGE_ACCOUNTS
    return False


def require(
    user: User | Any | None,
    action: Action,
    dossier: Dossier | None = None,
    *,
    interface: str = "service",
) -> None:
    """``can``, or ``ActionNotPermitted``; a refused read of a dossier is audited first.

    The ``read_denied`` event is written in the caller's transaction: a read outside any
    transaction (``services.view``) keeps it; inside an act that is rolled back by the
    refusal, it goes with the rest (a refused write leaves no trace, see the module doc).
    """
    if can(user, action, dossier):
        return
    if dossier is not None and action in READS:
        audit.record(user, "read_denied", dossier, interface, {"action": str(action)})
    raise ActionNotPermitted(str(action), dossier.number if dossier is not None else None)
