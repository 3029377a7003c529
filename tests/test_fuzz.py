"""A short run of tools/fuzz.py (the full run is 100,000 inputs, README: Reliability): mutated
corpus articles read and analysed with no exception but the project's named errors."""
from __future__ import annotations

import importlib.util
import sys

from .conftest import ROOT

FUZZ_INPUTS = 1500


def _fuzz():
    spec = importlib.util.spec_from_file_location("vnevents_fuzz", ROOT / "tools" / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_generated_inputs_are_analysed_or_refused_by_name_never_crash(shared):
    fuzz = _fuzz()
    summary = fuzz.run(FUZZ_INPUTS, workers=1, seed=7)
    assert summary.inputs == FUZZ_INPUTS
    assert summary.crashes == [], summary.crashes[:3]
    # the run reached every kind of input, and both ends: articles coded and inputs refused
    assert set(summary.kinds) == {g.__name__ for g, _ in fuzz.GENERATORS}
    assert summary.articles > FUZZ_INPUTS // 4 and summary.events > 0
    assert {"E102", "E103", "E105"} <= set(summary.refused)
