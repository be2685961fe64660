"""Rule documentation pages: the public description of the algorithm (CRPA L311-3-1).

Generated, like ``docs/law/``, from what the engine evaluates: the rule registry (titles,
citations, plain-language sentences, open questions), the steps of each decision (their
formulas, periods and articles), the parameter files and the readings taken.

Public on purpose: CRPA L311-3-1 gives a person the rules of an algorithmic treatment that
a decision about her rests on, and L312-1-3 asks administrations to publish them online;
the same content is already public in ``docs/law/`` and ``GET /api/v1/rules``. So these
pages need no sign-in, carry no case data, and neither read nor write the session (an
anonymous visit sets no cookie; a test checks it).
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from sejour_traite.law import facts, parameters, readings, registry, versions
from sejour_traite.law.citations import Citation
from sejour_traite.law.documentation import steps_by_rule
from sejour_traite.law.expressions import Predicate, derived_in
from sejour_traite.law.outcomes import Outcome, Step
from sejour_traite.law.rules import all_outcomes
from sejour_traite.law.rules.procedures import INFORMATIONAL, PROCEDURES
from sejour_traite.web.i18n import law_text

GROUPS = {
    "scope": _("Champ d'application"),
    "identification": _("Identification par la police"),
    "reflection": _("Délai de réflexion"),
    "recepisse": _("Récépissés"),
    "cst": pgettext_lazy("groupe de règles", "Carte de séjour temporaire"),
    "renewal": _("Renouvellement"),
    "withdrawal": _("Retrait"),
    "carte_resident": pgettext_lazy("groupe de règles", "Carte de résident"),
    "minors": _("Mineurs"),
    "no_conviction": _("Procédure close sans condamnation"),
    "non_cooperation": _("Sans coopération avec la justice"),
    "social": _("Droits sociaux"),
    "admin": _("Procédure administrative"),
}
KINDS = {
    "scope": _("Champ d'application (sinon NON_APPLICABLE)"),
    "bar": _("Obstacle (si vrai : EXCLU)"),
    "condition": _("Condition (sinon NON_REMPLI)"),
    "ground": _("Motif d'appréciation (si vrai : DISCRETIONNAIRE)"),
    "guidance": _("Orientation ou signalement"),
}
KIND_ORDER = tuple(KINDS)
DISCRETION = {
    "none": _("Aucun : le texte décide."),
    "peut": _("Oui : le texte dit « peut » ; l'agent décide par une décision motivée."),
    "guidance": _("Orientation administrative (circulaire ou instruction)."),
}
CONFIDENCE = {"H": _("élevée"), "M": _("moyenne"), "L": _("faible")}
_PARAMETER_NAME = re.compile(r"\bP-[A-Z0-9][A-Z0-9-]*[A-Z0-9]\b")
#: A parameter value longer than this is folded in a <details> element.
LONG_VALUE = 120


def rules_index(request: HttpRequest) -> HttpResponse:
    """Every rule (by group), decision, parameter and legal version."""
    groups: dict[str, list[registry.Rule]] = {}
    for rule in registry.all_rules().values():
        groups.setdefault(rule.group, []).append(rule)
    context = {
        "versions": versions.all_versions(),
        "groups": [(GROUPS.get(group, group), rules) for group, rules in groups.items()],
        "outcomes": [(o.key, _outcome_label(o.key)) for o in all_outcomes()],
        "parameters": [
            (name, law_text(parameters.get(name).description))
            for name in sorted(parameters.all_parameters())
        ],
        "open_questions_count": len(readings.open_questions()),
    }
    return render(request, "web/rules_index.html", context)


def rule(request: HttpRequest, rule_id: str) -> HttpResponse:
    """One rule: its texts in force and when, what it says in plain words, its conditions."""
    found = registry.all_rules().get(rule_id)
    if found is None:
        return _not_found(request, gettext("La règle « %(id)s » n'existe pas.") % {"id": rule_id})
    steps = steps_by_rule().get(rule_id, [])
    tests = [step.test for _, step in steps]
    procedure = PROCEDURES.get(rule_id)
    questions = readings.open_questions()
    context = {
        "rule": found,
        "group": GROUPS.get(found.group, found.group),
        "confidence": CONFIDENCE.get(found.confidence, found.confidence),
        "discretion": DISCRETION.get(found.discretion, found.discretion),
        "citations": [_citation(c) for c in found.citations],
        "steps": [_step(outcome, step) for outcome, step in steps],
        "definitions": _definitions(tests),
        "parameters": _parameters_in(
            [step.test.text() for _, step in steps]
            + [step.when.text() for _, step in steps if step.when is not None]
            + [text for _, text in _definitions(tests)]
        ),
        "procedure": procedure.__doc__.strip() if procedure and procedure.__doc__ else "",
        "informational": rule_id in INFORMATIONAL,
        "open_questions": [
            {
                "id": oq_id,
                "anchor": _anchor(oq_id),
                "question": _text(questions[oq_id].question) if oq_id in questions else "",
                "adopted": _text(questions[oq_id].adopted) if oq_id in questions else "",
            }
            for oq_id in found.open_questions
        ],
    }
    return render(request, "web/rules_rule.html", context)


def parameter(request: HttpRequest, name: str) -> HttpResponse:
    """One legal parameter: its dated values and the texts of each."""
    found = parameters.all_parameters().get(name)
    if found is None:
        return _not_found(request, gettext("Le paramètre « %(id)s » n'existe pas.") % {"id": name})
    values = []
    for value in found.values:
        shown = _show(value.value)
        values.append(
            {
                "start": value.start,
                "end": value.end,
                "value": shown,
                "long": len(shown) > LONG_VALUE,
                "confidence": CONFIDENCE.get(value.confidence, value.confidence),
                "citations": [_citation(c) for c in value.citations],
            }
        )
    context = {
        "parameter": found,
        "values": values,
        "rules": sorted(_parameter_users().get(name, set()), key=registry.order().__getitem__),
    }
    return render(request, "web/rules_parameter.html", context)


def outcome(request: HttpRequest, key: str) -> HttpResponse:
    """One decision of the engine: its steps in the order they combine."""
    found = next((o for o in all_outcomes() if o.key == key), None)
    if found is None:
        return _not_found(request, gettext("La décision « %(id)s » n'existe pas.") % {"id": key})
    steps = sorted(found.steps, key=lambda step: KIND_ORDER.index(step.kind))
    context = {
        "outcome": found,
        "label": _outcome_label(found.key),
        "basis": found.basis.all(),
        "steps": [_step(found, step) for step in steps],
        "definitions": _definitions([step.test for step in found.steps]),
    }
    return render(request, "web/rules_outcome.html", context)


def open_questions(request: HttpRequest) -> HttpResponse:
    """The open questions of the texts and the reading the engine takes for each."""
    rules_by_question: dict[str, list[str]] = {}
    for rule_ in registry.all_rules().values():
        for oq_id in rule_.open_questions:
            rules_by_question.setdefault(oq_id, []).append(rule_.id)
    items = [
        {
            "id": q.id,
            "anchor": _anchor(q.id),
            "question": _text(q.question),
            "adopted": _text(q.adopted),
            "confidence": CONFIDENCE.get(q.confidence, q.confidence),
            "alternatives": list(q.alternatives),
            "default": q.default,
            "rules": rules_by_question.get(q.id, []),
        }
        for q in readings.open_questions().values()
    ]
    return render(request, "web/rules_open_questions.html", {"questions": items})


# ---------------------------------------------------------------- presentation helpers


def _not_found(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "web/rules_not_found.html", {"message": message}, status=404)


def _text(texts: dict[str, str]) -> str:
    """A text of the law's data files in the active language (French by default)."""
    return law_text(texts) or texts.get("en") or ""


