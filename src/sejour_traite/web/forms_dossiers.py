"""Forms of the dossier pages (DSFR): acts, facts, annotations, search.

Forms only parse what the agent typed; the services check the permission, the version, the
law and the values themselves (their ``InvalidInput`` is shown next to the field). Each
form of the dossier page gets its own ``auto_id`` prefix, so that several forms share a page
without sharing an id, while the names posted stay plain (``version``, ``motivation`` …).
"""

from __future__ import annotations

import datetime
import json
import re
from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from sejour_traite.dossiers import acts, lifecycle
from sejour_traite.dossiers.models import EstablishedBy
from sejour_traite.dossiers.services import DERIVED_FACTS
from sejour_traite.law.dates import FIRST_SUPPORTED, LAST_SUPPORTED, supported
from sejour_traite.law.facts import FACT_TYPES, FactType, texts
from sejour_traite.law.facts import label as _fact_label
from sejour_traite.web.i18n import law_language, law_text
from sejour_traite.web.labels import ESTABLISHED_BY_LABELS

#: The acts of the lifecycle, as the agent reads them (form legends and buttons).
ACT_LABELS = {
    "deliver_reflection_recepisse": _("Délivrer le récépissé de délai de réflexion"),
    "interrupt_reflection": _("Interrompre le délai de réflexion"),
    "file_application": _("Enregistrer une demande de carte de séjour temporaire"),
    "file_renewal_application": _("Enregistrer une demande de renouvellement"),
    "start_instruction": _("Commencer l'instruction de la demande"),
    "grant_cst": _("Délivrer la carte de séjour temporaire"),
    "refuse_cst": _("Refuser la carte de séjour temporaire"),
    "renew_cst": _("Renouveler la carte de séjour temporaire"),
    "refuse_renewal": _("Refuser le renouvellement"),
    "grant_carte_resident": _("Délivrer la carte de résident"),
    "withdraw_cst": _("Retirer la carte de séjour temporaire"),
    "examine_other_basis": _("Examiner un autre fondement de séjour"),
    "grant_aps": _("Délivrer l'autorisation provisoire de séjour (parcours de sortie)"),
    "defer_to_majority": _("Reporter l'examen à la majorité"),
    "close": _("Clore le dossier"),
    "reopen": _("Rouvrir le dossier"),
}
#: The same acts once done (timeline, confirmation messages).
ACT_DONE = {
    "deliver_reflection_recepisse": _("Récépissé de délai de réflexion délivré"),
    "interrupt_reflection": _("Délai de réflexion interrompu"),
    "file_application": _("Demande de carte de séjour temporaire enregistrée"),
    "file_renewal_application": _("Demande de renouvellement enregistrée"),
    "start_instruction": _("Instruction de la demande commencée"),
    "grant_cst": _("Carte de séjour temporaire délivrée"),
    "refuse_cst": _("Carte de séjour temporaire refusée"),
    "renew_cst": _("Carte de séjour temporaire renouvelée"),
    "refuse_renewal": _("Renouvellement refusé"),
    "grant_carte_resident": _("Carte de résident délivrée"),
    "withdraw_cst": _("Carte de séjour temporaire retirée"),
    "examine_other_basis": _("Examen sur un autre fondement"),
    "grant_aps": _("Autorisation provisoire de séjour délivrée"),
    "defer_to_majority": _("Examen reporté à la majorité"),
    "close": _("Dossier clos"),
    "reopen": _("Dossier rouvert"),
}
#: Acts whose application may have been filed online (ANEF).
FILING_ACTS = frozenset({"file_application", "file_renewal_application"})
#: Acts where the CST's duration may be a range chosen by the agent (before 2021-05-01).
DURATION_ACTS = {"grant_cst": "cst", "renew_cst": "cst_renewal"}

