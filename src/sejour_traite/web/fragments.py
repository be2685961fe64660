"""Rendered HTML kept per process, by content: a bounded, least-recently-used store.

The dossier page renders the same blank forms and the same explained law objects from one
dossier to the next (rule texts and citations change with the period of the law, not with
the person): rendering them once per content and language halves the page's cost. Nothing
is written anywhere; a process keeps at most ``size`` fragments.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable

from django.utils.safestring import SafeString, mark_safe


class Fragments:
    """HTML fragments by key, the least recently used dropped beyond ``size``."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: OrderedDict[Hashable, SafeString] = OrderedDict()

    def __len__(self) -> int:
        return len(self._kept)

    def get(self, key: Hashable, render: Callable[[], str]) -> SafeString:
        """The fragment of ``key``, rendered by ``render`` (our own escaped output) if new."""
        html = self._kept.get(key)
        if html is not None:
            self._kept.move_to_end(key)
            return html
        html = mark_safe(render())  # noqa: S308 - Django's own escaped rendering
        self._kept[key] = html
        if len(self._kept) > self.size:
            self._kept.popitem(last=False)
        return html
