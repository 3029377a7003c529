"""Vietnamese text in pre-Unicode encodings: recognise it and turn it into NFC Unicode.

Vietnamese files from before Unicode was common arrive in three forms besides UTF-8/UTF-16:

* Windows-1258 (cp1258): Python has the codec, but cp1258 writes most tone marks as combining
  characters after the letter, so the decoded text must be normalised to NFC.
* TCVN3 (ABC, TCVN 5712:1993 "VN3"; fonts .VnTime, .VnArial ...): one byte per precomposed
  letter. VN3 has no codes for the 60 capital toned vowels (Á, Ầ, Ệ ...): the ABC fonts come in
  pairs, and a capital-only font (.VnTimeH) draws the small-letter code as a capital. So the bytes
  alone do not say whether a toned vowel was a capital. Only Ă Â Đ Ê Ô Ơ Ư have capital codes.
  `encode_tcvn3` writes a capital toned vowel with its small letter's code; decoding gives the
  small letter back, except in a word written in capitals ("VIÖT" -> "VIỆT") and at the start of
  the text or of a sentence ("ë Hµ Néi" -> "Ở Hà Nội"), where the capital is restored. A capital
  elsewhere ("Hoa Kú vµ Ên §é") comes back small ("Hoa Kỳ và ấn Độ").
* VNI (VNI-Windows fonts): a letter is a Latin base letter followed by a Latin-1 character that
  the font draws as the marks ("Vieät" = "Việt"); đ, ơ, ư, the toned i's and ỵ are single
  characters.

Such text also arrives already "decoded" as Windows-1252/Latin-1 ("ViÖt Nam", "Vieät Nam"), so a
valid UTF-8 file can still need converting: `fix_legacy_text` does that.

Which encoding a file is in is decided by how Vietnamese each candidate reading looks: the share
of its accented words that are well-formed Vietnamese syllables (`is_syllable`), with word
frequencies (wordfreq) breaking ties.
"""
from __future__ import annotations

import codecs
import re
import string
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice, pairwise

__all__ = [
    "UPPERCASE_LETTERS",
    "VIETNAMESE_LETTERS",
    "Conversion",
    "decode_bytes",
    "decode_tcvn3",
    "decode_vni",
    "encode_cp1258",
    "encode_tcvn3",
    "encode_vni",
    "fix_legacy_text",
    "is_syllable",
]


@dataclass(frozen=True)
class Conversion:
    text: str  # the converted Unicode text (NFC)
    encoding: str  # "utf-8", "utf-16", "cp1258", "tcvn3", "vni"
    detail: str  # one human sentence on what was done


_HUYEN, _SAC, _HOI, _NGA, _NANG = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_TONE_MARKS = frozenset((_HUYEN, _SAC, _HOI, _NGA, _NANG))

# The 67 small letters Vietnamese has beyond ASCII: 12 vowels x 5 tones, then ă â ê ô ơ ư đ
# without a tone. With their capitals, the 134 letters every legacy encoding has to carry.
VIETNAMESE_LETTERS: tuple[str, ...] = tuple(
    unicodedata.normalize("NFC", vowel + tone)
    for vowel in "aăâeêioôơuưy"
    for tone in (_SAC, _HUYEN, _HOI, _NGA, _NANG)
) + tuple("ăâêôơưđ")
UPPERCASE_LETTERS: tuple[str, ...] = tuple(letter.upper() for letter in VIETNAMESE_LETTERS)

# ---------------------------------------------------------------------------------------------
# TCVN3 (ABC)

