#!/usr/bin/env python3
"""Borderless layout generator (issue 18): random but realistic disclosure tables and forms,
printed to PDF with LibreOffice, with their ground truth written from the generator's own data
(never from gongkai).

A seed makes one document of several pages. Each table draws its kind and style from the seed:
  kinds   coded expenditure / income tables (科目编码 as one column or split 类 | 款 | 项, or no
          code column), two-sided 收支总表, 三公 tables (across, with 预算数/决算数 pairs, or down),
          基本支出 by economic class (one panel or two side by side), 绩效目标表 label/value
          forms (vertically merged indicator levels, wrapped goal text), text lists (units,
          procurement items);
  style   CJK font (Noto Sans/Serif CJK, WenQuanYi Micro/Zen Hei, AR PL UMing/UKai), size
          7.5–12 pt, left/centre/right alignment per column, 1–3 header rows with group spans,
          wrapped cells of 2–4 lines, blank / zero / dash cells, thousands separators, row
          heights and vertical alignment, rules: none, three-line (三线表: top, under the
          header, bottom), horizontal rules between every row, or only the outer frame;
  page    caption and unit lines above (`部门：…`, `单位：万元`, both on one line), notes below,
          a paragraph of prose before some tables, two tables on one page, long tables running
          onto the next page (header rows repeated there), landscape sections.

Seeds below 1001 are tuning seeds; 1001 and up are held out (see scripts/eval-borderless).

Usage: scripts/make_borderless.py --seed N [--seed M ...] --out DIR
Writes DIR/bl-sNNNN.pdf and DIR/bl-sNNNN.json (the truth: per table its kind, style, title,
unit, caption lines, note, pages and every cell with row, col, rowspan, colspan and text) and
DIR/bl-sNNNN.hash (the generator code's hash: files made by other code are made again).
"""
import argparse
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_samples as ms  # noqa: E402
from docx import Document  # noqa: E402
from docx.enum.table import WD_TABLE_ALIGNMENT, WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT  # noqa: E402
from docx.oxml import OxmlElement  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Cm, Pt  # noqa: E402

FONTS = ["Noto Sans CJK SC", "Noto Serif CJK SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei",
         "AR PL UMing CN", "AR PL UKai CN"]
FONT_PACKAGES = {"WenQuanYi Micro Hei": "fonts-wqy-microhei", "WenQuanYi Zen Hei": "fonts-wqy-zenhei",
                 "AR PL UMing CN": "fonts-arphic-uming", "AR PL UKai CN": "fonts-arphic-ukai",
                 "Noto Sans CJK SC": "fonts-noto-cjk", "Noto Serif CJK SC": "fonts-noto-cjk"}
PORTRAIT_W, LANDSCAPE_W = 17.0, 25.7  # text width in cm (A4, 2 cm margins)
PORTRAIT_H, LANDSCAPE_H = 25.9, 17.2  # text height in cm (approximately)
AMOUNT_RE = re.compile(r"^-?[0-9][0-9,]*(\.[0-9]+)?$")


def generator_hash():
    h = hashlib.sha256()
    here = os.path.dirname(os.path.abspath(__file__))
    for fn in ("make_samples.py", "make_borderless.py"):
        with open(os.path.join(here, fn), "rb") as f:
            h.update(f.read())
    return h.hexdigest()[:16]


def installed_fonts():
    out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True).stdout
    fams = set()
    for line in out.splitlines():
        for name in line.split(","):
            fams.add(name.strip())
    return fams


def ensure_fonts():
    """Installs the Debian font packages of FONTS that are missing (apt-get, as root only);
    returns the fonts available. The documents depend on the fonts: a machine without some of
    them makes other documents from the same seeds, so the list is printed."""
    have = installed_fonts()
    missing = sorted({FONT_PACKAGES[f] for f in FONTS if f not in have})
    if missing and os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"make_borderless: installing {' '.join(missing)}", file=sys.stderr)
        subprocess.run(["apt-get", "install", "-y", "-q"] + missing, capture_output=True)
        have = installed_fonts()
    fonts = [f for f in FONTS if f in have]
    if len(fonts) < len(FONTS):
        print(f"make_borderless: fonts missing (documents differ from other machines'): "
              f"{[f for f in FONTS if f not in have]}", file=sys.stderr)
    if not fonts:
        raise SystemExit("make_borderless: no CJK font installed")
    return fonts


# --------------------------------------------------------------------------------------
# abstract table
# --------------------------------------------------------------------------------------
class C:
    """A cell: text, spans, horizontal alignment (l/c/r), indent level."""

    def __init__(self, text="", rs=1, cs=1, align="c", indent=0):
        self.text, self.rs, self.cs, self.align, self.indent = text, rs, cs, align, indent


class T:
    def __init__(self, kind, title, widths, header_rows):
        self.kind, self.title, self.widths, self.header_rows = kind, title, widths, header_rows
        self.rows = []
        self.unit = None
        self.caption = []  # caption lines as printed (the unit line included)
        self.caption_style = None
        self.note = None
        self.style = {}

    @property
    def n_cols(self):
        return len(self.widths)

    def add(self, cells):
        row = [C(c) if isinstance(c, str) else c for c in cells]
        assert len(row) == self.n_cols, (self.title, len(row), self.n_cols, [c and c.text for c in row])
        self.rows.append(row)

    def check(self):
        covered = set()
        for r, row in enumerate(self.rows):
            for c, cell in enumerate(row):
                if cell is None:
                    continue
                assert (r, c) not in covered, (self.title, r, c)
                for dr in range(cell.rs):
                    for dc in range(cell.cs):
                        if dr or dc:
                            covered.add((r + dr, c + dc))
        for r, row in enumerate(self.rows):
            for c, cell in enumerate(row):
                assert (cell is None) == ((r, c) in covered), (self.title, r, c)

    def truth(self):
        cells = []
        for r, row in enumerate(self.rows):
            for c, cell in enumerate(row):
                if cell is not None:
                    al = "c" if r < self.header_rows else cell.align
                    cells.append({"row": r, "col": c, "rowspan": cell.rs, "colspan": cell.cs,
                                  "text": ms.norm_ws(cell.text), "align": al})
        return cells


def header_rows_from_paths(paths):
    """Header rows of columns given each column's label path (top group first): a group label
    spans the consecutive columns under it, a leaf label runs down to the last header row."""
    h = max(len(p) for p in paths)
    nc = len(paths)
    rows = [[None] * nc for _ in range(h)]
    for lv in range(h):
        c = 0
        while c < nc:
            p = paths[c]
            if lv >= len(p):
                c += 1
                continue
            if lv == len(p) - 1:
                rows[lv][c] = C(p[lv], rs=h - lv)
                c += 1
                continue
            e = c
            while e + 1 < nc and len(paths[e + 1]) > lv + 1 and paths[e + 1][:lv + 1] == p[:lv + 1]:
                e += 1
            rows[lv][c] = C(p[lv], cs=e - c + 1)
            c = e + 1
    return rows