UNKNOWN = "unknown"
_YES_NO_UNKNOWN = [("true", _("Oui")), ("false", _("Non")), (UNKNOWN, _("Je ne sais pas"))]
_EVENT_CHOICES = [
    ("yes", _("Oui, à la date indiquée")),
    ("none", _("Non, cela n'a pas eu lieu")),
    (UNKNOWN, _("Je ne sais pas")),
]
_ARTICLE_SPLIT = re.compile(r"[,;\s]+")
_DATE_HELP = _("Format attendu : jj/mm/aaaa.")
MOTIVATION_MISSING = _("Rédigez la motivation en droit et en fait (CRPA L211-2).")
_concat = lazy(lambda *texts: "".join(str(text) for text in texts), str)


def fact_label(name: str) -> str:
    """Short name of a fact, in the active language (French when the law has no other)."""
    return _fact_label(name, law_language())


def established_by_choices() -> list[tuple[str, str]]:
    """Who may establish a fact, in the active language (labels of ``EstablishedBy``)."""
    return [
        (value, str(ESTABLISHED_BY_LABELS.get(EstablishedBy(value), label)))
        for value, label in EstablishedBy.choices
    ]


def _date_widget(testid: str) -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date", "data-testid": testid}, format="%Y-%m-%d")


def _not_future(day: date) -> date:
    if day > timezone.localdate():
        raise forms.ValidationError(_("La date ne peut pas être dans le futur."))
    return day


def _testids(form: forms.Form, prefix: str) -> None:
    for name, field in form.fields.items():
        field.widget.attrs.setdefault("data-testid", f"{prefix}-{name}")


# ---------------------------------------------------------------- acts


class ActForm(DsfrBaseForm):
    """One act of the lifecycle: its date, and what the act needs (motivation, duration …)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    on = forms.DateField(
        label=_("Date de la décision"),
        help_text=_concat(
            _("La loi appliquée est celle en vigueur à cette date."), " ", _DATE_HELP
        ),
    )
    motivation = forms.CharField(
        label=_("Motivation en droit et en fait"),
        required=False,
        error_messages={"required": MOTIVATION_MISSING},
        help_text=_(
            "Préremplie à partir de l'explication du moteur de règles : complétez-la avec "
            "les éléments de fait propres à la situation. Elle figure telle quelle, en "
            "français, dans la décision."
        ),
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    duration_months = forms.IntegerField(
        label=_("Durée de la carte (en mois)"),
        required=False,
        min_value=1,
        widget=forms.Select,
        help_text=_("Avant le 1er mai 2021, la durée se choisit dans les limites prévues."),
    )
    online_anef = forms.BooleanField(label=_("Demande déposée en ligne (ANEF)"), required=False)

    def __init__(
        self,
        act: str,
        *args: Any,
        motivation: bool = False,
        duration: tuple[int, int] | None = None,
        parse: bool = False,
        **kwargs: Any,
    ) -> None:
        """``motivation``: show the motivation field (always shown for motivated acts);
        ``duration``: the range of months the agent chooses from; ``parse``: keep every
        field, to read whatever a POST carries (the service checks it)."""
        kwargs.setdefault("auto_id", f"id_{act}_%s")
        super().__init__(*args, **kwargs)
        self.act = act
        self.fields["on"].widget = _date_widget(f"act-{act}-on")
        self.fields["on"].initial = timezone.localdate()
        if act in FILING_ACTS:
            self.fields["on"].label = _("Date du dépôt de la demande")
        if not parse:
            if not motivation and act not in lifecycle.MOTIVATED:
                del self.fields["motivation"]
            else:
                self.fields["motivation"].required = True
            if act not in FILING_ACTS:
                del self.fields["online_anef"]
            if act in DURATION_ACTS and duration is not None:
                low, high = duration
                self.fields["duration_months"].widget.choices = [
                    (str(months), _("%(months)d mois") % {"months": months})
                    for months in range(low, high + 1)
                ]
                self.fields["duration_months"].initial = high
            else:
                del self.fields["duration_months"]
        _testids(self, f"act-{act}")

    def clean_on(self) -> date:
        return _not_future(self.cleaned_data["on"])


def motivation_from(explanation: dict[str, Any] | None, object_key: str) -> str:
    """The motivation draft prefilled in a decision's form (``dossiers.acts``)."""
    return acts.motivation_draft(explanation, object_key)


