#!/usr/bin/env python3
"""Scans with variety (issue 19): for a seed, one synthetic disclosure printed by the sample
generator (`make_samples.py`: data model, python-docx, LibreOffice) in fonts and sizes of its
own, then scanned the way office scanners and copiers differ, with its ground truth.

Seed s picks (from its own random stream, never the committed samples' seed):
  document  one of make_samples.DOCS (budget and final; hebei, shanghai, mof, jiangsu and
            final title families; 万元 and 元 with separators), its amounts and codes from the
            seed; tables ruled (borderless specs are printed ruled, with or without sides);
  print     body font (Noto Serif/Sans CJK, AR PL UMing, WenQuanYi Zen Hei), table font
            (Noto Sans/Serif CJK, AR PL UMing, WenQuanYi Zen Hei), heading font, table
            print 8–10.5 pt; percentages of the 绩效目标表 varied (schedules such as 20.00%,
            37.50%; targets such as ≥85%, ≤5%, 98.5%, with or without a qualifier);
  scan      150, 200, 240 or 300 dpi; grey or tinted paper with uneven lighting; photocopy
            darkening (thickened strokes, toner specks, a dark edge); blur; speckle; noise;
            skew up to 1.8°; JPEG quality 25–90; red seals on 0–3 pages at places of their
            own (over the title, the table, its figures); some documents scanned in colour.

Writes to DIR:  s<seed>-text.pdf (the printed document: text layer, the upper bound),
                s<seed>-scan.pdf (image-only), s<seed>.json (ground truth in the format of
                golden/, with `scan` describing what was done to each page).
Regenerates a seed only when its files are missing or were made by other generator code.

Usage: scripts/make_scans.py --seed N [--seed M ...] --out DIR
Needs what scripts/make-samples needs (LibreOffice, python-docx, pypdf, pillow, numpy,
pdftoppm, img2pdf, qpdf) and the fonts fonts-noto-cjk, fonts-arphic-uming, fonts-wqy-zenhei.
"""
import argparse
import copy
import hashlib
import json
import math
import os
import random
import shutil
import sys
import tempfile

import numpy as np
from PIL import Image, ImageFilter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_samples as ms  # noqa: E402
from docx import Document  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402

BODY_FONTS = ["Noto Serif CJK SC", "AR PL UMing CN", "Noto Sans CJK SC", "WenQuanYi Zen Hei"]
TABLE_FONTS = ["Noto Sans CJK SC", "AR PL UMing CN", "WenQuanYi Zen Hei", "Noto Serif CJK SC"]
HEAD_FONTS = ["Noto Sans CJK SC", "WenQuanYi Zen Hei", "Noto Serif CJK SC", "AR PL UMing CN"]
SIZES = [8, 9, 9, 10, 10.5]
DPIS = [150, 200, 240, 300]


def generator_hash():
    """Hash of the generator code: files made by other code are made again."""
    h = hashlib.sha256()
    here = os.path.dirname(os.path.abspath(__file__))
    for fn in ("make_samples.py", "make_scans.py"):
        with open(os.path.join(here, fn), "rb") as f:
            h.update(f.read())
    return h.hexdigest()[:16]


def choose(seed):
    """Everything a seed decides before printing: spec, fonts, size, scan settings."""
    rng = random.Random(f"scans19:{seed}")
    spec = dict(rng.choice(ms.DOCS))
    if spec["layout"] == "borderless":
        spec["layout"] = rng.choice(["ruled", "ruled_open_sides"])
    spec["font"] = rng.choice(SIZES)
    fonts = dict(body=rng.choice(BODY_FONTS), table=rng.choice(TABLE_FONTS), head=rng.choice(HEAD_FONTS))
    scan = dict(
        dpi=rng.choice(DPIS),
        paper=rng.randint(200, 250),
        uneven=round(rng.uniform(0.0, 0.12), 3),
        colour=rng.random() < 0.3,
        tint=[rng.randint(-12, 4), rng.randint(-8, 4), rng.randint(-20, 0)],
        photocopy=rng.random() < 0.4,
        blur=round(rng.uniform(0.0, 1.0), 2),
        noise=round(rng.uniform(2.0, 10.0), 1),
        speckle=round(rng.uniform(0.0, 0.0015), 5),
        skew_max=round(rng.uniform(0.3, 1.8), 2),
        jpeg=rng.randint(25, 90),
        seals=rng.randint(0, 3),
    )
    return rng, spec, fonts, scan


