"""What the REST API takes and returns, as pydantic models: they validate requests and make the
OpenAPI document (/docs, /openapi.json) say exactly what each answer holds."""
from __future__ import annotations

from typing import Annotated, Any, Generic, Literal, TypeVar

from fastapi import Body

from pydantic import BaseModel, ConfigDict, Field

Item = TypeVar("Item")
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


class Page(BaseModel, Generic[Item]):
    total: int = Field(description="How many items match in all")
    items: list[Item]
    limit: int
    offset: int


# ---- events in the JSONL contract's shape (schema/article.schema.json) ----------------------------
class ActorRef(BaseModel):
    text: str = Field(description="The words of the article")
    code: str | None = Field(None, description="CAMEO-style actor code, e.g. RUSMIL")
    country: str | None = Field(None, description="ISO alpha-3")
    start: int | None = Field(None, description="Offset into the text (null for stored events: not kept)")
    end: int | None = None


class EventDate(BaseModel):
    value: str | None = None
    precision: str | None = None
    text: str | None = None
    basis: str | None = None


class EventPlace(BaseModel):
    text: str | None = None
    start: int | None = None
    end: int | None = None
    name: str
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    precision: str | None = None
    geonameid: int | None = None


class Evidence(BaseModel):
    sentence: int
    start: int = Field(description="Offset of the evidence sentence in the article's text")
    end: int
    text: str
    caption: bool = False
    raw_start: int | None = None


class ContractEvent(BaseModel):
    type: str = Field(description="PLOVER event type")
    mode: str | None = None
    context: str | None = None
    source: ActorRef | None = None
    target: ActorRef | None = None
    date: EventDate
    place: EventPlace | None = None
    factuality: str
    speaker: str | None = None
    via: list[str] = []
    evidence: Evidence
    trigger: str
    pattern: str
    cameo: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    confidence: float
    background: bool = False


class StoredEvent(ContractEvent):
    id: int = Field(description="The mention's id")
    article_id: int
    happening: int | None = Field(None, description="Id of the happening (canonical event) it reports")


class ListedEvent(StoredEvent):
    article_title: str | None = None
    article_url: str | None = None
    article_date: str | None = None


# ---- articles ----------------------------------------------------------------------------------
class Span(BaseModel):
    start: int
    end: int


class Caption(Span):
    text: str


class Geo(BaseModel):
    name: str
    country: str | None = None
    latitude: float
    longitude: float
    precision: str


class Entity(BaseModel):
    text: str
    start: int
    end: int
    sentence: int | None = None
    kind: str
    code: str | None = None
    country: str | None = None
    geo: Geo | None = None


class AnalyzedArticle(BaseModel):
    """One article as `vnevents analyze --format jsonl` writes it; every offset points into `text`."""

    path: str
    title: str | None = None
    date: str | None = None
    date_basis: str | None = None
    author: str | None = None
    agency: str | None = None
    url: str | None = None
    encoding: str
    text: str
    captions: list[Caption]
    repairs: list[dict[str, Any]]
    sentences: list[Span]
    entities: list[Entity]
    events: list[ContractEvent]


class ArticleItem(BaseModel):
    id: int
    title: str | None = None
    date: str | None = None
    source: str | None = Field(None, description="The outlet (agency or site), else the input's path")
    url: str | None = None
    events: int = Field(description="Event mentions stored for it")


class ArticleDetail(BaseModel):
    id: int
    path: str
    title: str | None = None
    date: str | None = None
    date_basis: str | None = None
    author: str | None = None
    agency: str | None = None
    source: str | None = None
    url: str | None = None
    encoding: str | None = None
    ingested_at: str
    text: str = Field(description="The cleaned text; plain text, never markup, whatever it contains")
    captions: list[Caption]
    repairs: list[dict[str, Any]] = Field(description="What repair changed in the text as read (encoding, diacritics), with offsets")
    sentences: list[Span]
    mentions: list[Entity] = Field(description="Names found in the text, found again from the stored text")
    events: list[StoredEvent] = Field(description="The stored events, as `vnevents events --mentions` lists them")