# ---------------------------------------------------------------- facts


def editable_facts() -> list[str]:
    """Facts an agent records here (identity, documents, applications, decisions and the
    criminal procedure's stage are kept elsewhere: police and justice report the stage)."""
    return [name for name in FACT_TYPES if name not in DERIVED_FACTS]


def _who_default(name: str) -> str:
    for who in (texts().get(name) or {}).get("who") or []:
        value = str(who).lower()
        if value in EstablishedBy.values:
            return value
        if value == "association":
            return EstablishedBy.VICTIM
    return EstablishedBy.PREFECTURE


class _Provenance(DsfrBaseForm):
    """Who established a fact, when, and the reference of its proof."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    established_by = forms.ChoiceField(label=_("Établi par"), choices=(), widget=forms.Select)
    established_on = forms.DateField(label=_("Établi le"), help_text=_DATE_HELP)
    proof_reference = forms.CharField(
        label=_("Référence de la preuve"),
        required=False,
        max_length=120,
        help_text=_(
            "Par exemple : numéro du récépissé de plainte, du procès-verbal. Jamais son contenu."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["established_by"].choices = established_by_choices()

    def _provenance_widgets(self, prefix: str) -> None:
        self.fields["established_on"].widget = _date_widget(f"{prefix}-established_on")
        self.fields["established_on"].initial = timezone.localdate()

    def clean_established_on(self) -> date:
        return _not_future(self.cleaned_data["established_on"])


class FactForm(_Provenance):
    """Any fact of legal-spec §5, its value written in JSON (``null`` when unknown)."""

    field_order = ["name", "value", "established_by", "established_on", "proof_reference"]

    name = forms.ChoiceField(label=_("Fait"))
    value = forms.CharField(
        label=_("Valeur (JSON)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            'Par exemple : true, false, "none" (n\'a pas eu lieu), "2024-03-11", '
            '{"kind": "penal", "filed_date": "2024-03-11"}. Écrivez null si le fait est inconnu.'
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_fact_%s")
        super().__init__(*args, **kwargs)
        self.fields["name"].choices = [("", _("Choisir un fait"))] + sorted(
            ((name, fact_label(name)) for name in editable_facts()), key=lambda c: c[1]
        )
        self._provenance_widgets("fact")
        self.fields["established_by"].initial = EstablishedBy.PREFECTURE
        _testids(self, "fact")

    def clean_value(self) -> Any:
        raw = self.cleaned_data["value"]
        try:
            return json.loads(raw)
        except ValueError:
            raise forms.ValidationError(
                _('JSON invalide : écrivez par exemple true, "none" ou "2024-03-11".')
            ) from None

    def fact_name(self) -> str:
        return str(self.cleaned_data["name"])

    def fact_value(self) -> Any:
        return self.cleaned_data["value"]


def _value_labels(entry: dict[str, Any]) -> dict[str, str]:
    return {
        str(value): law_text(texts_, str(value))
        for value, texts_ in (entry.get("values") or {}).items()
    }


def _parse_articles(raw: str) -> list[str]:
    return [item for item in _ARTICLE_SPLIT.split(raw.strip()) if item]


class TypedFactForm(_Provenance):
    """One fact, with a widget for its type (« Je ne sais pas » always offered).

    Simple types get one ``value`` field; records (complaint, testimony, removal decision)
    one field per part, named ``part_<field>``; an event record first asks whether it
    happened. Lists of records are written in JSON.
    """

    def __init__(self, name: str, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_{name}_%s")
        super().__init__(*args, **kwargs)
        self.name = name
        self.kind: FactType = FACT_TYPES[name]
        entry = texts().get(name) or {}
        question = law_text(entry.get("question"), fact_label(name))
        fields: dict[str, forms.Field] = {}
        if self.kind.kind in ("record", "event_record"):
            if self.kind.kind == "event_record":
                fields["happened"] = forms.ChoiceField(
                    label=question, choices=_EVENT_CHOICES, widget=forms.RadioSelect
                )
            else:
                fields["unknown"] = forms.BooleanField(
                    label=_("Je ne sais pas (le fait est inconnu)"), required=False
                )
            labels = entry.get("fields") or {}
            for part, part_kind in self.kind.fields.items():
                part_entry = labels.get(part) or {}
                part_label = law_text(part_entry.get("label"), part)
                fields[f"part_{part}"] = self._simple_field(
                    part_kind, part_label, part_entry, part=True
                )
        elif self.kind.kind == "event_date":
            fields["happened"] = forms.ChoiceField(
                label=question, choices=_EVENT_CHOICES, widget=forms.RadioSelect
            )
            fields["value"] = forms.DateField(label=_("Date"), required=False, help_text=_DATE_HELP)
        else:
            fields["value"] = self._simple_field(self.kind, question, entry, part=False)
            if self.kind.kind not in ("bool", "enum"):
                fields["unknown"] = forms.BooleanField(
                    label=_("Je ne sais pas (le fait est inconnu)"), required=False
                )
        self.fields = {**fields, **self.fields}
        for field_name, field in self.fields.items():
            if isinstance(field.widget, forms.DateInput):
                field.widget = _date_widget(f"fact-{name}-{field_name}")
        self._provenance_widgets(f"fact-{name}")
        self.fields["established_by"].initial = _who_default(name)
        _testids(self, f"fact-{name}")

    @staticmethod
    def _simple_field(
        kind: FactType, label: str, entry: dict[str, Any], *, part: bool
    ) -> forms.Field:
        unknown_choice = [(UNKNOWN, _("Je ne sais pas"))]
        match kind.kind:
            case "bool":
                return forms.ChoiceField(
                    label=label,
                    choices=_YES_NO_UNKNOWN,
                    widget=forms.RadioSelect,
                    required=not part,
                    initial=UNKNOWN if part else None,
                )
            case "enum":
                labels = _value_labels(entry)
                return forms.ChoiceField(
                    label=label,
                    choices=[(v, labels.get(v, v)) for v in kind.values] + unknown_choice,
                    widget=forms.RadioSelect,
                    required=not part,
                    initial=UNKNOWN if part else None,
                )
            case "date" | "event_date":
                return forms.DateField(label=label, required=False, help_text=_DATE_HELP)
            case "int":
                return forms.IntegerField(label=label, required=False, min_value=0)
            case "number":
                return forms.FloatField(label=label, required=False, min_value=0)
            case "enum_set":
                labels = _value_labels(entry)
                return forms.MultipleChoiceField(
                    label=label,
                    choices=[(v, labels.get(v, v)) for v in kind.values],
                    widget=forms.CheckboxSelectMultiple,
                    required=False,
                )
            case "articles":
                return forms.CharField(
                    label=label,
                    required=False,
                    help_text=_(
                        "Articles du code pénal séparés par des virgules, par exemple : "
                        "225-4-1, 225-5."
                    ),
                )
            case "country":
                return forms.CharField(
                    label=label,
                    required=False,
                    max_length=9,
                    help_text=_("Code pays à deux lettres (par exemple NG), ou STATELESS."),
                )
            case "text":
                return forms.CharField(label=label, required=False)
            case _:
                return forms.CharField(
                    label=_("%(label)s (JSON)") % {"label": label},
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 4}),
                    help_text=_("Attendu : %(format)s.") % {"format": kind.describe()},
                )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.kind.kind in ("event_date", "event_record") and data.get("happened") == "yes":
            needed = "value" if self.kind.kind == "event_date" else "part_date"
            if needed in self.fields and not data.get(needed):
                self.add_error(needed, _("Indiquez la date, ou choisissez une autre réponse."))
        if self.kind.kind == "record_list" and not data.get("unknown"):
            try:
                data["value"] = json.loads(data.get("value") or "null")
            except ValueError:
                self.add_error("value", _("JSON invalide."))
        return data

    def fact_name(self) -> str:
        return self.name

    def fact_value(self) -> Any:
        """The value in the JSON form of scenario-format.md (``None``: unknown)."""
        data = self.cleaned_data
        kind = self.kind.kind
        if data.get("unknown") or data.get("happened") == UNKNOWN:
            return None
        if data.get("happened") == "none":
            return "none"
        if kind in ("record", "event_record"):
            record = {}
            for part, part_kind in self.kind.fields.items():
                value = self._simple_value(part_kind, data.get(f"part_{part}"))
                if value is not None:
                    record[part] = value
            return record
        return self._simple_value(self.kind, data.get("value"))

    @staticmethod
    def _simple_value(kind: FactType, raw: Any) -> Any:
        if raw in (None, "", UNKNOWN):
            return None
        match kind.kind:
            case "bool":
                return raw == "true"
            case "date" | "event_date":
                return raw.isoformat()
            case "enum_set":
                return list(raw)
            case "articles":
                return _parse_articles(raw)
            case "country":
                return str(raw).strip().upper()
            case _:
                return raw


def initial_for(name: str, value: Any) -> dict[str, Any]:
    """Initial data of a ``TypedFactForm`` from the fact's current value."""
    kind = FACT_TYPES[name]
    if value is None:
        return {"happened": UNKNOWN, "unknown": True}
    if value == "none" and kind.kind in ("event_date", "event_record"):
        return {"happened": "none"}

    def simple(part_kind: FactType, raw: Any) -> Any:
        match part_kind.kind:
            case "bool":
                return "true" if raw else "false"
            case "articles":
                return ", ".join(raw or [])
            case "record_list":
                return json.dumps(raw, ensure_ascii=False)
            case _:
                return raw

    if kind.kind in ("record", "event_record") and isinstance(value, dict):
        initial = {
            f"part_{key}": simple(kind.fields[key], part)
            for key, part in value.items()
            if key in kind.fields
        }
        if kind.kind == "event_record":
            initial["happened"] = "yes"
        return initial
    initial = {"value": simple(kind, value)}
    if kind.kind == "event_date":
        initial["happened"] = "yes"
    return initial


