"""Ingest: turn inputs into `Article`s, keeping the raw bytes.

Inputs: plain text, HTML pages (trafilatura: main text, title, date, author, site), RSS/Atom feed
files (feedparser: one article per item), JSONL corpora (one article per line: "text" or "html",
with optional "id", "url", "title", "date", "source"), and http(s) URLs of any of these (fetch.py).
Bytes in a legacy Vietnamese encoding (Windows-1258, TCVN3, VNI) or UTF-16 are converted and the
conversion recorded in the article (`encoding`, and a `repairs` entry).

Every way an input can be unusable has its own exception (errors.py) naming the input, so the CLI
can report it in one line and go on with the other inputs.
"""
from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Iterator
from pathlib import Path

from .. import errors, fetch
from ..config import MAX_INPUT_BYTES, MIN_VIETNAMESE_LETTER_SHARE, Settings
from ..models import Article

SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl",
            ".xml": "feed", ".rss": "feed", ".atom": "feed"}
# A JSONL corpus may be any size: the limit applies to each of its lines.
JSONL_LINE_MAX_BYTES = MAX_INPUT_BYTES
# Any of these gzip-compressed (".txt.gz", ".jsonl.gz") is read through gzip. A whole file may
# decompress to at most `Settings.max_input_bytes`; a JSONL corpus to any size, but not past this
# many times its compressed size once it is over that limit: news compresses 4-10x, a gzip bomb
# (zeros or blank lines) a thousand times and more.
COMPRESSED_SUFFIX = ".gz"
MAX_GZIP_RATIO = 100

# Letters only Vietnamese uses among Latin-script languages news comes in: breve/circumflex/horn
# vowels, đ, and the five tone marks on any vowel.
_VIETNAMESE_LETTER = re.compile(
    "[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.IGNORECASE
)
_NOT_LETTERS = re.compile(r"[\W\d_]+")
_FEED_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.DOTALL)
_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<meta|<div|<p\b|<article)", re.IGNORECASE)


def discover(paths: list[Path | str]) -> Iterator[Path | str | errors.InputError]:
    """Yield the inputs under `paths` in a stable order (URLs as they are), or an error for a path
    that yields none."""
    for path in paths:
        if fetch.is_url(path):
            yield str(path)
            continue
        path = Path(path)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and kind_of(p) is not None)
            if not files:
                yield errors.NoReadableFiles(
                    "folder has no .txt, .html, .jsonl or feed (.xml, .rss, .atom) files", path=str(path)
                )
            yield from files
        elif path.is_file():
            yield path
        else:
            yield errors.InputError("no such file or folder", path=str(path))


