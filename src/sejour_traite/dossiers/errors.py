"""Errors raised by case-file services.

* DossierError
  x ActionNotPermitted        — the user may not act on this dossier
  x DossierChangedMeanwhile   — optimistic lock lost: someone saved the dossier meanwhile
  x TransitionRefused         — the lifecycle or the law forbids the act; .grounds, .explanation
    x MissingFacts            — the law cannot decide yet; .missing_facts to collect
    x MotivationRequired      — a discretionary or negative decision needs the agent's motivation
  x InvalidInput              — a value given to a service is invalid; .field, .message

Messages name the dossier number and the articles, never a person's name.
"""

from __future__ import annotations

from typing import Any


class DossierError(Exception):
    """Base class of the case-file errors."""


class ActionNotPermitted(DossierError):
    """The user's role or prefecture does not allow this action on this dossier."""

    def __init__(self, action: str, number: str | None = None) -> None:
        self.action = action
        self.number = number
        target = f" sur le dossier {number}" if number else ""
        super().__init__(f"Action « {action} » non autorisée{target}.")


class DossierChangedMeanwhile(DossierError):
    """Someone saved the dossier after the version the user was editing."""

    def __init__(self, number: str, expected: int, found: int) -> None:
        self.number, self.expected, self.found = number, expected, found
        super().__init__(
            f"Le dossier {number} a été modifié par une autre personne pendant votre saisie "
            f"(version {expected} lue, version {found} enregistrée). Rechargez le dossier : "
            "vos modifications n'ont pas été enregistrées et rien n'a été perdu."
        )


class TransitionRefused(DossierError):
    """The act is not allowed from the dossier's state, or the law excludes it."""

    def __init__(
        self,
        number: str,
        act: str,
        reason: str,
        grounds: list[str] | None = None,
        explanation: dict[str, Any] | None = None,
    ) -> None:
        self.number, self.act, self.reason = number, act, reason
        self.grounds = grounds or []
        self.explanation = explanation or {}
        articles = f" ({', '.join(self.grounds)})" if self.grounds else ""
        super().__init__(f"« {act} » refusé pour le dossier {number} : {reason}{articles}.")


class MissingFacts(TransitionRefused):
    """The law cannot decide yet: the facts to collect are listed."""

    def __init__(self, number: str, act: str, missing_facts: list[str]) -> None:
        self.missing_facts = missing_facts
        super().__init__(number, act, "faits à établir : " + ", ".join(missing_facts))


class MotivationRequired(TransitionRefused):
    """A discretionary, negative or closing decision must be motivated by the agent."""

    def __init__(self, number: str, act: str) -> None:
        super().__init__(
            number, act, "une motivation en droit et en fait est obligatoire", ["CRPA L211-2"]
        )


class InvalidInput(DossierError):
    """A value given to a service is invalid (the field and what is expected)."""

    def __init__(self, field: str, message: str) -> None:
        self.field, self.message = field, message
        super().__init__(f"{field} : {message}")