# --------------------------------------------------------------------------------------
# print variety
# --------------------------------------------------------------------------------------
def vary_percentages(D, rng):
    """Other schedules and % targets in the 绩效目标表 (table cells and ground truth alike)."""
    for p, t in zip(D.projects, D.perf_tables):
        r = next(i for i, row in enumerate(t.rows) if row[0] is not None and row[0].text.startswith("资金支出计划"))
        vals = sorted(rng.sample(range(0, 100), 3))
        vals = [v + rng.choice([0, 0, 0.5]) if v < 99 else v for v in vals]
        vals = [f"{v:.2f}" for v in vals] + ["100.00"]
        p["schedule"] = [{"month_end": m, "cumulative_pct": v} for m, v in zip((3, 6, 10, 12), vals)]
        for c, v in zip((1, 3, 4, 5), vals):
            t.rows[r + 1][c].text = v + "%"
        first = next(i for i, row in enumerate(t.rows) if row[0] is not None and row[0].text == "一级指标") + 1
        for ind, row in zip(p["indicators"], t.rows[first:]):
            assert row[5].text == ind["target"] and row[3].text == ind["description"], (row[5].text, ind)
            if "%" not in ind["target"]:
                continue
            cmp = rng.choice(["≥", "≥", "≥", "≤", "", ">"])
            if cmp == "≤":
                v = rng.choice(["5", "3", "10", "2.5", "1"])
            else:
                v = rng.choice(["85", "90", "95", "98", "99", "98.5", "100", "80", "60", "97.5"])
            q = rng.choice(["", "", "", " 有效提高", " 稳步改善"]) if ind["level1"] == "效益指标" else ""
            new = f"{cmp}{v}%{q}"
            row[5].text = new
            ind["target"] = new


def set_fonts(docx_path, fonts):
    """Every run's fonts: table cells in the table font, the generator's sans elsewhere
    (titles, headings) in the heading font, its serif (body) in the body font."""
    d = Document(docx_path)
    for root in (d.styles.element, d.element.body):
        for rf in root.iter(qn("w:rFonts")):
            in_table = any(True for _ in rf.iterancestors(qn("w:tbl")))
            for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                v = rf.get(qn(a))
                if v is None:
                    continue
                if in_table:
                    rf.set(qn(a), fonts["table"])
                elif v == ms.SANS:
                    rf.set(qn(a), fonts["head"])
                else:
                    rf.set(qn(a), fonts["body"])
    d.save(docx_path)


