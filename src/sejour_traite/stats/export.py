"""The statistics of a prefecture as files: CSV (one long table) and XLSX (one sheet each).

Both carry exactly what the page shows: masked counts are the text « < 5 » and undisclosed
medians « n.c. »; no identity data, no dossier number. CSV follows the usual open-data
conventions (UTF-8, comma separator, decimal point, one header line).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from openpyxl import Workbook
from openpyxl.styles import Font

from sejour_traite.stats.queries import (
    MASK,
    NOT_DISCLOSED,
    SMALL_COUNT,
    PrefectureStatistics,
    ProcessingTime,
    Table,
)

CSV_HEADER = ("prefecture", "indicateur", "modalite", "annee", "mesure", "valeur")
PROCESSING_TITLE = "Délai de traitement des demandes (jours, du dépôt à la décision)"
PROCESSING_HEADER = (
    "Demandes",
    "Décisions mesurées",
    "Médiane (jours)",
    "90e centile (jours)",
)


def _number(value: float | int | None) -> float | int | str:
    if value is None:
        return NOT_DISCLOSED
    return int(value) if float(value).is_integer() else value


def csv_rows(stats: PrefectureStatistics) -> Iterator[tuple[object, ...]]:
    """The rows of the CSV export, header first."""
    yield CSV_HEADER
    code = stats.prefecture_code
    for table in stats.tables:
        yearly = table.key == "decisions"
        for row in table.rows:
            for column, cell in zip(table.columns, row.cells, strict=True):
                year = column if yearly else ""
                yield (code, table.title, row.label, year, "effectif", cell.value)
    for time in stats.processing_times:
        yield (code, PROCESSING_TITLE, time.label, "", "decisions_mesurees", time.decisions.value)
        yield (code, PROCESSING_TITLE, time.label, "", "mediane_jours", _number(time.median_days))
        yield (code, PROCESSING_TITLE, time.label, "", "p90_jours", _number(time.p90_days))


def to_csv(stats: PrefectureStatistics) -> str:
    """The CSV export (text; encode it as UTF-8)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(csv_rows(stats))
    return buffer.getvalue()


def _readme(stats: PrefectureStatistics) -> list[tuple[str, str]]:
    return [
        ("Préfecture", f"{stats.prefecture_name} ({stats.prefecture_code})"),
        ("Calculé le", stats.computed_on.isoformat()),
        (
            "Secret statistique",
            f"Tout effectif inférieur à {SMALL_COUNT} (zéro compris) est affiché « {MASK} ». "
            f"Les nationalités de moins de {SMALL_COUNT} dossiers sont regroupées. Une médiane "
            f"ou un centile calculé sur moins de {SMALL_COUNT} décisions est affiché "
            f"« {NOT_DISCLOSED} » (non communiqué).",
        ),
        (
            "Contenu",
            "Agrégats seulement : aucune donnée d'identité, aucun numéro de dossier. Les actes "
            "par année sont conservés après la purge des dossiers ; les nationalités et les "
            "infractions portent sur les dossiers non purgés.",
        ),
    ]


def _sheet_rows(table: Table) -> Iterator[list[object]]:
    yield [table.row_header, *table.columns]
    for row in table.rows:
        yield [row.label, *(cell.value for cell in row.cells)]
    if table.note:
        yield []
        yield [table.note]


def _processing_rows(times: tuple[ProcessingTime, ...]) -> Iterator[list[object]]:
    yield list(PROCESSING_HEADER)
    for time in times:
        yield [
            time.label,
            time.decisions.value,
            _number(time.median_days),
            _number(time.p90_days),
        ]


SHEET_TITLES = {
    "states": "États",
    "decisions": "Actes par année",
    "nationalities": "Nationalités",
    "offences": "Infractions",
}


def to_xlsx(stats: PrefectureStatistics) -> bytes:
    """The XLSX export: a « Lisez-moi » sheet, then one sheet per table."""
    workbook = Workbook()
    readme = workbook.active
    readme.title = "Lisez-moi"
    readme.append(["Statistiques", "sejour-traite"])
    for label, text in _readme(stats):
        readme.append([label, text])
    readme.column_dimensions["A"].width = 22
    readme.column_dimensions["B"].width = 100
    bold = Font(bold=True)
    sheets = [(SHEET_TITLES[t.key], _sheet_rows(t)) for t in stats.tables]
    sheets.append(("Délais de traitement", _processing_rows(stats.processing_times)))
    for title, rows in sheets:
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for header in sheet[1]:
            header.font = bold
        sheet.column_dimensions["A"].width = 60
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
