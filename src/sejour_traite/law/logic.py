"""Three-valued logic: unknown is a value, never a silent ``False``.

Facts come in three states: known, known not to have happened (``NONE``, for event facts)
and unknown (``MISSING``). Conditions are evaluated in Kleene's strong logic (legal-spec §0):
``false and unknown = false``, ``true or unknown = true``, otherwise unknown.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Final


class Trivalent(enum.IntEnum):
    """Kleene truth value. The order FALSE < UNKNOWN < TRUE makes `and` = min and `or` = max."""

    FALSE = 0
    UNKNOWN = 1
    TRUE = 2

    def __bool__(self) -> bool:
        msg = "A Trivalent has no truth value; compare it: `x is Trivalent.TRUE`."
        raise TypeError(msg)

    def __invert__(self) -> Trivalent:
        return _NEGATION[self]

    def to_json(self) -> bool | None:
        """``True``, ``False`` or ``None`` (unknown)."""
        return None if self is Trivalent.UNKNOWN else self is Trivalent.TRUE


TRUE: Final = Trivalent.TRUE
FALSE: Final = Trivalent.FALSE
UNKNOWN: Final = Trivalent.UNKNOWN
_NEGATION = {TRUE: FALSE, FALSE: TRUE, UNKNOWN: UNKNOWN}


def of(value: bool) -> Trivalent:
    """The Trivalent of a known Python boolean."""
    return TRUE if value else FALSE


def all_of(values: Iterable[Trivalent]) -> Trivalent:
    """Kleene conjunction."""
    result = TRUE
    for value in values:
        if value is FALSE:
            return FALSE
        if value is UNKNOWN:
            result = UNKNOWN
    return result


def any_of(values: Iterable[Trivalent]) -> Trivalent:
    """Kleene disjunction."""
    result = FALSE
    for value in values:
        if value is TRUE:
            return TRUE
        if value is UNKNOWN:
            result = UNKNOWN
    return result


class _Missing:
    """The value of an unknown fact (absent, or given as null)."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        msg = "MISSING has no truth value: test `value is MISSING`."
        raise TypeError(msg)


class _NoneEvent:
    """The value ``none`` of an event fact: the event is known not to have happened."""

    _instance: _NoneEvent | None = None

    def __new__(cls) -> _NoneEvent:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "NONE"

    def __bool__(self) -> bool:
        msg = "NONE has no truth value: test `value is NONE`."
        raise TypeError(msg)


MISSING: Final = _Missing()
NONE: Final = _NoneEvent()
