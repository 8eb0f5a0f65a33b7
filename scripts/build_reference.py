#!/usr/bin/env python3
"""Build assets/reference/official_pairings.csv from the hand-kept source lists.

Reads
  assets/gazetteer/regions.csv            (code,name,level,parent,province,...)
  assets/reference/lists/<scheme>.csv     (helper,helped,since,until,status,source,
                                           source_url,helper_as_written,
                                           helped_as_written,note)
and writes
  assets/reference/official_pairings.csv  (scheme,helper,helper_code,helped,
                                           helped_code,since,status,note,until,
                                           source,source_url,helper_as_written,
                                           helped_as_written)

A label in a list is one of
  - a gazetteer name that only one unit has            (苏州市)
  - a name with its parent's or province's name        (市中区 (济南市))
  - a gazetteer code                                   (X6603, 370103)
and must resolve to exactly one unit.  In the output, helper/helped are written
as the bare name where that name is unique in the gazetteer and as
"名称 (上级名称)" where it is not.

Rows are sorted by scheme (file name) and then kept in list order, so the
output is deterministic.  The build fails (exit status 1) with one line per
problem: a label that resolves to no unit or to several, a duplicate row
(same scheme, helper, helped and since), a status other than confirmed /
secondary / unconfirmed, a year that is not a year, until before since, a
pair of a unit with itself, a list with the wrong columns, or a list with no
rows.  On success it prints row counts per scheme and per status.

Usage: python3 scripts/build_reference.py [--markdown]
  --markdown  print the counts as Markdown tables (for SOURCE.md)
"""

from __future__ import annotations

import argparse
import collections
import csv
import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GAZETTEER = ROOT / "assets" / "gazetteer" / "regions.csv"
LISTS = ROOT / "assets" / "reference" / "lists"
OUT = ROOT / "assets" / "reference" / "official_pairings.csv"

LIST_COLUMNS = [
    "helper", "helped", "since", "until", "status", "source", "source_url",
    "helper_as_written", "helped_as_written", "note",
]
OUT_COLUMNS = [
    "scheme", "helper", "helper_code", "helped", "helped_code", "since",
    "status", "note", "until", "source", "source_url", "helper_as_written",
    "helped_as_written",
]
STATUSES = ("confirmed", "secondary", "unconfirmed")
FINE_LEVELS = {"prefecture", "county", "division"}
LABEL_RE = re.compile(r"\s*([^()（）]+?)\s*(?:[(（]\s*([^()（）]+?)\s*[)）])?\s*")
CODE_RE = re.compile(r"X\d{2,4}|\d{6}")
YEAR_RE = re.compile(r"(1[89]\d\d|20\d\d)")
SCHEME_RE = re.compile(r"[a-z][a-z0-9_]*")


class Gazetteer:
    def __init__(self, path: Path):
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        self.units = {r["code"]: r for r in rows}
        self.by_name: dict[str, list[str]] = collections.defaultdict(list)
        for r in rows:
            self.by_name[r["name"]].append(r["code"])

    def name(self, code: str) -> str:
        return self.units[code]["name"] if code in self.units else ""

    def resolve(self, label: str) -> tuple[list[str], str]:
        """Codes the label may mean, and the form that was matched."""
        label = label.strip()
        if CODE_RE.fullmatch(label):
            return ([label] if label in self.units else []), "code"
        m = LABEL_RE.fullmatch(label)
        if not m:
            return [], "unparsable"
        name, up = m.group(1), m.group(2)
        codes = list(self.by_name.get(name, []))
        if up:
            codes = [c for c in codes
                     if up in (self.name(self.units[c]["parent"]),
                               self.name(self.units[c]["province"]))]
        return codes, "name"

    def label(self, code: str) -> str:
        """The bare name where it is unique, else 名称 (上级名称)."""
        u = self.units[code]
        if len(self.by_name[u["name"]]) == 1:
            return u["name"]
        parent = self.name(u["parent"])
        same = [c for c in self.by_name[u["name"]]
                if self.name(self.units[c]["parent"]) == parent]
        if parent and len(same) == 1:
            return f"{u['name']} ({parent})"
        return f"{u['name']} ({self.name(u['province'])})"

    def level(self, code: str) -> str:
        return self.units[code]["level"]


def read_list(path: Path, problems: list[str]) -> list[dict]:
    text = path.read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames != LIST_COLUMNS:
        problems.append(f"{path.name}: columns are {reader.fieldnames}, expected {LIST_COLUMNS}")
        return []
    rows = []
    for i, r in enumerate(reader, start=2):
        if None in r or any(v is None for v in r.values()):
            problems.append(f"{path.name}:{i}: wrong number of fields")
            continue
        rows.append({"line": i, **{k: (v or "").strip() for k, v in r.items()}})
    if not rows:
        problems.append(f"{path.name}: no rows")
    return rows


