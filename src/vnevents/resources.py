"""Data files, loaded once and shared by every stage: actor dictionaries, role words, event
patterns, cue words, boilerplate. The files are documented in their own headers; users extend the
actor dictionaries with `Settings.extra_actor_files`.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from . import errors
from .config import Settings
from .models import Actor

try:  # the C loader is 10x faster on the people dictionary
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


def alternatives(phrases) -> str:
    """A regex alternation of `phrases`, longest first: an alternation takes the first that matches."""
    return "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))


def trie_alternatives(phrases, ignore_case: bool = False) -> str:
    """The same alternation as `alternatives`, written as a character trie: "N(?:ga|iger)".

    Python's `re` tries a flat alternation's branches one by one at every position, which made
    the dictionary of several thousand names a third of the pipeline's time; a trie shares each
    prefix. Longer continuations come before a phrase's end at every node, so the longest phrase
    still wins. With `ignore_case` the phrases are lower-cased first, so that "Nga" and "nga x"
    share a branch and the longer one is still tried first.
    """
    trie: dict = {}
    for phrase in set(phrases):
        node = trie
        for char in phrase.lower() if ignore_case else phrase:
            node = node.setdefault(char, {})
        node[""] = {}  # a phrase ends here
    return _trie_regex(trie)


def _trie_regex(node: dict) -> str:
    branches = [re.escape(char) + _trie_regex(child) for char, child in sorted(node.items()) if char]
    ends = "" in node
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return (body if len(branches) > 1 else "(?:" + body + ")") + "?"
    return body


# Kinds of reference and the cue list naming each, in the order they claim the text.
REFERENCE_KINDS = {"bloc": "blocs", "pair": "pairs", "we": "first_person", "he": "person_references", "reference": "references"}


def phrase_pattern(phrases, flags: int = 0) -> re.Pattern[str]:
    """Any of `phrases` as whole syllables (not inside a longer word)."""
    return re.compile(r"(?<![\w])(?:" + trie_alternatives(phrases, bool(flags & re.IGNORECASE)) + r")(?![\w])", flags)


class PhraseScanner:
    """A phrase pattern's matches over a text (`finditer`, `search`, as the pattern's own), tried
    only where an Aho-Corasick automaton (pyahocorasick) finds that one of its phrases begins.

    Python's `re` has no first letter to skip ahead to in a pattern that opens with a lookbehind
    ("not inside a word"), so it tries the dictionary's or the triggers' trie at every position of
    the text: the four such whole-text scans were 1 ms an article. The automaton reads the text once
    in C. Each match is still the pattern's (`pattern.match` at each of those places, in order, from
    the end of the last match), so the matches are exactly `pattern.finditer`'s. A case-blind
    pattern is scanned on the lower-cased text; a text that `re` folds otherwise than str.lower does
    (a dotless ı, a long ſ, İ) goes to the pattern alone. The places are kept for the last text
    scanned: the coder asks sentence by sentence."""

    def __init__(self, pattern: re.Pattern[str], phrases, ignore_case: bool = False):
        self.pattern = pattern
        self.ignore_case = ignore_case
        keys = {phrase.lower() if ignore_case else phrase for phrase in phrases if phrase}
        self.automaton = None
        if keys and not (ignore_case and (UNUSUAL_CASE is None or any(UNUSUAL_CASE.search(key) for key in keys))):
            import ahocorasick

            self.automaton = ahocorasick.Automaton()
            for key in keys:
                self.automaton.add_word(key, len(key))
            self.automaton.make_automaton()
        self._last: tuple[str | None, list[int] | None] = (None, None)  # (text, its places), swapped whole

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        endpos = len(text) if endpos is None else min(endpos, len(text))
        starts = self._starts(text)
        if starts is None:
            yield from self.pattern.finditer(text, pos, endpos)
            return
        cursor = pos
        for start in starts[bisect.bisect_left(starts, pos):]:
            if start >= endpos:
                return
            if start >= cursor and (match := self.pattern.match(text, start, endpos)):
                yield match
                cursor = match.end()

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return next(self.finditer(text, pos, endpos), None)

    def _starts(self, text: str) -> list[int] | None:
        """Where a phrase begins in `text`, in order; None where the pattern must scan it itself."""
        last_text, starts = self._last
        if last_text is text:
            return starts
        starts = None
        if self.automaton is not None:
            folded = text.lower() if self.ignore_case else text
            if not self.ignore_case or (len(folded) == len(text) and not UNUSUAL_CASE.search(text)):
                starts = sorted({end - length + 1 for end, length in self.automaton.iter(folded)})
        self._last = (text, starts)
        return starts


def _unusual_case() -> re.Pattern[str] | None:
    """The letters that `re`'s case-blind matching takes for others than their str.lower() (ı for i,
    ſ for s, Greek and Cyrillic variants), from re's own table; None where that table is missing."""
    try:
        from re._casefix import _EXTRA_CASES
    except ImportError:  # another Python: case-blind patterns scan by themselves
        return None
    letters = {chr(code) for key, others in _EXTRA_CASES.items() for code in (key, *others)} - {"i", "s"}
    return re.compile("[" + "".join(re.escape(letter) for letter in sorted(letters)) + "]")