# Byte of each letter in TCVN 5712:1993 VN3. Rows follow the standard's own tone order (huyền,
# hỏi, ngã, sắc, nặng), which makes a wrong entry easy to spot against a printed table.
_TCVN3_BYTE = {
    "ă": 0xA8, "â": 0xA9, "ê": 0xAA, "ô": 0xAB, "ơ": 0xAC, "ư": 0xAD, "đ": 0xAE,
    "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7,
    "à": 0xB5, "ả": 0xB6, "ã": 0xB7, "á": 0xB8, "ạ": 0xB9,
    "ằ": 0xBB, "ẳ": 0xBC, "ẵ": 0xBD, "ắ": 0xBE, "ặ": 0xC6,
    "ầ": 0xC7, "ẩ": 0xC8, "ẫ": 0xC9, "ấ": 0xCA, "ậ": 0xCB,
    "è": 0xCC, "ẻ": 0xCE, "ẽ": 0xCF, "é": 0xD0, "ẹ": 0xD1,
    "ề": 0xD2, "ể": 0xD3, "ễ": 0xD4, "ế": 0xD5, "ệ": 0xD6,
    "ì": 0xD7, "ỉ": 0xD8, "ĩ": 0xDC, "í": 0xDD, "ị": 0xDE,
    "ò": 0xDF, "ỏ": 0xE1, "õ": 0xE2, "ó": 0xE3, "ọ": 0xE4,
    "ồ": 0xE5, "ổ": 0xE6, "ỗ": 0xE7, "ố": 0xE8, "ộ": 0xE9,
    "ờ": 0xEA, "ở": 0xEB, "ỡ": 0xEC, "ớ": 0xED, "ợ": 0xEE,
    "ù": 0xEF, "ủ": 0xF1, "ũ": 0xF2, "ú": 0xF3, "ụ": 0xF4,
    "ừ": 0xF5, "ử": 0xF6, "ữ": 0xF7, "ứ": 0xF8, "ự": 0xF9,
    "ỳ": 0xFA, "ỷ": 0xFB, "ỹ": 0xFC, "ý": 0xFD, "ỵ": 0xFE,
}
# Read as Windows-1252 or Latin-1 (identical from 0xA0 up), each byte is the character chr(byte):
# that is what TCVN3 mojibake is made of, so one table serves bytes and mojibake alike.
_TCVN3_FROM_CHAR = {byte: letter for letter, byte in _TCVN3_BYTE.items()}
# The small toned letters that stand in for capitals in VN3.
_TCVN3_CASELESS = frozenset(letter for letter in _TCVN3_BYTE if letter.upper() not in _TCVN3_BYTE)
_WORD = re.compile(r"\w+")
# A toned vowel opening the text or a sentence (after . ! ? … or a line break, and any opening
# quote or bracket): Vietnamese sentences open with a capital ("Ủy ban", "Ở Hà Nội", "Ấn Độ").
_SENTENCE_OPENING = re.compile(
    r"((?:\A|[.!?…]\s|\n)[\s\"'“‘(\[]*)([" + "".join(sorted(_TCVN3_CASELESS)) + "])"
)

# Windows-1252 gives 0x80-0x9F typographic characters (– “ ” …) that TCVN3 and VNI leave unused,
# and Vietnamese files written on Windows use them with their cp1252 meaning. The five bytes
# cp1252 leaves undefined are kept as their Latin-1 control characters so that nothing is lost.
_C1_AS_CP1252 = {
    byte: bytes([byte]).decode("cp1252") for byte in range(0x80, 0xA0) if byte not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}
# Every character a cp1252 or Latin-1 reading of 8-bit bytes can produce.
_EIGHT_BIT_CHARS = frozenset(map(chr, range(256))) | frozenset(_C1_AS_CP1252.values())
# Any other character: found within a few words of real Vietnamese (the set of a whole text's
# characters cost as much as reading the file)
_BEYOND_EIGHT_BIT = re.compile("[^" + "".join(re.escape(char) for char in sorted(_EIGHT_BIT_CHARS)) + "]")


def _bytes_as_cp1252(raw: bytes) -> str:
    return raw.decode("latin-1").translate(_C1_AS_CP1252)


def _encode_other(char: str, encoding_name: str, free_bytes: range) -> bytes:
    """A character that is not a Vietnamese letter, as its Windows-1252 byte when that byte means
    nothing else in the legacy encoding."""
    try:
        byte = char.encode("cp1252")
    except UnicodeEncodeError:
        byte = b""
    if len(byte) == 1 and (byte[0] < 0x80 or byte[0] in free_bytes):
        return byte
    raise ValueError(f"{char!r} (U+{ord(char):04X}) cannot be written in {encoding_name}")


