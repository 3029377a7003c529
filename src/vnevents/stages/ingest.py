"""Ingest: turn files (plain text, HTML, JSONL) into `Article`s, keeping the raw bytes.

Every way an input can be unusable has its own exception (errors.py) naming the file, so the CLI
can report it in one line and go on with the other inputs.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from .. import errors
from ..config import MAX_INPUT_BYTES, MIN_VIETNAMESE_LETTER_SHARE
from ..models import Article

SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}

# Letters only Vietnamese uses among Latin-script languages news comes in: breve/circumflex/horn
# vowels, đ, and the five tone marks on any vowel.
_VIETNAMESE_LETTER = re.compile(
    "[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.IGNORECASE
)
_LETTER = re.compile(r"[^\W\d_]")


def discover(paths: list[Path]) -> Iterator[Path | errors.InputError]:
    """Yield input files under `paths` in a stable order, or an error for a path that yields none."""
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not files:
                yield errors.NoReadableFiles(
                    "folder has no .txt, .html or .jsonl files", path=str(path)
                )
            yield from files
        elif path.is_file():
            yield path
        else:
            yield errors.InputError("no such file or folder", path=str(path))


def check_vietnamese(text: str, path: str) -> None:
    letters = len(_LETTER.findall(text))
    if letters == 0:
        raise errors.NotVietnamese("text has no letters", path=path)
    share = len(_VIETNAMESE_LETTER.findall(text)) / letters
    if share < MIN_VIETNAMESE_LETTER_SHARE:
        raise errors.NotVietnamese(
            f"text does not look Vietnamese ({share:.0%} Vietnamese letters)", path=path
        )


def decode(raw: bytes, path: str) -> str:
    if not raw.strip():
        raise errors.EmptyInput("file is empty", path=path)
    if len(raw) > MAX_INPUT_BYTES:
        raise errors.TooLarge(
            f"file is {len(raw):,} bytes, over the {MAX_INPUT_BYTES:,}-byte limit", path=path
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if b"\x00" in raw[:4096]:
        raise errors.BinaryInput("file is binary (contains NUL bytes), not text", path=path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise errors.EncodingInput(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "convert it to UTF-8 first, e.g. iconv -f WINDOWS-1258 -t UTF-8",
            path=path,
        ) from None


def read_file(path: Path) -> list[Article | errors.InputError]:
    """Read one file into one article (text, HTML) or several (JSONL, one per line).

    A JSONL file with some bad lines gives the good lines' articles and an error for each bad line;
    a file that is unusable as a whole raises.
    """
    name = str(path)
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise errors.UnsupportedInput(
            f"unsupported file type '{path.suffix}' (expected .txt, .html or .jsonl)", path=name
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise errors.InputError(f"cannot read: {exc.strerror}", path=name) from None
    text = decode(raw, name)
    if kind == "jsonl":
        return list(_read_jsonl(raw, text, name))
    if kind == "html":
        return [_read_html(raw, text, name)]
    check_vietnamese(text, name)
    return [Article(path=name, text=text, raw=raw)]


def from_text(text: str, path: str = "<text>", date: str | None = None, title: str | None = None) -> Article:
    return Article(path=path, text=text, raw=text.encode("utf-8"), date=date, title=title, date_basis="given" if date else None)


def _read_html(raw: bytes, text: str, name: str) -> Article:
    import trafilatura  # heavy import, only for HTML inputs

    doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not body.strip():
        raise errors.InputError("HTML page has no extractable article text", path=name)
    check_vietnamese(body, name)
    article = Article(path=name, text=body, raw=raw)
    article.title = getattr(doc, "title", None)
    article.date = getattr(doc, "date", None)
    article.date_basis = "given" if article.date else None
    article.author = getattr(doc, "author", None)
    article.agency = getattr(doc, "sitename", None)
    return article


def _read_jsonl(raw: bytes, text: str, name: str) -> Iterator[Article | errors.InputError]:
    """One article per line: {"text": ..., optional "id", "title", "date", "url"}."""
    lines = text.splitlines()
    found = False
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield errors.MalformedJSON(f"line {number} is not valid JSON: {exc.msg}", path=name)
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield errors.MalformedJSON(f'line {number} has no string field "text"', path=name)
            continue
        try:
            check_vietnamese(record["text"], where)
        except errors.NotVietnamese as exc:
            yield exc
            continue
        found = True
        article = Article(path=str(record.get("id") or where), text=record["text"], raw=line.encode("utf-8"))
        article.title = record.get("title")
        article.date = record.get("date")
        article.date_basis = "given" if article.date else None
        yield article
    if not found and not any(line.strip() for line in lines):
        raise errors.EmptyInput("JSONL file has no records", path=name)
