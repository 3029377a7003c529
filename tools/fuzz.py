"""Fuzz the intake and the pipeline: N generated inputs, each read as a file the way `vnevents
analyze` reads it (ingest.iter_input) and every article it gives run through the pipeline.

    .venv/bin/python tools/fuzz.py [N] [--workers 2] [--seed 0] [--save DIR]   # default N: 100000

Inputs are mutations of real articles (../shared/corpus, else examples/): cut anywhere (inside a
UTF-8 character too), bytes flipped, re-encoded (UTF-16, Windows-1258, TCVN3, VNI, Latin-1,
UTF-8 read as Windows-1252, two encodings in one file), wrapped in random HTML (deep nesting,
unclosed tags, scripts, entities), JSONL (good, broken and ill-typed lines), RSS (whole or cut
short), gzip (whole or cut short), stuffed with right-to-left text, emoji, control characters and
stray combining marks, or one line of up to 300 KB; some go straight to `analyze` as a string.

A crash is any exception other than the project's own errors (VneventsError: a named refusal
with an E-code). Each crash is printed with its input's number (the same seed makes it again)
and, with --save, the input is written to DIR. Exit code 1 when anything crashed.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import sys
import tempfile
import time
import traceback
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("VNEVENTS_SHARED", ROOT.parent / "shared")) / "corpus" / "articles"
SOURCE_ARTICLES = 400  # corpus articles the mutations start from
CHUNK = 250  # inputs per task handed to a worker process

NOISE = ["\u202e", "\u200f", "שלום עולם", "مرحبا بالعالم", "😀", "🇻🇳", "👨‍👩‍👧", "\x00", "\x07", "\x1b[31m", "\r",
         "\u0301\u0301\u0301", "\u0323", "\ufeff", "\u00a0", "\u2028", "\ud7ff", "𝕍𝕚𝕖𝕥", "Ａ", "\t\t", "&amp;", "<", ">"]
TAGS = ["div", "p", "span", "article", "section", "b", "i", "table", "td", "li", "ul", "font", "center"]


@dataclass
class Summary:
    inputs: int = 0
    articles: int = 0
    events: int = 0
    refused: Counter = field(default_factory=Counter)  # E-code -> count
    crashes: list = field(default_factory=list)  # (number, kind, error, traceback tail)
    kinds: Counter = field(default_factory=Counter)
    slowest: list = field(default_factory=list)  # (seconds, number, kind)

    def add(self, other: "Summary") -> None:
        self.inputs += other.inputs
        self.articles += other.articles
        self.events += other.events
        self.refused.update(other.refused)
        self.crashes.extend(other.crashes)
        self.kinds.update(other.kinds)
        self.slowest = sorted(self.slowest + other.slowest, reverse=True)[:5]


def load_material(limit: int = SOURCE_ARTICLES) -> list[bytes]:
    files = sorted(CORPUS.glob("*.txt"))
    step = max(1, len(files) // limit)
    chosen = files[::step][:limit] or sorted((ROOT / "examples").glob("*.txt"))
    return [path.read_bytes() for path in chosen]


# ---- generators: (rng, material) -> (file suffix, bytes) or ("str", text for analyze) ----------
def _window(rng: random.Random, material: list[bytes]) -> bytes:
    raw = rng.choice(material)
    start = rng.randrange(len(raw))
    return raw[start : start + rng.choice([40, 300, 1000, 4000])] if rng.random() < 0.9 else raw


def _text(rng, material) -> str:
    return _window(rng, material).decode("utf-8", errors="ignore")


def cut(rng, material):
    return ".txt", _window(rng, material)  # may end or start inside a character


def flipped(rng, material):
    data = bytearray(_window(rng, material) or b"x")
    for _ in range(rng.randint(1, 12)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return rng.choice([".txt", ".html", ".jsonl", ".xml"]), bytes(data)


def reencoded(rng, material):
    from vnevents import legacy

    text = _text(rng, material)
    encode = rng.choice([
        lambda t: t.encode("utf-16"),
        lambda t: t.encode("utf-16-le"),  # no byte order mark
        legacy.encode_cp1258,
        legacy.encode_tcvn3,
        legacy.encode_vni,
        lambda t: t.encode("latin-1", errors="replace"),
        lambda t: t.encode("utf-8").decode("cp1252", errors="replace").encode("utf-8"),
        lambda t: t[: len(t) // 2].encode("utf-8") + legacy.encode_cp1258(t[len(t) // 2 :]),
    ])
    try:
        return ".txt", encode(text)
    except (UnicodeError, ValueError, KeyError):
        return ".txt", text.encode("utf-8", errors="replace")


def html(rng, material):
    text = _text(rng, material)
    depth = rng.choice([1, 3, 30, 500, 3000])
    tags = [rng.choice(TAGS) for _ in range(depth)]
    opening = "".join(f"<{t} class='x{i % 7}'>" for i, t in enumerate(tags))
    closing = "".join(f"</{t}>" for t in reversed(tags)) if rng.random() < 0.5 else ""
    extra = rng.choice(["", "<script>alert(1)</script>", "<style>p{}</style>", "&nbsp;&#x1F600;&bogus;", "<!--", "<![CDATA[x"])
    body = "".join(f"<p>{line}</p>" for line in text.split("\n"))
    page = f"<html><head><title>{text[:40]}</title></head><body>{extra}{opening}{body}{closing}</body></html>"
    if rng.random() < 0.3:
        page = page[: rng.randrange(len(page) + 1)]
    return ".html", page.encode("utf-8", errors="replace")


def jsonl(rng, material):
    lines = []
    for _ in range(rng.randint(1, 6)):
        text = _text(rng, material)
        lines.append(rng.choice([
            json.dumps({"text": text, "id": rng.randrange(10**6), "date": rng.choice(["2024-04-11", "2024-02-31", "hôm qua", 7, None])},
                       ensure_ascii=rng.random() < 0.5),
            json.dumps({"html": f"<p>{text}</p>", "title": text[:30]}),
            json.dumps({"text": text})[: rng.randrange(1, 40)],  # cut short
            json.dumps([text]),
            json.dumps({"text": 42}),
            json.dumps({"text": text + "\u0000"}),
            "",
            "   ",
        ]))
    return ".jsonl", "\n".join(lines).encode("utf-8", errors="replace")


def feed(rng, material):
    items = "".join(f"<item><title>t{i}</title><link>http://127.0.0.1:9/{i}</link><description><![CDATA[{_text(rng, material)}]]>"
                    f"</description><pubDate>{rng.choice(['Thu, 11 Apr 2024 08:00:00 +0700', 'bogus', ''])}</pubDate></item>"
                    for i in range(rng.randint(0, 4)))
    doc = f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Tin</title>{items}</channel></rss>'
    if rng.random() < 0.3:
        doc = doc[: rng.randrange(len(doc) + 1)]
    return rng.choice([".xml", ".rss"]), doc.encode("utf-8", errors="replace")


def noisy(rng, material):
    text = list(_text(rng, material))
    for _ in range(rng.randint(1, 30)):
        text.insert(rng.randrange(len(text) + 1), rng.choice(NOISE))
    joined = "".join(text)
    if rng.random() < 0.3:
        joined = unicodedata.normalize(rng.choice(["NFD", "NFKC", "NFKD"]), joined)
    return ".txt", joined.encode("utf-8", errors="surrogatepass")


def huge_line(rng, material):
    sentence = _text(rng, material).replace("\n", " ")[:500] or "Nga tấn công Ukraine. "
    return ".txt", (sentence * (rng.randint(20_000, 300_000) // max(len(sentence), 1) + 1)).encode("utf-8")


def gzipped(rng, material):
    suffix, data = rng.choice([cut, jsonl, html, noisy])(rng, material)
    packed = gzip.compress(data)
    if rng.random() < 0.3:
        packed = packed[: rng.randrange(len(packed) + 1)]
    return suffix + ".gz", packed


def as_string(rng, material):
    return "str", "".join(rng.choice([_text(rng, material), rng.choice(NOISE), "ngày 31/2/2024 ", "cách đây 99999999 ngày "])
                          for _ in range(rng.randint(1, 6)))


GENERATORS = [(cut, 20), (flipped, 15), (reencoded, 15), (html, 10), (jsonl, 10), (feed, 6), (noisy, 15),
              (huge_line, 0.2), (gzipped, 4), (as_string, 4)]


def generate(number: int, seed: int, material: list[bytes]):
    rng = random.Random(f"{seed}:{number}")
    generator = rng.choices([g for g, _ in GENERATORS], weights=[w for _, w in GENERATORS])[0]
    return generator.__name__, *generator(rng, material)


# ---- running -------------------------------------------------------------------------------------
_STATE: dict = {}


def _start(seed: int, save: str | None, folder: str) -> None:
    from vnevents import service

    service.pipeline().warm_up()
    _STATE.update(material=load_material(), seed=seed, save=save, folder=Path(folder))


def _one(number: int, summary: Summary) -> None:
    from vnevents import errors, service
    from vnevents.stages import ingest

    kind, suffix, data = generate(number, _STATE["seed"], _STATE["material"])
    summary.inputs += 1
    summary.kinds[kind] += 1
    run = service.pipeline()
    started = time.perf_counter()
    try:
        if suffix == "str":
            articles = [service.analyze(data, date="2024-04-11")]
        else:
            path = _STATE["folder"] / f"input-{os.getpid()}{suffix}"  # one file per worker
            path.write_bytes(data)
            articles = []
            for item in ingest.iter_input(path):
                if isinstance(item, errors.VneventsError):
                    summary.refused[item.code] += 1
                else:
                    articles.append(run(item))
        summary.articles += len(articles)
        summary.events += sum(len(a.events) for a in articles)
    except errors.VneventsError as exc:
        summary.refused[exc.code] += 1
    except Exception as exc:  # noqa: BLE001 - finding these is the point
        tail = traceback.format_exc().strip().splitlines()[-6:]
        summary.crashes.append((number, kind, f"{type(exc).__name__}: {exc}"[:300], tail))
        if _STATE["save"]:
            target = Path(_STATE["save"]) / f"crash-{number}{'.txt' if suffix == 'str' else suffix}"
            target.write_bytes(data.encode("utf-8", errors="surrogatepass") if suffix == "str" else data)
    elapsed = time.perf_counter() - started
    summary.slowest = sorted(summary.slowest + [(round(elapsed, 3), number, kind)], reverse=True)[:5]


def _chunk(bounds: tuple[int, int]) -> Summary:
    summary = Summary()
    for number in range(*bounds):
        _one(number, summary)
    return summary


def run(count: int, workers: int = 1, seed: int = 0, save: str | None = None, progress=None) -> Summary:
    if save:
        Path(save).mkdir(parents=True, exist_ok=True)
    chunks = [(start, min(start + CHUNK, count)) for start in range(0, count, CHUNK)]
    total = Summary()
    folder = tempfile.mkdtemp(prefix="vnevents-fuzz-")
    try:
        if workers <= 1:
            _start(seed, save, folder)
            results = map(_chunk, chunks)
        else:
            from multiprocessing import get_context

            pool = get_context("fork").Pool(workers, initializer=_start, initargs=(seed, save, folder))
            results = pool.imap_unordered(_chunk, chunks)
        for part in results:
            total.add(part)
            if progress:
                progress(total)
        if workers > 1:
            pool.close()
            pool.join()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", nargs="?", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--save", help="folder to write crashing inputs to")
    args = parser.parse_args()
    started = time.perf_counter()

    def progress(total: Summary) -> None:
        print(f"\r{total.inputs:,}/{args.count:,} inputs, {len(total.crashes)} crash(es), "
              f"{time.perf_counter() - started:,.0f} s", end="", file=sys.stderr, flush=True)

    total = run(args.count, args.workers, args.seed, args.save, progress)
    elapsed = time.perf_counter() - started
    print(file=sys.stderr)
    print(f"{total.inputs:,} inputs in {elapsed:,.0f} s ({total.inputs / elapsed:,.0f}/s, {args.workers} process(es), seed {args.seed})")
    print(f"articles analysed {total.articles:,}, events {total.events:,}")
    print("inputs by kind: " + ", ".join(f"{k} {v:,}" for k, v in sorted(total.kinds.items())))
    print("refused with a named error: " + (", ".join(f"{code} {n:,}" for code, n in sorted(total.refused.items())) or "none"))
    print("slowest: " + ", ".join(f"#{n} {kind} {s:.2f} s" for s, n, kind in total.slowest))
    print(f"crashes: {len(total.crashes)}")
    for number, kind, error, tail in total.crashes[:20]:
        print(f"  #{number} ({kind}): {error}")
        print("    " + "\n    ".join(tail))
    sys.exit(1 if total.crashes else 0)


if __name__ == "__main__":
    main()
