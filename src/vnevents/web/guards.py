"""What stands between the network and the service layer: a request-size limit, a per-client rate
limit, the write token, and headers that keep browsers from reading answers as markup.

The rate limiter is written here rather than taken from slowapi: slowapi wants a `request`
argument in every route's signature and brings the `limits` package with its storage backends,
for what in one process is a dictionary of token buckets.
"""
from __future__ import annotations

import hmac
import json
import time
from collections.abc import Callable

from fastapi import HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

BODILESS_METHODS = {"GET", "HEAD", "OPTIONS", "DELETE"}
MAX_TRACKED_CLIENTS = 10_000  # past this, buckets that have refilled are forgotten


async def _refuse(send, status: int, detail: str, headers: list[tuple[bytes, bytes]] = ()) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *headers]})
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """Refuses request bodies over `max_bytes` with 413: by their declared length before reading,
    and while reading for bodies sent in chunks (the body is then handed on whole)."""

    def __init__(self, app, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] in BODILESS_METHODS:
            return await self.app(scope, receive, send)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            if not declared.isdigit():
                return await _refuse(send, 400, "invalid Content-Length")
            if int(declared) > self.max_bytes:
                return await _refuse(send, 413, f"request body over {self.max_bytes} bytes")
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                return await _refuse(send, 413, f"request body over {self.max_bytes} bytes")
            chunks.append(chunk)
            if not message.get("more_body"):
                break
        body, delivered = b"".join(chunks), False

        async def replay():
            nonlocal delivered
            if delivered:
                return await receive()
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}

        return await self.app(scope, replay, send)


class RateLimit:
    """A token bucket per client address over the paths under `prefix`: `per_minute` requests a
    minute on average, `burst` at once; over it, 429 with Retry-After."""

    def __init__(self, app, per_minute: int, burst: int, prefix: str = "/api",
                 clock: Callable[[], float] = time.monotonic):
        self.app, self.prefix, self.clock = app, prefix, clock
        self.rate, self.burst = per_minute / 60.0, float(max(burst, 1))
        self.buckets: dict[str, tuple[float, float]] = {}  # client -> (tokens, when counted)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix):
            return await self.app(scope, receive, send)
        client = (scope.get("client") or ("?", 0))[0]
        wait = self.take(client)
        if wait > 0:
            return await _refuse(send, 429, "too many requests", [(b"retry-after", str(int(wait) + 1).encode())])
        return await self.app(scope, receive, send)

    def take(self, client: str) -> float:
        """Spend one token of `client`'s bucket: 0 when there was one, else seconds until there is."""
        now = self.clock()
        tokens, since = self.buckets.get(client, (self.burst, now))
        tokens = min(self.burst, tokens + (now - since) * self.rate)
        if tokens < 1:
            self.buckets[client] = (tokens, now)
            return (1 - tokens) / self.rate
        self.buckets[client] = (tokens - 1, now)
        if len(self.buckets) > MAX_TRACKED_CLIENTS:
            self._forget_full(now)
        return 0.0

    def _forget_full(self, now: float) -> None:
        for key, (tokens, since) in list(self.buckets.items()):
            if tokens + (now - since) * self.rate >= self.burst:
                del self.buckets[key]


class NoSniff:
    """Answers are JSON or files, never pages to render: browsers are told not to guess otherwise."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-content-type-options", b"nosniff"),
                                      (b"referrer-policy", b"no-referrer")]
            await send(message)

        return await self.app(scope, receive, with_headers)


bearer = HTTPBearer(auto_error=False, description="The token given to `vnevents serve --token` (or VNEVENTS_TOKEN)")


def require_writer(request: Request, credentials: HTTPAuthorizationCredentials | None) -> None:
    """Writing endpoints on a server that allows writes: 401 without the right token."""
    state = request.app.state
    given = credentials.credentials if credentials else ""
    if not state.allow_writes or not state.token or not hmac.compare_digest(given.encode(), state.token.encode()):
        raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})
