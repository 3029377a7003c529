"""Diacritic repair measured on real news: damaged on purpose, and left clean.

    .venv/bin/python bench/repair.py [N]      # default: all articles of ../shared/corpus

Each clean article is damaged the way seed 001 was (its Vietnamese letters written as Latin-1
bytes and read back as Windows-1258: ã->ă, õ->ơ, ý->ư, ì and ò -> a bare combining mark), then
repaired. Prints the share of damaged words restored exactly, the words changed wrongly, and how
many words the repair changes in the clean, undamaged articles (the target there is zero).
"""
from __future__ import annotations

import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

from vnevents.stages.repair import repair_text

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "articles"
_WORD = re.compile(r"\w+")


def damage(text: str) -> str:
    """Latin-1 bytes read as Windows-1258, letter by letter (letters outside Latin-1 stay)."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        if ord(char) < 256:
            out.append(bytes([ord(char)]).decode("cp1258", errors="replace"))
        else:
            out.append(char)
    return "".join(out)


def main() -> None:
    files = sorted(CORPUS.glob("*.txt"))
    if len(sys.argv) > 1:
        files = files[: int(sys.argv[1])]
    damaged_words = restored = 0
    wrong: Counter[tuple[str, str]] = Counter()
    missed: Counter[tuple[str, str]] = Counter()
    clean_changes: Counter[tuple[str, str]] = Counter()
    articles_with_damage = 0
    started = time.perf_counter()
    for path in files:
        original = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        broken = damage(original)
        # the clean article must come through unchanged
        fixed_clean = repair_text(original)
        for before, after in zip(_WORD.findall(original), _WORD.findall(fixed_clean)):
            if before != after:
                clean_changes[(before, after)] += 1
        if broken == original:
            continue
        articles_with_damage += 1
        fixed = repair_text(broken)
        originals, brokens, fixeds = _WORD.findall(original), _WORD.findall(unicodedata.normalize("NFC", broken)), _WORD.findall(fixed)
        if not (len(originals) == len(brokens) == len(fixeds)):
            # a bare mark can split or join words: compare by the texts' words as a bag
            damaged_here = Counter(originals) - Counter(_WORD.findall(unicodedata.normalize("NFC", broken)))
            still_wrong = Counter(originals) - Counter(fixeds)
            damaged_words += sum(damaged_here.values())
            restored += sum(damaged_here.values()) - sum((still_wrong & damaged_here).values())
            continue
        for before, hurt, after in zip(originals, brokens, fixeds):
            if before != hurt:
                damaged_words += 1
                if after == before:
                    restored += 1
                else:
                    missed[(before, after)] += 1
            elif after != before:
                wrong[(before, after)] += 1
    elapsed = time.perf_counter() - started
    print(f"{len(files)} articles ({articles_with_damage} with letters the damage changes), {elapsed:.1f} s")
    share = restored / damaged_words if damaged_words else 1.0
    print(f"damaged words restored: {restored:,} of {damaged_words:,} ({share:.2%})")
    print(f"undamaged words changed in damaged articles: {sum(wrong.values())}")
    print(f"words changed in the clean articles: {sum(clean_changes.values())}")
    if missed:
        print("most frequent misses (original -> after repair):", ", ".join(f"{a}->{b} x{n}" for (a, b), n in missed.most_common(12)))
    if wrong:
        print("wrong changes:", ", ".join(f"{a}->{b} x{n}" for (a, b), n in wrong.most_common(12)))
    if clean_changes:
        print("changes to clean text:", ", ".join(f"{a}->{b} x{n}" for (a, b), n in clean_changes.most_common(12)))


if __name__ == "__main__":
    main()
