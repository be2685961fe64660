"""API tokens: created once (the token is shown then), stored as a hash, revocable."""

from __future__ import annotations

import hashlib
import secrets

from django.utils import timezone

from sejour_traite.accounts.models import ApiToken, Role, User


def digest(token: str) -> str:
    """The stored form of a token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create(user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``, scoped to the user's prefecture; returns (record, token)."""
    token = "st_" + secrets.token_urlsafe(32)
    record = ApiToken.objects.create(
        user=user,
        prefecture=user.prefecture if user.role in (Role.AGENT, Role.SUPERVISOR) else None,
        name=name,
        key_hash=digest(token),
        prefix=token[:8],
    )
    return record, token


def authenticate(token: str) -> User | None:
    """The active user of an active token (whose scope still matches the user), else None."""
    record = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=digest(token), revoked_at__isnull=True)
        .first()
    )
    if record is None or not record.user.is_active:
        return None
    if record.prefecture_id is not None and record.prefecture_id != record.user.prefecture_id:
        return None  # the user moved to another prefecture: the token's scope no longer holds
    ApiToken.objects.filter(pk=record.pk).update(last_used_at=timezone.now())
    return record.user
