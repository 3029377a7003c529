"""vnevents: political events from Vietnamese news, with the evidence for every record.

    >>> from vnevents import analyze
    >>> result = analyze("Pháp đã hoàn tất việc rút quân khỏi Niger.", date="2024-04-11")
    >>> [(e.source.country, e.type, e.target.country) for e in result.events]
    [('FRA', 'RETREAT', 'NER')]
"""
from __future__ import annotations

__version__ = "0.1.0"  # before the imports below: modules they load read it

from .service import analyze, analyze_paths, evaluate  # noqa: E402

__all__ = ["analyze", "analyze_paths", "evaluate"]
