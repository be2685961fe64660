"""Pages of one dossier, its acts, facts, notes and PDF documents; the search.

Thin: parse the input, call ``dossiers.services``, map its errors (style.md convention 5):

| raised                      | here                                                    |
|-----------------------------|---------------------------------------------------------|
| ``TransitionRefused``       | DSFR error alert: the reason, the articles, the rules   |
| ``MissingFacts``            | the same alert, listing the facts to collect            |
| ``MotivationRequired``      | the alert, and the error under the motivation field     |
| ``DossierChangedMeanwhile`` | alert « le dossier a changé, rechargez » (its message)  |
| ``ActionNotPermitted``      | the 403 page                                            |
| ``InvalidInput``            | the error next to the field                             |

On an error the page is shown again with what the agent typed (services write nothing when
they raise); on success, POST/redirect/GET with a message. Every page that shows a dossier
reads it through ``services.view``, which checks the permission and records the read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from functools import wraps
from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sejour_traite.accounts.models import Role, User
from sejour_traite.documents import pdf
from sejour_traite.dossiers import deadlines, lifecycle, queries, search, services
from sejour_traite.dossiers.errors import (
    ActionNotPermitted,
    DossierChangedMeanwhile,
    InvalidInput,
    MissingFacts,
    MotivationRequired,
    TransitionRefused,
)
from sejour_traite.dossiers.models import Decision, DocumentKind, Dossier
from sejour_traite.dossiers.permissions import Action, can, staff_prefecture_id
from sejour_traite.law import registry
from sejour_traite.web import i18n
from sejour_traite.web.access import forbidden, staff_page
from sejour_traite.web.forms_dossiers import (
    DURATION_ACTS,
    MOTIVATION_MISSING,
    ActForm,
    AnnotationForm,
    EvaluationDateForm,
    FactForm,
    SearchForm,
    TypedFactForm,
    editable_facts,
    initial_for,
    motivation_from,
)
from sejour_traite.web.fragments import Fragments
from sejour_traite.web.templatetags.sejour import (
    act_done,
    act_label,
    deadline_label,
    document_label,
    established_by_label,
    fact_label,
    fact_question,
    fact_value,
    stage_label,
    state_label,
    status_label,
)

#: The objects of the determination shown on the dossier page, in this order.
MAIN_OBJECTS = (
    "reflection",
    "reflection_recepisse",
    "cst",
    "cst_renewal",
    "cst_withdrawal",
    "carte_resident",
    "aps",
    "allowance",
)
#: Facts the agents record most often: a direct link to their form.
COMMON_FACTS = ("complaint", "testimony", "public_order_threat", "ties_with_perpetrators_broken")
#: Details of an object worth a line on the page (key -> label).
_OBJECT_DETAILS = {
    "start": gettext_lazy("Début"),
    "end": gettext_lazy("Fin"),
    "valid_until": gettext_lazy("Valable jusqu'au"),
    "validity_days": gettext_lazy("Durée de validité (jours)"),
    "duration_months": gettext_lazy("Durée (mois)"),
    "duration_years": gettext_lazy("Durée (années)"),
    "min_duration_months": gettext_lazy("Durée minimale (mois)"),
    "kind": gettext_lazy("Nature"),
}
SEARCH_LIMIT = 50
DEADLINES_DAYS = 30
DEADLINES_SHOWN = 100

View = Callable[..., HttpResponse]


def _dossier_errors(view: View) -> View:
    """ActionNotPermitted -> 403 page; an unknown dossier -> 404."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except ActionNotPermitted:
            return forbidden(request)
        except Dossier.DoesNotExist:
            raise Http404("Dossier introuvable.") from None

    return wrapper


def _dossier_url(dossier_id: int, anchor: str = "", on: date | None = None) -> str:
    """The dossier page (evaluated at ``on`` when it is not today), at ``anchor``."""
    url = reverse("web:dossier", args=[dossier_id])
    if on is not None and on != timezone.localdate():
        url += f"?date={on.isoformat()}"
    return f"{url}#{anchor}" if anchor else url


# ---------------------------------------------------------------- the dossier page


