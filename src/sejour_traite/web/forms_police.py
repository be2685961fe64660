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
from dsfr.forms import DsfrBaseForm

from sejour_traite.accounts.models import Prefecture
from sejour_traite.law import facts
from sejour_traite.law.facts import CRIMINAL_PROCEDURE_STATUSES, STATELESS

DATE_HELP = "Format attendu : JJ/MM/AAAA."
YES, NO, UNKNOWN = "yes", "no", "unknown"
ANSWERS = {YES: True, NO: False, UNKNOWN: None}


def _date_field(label: str, *, required: bool = True, help_text: str = DATE_HELP) -> Any:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _not_in_future(value: date | None) -> date | None:
    if value is not None and value > timezone.localdate():
        raise forms.ValidationError("La date ne peut pas être dans le futur.")
    return value


def _ascii_key(label: str) -> str:
    decomposed = unicodedata.normalize("NFKD", label.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def nationality_choices() -> tuple[tuple[str, str], ...]:
    """ISO 3166 alpha-2 codes with their French names, in French alphabetical order."""
    import pycountry  # imported lazily: only this form needs the list

    translation = gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True
    )
    names = {c.alpha_2: translation.gettext(c.name) for c in pycountry.countries}
    names["XK"] = "Kosovo"  # user-assigned code used by French administrations (law.facts)
    countries = sorted(names.items(), key=lambda item: _ascii_key(item[1]))
    return (("", "Non renseignée"), (STATELESS, "Apatride"), *countries)


def stage_choices() -> list[tuple[str, str]]:
    """The stages of the criminal procedure (legal-spec §5) with their French labels."""
    values = (facts.texts().get("criminal_procedure_status") or {}).get("values") or {}
    return [
        (stage, str((values.get(stage) or {}).get("fr") or stage))
        for stage in CRIMINAL_PROCEDURE_STATUSES
    ]


class ReferralForm(DsfrBaseForm):
    """A police or gendarmerie referral of a presumed victim to a prefecture."""

    first_names = forms.CharField(label="Prénoms", max_length=150)
    last_name = forms.CharField(label="Nom", max_length=150)
    date_of_birth = _date_field("Date de naissance", required=False)
    nationality = forms.ChoiceField(
        label="Nationalité", required=False, choices=nationality_choices
    )
    foreigner_number = forms.RegexField(
        label="Numéro étranger",
        required=False,
        regex=r"^\d{10}$",
        help_text="Les dix chiffres du numéro AGDREF, s'il est connu.",
        error_messages={"invalid": "Saisissez les dix chiffres du numéro étranger."},
    )
    police_unit = forms.CharField(
        label="Unité de police ou de gendarmerie",
        max_length=160,
        help_text="Les mises à jour de la procédure seront ouvertes aux comptes de cette unité.",
    )
    procedure_reference = forms.CharField(
        label="Référence de la procédure",
        max_length=80,
        help_text="Le numéro de procédure seulement (par exemple PV 2024/118), jamais son contenu.",
    )
    police_hearing_date = _date_field("Date de l'audition")
    information_given_date = _date_field(
        "Date de l'information sur le dispositif",
        required=False,
        help_text="Le jour où la personne a été informée de ses droits (article R425-1). "
        "Laissez vide si elle ne l'a pas encore été. " + DATE_HELP,
    )
    reflection_requested = forms.ChoiceField(
        label="La personne demande-t-elle un délai de réflexion ?",
        choices=[(YES, "Oui"), (NO, "Non"), (UNKNOWN, "Je ne sais pas")],
        widget=forms.RadioSelect,
    )
    photo_provided = forms.ChoiceField(
        label="Une photographie est-elle fournie ?",
        choices=[(YES, "Oui"), (NO, "Non")],
        widget=forms.RadioSelect,
    )
    prefecture = forms.ModelChoiceField(
        label="Préfecture destinataire",
        queryset=Prefecture.objects.all(),
        empty_label="Choisissez la préfecture",
        help_text="Le dossier est créé dans cette préfecture, dont les agents sont prévenus.",
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

    stage = forms.ChoiceField(label="Stade de la procédure pénale", choices=stage_choices)
    procedure_reference = forms.CharField(label="Référence de la procédure", max_length=80)
    reported_on = _date_field("Date du stade")

    def clean_reported_on(self) -> date | None:
        return _not_in_future(self.cleaned_data.get("reported_on"))
