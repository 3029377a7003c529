"""Segment: sentences, and Vietnamese words (multi-syllable words such as "huấn luyện viên") on demand.

underthesea (sent_tokenize, word_tokenize) was chosen over pyvi: its models ship inside the wheel and
run offline, and it does not pull scikit-learn. Words are segmented only for the sentences where the
coder checks a cue against word boundaries (about 7% of them): segmenting every sentence was two
thirds of the pipeline's time, and names and triggers are matched on syllables anyway.
underthesea returns strings, not offsets, so each piece is located back in the text here: every
sentence and token is a span of `article.text`.

Proper names are marked by capitalisation, not by underthesea's pos_tag: pos_tag took 80% of the
whole pipeline's time (its CRF features are built in Python, ~4x the cost of word_tokenize), and the
only thing read from it was the proper-noun tag.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..models import Article, Sentence, Token

_SPACE = re.compile(r"\s+")


def _locate(text: str, piece: str, cursor: int) -> tuple[int, int] | None:
    """Find `piece` in `text` at or after `cursor`, tolerating whitespace differences."""
    piece = piece.strip()
    if not piece:
        return None
    at = text.find(piece, cursor)
    if at >= 0:
        return at, at + len(piece)
    pattern = r"\s*".join(re.escape(part) for part in _SPACE.split(piece))
    match = re.compile(pattern).search(text, cursor)
    return (match.start(), match.end()) if match else None


def _is_proper(word: str, position: int) -> bool:
    """Every syllable capitalised ("Burkina Faso", "RTN"), and not merely the sentence's first word."""
    syllables = word.split()
    if not syllables or not all(s[:1].isupper() for s in syllables):
        return False
    return position > 0 or len(syllables) > 1 or word.isupper()


def _paragraphs(text: str):
    start = 0
    for line in text.split("\n"):
        if line.strip():
            yield start, line
        start += len(line) + 1


def segment(article: Article) -> Article:
    """Sentences, each a span of the text. Words come later, per sentence, from `words`."""
    from underthesea import sent_tokenize

    text = article.text
    sentences: list[Sentence] = []
    for offset, line in _paragraphs(text):
        cursor = 0
        for piece in sent_tokenize(line):
            span = _locate(line, piece, cursor)
            if span is None:
                continue
            cursor = span[1]
            for start, end in _bounded(line, *span):
                sentences.append(Sentence(len(sentences), offset + start, offset + end))
    article.sentences = sentences
    return article


# No real sentence is this long (the longest of the 3,000 corpus articles has about 1,600
# characters); a longer run without an end (a list, a page's debris, a hostile input) is cut at
# spaces into pieces of at most this size, as the coder's work grows with the square of a
# sentence's names and triggers.
MAX_SENTENCE_CHARS = 2000


def _bounded(line: str, start: int, end: int):
    while end - start > MAX_SENTENCE_CHARS:
        cut = line.rfind(" ", start + 1, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS  # no space at all: cut anyway
        yield start, len(line[start:cut].rstrip()) + start
        start = cut + len(line[cut:end]) - len(line[cut:end].lstrip())
    yield start, end


def words(text: str, sentence: Sentence) -> list[Token]:
    """The sentence's words, segmented on first use and kept on the sentence.

    Word segmentation was two thirds of the pipeline's time, so the pipeline itself never segments a
    whole sentence: names are found on syllables (actors stage), and cues are checked against the
    words of a few syllables around them (`window_words`). This is for callers who want the words.
    """
    if sentence.tokens or sentence.start == sentence.end:
        return sentence.tokens
    from underthesea import word_tokenize

    chunk = text[sentence.start : sentence.end]
    cursor = 0
    for position, word in enumerate(word_tokenize(chunk)):
        span = _locate(chunk, word, cursor)
        if span is None:
            continue
        cursor = span[1]
        surface = chunk[span[0] : span[1]]
        sentence.tokens.append(Token(surface, sentence.start + span[0], sentence.start + span[1], proper=_is_proper(surface, position)))
    return sentence.tokens


@lru_cache(maxsize=50000)
def window_words(chunk: str, at_sentence_start: bool) -> tuple[tuple[int, int, bool], ...]:
    """The words of a few syllables of a sentence, as (start, end, proper) within `chunk`. A window
    that does not open its sentence has no sentence-initial word."""
    found, cursor = [], 0
    for position, word in enumerate(_segmented(chunk), start=0 if at_sentence_start else 1):
        span = _locate(chunk, word, cursor)
        if span is None:
            continue
        cursor = span[1]
        found.append((span[0], span[1], _is_proper(chunk[span[0] : span[1]], position)))
    return tuple(found)


def _segmented(chunk: str) -> list[str]:
    """underthesea.word_tokenize(chunk). Most windows are Vietnamese syllables and single spaces, which
    its regex tokenizer splits at the spaces (each syllable then normalised as it does): for those the
    tokens are made here and given to its model directly, a seventh of the cost of the tokenizer
    (the same tokens on every window of the 3,000 corpus articles)."""
    import underthesea.pipeline.word_tokenize as segmenter
    from underthesea.pipeline.text_normalize import token_normalize
    from underthesea.pipeline.text_normalize.character_normalize import normalize_characters_in_text

    model = segmenter.word_tokenize_model
    if model is None or not _plain_window().fullmatch(chunk):
        return segmenter.word_tokenize(chunk)  # (which loads the model on its first call)
    tokens = [token_normalize(token) for token in normalize_characters_in_text(chunk).split(" ")]
    words: list[str] = []
    for tag, token in zip(model.predict([[token] for token in tokens]), tokens):
        if tag == "I-W" and words:  # (word_tokenize's own rule: a word's inner syllable joins the one before)
            words[-1] += " " + token
        else:
            words.append(token)
    return words


@lru_cache(maxsize=1)
def _plain_window() -> re.Pattern[str]:
    """Syllables of underthesea's Vietnamese letters, one space between each."""
    from underthesea.pipeline.word_tokenize.regex_tokenize import W

    return re.compile(W + "+(?: " + W + "+)*")
