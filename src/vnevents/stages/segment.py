"""Segment: sentences and Vietnamese words (multi-syllable words such as "huấn luyện viên").

underthesea (sent_tokenize, pos_tag) was chosen over pyvi: its models ship inside the wheel and
run offline, and it does not pull scikit-learn and scipy (334 MB). pyvi is about twice as fast
but the coder's cost is dominated elsewhere; see README "Choices".
underthesea returns strings, not offsets, so each piece is located back in the text here: every
sentence and token is a span of `article.text`.
"""
from __future__ import annotations

import re

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


def _paragraphs(text: str):
    start = 0
    for line in text.split("\n"):
        if line.strip():
            yield start, line
        start += len(line) + 1


def segment(article: Article, with_tokens: bool = True) -> Article:
    from underthesea import pos_tag, sent_tokenize

    text = article.text
    sentences: list[Sentence] = []
    for offset, line in _paragraphs(text):
        cursor = 0
        for piece in sent_tokenize(line):
            span = _locate(line, piece, cursor)
            if span is None:
                continue
            cursor = span[1]
            sentences.append(Sentence(len(sentences), offset + span[0], offset + span[1]))
    if with_tokens:
        for sentence in sentences:
            chunk = text[sentence.start : sentence.end]
            cursor = 0
            for word, tag in pos_tag(chunk):
                span = _locate(chunk, word, cursor)
                if span is None:
                    continue
                cursor = span[1]
                sentence.tokens.append(
                    Token(chunk[span[0] : span[1]], sentence.start + span[0], sentence.start + span[1], tag)
                )
    article.sentences = sentences
    return article
