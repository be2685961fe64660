"""A dossier's rows, read once per request or act and kept on the instance.

``load`` reads the facts, documents, applications, procedure stages, decisions (without their
encrypted determination and facts snapshot, which only a decision's own page decrypts) and
deadlines of a dossier into Django's prefetch cache of the instance: then
``dossier.facts.all()`` and the like, ``services.raw_facts``, ``queries.history`` and the
pages read them from memory instead of querying again. ``get`` reads the dossier itself with
them. On PostgreSQL the statements go to the server together, in one round trip (several
statements in one simple query, one result set each); elsewhere one query each.

The acts (``services``) load the locked dossier once, keep the cache in step with what they
write (``remember``), evaluate the law before and after on it, and ``forget`` it before
handing the dossier back. An instance never loaded reads from the database as before.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators

from sejour_traite.dossiers.models import Dossier

#: The relations ``load`` reads.
RELATIONS = ("facts", "documents", "applications", "procedure_stages", "decisions", "deadlines")
#: Columns left unread: encrypted content that no list or evaluation shows.
_DEFERRED = {"decisions": ("determination", "facts_snapshot")}
#: The models' orderings within one dossier: theirs start with ``dossier``, which Django
#: turns into a join on the dossiers table to sort by the dossier's own ordering.
_ORDER = {
    "facts": ("name", "recorded_at", "id"),
    "documents": ("valid_from", "id"),
    "applications": ("filing_date", "id"),
    "procedure_stages": ("reported_on", "id"),
    "decisions": ("decided_at", "id"),
    "deadlines": ("due_on", "id"),
}


def _relation(dossier_id: int, name: str) -> QuerySet[Any]:
    field = Dossier._meta.get_field(name)
    rows = field.related_model.objects.filter(**{field.field.attname: dossier_id})
    rows = rows.order_by(*_ORDER[name])
    return rows.defer(*_DEFERRED[name]) if name in _DEFERRED else rows


def _relations(dossier_id: int, names: Iterable[str]) -> list[Statement]:
    return [(f"relation:{name}", lambda pk, n=name: _relation(pk, n), dossier_id) for name in names]


#: A statement to fetch: a key naming its SQL (``None``: not kept), a function making its
#: queryset from a value, and that value (its only parameter when the SQL is kept).
Statement = tuple[str | None, Callable[[Any], QuerySet[Any]], Any]
_compiled = threading.local()


def fetch(querysets: list[QuerySet[Any]], using: str = "default") -> list[list[Model]]:
    """The rows of several querysets of models (plain rows, ``select_related`` allowed),
    in one round trip on PostgreSQL."""
    return _fetch([(None, lambda q: q, queryset) for queryset in querysets], using)


def _compile(statement: Statement, using: str) -> tuple[Any, str, list[Any]]:
    """The compiler, SQL and parameters of a statement. The SQL of a keyed statement whose
    only parameter is its value is kept (per thread and database): compiling a queryset
    costs more CPU than the database spends on these reads."""
    key, build, value = statement
    kept = _compiled.__dict__.setdefault("statements", {})
    if key is not None and (using, key) in kept:
        compiler, sql = kept[using, key]
        return compiler, sql, [value]
    compiler = build(value).query.get_compiler(using=using)
    sql, params = compiler.as_sql()
    if key is not None and list(params) == [value]:
        kept[using, key] = (compiler, sql)
    return compiler, sql, list(params)


def _fetch(statements: list[Statement], using: str) -> list[list[Model]]:
    connection = connections[using]
    if connection.vendor != "postgresql" or len(statements) < 2 or not _binds_client_side(using):
        return [list(build(value)) for _, build, value in statements]
    compiled = [_compile(statement, using) for statement in statements]
    compilers = [compiler for compiler, _, _ in compiled]
    sql = "; ".join(text for _, text, _ in compiled)
    params = [param for _, _, some in compiled for param in some]
    results: list[list[Model]] = []
    with connection.cursor() as cursor:
        # Django's psycopg cursor binds parameters client-side: several statements may go
        # in one query, each with its own result set (``nextset``).
        cursor.execute(sql, params)
        for index, compiler in enumerate(compilers):
            if index:
                cursor.nextset()
            results.append(_instances(compiler, cursor.fetchall(), using))
    return results


def _binds_client_side(using: str) -> bool:
    """Whether the connection's cursors bind parameters client-side (Django's default with
    psycopg 3): only they send several statements with parameters in one query."""
    from psycopg import ClientCursor  # only on PostgreSQL

    connection = connections[using]
    connection.ensure_connection()
    factory = getattr(connection.connection, "cursor_factory", None)
    return factory is not None and issubclass(factory, ClientCursor)


def _instances(compiler: Any, rows: list[tuple[Any, ...]], using: str) -> list[Model]:
    """Model instances of a compiled queryset's raw rows (as ``ModelIterable`` makes them)."""
    klass_info = compiler.klass_info
    model = klass_info["model"]
    start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
    names = [column[0].target.attname for column in compiler.select[start:end]]
    related = get_related_populators(klass_info, compiler.select, using)
    instances = []
    for row in compiler.results_iter([rows]):
        instance = model.from_db(using, names, row[start:end])
        for populator in related:
            populator.populate(row, instance)
        instances.append(instance)
    return instances