def kind_of(path: Path) -> str | None:
    """What a file holds by its name: text, html, jsonl or feed (None: not an input), through
    a ".gz" ending."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes[-1:] == [COMPRESSED_SUFFIX]:
        return SUFFIXES.get(suffixes[0]) if len(suffixes) == 2 else None
    return SUFFIXES.get(suffixes[-1]) if suffixes else None


def check_vietnamese(text: str, path: str) -> None:
    vietnamese = len(_VIETNAMESE_LETTER.findall(text))
    if text and vietnamese / len(text) >= MIN_VIETNAMESE_LETTER_SHARE:
        return  # that share of all characters is at least that share of the letters: no need to count them
    letters = len(_NOT_LETTERS.sub("", text))  # what is left: the letters (a list of each one cost twice as much)
    if letters == 0:
        raise errors.NotVietnamese("text has no letters", path=path)
    share = vietnamese / letters
    if share < MIN_VIETNAMESE_LETTER_SHARE:
        raise errors.NotVietnamese(
            f"text does not look Vietnamese ({share:.0%} Vietnamese letters)", path=path
        )


def decode(raw: bytes, path: str, max_bytes: int = MAX_INPUT_BYTES) -> str:
    return decode_with_encoding(raw, path, max_bytes)[0]


def decode_with_encoding(raw: bytes, path: str, max_bytes: int = MAX_INPUT_BYTES) -> tuple[str, str, str | None]:
    """Bytes -> (text, encoding, what was done or None for plain UTF-8)."""
    if not raw.strip():
        raise errors.EmptyInput("file is empty", path=path)
    if len(raw) > max_bytes:
        raise errors.TooLarge(f"file is {len(raw):,} bytes, over the {max_bytes:,}-byte limit", path=path)
    from .. import legacy  # converters for the old Vietnamese encodings

    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16", "decoded as UTF-16 (byte order mark)"
    if b"\x00" in raw:  # anywhere: no text carries one, and PostgreSQL refuses them in text
        raise errors.BinaryInput("file is binary (contains NUL bytes), not text", path=path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            converted = legacy.decode_bytes(raw)
        except ValueError:
            raise errors.EncodingInput(
                f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}) and not Vietnamese in "
                "Windows-1258, TCVN3 or VNI either; convert it to UTF-8 first (e.g. iconv)",
                path=path,
            ) from None
        return converted.text, converted.encoding, converted.detail
    # Valid UTF-8 can still carry a legacy font's text read as Windows-1252 ("ViÖt Nam").
    fixed = legacy.fix_legacy_text(text)
    if fixed is not None:
        return fixed.text, fixed.encoding, fixed.detail
    return text, "utf-8", None


def read_input(item: Path | str, settings: Settings | None = None) -> list[Article | errors.InputError]:
    """Read one input (a file or a URL) into articles: one for text and HTML, one per item of a
    feed, one per line of JSONL. Bad lines or items give errors beside the good articles; an input
    unusable as a whole raises."""
    return list(iter_input(item, settings))


def iter_input(item: Path | str, settings: Settings | None = None) -> Iterator[Article | errors.InputError]:
    """`read_input` one article at a time: a JSONL file of any size is read line by line, never
    held whole in memory."""
    settings = settings or Settings()
    path = Path(item) if not fetch.is_url(item) else None
    if path is not None and kind_of(path) == "jsonl":
        try:
            yield from _read_jsonl_file(path, str(path), settings)
        except (gzip.BadGzipFile, EOFError, zlib.error) as exc:  # BadGzipFile is an OSError: first
            yield _bad_gzip(exc, str(path))
        except OSError as exc:
            raise errors.InputError(f"cannot read: {exc.strerror}", path=str(path)) from None
        return
    yield from _read_whole(item, settings)


def _bad_gzip(exc: Exception, name: str) -> errors.BadCompression:
    return errors.BadCompression(f"not a readable gzip file ({exc.__class__.__name__}: {exc})", path=name)


def _read_whole(item: Path | str, settings: Settings) -> list[Article | errors.InputError]:
    if fetch.is_url(item):
        got = fetch.fetch(str(item), settings.fetch_timeout, settings.fetch_retries, settings.max_input_bytes)
        kind = _kind_of_response(got)
        return _read_bytes(got.raw, str(item), kind, settings, url=got.final_url)
    path = Path(item)
    name = str(path)
    kind = kind_of(path)
    if kind is None:
        raise errors.UnsupportedInput(
            f"unsupported file type '{path.suffix}' (expected .txt, .html, .jsonl, .xml, .rss or .atom)", path=name
        )
    try:
        size = path.stat().st_size
        if size > settings.max_input_bytes:  # refused before reading: a 200 MB file is never loaded
            raise errors.TooLarge(f"file is {size:,} bytes, over the {settings.max_input_bytes:,}-byte limit", path=name)
        raw = _decompressed(path, settings.max_input_bytes) if path.suffix.lower() == COMPRESSED_SUFFIX else path.read_bytes()
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise _bad_gzip(exc, name) from None
    except OSError as exc:
        raise errors.InputError(f"cannot read: {exc.strerror}", path=name) from None
    return _read_bytes(raw, name, kind, settings)


def _decompressed(path: Path, limit: int) -> bytes:
    """A gzip file's content, read no further than one byte past `limit`: a bomb is refused
    after 5 MB of output, not after filling the memory."""
    with gzip.open(path, "rb") as stream:
        raw = stream.read(limit + 1)
    if len(raw) > limit:
        raise errors.TooLarge(f"gzip file decompresses to over the {limit:,}-byte limit", path=str(path))
    return raw


def read_file(path: Path, settings: Settings | None = None) -> list[Article | errors.InputError]:
    return read_input(path, settings)


def _kind_of_response(got: fetch.Fetched) -> str:
    if "rss" in got.content_type or "atom" in got.content_type or _FEED_START.match(got.raw[:2000]):
        return "feed"
    if "html" in got.content_type or _HTML_START.match(got.raw[:2000]):
        return "html"
    if got.content_type.startswith("text/") or got.content_type in ("application/octet-stream",):
        return "text"
    if got.content_type in ("application/json", "application/x-ndjson", "application/jsonl"):
        return "jsonl"
    raise errors.UnsupportedInput(f"unsupported content type '{got.content_type}'", path=got.url)


def _read_bytes(raw: bytes, name: str, kind: str, settings: Settings, url: str | None = None) -> list[Article | errors.InputError]:
    if kind == "text" and _FEED_START.match(raw[:2000]):
        kind = "feed"
    if kind == "feed":
        return list(_read_feed(raw, name, settings))
    text, encoding, detail = decode_with_encoding(raw, name, settings.max_input_bytes)
    if kind == "jsonl":
        return list(_read_jsonl_lines(text.splitlines(), name))
    if kind == "html" or (kind == "text" and _HTML_START.match(raw[:2000])):
        article = _read_html(raw, text, name)
    else:
        check_vietnamese(text, name)
        article = Article(path=name, text=text, raw=raw)
    article.url = url or article.url
    _record_encoding(article, encoding, detail)
    return [article]


def _record_encoding(article: Article, encoding: str, detail: str | None) -> None:
    article.encoding = encoding
    if detail:
        article.repairs.append({"kind": "encoding", "start": None, "raw_start": None, "detail": detail})


def from_text(text: str, path: str = "<text>", date: str | None = None, title: str | None = None) -> Article:
    return Article(path=path, text=text, raw=text.encode("utf-8"), date=date, title=title, date_basis="given" if date else None)


def from_html(html: str, path: str = "<html>") -> Article:
    """An HTML page given as a string: its main text, title, date, author and site."""
    return _read_html(html.encode("utf-8"), html, path)


def _read_html(raw: bytes, text: str, name: str) -> Article:
    import trafilatura  # heavy import, only for HTML inputs

    try:
        doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
    except Exception as exc:  # noqa: BLE001 - trafilatura raises many kinds on broken markup
        raise errors.InputError(f"HTML page cannot be parsed: {exc.__class__.__name__}", path=name) from None
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not body.strip():
        raise errors.InputError("HTML page has no extractable article text", path=name)
    check_vietnamese(body, name)
    article = Article(path=name, text=body, raw=raw)
    article.title = getattr(doc, "title", None)
    article.date = getattr(doc, "date", None)
    if not article.date:
        # trafilatura asks htmldate for metadata dates only; the page's own text may still say it
        from htmldate import find_date

        try:
            article.date = find_date(text, extensive_search=True, original_date=True, outputformat="%Y-%m-%d")
        except (ValueError, TypeError):
            article.date = None
    article.date_basis = "given" if article.date else None
    article.author = getattr(doc, "author", None)
    article.agency = getattr(doc, "sitename", None)
    article.url = getattr(doc, "url", None)
    return article


def _html_fragment_text(fragment: str) -> str:
    """A feed item's HTML summary or content -> plain text, one paragraph per block."""
    import lxml.html

    try:
        root = lxml.html.fromstring(f"<div>{fragment}</div>")
    except (ValueError, lxml.etree.ParserError):
        return re.sub(r"<[^>]+>", " ", fragment)
    for block in root.iter("p", "br", "div", "li", "h1", "h2", "h3", "h4"):
        block.tail = "\n" + (block.tail or "")
    return "\n".join(line.strip() for line in root.text_content().splitlines() if line.strip())


