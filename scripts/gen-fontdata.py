#!/usr/bin/env python3
"""Generates crates/gongkai-fontdata/data/*: the font data gongkai needs for Unicode.

Sources (generation time only; nothing is read from them at run time):
  * Debian poppler-data: /usr/share/poppler/cMap/Adobe-{GB1,CNS1,Japan1,Korea1}/* (Adobe's
    predefined CMaps, BSD-3-Clause) and /usr/share/poppler/cidToUnicode/* (CID → Unicode).
  * PyPI fonttools: fontTools.agl (Adobe Glyph List, BSD-3-Clause) and
    fontTools.cffLib.cffStandardStrings (the 391 standard strings of Adobe TN 5176, CFF
    Appendix A: glyph names of SIDs 0–390).
  * PyPI pdfminer.six: pdfminer.latin_enc (Standard/MacRoman/WinAnsi/PDFDoc encodings) and
    pdfminer.fontmetrics (widths, bbox, ascent/descent from Adobe's core-14 AFMs).
  * Debian fonts-urw-base35: glyph names of the metric-compatible URW AFMs (to key the
    core-14 widths by glyph name), and the Symbol and ZapfDingbats AFMs (built-in
    encodings and widths, identical to Adobe's).
  * Debian libgs10-common (ghostscript): Resource/Init/gs_mex_e.ps, MacExpertEncoding.
Install: apt-get install poppler-data fonts-urw-base35 libgs10-common
         pip install fonttools pdfminer.six
Run: python3 scripts/gen-fontdata.py   (output is byte-for-byte reproducible: sorted input,
     fixed zlib level, no timestamps)
"""
import glob
import heapq
import os
import re
import struct
import sys
import zlib

from fontTools import agl
from fontTools.cffLib import cffStandardStrings
from pdfminer.encodingdb import name2unicode
from pdfminer.fontmetrics import FONT_METRICS
from pdfminer.latin_enc import ENCODING

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "crates", "gongkai-fontdata", "data")
CMAP_DIR = "/usr/share/poppler/cMap"
CID2UNI_DIR = "/usr/share/poppler/cidToUnicode"
URW = "/usr/share/fonts/type1/urw-base35"
ORDERINGS = ["GB1", "CNS1", "Japan1", "Korea1"]


def varint(n):
    assert n >= 0
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


# ---------------------------------------------------------------- predefined CMaps

TOKEN = re.compile(rb"%[^\r\n]*|<[0-9A-Fa-f\s]*>|/[^\s/<>\[\]()%]+|\d+|[A-Za-z]+")


def parse_cmap(path):
    """Returns (codespace, cid ranges, notdef ranges, usecmap, wmode, has_bf)."""
    toks = [t for t in TOKEN.findall(open(path, "rb").read()) if not t.startswith(b"%")]
    codespace, ranges, notdef, use, wmode, has_bf = [], [], [], None, None, False
    hexv = lambda t: bytes.fromhex(re.sub(rb"\s", b"", t[1:-1]).decode())
    i = 0
    while i < len(toks):
        t = toks[i]
        if t == b"begincodespacerange":
            i += 1
            while toks[i].startswith(b"<"):
                lo, hi = hexv(toks[i]), hexv(toks[i + 1])
                assert len(lo) == len(hi) and 1 <= len(lo) <= 4, path
                codespace.append((len(lo), lo, hi))
                i += 2
        elif t in (b"begincidrange", b"beginnotdefrange"):
            dest = ranges if t == b"begincidrange" else notdef
            i += 1
            while toks[i].startswith(b"<"):
                lo, hi, cid = hexv(toks[i]), hexv(toks[i + 1]), int(toks[i + 2])
                assert len(lo) == len(hi), path
                dest.append((len(lo), int.from_bytes(lo, "big"), int.from_bytes(hi, "big"), cid))
                i += 3
        elif t == b"begincidchar":
            i += 1
            while toks[i].startswith(b"<"):
                src, cid = hexv(toks[i]), int(toks[i + 1])
                c = int.from_bytes(src, "big")
                ranges.append((len(src), c, c, cid))
                i += 2
        elif t in (b"beginbfrange", b"beginbfchar"):
            has_bf = True
            i += 1
        elif t == b"usecmap" and i > 0 and toks[i - 1].startswith(b"/"):
            use = toks[i - 1][1:].decode()
            i += 1
        elif t == b"/WMode" and i + 1 < len(toks) and toks[i + 1].isdigit():
            wmode = int(toks[i + 1])
            i += 2
        else:
            i += 1
    return codespace, ranges, notdef, use, wmode, has_bf