# ---- happenings, actors, aggregates -----------------------------------------------------------------
class Happening(BaseModel):
    id: int
    type: str
    source_code: str | None = None
    source_country: str | None = None
    source_text: str | None = None
    target_code: str | None = None
    target_country: str | None = None
    target_text: str | None = None
    date: str | None = None
    place_country: str | None = None
    place_name: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    cameo: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    mention_count: int
    source_count: int = Field(description="Distinct stories: near-duplicate articles count once")
    article_count: int | None = None
    outlets: list[str]
    first_seen: str
    last_seen: str
    mention_id: int | None = Field(None, description="The first report, whose evidence stands for the happening")
    evidence_text: str | None = None
    article_id: int | None = None
    article_url: str | None = None
    article_path: str | None = None


class Report(StoredEvent):
    article_url: str | None = None
    article_path: str | None = None
    story: int | None = Field(None, description="Near-duplicate group of its article")


class HappeningDetail(Happening):
    mentions: list[Report]


class Counterpart(BaseModel):
    code: str
    name: str | None = None
    count: int
    goldstein: float | None = Field(None, description="Mean Goldstein value of their events")


class ActorPeriod(BaseModel):
    period: str
    count: int
    cooperation: int = Field(description="Quad classes 1 and 2")
    conflict: int = Field(description="Quad classes 3 and 4")
    goldstein: float = Field(description="Sum of Goldstein values")


class ActorProfile(BaseModel):
    code: str
    name: str | None = Field(None, description="The words news uses most for it")
    country: str | None = None
    role: str | None = None
    events: int = Field(description="Event mentions with it on either side")
    counterparts: list[Counterpart]
    timeline: list[ActorPeriod]


class ActorCount(BaseModel):
    code: str
    name: str | None = None
    country: str | None = None
    count: int


class TimePoint(BaseModel):
    period: str = Field(description="YYYY-MM-DD, YYYY-Www (ISO week), YYYY-MM or YYYY")
    count: int = Field(description="Happenings")
    goldstein: float = Field(description="Sum of Goldstein values, as `vnevents stats`")
    quad: dict[str, int] = Field(description="Happenings per quad class 1-4")


class Dyad(BaseModel):
    source: str
    source_name: str | None = None
    target: str
    target_name: str | None = None
    count: int
    goldstein: float | None = Field(None, description="Mean Goldstein value")


class PlaceCount(BaseModel):
    name: str
    country: str | None = None
    lat: float
    lon: float
    count: int


# ---- requests -----------------------------------------------------------------------------------------
class _About(BaseModel):
    model_config = ConfigDict(extra="forbid")
    date: str | None = Field(None, pattern=DATE_PATTERN, description="The article's date, to resolve relative dates")
    title: str | None = None


class TextDocument(_About):
    text: str = Field(description="Plain text (Vietnamese); markup in it is text like any other")


class HtmlDocument(_About):
    html: str = Field(description="An HTML page: its main text, title, date and site are taken from it")


# exactly one of the two: an object with both, or neither, fits no branch (extra fields are refused)
Document = Annotated[TextDocument | HtmlDocument, Body()]


class _Published(BaseModel):
    url: str | None = None
    source: str | None = Field(None, description="The outlet that published it")


class StoredText(TextDocument, _Published):
    pass


class StoredHtml(HtmlDocument, _Published):
    pass


class IngestRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    documents: list[StoredText | StoredHtml] = Field(min_length=1, max_length=100)


class IngestResult(BaseModel):
    path: str
    article_id: int | None = None
    events: int = 0
    duplicate: bool = False
    error: str | None = None


class IngestResponse(BaseModel):
    results: list[IngestResult]


class ReprocessRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    all: bool = Field(False, description="Re-code every article, not only those coded by another version")


class ReprocessResponse(BaseModel):
    articles: int
    events: int


class Deleted(BaseModel):
    deleted: int


class Problem(BaseModel):
    detail: str


SortEvents = Literal["date", "-date", "goldstein", "-goldstein", "confidence", "-confidence"]
SortHappenings = Literal["date", "-date", "goldstein", "-goldstein", "mentions", "-mentions"]
Period = Literal["day", "week", "month", "year"]
ExportFormat = Literal["gdelt", "mentions", "jsonl", "csv", "parquet"]
Factuality = Literal["asserted", "reported", "denied", "planned", "speculated"]
