#!/usr/bin/env python3
"""Makes samples/final-2024-hebei-changfeng-agri-ccitt-p5.pdf: page 5 of the text sample
(the 收入决算表) rendered at 150 dpi by pdftoppm, thresholded to black and white and
embedded as one CCITT Group 4 image (Pillow's libtiff writer + img2pdf, which copies the
G4 data into /CCITTFaxDecode unchanged) — the encoding of most black-and-white office
scans. Needs poppler-utils, Pillow and img2pdf (pip install pillow img2pdf).
"""
import os
import subprocess
import tempfile

from PIL import Image
import img2pdf

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "samples", "final-2024-hebei-changfeng-agri.pdf")
OUT = os.path.join(ROOT, "samples", "final-2024-hebei-changfeng-agri-ccitt-p5.pdf")

with tempfile.TemporaryDirectory() as tmp:
    subprocess.run(["pdftoppm", "-r", "150", "-f", "5", "-l", "5", "-gray", SRC, os.path.join(tmp, "p")], check=True)
    pgm = next(os.path.join(tmp, f) for f in os.listdir(tmp) if f.endswith(".pgm"))
    bw = Image.open(pgm).point(lambda v: 255 if v > 150 else 0).convert("1")
    tif = os.path.join(tmp, "p.tif")
    bw.save(tif, compression="group4", dpi=(150, 150))
    with open(OUT, "wb") as f:
        f.write(img2pdf.convert(tif))
print(OUT)
