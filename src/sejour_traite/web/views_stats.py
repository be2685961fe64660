"""Statistics of the supervisor's prefecture: the page, its charts, its CSV and XLSX exports.

The figures come from ``stats.queries`` already masked (counts below 5); this module only
lays them out. Charts are inline SVG drawn here, on the server: no script, no third-party
request, and each one is followed by the table holding the same data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from sejour_traite.accounts.models import Role
from sejour_traite.dossiers import audit
from sejour_traite.dossiers.errors import ActionNotPermitted
from sejour_traite.stats import export, queries
from sejour_traite.stats.queries import MASK, NOT_DISCLOSED, SMALL_COUNT, Cell, Table
from sejour_traite.web import stats_texts
from sejour_traite.web.access import forbidden, staff_page

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Chart geometry (SVG user units).
WIDTH = 760
LABEL_WIDTH = 330
BAR_SPACE = 340
ROW_HEIGHT = 30
BAR_HEIGHT = 18
PADDING = 10
LABEL_CHARS = 44


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: no rectangle when the count is masked."""

    label: str
    text: str
    masked: bool
    y: int
    text_y: int
    width: int
    value_x: int


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart, in SVG user units."""

    key: str
    title: str
    bars: tuple[Bar, ...]
    width: int
    height: int
    label_x: int
    bar_x: int
    bar_height: int


def bar_chart(key: str, title: str, rows: list[tuple[str, Cell]]) -> Chart:
    """The bars of ``rows`` scaled to the largest shown count; masked counts get no bar."""
    largest = max((c.count for _, c in rows if c.count is not None), default=0)
    bars = []
    for index, (label, cell) in enumerate(rows):
        top = PADDING + index * ROW_HEIGHT
        width = 0 if cell.count is None or not largest else round(BAR_SPACE * cell.count / largest)
        short = label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"
        bars.append(
            Bar(
                label=short,
                text=cell.text,
                masked=cell.masked,
                y=top,
                text_y=top + BAR_HEIGHT - 4,
                width=width,
                value_x=LABEL_WIDTH + width + 8,
            )
        )
    return Chart(
        key=key,
        title=title,
        bars=tuple(bars),
        width=WIDTH,
        height=2 * PADDING + max(len(rows), 1) * ROW_HEIGHT,
        label_x=LABEL_WIDTH - 8,
        bar_x=LABEL_WIDTH,
        bar_height=BAR_HEIGHT,
    )


def _one_column_chart(table: Table) -> Chart:
    return bar_chart(
        table.key,
        stats_texts.text(table.title),
        [(stats_texts.row_label(table, row), row.cells[0]) for row in table.rows],
    )


def _decisions_chart(table: Table, year: str) -> Chart | None:
    if year not in table.columns:
        return None
    index = table.columns.index(year)
    return bar_chart(
        "decisions",
        _("%(title)s : année %(year)s") % {"title": stats_texts.text(table.title), "year": year},
        [(stats_texts.row_label(table, row), row.cells[index]) for row in table.rows],
    )


def _statistics(request: HttpRequest) -> queries.PrefectureStatistics | None:
    try:
        return queries.for_user(request.user, timezone.localdate())
    except ActionNotPermitted:
        return None


@staff_page(Role.SUPERVISOR)
def statistics(request: HttpRequest) -> HttpResponse:
    """Counts by state, acts by type and year, nationalities, offences, processing times."""
    stats = _statistics(request)
    if stats is None:
        return forbidden(request)
    years = stats.decisions.columns
    year = request.GET.get("annee", "")
    if year not in years:
        year = years[-1] if years else ""
    context: dict[str, Any] = {
        "stats": stats,
        "charts": {
            "states": _one_column_chart(stats.states),
            "nationalities": _one_column_chart(stats.nationalities),
            "offences": _one_column_chart(stats.offences),
            "decisions": _decisions_chart(stats.decisions, year),
        },
        "year": year,
        "mask": MASK,
        "small_count": SMALL_COUNT,
        "not_disclosed": stats_texts.text(NOT_DISCLOSED),
    }
    return render(request, "web/stats_page.html", context)


@staff_page(Role.SUPERVISOR)
def export_csv(request: HttpRequest) -> HttpResponse:
    """The statistics as CSV (UTF-8, comma-separated)."""
    stats = _statistics(request)
    if stats is None:
        return forbidden(request)
    _record_export(request, "csv")
    response = HttpResponse(export.to_csv(stats), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(stats)}.csv"'
    return response


@staff_page(Role.SUPERVISOR)
def export_xlsx(request: HttpRequest) -> HttpResponse:
    """The statistics as an XLSX workbook (one sheet per table)."""
    stats = _statistics(request)
    if stats is None:
        return forbidden(request)
    _record_export(request, "xlsx")
    response = HttpResponse(export.to_xlsx(stats), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{_file_name(stats)}.xlsx"'
    return response


def _file_name(stats: queries.PrefectureStatistics) -> str:
    return f"statistiques-{stats.prefecture_code}-{stats.computed_on.isoformat()}"


def _record_export(request: HttpRequest, file_format: str) -> None:
    # Aggregates leave the system: the audit trail says who took them, and in what form.
    audit.record(request.user, "export_statistics", None, "web", {"format": file_format})