@staff_page()
@_dossier_errors
def dossier_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The dossier: identity, state, history, documents, the law today, facts, acts, notes."""
    dossier = services.view(pk, by=request.user, interface="web", load_related=True)
    date_form = EvaluationDateForm(request.GET or None)
    on = date_form.cleaned_data.get("date") if date_form.is_valid() else None
    return render(
        request, "web/dossier.html", _context(request, dossier, on=on, date_form=date_form)
    )


def _context(
    request: HttpRequest,
    dossier: Dossier,
    *,
    on: date | None = None,
    date_form: EvaluationDateForm | None = None,
    failed_act: dict[str, Any] | None = None,
    fact_form: FactForm | None = None,
    note_form: AnnotationForm | None = None,
    alert: dict[str, Any] | None = None,
) -> dict[str, Any]:
    user = request.user
    today = timezone.localdate()
    on = on or today
    determination = services.evaluate(dossier, on)
    # French drives the acts (the motivation drafted for a decision stays French); the
    # explanation shown follows the page's language when the law's texts have it.
    data = determination.to_json(lang="fr")
    shown = data if i18n.law_language() == "fr" else determination.to_json(i18n.law_language())
    explanation = shown.get("explanation") or {}
    nodes = {node["object"]: node for node in explanation.get("objects") or []}
    may_edit = can(user, Action.EDIT_FACTS, dossier)
    editable = set(editable_facts())
    context: dict[str, Any] = {
        "dossier": dossier,
        "today": today,
        "on": on,
        "date_form": date_form
        if date_form is not None and date_form.is_bound
        else _blank_form(EvaluationDateForm, {} if date_form is not None else {"date": on}),
        "data": data,
        "alert": alert,
        "identity": dossier.person if can(user, Action.VIEW_IDENTITY, dossier) else None,
        "history": _history(dossier),
        "facts": _current_facts(dossier),
        "documents": _documents(dossier, today),
        "deadlines": dossier.deadlines.all(),  # by due date (loaded with the dossier)
        "objects": [
            _object(key, nodes[key], data.get(key) or {}) for key in MAIN_OBJECTS if key in nodes
        ],
        "missing": [
            {
                "name": name,
                "label": fact_label(name),
                "question": fact_question(name),
                "editable": may_edit and name in editable,
            }
            for name in data.get("missing_facts") or []
        ],
        "may_edit_facts": may_edit,
        "common_facts": [(name, fact_label(name)) for name in COMMON_FACTS],
        "acts": _acts(dossier, data, min(on, today), failed_act)
        if can(user, Action.DECIDE, dossier)
        else None,
        "pdfs": _pdfs(dossier, on),
    }
    if may_edit:
        context["fact_form"] = fact_form or _blank_form(FactForm, {"version": dossier.version})
    if can(user, Action.READ_ANNOTATIONS, dossier):
        context["annotations"] = dossier.annotations.select_related("author").order_by(
            "-created_at", "-id"
        )
    if can(user, Action.ANNOTATE, dossier):
        context["note_form"] = note_form or _blank_form(AnnotationForm, {})
    return context


def _object(key: str, node: dict[str, Any], obj: dict[str, Any]) -> dict[str, Any]:
    details = []
    for name, label in _OBJECT_DETAILS.items():
        value = obj.get(name)
        if isinstance(value, dict) and {"min", "max"} <= value.keys():
            value = _("de %(min)s à %(max)s") % {"min": value["min"], "max": value["max"]}
        if value not in (None, "", {}):
            details.append((label, value))
    return {**node, "key": key, "details": details}


def _usernames(ids: set[int]) -> dict[int, str]:
    return dict(User.objects.filter(pk__in=ids).values_list("pk", "username"))


def _history(dossier: Dossier) -> list[dict[str, Any]]:
    """The dossier's history (``queries.history``) in words, oldest first."""
    entries = queries.history(dossier)
    ids = {
        d[key]
        for d in (entry.details for entry in entries)
        for key in ("recorded_by_id", "decided_by_id", "reported_by_id")
        if d.get(key)
    }
    names = _usernames(ids)
    rows = []
    for entry in entries:
        d = entry.details
        row: dict[str, Any] = {"on": entry.on, "kind": entry.kind, "details": []}
        if entry.kind == "procedure_stage":
            row["title"] = _("Procédure pénale : %(stage)s") % {"stage": stage_label(d["stage"])}
            row["details"].append(
                _("Référence de la procédure : %(reference)s")
                % {"reference": d["procedure_reference"]}
            )
            row["by"] = names.get(d.get("reported_by_id") or 0, "")
        elif entry.kind == "fact":
            row["title"] = _("%(label)s : %(value)s") % {
                "label": fact_label(d["name"]),
                "value": fact_value(d["value"], d["name"]),
            }
            row["details"].append(
                _("Établi par : %(who)s") % {"who": established_by_label(d["established_by"])}
            )
            if d.get("proof_reference"):
                row["details"].append(_("Preuve : %(proof)s") % {"proof": d["proof_reference"]})
            row["by"] = names.get(d.get("recorded_by_id") or 0, "")
        elif entry.kind == "decision":
            row["title"] = act_done(d["act"])
            row["details"].append(f"{state_label(d['from_state'])} → {state_label(d['to_state'])}")
            if d.get("outcome"):
                row["outcome"] = d["outcome"]
            if d.get("motivation"):
                row["motivation"] = d["motivation"]
            row["by"] = names.get(d.get("decided_by_id") or 0, "")
            if d["act"] in pdf.ACT_TITLES:
                row["pdf"] = reverse(
                    "web:dossier_pdf_decision", args=[dossier.pk, d["decision_id"]]
                )
        else:
            row["title"] = _("%(document)s n° %(number)s") % {
                "document": document_label(d["kind"]),
                "number": d["number"],
            }
            row["details"].append(
                _("Valable du %(start)s au %(end)s")
                % {"start": f"{d['valid_from']:%d/%m/%Y}", "end": f"{d['valid_until']:%d/%m/%Y}"}
            )
            if d.get("withdrawn_on"):
                row["details"].append(
                    _("Retiré le %(day)s") % {"day": f"{d['withdrawn_on']:%d/%m/%Y}"}
                )
        rows.append(row)
    return rows


