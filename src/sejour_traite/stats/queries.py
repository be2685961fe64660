"""The statistics of one prefecture, computed from its case files (aggregates only).

Every figure leaves this module as a ``Cell``: a count below ``SMALL_COUNT`` (zero
included) has no value, only the text ``MASK`` (« < 5 »), so a page or an export cannot
show it. Rules of disclosure, chosen here once for every interface:

* counts below 5 are masked, zero included (a zero says « nobody », which is a fact about
  people too); no table has a total row, so that a single masked cell cannot be recovered
  by subtraction within its table (subtraction across tables is not prevented);
* nationalities are an open list: those with fewer than 5 dossiers are grouped under
  « Autres nationalités », so that the page does not even say that a rare nationality is
  present;
* a median or a 90th percentile over fewer than 5 decisions is not disclosed.

Sources: states from the dossiers; decisions by act and year from ``AggregateCount``, which
survives the retention purge; nationalities (decrypted one by one, counted, never kept) and
offence categories from the dossiers not yet anonymised; processing times from the
decisions, which the purge keeps as (act, date).
"""

from __future__ import annotations

import gettext
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from django.db.models import Count

from sejour_traite.accounts.models import Prefecture
from sejour_traite.dossiers.models import (
    AggregateCount,
    Decision,
    Dossier,
    FactRecord,
    Person,
    State,
)
from sejour_traite.dossiers.permissions import Action, require
from sejour_traite.law import parameters
from sejour_traite.law.facts import STATELESS

#: Counts below this are never shown (statistical confidentiality of small numbers).
SMALL_COUNT = 5
#: What a masked count shows.
MASK = f"< {SMALL_COUNT}"
#: What an undisclosed median or percentile shows (fewer than SMALL_COUNT decisions).
NOT_DISCLOSED = "n.c."

#: French labels of the acts of ``dossiers.lifecycle`` (in its order).
ACT_LABELS = {
    "deliver_reflection_recepisse": "Délivrance du récépissé de délai de réflexion",
    "interrupt_reflection": "Interruption du délai de réflexion",
    "file_application": "Dépôt d'une première demande de carte de séjour",
    "file_renewal_application": "Dépôt d'une demande de renouvellement",
    "start_instruction": "Mise en instruction",
    "grant_cst": "Délivrance de la carte de séjour temporaire",
    "refuse_cst": "Refus de la carte de séjour temporaire",
    "renew_cst": "Renouvellement de la carte de séjour temporaire",
    "refuse_renewal": "Refus de renouvellement",
    "grant_carte_resident": "Délivrance de la carte de résident",
    "withdraw_cst": "Retrait de la carte de séjour temporaire",
    "examine_other_basis": "Examen sur un autre fondement",
    "grant_aps": "Délivrance de l'APS (parcours de sortie de la prostitution)",
    "defer_to_majority": "Mineur : examen reporté à la majorité",
    "close": "Clôture du dossier",
    "reopen": "Réouverture du dossier",
}

#: Acts that file an application, with the kind of application they file.
FILING_ACTS = {"file_application": "first_cst", "file_renewal_application": "cst_renewal"}
#: Acts that decide the pending application (grant or refusal).
DECIDING_ACTS = frozenset(
    {"grant_cst", "refuse_cst", "renew_cst", "refuse_renewal", "grant_carte_resident"}
)
APPLICATION_LABELS = {
    "all": "Toutes les demandes",
    "first_cst": "Première demande de carte de séjour temporaire",
    "cst_renewal": "Demande de renouvellement",
}

TRAFFICKING, PIMPING, BOTH, OTHER, UNKNOWN = "trafficking", "pimping", "both", "other", "unknown"
OFFENCE_LABELS = {
    TRAFFICKING: "Traite des êtres humains (C. pén. art. 225-4-1 à 225-4-6)",
    PIMPING: "Proxénétisme (C. pén. art. 225-5 à 225-10)",
    BOTH: "Traite et proxénétisme",
    OTHER: "Autres infractions seulement",
    UNKNOWN: "Non renseigné (ni plainte ni témoignage précisant les infractions)",
}
OTHER_NATIONALITIES = f"Autres nationalités (moins de {SMALL_COUNT} dossiers chacune)"
UNKNOWN_NATIONALITY = "Nationalité non renseignée"


# ---------------------------------------------------------------- what may be shown


@dataclass(frozen=True, slots=True)
class Cell:
    """A count as it may be shown: ``count`` is ``None`` when it is masked."""

    count: int | None

    @property
    def masked(self) -> bool:
        """Whether the count is below ``SMALL_COUNT`` (and so not shown)."""
        return self.count is None

    @property
    def text(self) -> str:
        """The count, or ``MASK``."""
        return MASK if self.count is None else str(self.count)

    @property
    def value(self) -> int | str:
        """The count as a number, or the text ``MASK`` (for exports)."""
        return MASK if self.count is None else self.count


def cell(count: int) -> Cell:
    """The cell of a raw count: masked below ``SMALL_COUNT``."""
    return Cell(count if count >= SMALL_COUNT else None)


