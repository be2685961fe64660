"""Backup and restore (a round trip on both databases), and the retention purge.

The round trip runs in real transactions (``transaction=True``): the database is flushed
between the backup and the restore, as on a new server.
"""

from __future__ import annotations

import stat
from datetime import date
from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.core.management import CommandError, call_command, execute_from_command_line
from django.db import connection
from django.test import override_settings

from sejour_traite.dossiers import audit, durability, encryption, services
from sejour_traite.dossiers.encryption import blind_index
from sejour_traite.dossiers.models import (
    AggregateCount,
    Annotation,
    Application,
    AssociationShare,
    AuditEvent,
    Deadline,
    Decision,
    Document,
    Dossier,
    FactRecord,
    Person,
    ProcedureStage,
    State,
)
from sejour_traite.dossiers.services import PersonInput
from tests.dossiers.conftest import REFERRAL_DAY, refer

PLAIN_IDENTITY = (b"Okafor", b"Amina", b"Blessing", b"1996-05-14", b"7501234567")
#: Words of the payload that are not identity: the whole file is encrypted, not only names.
PLAIN_OTHER = (b"agent75", b"ssociation", b"police_hearing_date", b"auditevent")


def agent_of(users, dossier):
    return users["agent"] if dossier.prefecture.code == "75" else users["other_agent"]


def fact(users, dossier, name, value, on=REFERRAL_DAY):
    dossier.refresh_from_db()
    return services.record_fact(
        dossier.pk,
        by=agent_of(users, dossier),
        name=name,
        value=value,
        established_by="prefecture",
        established_on=on,
        proof_reference="rapport d'audition",
        version=dossier.version,
    )


def act(users, dossier, name, on=REFERRAL_DAY, **kwargs):
    dossier.refresh_from_db()
    return services.perform(
        dossier.pk, name, by=agent_of(users, dossier), on=on, version=dossier.version, **kwargs
    )


def in_reflection(users, prefecture, person=None):
    """A referral, the facts the récépissé needs, the récépissé, a note and a share."""
    dossier = refer(users, prefecture, **({"person": person} if person else {}))
    fact(users, dossier, "is_eu_family_member_in_france", False)
    fact(users, dossier, "previous_reflection_period_for_same_facts", False)
    act(users, dossier, "deliver_reflection_recepisse")
    services.annotate(dossier.pk, by=agent_of(users, dossier), text="Hébergée par l'association.")
    services.share_with_association(
        dossier.pk, by=agent_of(users, dossier), association=users["association"], on=REFERRAL_DAY
    )
    return dossier


def closed(users, prefecture, on, person=None, *, full=True):
    """A dossier closed on ``on``; ``full``: after a récépissé and an application."""
    if full:
        dossier = in_reflection(users, prefecture, person)
        act(users, dossier, "file_application", on=date(2024, 3, 4))
    else:
        dossier = refer(users, prefecture, **({"person": person} if person else {}))
    act(users, dossier, "close", on=on, motivation="La personne a quitté le territoire.")
    dossier.refresh_from_db()
    return dossier


def seed(users, paris, lyon):
    """Three dossiers in two prefectures: in reflection, closed, just referred."""
    blessing = PersonInput("Blessing", "Eze", date(1990, 2, 3), "NG")
    in_reflection(users, paris)
    closed(users, lyon, date(2024, 3, 5), blessing, full=False)
    refer(users, paris, person=PersonInput("Joy", "Okafo"))


def state_of_the_database():
    """Everything a restore must give back, identity decrypted."""
    return {
        "counts": durability.row_counts(),
        "persons": [
            (p.pk, p.first_names, p.last_name, p.date_of_birth, p.nationality, p.foreigner_number)
            + (p.last_name_index, p.full_name_index)
            for p in Person.objects.order_by("pk")
        ],
        "dossiers": list(
            Dossier.objects.order_by("pk").values_list(
                "pk", "number", "prefecture__code", "state", "version", "created_at", "closed_on"
            )
        ),
        "decisions": list(
            Decision.objects.order_by("pk").values_list(
                "pk",
                "dossier__number",
                "act",
                "from_state",
                "to_state",
                "eval_date",
                "outcome",
                "determination",
                "facts_snapshot",
                "motivation",
                "decided_at",
            )
        ),
        "facts": list(FactRecord.objects.order_by("pk").values_list()),
        "notes": list(Annotation.objects.order_by("pk").values_list("text", flat=True)),
        "documents": list(Document.objects.order_by("pk").values_list()),
        "deadlines": list(Deadline.objects.order_by("pk").values_list()),
        "statistics": list(AggregateCount.objects.order_by("pk").values_list()),
        "audit": list(AuditEvent.objects.order_by("sequence").values_list("sequence", "hash")),
    }