def flatten(ranges, constant=False):
    """Ranges in definition order (later ones override earlier ones, as a child CMap
    overrides the one it `usecmap`s) → disjoint, sorted, merged (len, lo, hi, cid).
    constant: every code of a range maps to its one CID (notdefrange)."""
    out = []
    for n in (1, 2, 3, 4):
        rs = [(lo, hi, cid, i) for i, (l, lo, hi, cid) in enumerate(ranges) if l == n]
        if not rs:
            continue
        points = sorted({r[0] for r in rs} | {r[1] + 1 for r in rs})
        by_start = sorted(rs)
        active, j, segs = [], 0, []
        for k in range(len(points) - 1):
            p, q = points[k], points[k + 1] - 1
            while j < len(by_start) and by_start[j][0] == p:
                lo, hi, cid, i = by_start[j]
                heapq.heappush(active, (-i, lo, hi, cid))
                j += 1
            while active and active[0][2] < p:
                heapq.heappop(active)
            if active:
                _, lo, hi, cid = active[0]
                segs.append((p, q, cid if constant else cid + p - lo))
        for lo, hi, cid in segs:
            step = 0 if constant else out[-1][2] - out[-1][1] + 1 if out else 0
            if out and out[-1][0] == n and out[-1][2] + 1 == lo and out[-1][3] + step == cid:
                out[-1] = (n, out[-1][1], hi, out[-1][3])
            else:
                out.append((n, lo, hi, cid))
    return out


def unicode_form(name):
    if not name.startswith("Uni"):
        return 0
    for tag, form in (("-UCS2-", 1), ("-UTF16-", 2), ("-UTF32-", 3), ("-UTF8-", 4)):
        if tag in name:
            return form
    return 0


def gen_cmaps():
    parsed, ordering_of = {}, {}
    for ordi, ordering in enumerate(ORDERINGS):
        d = os.path.join(CMAP_DIR, "Adobe-" + ordering)
        for name in sorted(os.listdir(d)):
            assert name not in parsed, name
            parsed[name] = parse_cmap(os.path.join(d, name))
            ordering_of[name] = ordi

    def resolve(name, depth=0):
        cs, rg, nd, use, wmode, has_bf = parsed[name]
        if use:
            assert use in parsed and depth < 8, (name, use)
            pcs, prg, pnd, pwmode, pbf = resolve(use, depth + 1)
            return (cs or pcs), prg + rg, pnd + nd, (wmode if wmode is not None else pwmode), has_bf or pbf
        return cs, rg, nd, wmode, has_bf

    # Format GKCM3 (little-endian; v = LEB128 varint). An uncompressed index, then one
    # zlib stream per CMap so that a reader inflates only the CMaps a document uses:
    #   "GKCM3" u16 count, then per CMap (sorted by name): u8 name_len, name, u8 ordering,
    #   u8 vertical, u8 unicode_form, u32 body offset (from the end of the index), u32 body
    #   length; then the bodies. A body, inflated:
    #   u8 n_codespace, n × (u8 len, 4 lo bytes, 4 hi bytes)   (sorted by len, lo),
    #   v n_ranges,  n × (u8 len, v lo - previous lo of that len, v hi - lo, v cid),
    #   v n_notdef,  n × (same; every code of a notdef range maps to its one CID).
    names = []
    for name in sorted(parsed):
        cs, rg, nd, wmode, has_bf = resolve(name)
        if has_bf or not rg or not cs:
            continue  # ToUnicode-style (bf) or CID → code CMaps: not code → CID maps
        names.append(name)

    def put_ranges(body, rs):
        body += varint(len(rs))
        prev = {}
        for n, lo, hi, cid in rs:
            body += struct.pack("<B", n) + varint(lo - prev.get(n, 0)) + varint(hi - lo) + varint(cid)
            prev[n] = lo

    index, bodies, raw_total = bytearray(), bytearray(), 0
    for name in names:
        cs, rg, nd, wmode, _ = resolve(name)
        body = bytearray(struct.pack("<B", len(set(cs))))
        for n, lo, hi in sorted(set(cs)):
            body += struct.pack("<B", n) + lo.ljust(4, b"\0") + hi.ljust(4, b"\0")
        put_ranges(body, flatten(rg))
        put_ranges(body, flatten(nd, constant=True))
        raw_total += len(body)
        z = zlib.compress(bytes(body), 9)
        nb = name.encode()
        index += struct.pack("<B", len(nb)) + nb
        index += struct.pack("<BBBII", ordering_of[name], 1 if wmode == 1 else 0, unicode_form(name), len(bodies), len(z))
        bodies += z
    blob = b"GKCM3" + struct.pack("<H", len(names)) + bytes(index) + bytes(bodies)
    return blob, names, raw_total