# --------------------------------------------------------------------------------------
# amounts
# --------------------------------------------------------------------------------------
class Fmt:
    """How a table prints amounts: decimals, thousands separators, what a zero looks like."""

    def __init__(self, rng, unit):
        self.dec = 2 if unit == "万元" or rng.random() < 0.7 else 0
        self.sep = rng.random() < (0.6 if unit == "元" else 0.3)
        self.zero = rng.choices(["", "0.00" if self.dec else "0", "0", "-"], [0.45, 0.35, 0.1, 0.1])[0]

    def __call__(self, fen):
        if fen == 0:
            return self.zero
        v = fen / 100
        if self.dec == 0:
            v = round(v)
            return f"{v:,}" if self.sep else f"{v}"
        return f"{v:,.2f}" if self.sep else f"{v:.2f}"


def amount(rng, unit, lo=0.5, hi=900.0):
    """A random amount of about lo..hi 万元, in hundredths of the printed unit (万元 or 元)."""
    wan = rng.uniform(lo, hi) * (10 ** rng.uniform(-1, 0.3))
    cents = int(wan * (100 if unit == "万元" else 1_000_000))
    return max(cents, 1)


# --------------------------------------------------------------------------------------
# column trees (header paths) for amount columns
# --------------------------------------------------------------------------------------
# A tree node: (label, children); a leaf with label 合计/小计 is the sum of the atoms under its
# parent.
EXP_TREES = [
    [("合计", []), ("基本支出", []), ("项目支出", [])],
    [("合计", []), ("基本支出", [("小计", []), ("人员经费", []), ("公用经费", [])]), ("项目支出", [])],
    [("本年支出", [("合计", []), ("基本支出", []), ("项目支出", [])])],
    [("本年支出", [("合计", []), ("基本支出", [("小计", []), ("人员经费", []), ("公用经费", [])]),
                ("项目支出", [])])],
    [("本年支出合计", []), ("基本支出", []), ("项目支出", []), ("上缴上级支出", []), ("经营支出", []),
     ("对附属单位补助支出", [])],
    [("合计", []), ("基本支出", []), ("项目支出", []), ("事业单位经营支出", [])],
]
INC_TREES = [
    [("合计", []), ("一般公共预算拨款收入", []), ("政府性基金预算拨款收入", []), ("事业收入", []),
     ("事业单位经营收入", []), ("其他收入", [])],
    [("合计", []), ("财政拨款收入", [("小计", []), ("一般公共预算", []), ("政府性基金", [])]),
     ("事业收入", []), ("其他收入", [])],
    [("本年收入", [("合计", []), ("财政拨款", []), ("事业收入", []), ("经营收入", []), ("其他收入", [])]),
     ("上年结转", [])],
    [("合计", []), ("上年结转", []), ("财政拨款", []), ("财政专户管理资金", []), ("单位资金", [])],
    [("本年收入合计", []), ("财政拨款收入", []), ("上级补助收入", []), ("事业收入", []), ("经营收入", []),
     ("附属单位上缴收入", []), ("其他收入", [])],
]
FISCAL_TREES = [
    [("合计", []), ("一般公共预算", []), ("政府性基金预算", []), ("国有资本经营预算", [])],
    [("合计", []), ("一般公共预算", [("小计", []), ("基本支出", []), ("项目支出", [])]),
     ("政府性基金预算", [])],
]


def tree_paths(tree, prefix=()):
    """[(path, role)] for the leaves; role: 'sum' for 合计/小计 leaves (sum of the atoms under
    the same parent), 'atom' otherwise; also the parent path of each leaf."""
    out = []
    for label, kids in tree:
        p = prefix + (label,)
        if kids:
            out.extend(tree_paths(kids, p))
        else:
            role = "sum" if label in ("合计", "小计", "本年支出合计", "本年收入合计") else "atom"
            out.append((list(p), role, prefix))
    return out


def amount_values(leaves, atoms):
    """Values of every leaf given the atoms' values (by leaf index): sums of their group."""
    vals = []
    for i, (path, role, parent) in enumerate(leaves):
        if role == "atom":
            vals.append(atoms[i])
        else:
            vals.append(sum(atoms[j] for j, (p2, r2, par2) in enumerate(leaves)
                            if r2 == "atom" and tuple(p2[:len(parent)]) == tuple(parent)))
    return vals


# --------------------------------------------------------------------------------------
# document identity
# --------------------------------------------------------------------------------------
CITIES = ["青水市", "临河市", "东川市", "南湖市", "河西市", "长丰市", "北岭市", "云浦市", "安澜市", "西平市"]
DISTRICTS = ["", "柳川县", "滨海新区", "安平区", "云浦区", "城关区", "东湖区", "新华区"]
BUREAUS = [("水利局", "water"), ("教育局", "edu"), ("文化和旅游局", "culture"), ("统计局", "stats"),
           ("卫生健康委员会", "health"), ("民政局", "civil"), ("农业农村局", "agri")]
PROSE = ["本部门预算包括部门本级预算和所属单位预算，收支均纳入部门预算管理。",
         "按照预决算公开有关规定，现将本部门相关预算情况说明如下。",
         "一般公共预算支出主要用于保障机构正常运转和完成日常工作任务，以及保障本部门重点项目的实施。",
         "机关运行经费主要用于办公费、印刷费、邮电费、差旅费、会议费、福利费、日常维修费及一般购置等支出。",
         "“三公”经费比上年减少的主要原因是严格落实中央八项规定精神，厉行节约，压减非必要支出。",
         "本表反映部门本年度一般公共预算财政拨款支出情况，按支出功能分类科目列示到项级。"]
NOTES = ["注：本表为空表的，说明本部门本年度无此项支出。",
         "注：本部门{y}年度无政府性基金预算财政拨款安排的支出，故本表无数据。",
         "说明：表中数据如有尾差，系四舍五入所致。",
         "注：1.“三公”经费包括因公出国（境）费、公务用车购置及运行费和公务接待费；2.公务用车运行费包括燃料费、维修费、过路过桥费、保险费等。",
         "注：基本支出包括人员经费和公用经费，项目支出为完成特定行政任务和事业发展目标所发生的支出。"]


class Doc:
    def __init__(self, seed, fonts):
        self.seed = seed
        self.rng = random.Random(f"borderless:{seed}")
        rng = self.rng
        self.fonts = fonts
        self.kind = rng.choice(["budget", "final"])
        self.year = rng.randint(2019, 2026)
        city, district = rng.choice(CITIES), rng.choice(DISTRICTS)
        bureau, self.sector = rng.choice(BUREAUS)
        self.dept = f"{city}{district}{bureau}"
        self.dept_code = str(rng.randint(101, 499))
        self.unit = rng.choice(["万元", "万元", "元"])
        self.font = rng.choice(fonts)
        self.size = rng.choice([7.5, 8, 8.5, 9, 9, 10, 10.5, 11, 12])
        self.word = "预算数" if self.kind == "budget" else "决算数"
        self.tables = []
        self.blocks = []


def sector_kuans(D):
    main = ms.SECTORS[D.sector]["main"]
    others = [k for k in ms.KUAN if k not in main and k in ms.ITEMS_BY_KUAN]
    return main, others


