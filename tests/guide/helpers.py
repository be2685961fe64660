"""Helpers of the guide's tests: walk the self-check as a browser would, without one."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from datetime import timedelta
from urllib.parse import urlencode

from django.utils import timezone

PAGES = ("home", "procedure", "selfcheck", "question", "result", "glossary", "algorithm")
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
FACT = re.compile(r'data-fact="([^"]+)"')


def days_ago(days: int) -> str:
    """An ISO date ``days`` before today (answers must not be in the future)."""
    return (timezone.localdate() - timedelta(days=days)).isoformat()


def current_fact(body: str) -> str:
    """The fact asked by a question page."""
    match = FACT.search(body)
    assert match, "not a question page"
    return match.group(1)


def hidden_fields(body: str) -> list[tuple[str, str]]:
    """The hidden inputs of the question form (the answers so far and the question)."""
    return [(html.unescape(n), html.unescape(v)) for n, v in HIDDEN.findall(body)]


def walk(client, answers: Mapping[str, Mapping[str, str]], lang: str = "fr", limit: int = 20):
    """Answer each question from ``answers`` (« je ne sais pas » otherwise) until the result.

    Returns (the result response, the facts asked in order).
    """
    url = f"/guide/{lang}/suis-je-concernee/questions/"
    asked: list[str] = []
    for _ in range(limit):
        response = client.get(url)
        if response.status_code == 302:
            return client.get(response["Location"]), asked
        assert response.status_code == 200, response.content[:500]
        body = response.content.decode()
        fact = current_fact(body)
        asked.append(fact)
        answer = answers.get(fact, {fact: "nsp"})
        url = url.split("?")[0] + "?" + urlencode([*hidden_fields(body), *answer.items()])
    raise AssertionError(f"no result after {limit} questions: {asked}")


# Answers of a victim who filed a complaint: question -> form fields (radios, selects, dates).
VICTIM: dict[str, dict[str, str]] = {
    "nationality": {"nationality": "NG"},
    "is_eu_family_member_in_france": {"is_eu_family_member_in_france": "non"},
    "date_of_birth": {"date_of_birth": "date", "date_of_birth__date": "1998-05-04"},
    "complaint": {
        "complaint": "penal",
        "complaint__date": days_ago(60),
        "complaint__faits": "traite",
        "complaint__contre_x": "non",
    },
    "police_hearing_date": {
        "police_hearing_date": "oui",
        "police_hearing_date__date": days_ago(70),
    },
    "ties_with_perpetrators_broken": {"ties_with_perpetrators_broken": "oui"},
    "current_document": {"current_document": "none"},
    "criminal_procedure_status": {"criminal_procedure_status": "investigation"},
}