def _current_facts(dossier: Dossier) -> list[dict[str, Any]]:
    """The current value of each fact recorded (its latest record), with its provenance."""
    latest = {}
    for record in sorted(dossier.facts.all(), key=lambda r: (r.recorded_at, r.id)):
        latest[record.name] = record
    names = _usernames({record.recorded_by_id for record in latest.values()})
    editable = set(editable_facts())
    rows = [
        {
            "name": record.name,
            "label": fact_label(record.name),
            "value": fact_value(record.value, record.name),
            "established_by": established_by_label(record.established_by),
            "established_on": record.established_on,
            "proof_reference": record.proof_reference,
            "recorded_by": names.get(record.recorded_by_id, ""),
            "editable": record.name in editable,
        }
        for record in latest.values()
    ]
    return sorted(rows, key=lambda row: row["label"])


def _documents(dossier: Dossier, today: Any) -> list[dict[str, Any]]:
    rows = []
    for document in dossier.documents.all():  # by validity start (loaded with the dossier)
        if document.withdrawn_on is not None and document.withdrawn_on <= today:
            validity = _("Retiré le %(day)s") % {"day": f"{document.withdrawn_on:%d/%m/%Y}"}
        elif document.valid_until < today:
            validity = _("Expiré")
        elif document.valid_from > today:
            validity = _("Pas encore valable")
        else:
            validity = _("En cours de validité")
        rows.append(
            {"document": document, "label": document_label(document.kind), "validity": validity}
        )
    return rows


def _law_status(data: dict[str, Any], act: str) -> str | None:
    check = lifecycle.LAW.get(act)
    return (data.get(check.object) or {}).get("status") if check else None


def _duration_range(data: dict[str, Any], act: str) -> tuple[int, int] | None:
    key = DURATION_ACTS.get(act)
    duration = (data.get(key) or {}).get("duration_months") if key else None
    if isinstance(duration, dict) and {"min", "max"} <= duration.keys():
        return int(duration["min"]), int(duration["max"])
    return None


