"""PLOVER event types and their CAMEO crosswalk, read from data/reference/*.tsv.

The tables come from the PLOVER manual (2.0 draft) and GDELT's CAMEO lookup files; see
data/reference/README.md for the two corrections applied to the PLOVER draft.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .config import DATA_DIR

# PLOVER type -> the CAMEO root an event of that type exports as when a pattern names none.
DEFAULT_CAMEO_ROOT = {
    "AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "CONCEDE": "08", "COOPERATE": "06",
    "AID": "07", "RETREAT": "08", "REQUEST": "10", "ACCUSE": "11", "REJECT": "12",
    "THREATEN": "13", "PROTEST": "14", "MOBILIZE": "15", "SANCTION": "16", "COERCE": "17",
    "ASSAULT": "18",
}  # fmt: skip

FACTUALITIES = ("asserted", "reported", "denied", "planned", "speculated")


@dataclass(frozen=True)
class PloverType:
    name: str
    quad: int
    score: float
    modes: dict[str, float]


@dataclass(frozen=True)
class CameoRoot:
    code: str
    name: str
    quad_class: int
    goldstein: float


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


@lru_cache(maxsize=None)
def plover_types(data_dir: Path = DATA_DIR) -> dict[str, PloverType]:
    types = {}
    for row in _rows(data_dir / "reference" / "plover.tsv"):
        modes = {}
        for item in (row.get("modes (mode:score)") or "").split():
            mode, _, score = item.partition(":")
            modes[mode] = float(score) if score else float(row["score"])
        types[row["type"]] = PloverType(row["type"], int(row["quad"]), float(row["score"]), modes)
    return types


@lru_cache(maxsize=None)
def cameo_roots(data_dir: Path = DATA_DIR) -> dict[str, CameoRoot]:
    return {
        row["code"]: CameoRoot(row["code"], row["name"], int(row["gdelt_quad"]), float(row["goldstein"]))
        for row in _rows(data_dir / "reference" / "cameo_roots.tsv")
    }
