"""Actor dictionaries are data: shipped files load and validate, users can add their own."""
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnevents import analyze, errors
from vnevents.config import Settings
from vnevents.resources import PhraseScanner, alternatives, load, trie_alternatives


def test_shipped_dictionaries_cover_the_world():
    lexicon = load().lexicon
    countries = {e.actor.country for e in lexicon.values() if e.kind == "country"}
    assert len(countries) >= 193  # every UN member state, from CLDR plus aliases
    for name, code in [("Mỹ", "USA"), ("Nga", "RUS"), ("Niger", "NER"), ("Hàn Quốc", "KOR"), ("Triều Tiên", "PRK")]:
        assert lexicon[name].actor.country == code
    assert lexicon["Reuters"].kind == "outlet" and lexicon["Sputnik"].kind == "outlet"
    assert lexicon["NATO"].kind == "organisation" and lexicon["Wagner"].actor.country == "RUS"


def test_a_users_dictionary_adds_actors(tmp_path):
    extra = tmp_path / "people.yaml"
    extra.write_text(
        "- names: [Nguyễn Văn Thử]\n  country: VNM\n  offices:\n    - {title: Bộ trưởng, code: VNMGOV, start: 2020-01-01}\n",
        encoding="utf-8",
    )
    settings = Settings(extra_actor_files=(extra,))
    article = analyze("Ông Nguyễn Văn Thử đã gặp Ngoại trưởng Nga tại Hà Nội.", date="2024-01-05", settings=settings)
    [person] = [m for m in article.mentions if m.text == "Nguyễn Văn Thử"]
    assert person.actor.code == "VNMGOV"
    assert ("VNM", "CONSULT", "RUS") in {(e.source.country, e.type, e.target.country) for e in article.events}


def test_a_broken_dictionary_is_named(tmp_path):
    extra = tmp_path / "broken.yaml"
    extra.write_text("- names: [unclosed\n", encoding="utf-8")
    with pytest.raises(errors.ResourceError) as caught:
        load(Settings(extra_actor_files=(extra,)))
    assert str(extra) in str(caught.value)


def test_no_name_is_claimed_by_two_people():
    import collections

    from vnevents.resources import load_yaml
    from vnevents.config import DATA_DIR

    people = load_yaml(DATA_DIR / "actors" / "people.yaml")
    counts = collections.Counter(name for person in people for name in person["names"])
    assert [name for name, n in counts.items() if n > 1] == []


phrase_lists = st.lists(st.text(alphabet="aNgđ x-", min_size=1, max_size=6), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(phrase_lists, st.text(alphabet="aNgđ x-.", max_size=40), st.booleans())
def test_the_trie_alternation_matches_exactly_what_the_flat_one_does(phrases, text, ignore_case):
    flags = re.IGNORECASE if ignore_case else 0
    flat = re.compile(r"(?<![\w])(?:" + alternatives(phrases) + r")(?![\w])", flags)
    trie = re.compile(r"(?<![\w])(?:" + trie_alternatives(phrases, ignore_case) + r")(?![\w])", flags)
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]


def test_the_trie_alternation_takes_the_longest_name():
    pattern = re.compile(trie_alternatives(["Nga", "Ngoại trưởng Nga Sergei Lavrov", "Niger"]))
    assert pattern.match("Ngoại trưởng Nga Sergei Lavrov nói").group(0) == "Ngoại trưởng Nga Sergei Lavrov"
    assert pattern.match("Nga").group(0) == "Nga"


@settings(max_examples=300, deadline=None)
@given(phrase_lists, st.text(alphabet="aANgGđĐ x-.ıİſ", max_size=40), st.booleans(), st.integers(0, 40), st.integers(0, 40))
def test_the_phrase_scanner_finds_what_its_pattern_finds(phrases, text, ignore_case, pos, endpos):
    flags = re.IGNORECASE if ignore_case else 0
    pattern = re.compile(r"(?<![\w-])(?:" + trie_alternatives(phrases, ignore_case) + r")(?![\w])", flags)
    scanner = PhraseScanner(pattern, phrases, ignore_case)
    # (a dotless ı, a long ſ or İ: re folds these otherwise than str.lower, and the pattern scans alone)
    for window in ((), (pos,), (pos, endpos)):
        assert [(m.span(), m.group(0)) for m in scanner.finditer(text, *window)] == \
               [(m.span(), m.group(0)) for m in pattern.finditer(text, *window)]
    assert (scanner.search(text, pos) or re.match("", "")).span() == (pattern.search(text, pos) or re.match("", "")).span()


def test_the_phrase_scanner_reads_a_text_once_and_keeps_the_patterns_groups():
    pattern = re.compile(r"(?<![\w])(?:(?P<pair>hai nước|hai bên)|(?P<he>ông ấy))(?![\w])", re.IGNORECASE)
    scanner = PhraseScanner(pattern, ["hai nước", "hai bên", "ông ấy"], ignore_case=True)
    text = "Hai nước đã ký. Ông ấy nói hai bên sẽ gặp lại; thứ hai nướcx không tính."
    assert scanner.automaton is not None
    assert [(m.group(0), m.lastgroup) for m in scanner.finditer(text)] == [("Hai nước", "pair"), ("Ông ấy", "he"), ("hai bên", "pair")]
    assert [m.group(0) for m in scanner.finditer(text, 16, 22)] == ["Ông ấy"]  # one sentence of it, as the coder asks
    # a phrase with a letter re folds its own way: no automaton, the pattern scans by itself
    assert PhraseScanner(re.compile("ı", re.IGNORECASE), ["ı"], ignore_case=True).automaton is None
