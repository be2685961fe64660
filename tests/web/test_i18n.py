"""The back office in French and in English.

* every shipped language is complete (no untranslated or fuzzy message), its compiled
  catalog is that of its source, and extracting the messages again finds nothing new;
* the back office's catalog does not change the public guide's words (Django merges the
  catalogs of every application, the back office's first);
* French by default; the language chosen in the header is kept in the session, sets
  ``<html lang>`` and ``Content-Language``, and applies to the back office only;
* the dashboard, a dossier page (with the engine's explanation), the police referral form
  and a rule page speak English when chosen, and French otherwise.
"""

from __future__ import annotations

import gettext
import shutil
from html import unescape
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone, translation

from sejour_traite.dossiers import services
from sejour_traite.dossiers.errors import DossierChangedMeanwhile, TransitionRefused
from sejour_traite.dossiers.models import Dossier
from sejour_traite.law import facts, registry
from sejour_traite.stats import queries
from sejour_traite.web import i18n, labels, stats_texts
from sejour_traite.web.templatetags.sejour import status_label
from sejour_traite.web.views_dossiers import MAIN_OBJECTS, _conflict_alert, _refused_alert
from tests.dossiers.conftest import REFERRAL_DAY
from tests.dossiers.test_journey import act, neutral_facts
from tests.guide import po
from tests.web.test_dossier_pages import page, pdf_text, sign_in, text_of

TRANSLATED = [code for code in i18n.codes() if code != i18n.REFERENCE]
GUIDE_LOCALE = Path(__file__).resolve().parents[2] / "src/sejour_traite/guide/locale"


def catalog(code: str) -> Path:
    return i18n.LOCALE_DIR / code / "LC_MESSAGES" / "django.po"


def problems(path: Path) -> list[str]:
    found = []
    for entry in po.messages(path):
        if entry.fuzzy:
            found.append(f"fuzzy: {entry.msgid!r}")
        elif not entry.translated:
            found.append(f"untranslated: {entry.msgid!r}")
    return found


def key(entry: po.Entry) -> tuple[str | None, str]:
    return entry.msgctxt, entry.msgid


# ---------------------------------------------------------------- the catalogs


def test_english_is_shipped_after_french():
    assert i18n.codes()[0] == "fr"
    assert "en" in TRANSLATED


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_back_office_catalog_has_no_untranslated_or_fuzzy_message(code):
    assert not problems(catalog(code))


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_compiled_catalog_is_that_of_its_source(code):
    """Compare the committed .mo with the .po message by message (no msgfmt needed)."""
    with catalog(code).with_suffix(".mo").open("rb") as compiled:
        shipped = gettext.GNUTranslations(compiled)._catalog  # type: ignore[attr-defined]

    expected: dict[object, str] = {}
    for entry in po.messages(catalog(code)):
        msgid = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural is None:
            expected[msgid] = entry.msgstr[0]
        else:
            for index, text in entry.msgstr.items():
                expected[(msgid, index)] = text
    shipped = {k: v for k, v in shipped.items() if k != ""}  # the header

    assert shipped == expected, f"{catalog(code).with_suffix('.mo')} is stale: compilemessages"