def _anchor(oq_id: str) -> str:
    return oq_id.lower()


def _outcome_label(key: str) -> str:
    labels = facts.texts().get("_objects") or {}
    return law_text(labels.get(key), key)


def _citation(citation: Citation) -> dict[str, Any]:
    return {
        "code": citation.code,
        "article": citation.article,
        "url": citation.url,
        "in_force_from": citation.in_force_from,
        "in_force_to": citation.in_force_to,
        "verified_on": citation.verified_on,
        "confidence": CONFIDENCE.get(citation.confidence, citation.confidence),
    }


def _kind(step: Step) -> str:
    if step.kind == "condition" and step.on_false == "INDETERMINE":
        return gettext("Condition de procédure (sinon INDETERMINE)")
    return str(KINDS.get(step.kind, step.kind))


def _step(outcome_: Outcome, step: Step) -> dict[str, Any]:
    urls = _article_urls()
    return {
        "outcome": outcome_.key,
        "outcome_label": _outcome_label(outcome_.key),
        "rule": step.rule,
        "label": step.label,
        "when": step.when.text() if step.when is not None else "",
        "kind": _kind(step),
        "formula": step.test.text(),
        "grounds": [(article, urls.get(article.split(" ")[0])) for article in step.grounds.all()],
    }


def _definitions(nodes: list[Predicate]) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for node in nodes:
        for derived in derived_in(node):
            seen.setdefault(derived.name, derived.definition.text())
    return list(seen.items())


def _parameters_in(texts: list[str]) -> list[str]:
    known = parameters.all_parameters()
    names = {name for text in texts for name in _PARAMETER_NAME.findall(text) if name in known}
    return sorted(names)


@cache
def _parameter_users() -> dict[str, set[str]]:
    """Parameter name -> the rules whose conditions read it."""
    users: dict[str, set[str]] = {}
    for rule_id, steps in steps_by_rule().items():
        if rule_id not in registry.all_rules():
            continue
        tests = [step.test for _, step in steps]
        texts = [step.test.text() for _, step in steps]
        texts += [step.when.text() for _, step in steps if step.when is not None]
        texts += [text for _, text in _definitions(tests)]
        for name in _parameters_in(texts):
            users.setdefault(name, set()).add(rule_id)
    return users


@cache
def _article_urls() -> dict[str, str]:
    """Article -> the source URL a rule's citation gives for it (first one found)."""
    urls: dict[str, str] = {}
    for rule_ in registry.all_rules().values():
        for citation in rule_.citations:
            if citation.url:
                urls.setdefault(citation.article, citation.url)
    return urls


def _show(value: Any) -> str:
    """A parameter value in words: oui/non, dates as JJ/MM/AAAA, lists and mappings inline."""
    if isinstance(value, bool):
        return gettext("oui") if value else gettext("non")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dict):
        return " ; ".join(f"{key} : {_show(item)}" for key, item in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        items = [_show(item) for item in value]
        nested = any(isinstance(item, dict) for item in value)
        return (" | " if nested else ", ").join(items)
    return str(value)