def _acts(
    dossier: Dossier, data: dict[str, Any], on: date, failed: dict[str, Any] | None
) -> list[dict[str, Any]]:
    """The acts allowed from the dossier's state, each with its form (prefilled)."""
    acts = []
    for act in lifecycle.allowed_acts(dossier.state):
        status = _law_status(data, act)
        check = lifecycle.LAW.get(act)
        needs_motivation = act in lifecycle.MOTIVATED or status == "DISCRETIONNAIRE"
        duration = _duration_range(data, act)
        if failed is not None and failed["act"] == act:
            posted: QueryDict = failed["data"]
            show_motivation = (
                needs_motivation
                or failed.get("motivation_required")
                or bool(posted.get("motivation"))
            )
            form = ActForm(act, posted, motivation=show_motivation, duration=duration)
            form.is_valid()
            for field, message in failed.get("errors", []):
                target = field if field in form.fields else None
                if target is None or not form.has_error(target):
                    form.add_error(target, message)
        else:
            initial: dict[str, Any] = {"version": dossier.version, "on": on}
            if needs_motivation and check is not None:
                initial["motivation"] = motivation_from(data.get("explanation"), check.object)
            form = _blank_form(
                ActForm, initial, act, motivation=needs_motivation, duration=duration
            )
        acts.append(
            {
                "act": act,
                "form": form,
                "status": status,
                "object": check.object if check else None,
                "negative": act in lifecycle.MOTIVATED,
                "url": reverse("web:dossier_act", args=[dossier.pk, act]),
            }
        )
    return acts


#: Rendered blank forms by (language, day, form, initial values, options): the DSFR field
#: templates are most of the dossier page's cost, and the same blank forms recur from one
#: dossier to the next. A bound form (with errors) is never kept.
BLANK_FORMS = Fragments(2048)


def _blank_form(
    form_class: type, initial: dict[str, Any], *args: Any, **options: Any
) -> SafeString:
    key = (
        get_language(),
        timezone.localdate(),  # a field's default may be today
        form_class.__name__,
        args,
        tuple(sorted(initial.items())),
        tuple(sorted(options.items())),
    )
    return BLANK_FORMS.get(key, lambda: str(form_class(*args, initial=initial, **options)))


def _pdfs(dossier: Dossier, on: date) -> dict[str, Any]:
    """The PDF documents to print: the récépissé once delivered, the attestation while a
    CST is held on ``on``, and each written decision."""
    documents = dossier.documents.all()
    has_recepisse = dossier.decisions.filter(act="deliver_reflection_recepisse").exists() and any(
        d.kind == DocumentKind.REFLECTION_RECEPISSE for d in documents
    )
    has_card = any(
        d.kind == DocumentKind.CST
        and d.withdrawn_on is None
        and d.valid_from <= on <= d.valid_until
        for d in documents
    )
    decisions = [
        {
            "decision": decision,
            "title": pdf.ACT_TITLES[decision.act],
            "url": reverse("web:dossier_pdf_decision", args=[dossier.pk, decision.pk]),
        }
        for decision in dossier.decisions.defer("determination", "facts_snapshot").order_by(
            "decided_at", "id"
        )
        if decision.act in pdf.ACT_TITLES
    ]
    return {
        "recepisse": reverse("web:dossier_pdf_recepisse", args=[dossier.pk])
        if has_recepisse
        else None,
        "attestation": reverse("web:dossier_pdf_attestation", args=[dossier.pk])
        if has_card
        else None,
        "decisions": decisions,
    }


def _refused_alert(error: TransitionRefused, dossier_id: int) -> dict[str, Any]:
    """The DSFR error alert of a refused act: the reason, the articles, the rules against."""
    alert: dict[str, Any] = {
        "testid": "alert-refused",
        "title": _("Acte refusé : %(act)s") % {"act": act_label(error.act)},
        "text": _refusal_text(error),
        "grounds": error.grounds,
        "rules": [],
        "facts": [],
    }
    if isinstance(error, MissingFacts):
        alert["testid"] = "alert-missing-facts"
        alert["title"] = _("Des faits restent à établir : %(act)s") % {"act": act_label(error.act)}
        alert["text"] = _(
            "La loi ne permet pas encore de se prononcer : établissez d'abord ces faits."
        )
        editable = set(editable_facts())
        alert["facts"] = [
            {
                "name": name,
                "label": fact_label(name),
                "question": fact_question(name),
                "url": reverse("web:dossier_fact", args=[dossier_id, name])
                if name in editable
                else None,
            }
            for name in error.missing_facts
        ]
    elif isinstance(error, MotivationRequired):
        alert["testid"] = "alert-motivation"
        alert["title"] = _("Motivation obligatoire : %(act)s") % {"act": act_label(error.act)}
    check = lifecycle.LAW.get(error.act)
    objects = (error.explanation or {}).get("objects") or []
    node = next((o for o in objects if check and o.get("object") == check.object), None)
    if node is not None:
        alert["rules"] = [
            _in_language(rule)
            for rule in node.get("rules") or []
            if rule.get("met") is not None and rule.get("favourable") is False
        ]
    return alert