def _cache(dossier: Dossier, name: str, rows: list[Model]) -> None:
    """Keep ``rows`` as the prefetched relation ``name`` (each row knowing its dossier)."""
    queryset = getattr(dossier, name).all()
    queryset._result_cache = rows
    queryset._prefetch_done = True
    field = Dossier._meta.get_field(name).field
    for row in rows:
        field.set_cached_value(row, dossier)
    if not hasattr(dossier, "_prefetched_objects_cache"):
        dossier._prefetched_objects_cache = {}
    dossier._prefetched_objects_cache[name] = queryset


def load(dossier: Dossier) -> Dossier:
    """Read the dossier's rows into its prefetch cache (one round trip on PostgreSQL)."""
    names = [name for name in RELATIONS if cached(dossier, name) is None]
    rows = _fetch(_relations(dossier.pk, names), dossier._state.db or "default")
    for name, some in zip(names, rows, strict=True):
        _cache(dossier, name, some)
    return dossier


def get(dossiers: QuerySet[Dossier], pk: int, *, key: str | None = None) -> Dossier:
    """``dossiers.get(pk=pk)`` with its rows loaded, all read in one round trip on
    PostgreSQL (``Dossier.DoesNotExist`` if there is none). ``key``: a name for the SQL of
    ``dossiers`` (always the same queryset under one name), compiled once per thread."""
    statement: Statement = (key, lambda value: dossiers.filter(pk=value), pk)
    found, *rows = _fetch([statement, *_relations(pk, RELATIONS)], dossiers.db)
    if not found:
        raise Dossier.DoesNotExist(f"Dossier {pk} introuvable.")
    dossier = found[0]
    for name, some in zip(RELATIONS, rows, strict=True):
        _cache(dossier, name, some)
    return dossier


def cached(dossier: Dossier, name: str) -> list[Any] | None:
    """The rows of relation ``name`` loaded on the instance, or ``None`` if not loaded."""
    rows = getattr(dossier, "_prefetched_objects_cache", {}).get(name)
    return None if rows is None else list(rows)


def rows(dossier: Dossier, name: str, query: Iterable[Any]) -> list[Any]:
    """The loaded rows of ``name`` if any, else those of ``query`` (read now)."""
    loaded = cached(dossier, name)
    return list(query) if loaded is None else loaded


def remember(dossier: Dossier, name: str, row: Model) -> None:
    """Add a row just written to the loaded relation ``name`` (if loaded)."""
    loaded = getattr(dossier, "_prefetched_objects_cache", {}).get(name)
    if loaded is not None:
        loaded._result_cache.append(row)  # the evaluated queryset Django keeps


def forget(dossier: Dossier, *names: str) -> None:
    """Drop the loaded rows (of ``names``, or all): the next read queries the database."""
    cache = getattr(dossier, "_prefetched_objects_cache", None)
    if cache is None:
        return
    for name in names or tuple(cache):
        cache.pop(name, None)
