#!/usr/bin/env python3
"""Makes single pages of other scans of the borderless text sample (the generator's own
`make_scan` with other seeds, as `scripts/eval-rescans` makes them), cut out with qpdf, for
the deskew tests in `crates/gongkai-ocr/tests/raster_golden.rs`; prints the angle the
generator turned each page by (in the convention of `gongkai_ocr::deskew::estimate`):

* samples/budget-2023-hebei-qingshui-water-rescan33-p7.pdf: the last two rows of the 收支总表
  and its header on a page of their own, a few staggered lines whose row profile is sharp
  at two angles a degree apart;
* samples/budget-2023-hebei-qingshui-water-rescan99-p6.pdf: the 收支总表's first page, a
  dense two-sided table whose profile's sum of squares is flat to within a percent over
  half a degree.

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

SRC = os.path.join(ROOT, "samples", "budget-2023-hebei-qingshui-water.pdf")

for seed, page in [(33, 7), (99, 6)]:
    out = os.path.join(ROOT, "samples", f"budget-2023-hebei-qingshui-water-rescan{seed}-p{page}.pdf")
    with tempfile.TemporaryDirectory() as tmp:
        scan = os.path.join(tmp, "scan.pdf")
        make_samples.make_scan(SRC, scan, set(), "", random.Random(seed))
        subprocess.run(["qpdf", "--deterministic-id", scan, "--pages", scan, str(page), "--", out], check=True)
    # The angle make_scan drew for the page: per page one randint (the noise seed), then
    # uniform and choice. PIL turns counter-clockwise; `estimate` returns the turn back.
    rng = random.Random(seed)
    for _ in range(page):
        rng.randint(0, 2 ** 31)
        angle = rng.uniform(0.5, 1.5) * rng.choice([-1, 1])
    print(out, f"skew to find: {-angle:.2f}°")
