"""Durability and privacy of the data: key rotation, backup and restore, retention purge.

The management commands ``rotate_keys``, ``backup``, ``restore`` and ``purge_closed`` only
parse their arguments, call these functions and map ``DurabilityError`` to a clear message.

* Key rotation re-encrypts every ``EncryptedTextField`` value of every model under the first
  key of ``ENCRYPTION_KEYS``, in batches, reading and writing the raw column (the tokens), so
  that plain text never leaves the process and nothing else of the row changes.
* A backup is one file: a header line, then the serialized rows of the project's apps in
  chunks, each compressed, encrypted with the current keys and checksummed. Identity data
  is never in clear in the file. A restore refuses a non-empty database unless forced, runs
  in one transaction, resets the PostgreSQL sequences and verifies the audit chain.
* The retention purge anonymises closed dossiers past the retention age: identity, facts,
  notes, procedure stages, applications and the content of decisions go; what the statistics
  need stays (documents and decisions as kind, dates, act and outcome); ``AggregateCount`` is
  not touched. One audit event per dossier, without identity.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import uuid
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from itertools import groupby, islice
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.duration import duration_iso_string

from sejour_traite.dossiers import audit, encryption
from sejour_traite.dossiers.encryption import EncryptedTextField
from sejour_traite.dossiers.models import (
    Annotation,
    Application,
    AssociationShare,
    AuditEvent,
    AuditHead,
    Deadline,
    Decision,
    Document,
    Dossier,
    FactRecord,
    Person,
    ProcedureStage,
    State,
)
from sejour_traite.law import dates

logger = logging.getLogger(__name__)

#: The interface named in the audit events written by these operations.
INTERFACE = "command"


class DurabilityError(Exception):
    """A backup, restore, rotation or purge that cannot be done; the message says why."""


# ================================================================ key rotation


def encrypted_fields() -> list[tuple[type[Model], list[EncryptedTextField]]]:
    """Every concrete model with encrypted columns, and those columns (found via ``_meta``)."""
    found = []
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        columns = [f for f in meta.local_concrete_fields if isinstance(f, EncryptedTextField)]
        if columns:
            found.append((model, columns))
    return found


@dataclass
class RotationReport:
    """What a rotation did (or, in a dry run, would do).

    ``rotated`` counts the values re-encrypted under the first key, per ``app.Model.field``;
    ``current`` the values already under it (left alone: running twice changes nothing);
    ``undecryptable`` names the values no configured key opens (``app.Model.field #pk``).
    """

    dry_run: bool
    examined: int = 0
    current: int = 0
    rotated: Counter[str] = field(default_factory=Counter)
    undecryptable: list[str] = field(default_factory=list)

    @property
    def total_rotated(self) -> int:
        """Values re-encrypted (or to re-encrypt) in all."""
        return sum(self.rotated.values())


def rotate_keys(*, batch_size: int = 500, dry_run: bool = False) -> RotationReport:
    """Re-encrypt every encrypted value under the first key of ``ENCRYPTION_KEYS``.

    Rows are read by primary key in batches of ``batch_size``, one transaction per batch.
    A value is written back only if it still holds the token read (a row saved meanwhile
    by the application is already under the first key), so the rotation can run while the
    application serves. Values no key opens are reported, not changed.
    """
    if batch_size < 1:
        msg = "la taille des lots doit être au moins 1"
        raise DurabilityError(msg)
    primary = Fernet(settings.ENCRYPTION_KEYS[0].encode())
    report = RotationReport(dry_run=dry_run)
    quote = connection.ops.quote_name
    for model, fields in encrypted_fields():
        table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
        columns = ", ".join(quote(f.column) for f in fields)
        last_pk: Any = None
        while True:
            with transaction.atomic(), connection.cursor() as cursor:
                where = "" if last_pk is None else f"WHERE {pk} > %s"
                cursor.execute(
                    f"SELECT {pk}, {columns} FROM {table} {where} ORDER BY {pk} LIMIT %s",
                    ([] if last_pk is None else [last_pk]) + [batch_size],
                )
                rows = cursor.fetchall()
                if not rows:
                    break
                last_pk = rows[-1][0]
                updates: dict[str, list[tuple[str, Any, str]]] = {}
                for row_pk, *tokens in rows:
                    for column_field, token in zip(fields, tokens, strict=True):
                        if token is None:
                            continue
                        label = f"{model._meta.label}.{column_field.name}"
                        report.examined += 1
                        if _opens(primary, token):
                            report.current += 1
                            continue
                        new = _rotated(token)
                        if new is None:
                            report.undecryptable.append(f"{label} #{row_pk}")
                            continue
                        report.rotated[label] += 1
                        updates.setdefault(column_field.column, []).append((new, row_pk, token))
                if not dry_run:
                    for column, params in updates.items():
                        cursor.executemany(
                            f"UPDATE {table} SET {quote(column)} = %s "
                            f"WHERE {pk} = %s AND {quote(column)} = %s",
                            params,
                        )
    if not dry_run and report.total_rotated:
        audit.record(
            None,
            "rotate_keys",
            None,
            INTERFACE,
            {"rotated": report.total_rotated, "undecryptable": len(report.undecryptable)},
        )
    logger.info(
        "key rotation%s: %s values examined, %s re-encrypted, %s already current, %s unreadable",
        " (dry run)" if dry_run else "",
        report.examined,
        report.total_rotated,
        report.current,
        len(report.undecryptable),
    )
    return report


def _opens(primary: Fernet, token: str) -> bool:
    """Whether the first key alone opens the token (nothing to re-encrypt)."""
    try:
        primary.decrypt(token.encode("ascii"))
    except (InvalidToken, UnicodeEncodeError):
        return False
    return True


def _rotated(token: str) -> str | None:
    """The token re-encrypted under the first key; None if no configured key opens it."""
    try:
        return encryption.rotate(token)
    except (InvalidToken, UnicodeEncodeError):
        return None


# ================================================================ backup and restore

#: A backup holds every row of the project's apps (``sejour_traite.*``: accounts, dossiers…).
PROJECT = "sejour_traite"
FORMAT = 1
#: Rows per encrypted chunk of a backup file.
CHUNK_ROWS = 1000
_MAGIC = b"sejour-traite-backup"
_NOTHING = "rien n'a été restauré"


def backed_up_models() -> list[type[Model]]:
    """The models a backup holds, in an order where referenced rows come first.

    Every model of the project's apps, ``auth.Group`` (users belong to groups), and every
    model of another app that refers to one of them (a user's second-factor device…):
    without those a restore would lose them, and a forced restore could not empty the
    tables they refer to.
    """
    selected: list[type[Model]] = [Group]
    for config in apps.get_app_configs():
        if config.name == PROJECT or config.name.startswith(PROJECT + "."):
            selected.extend(_concrete(config.get_models()))
    added = True
    while added:
        added = False
        for model in _concrete(apps.get_models()):
            if model not in selected and any(
                f.is_relation and f.concrete and f.related_model in selected
                for f in model._meta.local_fields
            ):
                selected.append(model)
                added = True
    by_app: dict[Any, list[type[Model]]] = {}
    for model in selected:
        by_app.setdefault(model._meta.app_config, []).append(model)
    return serializers.sort_dependencies(list(by_app.items()), allow_cycles=True)


def _concrete(models: Any) -> list[type[Model]]:
    return [m for m in models if not m._meta.proxy and m._meta.managed]


def _tables_of(models: list[type[Model]]) -> list[type[Model]]:
    """The models and their auto-created many-to-many tables (``accounts_user_groups``…)."""
    result = list(models)
    for model in models:
        for m2m in model._meta.local_many_to_many:
            through = m2m.remote_field.through
            if through._meta.auto_created and through not in result:
                result.append(through)
    return result


def row_counts() -> dict[str, int]:
    """Rows per table of the backed-up apps (``app.Model`` → count)."""
    return {
        model._meta.label: model._base_manager.count() for model in _tables_of(backed_up_models())
    }


class _Encoder(json.JSONEncoder):
    """JSON of serialized rows without loss: full-precision datetimes (the audit hashes
    cover the microseconds, which Django's own encoder would drop)."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime | date | time):
            return o.isoformat()
        if isinstance(o, timedelta):
            return duration_iso_string(o)
        if isinstance(o, Decimal | uuid.UUID):
            return str(o)
        return super().default(o)


@dataclass(frozen=True)
class BackupReport:
    """A backup written: where, how many rows, how many bytes."""

    path: Path
    rows: int
    size: int
    counts: dict[str, int]


def backup(path: Path | str) -> BackupReport:
    """Write every row of the project's apps to ``path``, encrypted, atomically.

    The rows are read in one transaction (REPEATABLE READ on PostgreSQL): the backup is a
    consistent snapshot even while agents work. They are streamed to the file in chunks
    of ``CHUNK_ROWS`` (memory stays flat whatever the size of the database), and the file
    replaces ``path`` only once it is completely written (temporary file, then rename).

    File format: a header line ``sejour-traite-backup <format>``, then one line per chunk,
    ``<Fernet token> <SHA-256 of the token>``. Each token (``encryption.cipher()``: the first
    configured key) holds the zlib-compressed JSON of ``{"index": i, "objects": [...]}``
    (rows as Django's "python" serializer gives them); the last one holds
    ``{"index": n, "end": {...}}``: the row counts, the date, the database.
    """
    path = Path(path)
    if path.is_dir():
        msg = f"{path} est un dossier : indiquez le chemin du fichier de sauvegarde"
        raise DurabilityError(msg)
    counts: dict[str, int] = {}  # rows per table, many-to-many tables included
    serialized: Counter[str] = Counter()  # rows per model in the file
    with _snapshot(), _atomic_file(path) as file:
        file.write(b"%s %d\n" % (_MAGIC, FORMAT))
        index = 0
        for model in backed_up_models():
            counts[model._meta.label] = 0
            m2m = [
                f
                for f in model._meta.local_many_to_many
                if f.remote_field.through._meta.auto_created
            ]
            for m2m_field in m2m:
                counts[m2m_field.remote_field.through._meta.label] = 0
            # Foreign keys by id (the ids are restored); many-to-many links by natural key
            # (permissions have other ids in another database). Natural keys cost a query
            # per row and per key, so only the models with such links use them.
            natural = bool(m2m)
            queryset = model._base_manager.order_by("pk")
            if m2m:
                queryset = queryset.prefetch_related(*(f.name for f in m2m))
            rows = _readable(model, queryset.iterator(chunk_size=CHUNK_ROWS))
            while batch := list(islice(rows, CHUNK_ROWS)):
                objects = serializers.serialize("python", batch, use_natural_foreign_keys=natural)
                file.write(_encode_chunk({"index": index, "objects": objects}))
                index += 1
                counts[model._meta.label] += len(objects)
                serialized[model._meta.label_lower] += len(objects)
                for m2m_field in m2m:
                    counts[m2m_field.remote_field.through._meta.label] += sum(
                        len(o["fields"][m2m_field.name]) for o in objects
                    )
        end = {
            "created_at": timezone.now().isoformat(),
            "database": connection.vendor,
            "counts": counts,
            "rows": serialized,
        }
        file.write(_encode_chunk({"index": index, "end": end}))
    total = sum(counts.values())
    size = path.stat().st_size
    audit.record(None, "backup", None, INTERFACE, {"rows": total, "file": path.name})
    logger.info("backup written: %s rows, %s bytes", total, size)
    return BackupReport(path=path, rows=total, size=size, counts=counts)


def _readable(model: type[Model], rows: Iterator[Model]) -> Iterator[Model]:
    """The rows, or a clear error if an encrypted value cannot be read with the keys."""
    unreadable = False
    try:
        yield from rows
    except ValueError:  # encryption.decrypt: no configured key opens a value
        unreadable = True
    if unreadable:
        # Raised outside the ``except``: the traceback no longer holds the server-side
        # cursor, which is closed now, before the transaction ends.
        msg = (
            f"une valeur chiffrée de {model._meta.label} ne s'ouvre avec aucune clé configurée "
            "(manage.py rotate_keys --dry-run les nomme) ; aucune sauvegarde n'a été écrite"
        )
        raise DurabilityError(msg)


def _encode_chunk(chunk: dict[str, Any]) -> bytes:
    plain = json.dumps(chunk, cls=_Encoder, ensure_ascii=False).encode("utf-8")
    token = encryption.cipher().encrypt(zlib.compress(plain, 6))
    return token + b" " + hashlib.sha256(token).hexdigest().encode("ascii") + b"\n"


@contextmanager
def _snapshot() -> Iterator[None]:
    """One read transaction; on PostgreSQL a REPEATABLE READ, READ ONLY snapshot."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


@contextmanager
def _atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A file that replaces ``path`` whole when the block ends, or not at all if it fails.

    Written in the same folder, readable by its owner only, flushed to disk before the
    rename, and the rename itself made durable.
    """
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
        )
    except OSError as error:
        msg = f"impossible d'écrire la sauvegarde dans {path.parent} : {error.strerror}"
        raise DurabilityError(msg) from error
    try:
        with os.fdopen(descriptor, "wb") as file:
            yield file
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException as error:
        with suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            msg = f"impossible d'écrire la sauvegarde {path} : {error.strerror}"
            raise DurabilityError(msg) from error
        raise
    with suppress(OSError):  # make the rename durable (POSIX)
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def _chunks(path: Path) -> Iterator[dict[str, Any]]:
    """The chunks of a backup file, each checked and decrypted; the end chunk last."""
    try:
        file = path.open("rb")
    except OSError as error:
        msg = f"impossible de lire la sauvegarde {path} : {error.strerror}"
        raise DurabilityError(msg) from error
    with file:
        header = file.readline(100).rstrip(b"\n").split(b" ")
        if len(header) != 2 or header[0] != _MAGIC:
            msg = f"{path} n'est pas une sauvegarde de sejour-traite (en-tête absent ou illisible)"
            raise DurabilityError(msg)
        if header[1] != str(FORMAT).encode():
            version = header[1].decode(errors="replace")
            msg = f"{path} : format de sauvegarde {version} non pris en charge"
            raise DurabilityError(msg)
        ended = False
        for index, line in enumerate(file):
            number = index + 2  # the header is line 1
            if ended:
                msg = f"{path} est corrompue ou tronquée (données après la fin, ligne {number})"
                raise DurabilityError(msg)
            chunk = _decode_chunk(path, number, line)
            if chunk.get("index") != index:
                msg = f"{path} est corrompue ou tronquée (morceau {index} manquant, ligne {number})"
                raise DurabilityError(msg)
            ended = "end" in chunk
            yield chunk
        if not ended:
            msg = f"{path} est corrompue ou tronquée (la fin de la sauvegarde manque)"
            raise DurabilityError(msg)


def _decode_chunk(path: Path, number: int, line: bytes) -> dict[str, Any]:
    token, _, checksum = line.rstrip(b"\n").partition(b" ")
    if hashlib.sha256(token).hexdigest().encode("ascii") != checksum:
        msg = f"{path} est corrompue ou tronquée (somme de contrôle fausse, ligne {number})"
        raise DurabilityError(msg)
    try:
        compressed = encryption.cipher().decrypt(token)
    except InvalidToken as error:
        msg = (
            f"{path} ne peut pas être déchiffrée avec les clés configurées "
            "(SEJOUR_TRAITE_ENCRYPTION_KEYS) : elle a été écrite sous une autre clé"
        )
        raise DurabilityError(msg) from error
    try:
        chunk = json.loads(zlib.decompress(compressed))
    except (zlib.error, ValueError) as error:
        msg = f"{path} : contenu illisible après déchiffrement, ligne {number} (corrompue)"
        raise DurabilityError(msg) from error
    if not isinstance(chunk, dict) or not (
        isinstance(chunk.get("objects"), list) or isinstance(chunk.get("end"), dict)
    ):
        msg = f"{path} : morceau d'un format inattendu, ligne {number} (corrompue)"
        raise DurabilityError(msg)
    return chunk


def read_backup(path: Path | str) -> dict[str, Any]:
    """Check a whole backup file and return its summary (``counts``, ``created_at``…).

    Every chunk is checked (checksum, decryption with the configured keys, order, end) and
    the rows are counted against the summary: a restore begins only with a sound file.
    """
    path = Path(path)
    found: Counter[str] = Counter()
    end: dict[str, Any] = {}
    for chunk in _chunks(path):
        for row in chunk.get("objects", ()):
            found[row.get("model", "")] += 1
        end = chunk.get("end", end)
    if found != Counter(end.get("rows", {})) or not isinstance(end.get("counts"), dict):
        msg = f"{path} est corrompue (les lignes ne correspondent pas à son résumé)"
        raise DurabilityError(msg)
    return end


def backup_objects(path: Path | str) -> Iterator[dict[str, Any]]:
    """The rows of a backup file, as Django's "python" serializer wrote them, in order."""
    for chunk in _chunks(Path(path)):
        yield from chunk.get("objects", ())


@dataclass(frozen=True)
class RestoreReport:
    """A restore done: rows restored, audit events verified, the backup's date."""

    rows: int
    audit_events: int
    created_at: str
    replaced: int


def restore(path: Path | str, *, force: bool = False) -> RestoreReport:
    """Restore a backup into this database, all or nothing.

    The whole file is checked first. Then, in one transaction: refuse a database that
    holds rows of the project's apps unless ``force`` (they are then replaced), load the
    rows, reset the sequences, check the counts against the backup's and verify the audit
    chain; any failure rolls everything back. The restore is appended to the audit trail.
    """
    summary = read_backup(path)
    try:
        with transaction.atomic():
            replaced = _empty_database(force)
            _load(backup_objects(path))
            _reset_sequences()
            rows = _check_counts(summary["counts"])
            checked = _check_audit()
            audit.record(
                None,
                "restore",
                None,
                INTERFACE,
                {"rows": rows, "backup_created_at": summary.get("created_at", "")},
            )
    except DeserializationError as error:
        msg = f"la sauvegarde ne correspond pas au schéma de cette base ({error}) ; {_NOTHING}"
        raise DurabilityError(msg) from error
    except DatabaseError as error:
        msg = f"la base a refusé la restauration ({error}) ; {_NOTHING}"
        raise DurabilityError(msg) from error
    logger.info("backup restored: %s rows, %s audit events verified", rows, checked)
    return RestoreReport(
        rows=rows,
        audit_events=checked,
        created_at=str(summary.get("created_at", "")),
        replaced=replaced,
    )


def _load(objects: Iterator[dict[str, Any]]) -> None:
    """Insert the rows as they are (ids, dates, encrypted values re-encrypted), by batches.

    Rows are inserted raw, like ``loaddata`` does (no ``save()``, so ``auto_now`` dates and
    the blind indexes stay those of the backup), but many per INSERT rather than one.
    """
    rows = serializers.deserialize("python", objects)
    for model, group in groupby(rows, key=lambda row: type(row.object)):
        if model._meta.parents:  # multi-table inheritance: one row at a time
            for row in group:
                row.save()
            continue
        fields = [f for f in model._meta.local_concrete_fields if not f.generated]
        while batch := list(islice(group, CHUNK_ROWS)):
            size = max(1, connection.ops.bulk_batch_size(fields, batch))
            for start in range(0, len(batch), size):
                model._base_manager._insert(
                    [row.object for row in batch[start : start + size]], fields=fields, raw=True
                )
            for row in batch:
                for name, values in (row.m2m_data or {}).items():
                    getattr(row.object, name).set(values)


def _empty_database(force: bool) -> int:
    """Refuse a non-empty database, or (forced) empty it; the rows removed."""
    existing = {label: count for label, count in row_counts().items() if count}
    if existing and not force:
        detail = ", ".join(f"{label} : {count}" for label, count in sorted(existing.items()))
        msg = (
            f"la base de données n'est pas vide ({detail}) ; "
            "relancez avec --force pour remplacer son contenu par la sauvegarde"
        )
        raise DurabilityError(msg)
    if existing:
        tables = [model._meta.db_table for model in _tables_of(backed_up_models())]
        connection.ops.execute_sql_flush(
            connection.ops.sql_flush(no_style(), tables, reset_sequences=True)
        )
    return sum(existing.values())


def _reset_sequences() -> None:
    """Next ids after the restored ones (PostgreSQL; SQLite follows by itself)."""
    models = _tables_of(backed_up_models())
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def _check_counts(expected: dict[str, int]) -> int:
    """The rows restored per table must be the rows backed up; their total."""
    restored = row_counts()
    wrong = {
        label: (expected.get(label, 0), restored.get(label, 0))
        for label in sorted(set(expected) | set(restored))
        if expected.get(label, 0) != restored.get(label, 0)
    }
    if wrong:
        detail = ", ".join(f"{k} : {a} sauvegardées, {b} restaurées" for k, (a, b) in wrong.items())
        msg = f"la restauration ne rend pas les lignes sauvegardées ({detail}) ; {_NOTHING}"
        raise DurabilityError(msg)
    return sum(restored.values())


def _check_audit() -> int:
    """The restored audit chain must be intact and its head on its last event."""
    chain = audit.verify()
    if not chain.intact:
        msg = (
            f"la piste d'audit restaurée est rompue à l'événement {chain.broken_at} "
            f"({chain.reason}) ; {_NOTHING}"
        )
        raise DurabilityError(msg)
    _check_audit_head(chain.checked)
    return chain.checked


def _check_audit_head(events: int) -> None:
    """The chain's head must name the last event (else the next append would fork it)."""
    head = AuditHead.objects.filter(pk=1).first()
    last = AuditEvent.objects.order_by("-sequence").first()
    if last is None and head is None:
        return
    if head is None or last is None or (head.sequence, head.hash) != (last.sequence, last.hash):
        msg = (
            f"la tête de la piste d'audit ne désigne pas son dernier événement ({events} "
            f"événements) ; {_NOTHING}"
        )
        raise DurabilityError(msg)


# ================================================================ retention

#: What the purge deletes from a dossier (related name → model).
_DELETED: dict[str, type[Model]] = {
    "facts": FactRecord,
    "procedure_stages": ProcedureStage,
    "applications": Application,
    "annotations": Annotation,
    "deadlines": Deadline,
    "shares": AssociationShare,
}
#: What a purged person is called (the names are required; "—" says "erased").
ERASED = "—"


@dataclass
class PurgeReport:
    """The dossiers purged (or, in a dry run, to purge) and the rows concerned."""

    dry_run: bool
    years: int
    cutoff: date
    numbers: list[str] = field(default_factory=list)
    rows: Counter[str] = field(default_factory=Counter)


def purge_closed(
    *, years: int | None = None, on: date | None = None, dry_run: bool = False
) -> PurgeReport:
    """Anonymise the dossiers closed for more than ``years`` years on ``on``.

    ``years`` defaults to ``settings.RETENTION_YEARS``, ``on`` to today. A dossier is
    purged when it is closed, not yet anonymised, and its ``closed_on`` is before ``on``
    minus ``years`` years. Each dossier is purged in its own transaction with its audit
    event; a dossier reopened meanwhile is skipped.
    """
    years = settings.RETENTION_YEARS if years is None else years
    if years < 0:
        msg = "la durée de conservation ne peut pas être négative"
        raise DurabilityError(msg)
    on = on or timezone.localdate()
    cutoff = dates.add_years(on, -years)
    report = PurgeReport(dry_run=dry_run, years=years, cutoff=cutoff)
    candidates = list(
        _purgeable(Dossier.objects.all(), cutoff)
        .order_by("closed_on", "pk")
        .values_list("pk", flat=True)
    )
    for dossier_id in candidates:
        if dry_run:
            dossier = Dossier.objects.get(pk=dossier_id)
            counts = _counts(dossier)
        else:
            with transaction.atomic():
                dossier = (
                    _purgeable(Dossier.objects.select_for_update(of=("self",)), cutoff)
                    .select_related("prefecture")
                    .filter(pk=dossier_id)
                    .first()
                )
                if dossier is None:
                    continue  # reopened or purged meanwhile
                counts = _anonymise(dossier)
                audit.record(
                    None,
                    "purge",
                    dossier,
                    INTERFACE,
                    {
                        "retention_years": years,
                        "closed_on": dossier.closed_on.isoformat(),
                        "rows": dict(sorted(counts.items())),
                    },
                )
        report.numbers.append(dossier.number)
        report.rows.update(counts)
    logger.info(
        "retention purge%s: %s dossiers closed before %s",
        " (dry run)" if dry_run else "",
        len(report.numbers),
        cutoff.isoformat(),
    )
    return report


def _purgeable(queryset: Any, cutoff: date) -> Any:
    return queryset.filter(state=State.CLOSED, closed_on__lt=cutoff, anonymised=False)


def _counts(dossier: Dossier) -> Counter[str]:
    counts: Counter[str] = Counter({"persons": 1})
    for name in _DELETED:
        counts[name] = getattr(dossier, name).count()
    counts["decisions"] = dossier.decisions.count()
    counts["documents"] = dossier.documents.count()
    return counts


def _anonymise(dossier: Dossier) -> Counter[str]:
    """Erase the dossier's personal content; keep what statistics need. The rows concerned."""
    counts: Counter[str] = Counter()
    counts["persons"] = Person.objects.filter(pk=dossier.person_id).update(
        first_names=ERASED,
        last_name=ERASED,
        date_of_birth=None,
        nationality=None,
        foreigner_number=None,
        last_name_index="",
        full_name_index="",
        foreigner_number_index="",
    )
    for name, model in _DELETED.items():
        counts[name] = model._default_manager.filter(dossier=dossier).delete()[0]
    # Decisions stay as (act, states, date, legal version, outcome): the determination
    # and the facts it was evaluated on, and the agent's motivation, go.
    counts["decisions"] = Decision.objects.filter(dossier=dossier).update(
        determination={}, facts_snapshot="{}", motivation=""
    )
    # Documents stay as (kind, validity, withdrawal): their number identifies a card.
    counts["documents"] = Document.objects.filter(dossier=dossier).update(number="")
    dossier.anonymised = True
    dossier.version += 1
    dossier.save(update_fields=["anonymised", "version", "modified_at"])
    return counts
