#!/usr/bin/env python3
"""Generates crates/gongkai-fontdata/data/*: the font data gongkai needs for Unicode.

Sources (generation time only; nothing is read from them at run time):
  * Debian poppler-data: /usr/share/poppler/cMap/Adobe-{GB1,CNS1,Japan1,Korea1}/* (Adobe's
    predefined CMaps, BSD-3-Clause) and /usr/share/poppler/cidToUnicode/* (CID → Unicode).
  * PyPI fonttools: fontTools.agl (Adobe Glyph List).
  * PyPI pdfminer.six: pdfminer.latin_enc (Standard/Mac/Win/PDFDoc encodings) and
    pdfminer.fontmetrics (standard-14 metrics from Adobe's AFMs).
  * Debian fonts-urw-base35: the built-in encodings of Symbol and ZapfDingbats (AFM files).
Install: apt-get install poppler-data fonts-urw-base35; pip install fonttools pdfminer.six
Run: python3 scripts/gen-fontdata.py   (output is byte-for-byte reproducible)
"""
import os
import re
import struct
import zlib

from fontTools import agl
from pdfminer.fontmetrics import FONT_METRICS
from pdfminer.latin_enc import ENCODING

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "crates", "gongkai-fontdata", "data")
CMAP_DIR = "/usr/share/poppler/cMap"
CID2UNI_DIR = "/usr/share/poppler/cidToUnicode"
URW = "/usr/share/fonts/type1/urw-base35"
ORDERINGS = ["GB1", "CNS1", "Japan1", "Korea1"]
# Chinese collections ship whole; for Japanese and Korean only the CMaps PDFs use in practice.
KEEP_OTHER = {
    "UniJIS-UCS2-H", "UniJIS-UCS2-V", "UniJIS-UCS2-HW-H", "UniJIS-UTF16-H", "UniJIS-UTF16-V",
    "90ms-RKSJ-H", "90ms-RKSJ-V", "90msp-RKSJ-H", "90msp-RKSJ-V", "83pv-RKSJ-H", "EUC-H", "EUC-V", "H", "V",
    "UniKS-UCS2-H", "UniKS-UCS2-V", "UniKS-UTF16-H", "UniKS-UTF16-V", "KSCms-UHC-H", "KSCms-UHC-V",
    "KSCms-UHC-HW-H", "KSC-EUC-H", "KSC-EUC-V", "KSCpc-EUC-H",
}


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)

TOKEN = re.compile(rb"<[0-9A-Fa-f\s]*>|/[^\s/<>\[\]()]+|\d+|[A-Za-z]+")


def parse_cmap(path):
    data = open(path, "rb").read()
    toks = TOKEN.findall(data)
    codespace, ranges, use, vertical = [], [], None, False
    i = 0
    hexv = lambda t: bytes.fromhex(t[1:-1].decode().replace(" ", "").replace("\n", ""))
    while i < len(toks):
        t = toks[i]
        if t == b"begincodespacerange":
            i += 1
            while toks[i].startswith(b"<"):
                lo, hi = hexv(toks[i]), hexv(toks[i + 1])
                codespace.append((len(lo), lo, hi))
                i += 2
        elif t in (b"begincidrange",):
            i += 1
            while toks[i].startswith(b"<"):
                lo, hi, cid = hexv(toks[i]), hexv(toks[i + 1]), int(toks[i + 2])
                ranges.append((len(lo), int.from_bytes(lo, "big"), int.from_bytes(hi, "big"), cid))
                i += 3
        elif t == b"begincidchar":
            i += 1
            while toks[i].startswith(b"<"):
                src, cid = hexv(toks[i]), int(toks[i + 1])
                c = int.from_bytes(src, "big")
                ranges.append((len(src), c, c, cid))
                i += 2
        elif t == b"usecmap" and i > 0 and toks[i - 1].startswith(b"/"):
            use = toks[i - 1][1:].decode()
            i += 1
        elif t == b"/WMode" and i + 1 < len(toks) and toks[i + 1].isdigit():
            vertical = toks[i + 1] == b"1"
            i += 2
        else:
            i += 1
    return codespace, ranges, use, vertical


def merge(ranges):
    ranges = sorted(set(ranges))
    out = []
    for r in ranges:
        if out and out[-1][0] == r[0] and out[-1][2] + 1 == r[1] and out[-1][3] + (out[-1][2] - out[-1][1]) + 1 == r[3]:
            out[-1] = (r[0], out[-1][1], r[2], out[-1][3])
        else:
            out.append(r)
    return out


def unicode_form(name):
    for tag, form in (("UCS2", 1), ("UTF16", 2), ("UTF32", 3), ("UTF8", 4)):
        if name.startswith("Uni") and tag in name:
            return form
    return 0


