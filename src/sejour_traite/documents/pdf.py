"""PDF documents of a dossier, in French, with the prefecture's identity.

* the reflection récépissé (R-REFLEXION-01, R-RECEPISSE-01): holder, photo box, dates of
  validity computed by the engine, the mentions that it authorises work and protects from
  removal, its legal basis;
* the attestation that the holder benefits from L425-1 (for the allowance, R-CST-11);
* decisions (grant, refusal, withdrawal, interruption), motivated in law (the articles and
  the rules of the determination the decision rests on) and in fact (the agent's
  motivation), with the routes and time limits of appeal.

Every text comes from the dossier's records and the engine's determination: nothing is
re-written by hand. Rendering: Django templates, then WeasyPrint (no network access: the
templates load no external resource).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from sejour_traite.dossiers.models import Decision, Document, DocumentKind, Dossier
from sejour_traite.law.outcomes import old_new

_VPF = "« vie privée et familiale »"
ACT_TITLES = {
    "grant_cst": f"Décision de délivrance d'une carte de séjour temporaire {_VPF}",
    "renew_cst": f"Décision de renouvellement de la carte de séjour temporaire {_VPF}",
    "refuse_cst": "Décision de refus de carte de séjour temporaire",
    "refuse_renewal": "Décision de refus de renouvellement de la carte de séjour temporaire",
    "withdraw_cst": "Décision de retrait de la carte de séjour temporaire",
    "interrupt_reflection": (
        "Décision d'interruption du délai de réflexion et de retrait du récépissé"
    ),
    "grant_carte_resident": "Décision de délivrance d'une carte de résident",
    "grant_aps": "Décision de délivrance d'une autorisation provisoire de séjour",
}
#: The determination object each act rests on (for the reasons in law).
ACT_OBJECTS = {
    "grant_cst": "cst",
    "renew_cst": "cst_renewal",
    "refuse_cst": "cst",
    "refuse_renewal": "cst_renewal",
    "withdraw_cst": "cst_withdrawal",
    "interrupt_reflection": "reflection_interruption",
    "grant_carte_resident": "carte_resident",
    "grant_aps": "aps",
}
NEGATIVE_ACTS = frozenset({"refuse_cst", "refuse_renewal", "withdraw_cst", "interrupt_reflection"})


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    """Render a template of ``documents/`` to PDF bytes."""
    from weasyprint import HTML  # imported lazily: heavy, and only documents need it

    html = render_to_string(f"documents/{template}", context)
    return bytes(HTML(string=html, base_url=None).write_pdf())


def _holder(dossier: Dossier) -> dict[str, Any]:
    person = dossier.person
    return {
        "first_names": person.first_names,
        "last_name": person.last_name.upper(),
        "date_of_birth": person.birth_date,
        "nationality": person.nationality or "—",
        "foreigner_number": person.foreigner_number or "—",
    }


def _base(dossier: Dossier, on: date | None = None) -> dict[str, Any]:
    return {
        "prefecture": dossier.prefecture,
        "dossier": dossier,
        "holder": _holder(dossier),
        "issued_on": on or timezone.localdate(),
    }


def _decision(dossier: Dossier, act: str) -> Decision:
    decision = dossier.decisions.filter(act=act).order_by("-decided_at", "-id").first()
    if decision is None:
        msg = f"dossier {dossier.number}: no decision {act!r}"
        raise LookupError(msg)
    return decision


def reflection_recepisse(dossier: Dossier) -> bytes:
    """The récépissé of the reflection period, from its delivery decision and document."""
    decision = _decision(dossier, "deliver_reflection_recepisse")
    document = dossier.documents.filter(kind=DocumentKind.REFLECTION_RECEPISSE).latest("valid_from")
    determination = decision.determination
    recepisse = determination["reflection_recepisse"]
    on = decision.eval_date
    context = {
        **_base(dossier, decision.eval_date),
        "document": document,
        "grounds": recepisse.get("grounds") or [],
        "validity_days": recepisse.get("validity_days"),
        "removal_article": old_new("L. 511-1", "L. 611-1").at(on)[0],
        "protection_article": old_new("R. 316-2", "R. 425-2").at(on)[0],
        "legal_version": decision.legal_version,
    }
    return render_pdf("recepisse_reflexion.html", context)


def attestation_l425_1(dossier: Dossier, on: date | None = None) -> bytes:
    """Attestation that the holder benefits from L425-1 (L316-1 before 1 May 2021)."""
    card = (
        dossier.documents.filter(kind=DocumentKind.CST, withdrawn_on__isnull=True)
        .order_by("-valid_from")
        .first()
    )
    if card is None:
        msg = f"dossier {dossier.number}: no carte de séjour temporaire held"
        raise LookupError(msg)
    article = old_new("L. 316-1", "L. 425-1").at(card.valid_from)[0]
    return render_pdf(
        "attestation_l425_1.html", {**_base(dossier, on), "card": card, "article": article}
    )


def _reasons_in_law(decision: Decision) -> list[dict[str, str]]:
    """The rules of the determination object the act rests on, as "considérant" texts."""
    key = ACT_OBJECTS.get(decision.act)
    explanation = (decision.determination.get("explanation") or {}).get("objects") or []
    node = next((n for n in explanation if n.get("object") == key), None)
    if node is None:
        return []
    reasons = []
    for rule in node.get("rules", []):
        if rule.get("met") is None:
            continue
        citations = ", ".join(rule.get("citations") or [])
        reasons.append({"rule": rule["rule"], "text": rule["text"], "citations": citations})
    return reasons


def decision_pdf(decision: Decision) -> bytes:
    """A motivated decision: articles (vu), reasons in law and in fact, the decision, appeals."""
    dossier = decision.dossier
    key = ACT_OBJECTS.get(decision.act)
    determination = decision.determination
    obj = determination.get(key, {}) if key else {}
    document: Document | None = None
    if decision.act in ("grant_cst", "renew_cst", "grant_carte_resident", "grant_aps"):
        document = dossier.documents.filter(valid_from=decision.eval_date).order_by("-id").first()
    context = {
        **_base(dossier, decision.eval_date),
        "decision": decision,
        "title": ACT_TITLES.get(decision.act, decision.act),
        "negative": decision.act in NEGATIVE_ACTS,
        "status": obj.get("status", decision.outcome),
        "grounds": obj.get("grounds") or [],
        "reasons": _reasons_in_law(decision),
        "motivation": decision.motivation,
        "document": document,
        "legal_version": decision.legal_version,
        "facts_count": len(json.loads(decision.facts_snapshot or "{}")),
    }
    return render_pdf("decision.html", context)
