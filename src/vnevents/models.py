"""The data model every stage reads and enriches.

An `Article` holds one cleaned text that never changes once the repair stage has run; every
annotation after that (sentences, tokens, mentions, time expressions, events) is a character span
into it, so any claim can be traced back to the exact words it came from.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


@dataclass
class Token:
    text: str
    start: int
    end: int
    proper: bool = False  # looks like (part of) a proper name


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    tokens: list[Token] = field(default_factory=list)


@dataclass(frozen=True)
class Actor:
    """A coded actor: CAMEO-style `code` (RUSGOV), its `country` (ISO alpha-3) and `role`."""

    code: str | None
    country: str | None
    role: str | None = None
    name: str | None = None  # canonical name for people and organisations


@dataclass(frozen=True)
class Place:
    """A point on the map from the gazetteer: a city, or a whole country (its capital's point)."""

    name: str
    country: str | None  # ISO alpha-3
    latitude: float
    longitude: float
    population: int
    precision: str  # city or country
    geonameid: int | None = None


@dataclass
class Location:
    """Where an event happened: the words that say so and the place they name."""

    text: str
    start: int
    end: int
    place: Place

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "name": self.place.name,
                "country": self.place.country, "latitude": self.place.latitude, "longitude": self.place.longitude,
                "precision": self.place.precision, "geonameid": self.place.geonameid}


@dataclass
class Mention:
    """A span of the text that names something.

    kind: country, person, organisation, place (a metonym such as Washington), outlet, region,
    reference (nước này, họ), pair (hai bên, hai nước), bloc (các nước này, ba nước): all resolved by the coder; or name (a proper name nothing links).
    """

    text: str
    start: int
    end: int
    sentence: int
    kind: str
    actor: Actor | None = None
    place: Place | None = None  # where on the map, for countries, capitals and towns

    @property
    def is_actor(self) -> bool:
        return self.kind not in ("outlet", "region", "name") and (
            self.actor is not None or self.kind in ("reference", "pair", "bloc", "we", "he")
        )


@dataclass
class TimeExpression:
    """A date phrase and what it resolves to against the article's date."""

    text: str | None  # None where the article's date stands in (basis "article")
    start: int
    end: int
    value: str | None  # YYYY, YYYY-MM or YYYY-MM-DD (a week: its Monday)
    precision: str | None  # year, month, week, day
    # text: said in the text; article: no date of its own, the article's date stands in
    basis: str = "text"


@dataclass
class Evidence:
    sentence: int
    start: int
    end: int
    text: str
    caption: bool = False  # from a photo caption, not the body
    raw_start: int | None = None  # where the sentence stood in the text as read (before cleaning)


@dataclass
class ActorRef:
    text: str
    code: str | None
    country: str | None
    start: int | None = None
    end: int | None = None


@dataclass
class Event:
    type: str
    source: ActorRef | None
    target: ActorRef | None
    evidence: Evidence
    trigger: str
    pattern: str
    mode: str | None = None
    context: str | None = None
    date: TimeExpression | None = None
    factuality: str = "asserted"
    speaker: str | None = None
    via: list[str] = field(default_factory=list)
    cameo: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    confidence: float = 0.5
    # Told as history (a coup last year, talks in 2016): dated well before the article itself.
    background: bool = False
    location: Location | None = None

    def to_dict(self) -> dict[str, Any]:
        # field by field: `asdict` deep-copies every value, and this runs for every stored event
        out = {name: getattr(self, name) for name in _EVENT_FIELDS}
        out["source"] = vars(self.source).copy() if self.source else None
        out["target"] = vars(self.target).copy() if self.target else None
        out["evidence"] = vars(self.evidence).copy()
        out["via"] = list(self.via)
        out["place"] = self.location.to_dict() if self.location else None
        out["date"] = (
            {"value": self.date.value, "precision": self.date.precision, "text": self.date.text, "basis": self.date.basis}
            if self.date
            else {"value": None, "precision": None, "text": None, "basis": None}
        )
        return out


_EVENT_FIELDS = [f.name for f in fields(Event) if f.name != "location"]


@dataclass
class Article:
    path: str
    text: str
    raw: bytes = b""
    title: str | None = None
    date: str | None = None  # the article's own date: YYYY, YYYY-MM or YYYY-MM-DD
    # given (by the caller or the source's metadata), text (its dateline), inferred (its latest date)
    date_basis: str | None = None
    author: str | None = None
    agency: str | None = None
    url: str | None = None
    # How the bytes became text: utf-8, utf-16, cp1258, tcvn3, vni (and what was done, in `repairs`)
    encoding: str = "utf-8"
    # Photo captions ("... Ảnh: AP"): spans of `text`, analysed like the rest but marked
    captions: list[tuple[int, int]] = field(default_factory=list)
    repairs: list[dict[str, Any]] = field(default_factory=list)
    # For each character of `text`, its offset in the text as first read (before any cleaning)
    origin: list[int] = field(default_factory=list, repr=False)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def raw_offset(self, offset: int) -> int:
        """Where a character of the cleaned text stood in the text as read."""
        if not self.origin:
            return offset
        return self.origin[offset] if offset < len(self.origin) else (self.origin[-1] + 1)

    def to_dict(self) -> dict[str, Any]:
        """The published output contract (schema/article.schema.json)."""
        return {
            "path": self.path,
            "title": self.title,
            "date": self.date,
            "date_basis": self.date_basis if self.date else None,
            "author": self.author,
            "agency": self.agency,
            "url": self.url,
            "encoding": self.encoding,
            "text": self.text,
            "captions": [{"start": start, "end": end, "text": self.text[start:end]} for start, end in self.captions],
            "repairs": self.repairs,
            "sentences": [{"start": s.start, "end": s.end} for s in self.sentences],
            "entities": [
                {
                    "text": m.text,
                    "start": m.start,
                    "end": m.end,
                    "sentence": m.sentence,
                    "kind": m.kind,
                    "code": m.actor.code if m.actor else None,
                    "country": m.actor.country if m.actor else None,
                    "geo": ({"name": m.place.name, "country": m.place.country, "latitude": m.place.latitude,
                             "longitude": m.place.longitude, "precision": m.place.precision}
                            if m.place else None),
                }
                for m in self.mentions
            ],
            "events": [e.to_dict() for e in self.events],
        }
