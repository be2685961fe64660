"""Languages of the guide: which ones ship, their direction, and the law's texts in each.

Two kinds of text appear in the guide, both with the French text as the message id (French is
authoritative, ADR 0002):

* the guide's own words (templates, ``content.py``, ``forms.py``): Django's gettext, catalog
  ``locale/<lang>/LC_MESSAGES/django.po``;
* the law's words (rule sentences and titles, fact questions and labels, open questions,
  parameter descriptions) come from ``sejour_traite.law`` data files, which hold French and
  English. Any other language is read from the catalog ``locale/<lang>/LC_MESSAGES/lawtexts.po``,
  keyed by the French text (``manage.py guide_lawtexts`` writes its template, ``lawtexts.pot``).

A language ships when ``locale/<lang>/LC_MESSAGES/django.mo`` exists: adding one is a matter of
translation files only (tests/guide/test_translations.py refuses an incomplete one)::

    cd src/sejour_traite/guide && django-admin makemessages -l es --add-location=file
    python manage.py guide_lawtexts --language es      # the law's texts
    # translate locale/es/LC_MESSAGES/django.po and lawtexts.po, then
    python manage.py compilemessages

Its name, direction (right to left for Arabic) and URL prefix (``/guide/es/``) follow.
"""

from __future__ import annotations

import gettext as gettext_module
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import get_language

from sejour_traite.languages import Language, shipped
from sejour_traite.law import facts as facts_module
from sejour_traite.law import parameters, readings, registry

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
REFERENCE = "fr"
#: Languages the law's data files write themselves (registry.LANGUAGES: fr, en).
LAW_LANGUAGES = frozenset(registry.LANGUAGES)
#: Display order of the languages known to be planned; any other shipped one follows.
_ORDER = ("fr", "en", "ar", "ro")


@cache
def languages() -> tuple[Language, ...]:
    """The shipped languages, French first."""
    return shipped(LOCALE_DIR, _ORDER)


def language(code: str) -> Language:
    """The shipped language ``code`` (``KeyError`` if the guide does not ship it)."""
    for lang in languages():
        if lang.code == code:
            return lang
    raise KeyError(code)


def codes() -> tuple[str, ...]:
    """Codes of the shipped languages (``("fr", "en", "ar", "ro")``)."""
    return tuple(lang.code for lang in languages())


@cache
def _lawtexts(code: str) -> gettext_module.NullTranslations:
    return gettext_module.translation(
        "lawtexts", localedir=str(LOCALE_DIR), languages=[code], fallback=True
    )


def law_text(texts: Mapping[str, str] | None, lang: str | None = None) -> str:
    """A text of the law's data files (``{"fr": …, "en": …}``) in ``lang`` (default: active).

    French and English come from the data file itself; another language from its
    ``lawtexts`` catalog, keyed by the French text; the French text when neither has it.
    """
    if not texts:
        return ""
    code = lang or get_language() or REFERENCE
    own = texts.get(code)
    if own:
        return str(own)
    french = str(texts.get(REFERENCE) or "")
    return _lawtexts(code).gettext(french) if french else ""


def fact_entry(name: str) -> Mapping[str, object]:
    """The entry of ``facts_texts.yaml`` for a fact (empty if the file has none)."""
    return facts_module.texts().get(name) or {}


def fact_text(name: str, key: str, lang: str | None = None) -> str:
    """``label``, ``question`` or ``help`` of a fact, in the language (the name if none)."""
    texts: Any = fact_entry(name).get(key)
    return law_text(texts, lang) if isinstance(texts, Mapping) else name


def value_label(name: str, value: str, field: str | None = None, lang: str | None = None) -> str:
    """Label of an enumeration value of a fact (or of one field of a record fact)."""
    entry: Any = fact_entry(name)
    if field is not None:
        entry = (entry.get("fields") or {}).get(field) or {}
    texts = (entry.get("values") or {}).get(value)
    return law_text(texts, lang) if texts else value


def object_label(key: str, lang: str | None = None) -> str:
    """Label of an object of a determination (``cst`` → « Carte de séjour temporaire … »)."""
    return law_text((facts_module.texts().get("_objects") or {}).get(key), lang) or key


def status_label(status: str, lang: str | None = None) -> str:
    """Label of a status (``DE_PLEIN_DROIT`` → « De plein droit »)."""
    return law_text((facts_module.texts().get("_statuses") or {}).get(status), lang) or status


# ------------------------------------------------------------------ the law texts catalog

#: Parameters shown on the page describing the algorithm (the others are linked).
SHOWN_PARAMETERS = (
    "P-REFLECTION-DAYS",
    "P-REFLECTION-RENEWABLE",
    "P-CST-MONTHS",
    "P-CST-DISCRETION",
    "P-FEE-EXEMPT-CST",
    "P-CONTRACT-FROM",
    "P-CR-YEARS",
    "P-CR-DISCRETION",
    "P-APS-MIN-MONTHS",
    "P-MAJORITY-AGE",
    "P-MINOR-MIN-AGE-CST",
    "P-MAJORITY-FILING-MONTHS",
    "P-ADA-MIN-AGE",
    "P-INSTRUCTION-RECEPISSE-MONTHS",
    "P-IMPLICIT-REJECTION-MONTHS",
)


def _texts_in(entry: object) -> Iterator[Mapping[str, str]]:
    """Every ``{fr: …}`` mapping inside a facts_texts entry (labels, questions, values)."""
    if isinstance(entry, Mapping):
        if "fr" in entry and isinstance(entry.get("fr"), str):
            yield entry
            return
        for key, item in entry.items():
            if key not in ("who", "sensitive"):
                yield from _texts_in(item)


def law_msgids() -> list[tuple[str, str]]:
    """Every French text of the law the guide may show, with where it comes from.

    The template of the ``lawtexts`` catalogs; a language outside the data files' own (fr,
    en) must translate each of them.
    """
    seen: dict[str, str] = {}

    def add(texts: Mapping[str, str] | None, where: str) -> None:
        french = str((texts or {}).get("fr") or "")
        if french and french not in seen:
            seen[french] = where

    from sejour_traite.guide.content import SELF_CHECK_FACTS  # noqa: PLC0415  (no cycle at import)

    for name, entry in facts_module.texts().items():
        if name in SELF_CHECK_FACTS or name.startswith("_"):
            for texts in _texts_in(entry):
                add(texts, f"facts_texts.yaml {name}")
        elif isinstance(entry, Mapping):
            # Other facts only appear by their label (in the lists of missing facts), and
            # the documents by their names (in the checklist of the result).
            add(entry.get("label"), f"facts_texts.yaml {name} label")
            if name == "documents_provided":
                for texts in _texts_in(entry.get("values")):
                    add(texts, f"facts_texts.yaml {name} values")
    for rule in registry.all_rules().values():
        add(rule.title, f"rules.yaml {rule.id} title")
        add(rule.met, f"rules.yaml {rule.id} text.met")
        add(rule.not_met, f"rules.yaml {rule.id} text.not_met")
    for question in readings.open_questions().values():
        add(question.question, f"open_questions.yaml {question.id} question")
        add(question.adopted, f"open_questions.yaml {question.id} adopted")
    for name in SHOWN_PARAMETERS:
        add(parameters.get(name).description, f"parameters {name} description")
    return list(seen.items())
