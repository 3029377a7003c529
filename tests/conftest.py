"""Shared fixtures: the repository's examples, the project's shared/ folder, the output schema."""
from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

from vnevents import service

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SCHEMA = json.loads((ROOT / "src" / "vnevents" / "schema" / "article.schema.json").read_text(encoding="utf-8"))
SHARED = Path(os.environ.get("VNEVENTS_SHARED", ROOT.parent / "shared"))
SEED_DATES = {"000_80fee103ab6e860c.txt": "2024-04", "001_75dbe35eade5f37d.txt": "2024-06"}


def validate(record: dict) -> None:
    jsonschema.validate(record, SCHEMA)


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "gold" / "seeds.jsonl").exists():
        pytest.fail(f"shared folder not found at {SHARED}: set VNEVENTS_SHARED")
    return SHARED


@pytest.fixture(scope="session")
def seeds() -> dict[str, object]:
    """The three example articles, analysed once for the whole session."""
    out = {}
    for path in sorted(EXAMPLES.glob("*.txt")):
        article = service.analyze(path.read_text(encoding="utf-8"), date=SEED_DATES.get(path.name), path=path.name)
        validate(article.to_dict())
        out[path.name] = article
    return out


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    """An empty database of each kind the project supports. PostgreSQL is the server that
    scripts/test.sh starts (scripts/pg-server.sh); in CI its absence fails rather than skips."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'events.db'}"
    url = os.environ.get("VNEVENTS_TEST_PG_URL")
    if not url:
        message = "no PostgreSQL server: run the tests with scripts/test.sh (it starts one) or set VNEVENTS_TEST_PG_URL"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as connection:  # each test starts from an empty database
        connection.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    return url