# --------------------------------------------------------------------------------------
# scanning
# --------------------------------------------------------------------------------------
def degrade(im, colour, seals, sc, rng, seal_text):
    """One page through the scanner: `im` is the clean RGB rendering at the scan's dpi."""
    dpi = sc["dpi"]
    k = dpi / 150.0
    w, h = im.size
    if seals:
        base = im.convert("RGBA")
        layer = Image.new("RGBA", base.size, (0, 0, 0, 0))
        for _ in range(seals):
            size = int(dpi * rng.uniform(1.4, 1.8))
            seal = ms.seal_image(size, seal_text, rng).rotate(rng.uniform(-30, 30), resample=Image.BICUBIC)
            x = int(w * rng.uniform(0.05, 0.95) - size / 2)
            y = int(h * rng.uniform(0.05, 0.85) - size / 2)
            layer.alpha_composite(seal, (max(0, min(w - size, x)), max(0, min(h - size, y))))
        im = Image.alpha_composite(base, layer).convert("RGB")
    arr = np.asarray(im).astype(np.float32)
    nrng = np.random.default_rng(rng.randint(0, 2 ** 31))
    if sc["photocopy"]:
        # toner: strokes thicken, greys go darker
        im2 = Image.fromarray(arr.astype(np.uint8)).filter(ImageFilter.MinFilter(3 if dpi >= 200 else 1))
        arr = np.asarray(im2).astype(np.float32)
        arr = 255.0 * (arr / 255.0) ** 1.4
    # paper: grey level with lighting falling off towards one side
    ink = 1.0 - arr / 255.0
    paper = float(sc["paper"])
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    ang = rng.uniform(0, 2 * math.pi)
    ramp = (np.cos(ang) * xx / w + np.sin(ang) * yy / h)
    ramp = (ramp - ramp.min()) / max(float(ramp.max() - ramp.min()), 1e-6)
    light = 1.0 - sc["uneven"] * ramp
    bg = paper * light
    if arr.ndim == 3:
        bg = bg[..., None] + np.array(sc["tint"] if colour else [0, 0, 0], dtype=np.float32)
    arr = bg * (1.0 - ink) + 20.0 * ink
    if sc["photocopy"]:
        edge = int(w * rng.uniform(0.005, 0.03))
        side = rng.choice(["l", "r", "t", "b"])
        sl = {"l": (slice(None), slice(0, edge)), "r": (slice(None), slice(w - edge, w)),
              "t": (slice(0, edge), slice(None)), "b": (slice(h - edge, h), slice(None))}[side]
        arr[sl] = arr[sl] * 0.25
    if sc["speckle"] > 0:
        n = int(w * h * sc["speckle"] / (k * k))
        ys, xs = nrng.integers(0, h, n), nrng.integers(0, w, n)
        r = max(1, int(round(k)))
        for dy in range(r):
            for dx in range(r):
                arr[np.clip(ys + dy, 0, h - 1), np.clip(xs + dx, 0, w - 1)] = 40.0
    arr = arr + nrng.normal(0, sc["noise"], arr.shape[:2])[..., None] if arr.ndim == 3 \
        else arr + nrng.normal(0, sc["noise"], arr.shape)
    im = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if sc["blur"] > 0:
        im = im.filter(ImageFilter.GaussianBlur(sc["blur"] * k))
    ang = rng.uniform(0.0, sc["skew_max"]) * rng.choice([-1, 1])
    fill = tuple(int(sc["paper"] + t) for t in sc["tint"]) if im.mode == "RGB" else int(sc["paper"])
    im = im.rotate(ang, resample=Image.BICUBIC, expand=False, fillcolor=fill)
    return im, ang


def make_scan(src_pdf, dst_pdf, sc, D, rng):
    """The image-only copy of `src_pdf`; returns per page what was done."""
    dpi = sc["dpi"]
    npages = len(ms.page_texts(src_pdf))
    table_pages = sorted({p for t in D.all_tables for p in t.pages})
    seal_pages = set(rng.sample(table_pages, min(sc["seals"], len(table_pages))))
    pages = []
    with tempfile.TemporaryDirectory() as td:
        ms.run(["pdftoppm", "-r", str(dpi), "-png", src_pdf, os.path.join(td, "p")])
        files = sorted(f for f in os.listdir(td) if f.endswith(".png"))
        assert len(files) == npages, (len(files), npages)
        jpgs = []
        for i, fn in enumerate(files):
            im = Image.open(os.path.join(td, fn)).convert("RGB")
            seals = rng.randint(1, 2) if (i + 1) in seal_pages else 0
            colour = sc["colour"] or seals > 0
            im, ang = degrade(im, colour, seals, sc, rng, D.spec["dept"])
            if not colour:
                im = im.convert("L")
            out = os.path.join(td, f"s{i:03d}.jpg")
            im.save(out, "JPEG", quality=sc["jpeg"], optimize=True, dpi=(dpi, dpi))
            jpgs.append(out)
            pages.append({"page": i + 1, "skew_deg": round(-ang, 3), "seals": seals, "colour": colour})
        tmp = os.path.join(td, "scan.pdf")
        ms.run(["img2pdf", "--nodate", "-o", tmp] + jpgs)
        ms.finalize_pdf(tmp, dst_pdf)
    return pages