def encode_tcvn3(text: str) -> bytes:
    """Unicode -> TCVN3 (ABC) bytes. Capital toned vowels get their small letter's code (VN3 has
    none of their own); other characters must be ASCII or cp1252 punctuation TCVN3 leaves free."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        if char in _TCVN3_BYTE:
            out.append(_TCVN3_BYTE[char])
        elif char.lower() in _TCVN3_CASELESS:
            out.append(_TCVN3_BYTE[char.lower()])
        else:
            out += _encode_other(char, "TCVN3", range(0x80, 0xA1))
    return bytes(out)


_TCVN3_CAPITALISE = str.maketrans({letter: letter.upper() for letter in _TCVN3_CASELESS})


def _restore_capital_line(line: str) -> str:
    cased = [char for char in line if char.isupper() or (char.islower() and char not in _TCVN3_CASELESS)]
    # A heading typed in capitals: even its two-letter words ("HÀ NỘI") are capitals.
    if len(cased) >= 4 and all(char.isupper() for char in cased):
        return line.translate(_TCVN3_CAPITALISE)
    return line


def _restore_capital_word(word_match: re.Match[str]) -> str:
    word = word_match.group()
    others = [char for char in word if char not in _TCVN3_CASELESS]
    if len(others) == len(word) or not others or not all(char.isupper() for char in others):
        return word
    # Every other letter a capital: the word was typed in capitals ("VIÖT", "¸N") unless its one
    # capital comes first, since "Đà" (Đà Nẵng) and "ĐÀ" are the same bytes.
    if len(others) >= 2 or word[-1] not in _TCVN3_CASELESS:
        return word.upper()
    return word


def _tcvn3_to_unicode(chars: str) -> tuple[str, int]:
    """TCVN3 bytes already read as cp1252/Latin-1 -> (Unicode text, number of letters mapped)."""
    mapped = sum(chars.count(chr(byte)) for byte in _TCVN3_FROM_CHAR)
    text = chars.translate(_TCVN3_FROM_CHAR)
    if mapped:
        text = "".join(map(_restore_capital_line, text.splitlines(keepends=True)))
        text = _WORD.sub(_restore_capital_word, text)
        text = _SENTENCE_OPENING.sub(lambda opening: opening[1] + opening[2].upper(), text)
    return unicodedata.normalize("NFC", text), mapped


def decode_tcvn3(raw: bytes) -> str:
    """TCVN3 (ABC) bytes -> Unicode, when the encoding is known (decode_bytes guesses it)."""
    return _tcvn3_to_unicode(_bytes_as_cp1252(raw))[0]


# ---------------------------------------------------------------------------------------------
# VNI

# How VNI-Windows spells each small letter. Marks after a, e, o, u, y: ù sắc, ø huyền, û hỏi,
# õ ngã, ï nặng; â circumflex, with tone á à å ã ä; ê breve, with tone é è ú ü ë. ô and ö alone
# are ơ and ư (so ô itself is "oâ"); i has single characters for its tones, and so has ỵ.
_VNI_SMALL = {
    "á": "aù", "à": "aø", "ả": "aû", "ã": "aõ", "ạ": "aï",
    "ă": "aê", "ắ": "aé", "ằ": "aè", "ẳ": "aú", "ẵ": "aü", "ặ": "aë",
    "â": "aâ", "ấ": "aá", "ầ": "aà", "ẩ": "aå", "ẫ": "aã", "ậ": "aä",
    "é": "eù", "è": "eø", "ẻ": "eû", "ẽ": "eõ", "ẹ": "eï",
    "ê": "eâ", "ế": "eá", "ề": "eà", "ể": "eå", "ễ": "eã", "ệ": "eä",
    "í": "í", "ì": "ì", "ỉ": "æ", "ĩ": "ó", "ị": "ò",
    "ó": "où", "ò": "oø", "ỏ": "oû", "õ": "oõ", "ọ": "oï",
    "ô": "oâ", "ố": "oá", "ồ": "oà", "ổ": "oå", "ỗ": "oã", "ộ": "oä",
    "ơ": "ô", "ớ": "ôù", "ờ": "ôø", "ở": "ôû", "ỡ": "ôõ", "ợ": "ôï",
    "ú": "uù", "ù": "uø", "ủ": "uû", "ũ": "uõ", "ụ": "uï",
    "ư": "ö", "ứ": "öù", "ừ": "öø", "ử": "öû", "ữ": "öõ", "ự": "öï",
    "ý": "yù", "ỳ": "yø", "ỷ": "yû", "ỹ": "yõ", "ỵ": "î",
    "đ": "ñ",
}
# A capital letter takes the capital forms of both the base and the mark characters ("AÙ" = Á):
# the fonts draw the capital marks higher, above a capital.
_VNI_SPELLING = _VNI_SMALL | {letter.upper(): spelling.upper() for letter, spelling in _VNI_SMALL.items()}
_VNI_LETTER = {spelling: letter for letter, spelling in _VNI_SPELLING.items() if spelling != letter}
# Longest spellings first, so that "ôù" is read as ớ and not as ơ followed by a stray mark.
_VNI_SPELLINGS = re.compile("|".join(map(re.escape, sorted(_VNI_LETTER, key=len, reverse=True))))


def encode_vni(text: str) -> bytes:
    """Unicode -> VNI-Windows bytes. Other characters must be ASCII or cp1252 characters below
    0xC0, the bytes VNI does not use for its marks."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        spelling = _VNI_SPELLING.get(char)
        out += spelling.encode("cp1252") if spelling else _encode_other(char, "VNI", range(0x80, 0xC0))
    return bytes(out)