def pick_hierarchy(D, rng, big):
    """[(class, [(kuan, [xiang...])...])...] from the catalogues."""
    main, others = sector_kuans(D)
    kuans = list(main) + rng.sample(others, rng.randint(1, 4 if big else 2))
    if not big:
        kuans = rng.sample(kuans, min(len(kuans), rng.randint(1, 3)))
    by_class = {}
    for k in kuans:
        items = ms.ITEMS_BY_KUAN.get(k, [])
        if not items:
            continue
        n = min(len(items), rng.randint(1, 5 if big else 3))
        by_class.setdefault(k[:3], []).append((k, sorted(rng.sample(items, n))))
    out = []
    for c in sorted(by_class):
        out.append((c, sorted(by_class[c])))
    return out


# --------------------------------------------------------------------------------------
# table kinds
# --------------------------------------------------------------------------------------
def alignments(rng):
    """Per-table alignment of names, codes and amounts."""
    return dict(name=rng.choices("lc", [0.75, 0.25])[0], code=rng.choices("lc", [0.55, 0.45])[0],
                amount=rng.choices("rc", [0.6, 0.4])[0], text=rng.choices("lc", [0.5, 0.5])[0])


def em_cm(size):
    return size * 0.03528


def token_width(tok, size):
    """cm a token without CJK needs (digits 0.56 em, bold headers a little more)."""
    return sum(0.62 if ch.isupper() else 1.0 if ch in "%≥≤" else 0.56 for ch in tok) * em_cm(size) * 1.08


def text_width(text, size):
    """cm a line of text needs: CJK 1 em, others as token_width."""
    w = 0.0
    for ch in text:
        w += em_cm(size) if ms.CJK_RE.search(ch) else 0.56 * em_cm(size)
    return w * 1.04


def fit_widths(t, size, kinds, wrap_cols, landscape_ok=True):
    """Column widths (cm): each column as wide as its longest number or code (these never
    wrap), CJK columns as wide as a random number of characters per line (text wraps over up
    to four lines), the rest spread; landscape when portrait is too narrow. Returns
    (widths, landscape)."""
    rng = t.rng
    nc = t.n_cols
    pad = 0.3
    need = [0.0] * nc
    longest = [0.0] * nc
    for r, row in enumerate(t.rows):
        for c, cell in enumerate(row):
            if cell is None or not cell.text:
                continue
            for tok in cell.text.split():
                if not ms.CJK_RE.search(tok):
                    w = token_width(tok, size) + pad
                    need[c] = max(need[c], w / cell.cs)
            if cell.cs == 1:
                longest[c] = max(longest[c], text_width(cell.text, size) + pad)
    widths = []
    for c in range(nc):
        lw = longest[c]
        if kinds[c] in ("name", "text") and c in wrap_cols:
            # wrap the longest text over 2..4 lines; never below 4 characters a line
            lines = rng.choice([2, 2, 3, 4])
            w = max(lw / lines + em_cm(size), 4 * em_cm(size) + pad)
        elif kinds[c] in ("name", "text"):
            w = lw + rng.uniform(0.2, 1.5)
        elif kinds[c] == "amount":
            # headers of amount columns wrap (a narrow column under a long header)
            w = max(need[c], 3 * em_cm(size) + pad) + rng.uniform(0.1, 0.9)
        else:  # code
            w = max(need[c], lw) + rng.uniform(0.05, 0.5)
        widths.append(max(w, need[c], 2.2 * em_cm(size) + pad))
    total = sum(widths)
    landscape = total > PORTRAIT_W
    avail = LANDSCAPE_W if landscape else PORTRAIT_W
    if total > avail:
        return None, landscape
    # spread part of the spare width over the columns
    spare = (avail - total) * rng.uniform(0.0, 0.7)
    grow = [c for c in range(nc) if kinds[c] != "code"] or list(range(nc))
    for c in grow:
        if c in wrap_cols:
            continue
        widths[c] += spare / len(grow)
    return [round(w, 3) for w in widths], landscape


def code_cells(code, mode, show_parent):
    if mode == "one":
        return [C(code)]
    parts = [code[:3], code[3:5], code[5:7]]
    out = []
    for i, p in enumerate(parts):
        if not p:
            out.append(C(""))
        elif i < len(code) // 2 - 1 and not show_parent:
            out.append(C(""))
        else:
            out.append(C(p))
    return out


def coded_table(D, rng, which):
    """支出 / 收入 / 财政拨款支出 tables by function class: code column(s), name, amounts."""
    unit = D.unit
    f = Fmt(rng, unit)
    tree = {"exp": EXP_TREES, "inc": INC_TREES, "fiscal": FISCAL_TREES}[which]
    tree = rng.choice(tree)
    if which == "inc" and rng.random() < 0.3:
        # fewer source columns
        tree = [x for x in tree if rng.random() < 0.75 or x[0] in ("合计", "本年收入合计")]
    leaves = tree_paths(tree)
    mode = rng.choices(["one", "three", "none"], [0.45, 0.35, 0.2])[0]
    show_parent = rng.random() < 0.6
    name_label = rng.choice(["科目名称", "功能分类科目名称", "项目", "科目"])
    depth = max(len(p) for p, _, _ in leaves)
    code_paths = []
    if mode == "one":
        code_paths = [["科目编码"]]
    elif mode == "three":
        if depth >= 2 or rng.random() < 0.7:
            code_paths = [["科目编码", "类"], ["科目编码", "款"], ["科目编码", "项"]]
        else:
            code_paths = [["类"], ["款"], ["项"]]
    if mode == "none" and rng.random() < 0.5:
        name_label = "项目"
    paths = code_paths + [[name_label]] + [p for p, _, _ in leaves]
    if rng.random() < 0.25 and depth == 1:
        # a group label over the whole amount part
        grp = {"exp": "本年支出", "inc": "本年收入", "fiscal": "财政拨款支出"}[which]
        paths = code_paths + [[name_label]] + [[grp] + p for p, _, _ in leaves]
    hdr = header_rows_from_paths(paths)
    title_word = {"exp": "支出", "inc": "收入", "fiscal": "财政拨款支出"}[which]
    kindword = "预算" if D.kind == "budget" else "决算"
    title = rng.choice([f"部门{title_word}{kindword}总表", f"{title_word}{kindword}表",
                        f"{D.dept}{D.year}年{title_word}{kindword}表"])
    ncode = len(code_paths)
    nc = ncode + 1 + len(leaves)
    t = T(which, title, [1.0] * nc, len(hdr))
    t.rng = rng
    for row in hdr:
        t.add(row)
    al = alignments(rng)
    big = rng.random() < 0.35
    hier = pick_hierarchy(D, rng, big)
    zero_cols = {i for i, (p, role, _) in enumerate(leaves) if role == "atom" and rng.random() < 0.3}

    def atoms():
        return [0 if (i in zero_cols or rng.random() < 0.15) else amount(rng, unit, 0.2, 300)
                for i in range(len(leaves))]

    body = []  # (level, code, name, vals)
    for cls, kuans in hier:
        cls_rows = []
        for k, xs in kuans:
            x_rows = []
            for x in xs:
                x_rows.append((3, x, ms.XIANG[x], amount_values(leaves, atoms())))
            kv = [sum(r[3][i] for r in x_rows) for i in range(len(leaves))]
            cls_rows.append((2, k, ms.KUAN[k], kv))
            cls_rows.extend(x_rows)
        cv = [sum(r[3][i] for r in cls_rows if r[0] == 2) for i in range(len(leaves))]
        body.append((1, cls, ms.CLASS_NAME[cls], cv))
        body.extend(cls_rows)
    tv = [sum(r[3][i] for r in body if r[0] == 1) for i in range(len(leaves))]
    total_label = rng.choice(["合计", "合计", "总计", "本年支出合计" if which != "inc" else "本年收入合计"])
    total_span = ncode > 0 and rng.random() < 0.4
    indent = al["name"] == "l" and rng.random() < 0.5

    def total_row():
        if total_span:
            cells = [C(total_label, cs=ncode + 1)] + [None] * ncode
        else:
            cells = [C("") for _ in range(ncode)] + [C(total_label, align="c" if rng.random() < 0.6 else al["name"])]
        cells += [C(f(v), align=al["amount"]) for v in tv]
        return cells

    total_top = rng.random() < 0.75
    if total_top:
        t.add(total_row())
    for lvl, code, name, vals in body:
        cc = code_cells(code, mode, show_parent) if ncode else []
        for c in cc:
            c.align = al["code"]
        nm = C(name, align=al["name"], indent=(lvl - 1) if indent else 0)
        t.add(cc + [nm] + [C(f(v), align=al["amount"]) for v in vals])
    if not total_top:
        t.add(total_row())
    kinds = ["code"] * ncode + ["name"] + ["amount"] * len(leaves)
    wrap = {ncode} if rng.random() < 0.6 else set()
    return t, kinds, wrap


