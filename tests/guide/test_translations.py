"""Every shipped language of the guide is complete: no untranslated or fuzzy message, the
compiled catalogs match their sources, and the law's texts are translated as well."""

from __future__ import annotations

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from sejour_traite.guide import i18n
from tests.guide import po

TRANSLATED = [lang.code for lang in i18n.languages() if lang.code != i18n.REFERENCE]
WITHOUT_LAW_TEXTS = [code for code in TRANSLATED if code not in i18n.LAW_LANGUAGES]


def catalog(code: str, domain: str = "django") -> Path:
    return i18n.LOCALE_DIR / code / "LC_MESSAGES" / f"{domain}.po"


def problems(path: Path) -> list[str]:
    found = []
    for entry in po.messages(path):
        if entry.fuzzy:
            found.append(f"fuzzy: {entry.msgid!r}")
        elif not entry.translated:
            found.append(f"untranslated: {entry.msgid!r}")
    return found


def test_at_least_english_arabic_and_romanian_are_shipped():
    assert {"en", "ar", "ro"} <= set(TRANSLATED)


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_guide_catalog_has_no_untranslated_or_fuzzy_message(code):
    assert not problems(catalog(code))


@pytest.mark.parametrize("code", WITHOUT_LAW_TEXTS)
def test_every_law_text_the_guide_shows_is_translated(code):
    entries = {e.msgid: e for e in po.messages(catalog(code, "lawtexts"))}

    missing = [
        french
        for french, _where in i18n.law_msgids()
        if french not in entries or not entries[french].translated or entries[french].fuzzy
    ]

    assert not missing, f"{len(missing)} law texts untranslated in {code}, e.g. {missing[:3]}"


@pytest.mark.parametrize("code", WITHOUT_LAW_TEXTS)
def test_law_texts_come_from_the_catalog_in_a_language_the_data_files_do_not_write(code):
    french = "Date de naissance"

    assert i18n.law_text({"fr": french, "en": "Date of birth"}, code) != french


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_compiled_catalogs_are_those_of_the_sources(code, tmp_path):
    for domain in ("django", "lawtexts"):
        source = catalog(code, domain)
        if not source.exists():
            continue
        compiled = tmp_path / f"{domain}.mo"
        subprocess.run(
            ["msgfmt", "--check-format", "-o", str(compiled), str(source)],
            check=True,
            capture_output=True,
        )
        shipped = source.with_suffix(".mo")

        fresh = gettext.GNUTranslations(compiled.open("rb"))._catalog  # type: ignore[attr-defined]
        committed = gettext.GNUTranslations(shipped.open("rb"))._catalog  # type: ignore[attr-defined]
        assert committed == fresh, f"{shipped} is stale: run compilemessages"


def test_no_message_of_the_code_is_missing_from_the_catalogs(tmp_path, settings):
    """Extract the messages again (as makemessages does) into a copy: nothing new appears."""
    copy = tmp_path / "guide"
    shutil.copytree(i18n.LOCALE_DIR.parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    settings.LOCALE_PATHS = []

    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(copy)
        call_command(
            "makemessages", locale=TRANSLATED, verbosity=0, no_obsolete=True, add_location="file"
        )

    for code in TRANSLATED:
        assert not problems(copy / "locale" / code / "LC_MESSAGES" / "django.po"), code


def test_the_law_texts_template_is_up_to_date():
    template = i18n.LOCALE_DIR / "lawtexts.pot"

    in_template = {e.msgid for e in po.messages(template)}

    assert in_template == {french for french, _where in i18n.law_msgids()}, (
        "run `manage.py guide_lawtexts` then translate the new texts"
    )
