"""The pipeline: ordered stages over one Article.

Each stage declares what it reads and what it writes; `Pipeline` checks the chain when it is
built, so a stage added in the wrong place fails at start-up, not halfway through a corpus.
"""
from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass

from . import errors
from .config import Settings
from .models import Article
from .resources import Resources, load
from .stages import actors, coding, places, repair, segment, temporal


@dataclass(frozen=True)
class Stage:
    name: str
    run: Callable[[Article, Resources, Settings], Article]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


STAGES = (
    Stage("repair", lambda a, r, s: repair.repair(a, r, s.repair_diacritics), ("raw_text",), ("text", "title", "date")),
    Stage("segment", lambda a, r, s: segment.segment(a), ("text",), ("sentences",)),
    Stage("temporal", lambda a, r, s: temporal.tag_times(a), ("text", "date"), ("times",)),
    Stage("actors", lambda a, r, s: actors.recognise(a, r), ("sentences", "date"), ("mentions",)),
    Stage("places", lambda a, r, s: places.geocode(a, r), ("mentions",), ("places",)),
    Stage("coding", lambda a, r, s: coding.code_events(a, r), ("mentions", "times", "places"), ("events",)),
)


# Touches every stage's lazy data: a date, a town, a negation cue checked on word boundaries, word
# frequencies (a syllable with ơ), the word list (a capitalised common word before a lower-case one).
WARM_UP_TEXT = ("Ngày 10/4/2024, Nga không gửi quân tới thành phố Niamey của Niger, ông Lavrov cho biết. "
                "Tổng thống Mohamed Bazoum nói cơ quan này ở miền Đông, theo ông Trần Văn Thanh.")


class Pipeline:
    def __init__(self, settings: Settings | None = None, stages: tuple[Stage, ...] = STAGES):
        self.settings = settings or Settings()
        available = {"raw_text", "date"}
        for stage in stages:
            missing = [need for need in stage.requires if need not in available]
            if missing:
                raise errors.PipelineError(f"stage '{stage.name}' needs {missing}, which no earlier stage assigns")
            available.update(stage.assigns)
        self.stages = stages
        self.resources = load(self.settings)

    def warm_up(self, freeze: bool = False) -> "Pipeline":
        """Load every lazily loaded model and table (segmenter, gazetteer, word frequencies) now:
        worker processes forked after this share them instead of each loading its own.

        `freeze`: for a process that does nothing but analyse (a worker), or one about to fork
        workers that calls `gc.unfreeze()` when they are done. The dictionaries, patterns and models
        are some 250,000 objects that live as long as the process: out of the collector's sight,
        each full collection no longer walks them (half of the collector's cost per article), and a
        forked worker no longer copies the pages it would touch doing so. Everything else alive at
        that moment is frozen too, so a process that goes on with other work (a test run, an API
        server holding database connections) must not stay frozen."""
        from .stages.ingest import from_text

        self(from_text(WARM_UP_TEXT, path="<warm-up>", date="2024-04-12"))
        if freeze:
            gc.freeze()
        return self

    def __call__(self, article: Article, start_at: str | None = None) -> Article:
        """Run every stage, or those from `start_at` on (re-coding a stored, already cleaned text)."""
        names = [stage.name for stage in self.stages]
        if start_at is not None and start_at not in names:
            raise errors.PipelineError(f"no stage named '{start_at}'")
        for stage in self.stages[names.index(start_at) if start_at else 0 :]:
            article = stage.run(article, self.resources, self.settings)
        if self.settings.min_confidence > 0:
            article.events = [e for e in article.events if e.confidence >= self.settings.min_confidence]
        return article