def _vni_to_unicode(chars: str) -> tuple[str, int]:
    """VNI bytes already read as cp1252/Latin-1 -> (Unicode text, number of letters mapped)."""
    mapped = 0

    def letter(match: re.Match[str]) -> str:
        nonlocal mapped
        mapped += 1
        return _VNI_LETTER[match.group()]

    text = _VNI_SPELLINGS.sub(letter, chars)
    return unicodedata.normalize("NFC", text), mapped


def decode_vni(raw: bytes) -> str:
    """VNI-Windows bytes -> Unicode, when the encoding is known (decode_bytes guesses it)."""
    return _vni_to_unicode(_bytes_as_cp1252(raw))[0]


# ---------------------------------------------------------------------------------------------
# Windows-1258


def encode_cp1258(text: str) -> bytes:
    """Unicode -> Windows-1258 bytes the way Windows' Vietnamese keyboard writes them: letters with
    their circumflex, breve or horn precomposed (â ă ơ ...), the tone as a combining mark after.
    Python's own cp1258 codec cannot do this, as cp1258 has no precomposed ấ, ệ, ự ..."""
    clusters: list[list[str]] = []  # each letter with the marks NFD put after it
    for char in unicodedata.normalize("NFD", text):
        if clusters and unicodedata.combining(char):
            clusters[-1].append(char)
        else:
            clusters.append([char])
    pieces = []
    for base, *marks in clusters:
        shape = "".join(mark for mark in marks if mark not in _TONE_MARKS)
        tones = "".join(mark for mark in marks if mark in _TONE_MARKS)
        pieces.append(unicodedata.normalize("NFC", base + shape) + tones)
    encoded = "".join(pieces)
    try:
        return encoded.encode("cp1258")
    except UnicodeEncodeError as exc:
        char = encoded[exc.start]
        raise ValueError(f"{char!r} (U+{ord(char):04X}) cannot be written in Windows-1258") from None


# ---------------------------------------------------------------------------------------------
# How Vietnamese a text looks

_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
# Vowel groups that end in a glide (ai, ươu ...) close the syllable themselves; iê, uô, ươ, ă, â
# ... never end one; ch and nh follow only a, ê, i and the medial forms oa, uê, uy.
_RHYME = (
    r"(?:oai|oay|oao|oeo|uây|uôi|ươi|ươu|iêu|yêu|uya|uyu"
    r"|ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ua|ui|ưa|ưi|ưu|uơ"
    r"|(?:uyê|iê|yê|uô|ươ|oă|uâ|oo|ă|â|oa|oe|uê|uy|a|e|ê|i|o|ô|ơ|u|ư|y)(?:ng|c|m|n|p|t)"
    r"|(?:oa|uê|uy|a|ê|i)(?:nh|ch)"
    r"|oa|oe|uê|uy|a|e|ê|i|o|ô|ơ|u|ư|y)"
)
_SYLLABLE = re.compile(_ONSET + _RHYME)
_STOP_CODA = ("c", "ch", "p", "t")


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """Whether `word` is a well-formed Vietnamese syllable: onset, vowel group, final consonant,
    at most one tone mark, and only the sắc or nặng tone before a final c, ch, p or t. Written in
    small letters, capitals or with a capital first: a capital after a small letter ("tƯ", "lÒ")
    is what a wrong reading of legacy bytes gives, never a Vietnamese spelling."""
    if any(first.islower() and second.isupper() for first, second in pairwise(word)):
        return False
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [char for char in decomposed if char in _TONE_MARKS]
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(char for char in decomposed if char not in _TONE_MARKS))
    if not _SYLLABLE.fullmatch(bare):
        return False
    return not bare.endswith(_STOP_CODA) or tones in ([_SAC], [_NANG])


# Words are split at spaces and ASCII punctuation ("Hùng/VOV"), which no legacy encoding uses for
# letters or marks, and typographic punctuation is stripped from their ends. « and » are left
# alone: in TCVN3 mojibake they are the letters ô and ằ.
_TOKEN = re.compile("[^\\s" + re.escape(string.punctuation) + "]+")
_EDGE_PUNCTUATION = "“”‘’„‚–—…•"
# Enough words to judge a file by without scoring megabytes three times over.
_WORDS_JUDGED = 20_000