def test_no_message_of_the_code_is_missing_from_the_catalogs(tmp_path, settings):
    """Extract the messages again (as makemessages does) into a copy: nothing new appears."""
    copy = tmp_path / "web"
    shutil.copytree(i18n.LOCALE_DIR.parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    settings.LOCALE_PATHS = []

    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(copy)
        call_command(
            "makemessages", locale=TRANSLATED, verbosity=0, no_obsolete=True, add_location="file"
        )

    for code in TRANSLATED:
        extracted = {
            key(e) for e in po.messages(copy / "locale" / code / "LC_MESSAGES" / "django.po")
        }
        shipped = {key(e) for e in po.messages(catalog(code))}
        assert extracted == shipped, {"missing": extracted - shipped, "stale": shipped - extracted}
        assert not problems(copy / "locale" / code / "LC_MESSAGES" / "django.po"), code


@pytest.mark.parametrize("code", TRANSLATED)
def test_a_message_shared_with_the_guide_is_translated_as_the_guide_does(code):
    """Django merges the catalogs, the back office's first: a shared message id must read
    the same, or the guide would change (legal terms of art get a context instead)."""
    guide = GUIDE_LOCALE / code / "LC_MESSAGES" / "django.po"
    if not guide.exists():
        pytest.skip(f"the guide does not ship {code}")
    theirs = {key(e): e.msgstr for e in po.messages(guide)}

    different = [
        (entry.msgid, entry.msgstr, theirs[key(entry)])
        for entry in po.messages(catalog(code))
        if key(entry) in theirs and theirs[key(entry)] != entry.msgstr
    ]

    assert not different


@pytest.mark.parametrize(("enumeration", "translated"), labels.ENUMERATIONS)
def test_the_labels_translated_are_those_of_the_models_in_french(enumeration, translated):
    with translation.override("fr"):
        assert {value: str(label) for value, label in translated.items()} == {
            value: str(label) for value, label in enumeration.choices
        }
    with translation.override("en"):
        assert all(str(label) != "" for label in translated.values())


def test_legal_terms_of_art_stay_french_in_english():
    with translation.override("en"):
        assert "récépissé" in labels.label(labels.DocumentKind, "reflection_recepisse")
        assert "Carte de résident" in labels.label(labels.DocumentKind, "carte_resident")
        assert "Carte de séjour temporaire" in labels.label(labels.DocumentKind, "cst")


def test_a_status_follows_the_active_language_of_the_law_texts():
    english = facts.texts()["_statuses"]["DE_PLEIN_DROIT"]["en"]
    with translation.override("en"):
        assert status_label("DE_PLEIN_DROIT") == english
    with translation.override("fr"):
        assert status_label("DE_PLEIN_DROIT") == facts.texts()["_statuses"]["DE_PLEIN_DROIT"]["fr"]


# ---------------------------------------------------------------- choosing the language


def in_english(client: Client, back_to: str = "/") -> None:
    response = client.post("/langue/", {"language": "en", "next": back_to})
    assert response.status_code == 302
    assert response["Location"] == back_to


@pytest.mark.django_db
def test_french_by_default_with_lang_and_content_language(users):
    client = sign_in(users["agent"])

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")

    html = text_of(response)
    assert response["Content-Language"] == "fr"
    assert '<html lang="fr" dir="ltr"' in html
    assert "Tableau de bord" in html and "Dashboard" not in html
    assert 'data-testid="language-en"' in html


@pytest.mark.django_db
def test_the_choice_is_kept_for_the_session_and_sets_lang_and_content_language(users):
    client = sign_in(users["agent"])

    in_english(client)
    response = client.get("/")

    html = text_of(response)
    assert response["Content-Language"] == "en"
    assert '<html lang="en" dir="ltr"' in html
    assert 'data-testid="language-fr"' in html and 'lang="fr"' in html
    # Nothing leaks into the next request served by the same thread.
    assert translation.get_language() == "fr"


@pytest.mark.django_db
def test_the_language_chosen_before_signing_in_is_kept_after(users):
    client = Client()
    assert 'data-testid="language-en"' in text_of(client.get("/connexion/"))
    in_english(client, "/connexion/")

    assert "Sign in" in text_of(client.get("/connexion/"))
    client.post("/connexion/", {"username": "opj", "password": "x"})

    assert "Refer a victim" in text_of(client.get("/signalement/"))


@pytest.mark.django_db
def test_signing_out_goes_back_to_french(users):
    client = sign_in(users["police"])
    in_english(client)

    client.post("/deconnexion/")

    assert "Connexion" in text_of(client.get("/connexion/"))


@pytest.mark.django_db
def test_a_language_not_shipped_or_a_foreign_address_is_refused(users):
    client = sign_in(users["police"])

    response = client.post("/langue/", {"language": "ar", "next": "https://example.org/"})

    assert response["Location"] == "/"
    assert text_of(client.get("/signalement/")).count("Signaler une victime") >= 1


@pytest.mark.django_db
def test_the_selector_needs_no_get_and_no_javascript(users):
    client = sign_in(users["police"])

    assert client.get("/langue/").status_code == 405
    html = text_of(client.get("/signalement/"))
    assert '<form method="post" action="/langue/" data-testid="language-selector">' in html
    assert '<button type="submit" name="language" value="en" lang="en"' in html
    assert "<script" not in html.split('data-testid="language-selector"')[1].split("</form>")[0]


@pytest.mark.django_db
def test_the_guide_keeps_the_language_of_its_address(users):
    client = sign_in(users["police"])
    in_english(client)

    response = client.get("/guide/fr/")

    assert response["Content-Language"] == "fr"
    assert '<html lang="fr"' in text_of(response)


def test_the_public_rule_pages_stay_french_and_cookie_free_for_an_anonymous_visit(client):
    response = client.get("/regles/")

    assert not response.cookies
    assert "Règles appliquées" in text_of(response)
    assert 'data-testid="language-selector"' not in text_of(response)


# ---------------------------------------------------------------- the pages in English


@pytest.mark.django_db
def test_the_dashboard_in_english_and_in_french(users, dossier):
    client = sign_in(users["agent"])
    french = text_of(client.get("/"))
    in_english(client)
    english = text_of(client.get("/"))

    for fr, en in (
        ("Tableau de bord", "Dashboard"),
        ("Rechercher un dossier", "Search for a dossier"),
        ("Échéances des 30 prochains jours", "Deadlines of the next 30 days"),
        ("Dossiers par état", "Dossiers by state"),
        ("Signalement reçu", "Referral received"),
        ("Se déconnecter", "Sign out"),
    ):
        assert fr in french and en not in french, fr
        assert en in english and fr not in english, en


@pytest.mark.django_db
def test_a_dossier_page_in_english_with_the_engines_explanation(users, dossier):
    neutral_facts(dossier, users["agent"])
    client = sign_in(users["agent"])
    french = text_of(client.get(page(dossier)))
    in_english(client, page(dossier))
    english = text_of(client.get(page(dossier)))

    for fr, en in (
        ("Ce que dit la loi au", "What the law says on"),
        ("Actes possibles", "Possible acts"),
        ("Faits établis", "Established facts"),
        ("Historique", "History"),
        ("Délivrer le récépissé de délai de réflexion", "Issue the reflection-period récépissé"),
        ("Identité de la personne", "Identity of the person"),
    ):
        assert fr in french, fr
        assert en in english and fr not in english, en
    # The engine's explanation follows the language of the page (the law's texts have it).
    determination = services.evaluate(Dossier.objects.get(pk=dossier.pk), timezone.localdate())
    explained = determination.to_json(lang="en")["explanation"]["objects"]
    shown = [node for node in explained if node["object"] in MAIN_OBJECTS and node["rules"]]
    assert shown
    for node in shown:
        assert node["label"] in unescape(english)
        assert node["rules"][0]["title"] in unescape(english)
    status = facts.texts()["_statuses"]["DE_PLEIN_DROIT"]
    assert status["en"] in english and status["fr"] not in english


@pytest.mark.django_db
def test_a_message_after_saving_is_in_the_language_of_the_page(users, dossier):
    neutral_facts(dossier, users["agent"])
    client = sign_in(users["agent"])
    in_english(client, page(dossier))

    response = client.post(f"{page(dossier)}notes/", {"text": "Entretien le 2 mars."}, follow=True)

    assert "Note recorded." in text_of(response)


@pytest.mark.django_db
def test_the_police_referral_form_in_english_and_in_french(users):
    client = sign_in(users["police"])
    french = text_of(client.get("/signalement/"))
    in_english(client, "/signalement/")
    english = text_of(client.get("/signalement/"))

    for fr, en in (
        ("Signaler une victime présumée de traite ou de proxénétisme", "Refer a presumed victim"),
        ("Prénoms", "First names"),
        ("Date de l&#x27;audition", "Date of the hearing"),
        ("La personne demande-t-elle un délai de réflexion ?", "Does the person ask for a"),
        ("Envoyer le signalement", "Send the referral"),
        ("Allemagne", "Germany"),
    ):
        assert fr in french, fr
        assert en in english and fr not in english, en


@pytest.mark.django_db
def test_a_rule_page_in_english_and_in_french(users):
    rule = next(iter(registry.all_rules().values()))
    url = f"/regles/{rule.id}/"
    client = sign_in(users["police"])
    french = text_of(client.get(url))
    in_english(client, url)
    english = text_of(client.get(url))

    assert "En clair" in french and "In plain words" in english and "En clair" not in english
    assert "Toutes les règles" in french and "All the rules" in english
    assert f"{rule.id} — {rule.title['en']}" in unescape(english)
    assert rule.met["en"] in unescape(english)
    assert f"{rule.id} — {rule.title['fr']}" in unescape(french)
    assert rule.met["fr"] in unescape(french)


@pytest.mark.django_db
def test_every_text_of_the_statistics_is_marked_for_translation(users, dossier):
    stats = queries.for_prefecture(users["supervisor"].prefecture, timezone.localdate())
    texts = set()
    for table in stats.tables:
        texts |= {table.title, table.row_header, table.note} | set(table.columns)
        texts |= {row.label for row in table.rows if table.key != "nationalities"}
    texts |= {time.label for time in stats.processing_times}
    texts |= set(queries.ACT_LABELS.values()) | set(queries.APPLICATION_LABELS.values())
    texts |= set(queries.OFFENCE_LABELS.values())
    texts |= {queries.OTHER_NATIONALITIES, queries.UNKNOWN_NATIONALITY, queries.NOT_DISCLOSED}

    marked = {str(label) for label in labels.STATE_LABELS.values()} | set(stats_texts.TEXTS)
    assert texts - {""} <= marked
    for code in TRANSLATED:
        assert marked <= {e.msgid for e in po.messages(catalog(code)) if e.msgctxt is None}


@pytest.mark.django_db
def test_the_statistics_page_in_english_and_in_french(users, dossier):
    client = sign_in(users["supervisor"])
    french = text_of(client.get("/statistiques/"))
    in_english(client, "/statistiques/")
    english = text_of(client.get("/statistiques/"))

    for fr, en in (
        ("Dossiers par état", "Dossiers by state"),
        ("Signalement reçu", "Referral received"),
        ("Dossiers par catégorie d&#x27;infraction", "Dossiers by offence category"),
        ("Délais de traitement des demandes", "Processing times of applications"),
        ("Toutes les demandes", "All applications"),
    ):
        assert fr in french, fr
        assert en in english and fr not in english, en


def test_the_conflict_message_is_the_errors_own_in_french():
    error = DossierChangedMeanwhile("75-2024-00001", expected=3, found=4)

    with translation.override("fr"):
        assert _conflict_alert(error, 1)["text"] == str(error)
    with translation.override("en"):
        assert "was changed by someone else" in _conflict_alert(error, 1)["text"]


@pytest.mark.django_db
def test_the_official_documents_and_the_drafted_motivation_stay_french(users, dossier):
    neutral_facts(dossier, users["agent"])
    act(dossier, users["agent"], "deliver_reflection_recepisse", REFERRAL_DAY)
    client = sign_in(users["agent"])
    in_english(client, page(dossier))

    html = unescape(text_of(client.get(page(dossier))))
    recepisse = pdf_text(client.get(f"{page(dossier)}pdf/recepisse/"))

    assert "Documents to print (PDF, in French)" in html
    assert "Interrupt the reflection period" in html
    # The motivation drafted for a decision is the French of the decision itself.
    assert "Vu le code de l'entrée et du séjour des étrangers" in html
    assert "Valable du 01/03/2024 au 31/03/2024" in recepisse


def test_a_refusal_names_the_services_french_reason_as_french_in_english():
    error = TransitionRefused("75-2024-00001", "grant_cst", "le droit n'est pas ouvert (EXCLU)")

    with translation.override("fr"):
        french = _refused_alert(error, 1)["text"]
    with translation.override("en"):
        english = _refused_alert(error, 1)["text"]

    assert french == (
        "Refusé pour le dossier 75-2024-00001 : le droit n&#x27;est pas ouvert (Exclu par la loi)."
    )
    assert english.startswith('Refused for dossier 75-2024-00001: <span lang="fr">')


def test_the_rules_against_an_act_are_explained_in_the_language_of_the_page():
    rule = registry.get("R-REFLEXION-01")
    error = TransitionRefused("75-2024-00001", "deliver_reflection_recepisse", "refus")
    error.explanation = {
        "objects": [
            {
                "object": "reflection_recepisse",
                "rules": [
                    {
                        "rule": rule.id,
                        "met": False,
                        "favourable": False,
                        "text": rule.text(False, "fr"),
                        "citations": [],
                    }
                ],
            }
        ]
    }

    with translation.override("en"):
        assert _refused_alert(error, 1)["rules"][0]["text"] == rule.text(False, "en")
    with translation.override("fr"):
        assert _refused_alert(error, 1)["rules"][0]["text"] == rule.text(False, "fr")
