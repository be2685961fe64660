"""Who may do what: the full matrix of permissions.can, and the services that enforce it.

The matrix below is the specification. Each row is one kind of user in one situation
towards a dossier; each column one ``permissions.Action``; ``Y`` = allowed, ``.`` = refused.
A new action or role without its rows and column makes ``test_the_matrix_covers_...`` fail.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from sejour_traite.accounts.models import Role
from sejour_traite.dossiers import queries, services
from sejour_traite.dossiers.errors import ActionNotPermitted
from sejour_traite.dossiers.models import (
    Annotation,
    AssociationShare,
    AuditEvent,
    Decision,
    Dossier,
    FactRecord,
    Person,
    ProcedureStage,
)
from sejour_traite.dossiers.permissions import Action, can, require
from tests.dossiers.conftest import REFERRAL_DAY, make_user, refer

pytestmark = pytest.mark.django_db

COLUMNS = {
    "view": Action.VIEW,
    "ident": Action.VIEW_IDENTITY,
    "facts": Action.EDIT_FACTS,
    "decide": Action.DECIDE,
    "annot": Action.ANNOTATE,
    "notes": Action.READ_ANNOTATIONS,
    "refer": Action.REFER,
    "stage": Action.REPORT_STAGE,
    "stats": Action.VIEW_STATISTICS,
    "audit": Action.VIEW_AUDIT,
    "accts": Action.MANAGE_ACCOUNTS,
}

# A user is of Paris (75), or of the police unit "BRP Paris", wherever that applies.
# Columns: view, view identity, edit facts, decide, annotate, read the notes, refer, report
# the procedure stage, statistics, audit trail, manage accounts.
MATRIX = """
                              view  ident facts decide annot notes refer stage stats audit accts
agent
  own prefecture                Y     Y     Y     Y      Y     Y     .     .     .     .     .
  other prefecture              .     .     .     .      .     .     .     .     .     .     .
  no dossier                    .     .     .     .      .     .     .     .     .     .     .
supervisor
  own prefecture                Y     Y     Y     Y      Y     Y     .     .     Y     .     .
  other prefecture              .     .     .     .      .     .     .     .     .     .     .
  no dossier                    .     .     .     .      .     .     .     .     Y     .     .
police
  own unit                      .     .     .     .      .     .     Y     Y     .     .     .
  own unit, other prefecture    .     .     .     .      .     .     Y     Y     .     .     .
  other unit                    .     .     .     .      .     .     Y     .     .     .     .
  no dossier                    .     .     .     .      .     .     Y     .     .     .     .
association
  shared                        Y     Y     .     .      .     .     .     .     .     .     .
  shared with another           .     .     .     .      .     .     .     .     .     .     .
  share revoked                 .     .     .     .      .     .     .     .     .     .     .
  never shared                  .     .     .     .      .     .     .     .     .     .     .
  no dossier                    .     .     .     .      .     .     .     .     .     .     .
auditor
  own prefecture                .     .     .     .      .     .     .     .     .     Y     .
  other prefecture              .     .     .     .      .     .     .     .     .     Y     .
  no dossier                    .     .     .     .      .     .     .     .     .     Y     .
admin
  own prefecture                .     .     .     .      .     .     .     .     .     .     Y
  other prefecture              .     .     .     .      .     .     .     .     .     .     Y
  no dossier                    .     .     .     .      .     .     .     .     .     .     Y
inactive agent
  own prefecture                .     .     .     .      .     .     .     .     .     .     .
  other prefecture              .     .     .     .      .     .     .     .     .     .     .
  no dossier                    .     .     .     .      .     .     .     .     .     .     .
inactive supervisor
  no dossier                    .     .     .     .      .     .     .     .     .     .     .
inactive police
  own unit                      .     .     .     .      .     .     .     .     .     .     .
inactive association
  shared                        .     .     .     .      .     .     .     .     .     .     .
agent, no prefecture
  own prefecture                .     .     .     .      .     .     .     .     .     .     .
police, no unit
  no unit recorded              .     .     .     .      .     .     Y     .     .     .     .
anonymous (None)
  own prefecture                .     .     .     .      .     .     .     .     .     .     .
  no dossier                    .     .     .     .      .     .     .     .     .     .     .
anonymous (session)
  own prefecture                .     .     .     .      .     .     .     .     .     .     .
  no dossier                    .     .     .     .      .     .     .     .     .     .     .
