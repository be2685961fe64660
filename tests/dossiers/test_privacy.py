"""No personal data in application logs, SQL logs or emails, whatever the level.

A whole journey runs with every logger at DEBUG, propagating to pytest's capture, and
Django's SQL logging switched on (``django.db.backends`` logs each query with its
parameters): identity data must only ever travel encrypted.
"""

from __future__ import annotations

import logging
import re

import pytest
from django.db import connection

from tests.dossiers.journeys import IDENTITY, full_journey

pytestmark = pytest.mark.django_db


@pytest.fixture
def every_log(caplog):
    """Every logger at DEBUG and propagating to caplog; SQL queries logged."""
    caplog.set_level(logging.DEBUG)  # first: caplog restores the root level it finds here
    loggers = [logging.getLogger()] + [
        logger
        for logger in logging.Logger.manager.loggerDict.values()
        if isinstance(logger, logging.Logger)
    ]
    saved = [(logger, logger.level, logger.propagate, logger.disabled) for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
        logger.propagate = True
        logger.disabled = False
    debug_cursor, connection.force_debug_cursor = connection.force_debug_cursor, True
    yield caplog
    connection.force_debug_cursor = debug_cursor
    for logger, level, propagate, disabled in saved:
        logger.setLevel(level)
        logger.propagate = propagate
        logger.disabled = disabled


#: A Fernet token (version byte 0x80, base64url): ciphertext, not personal data. Tokens run to
#: tens of kilobytes in the SQL log (an encrypted determination), so a five-letter name can
#: turn up in their random characters by chance; they are blanked before the search.
FERNET_TOKEN = re.compile(r"gAAAAA[A-Za-z0-9_\-]+=*")


def _texts(caplog) -> list[str]:
    texts = []
    for record in caplog.records:
        texts.append(record.getMessage())
        texts.append(repr(record.args))
        texts.append(repr(getattr(record, "params", None)))  # SQL parameters
        if record.exc_info:
            texts.append(logging.Formatter().formatException(record.exc_info))
    texts.append(caplog.text)
    return [FERNET_TOKEN.sub("<encrypted>", text) for text in texts]


def test_a_whole_journey_logs_and_mails_no_name_no_date_of_birth_no_foreigner_number(
    every_log, users, paris, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the referral's notice is sent
        dossier = full_journey(users, paris)

    texts = _texts(every_log)
    loggers = {record.name for record in every_log.records}
    assert f"referral {dossier.number} opened" in every_log.text  # the application logged
    assert "django.db.backends" in loggers  # and so did every query
    assert "sejour_traite.dossiers.reminders" in loggers
    for value in IDENTITY:
        leaks = [text for text in texts if value in text]
        assert not leaks, f"{value!r} in the logs: {leaks[0][:300]}"
    subjects = [message.subject for message in mailoutbox]
    assert any(s.startswith("Nouveau signalement") for s in subjects)
    assert any("échéance" in s for s in subjects)
    for message in mailoutbox:
        for value in IDENTITY:
            assert value not in f"{message.subject}\n{message.body}", message.subject


def test_encrypted_tokens_are_blanked_but_plain_names_are_not():
    """The search still sees a name written in clear next to a token."""
    from sejour_traite.dossiers.encryption import encrypt

    token = encrypt("anything")
    assert FERNET_TOKEN.sub("<encrypted>", f"{token} Amina") == "<encrypted> Amina"
    assert FERNET_TOKEN.fullmatch(token)
