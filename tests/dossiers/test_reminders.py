"""Reminders of deadlines: one email per prefecture, to its active staff, each deadline once."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sejour_traite.accounts.models import Role, User
from sejour_traite.dossiers import deadlines, reminders, services
from sejour_traite.dossiers.models import AuditEvent, Deadline
from tests.dossiers.conftest import make_user
from tests.dossiers.journeys import IDENTITY, in_reflection
from tests.dossiers.test_journey import act, fact

pytestmark = pytest.mark.django_db

#: The reflection period delivered on REFERRAL_DAY (2024-03-01) ends on 2024-03-31, and so
#: does the récépissé: two deadlines per dossier on that day.
DUE = date(2024, 3, 31)
WEEK_BEFORE = date(2024, 3, 24)


@pytest.fixture
def paris_dossier(users, paris):
    return in_reflection(users, paris, users["agent"])


@pytest.fixture
def lyon_dossier(users, lyon):
    return in_reflection(users, lyon, users["other_agent"])


def _reminded(dossier) -> dict[str, bool]:
    return {d.kind: d.reminded_at is not None for d in Deadline.objects.filter(dossier=dossier)}


def test_each_prefecture_gets_one_email_listing_its_deadlines_due_within_the_week(
    paris_dossier, lyon_dossier, users, mailoutbox
):
    retired = make_user("retired75", Role.AGENT, paris_dossier.prefecture)
    retired.is_active = False
    retired.save(update_fields=["is_active"])

    report = reminders.send_reminders(WEEK_BEFORE)

    assert (report.emails_sent, report.deadlines_reminded) == (2, 4)
    by_subject = {m.subject: m for m in mailoutbox}
    assert len(by_subject) == 2
    paris_mail = next(m for m in mailoutbox if "(75)" in m.subject)
    lyon_mail = next(m for m in mailoutbox if "(69)" in m.subject)
    assert sorted(paris_mail.to) == ["agent75@example.org", "chef75@example.org"]
    assert sorted(lyon_mail.to) == ["agent69@example.org", "chef69@example.org"]
    assert paris_mail.subject == (
        "2 échéances du 24/03/2024 au 31/03/2024 — Préfecture de police (75)"
    )
    assert "- 31/03/2024 · dossier 75-2024-00001 · Fin du délai de réflexion" in paris_mail.body
    assert "- 31/03/2024 · dossier 75-2024-00001 · Expiration du document" in paris_mail.body
    assert "69-2024-00001" not in paris_mail.body
    assert "69-2024-00001" in lyon_mail.body
    for message in mailoutbox:
        for value in IDENTITY:
            assert value not in message.body + message.subject
    assert _reminded(paris_dossier) == {"reflection_end": True, "document_expiry": True}


def test_running_twice_sends_nothing_the_second_time(paris_dossier, mailoutbox):
    reminders.send_reminders(WEEK_BEFORE)
    reminders.send_reminders(WEEK_BEFORE)
    again = reminders.send_reminders(date(2024, 3, 28))

    assert len(mailoutbox) == 1
    assert (again.emails_sent, again.deadlines_reminded, again.prefectures) == (0, 0, ())


@pytest.mark.parametrize(
    ("on", "days", "sent"),
    [
        (date(2024, 3, 23), 7, False),  # the 31st is the 8th day: not yet
        (WEEK_BEFORE, 7, True),  # the last day of the horizon counts
        (date(2024, 3, 20), 11, True),
        (DUE, 0, True),  # on the day itself
        (date(2024, 4, 1), 7, False),  # past: not reminded
    ],
)
def test_only_deadlines_falling_due_within_the_horizon_are_sent(
    paris_dossier, mailoutbox, on, days, sent
):
    reminders.send_reminders(on, horizon_days=days)

    assert bool(mailoutbox) is sent
    assert all(_reminded(paris_dossier).values()) is sent


def test_a_closed_dossier_is_not_reminded(paris_dossier, users, mailoutbox):
    services.perform(
        paris_dossier.pk,
        "close",
        by=users["agent"],
        on=date(2024, 3, 20),
        version=paris_dossier.version,
        motivation="La personne a quitté le territoire.",
    )

    reminders.send_reminders(WEEK_BEFORE)

    assert mailoutbox == []


def test_a_prefecture_with_nobody_to_tell_is_reported_and_reminded_once_someone_is_there(
    paris_dossier, users, mailoutbox
):
    User.objects.filter(prefecture=paris_dossier.prefecture).update(is_active=False)

    first = reminders.send_reminders(WEEK_BEFORE)

    assert mailoutbox == []
    assert [(p.prefecture_code, p.deadlines, p.sent) for p in first.prefectures] == [
        ("75", 2, False)
    ]
    assert not any(_reminded(paris_dossier).values())

    make_user("new75", Role.AGENT, paris_dossier.prefecture)
    reminders.send_reminders(WEEK_BEFORE)

    assert [m.to for m in mailoutbox] == [["new75@example.org"]]


def test_when_the_email_cannot_be_sent_nothing_is_marked(paris_dossier, mailoutbox, monkeypatch):
    def refused(*args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(reminders, "send_mail", refused)

    with pytest.raises(ConnectionRefusedError):
        reminders.send_reminders(WEEK_BEFORE)

    assert not any(_reminded(paris_dossier).values())
    assert not AuditEvent.objects.filter(action="remind_deadlines").exists()


def test_each_reminded_dossier_gets_an_audit_event_with_kinds_and_no_dates(paris_dossier):
    reminders.send_reminders(WEEK_BEFORE)

    event = AuditEvent.objects.get(action="remind_deadlines")
    assert (event.dossier_number, event.user_id, event.interface) == (
        paris_dossier.number,
        None,
        "command",
    )
    assert sorted(event.details["deadlines"]) == ["document_expiry", "reflection_end"]
    assert event.details["recipients"] == 2


# ---------------------------------------------------------------- re-arming


def test_a_deadline_whose_date_changes_is_re_armed(paris_dossier, users, mailoutbox):
    reminders.send_reminders(WEEK_BEFORE)

    # Filing the application replaces the reflection récépissé by an instruction récépissé
    # valid four months: the document expiry moves, and must be reminded again.
    act(paris_dossier, users["agent"], "file_application", date(2024, 3, 26))

    expiry = Deadline.objects.get(dossier=paris_dossier, kind="document_expiry")
    assert (expiry.due_on, expiry.reminded_at) == (date(2024, 7, 25), None)
    reminders.send_reminders(date(2024, 7, 20))
    assert len(mailoutbox) == 2
    assert "- 25/07/2024 · dossier 75-2024-00001 · Expiration du document" in mailoutbox[1].body


def test_an_act_that_leaves_a_date_unchanged_does_not_re_arm_it(paris_dossier, users, mailoutbox):
    reminders.send_reminders(WEEK_BEFORE)

    fact(paris_dossier, users["agent"], "photo_provided", True, on=date(2024, 3, 25))

    assert _reminded(paris_dossier) == {"reflection_end": True, "document_expiry": True}
    reminders.send_reminders(WEEK_BEFORE)
    assert len(mailoutbox) == 1


def test_refresh_resets_reminded_at_only_when_the_due_date_changes(paris_dossier):
    reminders.send_reminders(WEEK_BEFORE)
    data = {"deadlines": {"reflection_end": "2024-03-31", "document_expiry": "2024-04-30"}}

    deadlines.refresh(paris_dossier, data, application_pending=False)

    assert _reminded(paris_dossier) == {"reflection_end": True, "document_expiry": False}


# ---------------------------------------------------------------- the command


def _command(*args: str) -> str:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_the_command_sends_and_prints_a_summary_then_nothing_twice(
    paris_dossier, lyon_dossier, mailoutbox
):
    first = _command("--date", "2024-03-24", "--days", "7")
    second = _command("--date", "2024-03-24")

    assert first.splitlines() == [
        "69: 2 deadline(s) sent to 2 recipient(s)",
        "75: 2 deadline(s) sent to 2 recipient(s)",
        "2 email(s) sent, 4 deadline(s) reminded, from 2024-03-24 to 2024-03-31.",
    ]
    assert second == "0 email(s) sent, 0 deadline(s) reminded, from 2024-03-24 to 2024-03-31.\n"
    assert len(mailoutbox) == 2


def test_the_command_refuses_a_negative_horizon_and_a_bad_date(db):
    with pytest.raises(CommandError, match="--days"):
        _command("--days", "-1")
    with pytest.raises(CommandError, match="date"):
        _command("--date", "31/03/2024")


def test_the_command_reports_a_prefecture_with_nobody_to_tell(paris_dossier, users):
    User.objects.filter(prefecture=paris_dossier.prefecture).update(is_active=False)
    err = StringIO()

    out = StringIO()
    call_command("send_reminders", "--date", "2024-03-24", stdout=out, stderr=err)

    assert "75: 2 deadline(s) due but no active agent or supervisor" in err.getvalue()
    assert out.getvalue().startswith("0 email(s) sent")