INCOME_LINES = ["一般公共预算拨款收入", "政府性基金预算拨款收入", "国有资本经营预算拨款收入", "财政专户管理资金收入",
                "事业收入", "事业单位经营收入", "上级补助收入", "附属单位上缴收入", "其他收入"]


def two_sided(D, rng):
    """收支总表 / 财政拨款收支总表: income lines and amounts beside expenditure classes and
    amounts, totals across the bottom."""
    unit = D.unit
    f = Fmt(rng, unit)
    fiscal = rng.random() < 0.4
    word = D.word
    exp_cols = ["合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"] if fiscal else [word]
    if fiscal and rng.random() < 0.4:
        exp_cols = ["合计", "一般公共预算财政拨款", "政府性基金预算财政拨款"]
    inc_cols = [word] if rng.random() < 0.8 else [word, "上年" + word]
    hdr_mode = rng.choice(["flat", "sides", "sides_rs"])
    if hdr_mode == "flat":
        paths = [["项目"] if rng.random() < 0.5 else ["收入项目"]] + [[c] for c in inc_cols] + \
                [["项目"] if rng.random() < 0.5 else ["支出项目"]] + [[c] for c in exp_cols]
        if fiscal:
            paths = [["收入项目"]] + [[c] for c in inc_cols] + [["支出项目"]] + [["支出", c] for c in exp_cols] \
                if len(exp_cols) > 1 else paths
    else:
        paths = [["收入", "项目"]] + [["收入", c] for c in inc_cols] + [["支出", "项目"]] + \
                [["支出", c] if hdr_mode == "sides" or len(exp_cols) == 1 else ["支出", "金额", c] for c in exp_cols]
    hdr = header_rows_from_paths(paths)
    kindword = "预算" if D.kind == "budget" else "决算"
    title = (f"{'财政拨款' if fiscal else ''}收支{kindword}总表" if rng.random() < 0.6
             else f"部门{'财政拨款' if fiscal else ''}收支总表")
    if D.kind == "final" and rng.random() < 0.5:
        title = f"{'财政拨款' if fiscal else ''}收入支出决算总表"
    nl = len(inc_cols)
    nc = 2 + nl + len(exp_cols)
    t = T("two_sided", title, [1.0] * nc, len(hdr))
    t.rng = rng
    for row in hdr:
        t.add(row)
    al = alignments(rng)
    inc = INCOME_LINES[:3] if fiscal else rng.sample(INCOME_LINES, rng.randint(3, 7))
    inc_vals = [[amount(rng, unit, 1, 900) if (i == 0 or rng.random() < 0.5) else 0 for _ in inc_cols]
                for i in range(len(inc))]
    ncls = rng.randint(6, len(ms.CLASSES))
    classes = ms.CLASSES[:ncls]
    live = set(rng.sample(range(ncls), rng.randint(2, min(5, ncls))))
    exp_vals = []
    for i in range(ncls):
        if i in live:
            parts = [amount(rng, unit, 1, 400) if (k == 0 or rng.random() < 0.4) else 0
                     for k in range(len(exp_cols) - 1)]
            exp_vals.append([sum(parts)] + parts if len(exp_cols) > 1 else [amount(rng, unit, 1, 400)])
        else:
            exp_vals.append([0] * len(exp_cols))
    ordinal = rng.random() < 0.8
    n = max(len(inc), ncls)
    for i in range(n):
        cells = []
        if i < len(inc):
            lab = (f"{ms.CN_ORD[i]}、" if ordinal else "") + inc[i]
            cells += [C(lab, align=al["name"])] + [C(f(v), align=al["amount"]) for v in inc_vals[i]]
        else:
            cells += [C("")] + [C("") for _ in inc_cols]
        if i < ncls:
            lab = (f"{ms.CN_ORD[i]}、" if ordinal else "") + classes[i][1]
            cells += [C(lab, align=al["name"])] + [C(f(v), align=al["amount"]) for v in exp_vals[i]]
        else:
            cells += [C("")] + [C("") for _ in exp_cols]
        t.add(cells)
    inc_tot = [sum(v[k] for v in inc_vals) for k in range(nl)]
    exp_tot = [sum(v[k] for v in exp_vals) for k in range(len(exp_cols))]
    centre_tot = rng.random() < 0.5
    ta = "c" if centre_tot else al["name"]
    if rng.random() < 0.5:
        t.add([C("本年收入合计", align=ta)] + [C(f(v), align=al["amount"]) for v in inc_tot] +
              [C("本年支出合计", align=ta)] + [C(f(v), align=al["amount"]) for v in exp_tot])
        carry = amount(rng, unit, 1, 50) if rng.random() < 0.5 else 0
        t.add([C("上年结转", align=al["name"])] + [C(f(carry), align=al["amount"])] + [C("") for _ in inc_cols[1:]] +
              [C("年末结转和结余", align=al["name"])] + [C(f(carry), align=al["amount"])] +
              [C("") for _ in exp_cols[1:]])
        inc_tot = [v + (carry if k == 0 else 0) for k, v in enumerate(inc_tot)]
        exp_tot = [v + (carry if k == 0 else 0) for k, v in enumerate(exp_tot)]
    t.add([C("收入总计", align=ta)] + [C(f(v), align=al["amount"]) for v in inc_tot] +
          [C("支出总计", align=ta)] + [C(f(v), align=al["amount"]) for v in exp_tot])
    kinds = ["name"] + ["amount"] * nl + ["name"] + ["amount"] * len(exp_cols)
    wrap = set()
    if rng.random() < 0.4:
        wrap.add(0)
    if rng.random() < 0.3:
        wrap.add(1 + nl)
    return t, kinds, wrap


