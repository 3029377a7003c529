"""Clean and repair: the text every later span points into is fixed here, once.

Steps, in order:
1. Unicode NFC and Vietnamese tone-mark placement (hoà -> hòa, thuỷ -> thủy), so one word has
   one spelling for the dictionaries.
2. Diacritics damaged by reading Latin-1 bytes as Windows-1258 (đă -> đã, lănh -> lãnh,
   rơ -> rõ): the damaged forms are valid-looking Vietnamese letters, so ftfy cannot see them;
   each suspect syllable is compared with its undamaged form by word frequency (wordfreq) and the
   far more frequent form wins, only when the article shows clear damage.
3. Plain-text page debris (data/boilerplate.yaml), the title, a date line and a byline
   ("Nguyễn Hùng/VOV") become metadata instead of body text; a title repeated at the end goes;
   photo captions ("... Ảnh: AP") stay in the text, analysed, and are listed in `captions`.
4. Whitespace: runs of spaces (no-break and zero-width ones too) collapse, blank-line runs become
   one paragraph break.

Every character of the cleaned text keeps the offset it came from in the text as read
(`Article.origin`), so each repair, sentence and evidence span can be shown in the raw input.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..models import Article
from ..resources import Resources

_TONE_MARKS = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}

# An open syllable ending in oa / oe / uy (not after q, where u belongs to the consonant) with the
# tone on the last vowel: the "new" placement. News mostly writes the tone on the first vowel.
# (Only a word's last two letters matter: matched alone, the scan skips to each o and u.)
_NEW_STYLE_TONE = re.compile(r"[oOuU](\w)(?!\w)")

# Windows-1258 reading of Latin-1 bytes turns these tone-marked letters into other letters ...
_DAMAGE = {"ă": "ã", "Ă": "Ã", "ơ": "õ", "Ơ": "Õ", "ư": "ý", "Ư": "Ý"}
# ... and these into a bare combining mark, which then sits on the consonant before it ("kìm" ->
# "k" + U+0301): ì->acute, Ì->grave, ò->dot below, Ò->hook above. A mark on a consonant never
# happens in Vietnamese, so each one is the trace of a lost vowel.
_LOST_VOWEL = {"\u0301": "ì", "\u0300": "Ì", "\u0323": "ò", "\u0309": "Ò"}
_MARK_ON_CONSONANT = re.compile(r"(?<=[b-df-hj-np-tv-zB-DF-HJ-NP-TV-ZđĐ])[\u0300\u0301\u0309\u0323]")
_MARK_ON_VOWEL = re.compile(r"(?<=[aăâeêioôơuưyAĂÂEÊIOÔƠUƯY])[\u0300\u0301\u0303\u0309\u0323]")
_BARE_MARK = re.compile(r"[\u0300\u0301\u0303\u0309\u0323]")
# In decomposed text, fewer marks than this on consonants: a foreign name, not damage.
LOST_VOWEL_MIN_CASES = 2
_SYLLABLE = re.compile(r"\w+")
_SUSPECT = re.compile(r"(?<!\w)\w*[" + "".join(_DAMAGE) + r"]\w*")  # a syllable holding a letter damage can make

# An article is repaired only when it holds an unmistakable case: a word whose undamaged form is
# this much more frequent (Zipf units, log10 scale; đă/đã differ by 3.7; rơ/rõ, 2.25 apart, is not
# enough alone: "rơ" is also a word) ...
REPAIR_STRONG_ZIPF_GAIN = 2.3
REPAIR_MIN_STRONG_CASES = 1
# ... and then every suspect word whose undamaged form is more frequent by this margin: in a damaged
# article "hăng" is more likely "hãng" (1.2 apart), while "lăng"/"lãng" (equal) stays as written.
REPAIR_MIN_ZIPF_GAIN = 0.3


def _split_tone(char: str) -> tuple[str, str | None]:
    decomposed = unicodedata.normalize("NFD", char)
    marks = [c for c in decomposed if c in _TONE_MARKS]
    if not marks:
        return char, None
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    return base, marks[0]


def normalize_tones(text: str) -> str:
    text = unicodedata.normalize("NFC", text)

    def move(match: re.Match[str]) -> str:
        first, last = match.group(0)
        base, tone = _split_tone(last)
        if tone is None or base.lower() not in "aey" or text[match.start() - 1 : match.start()] in ("q", "Q"):
            return match.group(0)
        return unicodedata.normalize("NFC", first + tone) + base

    return _NEW_STYLE_TONE.sub(move, text)


@lru_cache(maxsize=20000)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "vi")


_UNDAMAGE = str.maketrans(_DAMAGE)


def _undamaged(word: str) -> str | None:
    fixed = word.translate(_UNDAMAGE)
    return None if fixed == word else fixed


def restore_lost_vowels(text: str) -> tuple[str, list[dict]]:
    """Put back the ì / ò that became a bare mark; the text keeps its length (a mark for a letter)."""
    if not _BARE_MARK.search(text):  # precomposed text, as almost all is: no mark to look at
        return text, []
    found = list(_MARK_ON_CONSONANT.finditer(text))
    # Decomposed text (marks after vowels) may carry a foreign name's mark on a consonant
    # ("Gdan\u0301sk"); damage leaves every other letter precomposed, so one case is enough there.
    decomposed = bool(_MARK_ON_VOWEL.search(text))
    if not found or (decomposed and len(found) < LOST_VOWEL_MIN_CASES):
        return text, []
    repairs = []
    chars = list(text)
    for match in found:
        vowel = _LOST_VOWEL[match.group(0)]
        chars[match.start()] = vowel
        repairs.append({"start": match.start(), "from": match.group(0), "to": vowel})
    return "".join(chars), repairs


def repair_text(text: str) -> str:
    """The text-level repairs alone (lost vowels, NFC and tones, damaged letters), for measuring."""
    text, _ = restore_lost_vowels(text)
    return repair_diacritics(normalize_tones(text))[0]


def repair_diacritics(text: str) -> tuple[str, list[dict]]:
    candidates: dict[str, tuple[str, float]] = {}
    for word in set(_SUSPECT.findall(text)):  # each distinct syllable once
        fixed = _undamaged(word)
        gain = _zipf(fixed.lower()) - _zipf(word.lower())
        if gain >= REPAIR_MIN_ZIPF_GAIN:
            candidates[word] = (fixed, gain)
    strong = sum(1 for _, gain in candidates.values() if gain >= REPAIR_STRONG_ZIPF_GAIN)
    if strong < REPAIR_MIN_STRONG_CASES:
        return text, []
    repairs = []
    context = _context()
    words = list(_SYLLABLE.finditer(text))

    def meant(position: int, word: str) -> str | None:
        """The spelling the neighbours confirm, if they confirm one ("hăng hái" stays, "hăng tin" is "hãng")."""
        neighbours = {words[i].group(0).lower() for i in (position - 1, position + 1) if 0 <= i < len(words)}
        pairs = {" ".join(w.group(0).lower() for w in words[i : i + 2]) for i in (position - 2, position + 1) if 0 <= i < len(words) - 1}
        for spelling in (word, _undamaged(word) or word):
            if context.get(spelling.lower(), set()) & (neighbours | pairs):
                return spelling
        return None

    out: list[str] = []
    last = 0
    for position, match in enumerate(words):
        word = match.group(0)
        fixed = _undamaged(word)
        if fixed is None:
            continue
        choice = meant(position, word)
        if choice is None:
            choice = candidates[word][0] if word in candidates else word
        elif choice != word and choice.lower() == fixed.lower():
            choice = fixed  # keep the word's own capitals
        if choice != word:
            out.append(text[last : match.start()])
            out.append(choice)
            last = match.end()
            repairs.append({"start": match.start(), "from": word, "to": choice})
    out.append(text[last:])
    return "".join(out), repairs


@lru_cache(maxsize=1)
def _context() -> dict[str, set[str]]:
    import yaml

    from ..config import DATA_DIR

    with (DATA_DIR / "repair_context.yaml").open(encoding="utf-8") as source:
        return {word.lower(): {n.lower() for n in neighbours} for word, neighbours in yaml.safe_load(source).items()}


_DATE_LINE = re.compile(
    r"^(?:(?:thứ\s+\w+|chủ nhật),?\s*)?(\d{1,2})/(\d{1,2})/(\d{4})(?:\s*[,-]?\s*\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*\(?GMT[+-]\d+\)?)?$",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(?P<author>[A-ZĐÂĂÊÔƠƯ][\w.]*(?:\s+[\w.]+){0,4})\s*/\s*(?P<agency>[\w.&-]+)\.?$")
_AGENCY_LINE = re.compile(r"^\(?(?:Theo|Nguồn:?)\s+(?P<agency>[\w .&-]{2,40}?)\)?\.?$")
_SENTENCE_END = re.compile(r"[.!…:;\"”)]$")
# A photo caption ends with its credit: "... tấn công các mục tiêu IS. Ảnh: AP", "(Ảnh: TVNZ)".
_CAPTION = re.compile(r"[.!?…)\s]\(?\s*(?:Ảnh|Nguồn ảnh|Ảnh minh họa|Photo)\s*:\s*[^.!?()]{1,60}\)?\.?$")
TITLE_MAX_CHARS = 200
# A link to a related story set inside a paragraph, between two sentences: "... hạt nhân. [Triều Tiên
# nối lại hoạt động ở bãi thử hạt nhân Punggye-ri] Đáp lại, ...". It is another article's headline:
# what it tells did not happen in this one. An editor's bracket inside a quote ("ông [Kim] nói") is
# short, or does not stand between sentences.
_RELATED_LINK = re.compile(r"(?:(?<=^)|(?<=[.!?…\"”] ))\[[A-ZĐÂĂÊÔƠƯÀ-Ỹ][^\[\]]{20,160}?\](?: (?=[A-ZĐÂĂÊÔƠƯÀ-Ỹ\"“])|$)")


def _real_day(day: int, month: int, year: int) -> str | None:
    from datetime import date

    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _nfc_with_origin(text: str) -> tuple[str, list[int]]:
    """NFC, and for each character of the result the offset it came from (a letter and the
    combining marks composed into it come from the letter)."""
    if unicodedata.is_normalized("NFC", text):
        return text, list(range(len(text)))
    out: list[str] = []
    origin: list[int] = []
    cluster_start = 0
    for i in range(1, len(text) + 1):
        if i < len(text) and unicodedata.combining(text[i]):
            continue
        composed = unicodedata.normalize("NFC", text[cluster_start:i])
        out.append(composed)
        origin.extend([cluster_start] * len(composed))
        cluster_start = i
    return "".join(out), origin


_SPACE = "[ \t\u00a0\u200b\u200c\u200d\ufeff]"
_UNUSUAL_SPACE = re.compile(r"^ |  | $|[\t\u00a0\u200b\u200c\u200d\ufeff]")
_SPACE_RUN = re.compile(f"{_SPACE}+")
# the space characters that go: a line's leading and trailing runs, all but the first of any other run
_DROPPED_SPACE = re.compile(rf"^{_SPACE}+|{_SPACE}+\Z|(?<={_SPACE}){_SPACE}+")


def _squeeze(line: str, origin: list[int]) -> tuple[str, list[int]]:
    """Runs of spaces (tabs, no-break and zero-width spaces too) become one space; ends stripped.
    `origin`: where each character of the line came from; returned for the squeezed line."""
    if not _UNUSUAL_SPACE.search(line):  # most lines: nothing to squeeze, every character kept
        return line, origin
    kept: list[int] = []
    kept_from = 0
    for dropped in _DROPPED_SPACE.finditer(line):
        kept += origin[kept_from : dropped.start()]
        kept_from = dropped.end()
    kept += origin[kept_from:]
    return _SPACE_RUN.sub(" ", line).strip(" "), kept


# What str.splitlines() ends a line at: all of it goes, so the cleaned text's only line end is "\n"
# (a NEL or U+2028 left at a line's end became a line of its own when cleaned again).
_LINE_ENDS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def _drop_related_links(line: str, origin: list[int]) -> tuple[str, list[int]]:
    """The line without the related-story headlines set inside it, and where its characters came from."""
    if "[" not in line:
        return line, origin
    kept_line: list[str] = []
    kept_origin: list[int] = []
    kept_from = 0
    for link in _RELATED_LINK.finditer(line):
        if len(link.group(0).split()) < 5:
            continue
        kept_line.append(line[kept_from : link.start()])
        kept_origin += origin[kept_from : link.start()]
        kept_from = link.end()
    if not kept_from:
        return line, origin
    kept_line.append(line[kept_from:])
    kept_origin += origin[kept_from:]
    joined = "".join(kept_line)
    stripped = joined.rstrip(" ")
    return stripped, kept_origin[: len(stripped)]


def clean_lines(article: Article, boilerplate: list[re.Pattern[str]], origin: list[int]) -> tuple[str, list[int]]:
    """Drop page debris, take out title, date line and byline; keep where every character came from.

    `origin[i]` is the offset in the raw text of `article.text[i]`; the result's own origin list
    says the same for the cleaned text. Caption lines stay in the text and are recorded in
    `article.captions`."""
    lines: list[tuple[str, list[int]]] = []
    offset = 0
    for raw_line in article.text.splitlines(keepends=True):
        body = raw_line.rstrip(_LINE_ENDS)
        lines.append(_drop_related_links(*_squeeze(body, origin[offset : offset + len(body)])))
        offset += len(raw_line)
    kept = [(line, line_origin) if line and not any(p.fullmatch(line) for p in boilerplate) else ("", [])
            for line, line_origin in lines]
    content = [i for i, (line, _) in enumerate(kept) if line]
    if not content:
        return "", []
    # The title: a first line that is short and not a sentence, followed by more text; or a first
    # line that repeats the title the page's metadata gave.
    first = content[0]
    if article.title and kept[first][0] == normalize_tones(article.title).strip() and len(content) > 1:
        kept[first] = ("", [])
    elif (
        article.title is None
        and len(content) > 1
        and len(kept[first][0]) <= TITLE_MAX_CHARS
        and not _SENTENCE_END.search(kept[first][0])
    ):
        article.title = kept[first][0]
        kept[first] = ("", [])
    for i in content[:4]:
        match = _DATE_LINE.match(kept[i][0])
        if match:
            # The text's own date line wins over a date given from outside (a fallback), when
            # it names a day that exists ("31/02/2024" does not).
            day = _real_day(*(int(g) for g in match.groups()))
            if day:
                article.date, article.date_basis = day, "text"
            kept[i] = ("", [])
            break
    # From the end: a repeated title, the byline, an agency line.
    for i in reversed([i for i, (line, _) in enumerate(kept) if line][-4:]):
        line = kept[i][0]
        if article.title and line == article.title:
            kept[i] = ("", [])
            continue
        byline = _BYLINE.match(line)
        if byline and len(line) < 60:
            article.author = article.author or byline.group("author").strip()
            article.agency = article.agency or byline.group("agency")
            kept[i] = ("", [])
            continue
        agency = _AGENCY_LINE.match(line)
        if agency:
            article.agency = article.agency or agency.group("agency").strip()
            kept[i] = ("", [])
            continue
        break
    # Join: one line break between lines, one blank line for any run of empty ones.
    out: list[str] = []
    out_origin: list[int] = []
    captions: list[tuple[int, int]] = []
    pending_break = ""
    for line, line_origin in kept:
        if not line:
            if out:
                pending_break = "\n\n"
            continue
        if out:
            brk = pending_break or "\n"
            out.append(brk)
            out_origin.extend([out_origin[-1]] * len(brk))
        pending_break = ""
        start = sum(len(part) for part in out)
        out.append(line)
        out_origin.extend(line_origin)
        if _CAPTION.search(line):
            captions.append((start, start + len(line)))
    article.captions = captions
    return "".join(out), out_origin


def repair(article: Article, resources: Resources, repair_damage: bool = True) -> Article:
    raw_text = article.text
    lost: list[dict] = []
    if repair_damage:
        raw_text, lost = restore_lost_vowels(raw_text)  # before NFC composes the mark into its consonant
    text, origin = _nfc_with_origin(raw_text)
    article.text = normalize_tones(text)  # tone moves keep the length: the origins still hold
    if article.title:
        article.title = normalize_tones(article.title)
    article.text, origin = clean_lines(article, resources.boilerplate, origin)
    if lost:
        where = {raw: clean for clean, raw in enumerate(origin)}
        article.repairs.extend({"kind": "diacritic", "start": where.get(r["start"]), "raw_start": r["start"],
                                "from": r["from"], "to": r["to"]} for r in lost)
    if repair_damage:
        article.text, found = repair_diacritics(article.text)
        article.repairs.extend({"kind": "diacritic", "start": r["start"], "raw_start": origin[r["start"]] if origin else None,
                                "from": r["from"], "to": r["to"]} for r in found)
    article.origin = origin
    return article
