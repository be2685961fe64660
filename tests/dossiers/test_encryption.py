"""Identity data is encrypted at rest, searchable by a keyed blind index, and re-encrypted
under a new key by ``manage.py rotate_keys``.

The raw columns are read with a database cursor, below the ORM's decryption.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date
from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from sejour_traite.dossiers import durability, encryption, services
from sejour_traite.dossiers.encryption import EncryptedTextField, blind_index
from sejour_traite.dossiers.models import Annotation, Decision, Person
from sejour_traite.dossiers.services import PersonInput
from tests.dossiers.conftest import REFERRAL_DAY, refer

pytestmark = pytest.mark.django_db

KEY_A = Fernet.generate_key().decode()
KEY_B = Fernet.generate_key().decode()
KEY_C = Fernet.generate_key().decode()
IDENTITY = ("first_names", "last_name", "date_of_birth", "nationality", "foreigner_number")


def encrypted_names(model):
    return {f.name for f in model._meta.fields if isinstance(f, EncryptedTextField)}


#: Every encrypted value of one case file: 5 identity fields, one decision, one note.
VALUES_PER_CASE_FILE = (
    len(IDENTITY) + len(encrypted_names(Decision)) + len(encrypted_names(Annotation))
)


@contextmanager
def encryption_keys(*keys: str):
    """Run with these ENCRYPTION_KEYS (first encrypts) and no cipher cached from others."""
    with override_settings(ENCRYPTION_KEYS=list(keys)):
        encryption._fernet.cache_clear()
        try:
            yield
        finally:
            encryption._fernet.cache_clear()


def raw(model, pk, *names):
    """The stored (encrypted) values of some columns of one row, read below the ORM."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in names)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns} FROM {quote(model._meta.db_table)} "
            f"WHERE {quote(model._meta.pk.column)} = %s",
            [pk],
        )
        return dict(zip(names, cursor.fetchone(), strict=True))


def raw_tokens():
    """Every stored encrypted value of the database (model, field, pk) -> token."""
    tokens = {}
    for model, fields in durability.encrypted_fields():
        for pk in model._base_manager.values_list("pk", flat=True):
            for name, token in raw(model, pk, *(f.name for f in fields)).items():
                tokens[(model._meta.label, name, pk)] = token
    return tokens


def case_file(users, prefecture, person: PersonInput | None = None):
    """A referred dossier with a private note and a motivated closure (a decision)."""
    agent = users["agent"] if prefecture.code == "75" else users["other_agent"]
    dossier = refer(users, prefecture, **({"person": person} if person else {}))
    services.annotate(dossier.pk, by=agent, text="Entretien le 4 mars, très éprouvée.")
    services.perform(
        dossier.pk,
        "close",
        by=agent,
        on=REFERRAL_DAY,
        version=dossier.version,
        motivation="La personne a quitté le territoire.",
    )
    return dossier


def decrypted_everything():
    """What the ORM reads back from every encrypted column (raises if a key is missing)."""
    return (
        [tuple(getattr(p, f) for f in IDENTITY) for p in Person.objects.order_by("pk")],
        list(Decision.objects.order_by("pk").values_list("facts_snapshot", flat=True)),
        list(Annotation.objects.order_by("pk").values_list("text", flat=True)),
    )


# ---------------------------------------------------------------- at rest


def test_identity_columns_hold_fernet_tokens_never_plain_text(dossier):
    stored = raw(Person, dossier.person_id, *IDENTITY)

    plain = {
        "first_names": "Amina",
        "last_name": "Okafor",
        "date_of_birth": "1996-05-14",
        "nationality": "NG",
        "foreigner_number": "7501234567",
    }
    for name, value in plain.items():
        token = stored[name]
        assert token.startswith("gAAAAA"), name  # Fernet version byte 0x80
        assert token != value
        assert len(value) < 5 or value.casefold() not in token.casefold(), name
        assert encryption.decrypt(token) == value
    assert Person.objects.get(pk=dossier.person_id).last_name == "Okafor"


def test_decision_facts_snapshot_and_private_notes_are_encrypted_at_rest(users, paris):
    dossier = case_file(users, paris)

    decision = Decision.objects.get(dossier=dossier)
    note = Annotation.objects.get(dossier=dossier)
    snapshot = raw(Decision, decision.pk, "facts_snapshot")["facts_snapshot"]
    text = raw(Annotation, note.pk, "text")["text"]

    assert "1996-05-14" in decision.facts_snapshot  # the snapshot holds the date of birth…
    assert "1996-05-14" not in snapshot  # …never in clear in the database
    assert "police_hearing_date" not in snapshot
    assert snapshot.startswith("gAAAAA")
    assert "éprouvée" not in text
    assert text.startswith("gAAAAA")


def test_encrypted_columns_are_found_on_every_model():
    found = {
        model._meta.label: {f.name for f in fields}
        for model, fields in durability.encrypted_fields()
    }

    assert found["dossiers.Person"] == set(IDENTITY)
    assert "facts_snapshot" in found["dossiers.Decision"]
    assert found["dossiers.Annotation"] == {"text"}
    assert found == {
        model._meta.label: encrypted_names(model)
        for model in apps.get_models()
        if encrypted_names(model)
    }