def _read_feed(raw: bytes, name: str, settings: Settings | None = None) -> Iterator[Article | errors.InputError]:
    """One article per feed item, from its full content where the feed has it, else its summary;
    with `settings.follow_feed_links`, from the page each item links to (the summary when the page
    cannot be had, noted in the article's `repairs`)."""
    settings = settings or Settings()
    import feedparser  # only for feeds

    if not raw.strip():
        raise errors.EmptyInput("feed file is empty", path=name)
    parsed = feedparser.parse(raw)
    broken = parsed.bozo and "xml" in type(parsed.get("bozo_exception")).__module__.lower() + type(parsed.get("bozo_exception")).__name__.lower()
    problem = str(parsed.get("bozo_exception") or "").strip()
    if not parsed.entries:
        if broken:
            raise errors.MalformedFeed(f"not a readable RSS/Atom feed ({problem})", path=name)
        raise errors.EmptyInput("feed has no items", path=name)
    if broken:
        # a truncated or broken feed: the items that parsed are read, and the damage is reported
        yield errors.MalformedFeed(f"feed is not well-formed XML ({problem}); read the {len(parsed.entries)} item(s) that parsed", path=name)
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{name}#{number}"
        content = entry.get("content") or []
        html = content[0].get("value") if content else entry.get("summary", "")
        text = _html_fragment_text(html or "")
        if not text.strip():
            yield errors.EmptyInput(f"item {number} ({entry.get('title', 'untitled')!r}) has no text", path=name)
            continue
        try:
            check_vietnamese(text, where)
        except errors.NotVietnamese as exc:
            yield exc
            continue
        article = Article(path=entry.get("link") or where, text=text, raw=raw)
        if settings.follow_feed_links and fetch.is_url(entry.get("link")):
            article = _followed(entry["link"], article, settings)
        article.url = entry.get("link")
        article.title = entry.get("title")
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        if when:
            article.date, article.date_basis = f"{when.tm_year:04d}-{when.tm_mon:02d}-{when.tm_mday:02d}", "given"
        article.agency = parsed.feed.get("title")
        article.author = article.author or entry.get("author")
        yield article