def three_public(D, rng):
    """三公 table: across (parts as columns, 1–3 header rows, 预算数/决算数 pairs) or down."""
    unit = rng.choice(["万元", "万元", D.unit])
    f = Fmt(rng, unit)
    kindword = "预算" if D.kind == "budget" else "决算"
    title = rng.choice([f"“三公”经费支出{kindword}表", f"财政拨款“三公”经费支出{kindword}表",
                        f"一般公共预算“三公”经费支出{kindword}情况表"])
    ab, pur, run, rec = (amount(rng, unit, 0.5, 30) if rng.random() < 0.6 else 0 for _ in range(4))
    vals = {"合计": ab + pur + run + rec, "因公出国（境）费": ab, "小计": pur + run,
            "公务用车购置费": pur, "公务用车运行费": run, "购置费": pur, "运行费": run, "公务接待费": rec}
    al = alignments(rng)
    if rng.random() < 0.75:
        short = rng.random() < 0.4
        veh = [("小计", []), ("购置费" if short else "公务用车购置费", []), ("运行费" if short else "公务用车运行费", [])]
        tree = [("合计", []), ("因公出国（境）费", []), ("公务用车购置及运行费", veh), ("公务接待费", [])]
        pairs = D.kind == "final" and rng.random() < 0.7
        extra_first = rng.random() < 0.3
        paths = []
        for p, _, _ in tree_paths(tree):
            if pairs:
                paths += [p + ["预算数"], p + ["决算数"]]
            else:
                paths.append(p)
        if extra_first:
            paths = [["单位名称" if rng.random() < 0.5 else "项目"]] + paths
        hdr = header_rows_from_paths(paths)
        t = T("three_public", title, [1.0] * len(paths), len(hdr))
        t.rng = rng
        for row in hdr:
            t.add(row)
        nrows = 1 if not extra_first else rng.randint(1, 3)
        for r in range(nrows):
            cells = []
            if extra_first:
                cells.append(C(rng.choice(["合计", D.dept, f"{D.year}年{D.word}"]) if r == 0 else
                               f"{D.dept[:4]}第{r}单位", align=al["name"]))
            for p in paths[1 if extra_first else 0:]:
                leaf = p[-1] if not pairs else p[-2]
                v = vals[leaf]
                if pairs and p[-1] == "预算数":
                    v = int(v * rng.uniform(1.0, 1.3)) if v else 0
                cells.append(C(f(v), align=al["amount"]))
            t.add(cells)
        kinds = (["name"] if extra_first else []) + ["amount"] * (len(paths) - (1 if extra_first else 0))
        return t, kinds, set(), unit
    # down: items as rows
    cols = [D.word] if rng.random() < 0.5 else ["预算数", "决算数"] if D.kind == "final" else ["上年预算数", "预算数"]
    t = T("three_public", title, [1.0] * (1 + len(cols)), 1)
    t.rng = rng
    t.add([C("项目")] + [C(c) for c in cols])
    items = [("合计", "合计"), ("1.因公出国（境）费", "因公出国（境）费"), ("2.公务用车购置及运行费", "小计"),
             ("其中：公务用车购置费", "公务用车购置费"), ("公务用车运行费", "公务用车运行费"), ("3.公务接待费", "公务接待费")]
    for lab, key in items:
        cells = [C(lab, align="c" if lab == "合计" else al["name"])]
        for k, _ in enumerate(cols):
            v = vals[key]
            if k == 0 and len(cols) == 2:
                v = int(v * rng.uniform(0.9, 1.3)) if v else 0
            cells.append(C(f(v), align=al["amount"]))
        t.add(cells)
    return t, ["name"] + ["amount"] * len(cols), set(), unit


def econ_basic(D, rng):
    """基本支出 by economic class: one panel (code, name, 合计/人员/公用) or two side by side."""
    unit = D.unit
    f = Fmt(rng, unit)
    al = alignments(rng)
    kindword = "预算" if D.kind == "budget" else "决算"
    title = rng.choice([f"一般公共预算基本支出{kindword}表", f"一般公共预算财政拨款基本支出{kindword}表",
                        f"基本支出{kindword}表（经济科目）"])
    pers = [c for c in ms.ECON if c[:3] in ("301", "303")]
    pub = [c for c in ms.ECON if c[:3] in ("302", "310")]
    pers = sorted(rng.sample(pers, rng.randint(3, len(pers))))
    pub = sorted(rng.sample(pub, rng.randint(3, len(pub))))
    v = {c: amount(rng, unit, 0.2, 120) if rng.random() < 0.8 else 0 for c in pers + pub}
    if rng.random() < 0.5:
        # one panel
        code_col = rng.random() < 0.8
        paths = ([["科目编码"]] if code_col else []) + [["科目名称"]]
        grp = rng.random() < 0.5
        for lab in ["合计", "人员经费", "公用经费"]:
            paths.append(["基本支出", lab] if grp else [lab])
        hdr = header_rows_from_paths(paths)
        t = T("econ", title, [1.0] * len(paths), len(hdr))
        t.rng = rng
        for row in hdr:
            t.add(row)
        nco = 1 if code_col else 0
        rows = []
        for cls in ("301", "302", "303", "310"):
            kids = [c for c in pers + pub if c[:3] == cls]
            if not kids:
                continue
            is_p = cls in ("301", "303")
            tot = sum(v[c] for c in kids)
            rows.append((cls, ms.ECON_CLASS[cls], tot, is_p))
            rows.extend((c, ms.ECON[c], v[c], is_p) for c in kids)
        tp = sum(v[c] for c in pers)
        tq = sum(v[c] for c in pub)
        t.add(([C("")] if code_col else []) + [C("合计", align="c")] +
              [C(f(tp + tq), align=al["amount"]), C(f(tp), align=al["amount"]), C(f(tq), align=al["amount"])])
        for code, name, val, is_p in rows:
            t.add(([C(code, align=al["code"])] if code_col else []) + [C(name, align=al["name"])] +
                  [C(f(val), align=al["amount"]), C(f(val if is_p else 0), align=al["amount"]),
                   C(f(0 if is_p else val), align=al["amount"])])
        kinds = ["code"] * nco + ["name", "amount", "amount", "amount"]
        return t, kinds, ({nco} if rng.random() < 0.5 else set())
    # two panels
    code_col = rng.random() < 0.85
    one = ([["科目编码"]] if code_col else []) + [["科目名称"], [D.word if rng.random() < 0.5 else "金额"]]
    grp = rng.random() < 0.6
    paths = [(["人员经费"] + p) if grp else p for p in one] + [(["公用经费"] + p) if grp else p for p in one]
    hdr = header_rows_from_paths(paths)
    t = T("econ2", title, [1.0] * len(paths), len(hdr))
    t.rng = rng
    for row in hdr:
        t.add(row)

    def side(codes):
        out = []
        for cls in ("301", "302", "303", "310"):
            kids = [c for c in codes if c[:3] == cls]
            if kids:
                out.append((cls, ms.ECON_CLASS[cls], sum(v[c] for c in kids)))
                out.extend((c, ms.ECON[c], v[c]) for c in kids)
        return out

    a, b = side(pers), side(pub)
    n = max(len(a), len(b))
    for i in range(n):
        cells = []
        for s in (a, b):
            if i < len(s):
                code, name, val = s[i]
                cells += ([C(code, align=al["code"])] if code_col else []) + [C(name, align=al["name"]),
                                                                               C(f(val), align=al["amount"])]
            else:
                cells += [C("") for _ in one]
        t.add(cells)
    nco = 1 if code_col else 0
    tot = []
    for lab, codes in (("人员经费合计", pers), ("公用经费合计", pub)):
        if code_col:
            tot += [C(lab, cs=2, align="c"), None]
        else:
            tot += [C(lab, align="c")]
        tot.append(C(f(sum(v[c] for c in codes)), align=al["amount"]))
    t.add(tot)
    kinds = (["code"] * nco + ["name", "amount"]) * 2
    return t, kinds, ({nco, 2 * nco + 2} if rng.random() < 0.4 else set())


