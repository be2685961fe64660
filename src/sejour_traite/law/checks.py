"""Consistency checks of the law's data: complete citations, every rule implemented."""

from __future__ import annotations

from sejour_traite.law import parameters, readings, registry, versions
from sejour_traite.law.errors import DataError


def check_citations() -> tuple[int, int, list[str]]:
    """Load every parameter, rule, version and open question; return (rules, parameters,
    problems). A problem is a missing or incomplete citation, a rule the engine uses that the
    registry lacks, or a rule of the registry that the engine does not implement."""
    from sejour_traite.law.documentation import implemented_rules

    problems: list[str] = []
    rules: dict[str, registry.Rule] = {}
    params: dict[str, parameters.Parameter] = {}
    for loader in (versions.all_versions, readings.open_questions):
        try:
            loader()
        except DataError as error:
            problems.append(str(error))
    try:
        params = parameters.all_parameters()
    except DataError as error:
        problems.append(str(error))
    try:
        rules = registry.all_rules()
    except DataError as error:
        problems.append(str(error))
    if rules:
        used = implemented_rules()
        problems += [
            f"{r}: used by the engine but not in data/rules.yaml" for r in sorted(used - set(rules))
        ]
        problems += [
            f"{r}: in data/rules.yaml but not implemented" for r in sorted(set(rules) - used)
        ]
        for rule in rules.values():
            for oq_id in rule.open_questions:
                if oq_id not in readings.open_questions():
                    problems.append(f"{rule.id}: refers to unknown open question {oq_id}")
    return len(rules), len(params), problems
