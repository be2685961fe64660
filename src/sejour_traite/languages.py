"""The languages an interface ships: a language ships when its compiled catalog exists.

Shared by the back office (``web.i18n``) and the public guide (``guide.i18n``), which keep
their own catalogs (``<app>/locale/<lang>/LC_MESSAGES/django.mo``). French is the reference
language of both: every message id is the French text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import get_language_info

REFERENCE = "fr"


@dataclass(frozen=True)
class Language:
    """A shipped language: code, name in itself, direction."""

    code: str
    name: str
    bidi: bool

    @property
    def direction(self) -> str:
        """``rtl`` or ``ltr`` (the ``dir`` attribute of the page)."""
        return "rtl" if self.bidi else "ltr"


def shipped(locale_dir: Path, order: Sequence[str] = (REFERENCE,)) -> tuple[Language, ...]:
    """French and every language with a compiled catalog under ``locale_dir``: those of
    ``order`` first, in that order, then the others by code."""
    codes = {REFERENCE}
    if locale_dir.is_dir():
        codes |= {
            path.name
            for path in locale_dir.iterdir()
            if (path / "LC_MESSAGES" / "django.mo").is_file()
        }
    rank = {code: index for index, code in enumerate(order)}
    ordered = sorted(codes, key=lambda code: (rank.get(code, len(rank)), code))
    languages = []
    for code in ordered:
        info = get_language_info(code)
        languages.append(Language(code, str(info["name_local"]), bool(info["bidi"])))
    return tuple(languages)
