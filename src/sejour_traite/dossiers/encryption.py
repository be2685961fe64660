"""Identity data encrypted at rest, and a keyed blind index to search it.

* Values are encrypted with Fernet (AES-128-CBC + HMAC-SHA256) under ``ENCRYPTION_KEYS``:
  the first key encrypts, every key decrypts (``MultiFernet``). Rotation: put the new key
  first, run ``manage.py rotate_keys`` (re-encrypts every value), then drop the old key.
* A blind index is an HMAC-SHA256 of the normalised value under ``BLIND_INDEX_KEY``: equal
  names give equal indexes, so a search needs no decryption of every row.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import unicodedata
from functools import cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in keys])


def cipher() -> MultiFernet:
    """The cipher of the configured keys (first encrypts, all decrypt)."""
    return _fernet(tuple(settings.ENCRYPTION_KEYS))


def encrypt(value: str) -> str:
    """Encrypt a text; the token is ASCII."""
    return cipher().encrypt(value.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    """Decrypt a token produced by ``encrypt`` under any configured key."""
    try:
        return cipher().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeEncodeError) as error:
        msg = "identity data cannot be decrypted with the configured keys"
        raise ValueError(msg) from error


def rotate(token: str) -> str:
    """Re-encrypt a token under the first (current) key."""
    return cipher().rotate(token.encode("ascii")).decode("ascii")


def normalise(value: str) -> str:
    """Case-, accent- and space-insensitive form used by the blind index."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.replace("-", " ").split())


def blind_index(value: str) -> str:
    """Keyed index of a value (hex HMAC-SHA256 of its normalised form)."""
    key = settings.BLIND_INDEX_KEY.encode("utf-8")
    return hmac.new(key, normalise(value).encode("utf-8"), hashlib.sha256).hexdigest()


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """A text stored encrypted; reads and writes plain text in Python."""

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> str | None:
        return None if value is None else decrypt(value)

    def get_prep_value(self, value: Any) -> str | None:
        value = super().get_prep_value(value)
        return None if value in (None, "") else encrypt(str(value))


class EncryptedJSONField(EncryptedTextField):
    """A JSON document stored encrypted (it may reveal identity, e.g. ages and dates)."""

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        return None if value is None else json.loads(decrypt(value))

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            try:
                return json.loads(value)
            except json.JSONDecodeError:
                return json.loads(decrypt(value))
        return value

    def get_prep_value(self, value: Any) -> str | None:
        if value is None:
            return None
        return encrypt(json.dumps(value, ensure_ascii=False, default=str, sort_keys=True))

    def value_to_string(self, obj: Any) -> str:
        return json.dumps(self.value_from_object(obj), ensure_ascii=False, default=str)