"""

#: The dossier of each situation (built by the ``world`` fixture below).
SITUATIONS = {
    "own prefecture": "paris",  # prefecture 75, referred by BRP Paris, shared with the association
    "other prefecture": "lyon",  # prefecture 69, referred by SR Lyon, shared with another one
    "own unit": "paris",
    "own unit, other prefecture": "lyon_by_brp",  # 69, referred by BRP Paris, share revoked
    "other unit": "lyon",
    "shared": "paris",
    "shared with another": "lyon",
    "share revoked": "lyon_by_brp",
    "never shared": "no_unit",  # 75, no police unit recorded, never shared
    "no unit recorded": "no_unit",
    "no dossier": None,
}


def _rows() -> list[tuple[str, str, dict[Action, bool]]]:
    header, *lines = MATRIX.strip("\n").splitlines()
    actions = [COLUMNS[name] for name in header.split()]
    rows, who = [], ""
    for line in lines:
        if not line.startswith(" "):
            who = line.strip()
            continue
        words = line.split()
        situation, marks = " ".join(words[: -len(actions)]), words[-len(actions) :]
        assert set(marks) <= {"Y", "."}, line
        rows.append((who, situation, dict(zip(actions, [m == "Y" for m in marks], strict=True))))
    return rows


ROWS = _rows()


def _dossier(number: str, prefecture, police_unit: str) -> Dossier:
    person = Person.objects.create(first_names="Test", last_name=number)
    return Dossier.objects.create(
        number=number, prefecture=prefecture, person=person, police_unit=police_unit
    )


@pytest.fixture
def world(paris, lyon):
    association = make_user("asso", Role.ASSOCIATION, organisation="Association A")
    another = make_user("asso2", Role.ASSOCIATION, organisation="Association B")
    users = {
        "agent": make_user("agent75", Role.AGENT, paris),
        "supervisor": make_user("chef75", Role.SUPERVISOR, paris),
        "police": make_user("opj", Role.POLICE, organisation="BRP Paris"),
        "association": association,
        "auditor": make_user("audit", Role.AUDITOR),
        "admin": make_user("admin", Role.ADMIN),
        "inactive agent": make_user("old75", Role.AGENT, paris),
        "inactive supervisor": make_user("oldchef75", Role.SUPERVISOR, paris),
        "inactive police": make_user("oldopj", Role.POLICE, organisation="BRP Paris"),
        "inactive association": make_user("oldasso", Role.ASSOCIATION),
        "agent, no prefecture": make_user("nowhere", Role.AGENT),
        "police, no unit": make_user("opj0", Role.POLICE),
        "anonymous (None)": None,
        "anonymous (session)": AnonymousUser(),
    }
    for key in ("inactive agent", "inactive supervisor", "inactive police", "inactive association"):
        users[key].is_active = False
        users[key].save(update_fields=["is_active"])
    dossiers = {
        "paris": _dossier("75-2024-00001", paris, "BRP Paris"),
        "lyon": _dossier("69-2024-00001", lyon, "SR Lyon"),
        "lyon_by_brp": _dossier("69-2024-00002", lyon, "BRP Paris"),
        "no_unit": _dossier("75-2024-00002", paris, ""),
    }
    for who in (association, users["inactive association"]):
        AssociationShare.objects.create(
            dossier=dossiers["paris"], association=who, granted_on=REFERRAL_DAY
        )
    AssociationShare.objects.create(
        dossier=dossiers["lyon"], association=another, granted_on=REFERRAL_DAY
    )
    AssociationShare.objects.create(
        dossier=dossiers["lyon_by_brp"],
        association=association,
        granted_on=REFERRAL_DAY,
        revoked_on=date(2024, 4, 1),
    )
    return users, dossiers


@pytest.mark.parametrize(
    ("who", "situation", "expected"), ROWS, ids=[f"{w}: {s}" for w, s, _ in ROWS]
)
def test_permission_matrix(world, who, situation, expected):
    users, dossiers = world
    user = users[who]
    key = SITUATIONS[situation]
    dossier = None if key is None else dossiers[key]

    actual = {action: can(user, action, dossier) for action in Action}

    assert actual == expected


def test_the_matrix_covers_every_action_every_role_and_the_unauthenticated():
    header = MATRIX.strip("\n").splitlines()[0]
    assert [COLUMNS[name] for name in header.split()] == list(Action)
    rows = {(who, situation) for who, situation, _ in ROWS}
    assert len(rows) == len(ROWS), "a row is written twice"
    whos = {who for who, _ in rows}
    assert {role.value for role in Role} <= whos
    assert {"inactive agent", "anonymous (None)", "anonymous (session)"} <= whos
    for role in (Role.AGENT, Role.SUPERVISOR, "inactive agent", Role.AUDITOR, Role.ADMIN):
        assert {(role, "own prefecture"), (role, "other prefecture")} <= rows
    assert {("police", "own unit"), ("police", "other unit")} <= rows
    assert {("association", s) for s in ("shared", "never shared", "share revoked")} <= rows


# ---------------------------------------------------------------- services enforce it


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            FactRecord,
            Decision,
            Annotation,
            AssociationShare,
            ProcedureStage,
            AuditEvent,
        )
    }


@pytest.fixture
def outsider(users):
    """An agent of Lyon: the Paris dossier is not hers."""
    return users["other_agent"]


def test_an_agent_of_another_prefecture_cannot_record_a_fact_and_nothing_is_written(
    dossier, outsider
):
    before, version = _counts(), dossier.version

    with pytest.raises(ActionNotPermitted, match=dossier.number):
        services.record_fact(
            dossier.pk,
            by=outsider,
            name="polygamy",
            value=False,
            established_by="prefecture",
            established_on=REFERRAL_DAY,
            version=version,
        )

    assert _counts() == before  # no fact, and no audit event: the refusal rolled it all back
    assert Dossier.objects.get(pk=dossier.pk).version == version


def test_an_agent_of_another_prefecture_cannot_decide_and_nothing_is_written(dossier, outsider):
    before = _counts()

    with pytest.raises(ActionNotPermitted):
        services.perform(
            dossier.pk,
            "deliver_reflection_recepisse",
            by=outsider,
            on=REFERRAL_DAY,
            version=dossier.version,
        )

    assert _counts() == before
    assert Dossier.objects.get(pk=dossier.pk).state == dossier.state


def test_an_agent_of_another_prefecture_cannot_annotate_nor_share(dossier, users, outsider):
    before = _counts()

    with pytest.raises(ActionNotPermitted):
        services.annotate(dossier.pk, by=outsider, text="note")
    with pytest.raises(ActionNotPermitted):
        services.share_with_association(
            dossier.pk, by=outsider, association=users["association"], on=REFERRAL_DAY
        )

    assert _counts() == before


def test_a_police_unit_cannot_report_the_stage_of_a_referral_it_did_not_make(dossier, users):
    before = _counts()

    with pytest.raises(ActionNotPermitted):
        services.report_procedure_stage(
            dossier.pk,
            by=users["other_police"],
            stage="prosecution",
            procedure_reference="PV 2024/118",
            on=REFERRAL_DAY,
        )

    assert _counts() == before


def test_only_the_police_refers_and_a_refused_referral_creates_nothing(users, paris):
    dossiers, events = Dossier.objects.count(), AuditEvent.objects.count()

    with pytest.raises(ActionNotPermitted):
        refer(users, paris, by=users["agent"])

    assert (Dossier.objects.count(), AuditEvent.objects.count()) == (dossiers, events)


def test_a_refused_read_raises_and_is_audited_as_read_denied(dossier, outsider):
    with pytest.raises(ActionNotPermitted):
        services.view(dossier.pk, by=outsider)

    event = AuditEvent.objects.order_by("sequence").last()
    assert (event.action, event.user_id, event.dossier_number) == (
        "read_denied",
        outsider.pk,
        dossier.number,
    )
    assert event.details == {"action": "view"}
    assert not AuditEvent.objects.filter(action="read", user_id=outsider.pk).exists()


@pytest.mark.parametrize("who", ["police", "auditor", "admin", "association"])
def test_no_one_but_the_prefecture_and_a_chosen_association_reads_a_dossier(dossier, users, who):
    with pytest.raises(ActionNotPermitted):
        services.view(dossier.pk, by=users[who])

    assert AuditEvent.objects.filter(action="read_denied", user_id=users[who].pk).count() == 1


def test_an_association_reads_a_dossier_once_shared_and_no_longer_once_revoked(dossier, users):
    association = users["association"]
    share = services.share_with_association(
        dossier.pk, by=users["agent"], association=association, on=REFERRAL_DAY
    )

    assert services.view(dossier.pk, by=association).number == dossier.number

    share.revoked_on = date(2024, 4, 1)
    share.save(update_fields=["revoked_on"])
    with pytest.raises(ActionNotPermitted):
        services.view(dossier.pk, by=association)


def test_an_anonymous_read_is_refused_and_audited_without_a_user(dossier):
    with pytest.raises(ActionNotPermitted):
        services.view(dossier.pk, by=None)

    event = AuditEvent.objects.order_by("sequence").last()
    assert (event.action, event.user_id, event.role) == ("read_denied", None, "")


def test_a_refused_write_check_is_not_audited_outside_a_transaction(dossier, outsider):
    events = AuditEvent.objects.count()

    with pytest.raises(ActionNotPermitted):
        require(outsider, Action.DECIDE, dossier)

    assert AuditEvent.objects.count() == events  # only refused reads are audited


# ---------------------------------------------------------------- lists agree with can()


def test_visible_dossiers_are_exactly_those_the_user_may_view(world):
    users, dossiers = world

    for who, user in users.items():
        visible = set(queries.visible_dossiers(user).values_list("number", flat=True))

        expected = {d.number for d in dossiers.values() if can(user, Action.VIEW, d)}
        assert visible == expected, who
