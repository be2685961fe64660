"""Documentation of the rules and parameters (the public description of the algorithm that
CRPA L311-3-1 requires): one Markdown page per rule and per parameter, and an index.

Generated from the same definitions the engine evaluates: the steps of each outcome (their
formulas, articles and periods), the rule registry (citations, plain-language texts) and
the parameter files.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sejour_traite.law import facts as facts_module
from sejour_traite.law import parameters, readings, registry, versions
from sejour_traite.law.expressions import Predicate, derived_in
from sejour_traite.law.outcomes import Outcome, Step
from sejour_traite.law.rules import all_outcomes
from sejour_traite.law.rules.procedures import INFORMATIONAL, PROCEDURES

_KIND = {
    "scope": "champ d'application (sinon NON_APPLICABLE)",
    "bar": "obstacle (si vrai : EXCLU)",
    "condition": "condition (sinon NON_REMPLI)",
    "ground": "motif d'appréciation (si vrai : DISCRETIONNAIRE)",
    "guidance": "orientation / signalement",
}


_DISCRETION = {
    "none": "aucun (le texte décide)",
    "peut": "oui : le texte dit « peut », l'agent décide par une décision motivée",
    "guidance": "orientation administrative (circulaire ou instruction)",
}


def _kind(step: Step) -> str:
    if step.kind == "condition" and step.on_false == "INDETERMINE":
        return "condition de procédure (sinon INDETERMINE)"
    return _KIND[step.kind]


def steps_by_rule() -> dict[str, list[tuple[Outcome, Step]]]:
    """Every step of every outcome, grouped by the rule it applies."""
    result: dict[str, list[tuple[Outcome, Step]]] = {}
    for outcome in all_outcomes():
        for rule_id in outcome.rules:
            result.setdefault(rule_id, [])
        for step in outcome.steps:
            result.setdefault(step.rule, []).append((outcome, step))
            if step.unless_rule:
                result.setdefault(step.unless_rule, []).append((outcome, step))
    return result


def implemented_rules() -> set[str]:
    """Rule IDs the engine evaluates or documents (steps, procedures, informational)."""
    ids = set(steps_by_rule()) | set(PROCEDURES) | set(INFORMATIONAL)
    ids |= {"R-CST-11", "R-RENEW-03", "R-WITHDRAW-03", "R-RESIDENT-06", "R-ADMIN-04", "R-MINOR-04"}
    return ids


def _slug(name: str) -> str:
    return name.lower().replace(" ", "-")


def rule_page(rule_id: str) -> str:
    """Markdown page of one rule."""
    rule = registry.get(rule_id)
    lines = [f"# {rule_id} — {rule.title['fr']}", "", f"*{rule.title['en']}*", ""]
    lines += [
        f"- Groupe : `{rule.group}`",
        f"- Confiance : {rule.confidence}"
        + (f" ({rule.confidence_note})" if rule.confidence_note else ""),
        f"- Pouvoir d'appréciation : {_DISCRETION.get(rule.discretion, rule.discretion)}",
        "",
        "## Textes",
        "",
        "| Texte | Article | En vigueur du | au | Confiance | Vérifié le |",
        "|---|---|---|---|---|---|",
    ]
    for c in rule.citations:
        article = f"[{c.article}]({c.url})" if c.url else c.article
        end = c.in_force_to.isoformat() if c.in_force_to else "—"
        row = (c.code, article, str(c.in_force_from), end, c.confidence, str(c.verified_on))
        lines.append("| " + " | ".join(row) + " |")
    lines += [
        "",
        "## En clair",
        "",
        f"- Condition remplie : {rule.met['fr']}",
        f"- Condition non remplie : {rule.not_met['fr']}",
        "",
    ]
    steps = steps_by_rule().get(rule_id, [])
    if steps:
        lines += [
            "## Conditions évaluées",
            "",
            "| Décision | Condition | Nature | Formule | Articles |",
            "|---|---|---|---|---|",
        ]
        for outcome, step in steps:
            grounds = ", ".join(step.grounds.all()) or "—"
            when = f" — période : {step.when.text()}" if step.when is not None else ""
            formula = step.test.text().replace("|", "\\|")
            cells = (
                f"`{outcome.key}`",
                f"{step.label}{when}",
                _kind(step),
                f"`{formula}`",
                grounds,
            )
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    definitions = _definitions([step.test for _, step in steps])
    if definitions:
        lines += ["## Définitions utilisées", "", *definitions, ""]
    procedure = PROCEDURES.get(rule_id)
    if procedure is not None and procedure.__doc__:
        lines += ["## Calcul", "", procedure.__doc__.strip(), ""]
    if rule_id in INFORMATIONAL:
        lines += [
            "## Portée",
            "",
            "Règle d'information : elle décrit un droit ou une démarche, sans condition à évaluer.",
            "",
        ]
    if rule.open_questions:
        lines += ["## Questions ouvertes", ""]
        questions = readings.open_questions()
        for oq_id in rule.open_questions:
            question = questions.get(oq_id)
            adopted = question.adopted.get("fr") or question.adopted.get("en") if question else ""
            lines.append(
                f"- [{oq_id}](../open-questions.md#{_slug(oq_id)}) — lecture retenue : {adopted}"
            )
        lines.append("")
    return "\n".join(lines)


def _definitions(nodes: list[Predicate]) -> list[str]:
    seen: dict[str, str] = {}
    for node in nodes:
        for derived in derived_in(node):
            seen.setdefault(derived.name, derived.definition.text())
    return [f"- `{name}` := `{text}`".replace("|", "\\|") for name, text in seen.items()]


_KIND_ORDER = ("scope", "bar", "condition", "ground", "guidance")


def outcome_page(outcome: Outcome) -> str:
    """Markdown page of one decision: its steps in the order they are combined."""
    label = (facts_module.texts().get("_objects") or {}).get(outcome.key) or {}
    lines = [
        f"# `{outcome.key}` — {label.get('fr', outcome.key)}",
        "",
        f"*{label.get('en', '')}*",
        "",
        "Ordre de combinaison (legal-spec §0) : champ d'application (NON_APPLICABLE), "
        "obstacles (EXCLU), conditions non remplies (NON_REMPLI), faits inconnus "
        "(INDETERMINE), puis nature du fondement (DE_PLEIN_DROIT, ou DISCRETIONNAIRE si un "
        "motif d'appréciation est présent)."
        + (
            " Mesure que l'autorité *peut* prendre : DISCRETIONNAIRE dès qu'un motif est "
            "établi, NON_REMPLI si aucun ne l'est."
            if outcome.grounds_required
            else ""
        ),
        "",
        f"Fondement : {', '.join(outcome.basis.all()) or '—'}",
        "",
        "| Étape | Règle | Condition | Formule | Articles |",
        "|---|---|---|---|---|",
    ]
    steps = sorted(outcome.steps, key=lambda step: _KIND_ORDER.index(step.kind))
    for step in steps:
        when = f" (période : {step.when.text()})" if step.when is not None else ""
        formula = step.test.text().replace("|", "\\|")
        cells = (
            _kind(step),
            f"[{step.rule}](../rules/{step.rule}.md)",
            f"{step.label}{when}",
            f"`{formula}`",
            ", ".join(step.grounds.all()) or "—",
        )
        lines.append("| " + " | ".join(cells) + " |")
    definitions = _definitions([step.test for step in outcome.steps])
    if definitions:
        lines += ["", "## Définitions utilisées", "", *definitions]
    return "\n".join(lines) + "\n"


def parameter_page(name: str) -> str:
    """Markdown page of one parameter."""
    parameter = parameters.get(name)
    lines = [
        f"# {name}",
        "",
        parameter.description.get("fr", ""),
        "",
        f"*{parameter.description.get('en', '')}*",
        "",
        f"Unité : `{parameter.unit}`",
        "",
        "| Du | Au | Valeur | Confiance | Textes |",
        "|---|---|---|---|---|",
    ]
    for value in parameter.values:
        end = value.end.isoformat() if value.end else "en vigueur"
        shown = str(value.value)
        if len(shown) > 80:
            shown = shown[:77] + "…"
        texts = "; ".join(f"{c.code} {c.article}" for c in value.citations)
        lines.append(f"| {value.start} | {end} | `{shown}` | {value.confidence} | {texts} |")
    return "\n".join(lines) + "\n"


def open_questions_page() -> str:
    """Markdown page of the open questions and the readings taken."""
    lines = ["# Questions ouvertes et lectures retenues", ""]
    for question in readings.open_questions().values():
        lines += [
            f"## {question.id}",
            "",
            question.question.get("fr") or question.question.get("en", ""),
            "",
            f"- Lecture retenue : {question.adopted.get('fr') or question.adopted.get('en', '')}",
            f"- Confiance : {question.confidence}",
            f"- Signalement : `{question.flag}`",
        ]
        if question.alternatives:
            choices = ", ".join(f"`{k}`" for k in question.alternatives)
            lines.append(
                f"- Lectures possibles (configuration `{question.id}`) : {choices} ; "
                f"par défaut `{question.default}`"
            )
        lines.append("")
    return "\n".join(lines)


def pages() -> Iterator[tuple[str, str]]:
    """(relative path, Markdown) of every page."""
    rules_ids = list(registry.all_rules())
    index = [
        "# Règles et paramètres appliqués par sejour-traite",
        "",
        "Description publique de l'algorithme (CRPA L311-3-1) : ce que le moteur décide, "
        "ce qui reste à l'appréciation de l'agent, les textes et les lectures retenues.",
        "",
        "## Versions du droit",
        "",
        "| Version | Du | Au | Textes |",
        "|---|---|---|---|",
    ]
    for version in versions.all_versions():
        index.append(f"| {version.id} | {version.start} | {version.end or '—'} | {version.texts} |")
    index += ["", "## Règles", ""]
    for rule_id in rules_ids:
        index.append(f"- [{rule_id}](rules/{rule_id}.md) — {registry.get(rule_id).title['fr']}")
        yield f"rules/{rule_id}.md", rule_page(rule_id)
    index += ["", "## Décisions (ordre des étapes)", ""]
    for outcome in all_outcomes():
        index.append(f"- [`{outcome.key}`](outcomes/{outcome.key}.md)")
        yield f"outcomes/{outcome.key}.md", outcome_page(outcome)
    index += ["", "## Paramètres", ""]
    for name in sorted(parameters.all_parameters()):
        index.append(
            f"- [{name}](parameters/{name}.md) — {parameters.get(name).description.get('fr', '')}"
        )
        yield f"parameters/{name}.md", parameter_page(name)
    index += [
        "",
        "## Questions ouvertes",
        "",
        "- [Questions ouvertes et lectures retenues](open-questions.md)",
    ]
    yield "open-questions.md", open_questions_page()
    yield "index.md", "\n".join(index) + "\n"


def write(directory: Path) -> int:
    """Write every page under ``directory``; return the number of pages written."""
    count = 0
    for relative, content in pages():
        target = directory / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        count += 1
    return count