# Characters a Vietnamese word can be made of. A word with any other character (ÿ, ¸, µ, Ö ...)
# holds a stray symbol: what a wrong reading of legacy bytes makes, where a right reading makes at
# worst a foreign name that is not a syllable ("Pérez").
_ALPHABET = frozenset(string.ascii_letters + string.digits + "".join(VIETNAMESE_LETTERS + UPPERCASE_LETTERS))


@dataclass(frozen=True)
class _Score:
    words: int  # words with at least one letter
    accented: int  # of those, words with a character beyond ASCII
    accented_valid: int  # of those, well-formed Vietnamese syllables
    stray: int  # accented words holding a character outside the Vietnamese alphabet

    @property
    def net(self) -> int:
        # A stray symbol counts against a reading twice: it is the surer sign of a wrong one.
        return self.accented_valid - (self.accented - self.accented_valid) - self.stray

    @property
    def share(self) -> float:
        return self.accented_valid / self.accented if self.accented else 0.0

    def looks_vietnamese(self) -> bool:
        # Most accented words must be syllables, and there must be more of them than the odd "à"
        # in an English or French text: a quarter of all words (Vietnamese news has well over
        # half), or more than any accident gives.
        return (
            self.net > 0
            and self.share >= 0.6
            and (self.accented_valid >= 0.25 * self.words or self.accented_valid >= 20)
        )


def _words(text: str) -> list[str]:
    words = (token.group().strip(_EDGE_PUNCTUATION) for token in islice(_TOKEN.finditer(text), _WORDS_JUDGED))
    return [word for word in words if any(char.isalpha() for char in word)]


def _score(text: str) -> _Score:
    # Only accented words are counted as evidence: ASCII words read the same in every candidate.
    words = _words(text)
    accented = [word for word in words if not word.isascii()]
    stray = sum(not _ALPHABET.issuperset(word) for word in accented)
    return _Score(len(words), len(accented), sum(map(is_syllable, accented)), stray)


def _familiarity(text: str) -> float:
    """Mean word frequency (Zipf scale) of the accented words: breaks ties between readings that
    give equally many well-formed syllables ("cã mét" and "có một" are both well-formed)."""
    from wordfreq import zipf_frequency  # loaded only when there is a tie to break

    accented = [word.lower() for word in _words(text) if not word.isascii()][:500]
    return sum(zipf_frequency(word, "vi") for word in accented) / len(accented) if accented else 0.0


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _best(candidates: list[tuple[str, str, int, _Score]]) -> tuple[str, str, int, _Score]:
    top = max(score.net for *_, score in candidates)
    tied = [candidate for candidate in candidates if candidate[3].net == top]
    if len(tied) == 1:
        return tied[0]
    # max() keeps the first of equals, so the order of `candidates` is the last tie-breaker.
    return max(tied, key=lambda candidate: _familiarity(candidate[1]))


# ---------------------------------------------------------------------------------------------
# Entry points

_CONTROL_CODES = sorted(frozenset(range(0x20)) - frozenset(b"\t\n\r\f\v") | {0x7F})


def _refuse_binary(chars: bytes | str) -> None:
    as_text = isinstance(chars, str)
    controls = sum(chars.count(chr(code) if as_text else bytes([code])) for code in _CONTROL_CODES)
    # Text files carry the odd control character (a DOS end-of-file ^Z, a stray escape); binary
    # data and UTF-16 read byte by byte carry them by the hundred.
    if controls > 1 + len(chars) / 100:
        nuls = chars.count("\x00" if as_text else b"\x00")
        hint = " (one in ten a NUL: UTF-16 without a byte order mark?)" if nuls > len(chars) / 10 else ""
        raise ValueError(f"looks like binary data, not text: {controls} control characters in {len(chars)}{hint}")


_NAMES = {"cp1258": "Windows-1258", "tcvn3": "TCVN3 (ABC)", "vni": "VNI"}


def _unicode(text: str, encoding: str, detail: str) -> Conversion:
    _refuse_binary(text)
    normalised = unicodedata.normalize("NFC", text)
    if normalised != text:
        detail += ", then normalised to NFC"
    return Conversion(normalised, encoding, detail)


