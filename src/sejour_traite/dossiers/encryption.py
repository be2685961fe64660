"""Identity data encrypted at rest, and a keyed blind index to search it.

* Values are encrypted with Fernet (AES-128-CBC + HMAC-SHA256) under ``ENCRYPTION_KEYS``:
  the first key encrypts, every key decrypts (``MultiFernet``). Rotation: put the new key
  first, run ``manage.py rotate_keys`` (re-encrypts every value), then drop the old key.
* A blind index is an HMAC-SHA256 of the normalised value under the first blind-index key:
  equal names give equal indexes, so a search needs no decryption of every row. The keys are
  ``BLIND_INDEX_KEYS`` (``SEJOUR_TRAITE_BLIND_INDEX_KEYS``, comma-separated), or the single
  ``BLIND_INDEX_KEY`` (``SEJOUR_TRAITE_BLIND_INDEX_KEY``) when there is no list. The first key
  computes the indexes written; a search looks for the indexes under every key
  (``blind_indexes``). Rotation: put the new key first (``"new,old"``), run
  ``manage.py rotate_keys`` (``reindex``: every index recomputed under the first key, from the
  decrypted names, in batches), then drop the old key.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import orjson
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models, transaction

logger = logging.getLogger(__name__)


class KeyConfigurationError(ImproperlyConfigured):
    """The keys are badly configured (the message says how to fix them, never quotes a key)."""


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in keys])


def cipher() -> MultiFernet:
    """The cipher of the configured keys (first encrypts, all decrypt)."""
    return _fernet(tuple(settings.ENCRYPTION_KEYS))


def check_encryption_keys() -> int:
    """How many encryption keys are configured; ``KeyConfigurationError`` when one of them
    is not a Fernet key (the message never quotes a key)."""
    keys = tuple(settings.ENCRYPTION_KEYS)
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key.encode())
        except (ValueError, UnicodeEncodeError):
            msg = (
                f"la clé n° {position} de SEJOUR_TRAITE_ENCRYPTION_KEYS n'est pas une clé "
                "Fernet (32 octets encodés en base64 URL)"
            )
            raise KeyConfigurationError(msg) from None
    return len(keys)


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


KEYS_VARIABLE = "SEJOUR_TRAITE_BLIND_INDEX_KEYS"
KEY_VARIABLE = "SEJOUR_TRAITE_BLIND_INDEX_KEY"


@cache
def _checked_keys(keys: tuple[str, ...], single: str) -> tuple[bytes, ...]:
    # The messages never quote a key.
    if not keys:
        if not single.strip():
            msg = f"aucune clé d'index de recherche : définir {KEYS_VARIABLE} (ou {KEY_VARIABLE})"
            raise KeyConfigurationError(msg)
        return (single.encode("utf-8"),)
    if any(not key.strip() for key in keys):
        msg = (
            f"{KEYS_VARIABLE} contient une clé vide (virgule en trop ?) : attendu "
            "« nouvelle,ancienne » pendant une rotation, une seule clé sinon"
        )
        raise KeyConfigurationError(msg)
    if len(set(keys)) != len(keys):
        msg = f"{KEYS_VARIABLE} contient deux fois la même clé"
        raise KeyConfigurationError(msg)
    if single and single not in keys:
        msg = (
            f"{KEY_VARIABLE} est défini mais ne figure pas dans {KEYS_VARIABLE} : les index "
            f"calculés sous cette clé ne seraient plus trouvés. Ajoutez-la en dernier à "
            f"{KEYS_VARIABLE} (rotation en cours) ou retirez {KEY_VARIABLE}"
        )
        raise KeyConfigurationError(msg)
    return tuple(key.encode("utf-8") for key in keys)


def _keys() -> tuple[bytes, ...]:
    listed = getattr(settings, "BLIND_INDEX_KEYS", None) or ()
    return _checked_keys(tuple(listed), getattr(settings, "BLIND_INDEX_KEY", "") or "")


def check_blind_index_keys() -> int:
    """How many blind-index keys are configured; ``KeyConfigurationError`` when the
    configuration is wrong (empty, duplicated key, single key missing from the list)."""
    return len(_keys())


def _hmac(key: bytes, value: str) -> str:
    return hmac.new(key, normalise(value).encode("utf-8"), hashlib.sha256).hexdigest()


def blind_index(value: str) -> str:
    """Keyed index of a value (hex HMAC-SHA256 of its normalised form) under the first
    (current) key: the index to store."""
    return _hmac(_keys()[0], value)


def blind_indexes(value: str) -> list[str]:
    """The indexes of a value under every configured key, the current one first: what a
    search looks for (``field__in``) so that it finds rows not yet re-indexed during a
    rotation."""
    return [_hmac(key, value) for key in _keys()]


def blind_indexes_of(values: Iterable[str]) -> list[str]:
    """``blind_indexes`` of several values (e.g. the orders of the words of a full name)."""
    return list(dict.fromkeys(index for value in values for index in blind_indexes(value)))


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """A text stored encrypted; reads and writes plain text in Python."""

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> str | None:
        return None if value is None else decrypt(value)

    def get_prep_value(self, value: Any) -> str | None:
        value = super().get_prep_value(value)
        return None if value in (None, "") else encrypt(str(value))


def dumps(value: Any) -> str:
    """Canonical JSON of a stored document: sorted keys, UTF-8, unknown types as ``str``
    (orjson: a determination with its explanation is some 50 KB, written at every act)."""
    return orjson.dumps(
        value, default=str, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS
    ).decode()


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
        return encrypt(dumps(value))

    def value_to_string(self, obj: Any) -> str:
        return json.dumps(self.value_from_object(obj), ensure_ascii=False, default=str)


@checks.register(checks.Tags.security)
def blind_index_keys_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """``manage.py check`` (and every command that runs the checks): the keys' configuration."""
    errors = []
    for check in (check_encryption_keys, check_blind_index_keys):
        try:
            check()
        except KeyConfigurationError as error:
            errors.append(checks.Error(str(error), id="sejour_traite.E001"))
    return errors