# ================================================================ backup and restore


@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_into_an_empty_database_gives_everything_back_and_a_forced_one_too(
    users, paris, lyon, tmp_path, monkeypatch
):
    seed(users, paris, lyon)
    before = state_of_the_database()
    path = tmp_path / "sejour-traite.backup"
    monkeypatch.setattr(durability, "CHUNK_ROWS", 4)  # several chunks per table

    call_command("backup", str(path), stdout=StringIO())
    call_command("flush", "--no-input")
    assert not any(durability.row_counts().values())
    out = StringIO()
    call_command("restore", str(path), stdout=out)

    after = state_of_the_database()
    assert "piste d'audit intacte" in out.getvalue()
    expected_counts = dict(before["counts"], **{"dossiers.AuditEvent": len(before["audit"]) + 1})
    assert after["counts"] == expected_counts
    for key in ("persons", "dossiers", "decisions", "facts", "notes", "documents", "deadlines"):
        assert after[key] == before[key], key
    assert after["statistics"] == before["statistics"]
    assert after["audit"][:-1] == before["audit"]
    assert AuditEvent.objects.order_by("sequence").last().action == "restore"
    report = audit.verify()
    assert report.intact and report.checked == len(before["audit"]) + 1
    assert Person.objects.filter(last_name_index=blind_index("OKAFOR")).count() == 1
    # The sequences follow the restored ids: new rows get new ids.
    highest = max(Person.objects.values_list("pk", flat=True))
    later = refer(users, lyon, person=PersonInput("Grace", "Adebayo"))
    assert (later.number, later.person_id > highest) == ("69-2024-00002", True)
    assert audit.verify().intact

    # A forced restore replaces what changed since the backup (the database is not empty).
    out = StringIO()
    call_command("restore", str(path), "--force", stdout=out)

    again = state_of_the_database()
    assert "lignes remplacées" in out.getvalue()
    for key in ("persons", "dossiers", "decisions", "facts", "notes", "documents", "deadlines"):
        assert again[key] == before[key], key
    assert not Person.objects.filter(last_name_index=blind_index("Adebayo")).exists()
    assert audit.verify().intact


@pytest.mark.django_db
def test_the_backup_file_holds_no_identity_in_clear(users, paris, lyon, tmp_path):
    refer(users, paris)
    refer(users, lyon, person=PersonInput("Blessing", "Eze", date(1990, 2, 3), "NG"))
    path = tmp_path / "backup"

    call_command("backup", str(path), stdout=StringIO())

    data = path.read_bytes()
    assert data.startswith(b"sejour-traite-backup 1\n")
    for value in PLAIN_IDENTITY + PLAIN_OTHER:
        assert value not in data
    people = [
        o["fields"] for o in durability.backup_objects(path) if o["model"] == "dossiers.person"
    ]
    assert {p["last_name"] for p in people} == {"Okafor", "Eze"}  # decrypted with the key
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.django_db
def test_a_backup_replaces_the_file_whole_and_leaves_no_temporary_file(users, paris, tmp_path):
    path = tmp_path / "backup"
    path.write_bytes(b"an older backup")
    refer(users, paris)

    call_command("backup", str(path), stdout=StringIO())

    assert path.read_bytes().startswith(b"sejour-traite-backup")
    assert [p.name for p in tmp_path.iterdir()] == ["backup"]
    assert AuditEvent.objects.order_by("sequence").last().action == "backup"


@pytest.mark.django_db
def test_a_restore_into_a_database_that_is_not_empty_is_refused(users, paris, tmp_path):
    refer(users, paris)
    path = tmp_path / "backup"
    call_command("backup", str(path), stdout=StringIO())
    before = state_of_the_database()

    with pytest.raises(CommandError, match="n'est pas vide .* --force"):
        call_command("restore", str(path), stdout=StringIO())

    assert state_of_the_database() == before


@pytest.mark.django_db
def test_a_backup_whose_audit_trail_was_altered_is_not_restored(users, paris, tmp_path):
    refer(users, paris)
    AuditEvent.objects.filter(sequence=1).update(action="read")  # was "refer"
    path = _backup(tmp_path)
    empty_the_project_tables()

    with pytest.raises(CommandError, match="piste d'audit restaurée est rompue à l'événement 1"):
        call_command("restore", str(path), stdout=StringIO())

    assert not any(durability.row_counts().values())  # all or nothing


