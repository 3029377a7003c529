"""Exports of stored events: JSONL, CSV, Parquet, and GDELT 2.0's event table.

The GDELT export writes one row per happening (canonical event) in the 61 columns of the GDELT
2.0 event table, in GDELT's order, tab-separated with no header, as GDELT's own files are, filling
what vnevents knows (actor codes and countries, CAMEO root as event code, QuadClass, Goldstein,
mentions, distinct stories and articles, the action's place, dates, the first report's URL) and
leaving the rest empty; the mentions export has one row per report, keyed by the same id.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pycountry

# GDELT 2.0 event table, in order (61 columns)
GDELT_COLUMNS = [
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
]

# Columns of the flat exports (CSV, Parquet): the stored event row, evidence included.
FLAT_COLUMNS = [
    "id", "article_id", "article_path", "article_url", "article_date", "type", "mode", "context",
    "source_text", "source_code", "source_country", "target_text", "target_code", "target_country",
    "date", "date_precision", "date_basis", "factuality", "speaker", "via", "place_text", "place_name",
    "place_country", "latitude", "longitude", "place_precision", "geonameid", "cameo", "quad_class",
    "goldstein", "confidence", "background", "evidence_sentence", "evidence_start", "evidence_end",
    "evidence_text", "caption", "trigger", "pattern", "pipeline_version", "dictionary_version", "canonical_id",
]


# The mentions table: one row per report of a happening (GDELT 2.0 mentions, with vnevents' own
# columns where GDELT's have no equivalent: factuality, confidence, evidence offsets).
MENTION_COLUMNS = [
    "GlobalEventID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName", "MentionIdentifier",
    "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence",
    "MentionDocLen", "MentionDocTone", "Factuality", "EvidenceStart", "EvidenceEnd",
]


# Columns of a happening in `vnevents events` listings (JSONL, CSV).
HAPPENING_COLUMNS = [
    "id", "type", "source_code", "source_country", "source_text", "target_code", "target_country", "target_text",
    "date", "place_country", "place_name", "latitude", "longitude", "cameo", "quad_class", "goldstein",
    "mention_count", "source_count", "article_count", "outlets", "first_seen", "last_seen", "mention_id",
    "evidence_text", "article_url", "article_path",
]


def write(rows: Iterable[dict[str, Any]], fmt: str, path: Path) -> int:
    writer = {"jsonl": _jsonl, "csv": _csv, "gdelt": _gdelt, "parquet": _parquet, "mentions": _mentions}[fmt]
    return writer(rows, path)


def _jsonl(rows: Iterable[dict[str, Any]], path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            record = {column: row.get(column) for column in FLAT_COLUMNS}
            record["via"] = json.loads(record["via"] or "[]")
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def _csv(rows: Iterable[dict[str, Any]], path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=FLAT_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def _parquet(rows: Iterable[dict[str, Any]], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns: dict[str, list[Any]] = {column: [] for column in FLAT_COLUMNS}
    for row in rows:
        for column in FLAT_COLUMNS:
            columns[column].append(row.get(column))
    pq.write_table(pa.table(columns), path)
    return len(columns["id"])


def _gdelt(rows: Iterable[dict[str, Any]], path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        for row in rows:
            writer.writerow(gdelt_row(row))
            count += 1
    return count


def _mentions(rows: Iterable[dict[str, Any]], path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        for row in rows:
            digits = (row.get("date") or "").replace("-", "")
            writer.writerow([
                row.get("canonical_id") or row["id"], digits, (row.get("article_date") or "").replace("-", ""),
                1 if row.get("article_url") else 6, row.get("article_agency") or "", row.get("article_url") or row.get("article_path"),
                row["evidence_sentence"], "", "", row["evidence_start"], 1, round(100 * row["confidence"]),
                "", "", row["factuality"], row["evidence_start"], row["evidence_end"],
            ])
            count += 1
    return count


def gdelt_row(row: dict[str, Any]) -> list[Any]:
    """One happening (a row of `Store.canonical_events`) as a GDELT 2.0 event-table row."""
    date = row.get("date") or row.get("article_date") or ""
    year, month, day = (date.split("-") + ["", "", ""])[:3]
    cells: dict[str, Any] = {
        "GlobalEventID": row["id"],
        "Day": f"{year}{month or '01'}{day or '01'}" if year else "",
        "MonthYear": f"{year}{month or '01'}" if year else "",
        "Year": year,
        "FractionDate": f"{int(year) + ((int(month or 1) - 1) * 30 + int(day or 1)) / 365:.4f}" if year else "",
        "IsRootEvent": 1,
        "EventCode": row.get("cameo") or "",
        "EventBaseCode": row.get("cameo") or "",
        "EventRootCode": (row.get("cameo") or "")[:2],
        "QuadClass": row.get("quad_class") or "",
        "GoldsteinScale": row.get("goldstein") if row.get("goldstein") is not None else "",
        "NumMentions": row.get("mention_count") or 1, "NumSources": row.get("source_count") or 1,
        "NumArticles": row.get("article_count") or 1,
        "DATEADDED": "",
        "SOURCEURL": row.get("article_url") or row.get("article_path") or "",
    }
    for number, side in (("1", "source"), ("2", "target")):
        code, country = row.get(f"{side}_code"), row.get(f"{side}_country")
        cells[f"Actor{number}Code"] = code or ""
        cells[f"Actor{number}Name"] = (row.get(f"{side}_text") or "").upper()
        cells[f"Actor{number}CountryCode"] = country or ""
        role = code[3:] if code and country and code.startswith(country) else (code if code and not country else "")
        cells[f"Actor{number}Type1Code"] = role or ""
    if row.get("place_name"):
        city = row.get("place_precision") == "city"
        cells["ActionGeo_Type"] = 4 if city else 1  # GDELT: 1 country, 4 world city
        cells["ActionGeo_FullName"] = row["place_name"]
        cells["ActionGeo_CountryCode"] = _fips_like(row.get("place_country"))
        cells["ActionGeo_Lat"] = row.get("latitude")
        cells["ActionGeo_Long"] = row.get("longitude")
        cells["ActionGeo_FeatureID"] = row.get("geonameid") or row.get("place_country") or ""
    return [cells.get(column, "") for column in GDELT_COLUMNS]


def _fips_like(alpha3: str | None) -> str:
    """GDELT's geography uses two-letter codes; ISO alpha-2 is given (not FIPS 10-4, which GDELT
    uses and no package here ships)."""
    if not alpha3:
        return ""
    found = pycountry.countries.get(alpha_3=alpha3)
    return found.alpha_2 if found else ""