# ---------------------------------------------------------------- CID → Unicode


def gen_cid2uni():
    # Format GKCU2: per ordering (GB1, CNS1, Japan1, Korea1): u32 n_cids, v n_runs, runs of
    # (v cid - end of previous run, v count, v n_codepoints, n_codepoints × v codepoint).
    # count > 1 only for single code points: CIDs cid.. map to cp, cp+1, …
    # A line may hold several code points (hex separated by spaces, or a run of 4-digit
    # groups longer than 6 digits); 0 or empty = no mapping.
    blob = bytearray(b"GKCU2")
    stats = {}
    for ordering in ORDERINGS:
        lines = open(os.path.join(CID2UNI_DIR, "Adobe-" + ordering)).read().split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        vals = []
        for line in lines:
            cps = []
            for tok in line.split():
                v = tok.strip()
                if len(v) > 6 and len(v) % 4 == 0:
                    cps += [int(v[k:k + 4], 16) for k in range(0, len(v), 4)]
                else:
                    cps.append(int(v, 16))
            cps = [c for c in cps if c != 0]
            vals.append(cps)
        runs = []  # (cid, count, cps)
        for cid, cps in enumerate(vals):
            if not cps:
                continue
            if runs and len(cps) == 1 and len(runs[-1][2]) == 1:
                c0, cnt, rcps = runs[-1]
                if c0 + cnt == cid and rcps[0] + cnt == cps[0]:
                    runs[-1] = (c0, cnt + 1, rcps)
                    continue
            runs.append((cid, 1, cps))
        blob += struct.pack("<I", len(vals)) + varint(len(runs))
        end = 0
        for cid, cnt, cps in runs:
            blob += varint(cid - end) + varint(cnt) + varint(len(cps)) + b"".join(varint(c) for c in cps)
            end = cid + cnt
        stats[ordering] = (len(vals), len(runs), sum(1 for v in vals if len(v) > 1))
    return bytes(blob), stats


# ---------------------------------------------------------------- Adobe Glyph List


def gen_agl():
    # Lines: "<name>\t<hex> [<hex> …]". AGLFN (fontTools AGL2UV) wins over the full AGL.
    rows = {}
    for name, uvs in agl.LEGACY_AGL2UV.items():
        rows[name] = list(uvs) if isinstance(uvs, (list, tuple)) else [uvs]
    for name, uv in agl.AGL2UV.items():
        rows[name] = [uv]
    return "".join(f"{n}\t{' '.join('%04X' % u for u in rows[n])}\n" for n in sorted(rows)).encode(), len(rows)


