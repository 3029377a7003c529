"""Write src/vnevents/web/static/world.json: the world's country outlines for the web UI's map.

Source: Natural Earth 1:110m admin-0 countries (public domain) as TopoJSON in the npm package
`world-atlas` (countries-110m.json, ISC licence). Fetch it outside the repository, then convert:

    (cd /tmp && npm pack world-atlas && tar xzf world-atlas-*.tgz)
    .venv/bin/python scripts/make_world_outline.py /tmp/package/countries-110m.json

The TopoJSON arcs are decoded here (delta-encoded, quantised points; a negative arc index is the
reversed arc ~i), and every country becomes one SVG path in an equirectangular frame of 360 x 180
units (x = longitude + 180, y = 90 - latitude), rounded to 0.1 unit, rings that cross longitude 180
cut at the frame's edge, so the browser draws it with
no projection code and no tile server. Countries carry ISO alpha-3 codes (from the numeric ids,
through pycountry) so the map can tint the ones events name.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parent.parent / "src" / "vnevents" / "web" / "static" / "world.json"


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute (lon, lat) points of every arc."""
    scale = topology.get("transform", {}).get("scale", [1, 1])
    shift = topology.get("transform", {}).get("translate", [0, 0])
    quantised = "transform" in topology
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            if quantised:
                x, y = x + dx, y + dy
                points.append((x * scale[0] + shift[0], y * scale[1] + shift[1]))
            else:
                points.append((dx, dy))
        decoded.append(points)
    return decoded


def ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Join a ring's arcs; consecutive arcs share their end point, kept once."""
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def split_at_antimeridian(points: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring that crosses longitude 180 (Russia, Fiji, Antarctica) jumps across the whole frame;
    cut it there into pieces that each close along the frame's edge, joining the piece the ring
    starts in with the one it ends in (the same side)."""
    pieces = [[points[0]]]
    for before, after in zip(points, points[1:]):
        if abs(after[0] - before[0]) > 180:
            pieces.append([])
        pieces[-1].append(after)
    if len(pieces) > 1:
        pieces[0] = pieces.pop() + pieces[0]
    return pieces


def path(rings: list[list[tuple[float, float]]]) -> str:
    parts = []
    for points in (piece for whole in rings if whole for piece in split_at_antimeridian(whole)):
        coords = []
        last = None
        for lon, lat in points:
            xy = (round(lon + 180, 1), round(90 - lat, 1))
            if xy != last:
                coords.append(f"{xy[0]:g} {xy[1]:g}")
                last = xy
        if len(coords) >= 3:
            parts.append("M" + "L".join(coords) + "Z")
    return "".join(parts)


def alpha3(numeric: str | None) -> str | None:
    if not numeric:
        return None
    country = pycountry.countries.get(numeric=numeric.zfill(3))
    return country.alpha_3 if country else None


def convert(topology: dict) -> dict:
    arcs = decode_arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = [ring(r, arcs) for polygon in polygons for r in polygon]
        name = geometry.get("properties", {}).get("name", "")
        countries.append({"code": alpha3(geometry.get("id")), "name": name, "d": path(rings)})
    return {
        "source": "Natural Earth 1:110m admin-0 countries (public domain), via the world-atlas npm package",
        "frame": [360, 180],
        "countries": countries,
    }


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: make_world_outline.py countries-110m.json")
    outline = convert(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(outline, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(outline['countries'])} countries -> {OUT} ({OUT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