UNUSUAL_CASE = _unusual_case()


def load_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_Loader)
    except (OSError, yaml.YAMLError) as exc:
        raise errors.ResourceError(f"cannot load data file: {exc}", path=str(path)) from None


@dataclass(frozen=True)
class Office:
    title: str
    code: str
    start: date | None
    end: date | None

    def held_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass
class LexiconEntry:
    """What a surface form names. `offices` only for people (their code depends on the date)."""

    kind: str  # country, person, organisation, place, outlet, region, role
    actor: Actor | None
    offices: tuple[Office, ...] = ()

    def actor_on(self, day: date | None) -> Actor | None:
        """A person's actor on the article's date: the office held then; out of office, the country's
        elite (ELI); with no date, the latest office."""
        if not self.offices or self.actor is None:
            return self.actor
        chosen = None
        if day is not None:
            chosen = next((o for o in self.offices if o.held_on(day)), None)
            if chosen is None and self.actor.country:
                # Out of office on that date: a political figure of the country (CAMEO ELI), not its government.
                return Actor(f"{self.actor.country}ELI", self.actor.country, "ELI", self.actor.name)
        if chosen is None:
            chosen = max(self.offices, key=lambda o: o.start or date.min)
        country = self.actor.country
        role = chosen.code[3:] or None if country and chosen.code.startswith(country) else None
        return Actor(chosen.code, country, role, self.actor.name)


# Countries whose names put the family name first.
FAMILY_NAME_FIRST = {"CHN", "TWN", "HKG", "MAC", "KOR", "PRK", "JPN", "VNM", "SGP", "KHM", "HUN", "MNG"}


@dataclass
class Resources:
    lexicon: dict[str, LexiconEntry]
    roles: dict[str, str]  # role phrase -> role code
    bare_roles: set[str]  # role phrases that name an actor without a country
    patterns: list[dict[str, Any]]
    cues: dict[str, Any]
    boilerplate: list[re.Pattern[str]]
    name_pattern: PhraseScanner = field(init=False)
    bare_role_pattern: PhraseScanner = field(init=False)
    # pair, first-person and back-reference phrases, by mention kind
    reference_pattern: PhraseScanner = field(init=False)
    roles_folded: dict[str, str] = field(init=False)
    role_before: re.Pattern[str] = field(init=False)
    # A person's family name ("Moon", "Sisi") -> the people who bear it
    people_by_part: dict[str, list[LexiconEntry]] = field(init=False)
    sentence_openers: frozenset[str] = field(init=False)
    extra_words: frozenset[str] = field(init=False)
    person_title_before: re.Pattern[str] = field(init=False)  # a title or honorific ending just before a name
    parts_by_initial: dict[str, list[str]] = field(init=False)  # people_by_part's keys by first letter, for near spellings

    def __post_init__(self) -> None:
        # Longest alternatives first: a regex alternation takes the first that matches, so this
        # gives longest-match ("Ngoại trưởng Nga Sergei Lavrov" before "Nga").
        self.name_pattern = PhraseScanner(re.compile(r"(?<![\w-])(?:" + trie_alternatives(self.lexicon) + r")(?![\w])"), self.lexicon)
        self.roles_folded = {word.lower(): role for word, role in self.roles.items()}
        self.sentence_openers = frozenset(self.cues.get("sentence_openers", []))
        self.extra_words = frozenset(self.cues.get("extra_words", []))
        # The patterns searched in a short window before each mention ("...$") are tries too: a flat
        # alternation tries every phrase at every position of the window (5x slower for the roles).
        self.person_title_before = re.compile(r"(?<![\w])(?:" + trie_alternatives(self.cues.get("person_titles", ["ông", "bà"])) + r")\s+$")
        self.bare_role_pattern = PhraseScanner(phrase_pattern(self.bare_roles), self.bare_roles)
        # References, pairs and blocs in one scan of the text, each kind a named group; REFERENCE_KINDS
        # gives the order in which they claim the text (a bloc before a pair before "họ").
        self.reference_pattern = PhraseScanner(re.compile(
            r"(?<![\w])(?:" + "|".join(f"(?P<{kind}>{trie_alternatives(self.cues[key], True)})"
                                        for kind, key in REFERENCE_KINDS.items()) + r")(?![\w])", re.IGNORECASE),
            [phrase for key in REFERENCE_KINDS.values() for phrase in self.cues[key]], ignore_case=True)
        self.people_by_part = {}
        for name, entry in self.lexicon.items():
            if entry.kind != "person":
                continue
            parts = name.split()
            # The family name: first in Chinese, Korean, Japanese and Vietnamese names ("Moon
            # Jae-in", "Lu Kang"), last elsewhere ("Sergei Lavrov"); a given name alone is no link.
            family = parts[0] if entry.actor and entry.actor.country in FAMILY_NAME_FIRST else parts[-1]
            if len(parts) > 1 and len(family) >= 3 and family[0].isupper():
                holders = self.people_by_part.setdefault(family, [])
                if all(holder is not entry for holder in holders):
                    holders.append(entry)
        self.parts_by_initial = {}
        for part in self.people_by_part:
            self.parts_by_initial.setdefault(part[0], []).append(part)
        self.role_before = re.compile(
            r"(?<![\w])(?P<role>" + trie_alternatives(self.roles, ignore_case=True) + r")"
            r"(?P<qual>(?:\s+(?:quân sự|lâm thời|mới|chuyển tiếp|quốc gia|nước|cấp cao|của)){0,3})\s+$",
            re.IGNORECASE,
        )


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        parts = str(value).split("-")
        return date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, 1)