def perf_form(D, rng):
    """项目绩效目标表: label/value pairs over four columns, a wrapped goal text, indicator rows
    with vertically merged levels."""
    proj = rng.choice(ms.SECTORS[D.sector]["projects"])
    unit = "万元"
    f = Fmt(rng, unit)
    f.zero = "0.00"
    title = rng.choice([f"{proj}项目绩效目标表", f"{D.year}年度项目支出绩效目标表", "项目支出绩效目标申报表"])
    five = rng.random() < 0.4
    nc = 5 if five else 4
    t = T("perf", title, [1.0] * nc, 0)
    t.rng = rng
    total = amount(rng, unit, 1, 200)
    fiscal = total if rng.random() < 0.6 else total // 2
    other = total - fiscal
    vl = rng.choices("lc", [0.5, 0.5])[0]
    va = rng.choices("rc", [0.5, 0.5])[0]
    wide = nc - 1
    t.add([C("项目名称"), C(proj, cs=wide, align=vl)] + [None] * (wide - 1))
    if five:
        t.add([C("主管部门"), C(D.dept, cs=2, align=vl), None, C("实施单位"), C(D.dept, align=vl)])
        t.add([C("项目资金（万元）", rs=3 if other else 2), C("年度资金总额"), C(f(total), align=va), C("执行率分值"), C("10")])
        t.add([None, C("其中：财政资金"), C(f(fiscal), align=va), C(""), C("")])
        if other:
            t.add([None, C("其他资金"), C(f(other), align=va), C(""), C("")])
    else:
        t.add([C("主管部门"), C(D.dept, align=vl), C("实施单位"), C(D.dept, align=vl)])
        t.add([C("预算数"), C(f(total), align=va), C("其中：财政资金"), C(f(fiscal), align=va)])
        if other or rng.random() < 0.5:
            t.add([C(""), C(""), C("其他资金"), C(f(other), align=va)])
    goal = rng.choice([
        f"1.按期完成{proj}各项任务；2.资金使用规范高效，切实发挥资金效益。",
        f"通过实施{proj}，提升服务质量和管理水平，保障各项业务工作正常有序运转，群众满意度不断提高。",
        f"完成{proj}年度工作任务，确保项目资金专款专用、按进度拨付，形成长效管理机制，推动相关工作规范化、制度化开展。"])
    t.add([C("年度绩效目标")] + [C(goal, cs=wide, align="l")] + [None] * (wide - 1))
    if five:
        t.add([C("一级指标"), C("二级指标"), C("三级指标"), C("指标值"), C("备注")])
    else:
        t.add([C("一级指标"), C("二级指标"), C("三级指标"), C("指标值")])
    inds = ms.make_indicators(rng, {"name": proj, "total": total * 10000, "year": D.year}, unit)
    # group by level1 then level2 (vertically merged)
    i = 0
    while i < len(inds):
        j = i
        while j < len(inds) and inds[j]["level1"] == inds[i]["level1"]:
            j += 1
        k = i
        while k < j:
            m = k
            while m < j and inds[m]["level2"] == inds[k]["level2"]:
                m += 1
            for q in range(k, m):
                ind = inds[q]
                c1 = C(ind["level1"], rs=j - i) if q == i else None
                c2 = C(ind["level2"], rs=m - k) if q == k else None
                row = [c1, c2, C(ind["level3"], align=vl), C(ind["target"].replace(" ", ""))]
                if five:
                    row.append(C(""))
                t.add(row)
            k = m
        i = j
    kinds = ["text"] * nc
    return t, kinds, {nc - 1 if five else 1} if rng.random() < 0.3 else set()


def text_list(D, rng):
    """Lists of units or procurement items: text columns, numbers, wrapped names."""
    al = alignments(rng)
    if rng.random() < 0.5:
        t = T("units", rng.choice(["部门单位构成", "纳入部门预算编制范围的单位", "单位基本情况表"]), [1.0] * 5, 1)
        t.rng = rng
        t.add([C("序号"), C("单位名称"), C("单位性质"), C("单位规格"), C("经费保障形式")])
        n = rng.randint(2, 8)
        suffix = ["(本级)", "管理站", "服务中心", "综合执法大队", "发展研究中心", "技术推广站", "监测中心", "档案馆"]
        for i in range(n):
            name = D.dept + (suffix[i] if i == 0 else suffix[i % len(suffix)]) if i == 0 else \
                D.dept[:5] + rng.choice(suffix[1:])
            t.add([C(str(i + 1)), C(name, align=al["text"]), C(rng.choice(["行政", "事业", "参公"])),
                   C(rng.choice(["正处级", "副处级", "正科级", "股级"])), C(rng.choice(["财政拨款", "财政补助", "经费自理"]))])
        return t, ["code", "text", "text", "text", "text"], {1} if rng.random() < 0.5 else set()
    unit = D.unit
    f = Fmt(rng, unit)
    t = T("procurement", rng.choice(["政府采购预算表", "政府采购预算明细表", "部门政府采购情况表"]), [1.0] * 6, 1)
    t.rng = rng
    t.add([C("序号"), C("采购项目"), C("采购品目"), C("数量"), C("计量单位"), C(f"预算金额（{unit}）" if rng.random() < 0.4 else "预算金额")])
    items = [("台式计算机", "A02010104", "台"), ("复印机", "A02020200", "台"), ("办公家具", "A06000000", "套"),
             ("物业管理服务", "C21040000", "项"), ("信息系统运行维护服务", "C16070000", "项"), ("印刷服务", "C23120000", "批"),
             ("车辆维修和保养服务", "C23120200", "项"), ("会议服务", "C22010000", "次")]
    rows = rng.sample(items, rng.randint(2, len(items)))
    projects = ms.SECTORS[D.sector]["projects"]
    tot = 0
    body = []
    for i, (name, code, mu) in enumerate(rows):
        v = amount(rng, unit, 0.5, 60)
        tot += v
        body.append([C(str(i + 1)), C(rng.choice(projects), align=al["text"]), C(name, align=al["text"]),
                     C(str(rng.randint(1, 40))), C(mu), C(f(v), align=al["amount"])])
    t.add([C("合计", cs=5)] + [None] * 4 + [C(f(tot), align=al["amount"])])
    for b in body:
        t.add(b)
    return t, ["code", "text", "text", "code", "code", "amount"], {1} if rng.random() < 0.6 else set()


