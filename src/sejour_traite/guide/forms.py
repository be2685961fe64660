"""The self-check's questions: one small GET form per fact, « Je ne sais pas » always offered.

Each form reads its fields from the query string (the answers so far travel there, nothing
is stored) and turns the answer into the raw value of the fact for ``law.validate``, or into
``UNKNOWN`` when the person does not know: an unknown fact stays unknown, never false.

Field names are the fact's name (the main choice) and ``<fact>__<part>`` for the details
(a date, the kind of offence…).
"""

from __future__ import annotations

import gettext as gettext_module
import unicodedata
from collections.abc import Iterator
from datetime import date
from functools import cache
from typing import Any, ClassVar

import pycountry
from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from sejour_traite.guide import i18n
from sejour_traite.guide.content import SELF_CHECK_FACTS
from sejour_traite.law import facts as facts_module

NSP = "nsp"  # « je ne sais pas »: the fact stays unknown
UNKNOWN: Any = object()  # the answer « je ne sais pas » (distinct from None: not answered)
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
DONT_KNOW = _("Je ne sais pas")
DATE_HELP = _(
    "Une date approximative suffit. Si votre téléphone n'affiche pas de calendrier, écrivez "
    "la date ainsi : 25/12/2020."
)

OFFENCES = {"traite": "225-4-1", "proxenetisme": "225-5"}  # C. pén.: first article of each list


