"""Pages of the public guide: GET only, no session, no cookie, nothing kept.

Every response goes through ``_protect``: ``Cache-Control: no-store``, a strict
Content-Security-Policy (own origin only, no inline script), ``Referrer-Policy: no-referrer``
(the quick exit and the links to Légifrance tell nobody where the person came from) and no
``Set-Cookie``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from sejour_traite.guide import content, i18n, selfcheck
from sejour_traite.guide.forms import question_form
from sejour_traite.law import parameters, readings, registry, versions

CSP = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    )
)

SAFE_METHODS = ["GET", "HEAD"]  # the guide only reads: no form is ever posted

RULE_GROUPS = {
    "scope": _("Champ d'application"),
    "identification": _("Identification et information"),
    "reflection": _("Délai de réflexion"),
    "recepisse": _("Récépissés"),
    "cst": _("Carte de séjour temporaire"),
    "renewal": _("Renouvellement"),
    "withdrawal": _("Retrait"),
    "carte_resident": _("Carte de résident"),
    "no_conviction": _("Sans condamnation ; victime condamnée"),
    "minors": _("Personnes mineures"),
    "non_cooperation": _("Sans plainte ni témoignage"),
    "social": _("Droits sociaux"),
    "admin": _("Administration"),
}
UNITS = {
    "days": _("jours"),
    "months": _("mois"),
    "years": _("ans"),
    "bool": "",
    "enum": "",
    "date": "",
}


def _today() -> date:
    return timezone.localdate()


def _protect(
    response: HttpResponse, lang: str | None = None, *, private: bool = False
) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    response["Pragma"] = "no-cache"
    response["Referrer-Policy"] = "no-referrer"
    response["Content-Security-Policy"] = CSP
    response["X-Content-Type-Options"] = "nosniff"
    if private:
        # Answers travel in the address: keep these pages out of search engines.
        response["X-Robots-Tag"] = "noindex, nofollow"
    if lang:
        response["Content-Language"] = lang
    response.cookies.clear()
    return response


def guide_page(
    *, private: bool = False
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """A page of the guide in the language of its URL (``/guide/<lang>/…``)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, lang: str, **kwargs: Any) -> HttpResponse:
            if request.method not in SAFE_METHODS:
                return _protect(HttpResponseNotAllowed(SAFE_METHODS))
            try:
                language = i18n.language(lang)
            except KeyError:
                raise Http404 from None
            with translation.override(language.code):
                response = view(request, language, **kwargs)
            return _protect(response, language.code, private=private)

        return wrapper

    return decorator


def _page(
    request: HttpRequest, language: i18n.Language, template: str, **context: Any
) -> HttpResponse:
    """Render a guide template with what every page needs (languages, quick exit…)."""
    match = request.resolver_match
    name = f"guide:{match.url_name}" if match else "guide:home"
    query = request.META.get("QUERY_STRING", "")
    switch = []
    for other in i18n.languages():
        url = reverse(name, kwargs={"lang": other.code})
        switch.append((other, f"{url}?{query}" if query else url))
    french = next(url for other, url in switch if other.code == i18n.REFERENCE)
    return render(
        request,
        f"guide/{template}",
        {
            "language": language,
            "languages": switch,
            "reference_url": french,
            "quick_exit_url": content.QUICK_EXIT_URL,
            "today": _today(),
            "max_questions": content.MAX_QUESTIONS,
            **context,
        },
    )


def root(request: HttpRequest) -> HttpResponse:
    """``/guide/``: to the language the browser prefers among those shipped (French first)."""
    if request.method not in SAFE_METHODS:
        return _protect(HttpResponseNotAllowed(SAFE_METHODS))
    accepted = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    chosen = i18n.REFERENCE
    for part in accepted.split(","):
        code = part.split(";")[0].strip().lower().split("-")[0]
        if code in i18n.codes():
            chosen = code
            break
    response = HttpResponseRedirect(reverse("guide:home", kwargs={"lang": chosen}))
    response["Vary"] = "Accept-Language"
    return _protect(response)


@guide_page()
def home(request: HttpRequest, language: i18n.Language) -> HttpResponse:
    """Home: what the guide is, the self-check, safety, who can help."""
    return _page(request, language, "home.html", helpers=content.HELPERS, steps=content.STEPS)


