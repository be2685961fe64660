"""API fuzzing from the OpenAPI document (schemathesis, in process, bounded): no 500, and
every response conforms to the schema (status code, content type, body, headers).

The facts of a situation are validated by the law's own vocabulary (legal-spec §5), richer
than the request schema says: a schema-valid request may still be answered 422 with the
faulty fact named. The two "acceptance" checks, which expect the schema alone to decide,
are therefore left out; every conformance check and the server-error check run."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from sejour_traite.accounts import tokens
from sejour_traite.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
# The middleware stack (sessions, second factor, lockout) and the authenticated endpoints
# read the database.
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The WSGI handler closes the connections at the end of each request; in a test that
    would close the test transaction's connection (PostgreSQL)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_public_api_never_fails_and_conforms_to_its_schema(case):
    case.call_and_validate(excluded_checks=[positive_data_acceptance, negative_data_rejection])


# The acts of the lifecycle, with an agent's token and on a real dossier of her prefecture
# (otherwise every call would stop at 401 or 404): random dates, versions, motivations,
# durations and acts reach the service, whose every refusal must be a declared problem.
acts = schema.include(path_regex="/acts")


@acts.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_acts_endpoints_never_fail_with_a_token(case, dossier, users):
    token = tokens.create(users["agent"], "fuzz")[1]
    case.path_parameters = {**(case.path_parameters or {}), "dossier_id": dossier.pk}
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"},
        excluded_checks=[positive_data_acceptance, negative_data_rejection],
    )
