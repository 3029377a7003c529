"""Compare Vietnamese word segmenters on real corpus text (the choice recorded in the README).

    python bench/segmenters.py [N]        # needs underthesea; pyvi is measured when installed

Prints sentences/s for underthesea word_tokenize, underthesea pos_tag and (if present) pyvi's
ViTokenizer, on the sentences of N corpus articles, one core.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "articles"


def sentences(count: int) -> list[str]:
    from underthesea import sent_tokenize

    files = sorted(CORPUS.glob("*.txt"))[:: max(1, 3000 // count)][:count]
    out: list[str] = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            out.extend(s for s in sent_tokenize(line) if s.strip())
    return out


def timed(name: str, function, items: list[str]) -> None:
    function(items[0])  # load models outside the timing
    started = time.perf_counter()
    for item in items:
        function(item)
    elapsed = time.perf_counter() - started
    print(f"{name:32s} {len(items) / elapsed:8.0f} sentences/s")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    items = sentences(count)
    print(f"{len(items)} sentences from {count} articles")
    from underthesea import pos_tag, word_tokenize

    timed("underthesea word_tokenize", word_tokenize, items)
    timed("underthesea pos_tag", pos_tag, items)
    try:
        from pyvi import ViTokenizer
    except ImportError:
        print("pyvi not installed: not measured")
    else:
        timed("pyvi ViTokenizer.tokenize", ViTokenizer.tokenize, items)


if __name__ == "__main__":
    main()
