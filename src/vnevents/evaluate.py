"""Scoring against hand-coded gold (rules of shared/gold/README.md).

Per article, each predicted and gold event becomes the triple (source country, type, target
country); repeats drop. CONSULT and COOPERATE match in either direction. Recall counts required
gold triples; precision counts predictions matching any gold triple, optional ones included.
Micro-averaged over all articles. Date and factuality accuracy are measured on matched events,
comparing a prediction with the gold event coded from the same sentence where there is one.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import errors
from .ontology import FACTUALITIES, plover_types

SYMMETRIC = {"CONSULT", "COOPERATE"}
RELIABILITY_BINS = ((0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.0))


@dataclass
class GoldDoc:
    doc: str
    doc_date: str | None
    events: list[dict[str, Any]]
    span: tuple[int, int] | None = None
    line: int = 0

    @property
    def key(self) -> str:
        return f"{self.doc}[{self.span[0]}:{self.span[1]}]" if self.span else self.doc


def load_gold(path: Path) -> list[GoldDoc]:
    docs = []
    types = plover_types()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise errors.GoldError(f"cannot read gold file: {exc}", path=str(path)) from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise errors.GoldError(f"line {number} is not valid JSON: {exc.msg}", path=str(path)) from None
        if not isinstance(record, dict) or "doc" not in record or not isinstance(record.get("events"), list):
            raise errors.GoldError(f'line {number} needs "doc" and a list "events"', path=str(path))
        for event in record["events"]:
            if event.get("type") not in types:
                raise errors.GoldError(f"line {number}: unknown PLOVER type {event.get('type')!r}", path=str(path))
            if event.get("factuality") and event["factuality"] not in FACTUALITIES:
                raise errors.GoldError(f"line {number}: unknown factuality {event['factuality']!r}", path=str(path))
        span = tuple(record["span"]) if record.get("span") else None
        docs.append(GoldDoc(record["doc"], record.get("doc_date"), record["events"], span, number))  # type: ignore[arg-type]
    if not docs:
        raise errors.GoldError("gold file has no records", path=str(path))
    return docs


def triple(source: str | None, type_: str, target: str | None) -> tuple:
    return (source, type_, target)


def _matches(predicted: tuple, gold: tuple) -> bool:
    if predicted == gold:
        return True
    return predicted[1] == gold[1] and predicted[1] in SYMMETRIC and (predicted[2], predicted[0]) == (gold[0], gold[2])


def _date_right(predicted: str | None, gold: str) -> bool:
    return bool(predicted) and predicted[: len(gold)] == gold and len(predicted) >= len(gold)


def _same_mention(best: dict[str, Any], candidates: list[dict[str, Any]], hit: list[dict[str, Any]]):
    """The predicted and gold events of one matched triple that come from the same place in the text.

    An article can tell one triple twice (a coup "last year" and "in July"); its date and factuality
    are only comparable between mentions of the same passage: a predicted event whose sentence holds
    a gold event's evidence. Without such a pair, the most confident prediction against every gold
    event of the triple."""
    for event in sorted(candidates, key=lambda e: -e.get("confidence", 0.0)):
        sentence = _squash((event.get("evidence") or {}).get("text") or "")
        paired = [g for g in hit if g.get("evidence") and _squash(g["evidence"]) in sentence]
        if paired:
            return event, paired
    return best, hit


def _squash(text: str) -> str:
    return " ".join(text.split()).lower()


@dataclass
class DocScore:
    key: str
    predicted: list[tuple]
    required: list[tuple]
    optional: list[tuple]
    true_positives: list[tuple] = field(default_factory=list)
    false_positives: list[tuple] = field(default_factory=list)
    missed: list[tuple] = field(default_factory=list)


@dataclass
class Report:
    docs: list[DocScore]
    predicted: int
    correct: int
    required: int
    found: int
    per_type: dict[str, dict[str, int]]
    date_right: int
    date_total: int
    factuality_right: int
    factuality_total: int
    errors: list[str] = field(default_factory=list)
    # (confidence, correct) for every predicted triple: the reliability table is built from these.
    calibration: list[tuple[float, bool]] = field(default_factory=list)

    def reliability(self) -> list[dict[str, Any]]:
        """Predictions binned by confidence, with the share that matched gold in each bin."""
        rows = []
        for low, high in RELIABILITY_BINS:
            inside = [ok for conf, ok in self.calibration if low <= conf < high or (high == 1.0 and conf == 1.0)]
            rows.append({"from": low, "to": high, "predicted": len(inside), "correct": sum(inside),
                         "precision": round(sum(inside) / len(inside), 4) if inside else None})
        return rows

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "predicted": self.predicted,
            "correct": self.correct,
            "required": self.required,
            "found": self.found,
            "date_accuracy": round(self.date_right / self.date_total, 4) if self.date_total else None,
            "date_total": self.date_total,
            "factuality_accuracy": round(self.factuality_right / self.factuality_total, 4) if self.factuality_total else None,
            "factuality_total": self.factuality_total,
            "per_type": self.per_type,
            "reliability": self.reliability(),
            "documents": [
                {"doc": d.key, "true_positives": d.true_positives, "false_positives": d.false_positives, "missed": d.missed}
                for d in self.docs
            ],
            "errors": self.errors,
        }


def score(pairs: list[tuple[GoldDoc, list[dict[str, Any]]]], failures: list[str] | None = None) -> Report:
    """`pairs`: each gold doc with the predicted events (as dicts of the output contract)."""
    per_type: dict[str, Counter] = {}
    calibration: list[tuple[float, bool]] = []
    docs = []
    totals = Counter()
    for gold, predicted_events in pairs:
        predicted: dict[tuple, dict[str, Any]] = {}
        mentions: dict[tuple, list[dict[str, Any]]] = {}
        for event in predicted_events:
            key = triple((event["source"] or {}).get("country"), event["type"], (event["target"] or {}).get("country"))
            mentions.setdefault(key, []).append(event)
            if key not in predicted or predicted[key]["confidence"] < event["confidence"]:
                predicted[key] = event
        required = list(dict.fromkeys(triple(e.get("source"), e["type"], e.get("target")) for e in gold.events if not e.get("optional")))
        every = list(dict.fromkeys(triple(e.get("source"), e["type"], e.get("target")) for e in gold.events))
        optional = [t for t in every if t not in required]
        doc = DocScore(gold.key, list(predicted), required, optional)
        for key, event in predicted.items():
            counts = per_type.setdefault(key[1], Counter())
            hit = [g for g in gold.events if _matches(key, triple(g.get("source"), g["type"], g.get("target")))]
            if hit:
                doc.true_positives.append(key)
                counts["correct"] += 1
                event, hit = _same_mention(event, mentions[key], hit)
                dated = [g for g in hit if g.get("date")]
                if dated:
                    totals["date_total"] += 1
                    totals["date_right"] += any(_date_right((event.get("date") or {}).get("value"), g["date"]) for g in dated)
                totals["fact_total"] += 1
                totals["fact_right"] += any(g.get("factuality", "asserted") == event.get("factuality") for g in hit)
            else:
                doc.false_positives.append(key)
            counts["predicted"] += 1
            calibration.append((event.get("confidence", 0.0), bool(hit)))
        for key in required:
            counts = per_type.setdefault(key[1], Counter())
            counts["required"] += 1
            if any(_matches(p, key) for p in predicted):
                counts["found"] += 1
            else:
                doc.missed.append(key)
        docs.append(doc)
    per_type_out = {}
    for type_, c in sorted(per_type.items()):
        p = c["correct"] / c["predicted"] if c["predicted"] else None
        r = c["found"] / c["required"] if c["required"] else None
        per_type_out[type_] = {"predicted": c["predicted"], "correct": c["correct"], "required": c["required"],
                               "found": c["found"], "precision": round(p, 4) if p is not None else None,
                               "recall": round(r, 4) if r is not None else None}
    return Report(
        docs=docs,
        predicted=sum(len(d.predicted) for d in docs),
        correct=sum(len(d.true_positives) for d in docs),
        required=sum(len(d.required) for d in docs),
        found=sum(len(d.required) - len(d.missed) for d in docs),
        per_type=per_type_out,
        date_right=totals["date_right"],
        date_total=totals["date_total"],
        factuality_right=totals["fact_right"],
        factuality_total=totals["fact_total"],
        errors=failures or [],
        calibration=calibration,
    )