def _refusal_text(error: TransitionRefused) -> str:
    """« Refusé pour le dossier … : <reason>. » The reason comes from the services, in French:
    marked as such when the page is in another language."""
    reason = _with_labels(error.reason)
    if get_language() != i18n.REFERENCE:
        reason = format_html('<span lang="fr">{}</span>', reason)
    else:
        reason = conditional_escape(reason)
    text = _("Refusé pour le dossier %(number)s : %(reason)s.")
    return mark_safe(  # noqa: S308  (the message is ours, its values are escaped)
        conditional_escape(text) % {"number": conditional_escape(error.number), "reason": reason}
    )


def _in_language(rule: dict[str, Any]) -> dict[str, Any]:
    """A rule of an error's explanation (French) with its sentence in the page's language."""
    language = i18n.law_language()
    found = registry.all_rules().get(str(rule.get("rule")))
    if language == i18n.REFERENCE or found is None or rule.get("met") is None:
        return rule
    return {**rule, "text": found.text(bool(rule["met"]), language)}


def _with_labels(reason: str) -> str:
    """A service's reason with the statuses in words (« (NON_REMPLI) » -> « (Condition non
    remplie) »)."""
    return re.sub(r"\(([A-Z_]+)\)", lambda m: f"({status_label(m.group(1))})", reason)


def _conflict_alert(error: DossierChangedMeanwhile, dossier_id: int) -> dict[str, Any]:
    return {
        "testid": "alert-conflict",
        "title": _("Le dossier a changé, rechargez-le"),
        # The error's own message, in the page's language (the same French text).
        "text": _(
            "Le dossier %(number)s a été modifié par une autre personne pendant votre saisie "
            "(version %(expected)s lue, version %(found)s enregistrée). Rechargez le dossier : "
            "vos modifications n'ont pas été enregistrées et rien n'a été perdu."
        )
        % {"number": error.number, "expected": error.expected, "found": error.found},
        "reload": _dossier_url(dossier_id),
    }


def _with_version(data: QueryDict, version: int) -> QueryDict:
    """The data posted, with the version now saved: after a conflict the page shows the
    dossier as it is now, and sending the same form again is a deliberate choice."""
    fresh = data.copy()
    fresh["version"] = str(version)
    return fresh


def _rerender(request: HttpRequest, dossier_id: int, status: int, **overrides: Any) -> HttpResponse:
    dossier = services.view(dossier_id, by=request.user, interface="web", load_related=True)
    return render(
        request, "web/dossier.html", _context(request, dossier, **overrides), status=status
    )


# ---------------------------------------------------------------- acts


@staff_page()
@require_POST
@_dossier_errors
def dossier_act(request: HttpRequest, pk: int, act: str) -> HttpResponse:
    """Perform an act of the lifecycle (``services.perform``)."""
    if act not in lifecycle.ACTS:
        raise Http404("Acte inconnu.")
    form = ActForm(act, request.POST, parse=True)
    failed: dict[str, Any] = {"act": act, "data": request.POST, "errors": []}
    if not form.is_valid():
        return _rerender(request, pk, 400, failed_act=failed)
    data = form.cleaned_data
    on = data["on"]
    try:
        services.perform(
            pk,
            act,
            by=request.user,
            on=on,
            version=data["version"],
            motivation=data.get("motivation") or "",
            online_anef=bool(data.get("online_anef")),
            duration_months=data.get("duration_months"),
            interface="web",
        )
    except DossierChangedMeanwhile as error:
        failed["data"] = _with_version(request.POST, error.found)
        alert = _conflict_alert(error, pk)
        return _rerender(request, pk, 409, on=on, failed_act=failed, alert=alert)
    except TransitionRefused as error:
        if isinstance(error, MotivationRequired):
            failed["motivation_required"] = True
            failed["errors"].append(("motivation", MOTIVATION_MISSING))
        alert = _refused_alert(error, pk)
        return _rerender(request, pk, 409, on=on, failed_act=failed, alert=alert)
    except InvalidInput as error:
        failed["errors"].append((error.field, error.message))
        return _rerender(request, pk, 400, on=on, failed_act=failed)
    messages.success(request, f"{act_done(act)}.")
    return redirect(_dossier_url(pk, "historique", on=on))