def empty_the_project_tables():
    """Delete every backed-up row inside the test's transaction (a flush cannot run there:
    PostgreSQL refuses TRUNCATE with foreign-key checks pending)."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for label in durability.row_counts():
            table = apps.get_model(label)._meta.db_table
            cursor.execute(f"DELETE FROM {quote(table)}")


def _backup(tmp_path):
    path = tmp_path / "backup"
    call_command("backup", str(path), stdout=StringIO())
    return path


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("missing", "impossible de lire la sauvegarde"),
        ("not_a_backup", "n'est pas une sauvegarde de sejour-traite"),
        ("flipped_byte", "corrompue ou tronquée"),
        ("truncated", "corrompue ou tronquée"),
        ("end_missing", "la fin de la sauvegarde manque"),
        ("chunk_missing", "morceau 0 manquant"),
        ("other_key", "ne peut pas être déchiffrée avec les clés configurées"),
    ],
)
def test_a_backup_that_cannot_be_read_gives_a_clear_message(
    users, paris, tmp_path, damage, message
):
    refer(users, paris)
    path = _backup(tmp_path)
    data = path.read_bytes()
    if damage == "missing":
        path.unlink()
    elif damage == "not_a_backup":
        path.write_bytes(b"id,name\n1,Okafor\n")
    elif damage == "flipped_byte":
        middle = len(data) // 2
        path.write_bytes(data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1 :])
    elif damage == "truncated":
        path.write_bytes(data[: len(data) - 100])
    elif damage == "end_missing":
        path.write_bytes(b"".join(data.splitlines(keepends=True)[:-1]))
    elif damage == "chunk_missing":
        lines = data.splitlines(keepends=True)
        path.write_bytes(lines[0] + b"".join(lines[2:]))
    other = [Fernet.generate_key().decode()] if damage == "other_key" else None

    with override_settings(**({"ENCRYPTION_KEYS": other} if other else {})):
        encryption._fernet.cache_clear()
        with pytest.raises(CommandError) as error:
            call_command("restore", str(path), stdout=StringIO())
    encryption._fernet.cache_clear()

    assert str(error.value).startswith("Restauration impossible : ")
    assert message in str(error.value)
    assert "Okafor" not in str(error.value)


def test_the_restore_command_prints_the_error_without_a_traceback(tmp_path, capsys):
    path = tmp_path / "notes.txt"
    path.write_text("pas une sauvegarde\n")

    with pytest.raises(SystemExit) as exit_:
        execute_from_command_line(["manage.py", "restore", str(path)])  # as manage.py does

    stderr = capsys.readouterr().err
    assert exit_.value.code == 1
    assert stderr.startswith("CommandError: Restauration impossible : ")
    assert "n'est pas une sauvegarde de sejour-traite" in stderr
    assert "Traceback" not in stderr


@pytest.mark.django_db
def test_a_backup_that_fails_leaves_the_previous_file_intact(users, paris, tmp_path):
    with override_settings(ENCRYPTION_KEYS=[Fernet.generate_key().decode()]):
        encryption._fernet.cache_clear()
        refer(users, paris)  # identity under a key since lost
    encryption._fernet.cache_clear()
    path = tmp_path / "backup"
    path.write_bytes(b"yesterday's backup")

    with pytest.raises(CommandError, match="dossiers.Person ne s'ouvre avec aucune clé"):
        call_command("backup", str(path), stdout=StringIO())

    assert path.read_bytes() == b"yesterday's backup"  # the previous backup is intact
    assert list(tmp_path.iterdir()) == [path]  # and no temporary file is left


@pytest.mark.django_db
def test_a_backup_into_a_missing_folder_gives_a_clear_message(tmp_path):
    with pytest.raises(CommandError, match="Sauvegarde impossible : impossible d'écrire"):
        call_command("backup", str(tmp_path / "absent" / "backup"), stdout=StringIO())


# ================================================================ retention

ON = date(2035, 1, 1)  # ten years after 2025-01-01
CUTOFF = date(2025, 1, 1)


@pytest.fixture
def aged(users, paris, lyon):
    """A dossier closed past ten years on ON, one closed on the cutoff day, one still open."""
    return {
        "old": closed(users, paris, date(2024, 3, 5)),
        "cutoff": closed(users, lyon, CUTOFF, PersonInput("Blessing", "Eze"), full=False),
        "open": refer(users, paris, person=PersonInput("Joy", "Okafo", date(2000, 1, 1))),
    }


@pytest.mark.django_db
def test_closed_dossiers_past_the_retention_age_are_anonymised_and_no_other(aged):
    old = aged["old"]
    kept = {
        key: (
            Person.objects.get(pk=aged[key].person_id).last_name,
            FactRecord.objects.filter(dossier=aged[key]).count(),
        )
        for key in ("cutoff", "open")
    }
    decisions_before = list(
        Decision.objects.filter(dossier=old).values_list("act", "eval_date", "outcome")
    )
    documents_before = list(
        Document.objects.filter(dossier=old).values_list("kind", "valid_from", "valid_until")
    )

    report = durability.purge_closed(years=10, on=ON)

    assert report.numbers == [old.number]
    assert report.cutoff == CUTOFF
    old.refresh_from_db()
    assert old.anonymised and old.state == State.CLOSED and old.closed_on == date(2024, 3, 5)
    person = Person.objects.get(pk=old.person_id)
    assert (person.first_names, person.last_name) == ("—", "—")
    assert (person.date_of_birth, person.nationality, person.foreigner_number) == (None,) * 3
    assert (person.last_name_index, person.full_name_index, person.foreigner_number_index) == (
        ("",) * 3
    )
    assert not Person.objects.filter(last_name_index=blind_index("Okafor")).exists()
    for model in (FactRecord, Annotation, ProcedureStage, Application, Deadline, AssociationShare):
        assert not model.objects.filter(dossier=old).exists(), model.__name__
    decisions = Decision.objects.filter(dossier=old)
    assert list(decisions.values_list("act", "eval_date", "outcome")) == decisions_before
    assert {(d.facts_snapshot, d.motivation) for d in decisions} == {("{}", "")}
    assert all(d.determination == {} for d in decisions)
    documents = Document.objects.filter(dossier=old)
    assert list(documents.values_list("kind", "valid_from", "valid_until")) == documents_before
    assert set(documents.values_list("number", flat=True)) == {""}
    # Closed on the cutoff day (exactly ten years) or still open: untouched.
    for key, (last_name, facts) in kept.items():
        dossier = Dossier.objects.get(pk=aged[key].pk)
        assert not dossier.anonymised
        assert Person.objects.get(pk=dossier.person_id).last_name == last_name
        assert FactRecord.objects.filter(dossier=dossier).count() == facts > 0


@pytest.mark.django_db
def test_aggregate_statistics_survive_the_purge(aged):
    statistics = list(AggregateCount.objects.order_by("pk").values_list())

    durability.purge_closed(years=10, on=ON)

    assert list(AggregateCount.objects.order_by("pk").values_list()) == statistics
    assert sum(count for *_, count in statistics) > 0


@pytest.mark.django_db
def test_the_purge_is_audited_once_per_dossier_without_identity(aged):
    events_before = AuditEvent.objects.count()

    durability.purge_closed(years=10, on=ON)

    events = AuditEvent.objects.filter(sequence__gt=events_before)
    assert [(e.action, e.dossier_number, e.interface) for e in events] == [
        ("purge", aged["old"].number, "command")
    ]
    details = str(events.get().details)
    for value in PLAIN_IDENTITY:
        assert value.decode() not in details
    assert "'retention_years': 10" in details and "'facts':" in details
    assert audit.verify().intact


@pytest.mark.django_db
def test_a_dry_run_lists_what_would_be_purged_and_changes_nothing(aged):
    before = state_of_the_database()

    out = StringIO()
    call_command("purge_closed", "--dry-run", "--years", "10", "--on", "2035-01-01", stdout=out)

    assert state_of_the_database() == before
    text = out.getvalue()
    assert "avant le 2025-01-01 (conservation 10 ans) à anonymiser : 1\n" in text
    assert aged["old"].number in text
    assert aged["cutoff"].number not in text and aged["open"].number not in text
    assert "annotations : 1" in text and "persons : 1" in text
    assert "rien n'a été modifié" in text


@pytest.mark.django_db
def test_the_command_uses_the_configured_retention_and_a_second_run_finds_nothing(aged):
    with override_settings(RETENTION_YEARS=10):
        first, second = StringIO(), StringIO()
        call_command("purge_closed", "--on", "2035-01-01", stdout=first)
        call_command("purge_closed", "--on", "2035-01-01", stdout=second)

    assert "avant le 2025-01-01 (conservation 10 ans) anonymisés : 1\n" in first.getvalue()
    assert aged["old"].number in first.getvalue()
    assert second.getvalue().endswith("anonymisés : 0\n")
    assert AuditEvent.objects.filter(action="purge").count() == 1


@pytest.mark.django_db
def test_a_negative_retention_is_refused():
    with pytest.raises(CommandError, match="Purge impossible : .* négative"):
        call_command("purge_closed", "--years", "-1")
