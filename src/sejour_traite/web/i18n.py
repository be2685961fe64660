"""Languages of the back office: which ones ship, the one a request is shown in, and the
law's texts in it.

French is the reference: every message id is the French text (ADR 0002, as in the public
guide), and a page is French unless the user chose another language with the selector of the
header. The choice is kept in the session (``SESSION_KEY``): it survives the sign-in (which
keeps the session's data) and ends with the sign-out. Nothing is read from
``Accept-Language``: the agents' procedure is French, a translation is an aid.

A language ships when ``locale/<lang>/LC_MESSAGES/django.mo`` exists (English today)::

    cd src/sejour_traite/web && django-admin makemessages -l en --add-location=file
    # translate locale/en/LC_MESSAGES/django.po, then
    django-admin compilemessages

and tests/web/test_i18n.py refuses an incomplete catalog. The law's own texts (rule titles
and sentences, fact labels and questions) come from the law's data files, which hold French
and English (``law_text``); in another language they stay French.

The official documents (PDF récépissé, attestation, decisions) and the motivation of a
decision stay French whatever the language of the page: they are acts of the French
administration.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language

from sejour_traite.languages import Language, shipped
from sejour_traite.law import registry

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
REFERENCE = "fr"
#: Session key of the language chosen in the header.
SESSION_KEY = "back_office_language"
#: Languages the law's data files write themselves (fr, en).
LAW_LANGUAGES = frozenset(registry.LANGUAGES)


@cache
def languages() -> tuple[Language, ...]:
    """The shipped languages, French first."""
    return shipped(LOCALE_DIR)


def codes() -> tuple[str, ...]:
    """Codes of the shipped languages (``("fr", "en")``)."""
    return tuple(language.code for language in languages())


def chosen(request: HttpRequest) -> str:
    """The language the user chose (French when none, or when it no longer ships).

    The session is only read when the browser already has one: an anonymous visit of a
    public page (the rules) creates none.
    """
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return REFERENCE
    code = request.session.get(SESSION_KEY)
    return code if code in codes() else REFERENCE


def law_language() -> str:
    """The language to ask the law's data files for: the active one if they write it."""
    code = get_language() or REFERENCE
    return code if code in LAW_LANGUAGES else REFERENCE


def law_text(texts: Mapping[str, Any] | None, default: str = "") -> str:
    """A text of the law's data files (``{"fr": …, "en": …}``) in the active language,
    French when they do not write it."""
    if not texts:
        return default
    return str(texts.get(law_language()) or texts.get(REFERENCE) or default)