# ---------------------------------------------------------------- facts


def _field_of(error: InvalidInput, form: Any) -> str | None:
    """The form field an ``InvalidInput`` of ``record_fact`` is about (None: the form)."""
    if error.field in form.fields:
        return str(error.field)
    # The law's validation names the fact (its value) or the fact and a part of a record.
    part = error.field.split(".", 1)[1].split(".")[0] if "." in error.field else ""
    for candidate in (f"part_{part}", "value"):
        if candidate in form.fields:
            return candidate
    return None


def _record(request: HttpRequest, pk: int, form: Any) -> dict[str, Any] | None:
    """Record the fact of a valid form; ``None`` when saved, else what to show again."""
    data = form.cleaned_data
    name = form.fact_name()
    try:
        services.record_fact(
            pk,
            by=request.user,
            name=name,
            value=form.fact_value(),
            established_by=data["established_by"],
            established_on=data["established_on"],
            proof_reference=data.get("proof_reference") or "",
            version=data["version"],
            interface="web",
        )
    except DossierChangedMeanwhile as error:
        return {"alert": _conflict_alert(error, pk), "version": error.found, "status": 409}
    except InvalidInput as error:
        form.add_error(
            _field_of(error, form), _("Valeur refusée : %(reason)s") % {"reason": error.message}
        )
        return {"status": 400}
    messages.success(request, _("Fait enregistré : %(fact)s.") % {"fact": fact_label(name)})
    return None


@staff_page()
@require_POST
@_dossier_errors
def dossier_fact_post(request: HttpRequest, pk: int) -> HttpResponse:
    """Record any fact, its value in JSON (the small form of the dossier page)."""
    form = FactForm(request.POST)
    if form.is_valid():
        failure = _record(request, pk, form)
        if failure is None:
            return redirect(_dossier_url(pk, "faits"))
        if "version" in failure:
            form = FactForm(_with_version(request.POST, failure["version"]))
            form.is_valid()
        return _rerender(request, pk, failure["status"], fact_form=form, alert=failure.get("alert"))
    return _rerender(request, pk, 400, fact_form=form)