def decode_bytes(raw: bytes) -> Conversion:
    """Bytes of unknown encoding -> Unicode. Order: BOM (utf-8-sig, utf-16) -> strict UTF-8 -> legacy
    candidates (cp1258, TCVN3, VNI) scored by how Vietnamese the result looks -> raise ValueError
    with a clear message when nothing looks like Vietnamese text."""
    if raw.startswith(codecs.BOM_UTF8):
        try:
            return _unicode(raw[3:].decode("utf-8"), "utf-8", "decoded as UTF-8 (byte order mark removed)")
        except UnicodeDecodeError as exc:
            raise ValueError(
                f"starts with a UTF-8 byte order mark but is not UTF-8: byte 0x{raw[3 + exc.start]:02x} "
                f"at offset {3 + exc.start}"
            ) from None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _unicode(raw.decode("utf-16"), "utf-16", "decoded as UTF-16 (byte order mark)")
        except UnicodeDecodeError as exc:
            raise ValueError(f"starts with a UTF-16 byte order mark but is not UTF-16: {exc.reason}") from None
    try:
        return _unicode(raw.decode("utf-8"), "utf-8", "decoded as UTF-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    _refuse_binary(raw)

    candidates = []
    try:
        cp1258 = raw.decode("cp1258")
    except UnicodeDecodeError:
        pass  # a byte cp1258 leaves undefined: not cp1258
    else:
        composed = unicodedata.normalize("NFC", cp1258)
        candidates.append(("cp1258", composed, len(cp1258) - len(composed)))
    as_cp1252 = _bytes_as_cp1252(raw)
    candidates.append(("tcvn3", *_tcvn3_to_unicode(as_cp1252)))
    candidates.append(("vni", *_vni_to_unicode(as_cp1252)))
    name, text, changed, score = _best([(*candidate, _score(candidate[1])) for candidate in candidates])

    if not score.looks_vietnamese():
        mostly_utf8 = _score(raw.decode("utf-8", errors="replace"))
        if mostly_utf8.looks_vietnamese():
            raise ValueError(
                f"Vietnamese UTF-8 with damaged bytes: byte 0x{raw[first_bad]:02x} at offset {first_bad} "
                "is not valid UTF-8, and no legacy encoding reads the file better"
            )
        raise ValueError(
            f"not UTF-8 (byte 0x{raw[first_bad]:02x} at offset {first_bad}), and no legacy Vietnamese "
            f"encoding (Windows-1258, TCVN3, VNI) reads it as Vietnamese: the best, {_NAMES[name]}, "
            f"makes {score.share:.0%} of {score.accented} accented words Vietnamese syllables"
        )
    if name != "cp1258":
        what = f"decoded as {_NAMES[name]}: {_counted(changed, 'letter')} mapped"
    elif changed:
        marks = _counted(changed, "tone mark")
        what = f"decoded as Windows-1258 (cp1258) and normalised to NFC: {marks} joined to letters"
    else:
        what = "decoded as Windows-1258 (cp1258)"
    return Conversion(text, name, f"{what}; {score.share:.0%} of accented words are Vietnamese syllables")


def fix_legacy_text(text: str) -> Conversion | None:
    """Already-decoded text that is really TCVN3 or VNI read as cp1252/latin-1 (mojibake like
    'ViÖt Nam', 'Vieät Nam') -> the converted text; None when the text does not look like either."""
    # Mojibake of an 8-bit encoding holds nothing but what an 8-bit reading produces. Real Unicode
    # Vietnamese nearly always has ư, ơ, đ or ạ-style letters beyond that, and is left alone here.
    if text.isascii() or _BEYOND_EIGHT_BIT.search(text):
        return None
    before = _score(text)
    # Read as Latin-1, the cp1252 punctuation of the original bytes (– “ ” …) became C1 controls.
    as_cp1252 = text.translate(_C1_AS_CP1252)
    candidates = []
    for name, (converted, mapped) in (("tcvn3", _tcvn3_to_unicode(as_cp1252)), ("vni", _vni_to_unicode(as_cp1252))):
        after = _score(converted)
        # A reading must beat the text as it stands: a clean text whose letters all sit in Latin-1
        # ("Hòa bình") would otherwise be open to a reading that is merely as good.
        better = after.net > before.net and after.accented_valid > before.accented_valid
        if mapped and better and after.looks_vietnamese():
            candidates.append((name, converted, mapped, after))
    if not candidates:
        return None
    name, converted, mapped, after = _best(candidates)
    return Conversion(
        converted,
        name,
        f"repaired {_NAMES[name]} text that had been read as Windows-1252/Latin-1: {_counted(mapped, 'letter')} "
        "mapped",
    )
