"""Property-based tests of the REST API against its own OpenAPI document (schemathesis, in
process over ASGI): for generated requests to every operation, no server error, and every answer
conforms to the schema its operation declares (status code, content type, body)."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from vnevents import service
from vnevents.config import Settings
from vnevents.web import create_app

from ..conftest import EXAMPLES, SEED_DATES

# Bounded so the whole run stays well under a minute on two cores: a few generated requests per
# operation, plus schemathesis' own examples and boundary values ("coverage" phase) for each.
EXAMPLES_PER_OPERATION = 20
BOUNDS = {"generation": {"max-examples": EXAMPLES_PER_OPERATION}, "phases": {"stateful": {"enabled": False}}}
CONFIG = schemathesis.Config.from_dict({
    **BOUNDS,
    # A page with no article text, or text that is not Vietnamese, fits the schema yet cannot be
    # analysed: 422 there is the documented answer, not a rejected valid request.
    "operations": [{"include-path": "/api/analyze", "checks": {"positive_data_acceptance": {
        "expected-statuses": ["2xx", "401", "403", "404", "422", "429"]}}}],
})


# The app is built when the module is read (schemathesis makes one test per operation from its
# OpenAPI document at collection; its fixture-based loader fails under pytest 9), over an empty
# database in a folder of its own that the fixture below fills before the first request.
FOLDER = Path(tempfile.mkdtemp(prefix="vnevents-schemathesis-"))
DB_URL = f"sqlite:///{FOLDER / 'events.db'}"
# no rate limit: hundreds of requests come from one client within seconds
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(DB_URL, settings=Settings(api_rate_per_minute=0)),
                                        config=CONFIG)


@pytest.fixture(scope="module", autouse=True)
def seeded():
    for outcome in service.ingest_paths(sorted(EXAMPLES.glob("*.txt")), DB_URL, date=SEED_DATES["000_80fee103ab6e860c.txt"]):
        assert outcome.error is None
    yield
    shutil.rmtree(FOLDER, ignore_errors=True)


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture])
def test_every_operation_conforms_to_its_schema(case):
    case.call_and_validate()


# The writing operations of a server that allows writes: schemathesis has no token, so each must
# answer 401 (or refuse a malformed body) and never write or fail.
writable = schemathesis.openapi.from_asgi(
    "/openapi.json", create_app(DB_URL, settings=Settings(api_rate_per_minute=0), allow_writes=True, token="not-known"),
    config=schemathesis.Config.from_dict(BOUNDS))  # (an `operations` entry would override `include`)


@writable.include(tag="writes").parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture])
def test_writing_operations_without_the_token_conform_and_refuse(case):
    response = case.call_and_validate()
    assert response.status_code in (400, 401, 405, 413, 422)
