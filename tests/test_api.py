from vnevents import analyze

from .conftest import validate


def test_analyze_text_gives_events_with_evidence_offsets():
    text = "Pháp đã hoàn tất việc rút quân khỏi Niger vào tháng 12 năm ngoái."
    article = analyze(text, date="2024-04-11")
    validate(article.to_dict())
    [event] = article.events
    assert (event.source.country, event.type, event.target.country) == ("FRA", "RETREAT", "NER")
    assert event.mode == "withdraw"
    assert event.date.value == "2023-12" and event.date.precision == "month"
    assert article.text[event.evidence.start : event.evidence.end] == event.evidence.text
    assert article.text[event.source.start : event.source.end] == "Pháp"
    assert event.cameo == "08" and event.quad_class == 2


def test_analyze_without_events_returns_empty_list():
    article = analyze("Thời tiết Hà Nội hôm nay nắng đẹp, nhiệt độ khoảng 30 độ.")
    assert article.events == []


def test_parallel_workers_give_the_same_outcomes_in_the_same_order(tmp_path):
    import shutil

    from vnevents import service

    from .conftest import EXAMPLES

    for name in ("000_80fee103ab6e860c.txt", "001_75dbe35eade5f37d.txt", "003_a702ee0b46030dc5.txt"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    (tmp_path / "empty.txt").write_bytes(b"")

    def summary(workers):
        return [(o.path, o.error is not None,
                 [(e.source.code if e.source else None, e.type, e.target.code if e.target else None) for e in (o.article.events if o.article else [])])
                for o in service.analyze_paths([tmp_path], date="2024-04-11", workers=workers)]

    serial = summary(1)
    assert serial == summary(2)
    assert [failed for _, failed, _ in serial] == [False, False, False, True] and all(events for _, failed, events in serial if not failed)