# ---------------------------------------------------------------- base encodings


def read_afm(path):
    """(code → name, name → width, header dict) of an AFM file."""
    enc, widths, head = {}, {}, {}
    for line in open(path, encoding="latin-1"):
        m = re.match(r"C (-?\d+) ; WX (\S+) ; N (\S+) ;", line)
        if m:
            code, name = int(m.group(1)), m.group(3)
            widths[name] = int(round(float(m.group(2))))
            if 0 <= code <= 255:
                enc[code] = name
            continue
        f = line.split()
        if f and f[0] in ("FontBBox", "Ascender", "Descender"):
            head[f[0]] = [int(round(float(v))) for v in f[1:]]
    return enc, widths, head


def gs_encoding(filename, name):
    paths = sorted(glob.glob(f"/usr/share/ghostscript/*/Resource/Init/{filename}"))
    if not paths:
        sys.exit(f"{filename} not found: apt-get install libgs10-common")
    text = open(paths[-1], encoding="latin-1").read()
    body = text.split("/" + name, 1)[1].split("packedarray", 1)[0]
    names = re.findall(r"/([^\s/\[\]]+)", body)
    assert len(names) == 256, (filename, len(names))
    return {code: n for code, n in enumerate(names) if n != ".notdef"}


def gen_encodings():
    # Lines: "<encoding>\t<code>\t<glyph name>"
    rows = set()
    for name, std, mac, win, pdf in ENCODING:
        for enc, code in (("Standard", std), ("MacRoman", mac), ("WinAnsi", win), ("PDFDoc", pdf)):
            if code is not None:
                rows.add((enc, code, name))
    # pdfminer lists both nbspace and space at MacRoman 0xCA and WinAnsi 0xA0 (Annex D names
    # space), and space at WinAnsi 0xAD, which Annex D (table D.2, note 3) makes hyphen.
    rows -= {("MacRoman", 0xCA, "nbspace"), ("WinAnsi", 0xA0, "nbspace"), ("WinAnsi", 0xAD, "space")}
    win = {c for e, c, _ in rows if e == "WinAnsi"}
    # PDF 32000-1 Annex D.2 notes: WinAnsi 0xA0 is space, 0xAD hyphen, and every unused
    # code above octal 40 is bullet.
    for code, name in ((0xA0, "space"), (0xAD, "hyphen")):
        if code not in win:
            rows.add(("WinAnsi", code, name))
            win.add(code)
    for code in range(0x21, 0x100):
        if code not in win:
            rows.add(("WinAnsi", code, "bullet"))
    for code, name in gs_encoding("gs_mex_e.ps", "MacExpertEncoding").items():
        rows.add(("MacExpert", code, name))
    for enc, path in (("Symbol", "StandardSymbolsPS.afm"), ("ZapfDingbats", "D050000L.afm")):
        for code, name in read_afm(os.path.join(URW, path))[0].items():
            rows.add((enc, code, name))
    rows = sorted(rows)
    seen = set()
    for e, c, n in rows:
        assert (e, c) not in seen, (e, c)
        seen.add((e, c))
    return "".join(f"{e}\t{c}\t{n}\n" for e, c, n in rows).encode()


# ---------------------------------------------------------------- standard-14 metrics

URW_OF = {
    "Courier": "NimbusMonoPS-Regular", "Courier-Bold": "NimbusMonoPS-Bold",
    "Courier-Oblique": "NimbusMonoPS-Italic", "Courier-BoldOblique": "NimbusMonoPS-BoldItalic",
    "Helvetica": "NimbusSans-Regular", "Helvetica-Bold": "NimbusSans-Bold",
    "Helvetica-Oblique": "NimbusSans-Italic", "Helvetica-BoldOblique": "NimbusSans-BoldItalic",
    "Times-Roman": "NimbusRoman-Regular", "Times-Bold": "NimbusRoman-Bold",
    "Times-Italic": "NimbusRoman-Italic", "Times-BoldItalic": "NimbusRoman-BoldItalic",
    "Symbol": "StandardSymbolsPS", "ZapfDingbats": "D050000L",
}


