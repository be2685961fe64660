"""Plain-text rendering of a determination: a readable explanation citing the articles."""

from __future__ import annotations

from typing import Any

from sejour_traite.law import facts as facts_module
from sejour_traite.law.evaluation import Determination
from sejour_traite.law.explanation import explain_object

_WORDS = {
    "fr": {
        "title": "Situation au {date} — droit applicable : version {version}",
        "missing": "Faits à établir",
        "flags": "Points d'attention",
        "actions": "Actions à mener",
        "alternatives": "Autres fondements à examiner",
        "deadlines": "Échéances",
        "met": "✓",
        "not_met": "✗",
        "grounds": "Articles",
        "readings": "Lectures retenues des questions ouvertes",
    },
    "en": {
        "title": "Situation on {date} — law applied: version {version}",
        "missing": "Facts to establish",
        "flags": "Points of attention",
        "actions": "Actions to take",
        "alternatives": "Other legal bases to examine",
        "deadlines": "Deadlines",
        "met": "✓",
        "not_met": "✗",
        "grounds": "Articles",
        "readings": "Readings adopted for open questions",
    },
}
_SHOWN = (
    "scope",
    "reflection",
    "reflection_recepisse",
    "removal_protection",
    "removal_decision",
    "cst",
    "cst_renewal",
    "cst_withdrawal",
    "carte_resident",
    "carte_resident_renewal",
    "eu_residence_card",
    "aps",
    "allowance",
)


def status_label(status: str, lang: str) -> str:
    """Plain-language label of a status (falls back to the status itself)."""
    labels = facts_module.texts().get("_statuses") or {}
    return str((labels.get(status) or {}).get(lang) or status)


def render_text(determination: Determination, lang: str = "fr") -> str:
    """The determination as a readable explanation in ``lang`` (``fr`` or ``en``)."""
    words = _WORDS.get(lang, _WORDS["fr"])
    lines = [
        words["title"].format(
            date=determination.eval_date.isoformat(), version=determination.legal_version
        ),
        "",
    ]
    for key in _SHOWN:
        obj = determination.objects.get(key)
        if obj is None or (obj.status == "NON_APPLICABLE" and key not in ("scope", "cst")):
            continue
        node = explain_object(obj, determination, lang)
        details = _details(obj.extra)
        lines.append(f"■ {node['label']} : {status_label(obj.status, lang)}{details}")
        if obj.grounds:
            lines.append(f"    {words['grounds']} : {', '.join(obj.grounds)}")
        for rule in node["rules"]:
            favourable = rule["favourable"]
            mark = "?" if favourable is None else words["met"] if favourable else words["not_met"]
            citations = ", ".join(rule["citations"][:3])
            lines.append(f"    {mark} {rule['rule']} — {rule['text']} [{citations}]")
        if obj.missing_facts:
            names = ", ".join(facts_module.label(n, lang) for n in obj.missing_facts)
            lines.append(f"    ? {words['missing']} : {names}")
        lines.append("")
    if determination.alternative_basis:
        items = ", ".join(
            f"{a['basis']} ({status_label(a['status'], lang)})"
            for a in determination.alternative_basis
        )
        lines.append(f"{words['alternatives']} : {items}")
    for title, values in (
        (words["missing"], [facts_module.label(n, lang) for n in determination.missing_facts]),
        (words["flags"], determination.flags),
        (words["actions"], determination.actions),
    ):
        if values:
            lines.append(f"{title} : {', '.join(values)}")
    if determination.deadlines:
        items = ", ".join(f"{k} {v}" for k, v in determination.deadlines.items())
        lines.append(f"{words['deadlines']} : {items}")
    return "\n".join(lines).rstrip() + "\n"


def _details(extra: dict[str, Any]) -> str:
    parts = []
    for key in ("start", "end", "valid_until", "duration_months", "duration_years", "legality"):
        value = extra.get(key)
        if value is None:
            continue
        if isinstance(value, dict):
            value = "–".join(str(v) for v in value.values())
        parts.append(f"{key} {value}")
    return f" ({'; '.join(parts)})" if parts else ""