# ---------------------------------------------------------------- blind index


def test_a_search_by_last_name_ignores_case_accents_and_spaces(users, paris):
    okafor = refer(users, paris)
    accented = refer(users, paris, person=PersonInput("Grace", "  ÓKAFOR ", date(2001, 1, 2)))
    other = refer(users, paris, person=PersonInput("Joy", "Okafo"))

    found = set(
        Person.objects.filter(last_name_index=blind_index("okafor")).values_list("pk", flat=True)
    )
    full = Person.objects.filter(full_name_index=blind_index("AMINA okafor")).get()

    assert found == {okafor.person_id, accented.person_id}
    assert other.person_id not in found
    assert full.pk == okafor.person_id
    index = raw(Person, okafor.person_id, "last_name_index")["last_name_index"]
    assert len(index) == 64 and "okafor" not in index.casefold()


def test_the_blind_index_depends_on_its_secret_key():
    with override_settings(BLIND_INDEX_KEY="another-key"):
        other = blind_index("Okafor")

    assert blind_index("Okafor") != other
    assert blind_index("Okafor") == blind_index("OKAFOR")


# ---------------------------------------------------------------- rotation


def test_rotation_moves_every_value_to_the_new_key_and_the_old_key_can_go(users, paris, lyon):
    with encryption_keys(KEY_A):
        case_file(users, paris)
        case_file(users, lyon, PersonInput("Blessing", "Eze", date(1990, 2, 3), "NG", "123"))
        case_file(users, paris, PersonInput("Ioana", "Popescu", None, "RO"))  # 2 nulls
        before = decrypted_everything()
        tokens_before = raw_tokens()

    with encryption_keys(KEY_B, KEY_A):
        out = StringIO()
        call_command("rotate_keys", "--batch-size", "2", stdout=out)

    expected = 3 * VALUES_PER_CASE_FILE - 2
    assert f"rechiffrées : {expected} ; déjà sous la clé courante : 0." in out.getvalue()
    tokens_after = raw_tokens()
    changed = [key for key, token in tokens_after.items() if token != tokens_before[key]]
    assert len(changed) == expected
    with encryption_keys(KEY_B):
        assert decrypted_everything() == before
    with encryption_keys(KEY_A), pytest.raises(ValueError, match="cannot be decrypted"):
        Person.objects.first()
    with encryption_keys(KEY_A), pytest.raises(ValueError, match="cannot be decrypted"):
        Decision.objects.first()
    with encryption_keys(KEY_A), pytest.raises(ValueError, match="cannot be decrypted"):
        Annotation.objects.first()


def test_a_dry_run_counts_the_values_to_re_encrypt_and_writes_nothing(users, paris):
    with encryption_keys(KEY_A):
        case_file(users, paris)
        case_file(users, paris, PersonInput("Grace", "Eze"))  # 3 nulls
        tokens = raw_tokens()

    with encryption_keys(KEY_B, KEY_A):
        out = StringIO()
        call_command("rotate_keys", "--dry-run", stdout=out)

    assert f"à rechiffrer : {2 * VALUES_PER_CASE_FILE - 3} ;" in out.getvalue()
    assert "dossiers.Person.last_name : 2" in out.getvalue()
    assert "rien n'a été modifié" in out.getvalue()
    assert raw_tokens() == tokens


def test_a_second_rotation_changes_nothing(users, paris):
    with encryption_keys(KEY_A):
        case_file(users, paris)
    with encryption_keys(KEY_B, KEY_A):
        first = durability.rotate_keys(batch_size=3)
        tokens = raw_tokens()

        second = durability.rotate_keys(batch_size=3)

    assert first.total_rotated == VALUES_PER_CASE_FILE
    assert second.total_rotated == 0
    assert second.current == second.examined == VALUES_PER_CASE_FILE
    assert raw_tokens() == tokens


def test_values_no_key_opens_are_named_and_left_alone(users, paris, lyon):
    with encryption_keys(KEY_C):
        lost = refer(users, lyon)
    with encryption_keys(KEY_A):
        case_file(users, paris)
    lost_tokens = raw(Person, lost.person_id, *IDENTITY)

    with encryption_keys(KEY_B, KEY_A), pytest.raises(CommandError) as error:
        call_command("rotate_keys", stdout=StringIO())

    message = str(error.value)
    assert message.startswith("5 valeurs ne s'ouvrent avec aucune clé configurée")
    assert f"dossiers.Person.last_name #{lost.person_id}" in message
    assert "Okafor" not in message
    assert raw(Person, lost.person_id, *IDENTITY) == lost_tokens
    with encryption_keys(KEY_B):
        assert Annotation.objects.get().text.startswith("Entretien")


def test_a_rotation_batch_size_below_one_is_refused():
    with pytest.raises(CommandError, match="au moins 1"):
        call_command("rotate_keys", "--batch-size", "0")
