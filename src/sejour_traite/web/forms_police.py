"""Forms of police and gendarmerie referrers (DSFR): the referral, the procedure's stage.

The forms only parse and check the input; ``dossiers.services`` decides and writes.
« Je ne sais pas » maps to ``None`` (unknown), never to ``False``.
"""

from __future__ import annotations

import gettext
import unicodedata
from datetime import date
from functools import cache
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from sejour_traite.accounts.models import Prefecture
from sejour_traite.law import facts
from sejour_traite.law.facts import CRIMINAL_PROCEDURE_STATUSES, STATELESS
from sejour_traite.web.i18n import REFERENCE, law_text

DATE_HELP = _("Format attendu : JJ/MM/AAAA.")
YES, NO, UNKNOWN = "yes", "no", "unknown"
ANSWERS = {YES: True, NO: False, UNKNOWN: None}


def _date_field(label: Any, *, required: bool = True, help_text: Any = DATE_HELP) -> Any:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _not_in_future(value: date | None) -> date | None:
    if value is not None and value > timezone.localdate():
        raise forms.ValidationError(_("La date ne peut pas être dans le futur."))
    return value


def _ascii_key(label: str) -> str:
    decomposed = unicodedata.normalize("NFKD", label.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def nationality_choices() -> tuple[tuple[str, str], ...]:
    """ISO 3166 alpha-2 codes with their names in the active language (French by default),
    in alphabetical order."""
    return (
        ("", str(_("Non renseignée"))),
        (STATELESS, str(_("Apatride"))),
        *_countries(get_language() or REFERENCE),
    )


def country_names() -> dict[str, str]:
    """ISO 3166 alpha-2 code (and STATELESS) -> name in the active language."""
    return {
        **dict(_countries(get_language() or REFERENCE)),
        STATELESS: str(_("Apatride")),
    }


@cache
def _countries(language: str) -> tuple[tuple[str, str], ...]:
    import pycountry  # imported lazily: only this form needs the list

    translation = gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )
    names = {c.alpha_2: translation.gettext(c.name) for c in pycountry.countries}
    names["XK"] = "Kosovo"  # user-assigned code used by French administrations (law.facts)
    return tuple(sorted(names.items(), key=lambda item: _ascii_key(item[1])))


def stage_choices() -> list[tuple[str, str]]:
    """The stages of the criminal procedure (legal-spec §5), labelled in the active language."""
    values = (facts.texts().get("criminal_procedure_status") or {}).get("values") or {}
    return [(stage, law_text(values.get(stage), stage)) for stage in CRIMINAL_PROCEDURE_STATUSES]


class ReferralForm(DsfrBaseForm):
    """A police or gendarmerie referral of a presumed victim to a prefecture."""

    first_names = forms.CharField(label=_("Prénoms"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)
    date_of_birth = _date_field(_("Date de naissance"), required=False)
    nationality = forms.ChoiceField(
        label=_("Nationalité"), required=False, choices=nationality_choices
    )
    foreigner_number = forms.RegexField(
        label=_("Numéro étranger"),
        required=False,
        regex=r"^\d{10}$",
        help_text=_("Les dix chiffres du numéro AGDREF, s'il est connu."),
        error_messages={"invalid": _("Saisissez les dix chiffres du numéro étranger.")},
    )
    police_unit = forms.CharField(
        label=_("Unité de police ou de gendarmerie"),
        max_length=160,
        help_text=_("Les mises à jour de la procédure seront ouvertes aux comptes de cette unité."),
    )
    procedure_reference = forms.CharField(
        label=_("Référence de la procédure"),
        max_length=80,
        help_text=_(
            "Le numéro de procédure seulement (par exemple PV 2024/118), jamais son contenu."
        ),
    )
    police_hearing_date = _date_field(_("Date de l'audition"))
    information_given_date = _date_field(
        _("Date de l'information sur le dispositif"),
        required=False,
        help_text=_(
            "Le jour où la personne a été informée de ses droits (article R425-1). "
            "Laissez vide si elle ne l'a pas encore été. Format attendu : JJ/MM/AAAA."
        ),
    )
    reflection_requested = forms.ChoiceField(
        label=_("La personne demande-t-elle un délai de réflexion ?"),
        choices=[(YES, _("Oui")), (NO, _("Non")), (UNKNOWN, _("Je ne sais pas"))],
        widget=forms.RadioSelect,
    )
    photo_provided = forms.ChoiceField(
        label=_("Une photographie est-elle fournie ?"),
        choices=[(YES, _("Oui")), (NO, _("Non"))],
        widget=forms.RadioSelect,
    )
    prefecture = forms.ModelChoiceField(
        label=_("Préfecture destinataire"),
        queryset=Prefecture.objects.all(),
        empty_label=_("Choisissez la préfecture"),
        help_text=_("Le dossier est créé dans cette préfecture, dont les agents sont prévenus."),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["police_unit"].initial = user.organisation
            if user.prefecture_id is not None:
                self.fields["prefecture"].initial = user.prefecture_id

    def clean_date_of_birth(self) -> date | None:
        return _not_in_future(self.cleaned_data.get("date_of_birth"))

    def clean_police_hearing_date(self) -> date | None:
        return _not_in_future(self.cleaned_data.get("police_hearing_date"))

    def clean_information_given_date(self) -> date | None:
        return _not_in_future(self.cleaned_data.get("information_given_date"))

    def clean_reflection_requested(self) -> bool | None:
        return ANSWERS[self.cleaned_data["reflection_requested"]]

    def clean_photo_provided(self) -> bool | None:
        return ANSWERS[self.cleaned_data["photo_provided"]]


class ProcedureStageForm(DsfrBaseForm):
    """Where the criminal procedure stands: its stage, reference and date (nothing else)."""

    stage = forms.ChoiceField(label=_("Stade de la procédure pénale"), choices=stage_choices)
    procedure_reference = forms.CharField(label=_("Référence de la procédure"), max_length=80)
    reported_on = _date_field(pgettext_lazy("procédure pénale", "Date du stade"))

    def clean_reported_on(self) -> date | None:
        return _not_in_future(self.cleaned_data.get("reported_on"))
