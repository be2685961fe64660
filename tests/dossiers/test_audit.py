"""The audit trail: every read and write recorded, in the act's transaction, hash-chained,
verified by ``manage.py verify_audit``, readable by the auditor, free of identity data."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command, execute_from_command_line
from django.db import connection, connections

from sejour_traite.dossiers import audit, queries, services
from sejour_traite.dossiers.errors import TransitionRefused
from sejour_traite.dossiers.models import AuditEvent, AuditHead, Dossier, FactRecord
from tests.dossiers.conftest import REFERRAL_DAY, refer
from tests.dossiers.journeys import IDENTITY, full_journey

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- every service records


def _referral(users, dossier):
    return refer(users, dossier.prefecture, interface="web")


def _view(users, dossier):
    return services.view(dossier.pk, by=users["agent"], interface="web")


def _record_fact(users, dossier):
    return services.record_fact(
        dossier.pk,
        by=users["agent"],
        name="polygamy",
        value=False,
        established_by="prefecture",
        established_on=REFERRAL_DAY,
        version=dossier.version,
        interface="web",
    )


def _report_stage(users, dossier):
    return services.report_procedure_stage(
        dossier.pk,
        by=users["police"],
        stage="prosecution",
        procedure_reference="PV 2024/118",
        on=REFERRAL_DAY,
        interface="web",
    )


def _annotate(users, dossier):
    return services.annotate(
        dossier.pk, by=users["agent"], text="Rendez-vous pris.", interface="web"
    )


def _share(users, dossier):
    return services.share_with_association(
        dossier.pk,
        by=users["agent"],
        association=users["association"],
        on=REFERRAL_DAY,
        interface="web",
    )


def _perform(users, dossier):
    return services.perform(
        dossier.pk,
        "file_application",
        by=users["agent"],
        on=REFERRAL_DAY,
        version=dossier.version,
        interface="web",
    )


SERVICES = {
    # service: (call, user key, action recorded, details expected (a subset), from the users)
    "open_referral": (_referral, "police", "refer", lambda u: {"police_unit": "BRP Paris"}),
    "view": (_view, "agent", "read", lambda u: {}),
    "record_fact": (_record_fact, "agent", "record_fact", lambda u: {"fact": "polygamy"}),
    "report_procedure_stage": (
        _report_stage,
        "police",
        "report_stage",
        lambda u: {"stage": "prosecution"},
    ),
    "annotate": (_annotate, "agent", "annotate", lambda u: {}),
    "share_with_association": (
        _share,
        "agent",
        "share",
        lambda u: {"association_id": u["association"].pk},
    ),
    "perform": (_perform, "agent", "file_application", lambda u: {"outcome": ""}),
}


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_records_who_when_what_and_from_which_interface(dossier, users, service):
    call, who, action, details = SERVICES[service]
    last = AuditEvent.objects.order_by("sequence").last()

    result = call(users, dossier)

    new = list(AuditEvent.objects.filter(sequence__gt=last.sequence).order_by("sequence"))
    assert len(new) == 1
    event = new[0]
    number = result.number if service == "open_referral" else dossier.number
    assert (event.action, event.user_id, event.role) == (action, users[who].pk, users[who].role)
    assert (event.dossier_number, event.prefecture_code, event.interface) == (number, "75", "web")
    assert details(users).items() <= event.details.items()
    if service == "perform":
        assert event.details["decision_id"] == result.pk
    assert event.at is not None
    assert event.previous_hash == last.hash


def test_an_act_whose_audit_cannot_be_written_does_not_happen(dossier, users, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("audit storage unavailable")

    monkeypatch.setattr(audit, "record", broken)

    with pytest.raises(RuntimeError):
        _record_fact(users, dossier)
    with pytest.raises(RuntimeError):
        _perform(users, dossier)

    assert not FactRecord.objects.filter(dossier=dossier, name="polygamy").exists()
    stored = Dossier.objects.get(pk=dossier.pk)
    assert (stored.version, stored.state, stored.decisions.count()) == (
        dossier.version,
        dossier.state,
        0,
    )


def test_an_act_the_law_refuses_leaves_no_audit_event(dossier, users):
    events = AuditEvent.objects.count()

    with pytest.raises(TransitionRefused):
        services.perform(
            dossier.pk, "grant_cst", by=users["agent"], on=REFERRAL_DAY, version=dossier.version
        )

    assert AuditEvent.objects.count() == events


# ---------------------------------------------------------------- verify_audit


def _verify(*args: str) -> str:
    out = StringIO()
    call_command("verify_audit", *args, stdout=out)
    return out.getvalue()


def _execute(sql: str, params: list) -> None:
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(sql.format(table=table), params)


@pytest.fixture
def chain(dossier, users):
    """Six events: the referral, then five reads."""
    for _ in range(5):
        services.view(dossier.pk, by=users["agent"])
    assert AuditEvent.objects.count() == 6
    return dossier


def test_verify_audit_reports_an_intact_chain_and_its_head(chain):
    head = AuditEvent.objects.get(sequence=6)

    assert _verify() == f"Audit chain intact: 6 events.\nHead: 6:{head.hash}\n"


def test_verify_audit_reports_an_empty_trail_as_intact(db):
    assert _verify() == "Audit chain intact: 0 events.\n"


def _change_details(sequence):
    _execute("UPDATE {table} SET details = %s WHERE sequence = %s", ['{"forged": true}', sequence])


def _delete(sequence):
    _execute("DELETE FROM {table} WHERE sequence = %s", [sequence])


def _rewrite_hash(sequence):
    _execute("UPDATE {table} SET hash = %s WHERE sequence = %s", ["f" * 64, sequence])


def _change_details_and_rehash(sequence):
    """A careful forger: the altered event's own hash is recomputed, the next link breaks."""
    event = AuditEvent.objects.get(sequence=sequence)
    event.details = {"forged": True}
    forged = audit.compute_hash(event.previous_hash, event)
    _execute(
        "UPDATE {table} SET details = %s, hash = %s WHERE sequence = %s",
        [json.dumps(event.details), forged, sequence],
    )