@staff_page()
@_dossier_errors
def dossier_fact(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """One fact: its question, its history, and a form with a widget for its type."""
    if name not in editable_facts():
        raise Http404("Fait inconnu ou tenu ailleurs dans le dossier.")
    alert = None
    status = 200
    if request.method == "POST":
        form = TypedFactForm(name, request.POST)
        if form.is_valid():
            failure = _record(request, pk, form)
            if failure is None:
                return redirect(_dossier_url(pk, "faits"))
            status, alert = failure["status"], failure.get("alert")
            if "version" in failure:
                form = TypedFactForm(name, _with_version(request.POST, failure["version"]))
                form.is_valid()
        else:
            status = 400
    dossier = services.view(pk, by=request.user, interface="web")
    if not can(request.user, Action.EDIT_FACTS, dossier):
        return forbidden(request)
    records = list(dossier.facts.filter(name=name).order_by("recorded_at", "id"))
    if request.method != "POST":
        initial = initial_for(name, records[-1].value) if records else {}
        form = TypedFactForm(name, initial={**initial, "version": dossier.version})
    names = _usernames({record.recorded_by_id for record in records})
    context = {
        "dossier": dossier,
        "name": name,
        "form": form,
        "alert": alert,
        "records": [
            {
                "record": record,
                "value": fact_value(record.value, name),
                "established_by": established_by_label(record.established_by),
                "recorded_by": names.get(record.recorded_by_id, ""),
            }
            for record in reversed(records)
        ],
    }
    return render(request, "web/dossier_fact.html", context, status=status)


# ---------------------------------------------------------------- annotations


@staff_page()
@require_POST
@_dossier_errors
def dossier_annotate(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a private note (``services.annotate``)."""
    form = AnnotationForm(request.POST)
    if form.is_valid():
        try:
            services.annotate(pk, by=request.user, text=form.cleaned_data["text"], interface="web")
        except InvalidInput as error:
            form.add_error("text", error.message)
        else:
            messages.success(request, _("Note enregistrée."))
            return redirect(_dossier_url(pk, "notes"))
    return _rerender(request, pk, 400, note_form=form)


# ---------------------------------------------------------------- PDF documents


def _attachment(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@staff_page()
@_dossier_errors
def dossier_pdf_recepisse(request: HttpRequest, pk: int) -> HttpResponse:
    """The reflection-period récépissé (a read of the dossier, audited)."""
    dossier = services.view(pk, by=request.user, interface="web")
    try:
        content = pdf.reflection_recepisse(dossier)
    except (LookupError, Decision.DoesNotExist, dossier.documents.model.DoesNotExist):
        raise Http404("Aucun récépissé de délai de réflexion délivré.") from None
    return _attachment(content, f"recepisse-reflexion-{dossier.number}.pdf")


@staff_page()
@_dossier_errors
def dossier_pdf_attestation(request: HttpRequest, pk: int) -> HttpResponse:
    """The attestation that the holder benefits from L425-1 (a CST is held)."""
    dossier = services.view(pk, by=request.user, interface="web")
    try:
        content = pdf.attestation_l425_1(dossier, timezone.localdate())
    except LookupError:
        raise Http404("Aucune carte de séjour temporaire détenue.") from None
    return _attachment(content, f"attestation-L425-1-{dossier.number}.pdf")


@staff_page()
@_dossier_errors
def dossier_pdf_decision(request: HttpRequest, pk: int, decision_pk: int) -> HttpResponse:
    """A motivated decision of the dossier."""
    dossier = services.view(pk, by=request.user, interface="web")
    decision = get_object_or_404(
        Decision.objects.select_related("dossier"), pk=decision_pk, dossier=dossier
    )
    if decision.act not in pdf.ACT_TITLES:
        raise Http404("Cet acte ne donne pas lieu à une décision écrite.")
    return _attachment(pdf.decision_pdf(decision), f"decision-{dossier.number}-{decision.pk}.pdf")


# ---------------------------------------------------------------- search and deadlines


def find_dossiers(user: Any, query: str) -> QuerySet[Dossier]:
    """The dossiers of the user's prefecture that match ``query`` (``dossiers.search``)."""
    return search.find_dossiers(staff_prefecture_id(user), query)


@staff_page(Role.AGENT, Role.SUPERVISOR)
def dossier_search(request: HttpRequest) -> HttpResponse:
    """Search the prefecture's dossiers by name, foreigner number or dossier number."""
    form = SearchForm(request.GET or None)
    results = None
    if form.is_valid():
        found = find_dossiers(request.user, form.cleaned_data["q"])
        results = list(found[: SEARCH_LIMIT + 1])
    context = {
        "form": form,
        "results": results[:SEARCH_LIMIT] if results is not None else None,
        "truncated": results is not None and len(results) > SEARCH_LIMIT,
        "limit": SEARCH_LIMIT,
    }
    return render(request, "web/dossier_search.html", context)


_LINK_SENTINEL = 987654321


def _relative_day(days: int) -> str:
    if days == 0:
        return gettext("aujourd'hui")
    if days == 1:
        return gettext("demain")
    return ngettext("dans %(days)s jour", "dans %(days)s jours", days) % {"days": days}


def upcoming_deadlines(user: Any) -> dict[str, Any]:
    """What falls due for the user's prefecture in the next 30 days (dashboard)."""
    today = timezone.localdate()
    end = today + timedelta(days=DEADLINES_DAYS)
    prefecture_id = staff_prefecture_id(user)
    if prefecture_id is None:
        return {"deadlines": None}
    due = deadlines.due_between(prefecture_id, today, end)
    shown = list(due[: DEADLINES_SHOWN + 1])
    # Some hundred rows: each label, relative day and link made once, not by template tags.
    kind_labels = {kind: deadline_label(kind) for kind in {d.kind for d in shown}}
    link = reverse("web:dossier", args=[_LINK_SENTINEL])
    return {
        "deadlines": [
            {
                "due_on": deadline.due_on,
                "kind": deadline.kind,
                "label": kind_labels[deadline.kind],
                "dossier": deadline.dossier,
                "url": link.replace(str(_LINK_SENTINEL), str(deadline.dossier_id)),
                "when": _relative_day((deadline.due_on - today).days),
            }
            for deadline in shown[:DEADLINES_SHOWN]
        ],
        "deadlines_truncated": len(shown) > DEADLINES_SHOWN,
        "deadlines_until": end,
    }
