"""Properties of the stages over generated text (hypothesis): no input crashes them, every span
they return lies inside the text and holds the words it claims, cleaning a cleaned text changes
nothing, and every date is a real ISO date.

The text is built from real material: sentences and syllables of the shared corpus (read at run
time, never copied here) and the seed articles, mixed with date phrases, damaged and decomposed
diacritics, odd whitespace, HTML debris and random unicode. tests/test_robustness.py checks the
spans of the whole output against the schema; these go stage by stage.
"""
from __future__ import annotations

import os
import re
import unicodedata
from datetime import date
from functools import lru_cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vnevents import errors, service
from vnevents.config import Settings
from vnevents.ontology import plover_types
from vnevents.stages import ingest, repair, segment, temporal

from .conftest import EXAMPLES, SHARED

CORPUS_FILES = 60  # articles read for material: enough variety, read in well under a second
# 120 examples a property keeps the file near 10 s; VNEVENTS_PROPERTY_EXAMPLES=2000 for a deeper run
EXAMPLES_PER_PROPERTY = int(os.environ.get("VNEVENTS_PROPERTY_EXAMPLES", "120"))
PROPERTY_SETTINGS = settings(max_examples=EXAMPLES_PER_PROPERTY, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@lru_cache(maxsize=1)
def _material() -> tuple[list[str], list[str]]:
    files = sorted(EXAMPLES.glob("*.txt")) + sorted((SHARED / "corpus" / "articles").glob("*.txt"))[:CORPUS_FILES]
    lines = [line.strip() for path in files for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    sentences = [s for line in lines for s in re.split(r"(?<=[.!?])\s+", line) if 3 <= len(s) <= 400]
    syllables = sorted({w for s in sentences for w in s.split() if len(w) <= 12})
    return sentences, syllables


SENTENCES, SYLLABLES = _material()

_DAMAGE = str.maketrans({"ã": "ă", "õ": "ơ", "ý": "ư", "Ã": "Ă"})  # the Latin-1/Windows-1258 mix-up
DATE_PHRASES = st.one_of(
    st.builds("ngày {}/{}/{}".format, st.integers(0, 40), st.integers(0, 14), st.integers(0, 10000)),
    st.builds("hôm {}/{}".format, st.integers(0, 40), st.integers(0, 14)),
    st.builds("tháng {} năm ngoái".format, st.integers(0, 14)),
    st.builds("cách đây {} {}".format, st.one_of(st.integers(0, 10**9), st.sampled_from(["vài", "hai"])),
              st.sampled_from(["ngày", "tuần", "tháng", "năm"])),
    st.sampled_from(["hôm qua", "sáng nay", "thứ Hai tuần trước", "cuối tuần qua", "năm tới", "tháng trước",
                     "năm 2020", "tháng 9/2022", "Chủ nhật", "18/02/2017, 09:10"]),
)
WHITESPACE = st.sampled_from([" ", "  ", "\t", "\u00a0", "\u200b", "\ufeff", "\n", "\n\n", "\r\n", " \n "])
DEBRIS = st.sampled_from(["<p>", "</div>", "&nbsp;", "<br/>", "Ảnh: AP", "Bài liên quan", "Nguyễn Hùng/VOV",
                          "Theo Reuters", "“", "”", "(", ")", "...", "!", "?", ";", "-", "•", "🇻🇳", "😀", "שלום", "مرحبا"])
SENTENCE = st.sampled_from(SENTENCES)
PIECE = st.one_of(
    SENTENCE,
    SENTENCE.map(lambda s: s.translate(_DAMAGE)),
    SENTENCE.map(lambda s: unicodedata.normalize("NFD", s)),
    st.sampled_from(SYLLABLES),
    DATE_PHRASES,
    WHITESPACE,
    DEBRIS,
    st.text(max_size=8),
)
TEXTS = st.lists(PIECE, max_size=25).map("".join)
GIVEN_DATES = st.one_of(st.none(), st.dates(date(1900, 1, 1), date(2100, 12, 31)).map(date.isoformat),
                        st.sampled_from(["2024", "2024-04"]))
ISO = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
PLOVER_TYPES = set(plover_types())


def _real_date(value: str | None) -> bool:
    if value is None:
        return True
    if not ISO.match(value):
        return False
    parts = [int(p) for p in value.split("-")]
    try:
        date(parts[0], *(parts[1:] + [1] * (3 - len(parts))))
    except ValueError:
        return False
    return True


def _cleaned(text: str, title: str | None = None, when: str | None = None):
    article = ingest.from_text(text, date=when, title=title)
    return repair.repair(article, service.pipeline().resources)


@PROPERTY_SETTINGS
@given(TEXTS)
def test_text_repairs_are_idempotent(text):
    once = repair.repair_text(text)
    assert repair.repair_text(once) == once
    assert repair.normalize_tones(repair.normalize_tones(text)) == repair.normalize_tones(text)


@PROPERTY_SETTINGS
@given(TEXTS, GIVEN_DATES)
def test_cleaning_a_cleaned_text_changes_nothing(text, when):
    first = _cleaned(text, when=when)
    # the title, date line and byline of the first pass are metadata now: the second pass is
    # told them, as reprocessing a stored article is
    second = _cleaned(first.text, title=first.title, when=first.date)
    assert second.text == first.text
    assert not [r for r in second.repairs if r["kind"] == "diacritic"]


@PROPERTY_SETTINGS
@given(TEXTS)
def test_every_cleaned_character_maps_to_the_character_it_came_from(text):
    article = _cleaned(text)
    assert len(article.origin) == len(article.text)
    assert article.origin == sorted(article.origin)
    repaired = {i for r in article.repairs if r.get("start") is not None for i in range(r["start"], r["start"] + len(r["to"]))}
    for i, char in enumerate(article.text):
        assert 0 <= article.origin[i] < len(text)
        if char.isspace() or i in repaired:
            continue
        # the same letter, give or take its marks (NFC, a tone moved from "hoà" to "hòa")
        assert unicodedata.normalize("NFD", char)[0] == unicodedata.normalize("NFD", text[article.origin[i]])[0]
    for r in article.repairs:
        if r.get("start") is not None:
            assert article.text[r["start"] : r["start"] + len(r["to"])] == r["to"]
    for start, end in article.captions:
        assert 0 <= start < end <= len(article.text)


@PROPERTY_SETTINGS
@given(TEXTS)
def test_sentences_are_ordered_spans_inside_one_paragraph(text):
    article = segment.segment(_cleaned(text))
    previous_end = 0
    for number, sentence in enumerate(article.sentences):
        assert sentence.index == number
        assert previous_end <= sentence.start < sentence.end <= len(article.text)
        assert "\n" not in article.text[sentence.start : sentence.end]
        assert article.text[sentence.start : sentence.end].strip() == article.text[sentence.start : sentence.end]
        previous_end = sentence.end


@PROPERTY_SETTINGS
@given(st.lists(st.one_of(DATE_PHRASES, WHITESPACE, st.sampled_from(SYLLABLES)), max_size=12).map(" ".join),
       st.one_of(GIVEN_DATES, st.text(max_size=12), st.sampled_from(["2024-02-31", "2024-13-45", "0000-00-00"])))
def test_every_date_phrase_resolves_to_a_real_date_or_none(text, reference):
    for found in temporal.find_times(text, reference):
        assert text[found.start : found.end] == found.text
        assert _real_date(found.value), (found.text, reference, found.value)
        assert found.precision in ("day", "week", "month", "year")
    assert _real_date(temporal.infer_date(text))


@PROPERTY_SETTINGS
@given(TEXTS, GIVEN_DATES)
def test_the_whole_pipeline_never_fails_and_every_span_holds_its_words(text, when):
    article = service.analyze(text, date=when)
    body = article.text
    for mention in article.mentions:
        assert body[mention.start : mention.end] == mention.text
        assert 0 <= mention.sentence < len(article.sentences)
    for found in article.times:
        if found.text is not None:
            assert body[found.start : found.end] == found.text
        assert _real_date(found.value)
    assert _real_date(article.date)
    for event in article.events:
        evidence = event.evidence
        sentence = article.sentences[evidence.sentence]
        assert (sentence.start, sentence.end) == (evidence.start, evidence.end)
        assert body[evidence.start : evidence.end] == evidence.text
        assert evidence.raw_start == article.raw_offset(evidence.start)
        assert event.trigger and event.trigger in evidence.text
        for ref in (event.source, event.target):
            if ref is not None and ref.start is not None:  # in its sentence, or where a reference ("họ") points
                assert 0 <= ref.start < ref.end <= len(body) and body[ref.start : ref.end] == ref.text
        if event.location is not None:
            assert body[event.location.start : event.location.end] == event.location.text
        assert event.type in PLOVER_TYPES and 0.0 <= event.confidence <= 1.0
        assert event.quad_class in (None, 1, 2, 3, 4) and (event.goldstein is None or -10 <= event.goldstein <= 10)
        assert event.date is None or _real_date(event.date.value)


@PROPERTY_SETTINGS
@given(st.one_of(TEXTS.map(lambda t: t.encode("utf-8")), st.binary(max_size=300),
                 TEXTS.map(lambda t: t.encode("cp1258", errors="replace")),
                 st.tuples(TEXTS, st.binary(max_size=20)).map(lambda p: p[0].encode("utf-8") + p[1])),
       st.sampled_from(["a.txt", "a.html", "a.xml", "a.jsonl"]))
def test_any_bytes_read_as_articles_or_a_named_input_error(raw, name):
    kind = ingest.SUFFIXES[name[name.rindex("."):]]
    try:
        results = ingest._read_bytes(raw, name, kind, Settings())
    except errors.InputError as exc:
        assert exc.path == name and exc.code.startswith("E1")
        return
    for result in results:
        if isinstance(result, errors.VneventsError):
            assert result.code.startswith("E1")
        else:
            assert isinstance(result.text, str) and result.raw