def uni_of(name):
    try:
        return name2unicode(name)
    except Exception:
        return None


def gen_metrics():
    # Lines: "F\t<font>\t<ascent>\t<descent>\t<bbox>" then "W\t<font>\t<glyph name>\t<width>".
    # Latin fonts: pdfminer's Adobe widths are keyed by Unicode; the glyph names come from
    # the URW AFM of the same face (same glyph set and names), falling back to the AGL.
    # Symbol and ZapfDingbats: the URW AFMs, whose widths equal Adobe's (checked against
    # pdfminer below). Their AFMs have no Ascender/Descender: the FontBBox gives them.
    agl_names = {}
    for name, uvs in sorted(agl.LEGACY_AGL2UV.items()):
        if len(uvs) == 1:
            agl_names.setdefault(chr(uvs[0]), []).append(name)
    out = []
    for font in sorted(URW_OF):
        desc, uwidths = FONT_METRICS[font]
        _, afm_w, afm_head = read_afm(os.path.join(URW, URW_OF[font] + ".afm"))
        bbox = [int(v) for v in desc["FontBBox"]]
        widths = {}
        if font in ("Symbol", "ZapfDingbats"):
            for name, w in afm_w.items():
                ch = uni_of(name)
                if ch in uwidths and name != "space" and uwidths[ch] != w:
                    sys.exit(f"{font}/{name}: URW width {w} != Adobe {uwidths[ch]}")
                widths[name] = w
            assert len(widths) >= len(uwidths) - 1, font
        else:
            names_of = {}
            for name in sorted(afm_w):
                ch = uni_of(name)
                if ch is not None:
                    names_of.setdefault(ch, []).append(name)
            for ch, w in uwidths.items():
                names = names_of.get(ch) or agl_names.get(ch)
                if not names:
                    sys.exit(f"{font}: no glyph name for U+{ord(ch):04X}")
                for name in names:
                    widths[name] = w
            # Adobe's 1997 core AFMs predate the Euro (WinAnsi 0x80); take it from URW.
            widths.setdefault("Euro", afm_w["Euro"])
        asc = int(desc.get("Ascent", bbox[3]))
        dsc = int(desc.get("Descent", bbox[1]))
        out.append(f"F\t{font}\t{asc}\t{dsc}\t{' '.join(map(str, bbox))}\n")
        for name in sorted(widths):
            out.append(f"W\t{font}\t{name}\t{widths[name]}\n")
    return "".join(out).encode()


def gen_cff_strings():
    """The CFF standard strings, one per line, line i = SID i."""
    assert len(cffStandardStrings) == 391 and cffStandardStrings[0] == ".notdef"
    return "".join(s + "\n" for s in cffStandardStrings).encode()


def write(name, raw):
    data = zlib.compress(raw, 9)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)
    return len(raw), len(data)


def main():
    os.makedirs(OUT, exist_ok=True)
    cmaps, names, raw = gen_cmaps()
    with open(os.path.join(OUT, "cmaps.bin"), "wb") as f:
        f.write(cmaps)
    print("cmaps.bin", len(names), "CMaps, raw/stored", (raw, len(cmaps)))
    cid2uni, stats = gen_cid2uni()
    print("cid2uni.bin.z", stats, write("cid2uni.bin.z", cid2uni))
    aglraw, n = gen_agl()
    print("agl.txt.z", n, "names", write("agl.txt.z", aglraw))
    print("encodings.txt.z", write("encodings.txt.z", gen_encodings()))
    print("metrics.txt.z", write("metrics.txt.z", gen_metrics()))
    print("cff_strings.txt.z", write("cff_strings.txt.z", gen_cff_strings()))


if __name__ == "__main__":
    main()
