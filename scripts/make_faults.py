#!/usr/bin/env python3
"""Publisher errors printed into synthetic disclosures (issue 15, bar item 2b).

For a seed, builds one disclosure with the sample generator (`make_samples.py`: data model,
python-docx, LibreOffice) and renders it clean and once per fault kind, each copy with exactly
one publisher error in one printed standard table. Beside each PDF goes a manifest
(`<name>.json`): fault kind, table type, page(s), the cells changed, their printed text before
and after. Only the faulted table's printed cells (or its unit caption) change: the narrative,
the other tables and the data model stay as in the clean copy, so the narrative still states
the clean figures, as it would when a publisher mistypes a table.

Seeds are small integers (the committed samples use `make_samples.SEED`, never one of these).
Seed s picks its document: with k = (s - 1) mod 1000, the spec `DOCS[k mod 7]` (budget and
final; hebei, shanghai, mof, jiangsu and final title families; 万元 and 元), printed in the
spec's own layout (ruled, ruled with open sides, borderless) except every third round of seven
(k div 7 = 2, 5, …), which prints it borderless (the borderless spec: ruled). Amounts and
codes come from the seed, so two seeds of one spec are two different documents.

Fault kinds (what a publisher gets wrong when filling in a table by hand):
  digit             one digit of one printed amount (leaf or total) changed
  x10k              one amount printed ×10⁴ in a 万元 table (as if in 元), ÷10⁴ in a 元 table
  swap              two amounts of one table swapped (neighbours in a row, or in a column)
  row_dropped       one leaf row (项 line, or economic 款 line) left out; parents and totals stay
  three_public_part one part of the 三公 table changed (出国 / 购置 / 运行 / 接待)
  consistent_total  one leaf changed by a digit and every total above it in that table by the
                    same amount (the sheet's formulas followed): only checks between tables or
                    against the narrative can see it
  unit_caption      the unit caption says 单位：元 over amounts in 万元 (or 万元 over 元)
  small_total       one total off by one unit of its last printed digit (0.01)

Usage: scripts/make_faults.py --seed N [--seed M ...] --out DIR [--kinds digit,x10k,...]
Regenerates a seed only when its files are missing or were made by other generator code.
"""
import argparse
import copy
import hashlib
import json
import os
import random
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_samples as ms  # noqa: E402

KINDS = ["digit", "x10k", "swap", "row_dropped", "three_public_part", "consistent_total",
         "unit_caption", "small_total"]
THREE_PUBLIC_PARTS = ("abroad", "vehicle_purchase", "vehicle_operation", "reception")


def generator_hash():
    """Hash of the generator code: files made by other code are made again."""
    h = hashlib.sha256()
    here = os.path.dirname(os.path.abspath(__file__))
    for fn in ("make_samples.py", "make_faults.py"):
        with open(os.path.join(here, fn), "rb") as f:
            h.update(f.read())
    return h.hexdigest()[:16]


