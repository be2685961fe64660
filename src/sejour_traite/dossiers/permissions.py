"""Who may do what: functions of (user, action, dossier), least privilege by default.

| role        | own prefecture                                  | other prefecture |
|-------------|-------------------------------------------------|------------------|
| agent       | view, identity, facts, decide, annotate, notes  | nothing          |
| supervisor  | as agent, and statistics                        | nothing          |
| police      | refer (any prefecture); report the procedure stage of the dossiers  |
|             | its unit referred; nothing else                                    |
| association | view and identity of the dossiers a person shared with it, while   |
|             | shared; nothing else                                               |
| auditor     | the audit trail (no identity data, no dossier)  | idem             |
| admin       | manage accounts (no dossier content)            | idem             |
"""

from __future__ import annotations

import enum
from datetime import date

from sejour_traite.accounts.models import Role, User
from sejour_traite.dossiers.errors import ActionNotPermitted
from sejour_traite.dossiers.models import Dossier


class Action(enum.StrEnum):
    """Actions on dossiers (and on the system, with ``dossier=None``)."""

    VIEW = "view"  # facts, documents, decisions, determination, deadlines
    VIEW_IDENTITY = "view_identity"  # decrypted names, date of birth, foreigner number
    EDIT_FACTS = "edit_facts"
    DECIDE = "decide"  # every act of the lifecycle
    ANNOTATE = "annotate"
    READ_ANNOTATIONS = "read_annotations"
    REFER = "refer"  # create a dossier from a police referral
    REPORT_STAGE = "report_stage"  # criminal procedure stage
    VIEW_STATISTICS = "view_statistics"
    VIEW_AUDIT = "view_audit"
    MANAGE_ACCOUNTS = "manage_accounts"


_PREFECTURE_STAFF = {
    Role.AGENT: {
        Action.VIEW,
        Action.VIEW_IDENTITY,
        Action.EDIT_FACTS,
        Action.DECIDE,
        Action.ANNOTATE,
        Action.READ_ANNOTATIONS,
    },
}
_PREFECTURE_STAFF[Role.SUPERVISOR] = _PREFECTURE_STAFF[Role.AGENT] | {Action.VIEW_STATISTICS}
_SHARED_WITH_ASSOCIATION = {Action.VIEW, Action.VIEW_IDENTITY}


def can(
    user: User | None, action: Action, dossier: Dossier | None = None, on: date | None = None
) -> bool:
    """Whether ``user`` may perform ``action`` (on ``dossier`` when it concerns one)."""
    if user is None or not user.is_active or not user.is_authenticated:
        return False
    role = user.role
    if role in _PREFECTURE_STAFF:
        if action == Action.VIEW_STATISTICS:
            return role == Role.SUPERVISOR and user.prefecture_id is not None
        if dossier is None:
            return False
        return dossier.prefecture_id == user.prefecture_id and action in _PREFECTURE_STAFF[role]
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


def require(user: User | None, action: Action, dossier: Dossier | None = None) -> None:
    """``can`` or ``ActionNotPermitted``."""
    if not can(user, action, dossier):
        raise ActionNotPermitted(str(action), dossier.number if dossier is not None else None)
