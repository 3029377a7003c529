"""Entities and actors: find names with the dictionaries and link them to coded actors.

1. Every dictionary name (countries from CLDR via Babel, aliases, capitals and seats of power,
   organisations, outlets, people) is matched, longest first, on word boundaries.
2. A role phrase written just before a country or capital makes it a part of that state:
   "quân đội Niger" -> NERMIL, "các nhà lãnh đạo quân sự của Niamey" -> NERMIL.
3. A title and country before a person join the person: "Tổng thống Nga Vladimir Putin" is one
   mention of Putin, coded by the office he held on the article's date.
4. Bare group words ("phiến quân", "khủng bố") and references ("nước này", "quốc gia Tây Phi này",
   "họ") become mentions too; the coder resolves references per event.
5. Proper-name runs (capitalised words) that nothing links stay as `name` entities, for users to see what
   the dictionaries miss.
"""
from __future__ import annotations

import bisect
import re
from datetime import date
from functools import lru_cache

from ..models import Actor, Article, Mention
from ..resources import REFERENCE_KINDS, Resources
from . import segment


def article_day(article: Article) -> date | None:
    if not article.date:
        return None
    parts = [int(p) for p in re.findall(r"\d+", article.date)[:3]]
    try:
        return date(parts[0], parts[1] if len(parts) > 1 else 6, parts[2] if len(parts) > 2 else 15)
    except (ValueError, IndexError):
        return None


_GENERIC_BEFORE = re.compile(r"(?:chống|chống lại|vụ tấn công|cuộc tấn công|vụ|hoạt động|cuộc chiến|nạn|chủ nghĩa)\s+(?:các\s+)?$", re.IGNORECASE)


# Group words that double as adjectives of a domain ("chống khủng bố", "tấn công thánh chiến").
_BARE_DOMAIN_WORDS = {"khủng bố", "thánh chiến", "phiến quân"}


_SYLLABLE = re.compile(r"[^\W\d_][\w'’-]*")
COMMON_WORD_ZIPF = 4.0  # a Vietnamese syllable this frequent may be part of a common word ("Tổng thống")


