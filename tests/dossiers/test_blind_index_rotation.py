"""Rotation of the blind-index key: names indexed under an old key stay findable while the
rotation runs (every configured key is searched), ``rotate_keys`` recomputes every index
under the new key, after which the old key can go. Runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import contextmanager
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Q
from django.test import override_settings

from sejour_traite.dossiers import encryption
from sejour_traite.dossiers.encryption import (
    KeyConfigurationError,
    blind_index,
    blind_indexes,
    blind_indexes_of,
)
from sejour_traite.dossiers.models import AuditEvent, Dossier, Person
from sejour_traite.dossiers.services import PersonInput
from sejour_traite.web.views_dossiers import find_dossiers
from tests.dossiers.conftest import refer

pytestmark = pytest.mark.django_db

OLD, NEW = "old-blind-index-key-for-tests", "new-blind-index-key-for-tests"
ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def blind_keys(*keys: str, single: str = ""):
    """Run with these BLIND_INDEX_KEYS (the first indexes) and this single key."""
    with override_settings(BLIND_INDEX_KEYS=list(keys), BLIND_INDEX_KEY=single):
        yield


def indexes() -> dict[int, tuple[str, str, str]]:
    return {
        pk: (last, full, number)
        for pk, last, full, number in Person.objects.values_list(
            "pk", "last_name_index", "full_name_index", "foreigner_number_index"
        )
    }


def search(text: str) -> set[int]:
    """What a search through the index finds: the persons whose last name, full name (the
    words in any order) or foreigner number matches, under any configured key."""
    words = encryption.normalise(text).split()
    single = blind_indexes(" ".join(words))
    orders = blind_indexes_of(" ".join(words[i:] + words[:i]) for i in range(len(words)))
    found = Person.objects.filter(
        Q(last_name_index__in=single)
        | Q(foreigner_number_index__in=single)
        | Q(full_name_index__in=orders)
    )
    return set(found.values_list("pk", flat=True))


def rotate(*arguments: str) -> str:
    out = StringIO()
    call_command("rotate_keys", "--only", "blind-index", *arguments, stdout=out)
    return out.getvalue()


@pytest.fixture
def three(users, paris, lyon):
    """Three persons indexed under the old key (Okafor: foreigner number 7501234567)."""
    with blind_keys(OLD):
        return [
            refer(users, paris),
            refer(users, lyon, person=PersonInput("Blessing", "Eze", date(1990, 2, 3), "NG")),
            refer(users, paris, person=PersonInput("Ioana", "Popescu-Ionescu", None, "RO")),
        ]


def test_round_trip_old_key_then_rotation_then_new_key_only(three, users):
    okafor, eze, popescu = (d.person_id for d in three)
    before = indexes()

    with blind_keys(NEW, OLD):
        assert search("OKAFOR") == {okafor}  # not re-indexed yet: found under the old key
        out = rotate("--batch-size", "2")
        assert search("okafor") == {okafor}

    assert "personnes lues : 3 ; réindexées : 3 ; déjà sous la clé courante : 0" in out
    after = indexes()
    assert all(after[pk][0] != before[pk][0] and after[pk][1] != before[pk][1] for pk in after)
    with blind_keys(NEW):
        assert search("Okafor") == {okafor}
        assert search("okafor AMINA") == {okafor}
        assert search("7501234567") == {okafor}
        assert search("Blessing Eze") == {eze}
        assert search("popescu ionescu") == {popescu}
        assert set(find_dossiers(users["agent"], "Amina Okafor")) == {three[0]}
        assert set(find_dossiers(users["agent"], "popescu-ionescu")) == {three[2]}
        # The indexes the rotation wrote are those a save computes under the new key.
        person = Person.objects.get(pk=eze)
        person.save()
        assert indexes()[eze] == after[eze]
    with blind_keys(OLD):
        assert search("Okafor") == set()  # the old key alone no longer finds anything
    assert AuditEvent.objects.filter(action="rotate_blind_index", interface="command").exists()


def test_a_person_saved_during_the_rotation_is_indexed_under_the_new_key(three, users, paris):
    with blind_keys(NEW, OLD):
        joy = refer(users, paris, person=PersonInput("Joy", "Okafor")).person_id
        assert search("okafor") == {three[0].person_id, joy}
        out = rotate()

    assert "réindexées : 3 ; déjà sous la clé courante : 1" in out
    with blind_keys(NEW):
        assert search("okafor") == {three[0].person_id, joy}


def test_the_back_office_search_finds_names_not_yet_re_indexed(three, users):
    with blind_keys(NEW, OLD):
        assert set(find_dossiers(users["agent"], "Okafor")) == {three[0]}


def test_a_second_rotation_changes_nothing(three):
    with blind_keys(NEW, OLD):
        first = encryption.reindex(batch_size=2)
        written = indexes()
        events = AuditEvent.objects.count()
        out = rotate()

    assert first.reindexed == 3
    assert "réindexées : 0 ; déjà sous la clé courante : 3" in out
    assert indexes() == written
    assert AuditEvent.objects.count() == events  # nothing done, nothing to record


def test_a_dry_run_counts_and_writes_nothing(three):
    before = indexes()

    with blind_keys(NEW, OLD):
        out = rotate("--dry-run")

    assert "à réindexer : 3 ;" in out
    assert "Simulation : rien n'a été modifié." in out
    assert indexes() == before


def test_anonymised_persons_stay_erased_and_unreadable_ones_are_named_by_number(three, users, lyon):
    Person.objects.filter(pk=three[1].person_id).update(
        last_name_index="", full_name_index="", foreigner_number_index=""
    )
    with override_settings(ENCRYPTION_KEYS=[Fernet.generate_key().decode()]):
        encryption._fernet.cache_clear()
        try:
            with blind_keys(OLD):
                lost = refer(users, lyon, person=PersonInput("Esther", "Mensah")).person_id
        finally:
            encryption._fernet.cache_clear()

    with blind_keys(NEW, OLD), pytest.raises(CommandError) as error:
        rotate()

    message = str(error.value)
    assert message.startswith("1 personne(s) dont le nom ne s'ouvre avec aucune clé")
    assert f"dossiers.Person #{lost}" in message and "Mensah" not in message
    assert indexes()[three[1].person_id] == ("", "", "")
    with blind_keys(NEW):
        assert search("okafor") == {three[0].person_id}


def test_nothing_decrypted_is_printed_or_logged(three, caplog):
    caplog.set_level("DEBUG")

    with blind_keys(NEW, OLD):
        out = rotate()

    for text in (out, caplog.text):
        for secret in ("Okafor", "Amina", "Blessing", "7501234567", NEW, OLD):
            assert secret not in text


# ---------------------------------------------------------------- configuration


def test_the_single_key_variable_still_works():
    with blind_keys(single=OLD):
        single = blind_index("Okafor")
        assert blind_indexes("Okafor") == [single]
    with blind_keys(OLD):
        assert blind_index("Okafor") == single
    with blind_keys(NEW, OLD, single=OLD):  # the old variable left set during a rotation
        assert blind_indexes("Okafor")[1] == single
        assert blind_index("Okafor") != single


@pytest.mark.parametrize(
    ("keys", "single", "expected"),
    [
        ((NEW, "", OLD), "", "contient une clé vide"),
        ((NEW, NEW), "", "deux fois la même clé"),
        ((NEW,), OLD, "ne figure pas dans SEJOUR_TRAITE_BLIND_INDEX_KEYS"),
        ((), "", "aucune clé d'index de recherche"),
    ],
)
def test_a_bad_configuration_is_a_clear_message(three, keys, single, expected):
    before = indexes()

    with blind_keys(*keys, single=single):
        with pytest.raises(CommandError, match=expected) as error:
            rotate()
        with pytest.raises(KeyConfigurationError, match=expected):
            blind_index("Okafor")

    assert str(error.value).startswith("Configuration des clés incorrecte")
    assert NEW not in str(error.value) and OLD not in str(error.value)
    assert indexes() == before


def test_a_bad_encryption_key_is_a_clear_message():
    expected = "la clé n° 1 de SEJOUR_TRAITE_ENCRYPTION_KEYS"
    with (
        override_settings(ENCRYPTION_KEYS=["not-a-fernet-key"]),
        pytest.raises(CommandError, match=expected),
    ):
        call_command("rotate_keys", stdout=StringIO())


def test_manage_py_reports_a_bad_configuration_without_a_traceback():
    environment = {
        **os.environ,
        "SEJOUR_TRAITE_BLIND_INDEX_KEYS": f"{NEW},,{OLD}",
        "SEJOUR_TRAITE_BLIND_INDEX_KEY": "",
    }

    run = subprocess.run(
        [sys.executable, "manage.py", "rotate_keys", "--dry-run"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert run.returncode != 0
    assert "contient une clé vide" in run.stderr
    assert "Traceback" not in run.stderr
    assert NEW not in run.stderr and OLD not in run.stderr
    assert Dossier.objects.count() == 0