@guide_page()
def procedure(request: HttpRequest, language: i18n.Language) -> HttpResponse:
    """The procedure step by step, each step with what it gives and its legal basis."""
    return _page(request, language, "procedure.html", steps=content.STEPS)


@guide_page()
def glossary(request: HttpRequest, language: i18n.Language) -> HttpResponse:
    """The legal words, explained."""
    terms = sorted(content.GLOSSARY, key=lambda term: str(term.term).casefold())
    return _page(request, language, "glossary.html", terms=terms)


@guide_page()
def selfcheck_start(request: HttpRequest, language: i18n.Language) -> HttpResponse:
    """How the self-check works, before the first question."""
    return _page(request, language, "selfcheck_start.html")


@guide_page(private=True)
def selfcheck_question(request: HttpRequest, language: i18n.Language) -> HttpResponse:
    """One question per page; the answers so far travel in the query string."""
    today = _today()
    journey = selfcheck.parse(request.GET)
    form = journey.invalid
    if form is None:
        fact = selfcheck.next_fact(journey, today)
        if fact is None:
            url = reverse("guide:result", kwargs={"lang": language.code})
            return HttpResponseRedirect(f"{url}?{journey.query()}")
        form = question_form(fact)
    number = len(journey.answers) + 1
    previous = None
    if journey.answers:
        previous = f"?{journey.query(len(journey.answers) - 1)}"
    return _page(
        request,
        language,
        "question.html",
        form=form,
        fact=form.fact,
        question=i18n.fact_text(form.fact, "question"),
        help_text=i18n.fact_text(form.fact, "help"),
        hidden=journey.params(),
        question_param=selfcheck.QUESTION_PARAM,
        number=number,
        previous=previous,
        answers=journey.answers,
    )


@guide_page(private=True)
def selfcheck_result(request: HttpRequest, language: i18n.Language) -> HttpResponse:
    """The person's rights today, the next steps, the documents to bring, who can help."""
    journey = selfcheck.parse(request.GET)
    if journey.invalid is not None:
        url = reverse("guide:question", kwargs={"lang": language.code})
        return HttpResponseRedirect(f"{url}?{request.META.get('QUERY_STRING', '')}")
    result = selfcheck.build_result(journey, _today())
    changes = [
        (answer, "?" + urlencode(journey.params(index)))
        for index, answer in enumerate(journey.answers)
    ]
    return _page(
        request,
        language,
        "result.html",
        result=result,
        answers=changes,
        helpers=content.HELPERS,
        unknown_count=sum(1 for a in journey.answers if a.value is selfcheck.UNKNOWN),
    )


@guide_page()
def algorithm(request: HttpRequest, language: i18n.Language) -> HttpResponse:
    """The public description of the algorithm (CRPA L311-3-1)."""
    today = _today()
    rules = list(registry.all_rules().values())
    groups = []
    for key, label in RULE_GROUPS.items():
        members = [
            {"id": r.id, "title": i18n.law_text(r.title), "url": content.rule_url(r.id)}
            for r in rules
            if r.group == key
        ]
        if members:
            groups.append((label, members))
    discretionary = [
        {"id": r.id, "title": i18n.law_text(r.title), "url": content.rule_url(r.id)}
        for r in rules
        if r.discretion in ("peut", "guidance")
    ]
    params = []
    for name in i18n.SHOWN_PARAMETERS:
        parameter = parameters.get(name)
        entry = parameter.entry_at(today)
        params.append(
            {
                "name": name,
                "description": i18n.law_text(parameter.description),
                "value": _parameter_value(entry.value if entry else None),
                "unit": UNITS.get(parameter.unit, ""),
                "url": content.parameter_url(name),
            }
        )
    questions = [
        {
            "id": q.id,
            "question": i18n.law_text(q.question),
            "adopted": i18n.law_text(q.adopted),
        }
        for q in readings.open_questions().values()
    ]
    version = versions.select(today)
    return _page(
        request,
        language,
        "algorithm.html",
        groups=groups,
        discretionary=discretionary,
        params=params,
        questions=questions,
        version=version,
        rules_url=content.RULES_PATH,
        open_questions_url=content.OPEN_QUESTIONS_URL,
    )


def _parameter_value(value: Any) -> str:
    if isinstance(value, bool):
        return str(_("Oui") if value else _("Non"))
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if value in ("DE_PLEIN_DROIT", "DISCRETIONNAIRE"):
        return i18n.status_label(value)
    if value is None:
        return str(_("Non établi"))
    return str(value)