# --------------------------------------------------------------------------------------
def build(seed, rng, spec, fonts, work):
    """The document model and its docx, at the seed's table size or the next smaller one
    whose figures still fit their cells."""
    sizes = [s for s in sorted(set(SIZES), reverse=True) if s <= spec["font"]]
    last = None
    for size in sizes:
        sp = dict(spec, font=size)
        D, paras = ms.build_doc(sp, random.Random(f"scans19:{seed}:{spec['stem']}"))
        vary_percentages(D, random.Random(f"scans19:{seed}:pct"))
        for t in D.perf_tables:
            t.font = min(size, 9.5)
        path = os.path.join(work, f"s{seed:04d}.docx")
        try:
            ms.render_doc(D, copy.deepcopy(paras), path)
        except SystemExit as e:  # a figure would wrap in its cell at this size
            last = e
            continue
        set_fonts(path, fonts)
        return D, path, size
    raise SystemExit(f"seed {seed}: no table size fits: {last}")


def generate(seed, out, force=False):
    name = f"s{seed:04d}"
    gpath = os.path.join(out, name + ".json")
    h = generator_hash()
    if not force:
        try:
            g = json.load(open(gpath, encoding="utf-8"))
            if g["generator_hash"] == h and all(os.path.exists(os.path.join(out, f"{name}-{k}.pdf")) for k in ("text", "scan")):
                return g
        except (OSError, ValueError, KeyError):
            pass
    os.makedirs(out, exist_ok=True)
    rng, spec, fonts, scan = choose(seed)
    work = tempfile.mkdtemp(prefix="gk-scans-")
    try:
        D, path, size = build(seed, rng, spec, fonts, work)
        ms.soffice_convert([path], work, os.path.join(work, "lo-profile"))
        raw = path[:-5] + ".pdf"
        npages = ms.locate(D, raw)
        rot = [t.pages[0] for t in D.tables if t.rotate]
        text_pdf = os.path.join(out, f"{name}-text.pdf")
        ms.finalize_pdf(raw, text_pdf + ".tmp", rot)
        os.replace(text_pdf + ".tmp", text_pdf)
        scan_pdf = os.path.join(out, f"{name}-scan.pdf")
        pages = make_scan(text_pdf, scan_pdf + ".tmp", scan, D, rng)
        os.replace(scan_pdf + ".tmp", scan_pdf)
        g = ms.golden_doc(D, npages, f"{name}-scan.pdf", scanned=True, source=f"{name}-text.pdf")
        g["generator"] = "scripts/make_scans.py"
        g["generator_hash"] = h
        g["seed"] = seed
        g["print"] = dict(fonts, table_size=size, layout=spec["layout"], spec=spec["stem"])
        g["scan"] = dict(scan, pages=pages)
        ms.write_json(gpath + ".tmp", g)
        os.replace(gpath + ".tmp", gpath)
        return g
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, action="append", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--force", action="store_true", help="make files again even when up to date")
    args = ap.parse_args()
    for seed in args.seed:
        if seed < 1:
            ap.error(f"seed {seed}: seeds are positive")
        g = generate(seed, args.out, args.force)
        p, s = g["print"], g["scan"]
        print(f"s{seed:04d}: {p['spec']} {p['layout']}, {g['pages']} pages, {p['table']} {p['table_size']} pt, "
              f"{s['dpi']} dpi, jpeg {s['jpeg']}, paper {s['paper']}, photocopy {s['photocopy']}, "
              f"blur {s['blur']}, seals on {sum(1 for x in s['pages'] if x['seals'])} pages")


if __name__ == "__main__":
    main()
