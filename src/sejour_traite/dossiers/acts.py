"""What the law says of an act of the lifecycle, before it is performed.

One place for the verdict that ``services.perform`` enforces and that the back office's
dossier page and the API's ``GET …/acts`` show in advance: the object of the determination
that decides the act (``lifecycle.LAW``), its status, and the checks that do not rest on the
determination (a pending renewal application, another basis to examine, a residence permit
not required). Also the motivation draft of a decision, generated from the explanation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from sejour_traite import law
from sejour_traite.dossiers import lifecycle, related
from sejour_traite.dossiers.models import Dossier
from sejour_traite.law.outcomes import POSITIVE

Verdict = Literal["allowed", "discretionary", "excluded", "indeterminate"]


@dataclass
class ActVerdict:
    """The law's answer for one act on the evaluation date (French reasons: they appear in
    decisions and in the service's errors)."""

    act: str
    verdict: Verdict
    law_object: str | None = None
    status: str | None = None
    reason: str | None = None
    grounds: list[str] = field(default_factory=list)
    missing_facts: list[str] = field(default_factory=list)
    #: The verdict comes from the determination (its explanation says why), not from a
    #: check of the dossier's other records.
    by_law: bool = False

    @property
    def motivation_required(self) -> bool:
        """A discretionary decision, or a negative act (refusal, withdrawal, closure…)."""
        return self.verdict == "discretionary" or self.act in lifecycle.MOTIVATED


def verdict(dossier: Dossier, act: str, determination: law.Determination) -> ActVerdict:
    """The law's verdict on ``act`` for ``dossier`` given ``determination``."""
    check = lifecycle.LAW.get(act)
    result = ActVerdict(act, "allowed", law_object=check.object if check else None)
    if check is not None:
        obj = determination.objects[check.object]
        result.status, result.grounds, result.by_law = obj.status, list(obj.grounds), True
        status = obj.status
        if status == "INDETERMINE":
            result.verdict, result.missing_facts = "indeterminate", list(obj.missing_facts)
            if obj.missing_facts:
                result.reason = "faits à établir : " + ", ".join(obj.missing_facts)
            else:
                questions = ", ".join(f for f in obj.flags if f.startswith("OQ_")) or "—"
                result.reason = (
                    f"le droit applicable ne permet pas de décider (question ouverte : {questions})"
                )
            return result
        if check.mode == "grant" and status not in POSITIVE:
            return _excluded(result, f"le droit n'est pas ouvert ({status})")
        if check.mode == "refuse" and status == "DE_PLEIN_DROIT":
            return _excluded(result, "le titre est dû de plein droit : la loi exclut le refus")
        if check.mode == "measure" and status != "DISCRETIONNAIRE":
            return _excluded(result, f"aucun motif prévu par les textes ({status})")
        if status == "DISCRETIONNAIRE":
            result.verdict = "discretionary"
    other = _other_bar(dossier, act, determination)
    if other is not None:
        result.grounds, result.by_law = other[1], False
        return _excluded(result, other[0])
    return result


def _excluded(result: ActVerdict, reason: str) -> ActVerdict:
    result.verdict, result.reason = "excluded", reason
    return result


def _other_bar(
    dossier: Dossier, act: str, determination: law.Determination
) -> tuple[str, list[str]] | None:
    """The checks that do not rest on an object of the determination: reason, articles."""
    if act in ("renew_cst", "refuse_renewal") and not any(
        a.kind == "cst_renewal" and not a.decided
        for a in related.rows(dossier, "applications", dossier.applications.filter(decided=False))
    ):
        return "aucune demande de renouvellement en cours", []
    if act == "examine_other_basis" and not determination.alternative_basis:
        return "aucun autre fondement à examiner", []
    if act == "defer_to_majority" and determination.residence_permit_required is not False:
        return "un titre de séjour est requis", ["L411-1"]
    return None


def rules_against(
    explanation: dict[str, Any] | None, object_key: str | None
) -> list[dict[str, Any]]:
    """The rules of ``object_key`` that weigh against the person (a condition not met, a
    bar, a discretionary ground), as the explanation gives them."""
    if object_key is None:
        return []
    objects = (explanation or {}).get("objects") or []
    node = next((o for o in objects if o.get("object") == object_key), None)
    return [
        {
            "rule": str(rule.get("rule") or ""),
            "title": str(rule.get("title") or ""),
            "text": str(rule.get("text") or ""),
            "citations": [str(c) for c in rule.get("citations") or []],
        }
        for rule in (node or {}).get("rules") or []
        if rule.get("met") is not None and rule.get("favourable") is False
    ]


def motivation_draft(explanation: dict[str, Any] | None, object_key: str) -> str:
    """A motivation draft for an act resting on ``object_key``: its articles, then the text
    of every rule that weighs against the person, each with its citations. The agent edits
    it and adds the facts of the case (a decision is motivated in law and in fact)."""
    objects = (explanation or {}).get("objects") or []
    node = next((o for o in objects if o.get("object") == object_key), None)
    if node is None:
        return ""
    lines: list[str] = []
    grounds = node.get("grounds") or []
    if grounds:
        lines.append(
            "Vu le code de l'entrée et du séjour des étrangers et du droit d'asile, "
            f"notamment {'ses articles' if len(grounds) > 1 else 'son article'} "
            f"{', '.join(grounds)} ;"
        )
    reasons = rules_against(explanation, object_key)
    if reasons:
        lines += ["", "Considérant que :"]
        for rule in reasons:
            citations = ", ".join(rule["citations"])
            suffix = f" ({citations})" if citations else ""
            lines.append(f"– {rule['text'].rstrip('.')}{suffix} ;")
    return "\n".join(lines)
