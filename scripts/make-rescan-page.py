#!/usr/bin/env python3
"""Makes samples/budget-2023-hebei-qingshui-water-rescan33-p7.pdf: page 7 of a second scan of
the borderless text sample (the generator's own `make_scan`, seed 33, as
`scripts/eval-rescans` makes it), cut out with qpdf. The page holds the last two rows of
the 收支总表 and its header on a page of their own, a few staggered lines whose row profile
is sharp at two angles a degree apart; the generator turned it by the angle printed here
(in the convention of `gongkai_ocr::deskew::estimate`), which
`crates/gongkai-ocr/tests/raster_golden.rs` checks the deskew against.
Needs what scripts/make-samples needs for scans, and qpdf.
"""
import os
import random
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import make_samples  # noqa: E402

SEED, PAGE = 33, 7
SRC = os.path.join(ROOT, "samples", "budget-2023-hebei-qingshui-water.pdf")
OUT = os.path.join(ROOT, "samples", f"budget-2023-hebei-qingshui-water-rescan{SEED}-p{PAGE}.pdf")

with tempfile.TemporaryDirectory() as tmp:
    scan = os.path.join(tmp, "scan.pdf")
    make_samples.make_scan(SRC, scan, set(), "", random.Random(SEED))
    subprocess.run(["qpdf", "--deterministic-id", scan, "--pages", scan, str(PAGE), "--", OUT], check=True)

# The angle make_scan drew for the page: per page one randint (the noise seed), then
# uniform and choice. PIL turns counter-clockwise; `estimate` returns the turn back.
rng = random.Random(SEED)
for _ in range(PAGE):
    rng.randint(0, 2 ** 31)
    angle = rng.uniform(0.5, 1.5) * rng.choice([-1, 1])
print(OUT, f"skew to find: {-angle:.2f}°")