def _change_action(sequence):
    _execute("UPDATE {table} SET action = %s WHERE sequence = %s", ["refer", sequence])


TAMPERING = {
    # how: (tamper, sequence tampered, first broken link, reason)
    "details changed": (_change_details, 3, 3, "content altered (hash mismatch)"),
    "action changed": (_change_action, 4, 4, "content altered (hash mismatch)"),
    "event deleted": (_delete, 3, 3, "event missing (sequence gap)"),
    "first event deleted": (_delete, 1, 1, "event missing (sequence gap)"),
    "hash rewritten": (_rewrite_hash, 3, 3, "content altered (hash mismatch)"),
    "details changed, hash recomputed": (
        _change_details_and_rehash,
        3,
        4,
        "previous hash does not match",
    ),
    "last event deleted": (_delete, 6, 6, "event missing"),
}


@pytest.mark.parametrize("how", TAMPERING)
def test_verify_audit_names_the_first_broken_link(chain, how):
    tamper, sequence, broken_at, reason = TAMPERING[how]
    tamper(sequence)

    with pytest.raises(CommandError) as error:
        _verify()

    assert error.value.returncode == 1
    message = str(error.value)
    assert message.startswith(f"Audit chain broken at event #{broken_at}: {reason}")


def test_verify_audit_run_from_manage_py_exits_1_naming_the_link(chain, capsys, monkeypatch):
    monkeypatch.setattr(connections, "close_all", lambda: None)  # keep the test's transaction
    _delete(2)

    with pytest.raises(SystemExit) as exit_:
        execute_from_command_line(["manage.py", "verify_audit"])

    assert exit_.value.code == 1
    assert "Audit chain broken at event #2: event missing" in capsys.readouterr().err


def _rewrite_from(sequence: int, link=audit.compute_hash) -> None:
    """A forger with write access: alter an event, then recompute every later link (with
    ``link``) and the head. With the audit key, only an anchor kept outside the database
    can tell; without it (plain SHA-256, another key), the altered event breaks."""
    previous = AuditEvent.objects.get(sequence=sequence - 1).hash
    for event in AuditEvent.objects.filter(sequence__gte=sequence).order_by("sequence"):
        if event.sequence == sequence:
            event.details = {"forged": True}
        event.previous_hash = previous
        event.hash = previous = link(previous, event)
        _execute(
            "UPDATE {table} SET details = %s, previous_hash = %s, hash = %s WHERE sequence = %s",
            [json.dumps(event.details), event.previous_hash, event.hash, event.sequence],
        )
    AuditHead.objects.filter(pk=1).update(hash=previous)


@pytest.mark.parametrize(
    "link",
    [audit.plain_sha256, lambda previous, event: audit.compute_hash(previous, event, "guess")],
    ids=["plain SHA-256", "another key"],
)
def test_a_chain_rewritten_without_the_audit_key_breaks_at_the_forged_event(chain, link):
    _rewrite_from(3, link)

    report = audit.verify()
    assert (report.broken_at, report.checked) == (3, 2)
    with pytest.raises(CommandError, match="broken at event #3: content altered"):
        _verify()


def test_the_links_are_keyed_with_the_audit_key(chain, settings):
    event = AuditEvent.objects.get(sequence=4)

    assert event.hash == audit.compute_hash(event.previous_hash, event)
    assert event.hash != audit.plain_sha256(event.previous_hash, event)
    settings.AUDIT_KEY = "another-key"
    assert audit.verify().broken_at == 1