def gen_cmaps():
    files, every = {}, {}
    for ordi, ordering in enumerate(ORDERINGS):
        d = os.path.join(CMAP_DIR, "Adobe-" + ordering)
        for name in sorted(os.listdir(d)):
            every[name] = os.path.join(d, name)
            if not (name.endswith("-H") or name.endswith("-V")) or name.startswith("Adobe-"):
                continue
            if "-UTF8-" in name or "-UTF32-" in name:
                continue  # never seen in PDFs; their tables are the largest
            if ordering in ("Japan1", "Korea1") and name not in KEEP_OTHER:
                continue
            files[name] = (ordi, os.path.join(d, name))
    parsed = {name: parse_cmap(path) for name, path in every.items()}

    def resolve(name, depth=0):
        cs, rg, use, vert = parsed[name]
        if use and use in parsed and depth < 8:
            pcs, prg, pvert = resolve(use, depth + 1)
            return (cs or pcs), prg + rg, vert or (name.endswith("-V") and pvert)
        return cs, rg, vert or name.endswith("-V")

    # Format GKCM2 (little-endian; v = LEB128 varint):
    #   "GKCM2" u16 count, then per CMap: u8 name_len, name, u8 ordering, u8 vertical,
    #   u8 unicode_form, u8 n_codespace, n × (u8 len, 4 lo bytes, 4 hi bytes),
    #   v n_ranges, n × (u8 len, v lo - previous lo (same len) , v hi - lo, v cid).
    blob = bytearray(b"GKCM2")
    names = sorted(files)
    blob += struct.pack("<H", len(names))
    for name in names:
        cs, rg, vert = resolve(name)
        rg = merge(rg)
        nb = name.encode()
        blob += struct.pack("<B", len(nb)) + nb
        blob += struct.pack("<BBBB", files[name][0], 1 if vert else 0, unicode_form(name), len(cs))
        for n, lo, hi in cs:
            blob += struct.pack("<B", n) + lo.ljust(4, b"\0") + hi.ljust(4, b"\0")
        blob += varint(len(rg))
        prev = {}
        for n, lo, hi, cid in rg:
            blob += struct.pack("<B", n) + varint(lo - prev.get(n, 0)) + varint(hi - lo) + varint(cid)
            prev[n] = lo
    return bytes(blob), len(names)


def gen_cid2uni():
    blob = bytearray(b"GKCU1")
    for ordering in ORDERINGS:
        lines = open(os.path.join(CID2UNI_DIR, "Adobe-" + ordering)).read().split()
        blob += struct.pack("<I", len(lines))
        for h in lines:
            blob += struct.pack("<I", int(h, 16))
    return bytes(blob)


def gen_agl():
    rows = {}
    for name, uv in agl.AGL2UV.items():
        rows[name] = [uv]
    for name, uvs in getattr(agl, "LEGACY_AGL2UV", {}).items():
        rows.setdefault(name, list(uvs) if isinstance(uvs, (list, tuple)) else [uvs])
    return "".join(f"{n}\t{' '.join('%04X' % u for u in rows[n])}\n" for n in sorted(rows)).encode()


def afm_builtin(path):
    enc = {}
    for line in open(path, encoding="latin-1"):
        m = re.match(r"C (\d+) ; WX \S+ ; N (\S+) ;", line)
        if m and int(m.group(1)) >= 0:
            enc[int(m.group(1))] = m.group(2)
    return enc


def gen_encodings():
    # Lines: "<encoding>\t<code>\t<glyph name>"
    rows = []
    for name, std, mac, win, pdf in ENCODING:
        for enc, code in (("Standard", std), ("MacRoman", mac), ("WinAnsi", win), ("PDFDoc", pdf)):
            if code is not None:
                rows.append((enc, code, name))
    # WinAnsi: codes PDF 32000 D.2 note 5/6 map unused codes to bullet; space at 160 too.
    for enc, path in (("Symbol", "StandardSymbolsPS.afm"), ("ZapfDingbats", "D050000L.afm")):
        for code, name in afm_builtin(os.path.join(URW, path)).items():
            rows.append((enc, code, name))
    rows.sort()
    return "".join(f"{e}\t{c}\t{n}\n" for e, c, n in rows).encode()


def gen_metrics():
    # Lines: "F\t<font>\t<ascent>\t<descent>\t<bbox>" then "W\t<font>\t<hex unicode>\t<width>"
    out = []
    for font in sorted(FONT_METRICS):
        desc, widths = FONT_METRICS[font]
        bbox = " ".join(str(int(v)) for v in desc.get("FontBBox", (0, 0, 0, 0)))
        out.append(f"F\t{font}\t{int(desc.get('Ascent', 0))}\t{int(desc.get('Descent', 0))}\t{bbox}\n")
        for ch in sorted(widths):
            out.append(f"W\t{font}\t{' '.join('%04X' % ord(c) for c in ch)}\t{int(widths[ch])}\n")
    return "".join(out).encode()


def write(name, raw):
    data = zlib.compress(raw, 9)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)
    return len(raw), len(data)


def main():
    os.makedirs(OUT, exist_ok=True)
    cmaps, n = gen_cmaps()
    print("cmaps.bin.z", n, "cmaps", write("cmaps.bin.z", cmaps))
    print("cid2uni.bin.z", write("cid2uni.bin.z", gen_cid2uni()))
    print("agl.txt.z", write("agl.txt.z", gen_agl()))
    print("encodings.txt.z", write("encodings.txt.z", gen_encodings()))
    print("metrics.txt.z", write("metrics.txt.z", gen_metrics()))


if __name__ == "__main__":
    main()
