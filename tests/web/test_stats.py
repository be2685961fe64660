"""The statistics page and its exports: supervisors of their own prefecture only, small
counts masked, charts drawn on the server, no identity data."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from html import unescape

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from sejour_traite.dossiers.models import AuditEvent
from sejour_traite.stats import queries
from sejour_traite.web.views_stats import bar_chart
from tests.stats.support import IDENTITY, act, counted, referred
from tests.web.test_police_pages import sign_in

pytestmark = pytest.mark.django_db

PAGE, CSV, XLSX = "/statistiques/", "/statistiques/export.csv", "/statistiques/export.xlsx"


@pytest.fixture
def figures(users, paris, lyon):
    """Paris: 6 Nigerian referrals, 6 decided first applications, acts of two years; Lyon: 7."""
    agent = users["agent"]
    for index in range(6):
        dossier = referred(users, paris, "NG")
        act(dossier, agent, "file_application", date(2024, 1, 1))
        act(dossier, agent, "grant_cst", date(2024, 1, 11 + index))
    counted(paris, "grant_cst", 2023, 3)
    counted(paris, "grant_cst", 2024, 6)
    for _ in range(7):
        referred(users, lyon, "CN")


def cell(html: str, testid: str) -> str:
    match = re.search(rf'data-testid="{re.escape(testid)}">(.*?)</td>', html, re.S)
    assert match, testid
    return unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip()


# ---------------------------------------------------------------- who may


def test_a_supervisor_sees_the_statistics_of_its_prefecture(users, figures):
    response = sign_in(users["supervisor"]).get(PAGE)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Statistiques — Préfecture de police" in html
    assert cell(html, "cell-states-referral_received") == "6"
    assert cell(html, "cell-nationalities-NG") == "6"
    assert "Chine" not in html  # Lyon's dossiers


def test_another_prefecture_s_supervisor_sees_its_own_figures(users, figures):
    html = sign_in(users["other_supervisor"]).get(PAGE).content.decode()

    assert "Préfecture du Rhône" in html
    assert cell(html, "cell-states-referral_received") == "7"
    assert cell(html, "cell-nationalities-CN") == "7"
    assert 'data-testid="no-decisions"' in html


@pytest.mark.parametrize("role", ["agent", "police", "association", "auditor", "admin"])
def test_every_other_role_is_refused_the_page_and_the_exports(users, role):
    client = sign_in(users[role])

    for url in (PAGE, CSV, XLSX):
        assert client.get(url).status_code == 403


def test_an_anonymous_visitor_is_sent_to_sign_in():
    for url in (PAGE, CSV, XLSX):
        response = Client().get(url)

        assert response.status_code == 302 and response["Location"].startswith("/connexion/")


def test_a_supervisor_must_confirm_the_second_factor_first(users):
    client = Client()
    client.post("/connexion/", {"username": "chef75", "password": "x"})

    response = client.get(PAGE)

    assert response.status_code == 302 and response["Location"] == "/connexion/second-facteur/"


# ---------------------------------------------------------------- what is shown


def test_counts_below_five_are_masked_on_the_page(users, figures):
    html = sign_in(users["supervisor"]).get(PAGE).content.decode()

    assert cell(html, "cell-states-closed") == "< 5"  # zero
    assert cell(html, "cell-decisions-grant_cst-0") == "< 5"  # 3 in 2023
    assert cell(html, "cell-decisions-grant_cst-1") == "6"
    assert cell(html, "cell-offences-unknown") == "6"
    shown = [int(n) for n in re.findall(r'data-testid="cell-[^"]+">(\d+)</td>', html)]
    assert shown and min(shown) >= 5


def test_processing_times_are_shown_in_days(users, figures):
    html = sign_in(users["supervisor"]).get(PAGE).content.decode()

    assert cell(html, "processing-first_cst-decisions") == "6"
    assert cell(html, "processing-first_cst-median") == "12,5"
    assert cell(html, "processing-first_cst-p90") == "15"
    assert cell(html, "processing-cst_renewal-median") == "n.c."


def test_the_charts_are_inline_svg_with_their_table_and_no_script(users, figures):
    html = sign_in(users["supervisor"]).get(PAGE).content.decode()

    for key in ("states", "decisions", "nationalities", "offences"):
        figure = html.split(f'data-testid="chart-{key}"', 1)[1].split("</figure>", 1)[0]
        assert "<svg" in figure and 'role="img"' in figure and "<title" in figure
        assert f'data-testid="table-{key}"' in html
    assert '<rect x="330" y="10" width="340"' in html  # the largest bar has the full width
    assert not re.search(r'(src|href)="https?://', html)
    scripts = re.findall(r"<script[^>]*>", html)
    assert all("/static/dsfr/" in script for script in scripts)


def test_the_chart_of_acts_shows_the_year_chosen(users, figures):
    client = sign_in(users["supervisor"])

    latest = client.get(PAGE).content.decode()
    earlier = client.get(PAGE, {"annee": "2023"}).content.decode()

    assert "année 2024" in latest and "année 2023" in earlier
    assert '<option value="2023" selected>' in earlier


def test_no_identity_data_on_the_page(users, figures):
    html = sign_in(users["supervisor"]).get(PAGE).content.decode()

    assert not [value for value in IDENTITY if value in html]
    assert "75-2024-0000" not in html  # no dossier number either


# ---------------------------------------------------------------- exports


def test_the_csv_export_is_masked_and_named_after_the_prefecture_and_day(users, figures):
    response = sign_in(users["supervisor"]).get(CSV)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert f'filename="statistiques-75-{today}.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    values = {(row[1], row[2], row[3]): row[5] for row in rows[1:] if row[4] == "effectif"}
    assert values["Dossiers par état", "Signalement reçu", ""] == "6"
    assert values["Dossiers par état", "Clos", ""] == "< 5"
    acts = "Décisions et actes par type et par année"
    label = "Délivrance de la carte de séjour temporaire"
    assert values[acts, label, "2023"] == "< 5" and values[acts, label, "2024"] == "6"
    assert not [value for value in IDENTITY if value in text]


def test_the_xlsx_export_is_masked(users, figures):
    response = sign_in(users["supervisor"]).get(XLSX)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    acts = list(workbook["Actes par année"].iter_rows(values_only=True))
    assert ("Délivrance de la carte de séjour temporaire", "< 5", 6) in acts
    states = {row[0]: row[1] for row in workbook["États"].iter_rows(values_only=True) if row}
    assert states["Signalement reçu"] == 6 and states["Clos"] == "< 5"


def test_each_export_is_recorded_in_the_audit_trail(users, figures):
    client = sign_in(users["supervisor"])

    client.get(CSV)
    client.get(XLSX)

    events = AuditEvent.objects.filter(action="export_statistics").order_by("sequence")
    assert [e.details["format"] for e in events] == ["csv", "xlsx"]
    assert {(e.user_id, e.prefecture_code, e.dossier_number) for e in events} == {
        (users["supervisor"].pk, "75", "")
    }


def test_a_masked_count_gets_no_bar_and_the_largest_shown_count_the_full_width():
    chart = bar_chart(
        "x", "X", [("a", queries.cell(10)), ("b", queries.cell(5)), ("c", queries.cell(3))]
    )

    assert [(bar.width, bar.text, bar.masked) for bar in chart.bars] == [
        (340, "10", False),
        (170, "5", False),
        (0, "< 5", True),
    ]


def test_a_chart_of_masked_counts_only_draws_no_bar():
    chart = bar_chart("x", "X", [("a", queries.cell(1)), ("b", queries.cell(0))])

    assert all(bar.width == 0 and bar.masked for bar in chart.bars)
