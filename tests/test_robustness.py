"""Hostile text never crashes the pipeline, and every span it returns points into its text."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vnevents import analyze

from .conftest import validate

VIETNAMESE_BITS = ["Nga", "Mỹ", " tấn công ", " và ", ", ", "ông Putin", " bị ", "“", "”", ".", "\n", " giữa ",
                   "Hà Nội", " đã ", " không ", "tháng 13/2024", "ngày 32/1", "Theo Reuters", " (", ")", "?", "đă", "hoà"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(VIETNAMESE_BITS), st.text(max_size=12)), max_size=40))
def test_any_text_gives_valid_spans(parts):
    text = "".join(parts)
    article = analyze(text, date="2024-04-11")
    validate(article.to_dict())
    for sentence in article.sentences:
        assert 0 <= sentence.start <= sentence.end <= len(article.text)
    for mention in article.mentions:
        assert article.text[mention.start:mention.end] == mention.text
    for event in article.events:
        assert article.text[event.evidence.start:event.evidence.end] == event.evidence.text
        for ref in (event.source, event.target):
            if ref is not None and ref.start is not None:
                assert article.text[ref.start:ref.end] == ref.text
