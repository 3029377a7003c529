"""The web application: the REST API under /api, its OpenAPI docs at /docs, the UI at /.

Read-only unless built with `allow_writes` and a token; CORS only for the origins given.
"""
from __future__ import annotations

from pathlib import Path

from fastapi import Depends, FastAPI, Request
from starlette.routing import Match
from fastapi.responses import JSONResponse

from .. import __version__, errors, service
from ..config import Settings
from . import api
from .guards import BodyLimit, NoSniff, RateLimit

STATIC_DIR = Path(__file__).parent / "static"
ANY_METHOD = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"}


def create_app(db_url: str | None = None, settings: Settings | None = None, allow_writes: bool = False,
               token: str | None = None, cors_origins: tuple[str, ...] | list[str] = ()) -> FastAPI:
    """The app over the database at `db_url` (vnevents.db by default); the store is opened once."""
    settings = settings or Settings()
    if allow_writes and not token:
        raise ValueError("writes need a token: pass --token or set VNEVENTS_TOKEN")
    app = FastAPI(title="vnevents", version=__version__,
                  description="Political events from Vietnamese news: who did what to whom, with the evidence.")
    app.state.store = service.open_store(db_url)
    app.state.settings = settings
    # Models load now, not in the first requests: underthesea loads its word segmenter lazily and
    # not thread-safely, and concurrent first requests for article pages answered 500.
    service.pipeline(settings).warm_up()
    app.state.allow_writes = allow_writes
    app.state.token = token or ""
    app.include_router(api.router)
    app.include_router(api.writes, dependencies=[Depends(api.writer if allow_writes else api.writes_off)])
    # any other method or path under /api is answered here, not by the UI's static files
    app.add_api_route("/api/{rest:path}", _no_operation, methods=sorted(ANY_METHOD), include_in_schema=False)
    app.add_exception_handler(errors.StoreError, _store_failed)
    app.add_exception_handler(errors.VneventsError, _unusable_input)
    # added last = runs first: the size and rate checks see a request before anything reads it
    app.add_middleware(NoSniff)
    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "POST", "DELETE"],
                           allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(BodyLimit, max_bytes=settings.api_max_body_bytes)
    if settings.api_rate_per_minute > 0:
        app.add_middleware(RateLimit, per_minute=settings.api_rate_per_minute, burst=settings.api_rate_burst)
    if STATIC_DIR.is_dir() and any(STATIC_DIR.iterdir()):
        from fastapi.staticfiles import StaticFiles

        app.mount("/", StaticFiles(directory=STATIC_DIR, html=True), name="ui")  # last: /api and /docs match first
    return app


async def _unusable_input(_request: Request, exc: errors.VneventsError) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=422)


async def _store_failed(_request: Request, exc: errors.StoreError) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=503)


async def _no_operation(request: Request) -> JSONResponse:
    """404 for a path no operation has; 405 naming every method it has, whichever route declared
    it (Starlette's own 405 names only the first route that matched the path)."""
    allowed = set()
    for route in request.app.routes:
        if getattr(route, "endpoint", None) is _no_operation:
            break  # routes after this one (the UI) never answer /api
        for method in ANY_METHOD:
            if route.matches({**request.scope, "method": method})[0] is Match.FULL:
                allowed.add(method)
    if not allowed:
        return JSONResponse({"detail": "Not Found"}, status_code=404)
    return JSONResponse({"detail": "Method Not Allowed"}, status_code=405, headers={"Allow": ", ".join(sorted(allowed))})