def test_a_chain_rewritten_after_a_forged_event_with_the_key_no_longer_holds_its_anchor(chain):
    anchor = _verify().splitlines()[1].removeprefix("Head: ")

    _rewrite_from(3)

    assert _verify().startswith("Audit chain intact")  # with the key, consistent…
    with pytest.raises(CommandError, match="broken at event #6: it no longer matches the anchor"):
        _verify("--anchor", anchor)  # …but the head printed before it is gone


def test_an_anchor_still_in_the_chain_passes_and_a_malformed_one_is_refused(chain, users):
    anchor = _verify().splitlines()[1].removeprefix("Head: ")
    services.view(chain.pk, by=users["agent"])

    assert _verify("--anchor", anchor).startswith("Audit chain intact: 7 events.")
    with pytest.raises(CommandError, match="invalid anchor value"):
        _verify("--anchor", "6-abc")


# ---------------------------------------------------------------- the auditor and identity


def test_the_auditor_reads_the_trail_and_no_one_else(chain, users):
    assert queries.audit_trail(users["auditor"]).count() == 6
    assert queries.audit_trail(users["auditor"], chain.number).count() == 6
    assert queries.audit_trail(users["auditor"], "69-2024-00001").count() == 0
    for who in ("agent", "supervisor", "police", "association", "admin"):
        assert queries.audit_trail(users[who]).count() == 0, who
    assert queries.audit_trail(None).count() == 0


def test_after_a_whole_journey_the_trail_holds_no_identity_data(users, paris):
    dossier = full_journey(users, paris)

    events = list(queries.audit_trail(users["auditor"]).values())
    assert {
        "refer",
        "read",
        "read_denied",
        "annotate",
        "share",
        "report_stage",
        "remind_deadlines",
    } <= {e["action"] for e in events}
    assert {"grant_cst", "renew_cst", "grant_carte_resident"} <= {e["action"] for e in events}
    dumped = json.dumps(events, default=str, ensure_ascii=False)
    for value in IDENTITY:
        assert value not in dumped
    assert all(e["dossier_number"] in ("", dossier.number) for e in events)
    assert _verify().startswith("Audit chain intact")


# ---------------------------------------------------------------- re-sealing


def _reseal(*args: str) -> str:
    out = StringIO()
    call_command("reseal_audit", *args, stdout=out)
    return out.getvalue()


def _seal_all(link) -> None:
    """Rewrite the whole chain with ``link`` (as an older version, or another key, wrote it)."""
    previous = audit.GENESIS
    for event in AuditEvent.objects.order_by("sequence"):
        event.previous_hash = previous
        event.hash = previous = link(previous, event)
        event.save(update_fields=["previous_hash", "hash"])
    AuditHead.objects.filter(pk=1).update(hash=previous)


def test_a_chain_written_before_the_key_is_refused_then_resealed_once(chain, users):
    _seal_all(audit.plain_sha256)
    services.view(chain.pk, by=users["agent"])  # appended after the upgrade, keyed
    with pytest.raises(CommandError, match="broken at event #1: content altered.*reseal_audit"):
        _verify()

    assert _reseal("--dry-run").startswith("Audit chain verified: 7 events would be re-sealed.")
    with pytest.raises(CommandError):
        _verify()
    output = _reseal()

    assert output.startswith("Audit chain verified: 7 events re-sealed.")
    head = AuditEvent.objects.get(sequence=7)
    assert f"Head now: 7:{head.hash}" in output
    assert _verify().startswith("Audit chain intact: 7 events.")


def test_a_change_of_key_is_resealed_with_the_previous_key(chain, monkeypatch):
    _seal_all(lambda previous, event: audit.compute_hash(previous, event, "old-key"))
    monkeypatch.setenv("OLD_AUDIT_KEY", "old-key")

    with pytest.raises(CommandError, match="broken at event #1"):
        _reseal()
    with pytest.raises(CommandError, match="NO_SUCH_VARIABLE_SET is not set"):
        _reseal("--previous-key-env", "NO_SUCH_VARIABLE_SET")
    _reseal("--previous-key-env", "OLD_AUDIT_KEY")

    assert audit.verify().intact


def test_a_broken_chain_is_not_resealed(chain):
    _seal_all(audit.plain_sha256)
    _change_details(4)
    before = list(AuditEvent.objects.order_by("sequence").values_list("hash", flat=True))

    with pytest.raises(CommandError, match="broken at event #4: content altered"):
        _reseal()

    assert list(AuditEvent.objects.order_by("sequence").values_list("hash", flat=True)) == before
