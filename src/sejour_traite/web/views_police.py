"""Pages of police and gendarmerie referrers: refer a person, report the procedure's stage.

A referrer sees the number, the prefecture and the procedure's stage of the dossiers its
unit referred, and nothing else (``permissions``: police may refer and report a stage, not
view a dossier). The services check the permission again and write.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sejour_traite.accounts.models import Role
from sejour_traite.dossiers import services
from sejour_traite.dossiers.errors import ActionNotPermitted, InvalidInput
from sejour_traite.dossiers.models import Dossier, ProcedureStage
from sejour_traite.dossiers.permissions import Action, can
from sejour_traite.dossiers.services import PersonInput
from sejour_traite.web.access import forbidden, staff_page
from sejour_traite.web.forms_police import ProcedureStageForm, ReferralForm, stage_choices

#: Session key of the number shown once on the confirmation page.
REFERRAL_DONE = "police_referral_number"
PAGE_SIZE = 25
#: Service fields that are not form fields, mapped to the field that shows their error.
_FIELD_OF_INPUT = {"person": "last_name", "stage": "stage"}


@staff_page(Role.POLICE)
def referral(request: HttpRequest) -> HttpResponse:
    """The referral form: creates the dossier in the chosen prefecture, which is notified."""
    user: Any = request.user
    form = ReferralForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            dossier = services.open_referral(
                by=user,
                prefecture=data["prefecture"],
                person=PersonInput(
                    first_names=data["first_names"],
                    last_name=data["last_name"],
                    date_of_birth=data["date_of_birth"],
                    nationality=data["nationality"] or None,
                    foreigner_number=data["foreigner_number"] or None,
                ),
                police_unit=data["police_unit"].strip(),
                procedure_reference=data["procedure_reference"].strip(),
                on=timezone.localdate(),
                police_hearing_date=data["police_hearing_date"],
                information_given_date=data["information_given_date"],
                reflection_requested=data["reflection_requested"],
                photo_provided=data["photo_provided"],
                interface="web",
            )
        except ActionNotPermitted:
            return forbidden(request)
        except InvalidInput as error:
            _add_service_error(form, error)
        else:
            request.session[REFERRAL_DONE] = dossier.number
            return redirect("web:referral_done")
    return render(request, "web/police_referral.html", {"form": form})


@staff_page(Role.POLICE)
def referral_done(request: HttpRequest) -> HttpResponse:
    """The confirmation: the dossier number, once (reloading goes back to the form)."""
    number = request.session.pop(REFERRAL_DONE, None)
    if number is None:
        return redirect("web:referral")
    return render(request, "web/police_referral_done.html", {"number": number})


@staff_page(Role.POLICE)
def police_dossiers(request: HttpRequest) -> HttpResponse:
    """The dossiers the user's unit referred, each with the form to report a stage."""
    return _render_list(request)


@require_POST
@staff_page(Role.POLICE)
def report_stage(request: HttpRequest, pk: int) -> HttpResponse:
    """Report the stage of the criminal procedure of one dossier of the user's unit."""
    user: Any = request.user
    dossier = Dossier.objects.filter(pk=pk, anonymised=False).first()
    if dossier is None:
        raise Http404
    if not can(user, Action.REPORT_STAGE, dossier):
        return forbidden(request)
    form = ProcedureStageForm(request.POST, prefix=_prefix(dossier))
    if form.is_valid():
        try:
            services.report_procedure_stage(
                dossier.pk,
                by=user,
                stage=form.cleaned_data["stage"],
                procedure_reference=form.cleaned_data["procedure_reference"].strip(),
                on=form.cleaned_data["reported_on"],
                interface="web",
            )
        except ActionNotPermitted:
            return forbidden(request)
        except InvalidInput as error:
            _add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Stade de la procédure enregistré pour le dossier %(number)s.")
                % {"number": dossier.number},
            )
            return redirect(f"{reverse('web:police_dossiers')}#dossier-{dossier.number}")
    return _render_list(request, bound=(dossier.pk, form))


# ---------------------------------------------------------------- internals


def unit_dossiers(user: Any) -> QuerySet[Dossier]:
    """The dossiers referred by the user's unit, with their current stage (latest reported).

    The same rule as ``permissions.can(user, REPORT_STAGE, dossier)``: the dossier's unit is
    the user's organisation, which must be set.
    """
    if not user.organisation:
        return Dossier.objects.none()
    latest = ProcedureStage.objects.filter(dossier=OuterRef("pk")).order_by("-reported_on", "-id")
    return (
        Dossier.objects.filter(police_unit=user.organisation, anonymised=False)
        .select_related("prefecture")
        .only("id", "number", "prefecture__name", "prefecture__code", "created_at")
        .annotate(
            stage=Subquery(latest.values("stage")[:1]),
            stage_on=Subquery(latest.values("reported_on")[:1]),
            stage_reference=Subquery(latest.values("procedure_reference")[:1]),
        )
        .order_by("-created_at", "-id")
    )


def _prefix(dossier: Dossier) -> str:
    return f"d{dossier.pk}"


def _render_list(
    request: HttpRequest, bound: tuple[int, ProcedureStageForm] | None = None
) -> HttpResponse:
    dossiers = unit_dossiers(request.user)
    page = Paginator(dossiers, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = list(page)
    if bound is not None and all(dossier.pk != bound[0] for dossier in shown):
        shown.insert(0, dossiers.get(pk=bound[0]))  # the form in error, wherever it was listed
    labels = dict(stage_choices())
    today = timezone.localdate()
    rows = []
    for dossier in shown:
        if bound is not None and bound[0] == dossier.pk:
            form = bound[1]
        else:
            form = ProcedureStageForm(
                prefix=_prefix(dossier),
                initial={"reported_on": today, "procedure_reference": dossier.stage_reference},
            )
        rows.append(
            {
                "dossier": dossier,
                "stage_label": labels.get(dossier.stage, dossier.stage) if dossier.stage else "",
                "form": form,
            }
        )
    return render(
        request,
        "web/police_dossiers.html",
        {"rows": rows, "page": page, "has_error": bound is not None},
    )


def _add_service_error(form: Any, error: InvalidInput) -> None:
    field = _FIELD_OF_INPUT.get(error.field, error.field)
    form.add_error(field if field in form.fields else None, error.message)
