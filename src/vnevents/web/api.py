"""The REST API under /api: each route parses its parameters, calls the service layer, returns."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path as FilePath
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import FileResponse
from fastapi.security import HTTPAuthorizationCredentials
from starlette.background import BackgroundTask

from .. import __version__, service
from ..config import API_PAGE_MAX
from ..store import EventFilter, Store
from . import models
from .guards import bearer, require_writer

router = APIRouter(prefix="/api")
# Writing endpoints: the app includes these with `writer` (a bearer token) when writes are on,
# with `writes_off` (403 for all) when not, so the OpenAPI document asks a token only when one can help.
writes = APIRouter(prefix="/api", tags=["writes"])

# Codes are letters and digits; free text may hold anything but control characters (PostgreSQL
# refuses NUL in a string, so it is refused here before it reaches the database).
CODE = r"^[A-Za-z0-9_.-]*$"
TEXT = r"^[^\x00-\x1f]*$"
MAX_ID = 2**31 - 1  # ids are 32-bit integers in both databases
Id = Annotated[int, Path(ge=1, le=MAX_ID)]
Code = Annotated[str, Path(min_length=2, max_length=32, pattern=CODE, description="Actor code (RUSGOV) or country (RUS)")]
Limit = Annotated[int, Query(ge=1, le=API_PAGE_MAX)]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
Words = Annotated[str | None, Query(max_length=200, pattern=TEXT, description="Words the evidence sentence holds")]
NOT_FOUND = {404: {"model": models.Problem}}
WRITER = {401: {"model": models.Problem}, 403: {"model": models.Problem}}
BODY_REFUSED = {400: {"model": models.Problem, "description": "A body that is not UTF-8 or a bad Content-Length"},
                413: {"model": models.Problem, "description": "A body over the size limit"}}
EXPORT_TYPES = {"gdelt": ("text/tab-separated-values", "tsv"), "mentions": ("text/tab-separated-values", "tsv"),
                "jsonl": ("application/x-ndjson", "jsonl"), "csv": ("text/csv", "csv"),
                "parquet": ("application/vnd.apache.parquet", "parquet")}


def store(request: Request) -> Store:
    return request.app.state.store


def settings(request: Request):
    return request.app.state.settings


def event_filter(
    actor: Annotated[str | None, Query(max_length=32, pattern=CODE, description="Source: country (RUS) or actor code (RUSGOV)")] = None,
    target: Annotated[str | None, Query(max_length=32, pattern=CODE, description="Target: country or actor code")] = None,
    type: Annotated[str | None, Query(max_length=16, pattern=CODE, description="PLOVER type, e.g. AID")] = None,
    since: Annotated[str | None, Query(pattern=models.DATE_PATTERN, description="From this date, inclusive")] = None,
    until: Annotated[str | None, Query(pattern=models.DATE_PATTERN, description="Up to this date, inclusive")] = None,
    factuality: models.Factuality | None = None,
    place: Annotated[str | None, Query(max_length=3, pattern=CODE, description="Country (alpha-3) where it happened")] = None,
) -> EventFilter:
    return EventFilter(actor=actor, target=target, type=type, since=since, until=until, factuality=factuality, place=place)


Db = Annotated[Store, Depends(store)]
Filter = Annotated[EventFilter, Depends(event_filter)]


def writer(request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> None:
    require_writer(request, credentials)


def writes_off() -> None:
    raise HTTPException(403, "writing is off: start the server with --allow-writes and a token")


def _found(value):
    if value is None:
        raise HTTPException(404, "not found")
    return value


@router.get("/info", tags=["meta"])
def info(db: Db, request: Request) -> dict:
    """Version, what the database holds, and whether writing is on."""
    return {"version": __version__, **db.counts(), "writes": request.app.state.allow_writes}


@router.get("/articles", response_model=models.Page[models.ArticleItem], tags=["articles"])
def list_articles(db: Db, limit: Limit = 50, offset: Offset = 0,
                  q: Annotated[str | None, Query(max_length=200, pattern=TEXT, description="Full-text search: all these words")] = None,
                  folded: Annotated[bool, Query(description="Ignore diacritics: 'quan doi nga' finds 'Quân đội Nga'")] = False):
    """Stored articles: the latest first, or those holding all the words of `q`, best first."""
    return service.list_articles(db, q, folded, limit, offset).to_dict()


@router.get("/articles/{article_id}", response_model=models.ArticleDetail, responses=NOT_FOUND, tags=["articles"])
def get_article(db: Db, article_id: Id, request: Request):
    """One article: its text, the names in it, its sentences and its stored events with evidence."""
    return _found(service.article_detail(db, article_id, settings(request)))


@writes.delete("/articles/{article_id}", response_model=models.Deleted, responses={**NOT_FOUND, **WRITER})
def delete_article(db: Db, article_id: Id):
    """Remove an article and its event mentions; the happenings it told are recounted."""
    _found(service.delete_article(db, article_id) or None)
    return {"deleted": article_id}


@router.get("/events", response_model=models.Page[models.ListedEvent], tags=["events"])
def list_events(db: Db, where: Filter, limit: Limit = 50, offset: Offset = 0, q: Words = None,
                sort: models.SortEvents = "date"):
    """Event mentions (each report of an event), as `vnevents events --mentions`."""
    return service.list_events(db, where, sort, limit, offset, words=q).to_dict()


@router.get("/happenings", response_model=models.Page[models.Happening], tags=["events"])
def list_happenings(db: Db, where: Filter, limit: Limit = 50, offset: Offset = 0, q: Words = None,
                    sort: models.SortHappenings = "date"):
    """Happenings (one per event however many articles told it), as `vnevents events`."""
    return service.list_happenings(db, where, sort, limit, offset, words=q).to_dict()


@router.get("/happenings/{happening_id}", response_model=models.HappeningDetail, responses=NOT_FOUND, tags=["events"])
def get_happening(db: Db, happening_id: Id):
    """One happening and every mention of it, as `vnevents events show`."""
    return _found(service.happening_detail(db, happening_id))


@router.get("/actors", response_model=models.Page[models.ActorCount], tags=["actors"])
def list_actors(db: Db, where: Filter, limit: Limit = 50, offset: Offset = 0):
    """Actors by how many event mentions name them on either side, most first."""
    return service.list_actors(db, where, limit, offset).to_dict()


@router.get("/actors/{code}", response_model=models.ActorProfile, responses=NOT_FOUND, tags=["actors"])
def get_actor(db: Db, code: Code, by: models.Period = "month"):
    """An actor: its events, its counterparts and its timeline."""
    return _found(service.actor_profile(db, code, by))


@router.get("/actors/{code}/events", response_model=models.Page[models.ListedEvent], tags=["actors"])
def actor_events(db: Db, code: Code, where: Filter, limit: Limit = 50, offset: Offset = 0,
                 sort: models.SortEvents = "date"):
    """Event mentions with this actor on either side."""
    return service.list_events(db, where, sort, limit, offset, party=code).to_dict()


@router.get("/stats/timeseries", response_model=list[models.TimePoint], tags=["stats"])
def timeseries(db: Db, where: Filter, by: models.Period = "month"):
    """Happenings per period: count, Goldstein sum and the quad-class mix, as `vnevents stats`."""
    return service.timeseries(db, where, by)


@router.get("/stats/dyads", response_model=list[models.Dyad], tags=["stats"])
def dyads(db: Db, where: Filter, limit: Limit = 20):
    """Source-target pairs of happenings, most told first."""
    return service.dyads(db, where, limit)


@router.get("/places", response_model=list[models.PlaceCount], tags=["stats"])
def places(db: Db, where: Filter, limit: Limit = API_PAGE_MAX):
    """Where happenings took place, on the map, with counts."""
    return service.places(db, where, limit)


@router.get("/export", response_class=FileResponse, tags=["events"],
            responses={200: {"description": "The file", "content": {media: {} for media, _ in EXPORT_TYPES.values()}}})
def export(db: Db, where: Filter, format: models.ExportFormat = "jsonl"):
    """Stored events as a file: gdelt (GDELT 2.0 event table, one row per happening), mentions
    (GDELT-style mentions TSV), jsonl, csv or parquet (one row per mention)."""
    media_type, suffix = EXPORT_TYPES[format]
    handle, name = tempfile.mkstemp(suffix="." + suffix)
    os.close(handle)
    service.export_events(db, format, FilePath(name), where)
    return FileResponse(name, media_type=media_type, filename=f"vnevents-{format}.{suffix}",
                        background=BackgroundTask(os.unlink, name))


@router.post("/analyze", response_model=models.AnalyzedArticle, tags=["analyze"],
             responses={**BODY_REFUSED, 422: {"description": "Invalid request (malformed JSON included) or unusable input"}})
def analyze(document: models.Document, request: Request):
    """Code one article's events (text or an HTML page); nothing is stored."""
    return service.analyze_document(**document.model_dump(), settings=settings(request)).to_dict()


@writes.post("/ingest", response_model=models.IngestResponse, responses={**WRITER, **BODY_REFUSED})
def ingest(body: models.IngestRequest, db: Db, request: Request):
    """Analyse and store articles; those already stored are skipped."""
    results = service.ingest_documents([d.model_dump() for d in body.documents], db, settings(request))
    return {"results": [service.ingested_dict(r) for r in results]}


@writes.post("/reprocess", response_model=models.ReprocessResponse, responses={**WRITER, **BODY_REFUSED})
def reprocess(db: Db, request: Request, body: models.ReprocessRequest | None = None):
    """Re-code stored articles after an upgrade, from their stored text."""
    articles, events = service.reprocess(db, settings(request), everything=bool(body and body.all))
    return {"articles": articles, "events": events}
