"""Fetching URLs: one page or feed per URL, with timeouts, retries and a size limit.

httpx does the HTTP; what is ours is the policy: a clear user agent, a bounded number of retries
for failures that may pass (timeouts, dropped connections, 429 and 5xx answers), a body read in
chunks and cut off at the size limit instead of loaded whole, and one clear message per way a URL
can fail (timeout, 404, a PDF, too big), so a batch reports it and goes on.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

from . import __version__, errors

USER_AGENT = f"vnevents/{__version__} (Vietnamese news event coder; +https://pypi.org/project/vnevents/)"
RETRY_STATUSES = {429, 500, 502, 503, 504}


@dataclass(frozen=True)
class Fetched:
    url: str  # as asked
    final_url: str  # after redirects
    content_type: str  # media type only, lower case ("text/html")
    charset: str | None
    raw: bytes


def fetch(url: str, timeout: float, retries: int, max_bytes: int, backoff: float = 0.5) -> Fetched:
    last_problem = "no attempt made"
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(backoff * 2 ** (attempt - 1))
        try:
            return _fetch_once(url, timeout, max_bytes)
        except _Retryable as exc:
            last_problem = str(exc)
    raise errors.FetchError(f"{last_problem} (tried {retries + 1} times)", path=url)


class _Retryable(Exception):
    pass


def _fetch_once(url: str, timeout: float, max_bytes: int) -> Fetched:
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"}
    try:
        with httpx.Client(timeout=timeout, follow_redirects=True, headers=headers) as client:
            with client.stream("GET", url) as response:
                if response.status_code in RETRY_STATUSES:
                    raise _Retryable(f"HTTP {response.status_code} {response.reason_phrase}")
                if response.status_code >= 400:
                    raise errors.FetchError(f"HTTP {response.status_code} {response.reason_phrase}", path=url)
                media_type, charset = _content_type(response.headers.get("content-type", ""))
                if media_type == "application/pdf":
                    raise errors.UnsupportedInput("is a PDF document; only web pages, feeds and text are read", path=url)
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    raise errors.TooLarge(f"response is {int(declared):,} bytes, over the {max_bytes:,}-byte limit", path=url)
                body = bytearray()
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if len(body) > max_bytes:
                        raise errors.TooLarge(f"response is over the {max_bytes:,}-byte limit", path=url)
                if body[:5] == b"%PDF-":
                    raise errors.UnsupportedInput("is a PDF document; only web pages, feeds and text are read", path=url)
                return Fetched(url, str(response.url), media_type, charset, bytes(body))
    except httpx.TimeoutException:
        raise _Retryable(f"timed out after {timeout:g} s") from None
    except httpx.TransportError as exc:
        raise _Retryable(f"cannot connect: {exc.__class__.__name__}: {exc}") from None
    except httpx.InvalidURL as exc:
        raise errors.FetchError(f"not a valid URL: {exc}", path=url) from None


def _content_type(header: str) -> tuple[str, str | None]:
    parts = [p.strip() for p in header.split(";")]
    media_type = parts[0].lower() if parts and parts[0] else "application/octet-stream"
    charset = next((p.split("=", 1)[1].strip('"').lower() for p in parts[1:] if p.lower().startswith("charset=")), None)
    return media_type, charset


def is_url(item: object) -> bool:
    return isinstance(item, str) and item.lower().startswith(("http://", "https://"))