def _country_names() -> dict[str, str]:
    """CLDR's Vietnamese names for every country (Babel), mapped to ISO alpha-3 (pycountry)."""
    import pycountry
    from babel import Locale

    names = {}
    for alpha2, name in Locale("vi").territories.items():
        if not alpha2.isalpha() or len(alpha2) != 2:
            continue  # numeric codes are regions (002 Châu Phi), not countries
        country = pycountry.countries.get(alpha_2=alpha2)
        if country is None:
            continue  # EU, UN, EZ, XK...: not ISO countries; organisations.yaml has the IGOs
        names[name] = country.alpha_3
    return names


def _add(lexicon: dict[str, LexiconEntry], names: list[str], entry: LexiconEntry, source: Path) -> None:
    if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
        raise errors.ResourceError(f"entry has no list of names: {names!r}", path=str(source))
    for name in names:
        lexicon[name.strip()] = entry


def _load_actor_file(path: Path, lexicon: dict[str, LexiconEntry]) -> None:
    kind = path.stem
    items = load_yaml(path) or []
    if not isinstance(items, list):
        raise errors.ResourceError("expected a YAML list of entries", path=str(path))
    for item in items:
        if not isinstance(item, dict):
            raise errors.ResourceError(f"entry is not a mapping: {item!r}", path=str(path))
        names = item.get("names")
        if kind == "people" or "offices" in item:
            offices = tuple(
                Office(o["title"], o["code"], _as_date(o.get("start")), _as_date(o.get("end")))
                for o in item.get("offices") or []
            )
            country = item.get("country")
            code = offices[0].code if offices else country
            entry = LexiconEntry("person", Actor(code, country, None, names[0] if names else None), offices)
        elif kind == "country_aliases":
            entry = LexiconEntry("country", Actor(item["code"], item["code"]))
        elif kind == "outlets":
            entry = LexiconEntry("outlet", Actor(None, item.get("country"), "MED", names[0] if names else None))
        elif kind == "region_names":
            entry = LexiconEntry("region", None)
        elif kind == "places":
            code = item["code"]
            entry = LexiconEntry("place", Actor(code, code[:3] if len(code) >= 3 and code[:3].isupper() else None, code[3:] or None))
        else:  # organisations and user files
            # Armed groups carry the rebel role: nobody "aids" or "agrees with" them in the coder's sense.
            role = "REB" if item.get("kind") == "armed_group" else None
            entry = LexiconEntry("organisation", Actor(item.get("code"), item.get("country"), role, names[0] if names else None))
        _add(lexicon, names, entry, path)


ACTOR_FILES = ("region_names", "country_aliases", "places", "organisations", "outlets", "people")


@lru_cache(maxsize=8)
def load(settings: Settings = Settings()) -> Resources:
    actor_dir = settings.data_dir / "actors"
    lexicon: dict[str, LexiconEntry] = {}
    for name, alpha3 in _country_names().items():
        lexicon[name] = LexiconEntry("country", Actor(alpha3, alpha3))
    for stem in ACTOR_FILES:
        path = actor_dir / f"{stem}.yaml"
        if path.exists():
            _load_actor_file(path, lexicon)
    for path in settings.extra_actor_files:
        _load_actor_file(Path(path), lexicon)
    # Names are often written in sentence case ("Các tiểu vương quốc Ả Rập thống nhất", "Ai cập",
    # "Triều tiên": the older spelling capitalises only a name's first syllable).
    for name, entry in list(lexicon.items()):
        if entry.kind == "country" and len(name.split()) >= 2:
            lexicon.setdefault(name[0] + name[1:].lower(), entry)
    # Demonyms: "người Nga" names Russians, for every country name known so far.
    for name, entry in list(lexicon.items()):
        if entry.kind == "country":
            lexicon.setdefault(f"người {name}", LexiconEntry("country", Actor(entry.actor.code, entry.actor.country, "CVL")))

    roles: dict[str, str] = {}
    bare: set[str] = set()
    for group in load_yaml(actor_dir / "roles.yaml"):
        for word in group["words"]:
            roles[word] = group["role"]
            if group.get("alone"):
                bare.add(word)
    patterns = load_yaml(settings.data_dir / "patterns.yaml")
    cues = load_yaml(settings.data_dir / "cues.yaml")
    boilerplate = [re.compile(p) for p in load_yaml(settings.data_dir / "boilerplate.yaml")["lines"]]
    return Resources(lexicon, roles, bare, patterns, cues, boilerplate)