# ---------------------------------------------------------------- annotations, search


class EvaluationDateForm(DsfrBaseForm):
    """The date at which the page shows what the law says (today when not given)."""

    date = forms.DateField(
        label=_("Apprécier la situation au"),
        required=False,
        help_text=_concat(
            _(
                "Par défaut, aujourd'hui. Une date passée sert à saisir une décision "
                "prise à cette date."
            ),
            " ",
            _DATE_HELP,
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_eval_%s")
        super().__init__(*args, **kwargs)
        self.fields["date"].widget = _date_widget("eval-date")

    def clean_date(self) -> datetime.date | None:
        day: datetime.date | None = self.cleaned_data["date"]
        if day is not None and not supported(day):
            raise forms.ValidationError(
                _("Date hors de la période prise en charge (%(first)s – %(last)s).")
                % {"first": f"{FIRST_SUPPORTED:%d/%m/%Y}", "last": f"{LAST_SUPPORTED:%d/%m/%Y}"}
            )
        return day


class AnnotationForm(DsfrBaseForm):
    """A private note (encrypted, shown only to the prefecture's staff)."""

    text = forms.CharField(
        label=_("Nouvelle note"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("Visible seulement des agents de la préfecture. N'y mettez que le nécessaire."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_note_%s")
        super().__init__(*args, **kwargs)
        _testids(self, "note")


class SearchForm(DsfrBaseForm):
    """A name (last name, or first names and last name), a foreigner number or a dossier
    number."""

    q = forms.CharField(
        label=_("Nom, numéro étranger ou numéro de dossier"),
        max_length=200,
        help_text=_("Majuscules et accents indifférents. Par exemple : Okafor, 75-2024-00001."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_search_%s")
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"data-testid": "search-q", "type": "search"})
