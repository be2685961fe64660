"""The facts vocabulary of legal-spec §5: names, types, validation.

A situation is a mapping of fact names to values. A fact that is absent or ``null`` is
unknown (``MISSING``); an event fact given as ``none`` is known not to have happened
(``NONE``). Validation reports every problem at once, each with the fact, the field and
what is expected.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from typing import Any

from sejour_traite.law import data_files
from sejour_traite.law.dates import FIRST_SUPPORTED, LAST_SUPPORTED, parse_iso, supported
from sejour_traite.law.errors import FactsError
from sejour_traite.law.logic import NONE

ARTICLE = re.compile(r"^[0-9]{3}-[0-9]+(-[0-9]+)*( [A-Z]| [0-9]+°)?$")
STATELESS = "STATELESS"


@dataclass(frozen=True)
class FactType:
    """The type of a fact or of a record field."""

    kind: str  # bool | date | event_date | int | number | country | enum | enum_set | articles
    #            | record | event_record | record_list | text
    values: tuple[str, ...] = ()
    fields: Mapping[str, FactType] = field(default_factory=dict)

    def describe(self) -> str:
        """What is expected, in words (for error messages and documentation)."""
        match self.kind:
            case "bool":
                return "true, false or null (unknown)"
            case "date":
                return "a date YYYY-MM-DD or null (unknown)"
            case "event_date":
                return "a date YYYY-MM-DD, none (did not happen) or null (unknown)"
            case "int":
                return "a whole number >= 0 or null"
            case "number":
                return "a number >= 0 or null"
            case "country":
                return "an ISO 3166 alpha-2 country code (e.g. NG) or STATELESS"
            case "enum":
                return "one of " + ", ".join(self.values)
            case "enum_set":
                return "a list of: " + ", ".join(self.values)
            case "articles":
                return 'a list of Code pénal articles such as "225-4-1"'
            case "record":
                return "a mapping with keys " + ", ".join(self.fields)
            case "event_record":
                return "a mapping with keys " + ", ".join(self.fields) + ", or none"
            case "record_list":
                return "a list of mappings with keys " + ", ".join(self.fields)
            case _:
                return "a text"


def _t(kind: str, /, *values: str, **fields: FactType) -> FactType:
    return FactType(kind, tuple(values), fields)


BOOL, DATE, EVENT_DATE = _t("bool"), _t("date"), _t("event_date")

CRIMINAL_PROCEDURE_STATUSES = (
    "investigation",
    "prosecution",
    "first_instance_judgment_appealable",
    "appeal_pending",
    "cassation_pending",
    "definitive_conviction",
    "definitive_acquittal",
    "classement_sans_suite",
    "non_lieu",
)
DOCUMENT_KINDS = (
    "none",
    "reflection_recepisse",
    "instruction_recepisse",
    "cst",
    "aps",
    "carte_resident",
)
APPLICATION_KINDS = (
    "reflection_recepisse",
    "first_cst",
    "cst_renewal",
    "carte_resident",
    "aps_prostitution_exit",
    "other",
)
DOCUMENTS = (
    "birth_certificate",
    "passport",
    "consular_attestation",
    "id_card",
    "consular_card",
    "nationality_certificate",
    "proof_of_address",
    "complaint_receipt",
    "procedure_reference",
    "contrat_republique",
    "e_photo",
    "photo",
)

#: legal-spec §5, in the order of the table (which is also the default asking order).
FACT_TYPES: dict[str, FactType] = {
    "nationality": _t("country"),
    "is_withdrawal_agreement_beneficiary": BOOL,
    "is_eu_family_member_in_france": BOOL,
    "date_of_birth": DATE,
    "declared_minor": BOOL,
    "wishes_to_work_or_train": BOOL,
    "recognised_victim_as_minor": BOOL,
    "police_hearing_date": EVENT_DATE,
    "police_reasonable_grounds": BOOL,
    "information_given_date": EVENT_DATE,
    "information_language_understood": BOOL,
    "reflection_requested": BOOL,
    "police_referral_to_prefecture": BOOL,
    "photo_provided": BOOL,
    "reflection_recepisse_delivery_date": EVENT_DATE,
    "previous_reflection_period_for_same_facts": BOOL,
    "ties_renewed_on_own_initiative_date": EVENT_DATE,
    "reflection_interruption_decision_date": EVENT_DATE,
    "removal_decision": _t(
        "event_record",
        type=_t("enum", "OQTF", "APRF", "ITF_JUDICIAL", "EXPULSION"),
        date=DATE,
        enforced_date=DATE,
    ),
    "complaint": _t(
        "record",
        filed_date=DATE,
        kind=_t("enum", "penal", "civil_only", "none"),
        against_x=BOOL,
        offences=_t("articles"),
    ),
    "testimony": _t("event_record", date=DATE, accused_prosecuted=BOOL, offences=_t("articles")),
    "applicant_role": _t("enum", "victim", "witness"),
    "facts_exclusively_abroad_by_foreigners": BOOL,
    "judicial_confirmation_procedure_opened": BOOL,
    "criminal_procedure_status": _t("enum", *CRIMINAL_PROCEDURE_STATUSES),
    "definitive_conviction_date": EVENT_DATE,
    "convicted_offences_of_accused": _t("articles"),
    "complaint_found_false_or_unfounded": BOOL,
    "cooperation_ceased": BOOL,
    "reality_of_facts_questioned": BOOL,
    "ties_with_perpetrators_broken": BOOL,
    "public_order_threat": _t("enum", "none", "threat", "serious_threat"),
    "victim_convictions": _t(
        "record_list",
        article=_t("text"),
        date=DATE,
        in_same_procedure=BOOL,
        minor_relative=BOOL,
    ),
    "alleged_offence_acts": _t("record_list", kind=_t("text"), date=DATE),
    "oqtf_previously_not_complied": BOOL,
    "facts_forgery_441": BOOL,
    "facts_l432_1_1_serious_offences": BOOL,
    "facts_violence_against_officials": BOOL,
    "judicial_itf_in_force": BOOL,
    "fear_of_reprisals": BOOL,
    "integration_efforts": _t("enum_set", "language_training", "vocational_training", "employment"),
    "agent_has_doubts_on_reinsertion": BOOL,
    "application": _t(
        "record", kind=_t("enum", *APPLICATION_KINDS), filing_date=DATE, online_anef=BOOL
    ),
    "current_document": _t(
        "record", kind=_t("enum", *DOCUMENT_KINDS), valid_from=DATE, valid_until=DATE
    ),
    "previous_consecutive_cst_renewals": _t("int"),
    "contrat_republique_signed": BOOL,
    "contrat_republique_breach": BOOL,
    "documents_provided": _t("enum_set", *DOCUMENTS),
    "prostitution_exit_path_authorised_date": EVENT_DATE,
    "ceased_prostitution": BOOL,
    "monthly_resources_eur": _t("number"),
    "habitual_residence_in_france": BOOL,
    "polygamy": BOOL,
}

#: The event facts of legal-spec §0 (they accept ``none``).
EVENT_FACTS = frozenset(
    name for name, kind in FACT_TYPES.items() if kind.kind in ("event_date", "event_record")
)


@cache
def _countries() -> frozenset[str]:
    import pycountry  # imported lazily: only validation needs it

    codes = {country.alpha_2 for country in pycountry.countries}
    codes.add("XK")  # Kosovo: user-assigned code used by the EU and by French administrations
    return frozenset(codes)


@cache
def texts() -> dict[str, Any]:
    """Labels, questions and help texts of the facts (``data/facts_texts.yaml``)."""
    content = data_files.load("facts_texts.yaml") or {}
    return dict(content)


def label(name: str, lang: str = "fr") -> str:
    """Plain-language label of a fact (falls back to its name)."""
    entry = texts().get(name) or {}
    return str((entry.get("label") or {}).get(lang) or name)


class _Validator:
    def __init__(self) -> None:
        self.problems: list[tuple[str, str]] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append((where, message))

    def value(self, where: str, kind: FactType, raw: Any) -> Any:
        if raw is None:
            return None
        checker = getattr(self, f"_{kind.kind}")
        return checker(where, kind, raw)

    def _bool(self, where: str, kind: FactType, raw: Any) -> Any:
        if isinstance(raw, bool):
            return raw
        self.fail(where, f"expected {kind.describe()}, got {raw!r}")
        return None

    def _date(self, where: str, kind: FactType, raw: Any) -> Any:
        if isinstance(raw, datetime):
            raw = raw.date()
        if isinstance(raw, date):
            if not supported(raw):
                self.fail(
                    where, f"{raw.isoformat()} is outside {FIRST_SUPPORTED} to {LAST_SUPPORTED}"
                )
                return None
            return raw
        if isinstance(raw, str):
            try:
                return parse_iso(raw)
            except ValueError as error:
                self.fail(where, f"invalid date {raw!r}: {error}")
                return None
        self.fail(where, f"expected {kind.describe()}, got {raw!r}")
        return None

    def _event_date(self, where: str, kind: FactType, raw: Any) -> Any:
        if raw == "none":
            return NONE
        return self._date(where, kind, raw)

    def _int(self, where: str, kind: FactType, raw: Any) -> Any:
        if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 0:
            return raw
        self.fail(where, f"expected {kind.describe()}, got {raw!r}")
        return None

    def _number(self, where: str, kind: FactType, raw: Any) -> Any:
        if isinstance(raw, int | float) and not isinstance(raw, bool) and raw >= 0:
            return raw
        self.fail(where, f"expected {kind.describe()}, got {raw!r}")
        return None

    def _country(self, where: str, kind: FactType, raw: Any) -> Any:
        if isinstance(raw, str) and (raw == STATELESS or raw in _countries()):
            return raw
        hint = ' (YAML reads an unquoted NO as false: write "NO")' if raw is False else ""
        self.fail(where, f"expected {kind.describe()}, got {raw!r}{hint}")
        return None

    def _enum(self, where: str, kind: FactType, raw: Any) -> Any:
        if isinstance(raw, str) and raw in kind.values:
            return raw
        self.fail(where, f"expected {kind.describe()}, got {raw!r}")
        return None

    def _enum_set(self, where: str, kind: FactType, raw: Any) -> Any:
        if not isinstance(raw, list | tuple | set | frozenset):
            self.fail(where, f"expected {kind.describe()}, got {raw!r}")
            return None
        bad = [item for item in raw if item not in kind.values]
        if bad:
            self.fail(where, f"unknown value(s) {bad!r}; expected {kind.describe()}")
            return None
        return frozenset(raw)

    def _articles(self, where: str, kind: FactType, raw: Any) -> Any:
        if not isinstance(raw, list | tuple | set | frozenset):
            self.fail(where, f"expected {kind.describe()}, got {raw!r}")
            return None
        bad = [item for item in raw if not (isinstance(item, str) and ARTICLE.match(item))]
        if bad:
            self.fail(where, f"not a Code pénal article: {bad!r}; expected {kind.describe()}")
            return None
        return frozenset(raw)

    def _text(self, where: str, kind: FactType, raw: Any) -> Any:
        if isinstance(raw, str) and raw:
            return raw
        self.fail(where, f"expected {kind.describe()}, got {raw!r}")
        return None

    def _record(self, where: str, kind: FactType, raw: Any) -> Any:
        if not isinstance(raw, Mapping):
            self.fail(where, f"expected {kind.describe()}, got {raw!r}")
            return None
        result: dict[str, Any] = {}
        for key, item in raw.items():
            field_kind = kind.fields.get(str(key))
            if field_kind is None:
                self.fail(f"{where}.{key}", f"unknown field; expected {kind.describe()}")
                continue
            value = self.value(f"{where}.{key}", field_kind, item)
            if value is not None:
                result[str(key)] = value
        return result

    def _event_record(self, where: str, kind: FactType, raw: Any) -> Any:
        if raw == "none":
            return NONE
        return self._record(where, kind, raw)

    def _record_list(self, where: str, kind: FactType, raw: Any) -> Any:
        if not isinstance(raw, list | tuple):
            self.fail(where, f"expected {kind.describe()}, got {raw!r}")
            return None
        items = [self._record(f"{where}[{index}]", kind, item) for index, item in enumerate(raw)]
        return tuple(item for item in items if item is not None)


def validate(raw: Mapping[str, Any], source: str = "") -> dict[str, Any]:
    """Typed facts from a raw mapping; absent and null facts are left out (unknown).

    Raises:
        FactsError: every problem found (unknown fact, wrong type, invalid date, country
            code or enumeration value), each located by fact and field.
    """
    if not isinstance(raw, Mapping):
        raise FactsError([("facts", f"expected a mapping of fact names, got {raw!r}")], source)
    checker = _Validator()
    facts: dict[str, Any] = {}
    for name, value in raw.items():
        kind = FACT_TYPES.get(str(name))
        if kind is None:
            close = difflib.get_close_matches(str(name), FACT_TYPES, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            checker.fail(str(name), f"unknown fact{hint}; facts are those of legal-spec §5")
            continue
        checked = checker.value(str(name), kind, value)
        if checked is not None:
            facts[str(name)] = checked
    if checker.problems:
        raise FactsError(checker.problems, source)
    return facts


def to_json(value: Any) -> Any:
    """A typed fact value back to its JSON/YAML form."""
    if value is NONE:
        return "none"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, tuple):
        return [to_json(item) for item in value]
    if isinstance(value, dict):
        return {key: to_json(item) for key, item in value.items()}
    return value
