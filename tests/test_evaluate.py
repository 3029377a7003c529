"""Scoring rules of shared/gold/README.md, on hand-made predictions."""
import json

import pytest

from vnevents import errors
from vnevents.evaluate import GoldDoc, load_gold, score


def event(source, type_, target, confidence=0.7, factuality="asserted", date=None):
    return {"source": {"country": source} if source else None, "type": type_,
            "target": {"country": target} if target else None, "confidence": confidence,
            "factuality": factuality, "date": {"value": date}}


GOLD = GoldDoc("a.txt", "2024-04", [
    {"source": "RUS", "type": "CONSULT", "target": "NER", "factuality": "reported", "date": "2024-03"},
    {"source": "FRA", "type": "RETREAT", "target": "NER", "date": "2023-12"},
    {"source": "NER", "type": "SANCTION", "target": "FRA", "optional": True},
])


def test_symmetric_types_match_either_way_and_optional_events_are_never_wrong():
    report = score([(GOLD, [event("NER", "CONSULT", "RUS", factuality="reported", date="2024-03-05"),
                            event("NER", "SANCTION", "FRA")])])
    assert (report.predicted, report.correct, report.required, report.found) == (2, 2, 2, 1)
    assert report.precision == 1.0 and report.recall == 0.5
    assert (report.factuality_right, report.factuality_total) == (2, 2)
    assert (report.date_right, report.date_total) == (1, 1)  # a day inside the gold month is right


def test_repeated_triples_count_once_and_wrong_direction_is_wrong():
    report = score([(GOLD, [event("FRA", "RETREAT", "NER"), event("FRA", "RETREAT", "NER"),
                            event("NER", "RETREAT", "FRA")])])
    assert (report.predicted, report.correct, report.found) == (2, 1, 1)


def test_date_and_factuality_compare_mentions_of_the_same_sentence():
    gold = GoldDoc("b.txt", "2024-06", [
        {"source": "NER", "type": "COERCE", "target": "NER", "date": "2023-07", "factuality": "asserted",
         "evidence": "quân đội Niger đã tiến hành đảo chính"},
        {"source": "NER", "type": "COERCE", "target": "NER", "date": "2023", "factuality": "asserted",
         "evidence": "Bazoum bị lật đổ vào năm ngoái"},
    ])

    def coup(sentence, confidence, date, factuality):
        return dict(event("NER", "COERCE", "NER", confidence, factuality, date), evidence={"text": sentence})

    # The most confident prediction tells of the coup in a sentence no gold event comes from; the one
    # from a gold sentence is the one compared.
    report = score([(gold, [coup("Một loạt cuộc đảo chính đã định hình lại khu vực.", 0.9, None, "reported"),
                            coup("Tháng 7/2023, quân đội Niger đã tiến hành đảo chính.", 0.6, "2023-07-26", "asserted")])])
    assert (report.date_right, report.date_total) == (1, 1)
    assert (report.factuality_right, report.factuality_total) == (1, 1)


def test_reliability_bins_by_confidence():
    report = score([(GOLD, [event("FRA", "RETREAT", "NER", confidence=0.9), event("USA", "ASSAULT", "NER", confidence=0.3)])])
    rows = {row["from"]: row for row in report.reliability()}
    assert rows[0.8]["predicted"] == 1 and rows[0.8]["precision"] == 1.0
    assert rows[0.2]["predicted"] == 1 and rows[0.2]["precision"] == 0.0


@pytest.mark.parametrize("line, problem", [
    ("{not json", "not valid JSON"),
    ('{"doc": "a.txt"}', '"events"'),
    ('{"doc": "a.txt", "events": [{"type": "HUG"}]}', "unknown PLOVER type"),
])
def test_bad_gold_files_are_named(tmp_path, line, problem):
    path = tmp_path / "gold.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(errors.GoldError) as caught:
        load_gold(path)
    assert problem in str(caught.value) and str(path) in str(caught.value)


def test_gold_spans_are_read(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"doc": "x.txt", "span": [3, 9], "events": []}) + "\n", encoding="utf-8")
    [doc] = load_gold(path)
    assert doc.span == (3, 9) and doc.key == "x.txt[3:9]"