# ---------------------------------------------------------------- blind-index rotation


@dataclass
class ReindexReport:
    """What a re-indexing did (or, in a dry run, would do).

    ``reindexed`` counts the persons whose indexes were recomputed under the first key,
    ``current`` those already indexed under it (left alone: running twice changes nothing),
    ``anonymised`` those whose indexes the retention purge erased (left erased), and
    ``undecryptable`` names (by primary key only) the persons no encryption key opens.
    """

    dry_run: bool
    examined: int = 0
    current: int = 0
    reindexed: int = 0
    anonymised: int = 0
    undecryptable: list[int] = field(default_factory=list)


def person_indexes(
    first_names: str, last_name: str, foreigner_number: str | None
) -> tuple[str, str, str]:
    """The three indexes of a person under the current key, as ``Person.save`` computes
    them: last name, first names and last name, foreigner number (empty when unknown)."""
    return (
        blind_index(last_name),
        blind_index(f"{first_names} {last_name}"),
        blind_index(foreigner_number) if foreigner_number else "",
    )


_PERSON_COLUMNS = (
    "first_names",
    "last_name",
    "foreigner_number",
    "last_name_index",
    "full_name_index",
    "foreigner_number_index",
)


def reindex(*, batch_size: int = 500, dry_run: bool = False) -> ReindexReport:
    """Recompute every person's blind indexes under the first blind-index key.

    Rows are read by primary key in batches of ``batch_size``, one transaction per batch,
    locked (SELECT … FOR UPDATE on PostgreSQL; SQLite serialises writers) so that a name
    changed meanwhile is not indexed from its old value. The names are decrypted in memory
    only: nothing decrypted is written anywhere but as an HMAC, nor logged. A row is written
    only when one of its indexes changes, so a second run writes nothing.

    Raises ``KeyConfigurationError`` when the keys are badly configured, ``ValueError``
    when ``batch_size`` is below 1.
    """
    if batch_size < 1:
        msg = "la taille des lots doit être au moins 1"
        raise ValueError(msg)
    check_blind_index_keys()
    from django.apps import apps

    from sejour_traite.dossiers import audit

    person = apps.get_model("dossiers", "Person")
    quote = connection.ops.quote_name
    table, pk = quote(person._meta.db_table), quote(person._meta.pk.column)
    fields = [person._meta.get_field(name) for name in _PERSON_COLUMNS]
    columns = ", ".join(quote(f.column) for f in fields)
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields[3:])
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    report = ReindexReport(dry_run=dry_run)
    last_pk: Any = None
    while True:
        with transaction.atomic(), connection.cursor() as cursor:
            where = "" if last_pk is None else f"WHERE {pk} > %s"
            cursor.execute(
                f"SELECT {pk}, {columns} FROM {table} {where} ORDER BY {pk} LIMIT %s{lock}",
                ([] if last_pk is None else [last_pk]) + [batch_size],
            )
            rows = cursor.fetchall()
            if not rows:
                break
            last_pk = rows[-1][0]
            updates: list[tuple[str, str, str, Any]] = []
            for row_pk, first_token, last_token, number_token, *stored in rows:
                report.examined += 1
                if not stored[0] and not stored[1]:
                    report.anonymised += 1  # erased by the retention purge: stays erased
                    continue
                try:
                    indexes = person_indexes(
                        decrypt(first_token),
                        decrypt(last_token),
                        decrypt(number_token) if number_token else None,
                    )
                except ValueError:
                    report.undecryptable.append(row_pk)
                    continue
                if tuple(stored) == indexes:
                    report.current += 1
                    continue
                report.reindexed += 1
                updates.append((*indexes, row_pk))
            if updates and not dry_run:
                cursor.executemany(f"UPDATE {table} SET {assignments} WHERE {pk} = %s", updates)
    if not dry_run and report.reindexed:
        audit.record(
            None,
            "rotate_blind_index",
            None,
            "command",
            {"reindexed": report.reindexed, "undecryptable": len(report.undecryptable)},
        )
    logger.info(
        "blind index rotation%s: %s persons examined, %s re-indexed, %s already current, "
        "%s anonymised, %s unreadable",
        " (dry run)" if dry_run else "",
        report.examined,
        report.reindexed,
        report.current,
        report.anonymised,
        len(report.undecryptable),
    )
    return report
