"""Configuration in one place.

Every knob the pipeline reads lives in `Settings`; the CLI, the Python API and the tests build one
and pass it down. Nothing reads environment variables or module globals behind its back.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"

# Inputs above this size are refused rather than risk a multi-minute stall on one file: the
# longest article in the 3,000-article benchmark corpus is ~60 KB, so 5 MB is far past real news.
MAX_INPUT_BYTES = 5_000_000

# Share of letters that must be Vietnamese-specific (ă â đ ê ô ơ ư or a tone mark) for a text to
# count as Vietnamese. Real news sits at 20-35% of letters; English with a few Vietnamese names
# stays under 2%.
MIN_VIETNAMESE_LETTER_SHARE = 0.06


# The REST API (`vnevents serve`): the largest request body accepted (a long article as JSON is
# ~200 KB; 1 MB leaves room for HTML around it), and a per-client token bucket: this many requests
# a minute on average, bursts of up to `API_RATE_BURST` at once. 0 turns the limit off.
API_MAX_BODY_BYTES = 1_000_000
API_RATE_PER_MINUTE = 600
API_RATE_BURST = 60
API_PAGE_MAX = 500  # items one listing page may hold

# The embedded SQLite store. Each stored article touches random leaves of several indexes: with
# SQLite's default 2 MB page cache the cost of storing one more than doubled between 1k and 100k
# articles, so the cache holds 64 MB. Memory-mapping the file is off: mapped pages count in the
# storing process's RSS (a 1.4 GB database at 100k articles showed as 2.1 GB), and with the cache
# and the page cache of the OS the cost stays flat without it (bench/ingest.py, README). The
# write-ahead log is copied back every 20,000 pages rather than SQLite's 1,000.
SQLITE_CACHE_KIB = 64 << 10
SQLITE_MMAP_BYTES = 0
SQLITE_CHECKPOINT_PAGES = 20_000

# Fetching URLs: seconds to wait for a connection or the next bytes, retries for failures that may
# pass (timeouts, dropped connections, 429/5xx).
FETCH_TIMEOUT_S = 20.0
FETCH_RETRIES = 2


@dataclass(frozen=True)
class Settings:
    """What one run of the pipeline needs to know beyond the text itself."""

    # Extra actor dictionaries (YAML, same format as the shipped ones) layered over the defaults.
    extra_actor_files: tuple[Path, ...] = ()
    # Repair diacritics damaged by a Latin-1 / Windows-1258 mix-up (đă -> đã).
    repair_diacritics: bool = True
    # Events below this confidence are dropped from the output.
    min_confidence: float = 0.0
    data_dir: Path = field(default=DATA_DIR)
    fetch_timeout: float = FETCH_TIMEOUT_S
    fetch_retries: int = FETCH_RETRIES
    max_input_bytes: int = MAX_INPUT_BYTES
    # Feed items: fetch the page each links to instead of coding the feed's summary.
    follow_feed_links: bool = False
    # The REST API: request size and rate limit (see the constants above)
    api_max_body_bytes: int = API_MAX_BODY_BYTES
    api_rate_per_minute: int = API_RATE_PER_MINUTE
    api_rate_burst: int = API_RATE_BURST
