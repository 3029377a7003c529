"""Every pattern in data/patterns.yaml codes its own example sentence."""
import pytest

from vnevents import analyze
from vnevents.resources import load

PATTERNS = load().patterns


@pytest.mark.parametrize("pattern", PATTERNS, ids=[p["id"] for p in PATTERNS])
def test_pattern_codes_its_example(pattern):
    assert pattern.get("example"), f"pattern {pattern['id']} has no example"
    events = analyze(pattern["example"], date="2024-06-01").events
    assert any(e.pattern == pattern["id"] and e.type == pattern["type"] and e.source is not None for e in events), \
        [(e.pattern, e.type, e.source, e.target) for e in events]


def test_pattern_ids_are_unique_and_types_are_plover():
    from vnevents.ontology import plover_types

    ids = [p["id"] for p in PATTERNS]
    assert len(ids) == len(set(ids))
    assert {p["type"] for p in PATTERNS} <= set(plover_types())