def build(markdown: bool) -> int:
    problems: list[str] = []
    gaz = Gazetteer(GAZETTEER)
    files = sorted(LISTS.glob("*.csv"))
    if not files:
        problems.append(f"no lists in {LISTS}")
    out = []
    seen: dict[tuple, str] = {}
    for path in files:
        scheme = path.stem
        if not SCHEME_RE.fullmatch(scheme):
            problems.append(f"{path.name}: scheme id {scheme!r} is not lower_snake_case")
        for r in read_list(path, problems):
            where = f"{path.name}:{r['line']}"
            codes = {}
            for side in ("helper", "helped"):
                label = r[side]
                found, how = gaz.resolve(label)
                if not label:
                    problems.append(f"{where}: empty {side}")
                elif len(found) == 0:
                    problems.append(f"{where}: {side} {label!r} resolves to no gazetteer unit ({how})")
                elif len(found) > 1:
                    cands = ", ".join(f"{c} {gaz.label(c)}" for c in found)
                    problems.append(f"{where}: {side} {label!r} resolves to {len(found)} units: {cands}; add the parent's name in parentheses")
                else:
                    codes[side] = found[0]
            for col in ("since", "until"):
                if r[col] and not YEAR_RE.fullmatch(r[col]):
                    problems.append(f"{where}: {col} {r[col]!r} is not a year")
            if (YEAR_RE.fullmatch(r["since"]) and YEAR_RE.fullmatch(r["until"])
                    and int(r["until"]) < int(r["since"])):
                problems.append(f"{where}: until {r['until']} is before since {r['since']}")
            if r["status"] not in STATUSES:
                problems.append(f"{where}: status {r['status']!r} is not one of {', '.join(STATUSES)}")
            if not r["source"]:
                problems.append(f"{where}: empty source")
            if len(codes) < 2:
                continue
            if codes["helper"] == codes["helped"]:
                problems.append(f"{where}: helper and helped are the same unit {codes['helper']}")
            key = (scheme, codes["helper"], codes["helped"], r["since"])
            if key in seen:
                problems.append(f"{where}: duplicate of {seen[key]} (same scheme, helper, helped, since)")
                continue
            seen[key] = where
            out.append({
                "scheme": scheme,
                "helper": gaz.label(codes["helper"]),
                "helper_code": codes["helper"],
                "helped": gaz.label(codes["helped"]),
                "helped_code": codes["helped"],
                "since": r["since"],
                "status": r["status"],
                "note": r["note"],
                "until": r["until"],
                "source": r["source"],
                "source_url": r["source_url"],
                "helper_as_written": r["helper_as_written"],
                "helped_as_written": r["helped_as_written"],
            })

    if problems:
        for p in problems:
            print(f"ERROR: {p}", file=sys.stderr)
        print(f"{len(problems)} problem(s); {OUT.relative_to(ROOT)} not written", file=sys.stderr)
        return 1

    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=OUT_COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(out)
    OUT.write_text(buf.getvalue(), encoding="utf-8")

    report(out, gaz, markdown)
    return 0


def report(rows: list[dict], gaz: Gazetteer, markdown: bool) -> None:
    schemes = sorted({r["scheme"] for r in rows})
    by = collections.Counter((r["scheme"], r["status"]) for r in rows)
    fine = collections.Counter(
        r["scheme"] for r in rows
        if gaz.level(r["helper_code"]) in FINE_LEVELS or gaz.level(r["helped_code"]) in FINE_LEVELS)
    total_fine = sum(fine.values())
    status_tot = collections.Counter(r["status"] for r in rows)
    if markdown:
        print("| scheme | rows | confirmed | secondary | unconfirmed | prefecture or finer |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for s in schemes:
            n = sum(by[(s, st)] for st in STATUSES)
            print(f"| `{s}` | {n} | " + " | ".join(str(by[(s, st)]) for st in STATUSES) + f" | {fine[s]} |")
        print(f"| **all** | **{len(rows)}** | " + " | ".join(f"**{status_tot[st]}**" for st in STATUSES)
              + f" | **{total_fine}** |")
        return
    print(f"wrote {OUT.relative_to(ROOT)}: {len(rows)} rows")
    width = max(len(s) for s in schemes)
    print(f"{'scheme':<{width}}  rows  " + "  ".join(f"{st:>11}" for st in STATUSES) + "  pref+finer")
    for s in schemes:
        n = sum(by[(s, st)] for st in STATUSES)
        print(f"{s:<{width}}  {n:>4}  " + "  ".join(f"{by[(s, st)]:>11}" for st in STATUSES) + f"  {fine[s]:>10}")
    print(f"{'all':<{width}}  {len(rows):>4}  " + "  ".join(f"{status_tot[st]:>11}" for st in STATUSES)
          + f"  {total_fine:>10}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--markdown", action="store_true", help="print the counts as Markdown tables")
    args = ap.parse_args()
    return build(args.markdown)


if __name__ == "__main__":
    sys.exit(main())