# --------------------------------------------------------------------------------------
# the document
# --------------------------------------------------------------------------------------
def make_tables(D):
    rng = D.rng
    n = rng.randint(5, 9)
    kinds = rng.choices(["exp", "inc", "fiscal", "two_sided", "three", "econ", "perf", "list"],
                        [0.18, 0.12, 0.08, 0.17, 0.12, 0.13, 0.12, 0.08], k=n)
    titles = set()
    for k in kinds:
        for _ in range(20):
            if k in ("exp", "inc", "fiscal"):
                t, cols, wrap = coded_table(D, rng, k)
                unit = D.unit
            elif k == "two_sided":
                t, cols, wrap = two_sided(D, rng)
                unit = D.unit
            elif k == "three":
                t, cols, wrap, unit = three_public(D, rng)
            elif k == "econ":
                t, cols, wrap = econ_basic(D, rng)
                unit = D.unit
            elif k == "perf":
                t, cols, wrap = perf_form(D, rng)
                unit = "万元"
            else:
                t, cols, wrap = text_list(D, rng)
                unit = D.unit if t.kind == "procurement" else None
            if t.title in titles:
                t.title = f"表{len(D.tables) + 1} {t.title}"
            size = D.size if rng.random() < 0.7 else rng.choice([7.5, 8, 9, 10, 11, 12])
            while True:
                widths, land = fit_widths(t, size, cols, wrap)
                if widths is not None or size <= 7.5:
                    break
                size -= 0.5
            if widths is None:
                continue
            t.widths, t.landscape, t.size = widths, land, size
            t.unit = unit
            t.col_kinds = cols
            t.wrap_cols = wrap
            break
        else:
            continue
        t.check()
        titles.add(t.title)
        style(D, rng, t)
        D.tables.append(t)


def style(D, rng, t):
    t.font = D.font if rng.random() < 0.75 else rng.choice(D.fonts)
    t.rules = rng.choices(["none", "three_line", "hrules", "frame"], [0.55, 0.2, 0.1, 0.15])[0]
    if t.kind in ("perf",) and t.rules == "three_line":
        t.rules = "none"
    t.valign = rng.choices(["center", "top", "bottom"], [0.75, 0.1, 0.15])[0]
    t.row_height = rng.choice([None, None, 1.3, 1.6, 2.0])  # × the font size (at least)
    t.space = rng.choice([0, 0, 1, 2])
    t.line = rng.choice([1.0, 1.0, 1.1, 1.25])
    t.bold_header = rng.random() < 0.6
    t.title_size = rng.choice([12, 14, 15, 16, 18])
    t.title_font = rng.choice(D.fonts)
    t.title_align = rng.choices("cl", [0.85, 0.15])[0]
    unit_line = f"单位：{t.unit}" if t.unit else None
    cap = rng.choices(["unit", "dept_unit_one", "dept_then_unit", "none", "code_dept"], [0.35, 0.25, 0.2, 0.1, 0.1])[0]
    if not unit_line and cap != "none":
        cap = "dept_only"
    t.caption_style = cap
    dept = rng.choice([f"部门：{D.dept}", f"编制单位：{D.dept}", f"{D.dept_code} {D.dept}", f"单位名称：{D.dept}"])
    if cap == "unit":
        t.caption = [unit_line]
    elif cap == "dept_unit_one":
        t.caption = [dept, unit_line]
    elif cap == "dept_then_unit":
        t.caption = [dept, unit_line]
    elif cap == "code_dept":
        t.caption = [f"{D.dept_code} {D.dept}", unit_line]
    elif cap == "dept_only":
        t.caption = [dept]
    else:
        t.caption = []
    if cap == "none":
        t.unit_printed = None
    else:
        t.unit_printed = t.unit if unit_line else None
    t.note = rng.choice(NOTES).replace("{y}", str(D.year)) if rng.random() < 0.3 else None
    t.prose = rng.sample(PROSE, rng.randint(1, 2)) if rng.random() < 0.2 else []
    t.style = dict(font=t.font, size=t.size, rules=t.rules, valign=t.valign, row_height=t.row_height,
                   space=t.space, line=t.line, caption=cap, landscape=t.landscape, header_rows=t.header_rows,
                   wrap=sorted(t.wrap_cols) if hasattr(t, "wrap_cols") else None)


def estimated_height(t):
    lines = 0
    for row in t.rows:
        lines += 1
    return lines * t.size * 0.03528 * 1.6 + 2.5


def set_cell_border(tc, **edges):
    tcPr = tc.get_or_add_tcPr()
    b = tcPr.find(qn("w:tcBorders"))
    if b is None:
        b = OxmlElement("w:tcBorders")
        tcPr.append(b)
    for tag, on in edges.items():
        b.append(ms.border_xml(tag, on))


def render_table(doc, t):
    nr, nc = len(t.rows), t.n_cols
    tbl = doc.add_table(rows=nr, cols=nc)
    tbl.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl.autofit = False
    tblPr = tbl._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    on = {"none": set(), "three_line": {"top", "bottom"}, "hrules": {"top", "bottom", "insideH"},
          "frame": {"top", "bottom", "left", "right"}}[t.rules]
    for tag in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(ms.border_xml(tag, tag in on))
    tblPr.append(borders)
    lay_el = OxmlElement("w:tblLayout")
    lay_el.set(qn("w:type"), "fixed")
    tblPr.append(lay_el)
    mar = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        e = OxmlElement(f"w:{side}")
        e.set(qn("w:w"), "57")
        e.set(qn("w:type"), "dxa")
        mar.append(e)
    tblPr.append(mar)
    grid = tbl._tbl.tblGrid
    for gc, w in zip(grid.findall(qn("w:gridCol")), t.widths):
        gc.set(qn("w:w"), str(int(Cm(w).twips)))
    cells = tbl._cells
    for r in range(nr):
        row = tbl.rows[r]
        trPr = row._tr.get_or_add_trPr()
        trPr.append(OxmlElement("w:cantSplit"))
        if r < t.header_rows:
            trPr.append(OxmlElement("w:tblHeader"))
        if t.row_height:
            row.height = Pt(t.size * t.row_height + 2 * t.space)
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        for c in range(nc):
            cells[r * nc + c].width = Cm(t.widths[c])
    for r, row in enumerate(t.rows):
        for c, cell in enumerate(row):
            if cell is not None and (cell.rs > 1 or cell.cs > 1):
                tbl.cell(r, c).merge(tbl.cell(r + cell.rs - 1, c + cell.cs - 1))
    if t.rules == "three_line" and t.header_rows:
        for tc in tbl.rows[t.header_rows - 1]._tr.findall(qn("w:tc")):
            set_cell_border(tc, bottom=True)
    cells = tbl._cells
    va = {"center": WD_CELL_VERTICAL_ALIGNMENT.CENTER, "top": WD_CELL_VERTICAL_ALIGNMENT.TOP,
          "bottom": WD_CELL_VERTICAL_ALIGNMENT.BOTTOM}[t.valign]
    for r, row in enumerate(t.rows):
        for c, cell in enumerate(row):
            if cell is None:
                continue
            dc = cells[r * nc + c]
            # merged cells are centred (as spreadsheets export them): text set at the top of a
            # block of rows without rules would show no span at all
            centre = r < t.header_rows or cell.rs > 1
            dc.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER if centre else va
            p = dc.paragraphs[0]
            p.paragraph_format.space_before = Pt(t.space)
            p.paragraph_format.space_after = Pt(t.space)
            p.paragraph_format.line_spacing = t.line
            al = "c" if r < t.header_rows else cell.align
            p.alignment = {"l": WD_ALIGN_PARAGRAPH.LEFT, "c": WD_ALIGN_PARAGRAPH.CENTER,
                           "r": WD_ALIGN_PARAGRAPH.RIGHT}[al]
            if cell.indent and al == "l":
                p.paragraph_format.left_indent = Pt(t.size * cell.indent)
            if cell.text:
                run = p.add_run(cell.text)
                ms.set_fonts(run, t.font, t.size, bold=t.bold_header and r < t.header_rows)
    return tbl


