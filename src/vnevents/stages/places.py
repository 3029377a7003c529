"""Places: put countries, capitals and towns on the map.

1. A country named alone ("Niger", not "quân đội Niger") gets its point (the capital's, precision
   "country"); a capital or seat of power ("Washington", "Nhà Trắng") the capital's city point.
2. A proper name no dictionary knows becomes a town when the gazetteer has it and the text calls it
   one: after a place word ("tại Mosul", "thành phố al-Bab", "ngoại ô Damascus") or, with no such
   word, only a city of 100,000+ people. Of several towns of one name, one in a country the article
   names wins, then the most populous. A small town in a country the article never names is left
   alone: it is more likely a surname or a word. A name after a title ("Đại sứ Kang", "ông Rex")
   or the family name of a known office holder ("Bush") is a person, never a town.
   A town acts for its country in the coder ("không kích Mosul" targets Iraq) and tells it where an
   event happened.
"""
from __future__ import annotations

import bisect
import re

from .. import gazetteer
from ..models import Actor, Article, Mention, Place
from ..resources import Resources, alternatives, trie_alternatives

# Towns this big are named without a place word ("Istanbul", "Hamburg").
BARE_TOWN_POPULATION = 100_000


def geocode(article: Article, resources: Resources) -> Article:
    places = gazetteer.load()
    text = article.text
    town_before, after_town_word = _patterns(resources)
    named_countries = {m.actor.country for m in article.mentions if m.actor and m.actor.country}
    mentions = list(article.mentions)

    previous: Mention | None = None
    for mention in mentions:
        actor = mention.actor
        titled = previous is not None and _titled_country_before(text, previous, mention, resources)
        previous = mention
        if mention.kind == "country" and actor and actor.country and actor.role is None and mention.place is None:
            mention.place = places.country(actor.country)
        elif mention.kind == "place" and actor and actor.country:
            mention.place = places.city(mention.text, actor.country) or places.capital(actor.country)
        elif mention.kind == "organisation" and town_before.search(text, max(0, mention.start - 25), mention.start):
            # "trụ sở NATO ở Brussels": a city that usually stands for an institution, here a place
            town = places.city(mention.text)
            if town is not None and town.population >= BARE_TOWN_POPULATION:
                mention.place = town
                if mention.actor is not None and mention.actor.country != town.country:
                    # "thủ đô Brussels (Bỉ)": here the city itself, of its own country, not the EU
                    mention.kind = "place"
                    mention.actor = Actor(town.country, town.country)
        elif (mention.kind == "name" and actor is None and not resources.person_title_before.search(text, max(0, mention.start - 25), mention.start)
              and mention.text not in resources.people_by_part and not titled):
            # ("Đại sứ Kang" is a person even where a town is called Kang; so is "Bush", a known family name,
            # and "Howard" in "Cựu Thủ tướng Australia Howard")
            after_place_word = bool(town_before.search(text, max(0, mention.start - 25), mention.start))
            town = _choose(places.candidates(mention.text), named_countries, after_place_word)
            if town is not None:
                mention.kind = "place"
                mention.actor = Actor(town.country, town.country)
                mention.place = town

    # Lower-case transliterations the name finder does not see: "thành phố al-Bab".
    covered = [(m.start, m.end) for m in mentions]
    starts = [s.start for s in article.sentences]
    for found in after_town_word.finditer(text) if _may_name_transliteration(text) else ():
        start, end = found.span("name")
        if any(s < end and start < e for s, e in covered):
            continue
        town = _choose(places.candidates(found.group("name")), named_countries, True)
        if town is not None:
            sentence = max(0, bisect.bisect_right(starts, start) - 1)
            mentions.append(Mention(found.group("name"), start, end, sentence, "place", Actor(town.country, town.country), town))
    article.mentions = sorted(mentions, key=lambda m: m.start)
    return article


def _choose(towns: list[Place], named_countries: set[str], after_place_word: bool) -> Place | None:
    if not towns:
        return None
    local = [t for t in towns if t.country in named_countries]
    if local:
        return local[0]
    best = towns[0]
    if best.population >= BARE_TOWN_POPULATION:
        return best
    return None if not after_place_word or named_countries else best


# The Arabic article of a transliterated name ("al-Bab", "Ash-Shaddadi"), as the town-word pattern
# finds it ignoring case.
_ARTICLE = "(?:al|el|ar|as|ad|an|ash)-"
_LOWER_ARTICLE = re.compile(_ARTICLE)


def _may_name_transliteration(text: str) -> bool:
    """Whether the text holds an article the town-word pattern could start a name with: a plain
    search of the lower-cased text, where that pattern's case-blind scan costs as much as the rest
    of this stage. (Unless lower-casing changed the length (İ) or the text holds ſ, which that
    scan takes for s: then it runs.)"""
    lower = text.lower()
    return len(lower) != len(text) or "ſ" in text or _LOWER_ARTICLE.search(lower) is not None


_PATTERNS: dict[int, tuple[re.Pattern[str], re.Pattern[str]]] = {}


def _patterns(resources: Resources) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Compiled once per set of resources, not per article: a place word before a name, and a
    lower-case transliterated town after a town word ("thành phố al-Bab")."""
    found = _PATTERNS.get(id(resources))
    if found is None:
        found = _PATTERNS[id(resources)] = (
            re.compile(r"(?:^|[\s(])(?:" + trie_alternatives(resources.cues["town_before"], ignore_case=True) + r")\s+$", re.IGNORECASE),
            re.compile(r"(?<![\w])(?:" + alternatives(resources.cues["town_words"]) + r")\s+(?P<name>" + _ARTICLE + r"[\w'’-]+)",
                       re.IGNORECASE),
        )
    return found


def _titled_country_before(text: str, previous: Mention, mention: Mention, resources: Resources) -> bool:
    """"Thủ tướng Australia Howard": a name right after a country that follows a title is the title's holder."""
    return (previous.kind == "country" and text[previous.end : mention.start] == " "
            and bool(resources.person_title_before.search(text, max(0, previous.start - 25), previous.start)))