@dataclass(frozen=True, slots=True)
class Row:
    """A line of a table: its category and one cell per column."""

    key: str
    label: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A table of counts (one column, or one column per year), without a total row."""

    key: str
    title: str
    row_header: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class ProcessingTime:
    """Days from the filing of an application to its decision (grant or refusal)."""

    key: str
    label: str
    decisions: Cell
    median_days: float | None
    p90_days: int | None


@dataclass(frozen=True, slots=True)
class PrefectureStatistics:
    """Everything the statistics page and its exports show for one prefecture."""

    prefecture_code: str
    prefecture_name: str
    computed_on: date
    states: Table
    decisions: Table
    nationalities: Table
    offences: Table
    processing_times: tuple[ProcessingTime, ...]

    @property
    def tables(self) -> tuple[Table, ...]:
        """The count tables, in the order of the page."""
        return (self.states, self.decisions, self.nationalities, self.offences)


# ---------------------------------------------------------------- entry points


def for_user(user: Any, on: date) -> PrefectureStatistics:
    """The statistics of the user's own prefecture.

    Raises:
        ActionNotPermitted: the user is not an active supervisor of a prefecture.
    """
    require(user, Action.VIEW_STATISTICS)
    return for_prefecture(user.prefecture, on)


def for_prefecture(prefecture: Prefecture, on: date) -> PrefectureStatistics:
    """The statistics of ``prefecture`` as computed on ``on`` (no permission check)."""
    return PrefectureStatistics(
        prefecture_code=prefecture.code,
        prefecture_name=prefecture.name,
        computed_on=on,
        states=states_table(prefecture),
        decisions=decisions_table(prefecture),
        nationalities=nationalities_table(prefecture),
        offences=offences_table(prefecture),
        processing_times=processing_times(prefecture),
    )


# ---------------------------------------------------------------- the tables


def states_table(prefecture: Prefecture) -> Table:
    """Dossiers by state (every state listed)."""
    counts = dict(
        Dossier.objects.filter(prefecture=prefecture)
        .order_by()
        .values("state")
        .annotate(n=Count("id"))
        .values_list("state", "n")
    )
    rows = tuple(
        Row(state.value, str(state.label), (cell(counts.get(state, 0)),)) for state in State
    )
    return Table("states", "Dossiers par état", "État", ("Dossiers",), rows)


def decisions_table(prefecture: Prefecture) -> Table:
    """Acts by type and year (``AggregateCount``: kept after the retention purge)."""
    counts: dict[tuple[str, int], int] = {}
    for act, year, count in AggregateCount.objects.filter(
        prefecture_code=prefecture.code
    ).values_list("act", "year", "count"):
        counts[act, year] = counts.get((act, year), 0) + count
    years = sorted({year for _, year in counts})
    present = {act for act, _ in counts}
    acts = [act for act in ACT_LABELS if act in present] + sorted(present - set(ACT_LABELS))
    rows = tuple(
        Row(act, ACT_LABELS.get(act, act), tuple(cell(counts.get((act, y), 0)) for y in years))
        for act in acts
    )
    return Table(
        "decisions",
        "Décisions et actes par type et par année",
        "Acte",
        tuple(str(year) for year in years),
        rows,
        "Année de la date de l'acte. Ces comptes sont conservés après la purge des dossiers.",
    )


def nationalities_table(prefecture: Prefecture) -> Table:
    """Dossiers by nationality; nationalities with fewer than 5 dossiers are grouped."""
    codes = Counter(
        code or ""
        for code in Person.objects.filter(
            dossier__prefecture=prefecture, dossier__anonymised=False
        ).values_list("nationality", flat=True)
    )
    unknown = codes.pop("", 0)
    frequent = [(code, n) for code, n in codes.items() if n >= SMALL_COUNT]
    rare = sum(n for n in codes.values() if n < SMALL_COUNT)
    frequent.sort(key=lambda item: (-item[1], _sort_key(country_label(item[0]))))
    rows = [Row(code, country_label(code), (cell(n),)) for code, n in frequent]
    if rare:
        rows.append(Row("other", OTHER_NATIONALITIES, (cell(rare),)))
    if unknown:
        rows.append(Row("unknown", UNKNOWN_NATIONALITY, (cell(unknown),)))
    return Table(
        "nationalities",
        "Dossiers par nationalité",
        "Nationalité",
        ("Dossiers",),
        tuple(rows),
        "Dossiers dont les données personnelles n'ont pas été purgées.",
    )


def offences_table(prefecture: Prefecture) -> Table:
    """Dossiers by offence category, from the offences of the complaint and the testimony."""
    dossier_ids = list(
        Dossier.objects.filter(prefecture=prefecture, anonymised=False).values_list("id", flat=True)
    )
    latest: dict[tuple[int, str], Any] = {}
    records = (
        FactRecord.objects.filter(
            dossier__prefecture=prefecture,
            dossier__anonymised=False,
            name__in=("complaint", "testimony"),
        )
        .order_by("dossier_id", "name", "recorded_at", "id")
        .values_list("dossier_id", "name", "value")
    )
    for dossier_id, name, value in records:
        latest[dossier_id, name] = value  # the last record of a fact is its current value
    categories = Counter(
        offence_category(
            _offences(latest.get((pk, "complaint"))) + _offences(latest.get((pk, "testimony")))
        )
        for pk in dossier_ids
    )
    rows = tuple(Row(key, label, (cell(categories[key]),)) for key, label in OFFENCE_LABELS.items())
    return Table(
        "offences",
        "Dossiers par catégorie d'infraction",
        "Catégorie d'infraction",
        ("Dossiers",),
        rows,
        "D'après les infractions de la plainte et du témoignage ; dossiers non purgés.",
    )


def processing_times(prefecture: Prefecture) -> tuple[ProcessingTime, ...]:
    """Median and 90th percentile of the days from filing to decision, by application kind."""
    by_dossier: dict[int, list[tuple[str, date]]] = {}
    acts = (
        Decision.objects.filter(
            dossier__prefecture=prefecture, act__in=[*FILING_ACTS, *DECIDING_ACTS]
        )
        .order_by("dossier_id", "id")
        .values_list("dossier_id", "act", "eval_date")
    )
    for dossier_id, act, eval_date in acts:
        by_dossier.setdefault(dossier_id, []).append((act, eval_date))
    durations: dict[str, list[int]] = {"all": [], "first_cst": [], "cst_renewal": []}
    for events in by_dossier.values():
        for kind, days in processing_days(events):
            durations[kind].append(days)
            durations["all"].append(days)
    return tuple(
        _processing_time(key, APPLICATION_LABELS[key], values) for key, values in durations.items()
    )


# ---------------------------------------------------------------- pure helpers


def processing_days(events: Iterable[tuple[str, date]]) -> list[tuple[str, int]]:
    """(application kind, days) for each application of one dossier that was decided.

    ``events`` are the dossier's acts in the order they were performed. A filing opens an
    application; the next grant or refusal decides it. A filing while an earlier
    application is still open replaces it (the earlier one was closed without a decision).
    """
    pending: tuple[str, date] | None = None
    result: list[tuple[str, int]] = []
    for act, on in events:
        if act in FILING_ACTS:
            pending = (FILING_ACTS[act], on)
        elif act in DECIDING_ACTS and pending is not None:
            kind, filed = pending
            days = (on - filed).days
            if days >= 0:  # an act dated before its filing is a data error, not a duration
                result.append((kind, days))
            pending = None
    return result


def percentile(values: Sequence[int], percent: int) -> int:
    """The ``percent``-th percentile by the nearest-rank method (an observed value)."""
    if not values:
        msg = "percentile of no values"
        raise ValueError(msg)
    ordered = sorted(values)
    rank = max((percent * len(ordered) + 99) // 100, 1)  # ceil(percent/100 × n), in integers
    return ordered[rank - 1]


def _processing_time(key: str, label: str, values: list[int]) -> ProcessingTime:
    if len(values) < SMALL_COUNT:
        return ProcessingTime(key, label, cell(len(values)), None, None)
    return ProcessingTime(
        key, label, cell(len(values)), float(statistics.median(values)), percentile(values, 90)
    )


@cache
def _eligible_offences() -> frozenset[str]:
    """Every article that ever opened the scheme (P-ELIGIBLE-OFFENCES, all periods)."""
    articles: set[str] = set()
    for entry in parameters.get("P-ELIGIBLE-OFFENCES").values:
        articles.update(str(article) for article in entry.value)
    return frozenset(articles)


def offence_category(articles: Iterable[str]) -> str:
    """Trafficking, pimping, both, other or unknown, from Code pénal article numbers.

    Trafficking is section 1 bis of chapter V (« De la traite des êtres humains »,
    articles 225-4-1 ff.), pimping section 2 (« Du proxénétisme », 225-5 ff.); only the
    articles that open the scheme (P-ELIGIBLE-OFFENCES) count for either.
    """
    found = {str(article).strip() for article in articles}
    eligible = found & _eligible_offences()
    trafficking = any(article.startswith("225-4-") for article in eligible)
    pimping = any(not article.startswith("225-4-") for article in eligible)
    if trafficking and pimping:
        return BOTH
    if trafficking:
        return TRAFFICKING
    if pimping:
        return PIMPING
    return OTHER if found else UNKNOWN


def _offences(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [str(article) for article in value.get("offences") or []]
    return []  # unknown, or "none" (no testimony)


@cache
def _country_names() -> dict[str, str]:
    import pycountry  # imported lazily: only nationality labels need it

    translation = gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True
    )
    names = {country.alpha_2: translation.gettext(country.name) for country in pycountry.countries}
    names["XK"] = "Kosovo"
    names[STATELESS] = "Apatride"
    return names


def country_label(code: str) -> str:
    """The French name of an ISO 3166 alpha-2 code (or « Apatride »)."""
    return _country_names().get(code, code)


def _sort_key(label: str) -> str:
    decomposed = unicodedata.normalize("NFKD", label.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
