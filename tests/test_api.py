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