def spec_for(seed):
    """The document spec (a copy of one of make_samples.DOCS) that a seed prints."""
    k = (seed - 1) % 1000
    spec = dict(ms.DOCS[k % len(ms.DOCS)])
    if (k // len(ms.DOCS)) % 3 == 2:
        spec["layout"] = "ruled" if spec["layout"] == "borderless" else "borderless"
    return spec


def base_name(seed, spec):
    return f"s{seed:04d}-{spec['stem']}-{spec['layout']}"


# --------------------------------------------------------------------------------------
# printed amounts of the standard tables
# --------------------------------------------------------------------------------------
class Amount:
    """One printed amount cell of a standard table, with the record row and column it is."""

    def __init__(self, t, r, c, rec, col, label, code):
        self.t, self.r, self.c, self.rec, self.col = t, r, c, rec, col
        self.label, self.code = label, code

    @property
    def text(self):
        return self.t.rows[self.r][self.c].text

    @property
    def fen(self):
        return parse(self.text, self.t.unit)


def parse(text, unit):
    """Fen of a printed amount in the table's unit (None when blank)."""
    s = text.replace(",", "").strip()
    if not s:
        return None
    ip, dp = s.split(".")
    hundredths = int(ip) * 100 + int(dp)
    return hundredths * ms.WAN if unit == "万元" else hundredths


def table_sep(D, t):
    """Whether the table prints thousands separators (the 三公 tables never do)."""
    return False if t.ttype.endswith("three_public") else D.spec["sep"]


def standard_tables(D):
    """Standard tables with printed amounts: (table, its records)."""
    out = []
    for t in D.tables:
        rec = D.records.get(t.ttype)
        if rec is None or rec.get("empty_declared") or not t.ttype.startswith(("budget.", "final.")):
            continue
        out.append((t, rec))
    return out


def header_of(t, c):
    """Text of the lowest header cell over grid column c."""
    for hr in range(t.header_rows - 1, -1, -1):
        for c0, cell in enumerate(t.rows[hr]):
            if cell is not None and c0 <= c < c0 + cell.cs and cell.text:
                return ms.norm_ws(cell.text)
    return None


def amounts(D, t, rec):
    """Every amount cell of the table (blank ones too), matched to its record row and column:
    a row is read as segments (label cells, then the amount cells after them), a segment is
    the first unused record of that name (and code) with as many values as it has amounts."""
    recs = rec["rows"]
    used = set()
    out = []
    for r in range(t.header_rows, len(t.rows)):
        row = t.rows[r]
        segs = []
        for c, cell in enumerate(row):
            if cell is None:
                continue
            if cell.align == "r":
                if not segs:
                    segs.append(([], []))
                segs[-1][1].append(c)
            else:
                if not segs or segs[-1][1]:
                    segs.append(([], []))
                segs[-1][0].append(c)
        for labels, cols in segs:
            if not cols:
                continue
            texts = [row[c].text for c in labels]
            name = texts[-1] if texts else None
            code = "".join(texts[:-1]) or None
            hit = None
            for i, x in enumerate(recs):
                if i in used or len(x["values"]) != len(cols):
                    continue
                if name is None and len(recs) == 1:
                    hit = i
                elif x.get("name") == name and (code is None or x.get("code") == code):
                    hit = i
                if hit is not None:
                    break
            if hit is None:
                if any(row[c].text for c in cols) or name:
                    raise ValueError(f"{t.ttype} r{r}: no record for {name!r} {code!r}")
                continue
            used.add(hit)
            for c, col in zip(cols, recs[hit]["values"]):
                out.append(Amount(t, r, c, recs[hit], col, name or recs[hit].get("name"), code or recs[hit].get("code")))
    return out


def all_amounts(D):
    return {t.ttype: amounts(D, t, rec) for t, rec in standard_tables(D)}


# --------------------------------------------------------------------------------------
# edits
# --------------------------------------------------------------------------------------
def set_text(t, r, c, text):
    cell = copy.copy(t.rows[r][c])
    cell.text = text
    t.rows[r][c] = cell


def make_room(t, r, c):
    """Widen column c when its new text would wrap, taking the room from the widest other
    column (the name column): a publisher widens the column, the figures stay on one line."""
    missing, _ = ms.overflow(t, r, c)
    if missing > 0:
        widest = max((i for i in range(t.n_cols) if i != c), key=lambda i: t.widths[i])
        t.widths = list(t.widths)
        t.widths[c] += missing + 0.05
        t.widths[widest] -= missing + 0.05
        return True
    return False


def change_digit(text, rng):
    """The printed text with one digit changed (never a leading zero)."""
    pos = [i for i, ch in enumerate(text) if ch.isdigit()]
    int_digits = len([ch for ch in text.split(".")[0] if ch.isdigit()])
    i = rng.choice(pos)
    choices = [d for d in "0123456789" if d != text[i] and not (d == "0" and i == pos[0] and int_digits > 1)]
    return text[:i] + rng.choice(choices) + text[i + 1:]


def cell_entry(D, a, before, after):
    t = a.t
    e = {"grid_row": a.r, "grid_col": a.c, "row": a.label, "code": a.code, "line": a.rec.get("line"),
         "side": a.rec.get("side"), "row_kind": a.rec.get("kind"), "column": a.col, "header": header_of(t, a.c),
         "before": before, "after": after,
         "before_yuan": ms.yuan(parse(before, t.unit)) if before else None,
         "after_yuan": ms.yuan(parse(after, t.unit)) if after else None}
    return e


def apply(D, kind, changes, **extra):
    """Print `after` in each (amount, after) cell; the fault's description."""
    t = changes[0][0].t
    cells, widened = [], False
    for a, after in changes:
        cells.append(cell_entry(D, a, a.text, after))
    for (a, after) in changes:
        set_text(t, a.r, a.c, after)
        widened |= make_room(t, a.r, a.c)
    return dict(kind=kind, table=t, cells=cells, widened=widened, **extra)


def pick(rng, groups):
    """A random member of a random non-empty group (tables get equal chances, not cells)."""
    groups = [g for g in groups if g]
    if not groups:
        return None
    return rng.choice(rng.choice(groups))


def printed(xs):
    return [a for a in xs if a.text and a.fen]


def fault_digit(D, rng, am):
    a = pick(rng, [printed(xs) for xs in am.values()])
    return apply(D, "digit", [(a, change_digit(a.text, rng))])


def fault_x10k(D, rng, am):
    a = pick(rng, [printed(xs) for xs in am.values()])
    sep = table_sep(D, a.t)
    if a.t.unit == "万元":
        after, how = ms.fmt(a.fen * 10000, "万元", sep), "×10⁴"
    else:
        after, how = ms.fmt(max(1, (a.fen + 5000) // 10000), "元", sep), "÷10⁴"
    return apply(D, "x10k", [(a, after)], how=how)


def fault_swap(D, rng, am):
    in_row, in_col = [], []
    for xs in am.values():
        p = printed(xs)
        rows, cols = {}, {}
        for a in p:
            rows.setdefault(a.r, []).append(a)
            cols.setdefault(a.c, []).append(a)
        in_row.append([(x, y) for g in rows.values() for x, y in zip(g, g[1:]) if x.text != y.text])
        in_col.append([(x, y) for g in cols.values() for x, y in zip(g, g[1:]) if x.text != y.text])
    how = "row" if rng.random() < 0.5 else "column"
    pair = pick(rng, in_row if how == "row" else in_col)
    if pair is None:
        how = "column" if how == "row" else "row"
        pair = pick(rng, in_row if how == "row" else in_col)
    x, y = pair
    return apply(D, "swap", [(x, y.text), (y, x.text)], how=f"in a {how}")


def fault_row_dropped(D, rng, am):
    rows = []
    for xs in am.values():
        by_row = {}
        for a in xs:
            if a.rec.get("kind") == "item" and a.code:
                by_row.setdefault(a.r, []).append(a)
        # a row printed all blank drops nothing a reader could miss (seed 78 picked one)
        rows.append([cells for cells in by_row.values() if any(a.text for a in cells)])
    cells = pick(rng, rows)
    t, r = cells[0].t, cells[0].r
    entries = [cell_entry(D, a, a.text, None) for a in cells if a.text]
    del t.rows[r]
    recs = D.records[t.ttype]["rows"]
    recs.remove(cells[0].rec)
    return dict(kind="row_dropped", table=t, cells=entries, widened=False, dropped_grid_row=r)


def fault_three_public_part(D, rng, am):
    xs = next(v for k, v in am.items() if k.endswith("three_public"))
    parts = [a for a in xs if a.col.split(".")[-1] in THREE_PUBLIC_PARTS]
    a = rng.choice(parts)
    old = a.fen
    while True:
        if old:
            new = round(old * rng.uniform(0.5, 1.5) / ms.WAN) * ms.WAN
        else:
            new = ms.rnd_amt(rng, 0.5, 5, ms.WAN)
        if new != old and new > 0:
            break
    return apply(D, "three_public_part", [(a, ms.fmt(new, a.t.unit, table_sep(D, a.t)))])


def row_sum_closure(rec_sums, col, side):
    """The column and every row-sum total it is a part of (transitively)."""
    out, todo = [col], [col]
    while todo:
        c = todo.pop()
        for rs in rec_sums:
            if rs.get("side") not in (None, side):
                continue
            if c in rs["parts"] and rs["total"] not in out:
                out.append(rs["total"])
                todo.append(rs["total"])
    return out


def fault_consistent_total(D, rng, am):
    groups = []
    for tt, xs in am.items():
        rec = D.records[tt]
        sums = rec.get("row_sums") or []
        totals = {rs["total"] for rs in sums}
        if tt.endswith(("summary",)):
            continue
        if tt.endswith("three_public"):
            leaves = [a for a in printed(xs) if a.col.split(".")[-1] in THREE_PUBLIC_PARTS]
        else:
            leaves = [a for a in printed(xs) if a.rec.get("kind") == "item" and a.col not in totals]
        groups.append(leaves)
    leaf = pick(rng, groups)
    t = leaf.t
    xs = am[t.ttype]
    sums = D.records[t.ttype].get("row_sums") or []
    while True:
        after = change_digit(leaf.text, rng)
        delta = parse(after, t.unit) - leaf.fen
        if parse(after, t.unit) > 0:
            break
    if t.ttype.endswith("three_public"):
        rows = [leaf.rec]
    else:
        rows = [leaf.rec] + [a.rec for a in xs if a.rec.get("kind") == "total" or
                             (a.rec.get("code") and a.rec["code"] != leaf.code and leaf.code.startswith(a.rec["code"]))]
    cols = row_sum_closure(sums, leaf.col, leaf.rec.get("side"))
    changes, seen = [], set()
    for a in xs:
        if any(a.rec is r for r in rows) and a.col in cols and (a.r, a.c) not in seen:
            seen.add((a.r, a.c))
            changes.append((a, ms.fmt(a.fen + delta, t.unit, table_sep(D, t))))
    leaf_first = sorted(changes, key=lambda x: x[0] is not leaf)
    return apply(D, "consistent_total", leaf_first, delta_yuan=ms.yuan(delta))


def fault_unit_caption(D, rng, am):
    t = rng.choice([x[0].t for x in am.values() if printed(x)])
    t.unit_caption = "元" if t.unit == "万元" else "万元"
    return dict(kind="unit_caption", table=t, cells=[], widened=False,
                caption={"before": f"单位：{t.unit}", "after": f"单位：{t.unit_caption}"})


def is_total(D, a):
    """Whether the amount is a sum of other amounts of its own table: a 合计/总计 row, a 类 or
    款 row of a code table, or the total column of a row sum (a summary's 类 lines are parts)."""
    sums = D.records[a.t.ttype].get("row_sums") or []
    if a.col in {rs["total"] for rs in sums if rs.get("side") in (None, a.rec.get("side"))}:
        return True
    if a.t.ttype.endswith("three_public"):  # one row named 预算数/金额: its parts are no totals
        return False
    kinds = ("total", "grand_total") if a.rec.get("side") else ("total", "grand_total", "class", "kuan")
    return a.rec.get("kind") in kinds


def fault_small_total(D, rng, am):
    groups = [[a for a in printed(xs) if is_total(D, a)] for xs in am.values()]
    a = pick(rng, groups)
    step = ms.WAN if a.t.unit == "万元" else 1
    d = rng.choice([-1, 1]) * step
    if a.fen + d <= 0:
        d = step
    return apply(D, "small_total", [(a, ms.fmt(a.fen + d, a.t.unit, table_sep(D, a.t)))], delta_yuan=ms.yuan(d))


FAULTS = {"digit": fault_digit, "x10k": fault_x10k, "swap": fault_swap, "row_dropped": fault_row_dropped,
          "three_public_part": fault_three_public_part, "consistent_total": fault_consistent_total,
          "unit_caption": fault_unit_caption, "small_total": fault_small_total}


# --------------------------------------------------------------------------------------
# pages of the changed cells
# --------------------------------------------------------------------------------------
def layout_pages(pdf):
    txt = ms.run(["pdftotext", "-layout", "-enc", "UTF-8", pdf, "-"])
    return txt.split("\f")


def row_tokens(t, r):
    """Texts without CJK (codes, amounts) of grid row r: they never wrap, so pdftotext -layout
    prints them on one line."""
    return [c.text.replace(" ", "") for c in t.rows[r] if c is not None and c.text and not ms.CJK_RE.search(c.text)]


def page_of_row(pages, t, r):
    toks = row_tokens(t, r)
    if not toks:
        return None
    hits = []
    for p in t.pages:
        for line in pages[p - 1].splitlines():
            words = iter(line.split())
            if all(any(w == tok for w in words) for tok in toks):
                hits.append(p)
                break
    return hits[0] if len(hits) == 1 else None


def fault_pages(pdf, f):
    """Pages holding the changed cells (the dropped row's place; the caption's page); all the
    table's pages where a row cannot be told apart."""
    t = f["table"]
    if len(t.pages) == 1 or f["kind"] == "unit_caption":
        return t.pages[:1] if f["kind"] == "unit_caption" else list(t.pages)
    pages = layout_pages(pdf)
    if f["kind"] == "row_dropped":
        rows = [max(t.header_rows, f["dropped_grid_row"] - 1)]
    else:
        rows = sorted({c["grid_row"] for c in f["cells"]})
    out = set()
    for r in rows:
        p = page_of_row(pages, t, r)
        if p is None:
            return list(t.pages)
        out.add(p)
    return sorted(out)


# --------------------------------------------------------------------------------------
# rendering
# --------------------------------------------------------------------------------------
def describe(f):
    t = f["table"]
    if f["kind"] == "unit_caption":
        return f"{t.ttype}: caption {f['caption']['before']} → {f['caption']['after']}"
    if f["kind"] == "row_dropped":
        c = f["cells"][0]
        return f"{t.ttype}: row {c['code']} {c['row']} dropped ({', '.join(x['before'] for x in f['cells'])})"
    parts = [f"{c['code'] or c['line'] or ''} {c['row'] or ''} [{c['column']}] {c['before']} → {c['after']}".strip()
             for c in f["cells"]]
    return f"{t.ttype}: " + "; ".join(parts)


def manifest(seed, spec, name, f, clean_name, npages, pdf):
    m = {"generator": "scripts/make_faults.py", "generator_hash": generator_hash(), "seed": seed,
         "sample": spec["stem"], "document_kind": spec["kind"], "family": spec["family"], "layout": spec["layout"],
         "amount_unit": spec["unit"], "pdf": name + ".pdf", "pages_in_pdf": npages}
    if f is None:
        m["kind"] = "clean"
        return m
    t = f["table"]
    m.update({"kind": f["kind"], "clean_pdf": clean_name + ".pdf", "table_type": t.ttype, "table_title": t.title,
              "table_unit": t.unit, "table_pages": list(t.pages), "pages": fault_pages(pdf, f),
              "cells": f["cells"], "widened_column": f["widened"], "description": describe(f)})
    for k in ("how", "delta_yuan", "caption"):
        if k in f:
            m[k] = f[k]
    return m


def generate(seed, out, kinds=KINDS, force=False):
    """Clean copy and one copy per fault kind for a seed in `out`; returns the manifests
    (clean first). Reuses files made by the same generator code."""
    spec = spec_for(seed)
    base = base_name(seed, spec)
    names = [f"{base}-clean"] + [f"{base}-{k}" for k in kinds]
    h = generator_hash()
    if not force:
        try:
            ms_ = [json.load(open(os.path.join(out, n + ".json"), encoding="utf-8")) for n in names]
            if all(m["generator_hash"] == h and os.path.exists(os.path.join(out, n + ".pdf")) for m, n in zip(ms_, names)):
                return ms_
        except (OSError, ValueError, KeyError):
            pass
    os.makedirs(out, exist_ok=True)
    D0, paras = ms.build_doc(spec, random.Random(f"{seed}:{spec['stem']}"))
    work = tempfile.mkdtemp(prefix="gk-faults-")
    try:
        variants = []
        for name, kind in zip(names, [None] + list(kinds)):
            D = copy.deepcopy(D0)
            f = None
            if kind:
                f = FAULTS[kind](D, random.Random(f"{seed}:{spec['stem']}:{kind}"), all_amounts(D))
            path = os.path.join(work, name + ".docx")
            ms.render_doc(D, copy.deepcopy(paras), path)
            variants.append((name, D, f, path))
        ms.soffice_convert([p for *_, p in variants], work, os.path.join(work, "lo-profile"))
        manifests = []
        clean = names[0]
        for name, D, f, path in variants:
            raw = path[:-5] + ".pdf"
            npages = ms.locate(D, raw)
            rot = [t.pages[0] for t in D.tables if t.rotate]
            pdf = os.path.join(out, name + ".pdf")
            ms.finalize_pdf(raw, pdf + ".tmp", rot)
            m = manifest(seed, spec, name, f, clean, npages, pdf + ".tmp")
            if f is None:
                m["tables"] = [{"table_type": t.ttype, "pages": t.pages, "unit": t.unit} for t, _ in standard_tables(D)]
            os.replace(pdf + ".tmp", pdf)
            tmp = os.path.join(out, name + ".json.tmp")
            ms.write_json(tmp, m)
            os.replace(tmp, os.path.join(out, name + ".json"))
            manifests.append(m)
        return manifests
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, action="append", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--force", action="store_true", help="make files again even when up to date")
    args = ap.parse_args()
    kinds = args.kinds.split(",")
    for k in kinds:
        if k not in FAULTS:
            ap.error(f"unknown fault kind {k!r} (kinds: {', '.join(KINDS)})")
    for seed in args.seed:
        if seed < 1 or seed == ms.SEED:
            ap.error(f"seed {seed}: seeds are positive and never the committed samples' {ms.SEED}")
        for m in generate(seed, args.out, kinds, args.force):
            print(f"{m['pdf']}: {m.get('description', 'clean')} (p.{','.join(map(str, m.get('pages', [])))})")


if __name__ == "__main__":
    main()
