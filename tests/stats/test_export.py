"""The CSV and XLSX exports carry the page's figures: masked, aggregated, nothing else."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from sejour_traite.stats import export, queries
from tests.stats.support import IDENTITY, act, counted, referred

pytestmark = pytest.mark.django_db

TODAY = date(2025, 1, 31)


@pytest.fixture
def stats(users, paris):
    agent = users["agent"]
    for index in range(6):
        dossier = referred(users, paris)
        act(dossier, agent, "file_application", date(2024, 1, 1))
        act(dossier, agent, "grant_cst", date(2024, 1, 11 + index))
    counted(paris, "grant_cst", 2024, 6)
    counted(paris, "refuse_cst", 2024, 2)
    return queries.for_prefecture(paris, TODAY)


def test_the_csv_is_one_long_table_with_masked_small_counts(stats):
    lines = list(csv.reader(io.StringIO(export.to_csv(stats))))

    assert lines[0] == ["prefecture", "indicateur", "modalite", "annee", "mesure", "valeur"]
    by_key = {(line[1], line[2], line[3], line[4]): line[5] for line in lines[1:]}
    assert by_key["Dossiers par état", "Signalement reçu", "", "effectif"] == "6"
    assert by_key["Dossiers par état", "Clos", "", "effectif"] == "< 5"
    acts = "Décisions et actes par type et par année"
    assert by_key[acts, "Délivrance de la carte de séjour temporaire", "2024", "effectif"] == "6"
    assert by_key[acts, "Refus de la carte de séjour temporaire", "2024", "effectif"] == "< 5"
    assert by_key["Dossiers par nationalité", "Nigeria", "", "effectif"] == "6"
    processing = export.PROCESSING_TITLE
    first = "Première demande de carte de séjour temporaire"
    assert by_key[processing, first, "", "decisions_mesurees"] == "6"
    assert by_key[processing, first, "", "mediane_jours"] == "12.5"
    assert by_key[processing, first, "", "p90_jours"] == "15"
    assert by_key[processing, "Demande de renouvellement", "", "mediane_jours"] == "n.c."
    assert {line[0] for line in lines[1:]} == {"75"}


def test_no_count_below_five_and_no_identity_in_the_csv(stats):
    lines = list(csv.reader(io.StringIO(export.to_csv(stats))))[1:]
    text = export.to_csv(stats)

    numbers = [
        int(line[5])
        for line in lines
        if line[4] in ("effectif", "decisions_mesurees") and line[5] != "< 5"
    ]
    assert numbers and min(numbers) >= 5
    assert not [value for value in IDENTITY if value in text]


def test_the_xlsx_has_a_readme_and_one_sheet_per_table(stats):
    workbook = load_workbook(io.BytesIO(export.to_xlsx(stats)))

    assert workbook.sheetnames == [
        "Lisez-moi",
        "États",
        "Actes par année",
        "Nationalités",
        "Infractions",
        "Délais de traitement",
    ]
    readme = {row[0]: row[1] for row in workbook["Lisez-moi"].iter_rows(values_only=True)}
    assert readme["Préfecture"] == "Préfecture de police (75)"
    assert "« < 5 »" in readme["Secret statistique"]
    states = {row[0]: row[1] for row in workbook["États"].iter_rows(values_only=True) if row}
    assert states["Signalement reçu"] == 6 and states["Clos"] == "< 5"
    acts = list(workbook["Actes par année"].iter_rows(values_only=True))
    assert acts[0] == ("Acte", "2024")
    assert ("Refus de la carte de séjour temporaire", "< 5") in acts
    times = list(workbook["Délais de traitement"].iter_rows(values_only=True))
    assert ("Première demande de carte de séjour temporaire", 6, 12.5, 15) in times


def test_no_count_below_five_and_no_identity_in_the_xlsx(stats):
    workbook = load_workbook(io.BytesIO(export.to_xlsx(stats)))

    values = [
        value
        for sheet in workbook.worksheets[1:]
        for row in sheet.iter_rows(min_row=2, values_only=True)
        for value in row[1:2]
        if isinstance(value, int)
    ]
    text = " ".join(
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
    )
    assert values and min(values) >= 5
    assert not [value for value in IDENTITY if value in text]
