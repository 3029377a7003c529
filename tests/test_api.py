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

    # more inputs than a worker's handful, with a failing one among them
    for copy in range(4):
        for name in ("000_80fee103ab6e860c.txt", "001_75dbe35eade5f37d.txt", "003_a702ee0b46030dc5.txt"):
            shutil.copy(EXAMPLES / name, tmp_path / f"{copy}_{name}")
    (tmp_path / "1_empty.txt").write_bytes(b"")

    def summary(workers):
        return [(o.path, o.error is not None,
                 [(e.source.code if e.source else None, e.type, e.target.code if e.target else None) for e in (o.article.events if o.article else [])])
                for o in service.analyze_paths([tmp_path], date="2024-04-11", workers=workers)]

    serial = summary(1)
    assert serial == summary(2)
    assert [failed for _, failed, _ in serial] == [False] * 6 + [True] + [False] * 6
    assert all(events for _, failed, events in serial if not failed)


def test_articles_go_to_the_workers_in_handfuls_unless_they_come_slowly(monkeypatch):
    from vnevents import service

    size = service.WORKER_HANDFUL
    assert [len(h) for h in service._handfuls(iter(range(2 * size + 3)))] == [size, size, 3]
    monkeypatch.setattr(service, "WORKER_HANDFUL_SECONDS", 0.0)  # every article came after the limit
    assert [len(h) for h in service._handfuls(iter(range(3)))] == [1, 1, 1]