def _radio(choices: list[tuple[str, Any]], *, required: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(
        choices=choices,
        widget=forms.RadioSelect,
        required=required,
        error_messages={"required": _("Choisissez une réponse, ou « Je ne sais pas ».")},
    )


def _date_field(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        help_text=DATE_HELP,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class QuestionForm(DsfrBaseForm):
    """One question of the self-check about one fact (subclasses: one per kind of widget)."""

    kind: ClassVar[str] = ""
    #: values of the main choice that require the date part
    needs_date: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, fact: str, *args: Any, **kwargs: Any) -> None:
        self.fact = fact
        super().__init__(*args, auto_id="q-%s", **kwargs)
        self.build()

    # --- to be provided by each kind
    def build(self) -> None:
        """Declare the fields (named after ``self.fact``)."""
        raise NotImplementedError

    def raw_value(self, data: dict[str, Any]) -> Any:
        """The fact's raw value from cleaned data, or ``UNKNOWN``."""
        raise NotImplementedError

    # --- shared machinery
    def part(self, name: str) -> str:
        """Field name of a detail of the answer (``complaint__date``)."""
        return f"{self.fact}__{name}"

    @property
    def main(self) -> forms.BoundField:
        """The main choice (the field named after the fact)."""
        return self[self.fact]

    def details(self) -> Iterator[forms.BoundField]:
        """The detail fields, in order."""
        for name in self.fields:
            if name != self.fact:
                yield self[name]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        choice = data.get(self.fact)
        date_name = self.part("date")
        if choice in self.needs_date and date_name in self.fields and not data.get(date_name):
            self.add_error(date_name, _("Indiquez la date, même approximative."))
        for name, value in list(data.items()):
            if (
                isinstance(value, date)
                and value > timezone.localdate()
                and name != self.part("fin")
            ):
                self.add_error(name, _("Cette date est dans le futur."))
        return data

    def answer(self) -> Any:
        """The raw value of the fact (``UNKNOWN`` for « je ne sais pas »); form must be valid."""
        data = self.cleaned_data
        if data.get(self.fact) == NSP:
            return UNKNOWN
        return self.raw_value(data)

    def params(self) -> list[tuple[str, str]]:
        """The answer as query-string pairs, to carry it to the next pages (form is valid)."""
        pairs = []
        for name in self.fields:
            value = self.cleaned_data.get(name)
            if value in (None, ""):
                continue
            if isinstance(value, date):
                value = value.isoformat()
            pairs.append((name, str(value)))
        return pairs

    def summary(self) -> str:
        """The answer in words, for the list of answers (form is valid)."""
        data = self.cleaned_data
        words = [str(dict(self.fields[self.fact].choices).get(data.get(self.fact), ""))]  # type: ignore[attr-defined]
        for name in self.fields:
            if name == self.fact or data.get(name) in (None, ""):
                continue
            value = data[name]
            field = self.fields[name]
            if isinstance(value, date):
                words.append(value.strftime("%d/%m/%Y"))
            elif hasattr(field, "choices"):
                words.append(str(dict(field.choices).get(value, value)))  # type: ignore[attr-defined]
            else:
                words.append(str(value))
        return " — ".join(w for w in words if w)


class YesNoForm(QuestionForm):
    kind = "yes_no"

    def build(self) -> None:
        self.fields[self.fact] = _radio([("oui", _("Oui")), ("non", _("Non")), (NSP, DONT_KNOW)])

    def raw_value(self, data: dict[str, Any]) -> Any:
        return data[self.fact] == "oui"


class EventDateForm(QuestionForm):
    """Did it happen, and when? (« non »: known not to have happened)."""

    kind = "event_date"
    needs_date = frozenset({"oui"})

    def build(self) -> None:
        self.fields[self.fact] = _radio([("oui", _("Oui")), ("non", _("Non")), (NSP, DONT_KNOW)])
        self.fields[self.part("date")] = _date_field(_("Si oui, à quelle date ?"))

    def raw_value(self, data: dict[str, Any]) -> Any:
        if data[self.fact] == "non":
            return "none"
        return data[self.part("date")].isoformat()


class DateForm(QuestionForm):
    kind = "date"
    needs_date = frozenset({"date"})

    def build(self) -> None:
        self.fields[self.fact] = _radio([("date", _("Je connais la date")), (NSP, DONT_KNOW)])
        self.fields[self.part("date")] = _date_field(_("Date"))

    def raw_value(self, data: dict[str, Any]) -> Any:
        return data[self.part("date")].isoformat()


class ChoiceForm(QuestionForm):
    """One of the values of an enumeration fact."""

    kind = "choice"

    def build(self) -> None:
        values = facts_module.FACT_TYPES[self.fact].values
        choices = [(v, i18n.value_label(self.fact, v)) for v in values]
        self.fields[self.fact] = _radio([*choices, (NSP, DONT_KNOW)])

    def raw_value(self, data: dict[str, Any]) -> Any:
        return data[self.fact]


class NumberForm(QuestionForm):
    kind = "number"

    def build(self) -> None:
        self.fields[self.fact] = _radio([("montant", _("Je connais le montant")), (NSP, DONT_KNOW)])
        self.fields[self.part("montant")] = forms.IntegerField(
            label=_("Montant en euros par mois"),
            required=False,
            min_value=0,
            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get(self.fact) == "montant" and data.get(self.part("montant")) is None:
            self.add_error(self.part("montant"), _("Indiquez le montant, même approximatif."))
        return data

    def raw_value(self, data: dict[str, Any]) -> Any:
        return data[self.part("montant")]


@cache
def _country_names(lang: str) -> tuple[tuple[str, str], ...]:
    """Countries (ISO alpha-2 code, name in ``lang``), sorted by name."""
    names = gettext_module.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True
    )
    items = [(c.alpha_2, names.gettext(c.name)) for c in pycountry.countries]
    items.append(("XK", str(_("Kosovo"))))

    def key(item: tuple[str, str]) -> str:
        text = unicodedata.normalize("NFKD", item[1].casefold())
        return "".join(ch for ch in text if not unicodedata.combining(ch))

    return tuple(sorted(items, key=key))


class CountryForm(QuestionForm):
    kind = "country"

    def build(self) -> None:
        countries = _country_names(get_language() or i18n.REFERENCE)
        self.fields[self.fact] = forms.ChoiceField(
            choices=[
                ("", _("Choisissez dans la liste")),
                (NSP, DONT_KNOW),
                (facts_module.STATELESS, _("Je n'ai aucune nationalité (apatride)")),
                *countries,
            ],
            error_messages={"required": _("Choisissez une réponse, ou « Je ne sais pas ».")},
            widget=forms.Select(attrs={"aria-describedby": "aide-question"}),
        )

    def raw_value(self, data: dict[str, Any]) -> Any:
        return data[self.fact]


def _offence_field() -> forms.ChoiceField:
    field = _radio(
        [
            ("traite", _("De la traite des êtres humains")),
            ("proxenetisme", _("Du proxénétisme")),
            (NSP, DONT_KNOW),
        ],
        required=False,
    )
    field.label = _("Si oui, pour quels faits ?")
    return field


class ComplaintForm(QuestionForm):
    kind = "complaint"
    needs_date = frozenset({"penal"})

    def build(self) -> None:
        self.fields[self.fact] = _radio(
            [
                ("penal", _("Oui, à la police, à la gendarmerie ou au procureur")),
                ("civil_only", _("Seulement une action civile (par exemple aux prud'hommes)")),
                ("none", _("Non")),
                (NSP, DONT_KNOW),
            ]
        )
        self.fields[self.part("date")] = _date_field(_("Si oui, à quelle date ?"))
        self.fields[self.part("faits")] = _offence_field()
        against = _radio(
            [
                ("oui", _("Contre X : je ne connais pas le nom de l'auteur")),
                ("non", _("Contre une personne que j'ai nommée")),
                (NSP, DONT_KNOW),
            ],
            required=False,
        )
        against.label = _("Contre qui ?")
        self.fields[self.part("contre_x")] = against

    def raw_value(self, data: dict[str, Any]) -> Any:
        kind = data[self.fact]
        if kind != "penal":
            return {"kind": kind}
        value: dict[str, Any] = {"kind": "penal", "filed_date": data[self.part("date")].isoformat()}
        offence = data.get(self.part("faits"))
        if offence in OFFENCES:
            value["offences"] = [OFFENCES[offence]]
        against = data.get(self.part("contre_x"))
        if against in ("oui", "non"):
            value["against_x"] = against == "oui"
        return value


class TestimonyForm(QuestionForm):
    kind = "testimony"
    needs_date = frozenset({"oui"})

    def build(self) -> None:
        self.fields[self.fact] = _radio([("oui", _("Oui")), ("non", _("Non")), (NSP, DONT_KNOW)])
        self.fields[self.part("date")] = _date_field(_("Si oui, à quelle date ?"))
        self.fields[self.part("faits")] = _offence_field()

    def raw_value(self, data: dict[str, Any]) -> Any:
        if data[self.fact] == "non":
            return "none"
        # The question itself says "against a person prosecuted for these facts".
        value: dict[str, Any] = {
            "date": data[self.part("date")].isoformat(),
            "accused_prosecuted": True,
        }
        offence = data.get(self.part("faits"))
        if offence in OFFENCES:
            value["offences"] = [OFFENCES[offence]]
        return value


class RemovalForm(QuestionForm):
    kind = "removal"

    def build(self) -> None:
        kinds = facts_module.FACT_TYPES[self.fact].fields["type"].values
        choices = [(k, i18n.value_label(self.fact, k, field="type")) for k in kinds]
        self.fields[self.fact] = _radio([*choices, ("none", _("Non")), (NSP, DONT_KNOW)])
        self.fields[self.part("date")] = _date_field(
            _("Date de la décision, si vous la connaissez")
        )

    def raw_value(self, data: dict[str, Any]) -> Any:
        kind = data[self.fact]
        if kind == "none":
            return "none"
        value: dict[str, Any] = {"type": kind}
        if data.get(self.part("date")):
            value["date"] = data[self.part("date")].isoformat()
        return value


class DocumentForm(QuestionForm):
    kind = "document"

    def build(self) -> None:
        kinds = facts_module.FACT_TYPES[self.fact].fields["kind"].values
        choices = [(k, i18n.value_label(self.fact, k, field="kind")) for k in kinds]
        self.fields[self.fact] = _radio([*choices, (NSP, DONT_KNOW)])
        until = _date_field(_("Valable jusqu'au (si vous avez un document)"))
        self.fields[self.part("fin")] = until

    def raw_value(self, data: dict[str, Any]) -> Any:
        value: dict[str, Any] = {"kind": data[self.fact]}
        if data.get(self.part("fin")) and data[self.fact] != "none":
            value["valid_until"] = data[self.part("fin")].isoformat()
        return value


FORMS: dict[str, type[QuestionForm]] = {
    form.kind: form
    for form in (
        YesNoForm,
        EventDateForm,
        DateForm,
        ChoiceForm,
        NumberForm,
        CountryForm,
        ComplaintForm,
        TestimonyForm,
        RemovalForm,
        DocumentForm,
    )
}


def question_form(fact: str, data: Any = None) -> QuestionForm:
    """The form asking ``fact`` (bound to ``data`` when given)."""
    kind, _tier = SELF_CHECK_FACTS[fact]
    return FORMS[kind](fact, data=data)
