"""Template tags of the back office: statuses, citations, facts, acts, in the active language.

* ``{% status_badge status %}`` — a DSFR badge whose text says the status (never colour
  alone);
* ``{% citation_link rule_id citation %}`` — an article cited by a rule, linking to the
  rule's documentation page (``/regles/<rule_id>/``, URL name ``web:rule``);
* filters ``fact_label``, ``fact_question``, ``fact_help``, ``fact_value``, ``act_label``,
  ``act_done``, ``state_label``, ``deadline_label``, ``established_by_label``,
  ``stage_label``, ``document_label``, ``status_label``.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

import orjson
from django import template
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from sejour_traite.dossiers.models import DeadlineKind, DocumentKind, EstablishedBy, State
from sejour_traite.law.facts import FACT_TYPES, FactType, texts
from sejour_traite.law.facts import label as _fact_label
from sejour_traite.web import i18n, labels, stats_texts
from sejour_traite.web.forms_dossiers import ACT_DONE, ACT_LABELS
from sejour_traite.web.fragments import Fragments

register = template.Library()

#: DSFR badge type of each status (the badge's text always says the status).
_BADGE = {
    "DE_PLEIN_DROIT": "success",
    "ACTIVE": "success",
    "PROTECTED": "success",
    "ELIGIBLE": "success",
    "ELIGIBLE_TO_APPLY": "success",
    "DISCRETIONNAIRE": "warning",
    "NON_REMPLI": "error",
    "EXCLU": "error",
    "NOT_ELIGIBLE": "error",
    "NOT_PROTECTED": "error",
    "INTERRUPTED": "error",
    "EXPIRED": "error",
    "INDETERMINE": "info",
}
#: Statuses the law's texts do not label (facts_texts.yaml ``_statuses`` has the others).
_MORE_STATUSES = {
    "ELIGIBLE": gettext_lazy("Éligible"),
    "ELIGIBLE_TO_APPLY": gettext_lazy("Peut déposer sa demande"),
    "NOT_ELIGIBLE": gettext_lazy("Non éligible"),
    "INFO": gettext_lazy("Information"),
    "FAVORABLE": gettext_lazy("Favorable"),
}


@register.simple_tag
def back_office_languages() -> tuple[i18n.Language, ...]:
    """The languages of the back office, French first (the header's selector)."""
    return i18n.languages()


@register.filter
def status_label(status: str | None) -> str:
    """The label of a determination status, in the active language."""
    if not status:
        return "—"
    entry = (texts().get("_statuses") or {}).get(status)
    return i18n.law_text(entry) or str(_MORE_STATUSES.get(status) or status)


@register.simple_tag
def status_badge(status: str | None) -> SafeString:
    """A DSFR badge saying the status in words."""
    kind = _BADGE.get(status or "")
    css = f"fr-badge fr-badge--sm fr-badge--{kind}" if kind else "fr-badge fr-badge--sm"
    return format_html(
        '<span class="{}" data-testid="status-badge" data-status="{}">{}</span>',
        css,
        status or "",
        status_label(status),
    )


@cache
def rule_url(rule_id: str) -> str:
    """The documentation page of a rule (``web:rule``; its path while that page is absent).

    Cached: a dossier page links some hundred citations, and the URL of a rule never
    changes while the process runs."""
    try:
        return reverse("web:rule", args=[rule_id])
    except NoReverseMatch:
        return f"/regles/{rule_id}/"


@register.simple_tag
def citation_link(rule_id: str, citation: str) -> SafeString:
    """An article cited by a rule, linking to the rule's documentation page."""
    return format_html(
        '<a class="fr-link" href="{}" data-testid="citation" data-rule="{}">{}'
        '<span class="fr-sr-only"> ({})</span></a>',
        rule_url(rule_id),
        rule_id,
        citation,
        _("règle %(rule)s") % {"rule": rule_id},
    )


@register.filter
def fact_label(name: str) -> str:
    """Short name of a fact."""
    return _fact_label(name, i18n.law_language())


@register.filter
def fact_question(name: str) -> str:
    """The question that establishes a fact."""
    entry = texts().get(name) or {}
    return i18n.law_text(entry.get("question"), fact_label(name))


@register.filter
def fact_help(name: str) -> str:
    """Why the fact matters, and its article."""
    entry = texts().get(name) or {}
    return i18n.law_text(entry.get("help"))


def _format(kind: FactType, entry: dict[str, Any], value: Any) -> str:
    if value is None:
        return _("Inconnu")
    if value == "none" and kind.kind in ("event_date", "event_record"):
        return _("N'a pas eu lieu")
    labels = {str(k): i18n.law_text(v, str(k)) for k, v in (entry.get("values") or {}).items()}
    match kind.kind:
        case "bool":
            return _("Oui") if value else _("Non")
        case "date" | "event_date":
            try:
                return date.fromisoformat(str(value)).strftime("%d/%m/%Y")
            except ValueError:
                return str(value)
        case "enum":
            return labels.get(str(value), str(value))
        case "enum_set" | "articles":
            items = [labels.get(str(item), str(item)) for item in value or []]
            return ", ".join(items) if items else _("Aucun")
        case "record" | "event_record":
            parts = []
            fields = entry.get("fields") or {}
            for key, part in (value or {}).items():
                part_kind = kind.fields.get(key)
                part_entry = fields.get(key) or {}
                part_label = i18n.law_text(part_entry.get("label"), key)
                text = _format(part_kind, part_entry, part) if part_kind else str(part)
                parts.append(f"{part_label} : {text}")
            return " ; ".join(parts) if parts else "—"
        case "record_list":
            if not value:
                return _("Aucun")
            fake = FactType("record", fields=kind.fields)
            return " | ".join(_format(fake, entry, item) for item in value)
        case _:
            return str(value)


@register.filter
def fact_value(value: Any, name: str) -> str:
    """A fact's value in words (« Inconnu », « N'a pas eu lieu », « Oui » …)."""
    kind = FACT_TYPES.get(name)
    if kind is None:
        return _("Inconnu") if value is None else str(value)
    return _format(kind, texts().get(name) or {}, value)


@register.filter
def act_label(act: str) -> str:
    """An act of the lifecycle, as an instruction (« Délivrer … »)."""
    return str(ACT_LABELS.get(act, act))


@register.filter
def act_done(act: str) -> str:
    """An act of the lifecycle, once done (« … délivré »)."""
    return str(ACT_DONE.get(act, act))


@register.filter
def state_label(state: str) -> str:
    """A state of the dossier's lifecycle."""
    return labels.label(State, state)


@register.filter
def deadline_label(kind: str) -> str:
    """A kind of deadline."""
    return labels.label(DeadlineKind, kind)


@register.filter
def document_label(kind: str) -> str:
    """A kind of document issued."""
    return labels.label(DocumentKind, kind)


@register.filter
def established_by_label(value: str) -> str:
    """Who established a fact."""
    return labels.label(EstablishedBy, value)


@register.filter
def stage_label(stage: str) -> str:
    """A stage of the criminal procedure."""
    entry = texts().get("criminal_procedure_status") or {}
    return i18n.law_text((entry.get("values") or {}).get(stage), stage)


@register.filter
def stats_text(french: str) -> str:
    """A French text of the statistics (``stats.queries``) in the active language."""
    return stats_texts.text(french)


@register.simple_tag
def stats_row_label(table: Any, row: Any) -> str:
    """The label of a row of a statistics table, in the active language."""
    return stats_texts.row_label(table, row)


@register.filter
def law_text(texts: Any) -> str:
    """A text of the law's data files (``{"fr": …, "en": …}``) in the active language."""
    return i18n.law_text(texts)


#: Rendered objects of the dossier page, by (language, content): rule texts and citations
#: repeat from one dossier to the next within a period of the law.
LAW_OBJECTS = Fragments(2048)


@register.simple_tag
def law_object(obj: dict[str, Any]) -> SafeString:
    """One object of the determination with its explanation (web/components/law_object.html)."""
    key = (
        get_language() or "fr",
        orjson.dumps(obj, default=str, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS),
    )
    return LAW_OBJECTS.get(
        key, lambda: render_to_string("web/components/law_object.html", {"object": obj})
    )