@lru_cache(maxsize=20000)
def _common_word(syllable: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(syllable.lower(), "vi") >= COMMON_WORD_ZIPF


def _name_runs(article: Article, covered: list[tuple[int, int]], openers: frozenset[str] = frozenset(),
               extra_words: frozenset[str] = frozenset()):
    """Runs of capitalised words that no dictionary entry covers.

    Found on syllables first: segmenting every sentence cost two thirds of the pipeline's time.
    Where a run could begin or end inside a common word (its first syllable opens the sentence, or
    a frequent Vietnamese syllable touches a lower-case one: "Tổng thống", "miền Đông") and the
    word list does not settle it, the segmenter reads the words around it."""
    text = article.text
    taken = bytearray(len(text) + 1)
    for start, end in covered:
        taken[start:end] = b"\x01" * (end - start)
    for sentence in article.sentences:
        syllables = list(_SYLLABLE.finditer(text, sentence.start, sentence.end))
        runs = _syllable_runs(text, syllables, taken)
        if runs and runs[0][0][2] == 0 and text[runs[0][0][0] : runs[0][0][1]].lower() in openers:
            runs[0] = runs[0][1:]  # "Ông Lavrov", "Theo Bộ Quốc phòng": the opener is no part of the name
        if runs and runs[0] and _opens_with_a_common_word(text, runs[0]):
            runs[0] = []  # "Trong khi": the sentence's first word, not a name
        # After a colon or an opening quote a capital starts a sentence too: "...một biện pháp nữa: Ngừng viện trợ"
        runs = [run for run in runs if run and not (len(run) == 1 and _AFTER_COLON_OR_QUOTE.search(text, max(0, run[0][0] - 3), run[0][0])
                                                    and not text[run[0][0] : run[0][1]].isupper() and _common_word(text[run[0][0] : run[0][1]]))]
        runs = [trimmed for run in runs if (trimmed := _trim_common_words(text, syllables, run, extra_words))]
        for run in runs:
            if _ambiguous(text, syllables, run):
                yield from _runs_in_context(text, syllables, run, taken)
            else:
                yield run[0][0], run[-1][1]


WORD_CONTEXT = 2  # syllables on each side of an ambiguous run given to the segmenter


def _runs_in_context(text: str, syllables: list[re.Match], run: list[tuple[int, int, int]], taken: bytearray):
    """The names the segmenter's words make of an ambiguous run, read in a window of a few
    syllables around it: the segmenter's features are local, and a window costs a fraction of the
    sentence (most of these windows recur, and are segmented once)."""
    first, last = max(0, run[0][2] - WORD_CONTEXT), min(len(syllables) - 1, run[-1][2] + WORD_CONTEXT)
    start, end = syllables[first].start(), syllables[last].end()
    for word_run in _word_runs([(start + s, start + e, proper) for s, e, proper in segment.window_words(text[start:end], first == 0)], taken):
        if word_run[0][0] < run[-1][1] and run[0][0] < word_run[-1][1]:
            yield word_run[0][0], word_run[-1][1]


def _opens_with_a_common_word(text: str, run: list[tuple[int, int, int]]) -> bool:
    """A run of one common syllable at the start of the sentence: capitalised only for being first."""
    start, end, index = run[0]
    return index == 0 and len(run) == 1 and not text[start:end].isupper() and _common_word(text[start:end])


def _syllable_runs(text: str, syllables: list[re.Match], taken: bytearray) -> list[list[tuple[int, int, int]]]:
    """Runs of capitalised syllables, each syllable as (start, end, its index in the sentence).
    (A comprehension picks the capitalised ones, a few in ten: a loop over every syllable was the
    larger part of finding names.)"""
    runs: list[list[tuple[int, int, int]]] = []
    run: list[tuple[int, int, int]] = []
    for index in [index for index, match in enumerate(syllables) if match.group()[0].isupper()]:
        start, end = syllables[index].span()
        if any(taken[start:end]):
            run = []
        elif run and run[-1][2] == index - 1 and text[run[-1][1] : start] in ("", " "):
            run.append((start, end, index))
        else:
            run = [(start, end, index)]
            runs.append(run)
    return runs


@lru_cache(maxsize=4)
def _vietnamese_words(extra: frozenset[str] = frozenset()) -> frozenset[str]:
    """Ho Ngoc Duc's word list (74,000 words), shipped inside underthesea, and `extra` words."""
    from underthesea.corpus import viet_dict_74K

    from .repair import normalize_tones

    # the list writes tones the old way ("hoà", "uỷ"); the text is normalised to "hòa", "ủy"
    return frozenset(normalize_tones(word.lower()) for word in viet_dict_74K.words) | extra


@lru_cache(maxsize=1)
def _vietnamese_syllables() -> frozenset[str]:
    """Every syllable of the word list: "Florida" or "Twitter" never joins a Vietnamese word."""
    return frozenset(syllable for word in _vietnamese_words() for syllable in word.split())


def _trim_common_words(text: str, syllables: list[re.Match], run: list[tuple[int, int, int]], extra: frozenset[str]) -> list:
    """The run less a first or last syllable that makes a listed word with the lower-case syllable
    beside it ("Tổng thống", "Hồi giáo", "Chủ tịch", "thứ Sáu"): most runs settle here, without the
    segmenter."""
    words = _vietnamese_words(extra)

    def joined(syllable, neighbour: int, before: bool) -> bool:
        if not 0 <= neighbour < len(syllables) or not syllables[neighbour].group(0).islower():
            return False
        other = syllables[neighbour]
        if (text[other.end() : syllable[0]] if before else text[syllable[1] : other.start()]) != " ":
            return False
        word = text[syllable[0] : syllable[1]].lower()
        return (f"{other.group(0)} {word}" if before else f"{word} {other.group(0)}") in words

    if run and joined(run[-1], run[-1][2] + 1, before=False):
        run = run[:-1]
    if run and joined(run[0], run[0][2] - 1, before=True):
        run = run[1:]
    return run


def _ambiguous(text: str, syllables: list[re.Match], run: list[tuple[int, int, int]]) -> bool:
    first, last = run[0], run[-1]
    opening = text[first[0] : first[1]]
    if first[2] == 0 and not opening.isupper() and _common_word(opening):
        return True  # "Ông Putin" or "Công Minh": only the words tell
    for syllable, neighbour in ((first, first[2] - 1), (last, last[2] + 1)):
        if 0 <= neighbour < len(syllables) and syllables[neighbour].group(0).islower():
            word = text[syllable[0] : syllable[1]]
            gap = (text[syllables[neighbour].end() : syllable[0]] if neighbour < syllable[2]
                   else text[syllable[1] : syllables[neighbour].start()])
            if gap == " " and not word.isupper() and word.lower() in _vietnamese_syllables() and _common_word(word):
                return True
    return False


def _word_runs(tokens: list[tuple[int, int, bool]], taken: bytearray) -> list[list[tuple[int, int, int]]]:
    """Runs of proper-name words from the segmenter (see segment._is_proper), as (start, end, proper)."""
    runs: list[list[tuple[int, int, int]]] = []
    run: list[tuple[int, int, int]] = []
    for start, end, proper in tokens:
        if proper and not any(taken[start:end]):
            if run and start - run[-1][1] > 1:
                runs.append(run)
                run = []
            run.append((start, end, -1))
            continue
        if run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return runs


_TITLE_JOINER = re.compile(r"\s*,?\s*(?:(?:ông|bà)\s+)?")
_POSTED_AT = re.compile(r"\s+(?:tại|ở)\s+")
_ARABIC_PARTICLE = re.compile(r" (?:al|el|ad|as|ash|an|ar|ud)-[^\W\d_][\w'’-]*")
_AFTER_COLON_OR_QUOTE = re.compile(r"[:“\"]\s*$")
_FORMER_BEFORE = re.compile(r"(?<![\w])cựu\s+$", re.IGNORECASE)
# These two scan the whole text. A pattern that opens with a lookbehind gives `re` no first letter to
# skip ahead to, and is tried at every position (four times the cost): their lookbehind comes after
# the first letter, looking back over it.
_LED_COALITION = re.compile(r"[Ll](?<![\w][Ll])iên quân(?:\s+[^,.;:]{0,60}?)?\s+do\s+(?P<leader>[A-ZĐ][\w-]*(?:\s+[A-ZĐ][\w-]*)*)\s+(?:đứng đầu|dẫn đầu|lãnh đạo|chỉ huy)")
_PRONOUN = re.compile(r"([ÔôBb](?<![\w][ÔôBb])(?:(?<=[Ôô])ng|(?<=[Bb])à))(?=\s+[a-zđăâêôơư])")
_NAME_TAIL = re.compile(r"((?:[A-ZĐ][\w'-]*\s*)+)$")
_NAME_PARTS = re.compile(r"[\s-]+")
_NOT_AFTER_A_WORD = re.compile(r"(?<![\w])")
_NAME_ENDS = re.compile(r"(?![\w-])")
_SPACES = re.compile(r"\s+")


def _references(text: str, names, titles) -> list[tuple[int, str | None, int, int]]:
    r"""Where `(?<![\w])(?:(?P<honorific>titles)\s+)?(?P<name>names)(?![\w-])` matches, as
    re.finditer finds it: (start, honorific or None, name start, name end).

    Compiling that pattern for each article's names cost more than all the rest of this step. Its
    matches are few, and each begins at a name or at a title just before one: those places are
    found with str.find, and only they are tried, alternatives longest first as the pattern would."""
    names = sorted(names, key=len, reverse=True)
    titles = sorted(titles, key=len, reverse=True)
    any_title = tuple(titles)  # one test in C before the loop over them

    def name_end(at: int) -> int:
        for name in names:
            if text.startswith(name, at) and _NAME_ENDS.match(text, at + len(name)):
                return at + len(name)
        return -1

    def match_at(at: int) -> tuple[int, str | None, int, int] | None:
        for title in titles if text.startswith(any_title, at) else ():
            if text.startswith(title, at) and (space := _SPACES.match(text, at + len(title))):
                end = name_end(space.end())
                if end >= 0:
                    return at, title, space.end(), end
        end = name_end(at)
        return (at, None, at, end) if end >= 0 else None

    places = set()
    for name in names:
        at = text.find(name)
        while at >= 0:
            if _NOT_AFTER_A_WORD.match(text, at):
                places.add(at)
            gap = at
            while gap > 0 and text[gap - 1].isspace():
                gap -= 1
            if gap < at and text.endswith(any_title, 0, gap):
                for title in titles:
                    begin = gap - len(title)
                    if begin >= 0 and text.startswith(title, begin) and _NOT_AFTER_A_WORD.match(text, begin):
                        places.add(begin)
            at = text.find(name, at + 1)
    found, cursor = [], 0
    for at in sorted(places):
        if at >= cursor and (match := match_at(at)):
            found.append(match)
            cursor = match[3]
    return found


def _later_references_to_people(text: str, mentions: list[Mention], starts: list[int], titles: list[str]) -> list[Mention]:
    """"ông Moon", "Lavrov" after "Ngoại trưởng Nga Sergei Lavrov": the same person again.

    Each part of a coded person's name becomes an alias for the rest of the article: after an
    honorific ("ông", "bà", a title) any part; alone, only a foreign (plain ASCII) part of 5+ letters,
    since Vietnamese syllables are common words.
    """
    aliases: dict[str, Mention] = {}
    for mention in mentions:
        if mention.kind != "person" or mention.actor is None:
            continue
        name = mention.actor.name
        if not name:  # (the search is the costly part of this loop, and most people have a name)
            tail = _NAME_TAIL.search(mention.text)
            name = tail.group(1).strip() if tail else ""
        for part in _NAME_PARTS.split(name):
            if len(part) >= 3 and part[0].isupper():
                aliases.setdefault(part, mention)
    if not aliases:
        return mentions
    # Unlinked name runs give way: "Kang" after "Kang Sam-hyon" is that person, not a new name.
    covered = bytearray(len(text) + 1)  # 1 where a mention stands, as in `recognise`
    for m in mentions:
        if m.kind != "name":
            covered[m.start : m.end] = b"\x01" * (m.end - m.start)
    found = []
    for begin, honorific, start, end in _references(text, aliases, titles):
        if any(covered[start:end]):
            continue
        part = text[start:end]
        first = aliases[part]
        if begin < first.start:
            continue
        if not honorific and not (part.isascii() and part.isalpha() and len(part) >= 5):
            continue
        found.append(Mention(text[begin:end], begin, end, _sentence_of(starts, begin), "person", first.actor))
        covered[begin:end] = b"\x01" * (end - begin)
    if found:
        mentions = [m for m in mentions if m.kind != "name" or not any(f.start < m.end and m.start < f.end for f in found)]
    return sorted(mentions + found, key=lambda m: m.start)


def _link_surnames(text: str, mentions: list[Mention], resources: Resources, day: date | None) -> None:
    """"ông Moon", "Khamenei" with no full name earlier (a paragraph quoted alone, a headline): the
    one person of the dictionaries whose name holds that part and who was in office on the article's
    date. The same rule as for later references: after an honorific any part, alone only a foreign
    part of 5+ letters; ambiguous parts stay unlinked."""
    for mention in mentions:
        if mention.kind != "name" or mention.actor is not None or " " in mention.text.strip():
            continue
        part = mention.text.strip()
        honorific = resources.person_title_before.search(text, max(0, mention.start - 25), mention.start)
        if not honorific and not (part.isascii() and part.isalpha() and len(part) >= 5):
            continue
        holders = resources.people_by_part.get(part, [])
        title = honorific.group(0).strip() if honorific else ""
        if not holders and day is not None and len(part) >= 5 and title.lower() not in ("ông", "bà", "ngài"):
            # "Ngoại trưởng Kubela" for Kuleba: foreign names are often misspelt; after an office's
            # title, a near spelling of the name of who held that office then is that holder
            holders = [h for known in resources.parts_by_initial.get(part[0], []) if _near_spelling(part, known)
                       for h in resources.people_by_part[known]
                       if any(o.title.lower() == title.lower() and o.held_on(day) for o in h.offices)]
        if day is not None:
            holders = [h for h in holders if any(o.held_on(day) for o in h.offices)]
        if len(holders) == 1:
            mention.kind = "person"
            mention.actor = holders[0].actor_on(day)


def _near_spelling(a: str, b: str) -> bool:
    """Two letters swapped or one letter changed, added or dropped, keeping the first letter.
    (A bounded check by hand: a full edit-distance library would do far more than this needs.)"""
    if a == b or a[0] != b[0] or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        differ = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        return len(differ) == 1 or (len(differ) == 2 and a[differ[0]] == b[differ[1]] and a[differ[1]] == b[differ[0]])
    shorter, longer = sorted((a, b), key=len)
    return any(longer[:i] + longer[i + 1:] == shorter for i in range(len(longer)))


def _sentence_of(starts: list[int], offset: int) -> int:
    return max(0, bisect.bisect_right(starts, offset) - 1)


def _with_role(actor: Actor, role: str) -> Actor:
    country = actor.country
    if role in ("MED",):
        return Actor(None, country, role, actor.name)
    return Actor(f"{country}{role}" if country else role, country, role, actor.name)


def recognise(article: Article, resources: Resources) -> Article:
    text = article.text
    starts = [s.start for s in article.sentences]
    day = article_day(article)
    mentions: list[Mention] = []
    for match in resources.name_pattern.finditer(text):
        entry = resources.lexicon[match.group(0)]
        sentence = _sentence_of(starts, match.start())
        actor = entry.actor_on(day) if entry.kind == "person" else entry.actor
        mentions.append(Mention(match.group(0), match.start(), match.end(), sentence, entry.kind, actor))

    # 2. role phrases before countries and capitals
    for mention in mentions:
        if mention.kind not in ("country", "place") or mention.actor is None:
            continue
        sentence_start = starts[mention.sentence] if starts else 0
        window_start = max(sentence_start, mention.start - 60)
        found = resources.role_before.search(text, window_start, mention.start)
        if not found or _FORMER_BEFORE.search(text, max(0, found.start() - 6), found.start()):
            continue  # ("cựu chiến binh Việt Nam": veterans, not Vietnam's fighters)
        role = resources.roles.get(found.group("role")) or resources.roles_folded[found.group("role").lower()]
        if mention.actor.role == "MIL" and role == "GOV":
            role = "MIL"  # "lãnh đạo Lầu Năm Góc" is still the military
        mention.start = found.start()
        mention.text = text[mention.start : mention.end]
        mention.actor = _with_role(mention.actor, role)
        if role == "MED":
            mention.kind = "outlet"

    # "liên quân chống IS do Mỹ đứng đầu": a coalition led by a state acts as that state's military;
    # the enemy named inside the phrase is no actor of it.
    for found in _LED_COALITION.finditer(text):
        leader = next((m for m in mentions if m.kind in ("country", "place") and m.actor and m.actor.country
                       and m.start == found.start("leader")), None)
        if leader is None:
            continue
        inside = [m for m in mentions if found.start() <= m.start and m.end <= found.end()]
        for mention in inside:
            mentions.remove(mention)
        country = leader.actor.country
        mentions.append(Mention(found.group(0), found.start(), found.end(), leader.sentence, "country",
                                Actor(f"{country}MIL", country, "MIL")))
    mentions.sort(key=lambda m: m.start)

    # 3. title + country + person: one person mention. A person the dictionaries do not know
    # ("Bộ trưởng Quốc phòng Mỹ James Mattis") takes the code of the title before the name.
    covered = [(m.start, m.end) for m in mentions]
    for start, end in _name_runs(article, covered, resources.sentence_openers, resources.extra_words):
        # "Bashar al-Ja'afari", "Abdel Fattah el-Sisi": the Arabic article is written in lower case
        particle = _ARABIC_PARTICLE.match(text, end)
        if particle:
            end = particle.end()
        mentions.append(Mention(text[start:end], start, end, _sentence_of(starts, start), "name", None))
    mentions.sort(key=lambda m: m.start)
    merged: list[Mention] = []
    for mention in mentions:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and mention.kind in ("person", "name")
            and previous.kind in ("country", "place")
            and previous.sentence == mention.sentence
            and _TITLE_JOINER.fullmatch(text[previous.end : mention.start])
            and (mention.kind == "person" or (previous.actor is not None and previous.actor.role in ("GOV", "MIL", "LEG", "JUD", "COP", "SPY")))
            # across a comma only a title joins its holder ("Tổng thống Mỹ, ông Trump"), not a country
            # that ends a phrase ("biên giới của Mỹ, ông Trump tuyên bố")
            and ("," not in text[previous.end : mention.start] or (previous.actor is not None and previous.actor.role is not None))
        ):
            merged.pop()
            actor = mention.actor if mention.kind == "person" else previous.actor
            mention = Mention(text[previous.start : mention.end], previous.start, mention.end, mention.sentence, "person", actor)
        elif (
            len(merged) >= 2
            and mention.kind == "name"
            and previous.kind == "country"
            and merged[-2].kind in ("country", "place")
            and merged[-2].actor is not None
            and merged[-2].actor.role in ("GOV", "MIL")
            and previous.sentence == mention.sentence == merged[-2].sentence
            and _POSTED_AT.fullmatch(text[merged[-2].end : previous.start])
            and text[previous.end : mention.start] == " "
        ):
            # "Đại sứ Triều Tiên tại Iran Kang Sam-hyon": the envoy of the first country, posted in the second
            merged.pop()
            titled = merged.pop()
            mention = Mention(text[titled.start : mention.end], titled.start, mention.end, mention.sentence, "person", titled.actor)
        merged.append(mention)
    mentions = merged

    mentions = _later_references_to_people(text, mentions, starts, resources.cues.get("person_titles", ["ông", "bà"]))
    _link_surnames(text, mentions, resources, day)
    covered = bytearray(len(text) + 1)  # 1 where a mention already stands: a linear-time overlap test

    def take(start: int, end: int) -> None:
        covered[start:end] = b"\x01" * (end - start)

    def free(start: int, end: int) -> bool:
        return not any(covered[start:end])

    for mention in mentions:
        take(mention.start, mention.end)

    # 4. bare groups and references
    for match in resources.bare_role_pattern.finditer(text):
        phrase = match.group(0)
        # "chống khủng bố" (counter-terrorism), "vụ tấn công khủng bố": a domain, not an actor.
        if phrase in _BARE_DOMAIN_WORDS and _GENERIC_BEFORE.search(text, max(0, match.start() - 20), match.start()):
            continue
        if _FORMER_BEFORE.search(text, max(0, match.start() - 6), match.start()):
            continue  # "cựu chiến binh" (veterans) are no fighting group
        if free(match.start(), match.end()):
            role = resources.roles[phrase]
            mentions.append(Mention(phrase, match.start(), match.end(), _sentence_of(starts, match.start()), "group", Actor(role, None, role)))
            take(match.start(), match.end())
    found_by_kind: dict[str, list[re.Match]] = {}
    for match in resources.reference_pattern.finditer(text):
        found_by_kind.setdefault(match.lastgroup, []).append(match)
    for kind in REFERENCE_KINDS:  # in this order: a bloc before a pair before "họ"
        for match in found_by_kind.get(kind, ()):
            # "quốc gia Tây Phi này" is one reference, not the region Tây Phi
            # ("các nước Arab vùng Vịnh" is one bloc, not the region vùng Vịnh)
            inside = [m for m in mentions if (m.kind == "region" or kind == "bloc") and match.start() <= m.start and m.end <= match.end()]
            for region in inside:
                mentions.remove(region)
                covered[region.start:region.end] = bytes(region.end - region.start)
            if free(match.start(), match.end()):
                mentions.append(Mention(match.group(0), match.start(), match.end(), _sentence_of(starts, match.start()), kind, None))
                take(match.start(), match.end())

    # "ông", "bà" alone (not before a name): the person last named, resolved by the coder.
    for match in _PRONOUN.finditer(text):
        if free(match.start(), match.end()):
            mentions.append(Mention(match.group(1), match.start(1), match.end(1), _sentence_of(starts, match.start(1)), "he", None))
    mentions.sort(key=lambda m: m.start)
    article.mentions = mentions
    return article
