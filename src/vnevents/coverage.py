"""What the coder missed: sentences that name an actor and carry an action verb but gave no event.

`vnevents analyze --uncoded` lists them so users and developers can see the coder's blind spots.
Verbs come from underthesea's part-of-speech tagger (tag V), run only on these candidate
sentences: it is too slow to run on every sentence of every article (segment.py).
"""
from __future__ import annotations

from dataclasses import dataclass

from .models import Article

# Verbs of saying and being carry no event of their own.
NON_EVENT_VERBS = {"cho biết", "nói", "là", "có", "tuyên bố", "nhấn mạnh", "khẳng định", "cho rằng", "theo",
                   "được", "bị", "đưa tin", "viết", "phát biểu", "thông báo", "trở thành", "xảy ra", "diễn ra",
                   "cho", "nhận định", "đánh giá", "tin", "biết", "thấy", "cho thấy"}


@dataclass
class Uncoded:
    sentence: int
    start: int
    end: int
    text: str
    actors: list[str]
    verbs: list[str]

    def to_dict(self) -> dict:
        return {"sentence": self.sentence, "start": self.start, "end": self.end, "text": self.text,
                "actors": self.actors, "verbs": self.verbs}


def uncoded(article: Article) -> list[Uncoded]:
    from underthesea import pos_tag

    coded = {event.evidence.sentence for event in article.events}
    found = []
    for sentence in article.sentences:
        if sentence.index in coded:
            continue
        actors = [m.text for m in article.mentions
                  if m.sentence == sentence.index and m.actor is not None and m.actor.country and m.kind != "outlet"]
        if not actors:
            continue
        text = article.text[sentence.start : sentence.end]
        verbs = [word for word, tag in pos_tag(text) if tag == "V" and word.lower() not in NON_EVENT_VERBS]
        if verbs:
            found.append(Uncoded(sentence.index, sentence.start, sentence.end, text, actors, verbs))
    return found