def keep_next(p):
    p.paragraph_format.keep_with_next = True
    return p


def render(D, path):
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = D.font
    doc.core_properties.author = ""
    ms.set_orientation(doc.sections[0], False)
    state = {"land": False, "fresh": True, "used": 0.0}
    prev_small = False
    for i, t in enumerate(D.tables):
        h = estimated_height(t)
        same_page = (not state["fresh"] and prev_small and t.landscape == state["land"]
                     and state["used"] + h < (LANDSCAPE_H if t.landscape else PORTRAIT_H) * 0.8
                     and D.rng.random() < 0.6)
        if t.landscape != state["land"]:
            if i == 0:
                ms.set_orientation(doc.sections[0], t.landscape)
            else:
                ms.add_section(doc, t.landscape)
            state["land"] = t.landscape
            state["fresh"] = True
        brk = not state["fresh"] and not same_page
        if same_page:
            ms.para(doc, "", size=8, after=6)
        first = True
        for pr in t.prose:
            keep_next(ms.para(doc, pr, font=D.font, size=rng_size(D), indent=True, align="j", page_break=brk and first,
                              after=3))
            first = False
        tp = ms.para(doc, t.title, font=t.title_font, size=t.title_size, bold=True, align=t.title_align,
                     after=rng_choice(D, [2, 4, 8]), page_break=brk and first)
        keep_next(tp)
        cap_size = rng_choice(D, [9, 10, 10.5, 12])
        if t.caption_style == "dept_unit_one":
            p = doc.add_paragraph()
            sec = doc.sections[-1]
            width = sec.page_width - sec.left_margin - sec.right_margin
            p.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
            p.paragraph_format.space_after = Pt(3)
            r = p.add_run(f"{t.caption[0]}\t{t.caption[1]}")
            ms.set_fonts(r, D.font, cap_size)
            keep_next(p)
        else:
            for line in t.caption:
                al = "r" if line.startswith("单位：") else "l"
                keep_next(ms.para(doc, line, font=D.font, size=cap_size, align=al, after=2))
        render_table(doc, t)
        if t.note:
            ms.para(doc, t.note, font=D.font, size=cap_size, before=4, after=2)
        state["fresh"] = False
        state["used"] = (state["used"] if same_page else 0.0) + h + (2.0 if t.note else 0.0)
        prev_small = state["used"] < (LANDSCAPE_H if t.landscape else PORTRAIT_H) * 0.45
    doc.save(path)


def rng_size(D):
    return D.rng.choice([10.5, 11, 12])


def rng_choice(D, xs):
    return D.rng.choice(xs)


def locate(D, pdf):
    """First and last page of each table: the page holding its first body row (the page of
    its title, unless LibreOffice left the title alone at the foot of the page before: then
    the next page; a title that is part of an earlier title, 支出决算表 in 基本支出决算表,
    is passed over the same way), and the page holding the text of its last row. Titles are
    unique in a document."""
    pages = ms.page_texts(pdf)
    cur = 0
    for t in D.tables:
        probe = ms.squash(t.title)
        body = t.rows[t.header_rows] if t.header_rows < len(t.rows) else []
        first = next((ms.squash(c.text) for c in body if c is not None and ms.squash(c.text)), "")
        # (page of the title, page of the table): the first page where the title is
        # followed by the first body row's text there, or ends the page and the next page
        # holds that text;
        # failing that (a cell wrapped around a number reads in another order), the first
        # page holding the title, as a title keeps with its table
        titled = [i for i in range(cur, len(pages)) if probe in pages[i]]
        if not titled:
            raise SystemExit(f"seed {D.seed}: title not found: {t.title}")
        cur, p0 = titled[0], titled[0]
        for i in titled:
            after = pages[i][pages[i].find(probe) + len(probe):]
            if first and first in after:
                cur, p0 = i, i
                break
            # an orphaned title: at most its caption lines after it on its page
            if first and i + 1 < len(pages) and len(after) < 80 and first in pages[i + 1]:
                cur, p0 = i, i + 1
                break
        last = "".join(ms.squash(c.text) for c in t.rows[-1] if c is not None and c.text)
        p1 = p0
        if last:
            for i in range(p0, len(pages)):
                if last in pages[i]:
                    p1 = i
                    break
        t.pages = list(range(p0 + 1, p1 + 2))
    return len(pages)


def truth(D, npages):
    tables = []
    for i, t in enumerate(D.tables):
        cells = t.truth()
        amounts = [c["text"] for c in cells if c["row"] >= t.header_rows and AMOUNT_RE.match(c["text"])
                   and t.col_kinds[c["col"]] == "amount"]
        tables.append({
            "index": i, "kind": t.kind, "title": t.title, "unit": t.unit_printed, "caption": t.caption,
            "note": t.note, "pages": t.pages, "header_rows": t.header_rows, "n_rows": len(t.rows),
            "n_cols": t.n_cols, "col_kinds": t.col_kinds, "style": t.style, "cells": cells,
            "amounts": amounts})
    return {"generator": "scripts/make_borderless.py", "hash": generator_hash(), "seed": D.seed,
            "pages": npages, "font": D.font, "tables": tables}


def build(seeds, out, fonts=None):
    """Makes the documents of `seeds` in `out` that are missing or were made by other code."""
    os.makedirs(out, exist_ok=True)
    gh = generator_hash()
    todo = []
    for s in seeds:
        stem = os.path.join(out, f"bl-s{s:04d}")
        ok = all(os.path.exists(stem + e) for e in (".pdf", ".json", ".hash"))
        if ok and open(stem + ".hash").read().strip() == gh:
            continue
        todo.append(s)
    if not todo:
        return
    fonts = fonts or ensure_fonts()
    work = tempfile.mkdtemp(prefix="gk-borderless-")
    try:
        profile = os.path.join(work, "lo-profile")
        for s in todo:
            D = Doc(s, fonts)
            make_tables(D)
            docx = os.path.join(work, f"bl-s{s:04d}.docx")
            render(D, docx)
            ms.soffice_convert([docx], work, profile)
            raw = docx[:-5] + ".pdf"
            npages = locate(D, raw)
            stem = os.path.join(out, f"bl-s{s:04d}")
            ms.finalize_pdf(raw, stem + ".pdf")
            tmp = stem + ".json.tmp"
            with open(tmp, "w", encoding="utf-8") as f:
                json.dump(truth(D, npages), f, ensure_ascii=False, indent=1)
            os.replace(tmp, stem + ".json")
            with open(stem + ".hash", "w") as f:
                f.write(gh + "\n")
            print(f"make_borderless: seed {s}: {npages} pages, {len(D.tables)} tables", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, action="append", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    build(a.seed, a.out)


if __name__ == "__main__":
    main()
