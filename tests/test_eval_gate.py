"""The evaluation gate: accuracy floors pinned in tests/eval_floors.json may rise, never fall."""
import json
from pathlib import Path

import pytest

from vnevents import evaluate

from .conftest import ROOT

FLOORS = json.loads((Path(__file__).parent / "eval_floors.json").read_text(encoding="utf-8"))
SETS = [name for name in FLOORS if not name.startswith("_")]


@pytest.mark.parametrize("name", SETS)
def test_accuracy_holds_its_floor(name, shared):
    spec = FLOORS[name]
    expand = lambda s: s.format(root=ROOT, shared=shared)
    report = evaluate(Path(expand(spec["gold"])), [Path(expand(p)) for p in spec["paths"]])
    assert not report.errors, report.errors
    print(f"{name}: P={report.precision:.3f} R={report.recall:.3f} F1={report.f1:.3f}")
    assert report.precision >= spec["precision"], f"{name} precision {report.precision:.3f} < {spec['precision']}"
    assert report.recall >= spec["recall"], f"{name} recall {report.recall:.3f} < {spec['recall']}"


def test_dev_set_is_real_and_large_enough():
    lines = (ROOT / "tests/data/gold/dev.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    assert len(records) >= 30
    assert all(r.get("span") and r.get("url") for r in records)
    assert len({e["type"] for r in records for e in r["events"]}) >= 12
