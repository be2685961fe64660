"""A small reader of gettext catalogs (.po), enough for the translation tests (no polib)."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Entry:
    """One message of a catalog."""

    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    comments: list[str] = field(default_factory=list)
    obsolete: bool = False

    @property
    def translated(self) -> bool:
        """Every form has a non-empty translation."""
        return bool(self.msgstr) and all(text.strip() for text in self.msgstr.values())

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags


def _string(text: str) -> str:
    return ast.literal_eval(text) if text else ""


def read(path: Path) -> list[Entry]:
    """The entries of ``path``, header (empty msgid) included."""
    entries: list[Entry] = []
    current = Entry()
    key: str | None = None
    started = False

    def flush() -> None:
        nonlocal current, key, started
        if started:
            entries.append(current)
        current, key, started = Entry(), None, False

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
            continue
        if line.startswith("#~"):
            current.obsolete = True
            line = line[2:].strip()
            if not line:
                continue
        elif line.startswith("#,"):
            if started:
                flush()
            current.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        elif line.startswith("#"):
            if started:
                flush()
            current.comments.append(line)
            continue
        if line.startswith('"'):
            value = _string(line)
            if key == "msgid":
                current.msgid += value
            elif key == "msgid_plural":
                current.msgid_plural = (current.msgid_plural or "") + value
            elif key == "msgctxt":
                current.msgctxt = (current.msgctxt or "") + value
            elif key is not None and key.startswith("msgstr"):
                index = int(key[7:-1]) if "[" in key else 0
                current.msgstr[index] = current.msgstr.get(index, "") + value
            continue
        word, _, rest = line.partition(" ")
        if (
            word in ("msgctxt", "msgid")
            and started
            and key is not None
            and key.startswith("msgstr")
        ):
            flush()
        started = True
        key = word
        value = _string(rest)
        if word == "msgid":
            current.msgid = value
        elif word == "msgid_plural":
            current.msgid_plural = value
        elif word == "msgctxt":
            current.msgctxt = value
        elif word.startswith("msgstr"):
            index = int(word[7:-1]) if "[" in word else 0
            current.msgstr[index] = value
    flush()
    return entries


def messages(path: Path) -> list[Entry]:
    """The messages of ``path`` (header and obsolete entries left out)."""
    return [entry for entry in read(path) if entry.msgid and not entry.obsolete]