def _followed(link: str, summary: Article, settings: Settings) -> Article:
    """The page a feed item links to, in place of its summary; the summary when that fails."""
    try:
        got = fetch.fetch(link, settings.fetch_timeout, settings.fetch_retries, settings.max_input_bytes)
        if _kind_of_response(got) == "feed":  # never followed further: a feed may link to itself
            raise errors.UnsupportedInput("the item links to a feed, not an article page", path=link)
        [page] = [a for a in _read_bytes(got.raw, link, "html", settings, url=got.final_url) if isinstance(a, Article)]
    except (errors.InputError, ValueError) as exc:
        summary.repairs.append({"kind": "intake", "start": None, "raw_start": None,
                                "detail": f"coded from the feed's summary: the linked page could not be read ({exc})"})
        return summary
    return page


def _read_jsonl_file(path: Path, name: str, settings: Settings) -> Iterator[Article | errors.InputError]:
    """A JSONL corpus, read line by line: its size is not limited, each line's is."""
    found = False
    compressed = path.suffix.lower() == COMPRESSED_SUFFIX
    budget = max(settings.max_input_bytes, MAX_GZIP_RATIO * path.stat().st_size) if compressed else None
    with (gzip.open(path, "rb") if compressed else path.open("rb")) as stream:
        for number, line, size in _bounded_lines(stream, JSONL_LINE_MAX_BYTES, budget, name):
            if line is None:
                found = True
                yield errors.TooLarge(f"line {number} is {size:,} bytes, over the {JSONL_LINE_MAX_BYTES:,}-byte limit", path=name)
            elif line.strip():
                found = True
                yield from read_jsonl_line(line, number, name)
    if not found:
        raise errors.EmptyInput("JSONL file has no records", path=name)


READ_BLOCK = 1 << 20
_LINE = re.compile(rb"[^\n]+\n?")


def _bounded_lines(stream, limit: int, budget: int | None, name: str) -> Iterator[tuple[int, bytes | None, int]]:
    """(number, line, size) for each non-empty line of a binary stream, read in blocks: a line over
    `limit` bytes comes as None and is not held (a 200 MB line never sits in memory), a run of
    empty lines costs no Python work per line, and past `budget` bytes the stream is refused."""
    number, held, size = 1, [], 0  # the line being read: its number, the pieces kept, its bytes so far

    def newlines(count: int):  # `count` line ends in a row: the first ends the held line, if any
        nonlocal number, held, size
        if count and size:
            size += 1
            yield number, (b"".join(held) + b"\n" if size <= limit else None), size
            held, size, number, count = [], 0, number + 1, count - 1
        number += count

    while True:
        block = stream.read(READ_BLOCK)
        if budget is not None and stream.tell() > budget:
            raise errors.TooLarge(f"gzip file decompresses to over {budget:,} bytes, {MAX_GZIP_RATIO} times its size "
                                  f"(a gzip bomb?); stopped at line {number}", path=name)
        if not block:
            if size:  # a last line with no line end
                yield number, (b"".join(held) if size <= limit else None), size
            return
        at = 0
        for match in _LINE.finditer(block):
            yield from newlines(match.start() - at)
            piece = match.group(0)
            size += len(piece)
            if size <= limit:
                held.append(piece)
            at = match.end()
            if piece.endswith(b"\n"):
                yield number, (b"".join(held) if size <= limit else None), size
                held, size, number = [], 0, number + 1
        yield from newlines(len(block) - at)


def read_jsonl_line(line: bytes, number: int, name: str) -> Iterator[Article | errors.InputError]:
    """Line `number` of a JSONL corpus as read from the file (the batch engine reads a corpus in
    slices, each on its own worker)."""
    if len(line) > JSONL_LINE_MAX_BYTES:
        yield errors.TooLarge(f"line {number} is {len(line):,} bytes, over the {JSONL_LINE_MAX_BYTES:,}-byte limit", path=name)
        return
    try:
        text = line.decode("utf-8-sig")
    except UnicodeDecodeError:
        yield errors.EncodingInput(f"line {number} is not valid UTF-8", path=name)
        return
    yield from _read_jsonl_record(text, number, name)


def _read_jsonl_lines(lines: list[str], name: str) -> Iterator[Article | errors.InputError]:
    found = False
    for number, line in enumerate(lines, start=1):
        if line.strip():
            found = True
            yield from _read_jsonl_record(line, number, name)
    if not found:
        raise errors.EmptyInput("JSONL file has no records", path=name)


def _read_jsonl_record(line: str, number: int, name: str) -> Iterator[Article | errors.InputError]:
    """One line: {"text": ...} or {"html": ...}, with optional "id", "url", "title", "date", "source"."""
    where = f"{name}:{number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        yield errors.MalformedJSON(f"line {number} is not valid JSON: {exc.msg} (column {exc.colno})", path=name)
        return
    if not isinstance(record, dict) or not (isinstance(record.get("text"), str) or isinstance(record.get("html"), str)):
        yield errors.MalformedJSON(f'line {number} has no string field "text" or "html"', path=name)
        return
    ident = str(record.get("id") or record.get("url") or where)
    try:
        if isinstance(record.get("text"), str):
            if "\x00" in record["text"]:
                raise errors.BinaryInput(f"line {number}: text holds NUL characters", path=name)
            check_vietnamese(record["text"], where)
            article = Article(path=ident, text=record["text"], raw=line.encode("utf-8"))
        else:
            article = _read_html(line.encode("utf-8"), record["html"], where)
            article.path = ident
    except errors.InputError as exc:
        yield exc
        return
    article.title = record.get("title") or article.title
    if record.get("date"):
        article.date, article.date_basis = str(record["date"]), "given"
    article.url = record.get("url") or article.url
    article.agency = record.get("source") or article.agency
    yield article
