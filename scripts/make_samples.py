#!/usr/bin/env python3
"""Generate synthetic 部门预算/决算公开 PDFs (samples/) and their ground truth (golden/).

Ground truth is written from the data this script puts into the documents; it never comes
from gongkai. All randomness is seeded, and PDF metadata is rewritten, so that a re-run
reproduces samples/ and golden/ byte for byte.

Pipeline per document: build a data model bottom-up (leaves random, every total a sum),
lay it out as abstract tables (grid + merged cells), render them with python-docx, convert
with LibreOffice, find on which physical pages each table landed (pdftotext), post-process
(/Rotate 90 page, deterministic metadata), then write golden/<stem>.json. Scanned variants
are rasterised with pdftoppm, degraded with numpy/Pillow and wrapped with img2pdf.
"""
import copy
import hashlib
import io
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

import numpy as np
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT, WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.generic import ArrayObject, ByteStringObject, NameObject, RectangleObject

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLES = os.path.join(ROOT, "samples")
GOLDEN = os.path.join(ROOT, "golden")
SEED = 20251125
FIXED_DATE = "D:20250101000000Z"
SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"
SANS_TTC = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"

# --------------------------------------------------------------------------------------
# amounts: integers in fen (0.01 元)
# --------------------------------------------------------------------------------------
WAN = 10000  # fen per 0.01 万元 step... (1 万元 = 1,000,000 fen; 0.01 万元 = 10,000 fen)


def yuan(fen):
    if fen is None:
        return None
    s = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{s}{fen // 100}.{fen % 100:02d}"


def fmt(fen, unit, sep=False):
    """Printed text of an amount in the table's unit."""
    if fen is None:
        return ""
    if unit == "万元":
        assert fen % WAN == 0, fen
        h = fen // WAN
        ip, dp = h // 100, h % 100
    else:
        ip, dp = fen // 100, fen % 100
    s = f"{ip:,}" if sep else str(ip)
    return f"{s}.{dp:02d}"


def cn_date(year, month):
    d = "〇一二三四五六七八九"
    y = "".join(d[int(c)] for c in str(year))
    m = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"][month]
    return f"{y}年{m}月"


CN_ORD = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
          "十五", "十六", "十七", "十八", "十九", "二十", "二十一", "二十二", "二十三", "二十四",
          "二十五", "二十六"]

# --------------------------------------------------------------------------------------
# classification catalogues (names as of 2019+)
# --------------------------------------------------------------------------------------
CLASSES = [("201", "一般公共服务支出"), ("202", "外交支出"), ("203", "国防支出"), ("204", "公共安全支出"),
           ("205", "教育支出"), ("206", "科学技术支出"), ("207", "文化旅游体育与传媒支出"),
           ("208", "社会保障和就业支出"), ("209", "社会保险基金支出"), ("210", "卫生健康支出"),
           ("211", "节能环保支出"), ("212", "城乡社区支出"), ("213", "农林水支出"), ("214", "交通运输支出"),
           ("215", "资源勘探工业信息等支出"), ("216", "商业服务业等支出"), ("217", "金融支出"),
           ("219", "援助其他地区支出"), ("220", "自然资源海洋气象等支出"), ("221", "住房保障支出"),
           ("222", "粮油物资储备支出"), ("223", "国有资本经营预算支出"), ("224", "灾害防治及应急管理支出"),
           ("229", "其他支出"), ("232", "债务付息支出"), ("233", "债务发行费用支出")]
CLASS_NAME = dict(CLASSES)

KUAN = {
    "20103": "政府办公厅（室）及相关机构事务", "20105": "统计信息事务", "20501": "教育管理事务",
    "20502": "普通教育", "20503": "职业教育", "20507": "特殊教育", "20508": "进修及培训",
    "20509": "教育费附加安排的支出", "20701": "文化和旅游", "20702": "文物", "20802": "民政管理事务",
    "20805": "行政事业单位养老支出", "20808": "抚恤", "20810": "社会福利", "20820": "临时救助",
    "21001": "卫生健康管理事务", "21004": "公共卫生", "21011": "行政事业单位医疗",
    "21301": "农业农村", "21303": "水利", "22102": "住房改革支出", "22960": "彩票公益金安排的支出",
    "21208": "国有土地使用权出让收入安排的支出", "20106": "财政事务",
}
XIANG = {
    "2010301": "行政运行", "2010302": "一般行政管理事务", "2010350": "事业运行",
    "2010399": "其他政府办公厅（室）及相关机构事务支出",
    "2010501": "行政运行", "2010502": "一般行政管理事务", "2010505": "专项统计业务",
    "2010507": "专项普查活动", "2010508": "统计抽样调查", "2010550": "事业运行",
    "2050101": "行政运行", "2050102": "一般行政管理事务", "2050199": "其他教育管理事务支出",
    "2050201": "学前教育", "2050202": "小学教育", "2050203": "初中教育", "2050204": "高中教育",
    "2050299": "其他普通教育支出", "2050302": "中等职业教育", "2050701": "特殊学校教育",
    "2050802": "干部教育", "2050803": "培训支出", "2050999": "其他教育费附加安排的支出",
    "2070101": "行政运行", "2070102": "一般行政管理事务", "2070104": "图书馆", "2070108": "文化活动",
    "2070109": "群众文化", "2070111": "文化创作与保护", "2070199": "其他文化和旅游支出",
    "2070204": "文物保护", "2070205": "博物馆",
    "2080201": "行政运行", "2080202": "一般行政管理事务", "2080208": "基层政权建设和社区治理",
    "2080299": "其他民政管理事务支出", "2081002": "老年福利", "2081006": "养老服务",
    "2082001": "临时救助支出",
    "2080501": "行政单位离退休", "2080502": "事业单位离退休",
    "2080505": "机关事业单位基本养老保险缴费支出", "2080506": "机关事业单位职业年金缴费支出",
    "2080801": "死亡抚恤",
    "2100101": "行政运行", "2100102": "一般行政管理事务", "2100401": "疾病预防控制机构",
    "2100408": "基本公共卫生服务", "2100409": "重大公共卫生服务",
    "2101101": "行政单位医疗", "2101102": "事业单位医疗", "2101103": "公务员医疗补助",
    "2130101": "行政运行", "2130104": "事业运行", "2130108": "病虫害控制", "2130122": "农业生产发展",
    "2130135": "农业资源保护修复与利用",
    "2130301": "行政运行", "2130305": "水利工程建设", "2130306": "水利工程运行与维护",
    "2130310": "水土保持", "2130316": "农村水利", "2130399": "其他水利支出",
    "2210201": "住房公积金", "2210202": "提租补贴", "2210203": "购房补贴",
    "2296002": "用于社会福利的彩票公益金支出", "2296003": "用于体育事业的彩票公益金支出",
    "2120899": "其他国有土地使用权出让收入安排的支出",
    "2010601": "行政运行",
}
ECON_CLASS = {"301": "工资福利支出", "302": "商品和服务支出", "303": "对个人和家庭的补助", "310": "资本性支出"}
ECON = {
    "30101": "基本工资", "30102": "津贴补贴", "30103": "奖金", "30107": "绩效工资",
    "30108": "机关事业单位基本养老保险缴费", "30109": "职业年金缴费", "30110": "职工基本医疗保险缴费",
    "30111": "公务员医疗补助缴费", "30112": "其他社会保障缴费", "30113": "住房公积金",
    "30199": "其他工资福利支出",
    "30201": "办公费", "30202": "印刷费", "30205": "水费", "30206": "电费", "30207": "邮电费",
    "30209": "物业管理费", "30211": "差旅费", "30212": "因公出国（境）费用", "30213": "维修（护）费",
    "30215": "会议费", "30216": "培训费", "30217": "公务接待费", "30228": "工会经费", "30229": "福利费",
    "30231": "公务用车运行维护费", "30239": "其他交通费用", "30299": "其他商品和服务支出",
    "30302": "退休费", "30305": "生活补助", "30309": "奖励金",
    "31002": "办公设备购置", "31013": "公务用车购置",
}

# --------------------------------------------------------------------------------------
# regional title families
# --------------------------------------------------------------------------------------
TITLES = {
    "hebei": {
        "budget.summary": "部门预算收支总表", "budget.income": "部门预算收入总表",
        "budget.expenditure": "部门预算支出总表", "budget.fiscal_summary": "部门预算财政拨款收支总表",
        "budget.gpb_expenditure": "部门预算一般公共预算财政拨款支出表",
        "budget.gpb_basic": "部门预算一般公共预算财政拨款基本支出表",
        "budget.gf_expenditure": "部门预算政府性基金预算财政拨款支出表",
        "budget.soc_expenditure": "部门预算国有资本经营预算财政拨款支出表",
        "budget.three_public": "部门预算财政拨款“三公”经费支出预算总表",
    },
    "mof": {
        "budget.summary": "部门收支总表", "budget.income": "部门收入总表", "budget.expenditure": "部门支出总表",
        "budget.fiscal_summary": "财政拨款收支总表", "budget.gpb_expenditure": "一般公共预算支出表",
        "budget.gpb_basic": "一般公共预算基本支出表", "budget.gf_expenditure": "政府性基金预算支出表",
        "budget.soc_expenditure": "国有资本经营预算支出表",
        "budget.three_public": "一般公共预算“三公”经费支出表",
    },
    "shanghai": {
        "budget.summary": "部门财务收支预算总表", "budget.income": "部门收入预算总表",
        "budget.expenditure": "部门支出预算总表", "budget.fiscal_summary": "部门财政拨款收支预算总表",
        "budget.gpb_expenditure": "部门一般公共预算支出功能分类预算表",
        "budget.gpb_basic": "部门一般公共预算基本支出部门预算经济分类预算表",
        "budget.gf_expenditure": "部门政府性基金预算支出功能分类预算表",
        "budget.soc_expenditure": "部门国有资本经营预算支出功能分类预算表",
        "budget.three_public": "部门“三公”经费和机关运行经费预算表",
    },
    "jiangsu": {
        "budget.summary": "收支预算总表", "budget.income": "收入预算总表", "budget.expenditure": "支出预算总表",
        "budget.fiscal_summary": "财政拨款收支预算总表",
        "budget.gpb_expenditure": "一般公共预算支出预算表（功能科目）",
        "budget.gpb_basic": "一般公共预算基本支出预算表（经济科目）",
        "budget.gf_expenditure": "政府性基金预算财政拨款支出预算表",
        "budget.soc_expenditure": "国有资本经营预算财政拨款支出预算表",
        "budget.three_public": "一般公共预算“三公”经费支出预算表",
    },
    "final": {
        "final.summary": "收入支出决算总表", "final.income": "收入决算表", "final.expenditure": "支出决算表",
        "final.fiscal_summary": "财政拨款收入支出决算总表",
        "final.gpb_expenditure": "一般公共预算财政拨款支出决算表",
        "final.gpb_basic": "一般公共预算财政拨款基本支出决算表",
        "final.gf": "政府性基金预算财政拨款收入支出决算表",
        "final.soc": "国有资本经营预算财政拨款支出决算表",
        "final.three_public": "财政拨款“三公”经费支出决算表",
    },
}
BUDGET_ORDER = ["budget.summary", "budget.income", "budget.expenditure", "budget.fiscal_summary",
                "budget.gpb_expenditure", "budget.gpb_basic", "budget.gf_expenditure",
                "budget.soc_expenditure", "budget.three_public"]
FINAL_ORDER = ["final.summary", "final.income", "final.expenditure", "final.fiscal_summary",
               "final.gpb_expenditure", "final.gpb_basic", "final.gf", "final.soc", "final.three_public"]

# --------------------------------------------------------------------------------------
# document specifications
# --------------------------------------------------------------------------------------
DOCS = [
    dict(stem="budget-2025-hebei-linhe-education", kind="budget", family="hebei", year=2025, month=3,
         province="河北省", city="临河市", district="滨海新区", dept_code="205",
         dept="临河市滨海新区教育局", short="滨海新区教育局", sector="edu", unit="万元", sep=False,
         layout="ruled_open_sides", n_projects=12, big=True, tables_first=True, font=10,
         units=[("临河市滨海新区教育局(本级)", "行政", "正处级", "财政拨款"),
                ("临河市滨海新区教育技术装备中心", "事业", "正科级", "财政拨款"),
                ("临河市滨海新区教师发展中心", "事业", "正科级", "财政拨款")],
         region_prefix="130391"),
    dict(stem="budget-2025-shanghai-yunpu-culture", kind="budget", family="shanghai", year=2025, month=2,
         province="上海市", city="上海市", district="云浦区", dept_code="118",
         dept="上海市云浦区文化和旅游局", short="云浦区文化旅游局", sector="culture", unit="元", sep=True,
         layout="ruled", n_projects=6, landscape_tables=True, three_codes=True, font=9,
         units=[("上海市云浦区文化和旅游局(本级)", "行政", "正处级", "财政拨款"),
                ("上海市云浦区图书馆", "事业", "正科级", "财政补助"),
                ("上海市云浦区文化馆", "事业", "正科级", "财政补助")],
         region_prefix="310119"),
    dict(stem="budget-2024-central-statistics", kind="budget", family="mof", year=2024, month=3,
         province="北平省", city="东川市", district="", dept_code="131",
         dept="东川市统计局", short="市统计局", sector="stats", unit="万元", sep=False,
         layout="ruled", n_projects=5, rotate_table="budget.three_public", font=9,
         units=[("东川市统计局(本级)", "行政", "正处级", "财政拨款"),
                ("东川市社会经济调查队", "事业", "正科级", "财政拨款")],
         region_prefix="110231"),
    dict(stem="budget-2023-hebei-qingshui-water", kind="budget", family="hebei", year=2023, month=3,
         province="河北省", city="青水市", district="柳川县", dept_code="312",
         dept="青水市柳川县水利局", short="柳川县水利局", sector="water", unit="万元", sep=False,
         layout="borderless", n_projects=5, tables_first=True, font=9,
         units=[("青水市柳川县水利局(本级)", "行政", "正科级", "财政拨款"),
                ("柳川县水利工程管理站", "事业", "股级", "财政拨款")],
         region_prefix="130826"),
    dict(stem="budget-2026-jiangsu-nanhu-health", kind="budget", family="jiangsu", year=2026, month=1,
         province="江苏省", city="南湖市", district="", dept_code="416",
         dept="南湖市卫生健康委员会", short="市卫生健康委", sector="health", unit="万元", sep=True,
         layout="ruled_open_sides", n_projects=8, landscape_table="budget.fiscal_summary", font=9,
         units=[("南湖市卫生健康委员会(本级)", "行政", "正处级", "财政拨款"),
                ("南湖市疾病预防控制中心", "事业", "正处级", "财政拨款"),
                ("南湖市卫生健康综合监督执法局", "参公", "副处级", "财政拨款")],
         region_prefix="320611"),
    dict(stem="budget-2024-mof-hexi-civil", kind="budget", family="mof", year=2024, month=2,
         province="甘凉省", city="河西市", district="安平区", dept_code="224",
         dept="河西市安平区民政局", short="安平区民政局", sector="civil", unit="万元", sep=False,
         layout="ruled_open_sides", n_projects=10, gov_fund=True, font=9,
         units=[("河西市安平区民政局(本级)", "行政", "正科级", "财政拨款"),
                ("安平区社会福利院", "事业", "股级", "财政补助")],
         region_prefix="620702"),
    dict(stem="final-2024-hebei-changfeng-agri", kind="final", family="final", year=2024, month=8,
         province="河北省", city="长丰市", district="", dept_code="407",
         dept="长丰市农业农村局", short="市农业农村局", sector="agri", unit="万元", sep=True,
         layout="ruled", n_projects=0, font=9,
         units=[("长丰市农业农村局(本级)", "行政", "正处级", "财政拨款"),
                ("长丰市农业技术推广站", "事业", "正科级", "财政拨款")],
         region_prefix="130999"),
]
WRONG_OF = "budget-2025-shanghai-yunpu-culture"
SCANS = [("budget-2024-central-statistics", True), ("budget-2023-hebei-qingshui-water", False),
         ("final-2024-hebei-changfeng-agri", False)]

SECTORS = {
    "edu": dict(main=["20501", "20502", "20503", "20507", "20508", "20509"],
                run="2050101", busy="2050102",
                projects=["学前教育普惠性资助", "义务教育阶段学生营养改善", "中小学校舍维修改造", "教师培训提升",
                          "教育信息化设备购置", "校园安全技防系统运维", "高中教育质量提升", "职业教育实训基地建设",
                          "特殊教育送教上门", "学生资助管理", "课后服务补助", "中小学图书购置", "教研活动经费",
                          "招生考试组织"]),
    "culture": dict(main=["20701", "20702"], run="2070101", busy="2070102",
                    projects=["公共文化服务体系建设", "非物质文化遗产保护", "文物保护修缮", "图书馆数字资源购置",
                              "群众文化活动补贴", "旅游市场监管执法", "博物馆陈列布展"]),
    "stats": dict(main=["20105"], run="2010501", busy="2010502",
                  projects=["经济普查专项", "统计执法检查", "统计数据采集处理", "统计信息化平台运维",
                            "抽样调查劳务", "统计年鉴编印"]),
    "water": dict(main=["21303"], run="2130301", busy="2130305",
                  projects=["农村饮水安全维修养护", "河道清淤整治", "水土保持监测", "小型水库安全运行管护",
                            "防汛抗旱物资储备", "灌区节水改造"]),
    "health": dict(main=["21001", "21004"], run="2100101", busy="2100102",
                   projects=["基本公共卫生服务项目", "重大传染病防控", "慢性病综合防控", "卫生监督执法",
                             "医疗卫生人才培养", "免疫规划疫苗冷链运维", "健康教育宣传", "职业病防治",
                             "妇幼健康服务", "院前急救体系建设"]),
    "civil": dict(main=["20802", "20810", "20820"], run="2080201", busy="2080202",
                  projects=["社区治理能力提升", "居家养老服务补贴", "临时救助资金", "困境儿童保障",
                            "殡葬服务设施运维", "婚姻登记服务", "社会组织培育", "养老机构运营补贴",
                            "低收入人口动态监测", "区划地名管理", "老年助餐服务"]),
    "agri": dict(main=["21301"], run="2130101", busy="2130122",
                 projects=["高标准农田建设", "农作物病虫害统防统治", "农业技术推广补助", "农村人居环境整治"]),
}
ITEMS_BY_KUAN = {}
for c in XIANG:
    ITEMS_BY_KUAN.setdefault(c[:5], []).append(c)


# --------------------------------------------------------------------------------------
# abstract table
# --------------------------------------------------------------------------------------
class Cell:
    def __init__(self, text, rs=1, cs=1, align="c", bold=False):
        self.text, self.rs, self.cs, self.align, self.bold = text, rs, cs, align, bold


class Table:
    """A grid: rows are lists of Cell or None (covered by a merge)."""

    def __init__(self, ttype, title, unit, widths, header_rows, caption=None):
        self.ttype, self.title, self.unit, self.widths = ttype, title, unit, widths
        self.header_rows = header_rows
        self.caption = caption or []
        self.rows = []
        self.note = None
        self.empty_declared = False
        self.layout = None
        self.font = None
        self.landscape = False
        self.rotate = False
        self.flow = False  # part of a narrative block (not followed by a page break)
        self.probe = None  # text in the last row, to check the table ends on its title page
        self.unit_caption = None  # unit printed in the caption when not `unit` (a publisher's error)

    @property
    def n_cols(self):
        return len(self.widths)

    def add(self, cells):
        """cells: list of Cell/str/None in grid order; str -> Cell(text). Returns row index."""
        row = []
        for c in cells:
            if isinstance(c, str):
                c = Cell(c)
            row.append(c)
        assert len(row) == self.n_cols, (self.title, len(row), self.n_cols)
        self.rows.append(row)
        return len(self.rows) - 1

    def fill_covers(self):
        covered = set()
        for r, row in enumerate(self.rows):
            for c, cell in enumerate(row):
                if cell is not None and (r, c) not in covered:
                    for dr in range(cell.rs):
                        for dc in range(cell.cs):
                            if dr or dc:
                                covered.add((r + dr, c + dc))
        for (r, c) in covered:
            assert self.rows[r][c] is None, (self.title, r, c, self.rows[r][c].text)

    def golden(self):
        self.fill_covers()
        grid = [[None if c is None else norm_ws(c.text) for c in row] for row in self.rows]
        cells = []
        for r, row in enumerate(self.rows):
            for c, cell in enumerate(row):
                if cell is not None:
                    cells.append({"row": r, "col": c, "rowspan": cell.rs, "colspan": cell.cs,
                                  "text": norm_ws(cell.text)})
        return grid, cells


def norm_ws(s):
    s = re.sub(r"\s+", " ", s).strip()
    return s


# --------------------------------------------------------------------------------------
# budget data model
# --------------------------------------------------------------------------------------
SRC = ["general", "fund", "soc", "business", "other"]


class Budget:
    pass


def rnd_amt(rng, lo, hi, unit_step):
    """random amount in fen, a multiple of unit_step fen, between lo and hi 万元."""
    v = rng.randint(int(lo * 100), int(hi * 100))  # hundredths of 万元
    fen = v * WAN
    if unit_step < WAN:  # 元 document: add cents noise
        fen += rng.randint(0, WAN - 1) // unit_step * unit_step
    return fen


def build_budget(spec, rng):
    b = Budget()
    step = WAN if spec["unit"] == "万元" else 1  # resolution in fen of printed amounts
    b.step = step
    sec = SECTORS[spec["sector"]]
    # ---- choose 项 codes
    items = []
    for k in sec["main"]:
        cand = ITEMS_BY_KUAN[k]
        n = len(cand) if spec.get("big") else max(2, min(len(cand), rng.randint(2, 4)))
        chosen = [c for c in cand if c in (sec["run"], sec["busy"])]
        rest = [c for c in cand if c not in chosen]
        rng.shuffle(rest)
        chosen += rest[: max(0, n - len(chosen))]
        items += sorted(chosen)
    pers = ["2080505", "2080506", "2101101", "2210201"]
    if spec.get("big"):
        pers += ["2080501", "2080502", "2101102", "2101103", "2210202", "2210203", "2080801"]
    elif rng.random() < 0.5:
        pers += ["2101103"]
    fund_items = ["2296002", "2296003"] if spec.get("gov_fund") else []
    items = sorted(set(items + pers + fund_items))
    b.items = items
    # ---- economic leaves of basic spending (general budget only)
    econ = {}
    size = {"edu": 3.0, "culture": 1.5, "stats": 1.0, "water": 0.8, "health": 2.2, "civil": 1.2,
            "agri": 1.3}[spec["sector"]]
    def a(lo, hi, st=None):
        return rnd_amt(rng, lo * size, hi * size, st or step)
    econ["30101"] = a(120, 260); econ["30102"] = a(80, 200); econ["30103"] = a(10, 40)
    econ["30107"] = a(60, 150); econ["30108"] = a(40, 80); econ["30109"] = a(15, 40)
    econ["30110"] = a(20, 50); econ["30112"] = a(1, 5); econ["30113"] = a(30, 70)
    if "2101103" in items:
        econ["30111"] = a(3, 12)
    if rng.random() < 0.6:
        econ["30199"] = a(2, 20)
    for k, (lo, hi) in {"30201": (3, 15), "30202": (0.5, 4), "30205": (0.5, 3), "30206": (2, 10),
                        "30207": (1, 5), "30209": (5, 25), "30211": (2, 10), "30213": (2, 12),
                        "30215": (0.5, 3), "30216": (1, 6), "30228": (3, 8), "30229": (2, 6),
                        "30239": (5, 20), "30299": (1, 15)}.items():
        if rng.random() < 0.85 or k in ("30201", "30211"):
            econ[k] = a(lo, hi, WAN)  # public spending: whole 100 元 (printed in 万元 in the 三公 table)
    # 三公 (multiples of 100 元 so that the 万元 三公 table is exact)
    tp = {}
    tp["abroad"] = 0 if rng.random() < 0.6 else rnd_amt(rng, 1, 8, WAN)
    tp["vehicle_purchase"] = 0 if rng.random() < 0.7 else rnd_amt(rng, 15, 30, WAN)
    tp["vehicle_operation"] = 0 if rng.random() < 0.15 else rnd_amt(rng, 1, 12, WAN)
    tp["reception"] = rnd_amt(rng, 0.1, 3, WAN)
    tp["vehicle_total"] = tp["vehicle_purchase"] + tp["vehicle_operation"]
    tp["total"] = tp["abroad"] + tp["vehicle_total"] + tp["reception"]
    b.three_public = tp
    if tp["abroad"]:
        econ["30212"] = tp["abroad"]
    econ["30217"] = tp["reception"]
    if tp["vehicle_operation"]:
        econ["30231"] = tp["vehicle_operation"]
    if tp["vehicle_purchase"]:
        econ["31013"] = tp["vehicle_purchase"]
    econ["30302"] = a(5, 30)
    if rng.random() < 0.5:
        econ["30305"] = a(1, 6)
    if rng.random() < 0.5:
        econ["30309"] = a(0.2, 2)
    if rng.random() < 0.6:
        econ["31002"] = a(1, 8, WAN)
    b.econ = dict(sorted(econ.items()))
    b.personnel = sum(v for k, v in econ.items() if k[:3] in ("301", "303"))
    b.public = sum(v for k, v in econ.items() if k[:3] in ("302", "310"))
    b.basic = b.personnel + b.public
    # ---- distribute basic over 项
    m = {c: {s: {"basic": 0, "project": 0} for s in SRC} for c in items}
    mapping = {"2080505": ["30108"], "2080506": ["30109"], "2101101": ["30110"], "2101103": ["30111"],
               "2210201": ["30113"]}
    used = set()
    for code, ks in mapping.items():
        if code in m:
            amt = sum(econ.get(k, 0) for k in ks)
            m[code]["general"]["basic"] = amt
            used.update(ks)
    rest = sum(v for k, v in econ.items() if k not in used)
    # split "rest" between 行政运行, retirees, and (big) 事业单位医疗/提租补贴 etc.
    extra_basic = [c for c in ("2080501", "2080502", "2101102", "2210202", "2210203") if c in m]
    for c in extra_basic:
        amt = min(rest // 10, rnd_amt(rng, 3 * size, 15 * size, step))
        amt -= amt % step
        m[c]["general"]["basic"] = amt
        rest -= amt
    m[sec["run"]]["general"]["basic"] = rest
    # ---- projects
    b.projects = []
    names = list(sec["projects"])
    rng.shuffle(names)
    proj_items = [c for c in items if c not in pers and c != sec["run"] and c not in fund_items] or [sec["busy"]]
    for i in range(spec["n_projects"]):
        p = {}
        p["name"] = names[i % len(names)] + ("" if i < len(names) else "（二期）")
        p["fiscal"] = rnd_amt(rng, 2, 80 * size / 2, WAN)
        p["other"] = 0 if rng.random() < 0.7 else rnd_amt(rng, 0.5, 10, WAN)
        p["total"] = p["fiscal"] + p["other"]
        p["item"] = proj_items[i % len(proj_items)] if i < len(proj_items) else rng.choice(proj_items)
        b.projects.append(p)
    for p in b.projects:
        m[p["item"]]["general"]["project"] += p["fiscal"]
        m[p["item"]]["business" if rng.random() < 0.5 else "other"]["project"] += p["other"]
    # unlisted project money (no target table), and items with only project money
    for c in proj_items:
        if rng.random() < 0.6 or all(m[c][s][u] == 0 for s in SRC for u in ("basic", "project")):
            m[c]["general"]["project"] += rnd_amt(rng, 0.5, 20 * size, step)
    if spec["sector"] == "edu":  # some 事业收入 basic-free project money
        m["2050204"]["business"]["project"] += rnd_amt(rng, 20, 60, step)
    for c in fund_items:
        m[c]["fund"]["project"] += rnd_amt(rng, 10, 60, step)
    if spec.get("big"):  # 其他收入 on one item
        m["2050299"]["other"]["project"] += rnd_amt(rng, 1, 9, step)
    b.m = m
    # ---- procurement (万元 table)
    b.procurement = []
    cat = [("C", "C200307", "群众文化活动服务", "年"), ("A", "A02010104", "台式计算机", "台"),
           ("A", "A02021001", "A3黑白打印机", "台"), ("C", "C1601", "物业管理服务", "年"),
           ("C", "C200599", "其他教育服务", "项"), ("B", "B070100", "修缮工程", "项"),
           ("A", "A05010201", "办公椅", "把"), ("C", "C16110000", "印刷服务", "批")]
    if b.projects:
        for j in range(rng.randint(3, 5)):
            p = b.projects[j % len(b.projects)]
            kind, code, item, mu = cat[rng.randrange(len(cat))]
            qty = 1 if mu in ("年", "项", "批") else rng.randint(2, 30)
            budget_left = p["fiscal"] // WAN
            price = max(1, min(budget_left // qty // (2 if qty > 1 else 1), rng.randint(20, 3000))) * WAN
            if qty == 1:
                price = max(WAN, (p["fiscal"] // WAN * rng.randint(30, 90) // 100) * WAN)
            total = qty * price
            assert total <= p["total"]
            b.procurement.append(dict(project=p, kind=kind, code=code, item=item, mu=mu, qty=qty,
                                      price=price, total=total, general=total))
    # ---- assets (narrative list)
    b.assets = [(n, rnd_amt(rng, 0.5, 30, WAN)) for n in rng.sample(
        ["办公设备更新购置", "档案密集架购置", "视频会议系统购置", "正版办公软件采购", "业务用车更新",
         "执法记录仪购置"], rng.randint(2, 4))]
    return b


def sums_by(b, codes_len):
    pass


def item_total(b, c, use=None, src=None):
    s = 0
    for sr in SRC:
        if src and sr not in src:
            continue
        for u in ("basic", "project"):
            if use and u != use:
                continue
            s += b.m[c][sr][u]
    return s


def hier_rows(codes, val):
    """Class/款/项 rows for the given 项 codes. val(list_of_项) -> dict of column sums.
    Returns list of (code, name, kind, values)."""
    out = []
    classes = sorted({c[:3] for c in codes})
    for cl in classes:
        cc = [c for c in codes if c[:3] == cl]
        out.append((cl, CLASS_NAME[cl], "class", val(cc)))
        for k in sorted({c[:5] for c in cc}):
            kc = [c for c in cc if c[:5] == k]
            out.append((k, KUAN[k], "kuan", val(kc)))
            for x in kc:
                out.append((x, XIANG[x], "item", val([x])))
    return out


# --------------------------------------------------------------------------------------
# table builders (budget)
# --------------------------------------------------------------------------------------
def amt_cells(values, cols, unit, sep, zero_blank=True):
    out = []
    for k in cols:
        v = values.get(k)
        if v is None or (zero_blank and v == 0):
            out.append(Cell("", align="r"))
        else:
            out.append(Cell(fmt(v, unit, sep), align="r"))
    return out


def rec_values(values, cols, zero_blank=True):
    return {k: (None if values.get(k) is None or (zero_blank and values.get(k) == 0) else yuan(values[k]))
            for k in cols}


class Doc:
    """Everything needed to render one PDF and its golden file."""

    def __init__(self, spec):
        self.spec = spec
        self.blocks = []  # list of dict(kind, probe, items=[...])
        self.tables = []
        self.records = {}
        self.facts = []
        self.procurement = []
        self.projects = []


def code_cells(code, three):
    if not three:
        return [Cell(code, align="l")]
    parts = [code[:3], code[3:5] if len(code) >= 5 else "", code[5:7] if len(code) >= 7 else ""]
    return [Cell(p) for p in parts]


def code_header(three, label="科目编码"):
    """Two header rows for the code column(s)."""
    if three:
        return [[Cell(label, cs=3), None, None], [Cell("类"), Cell("款"), Cell("项")]]
    return [[Cell(label, rs=2)], [None]]


def new_table(D, ttype, title, unit, widths, header_rows, caption=None):
    t = Table(ttype, title, unit, widths, header_rows, caption)
    spec = D.spec
    t.layout = spec["layout"]
    t.font = spec.get("font", 9)
    D.tables.append(t)
    return t


def caption_for(D):
    s = D.spec
    if s["family"] == "hebei":
        return [f"{s['dept_code']} {s['dept']}"]
    if s["family"] == "shanghai":
        return [f"编制部门：{s['dept']}"]
    if s["family"] == "final":
        return [f"编制单位：{s['dept']}"]
    return []


def title_of(D, tt):
    s = D.spec
    t = TITLES[s["family"]][tt]
    if s["family"] == "shanghai":
        return f"{s['year']}年{t}"
    if s["family"] == "jiangsu":
        return f"表{BUDGET_ORDER.index(tt) + 1} {t}"
    if s["family"] == "final":
        return f"{s['year']}年度{t}"
    return t


def widths_fit(widths, total):
    k = total / sum(widths)
    return [w * k for w in widths]


def build_budget_tables(D, b):
    s = D.spec
    unit, sep = s["unit"], s["sep"]
    three = s.get("three_codes", False)
    W = 24.5 if s.get("landscape_tables") else 16.0
    cap = caption_for(D)
    year = s["year"]
    fam = s["family"]
    gen_items = [c for c in b.items if item_total(b, c, src=["general"]) > 0]
    fund_items = [c for c in b.items if item_total(b, c, src=["fund"]) > 0]

    # ---------------- budget.summary
    income_lines = []  # (line, label, value, level)
    G = sum(item_total(b, c, src=["general"]) for c in b.items)
    F = sum(item_total(b, c, src=["fund"]) for c in b.items)
    S = sum(item_total(b, c, src=["soc"]) for c in b.items)
    BUS = sum(item_total(b, c, src=["business"]) for c in b.items)
    OTH = sum(item_total(b, c, src=["other"]) for c in b.items)
    TOTAL = G + F + S + BUS + OTH
    D.totals = dict(G=G, F=F, S=S, BUS=BUS, OTH=OTH, TOTAL=TOTAL)
    if fam == "shanghai":
        income_lines = [("income.fiscal", "一、财政拨款收入", G + F + S, 1),
                        ("income.general_budget", "1.一般公共预算资金", G, 2),
                        ("income.gov_fund", "2.政府性基金", F, 2),
                        ("income.state_capital", "3.国有资本经营预算", S, 2),
                        ("income.business", "二、事业收入", BUS, 1),
                        ("income.operating", "三、事业单位经营收入", 0, 1),
                        ("income.other", "四、其他收入", OTH, 1)]
        this_label, carry_label, tot_label = "当年收入小计", "五、上年结转和结余", "收入合计"
        e_this, e_carry, e_tot = "当年支出小计", "结转下年", "支出合计"
    elif fam == "jiangsu":
        income_lines = [("income.general_budget", "一、一般公共预算资金", G, 1),
                        ("income.gov_fund", "二、政府性基金", F, 1),
                        ("income.special_account", "三、财政专户管理资金", 0, 1),
                        ("income.business", "四、事业收入", BUS, 1),
                        ("income.other", "五、其他资金", OTH, 1)]
        this_label, carry_label, tot_label = "本年收入合计", "上年结转资金", "收入总计"
        e_this, e_carry, e_tot = "本年支出合计", "结转下年资金", "支出总计"
    else:
        income_lines = [("income.general_budget", "一、一般公共预算拨款收入", G, 1),
                        ("income.gov_fund", "二、政府性基金预算拨款收入", F, 1),
                        ("income.state_capital", "三、国有资本经营预算拨款收入", S, 1),
                        ("income.special_account", "四、财政专户管理资金收入", 0, 1),
                        ("income.business", "五、事业收入", BUS, 1),
                        ("income.operating", "六、事业单位经营收入", 0, 1),
                        ("income.superior", "七、上级补助收入", 0, 1),
                        ("income.other", "八、其他收入", OTH, 1)]
        this_label, carry_label, tot_label = "本年收入合计", "上年结转", "收入总计"
        e_this, e_carry, e_tot = "本年支出合计", "结转下年", "支出总计"
    class_tot = {}
    for c in b.items:
        class_tot[c[:3]] = class_tot.get(c[:3], 0) + item_total(b, c)
    show_all = fam in ("hebei", "mof")
    exp_lines = []
    for i, (code, name) in enumerate(CLASSES):
        if show_all or code in class_tot:
            exp_lines.append((f"expenditure.func.{code}", f"{CN_ORD[len(exp_lines)]}、{name}",
                              class_tot.get(code), code))
    t = new_table(D, "budget.summary", title_of(D, "budget.summary"), unit,
                  widths_fit([6, 3, 6, 3], W), 2, cap)
    t.add([Cell("收入", cs=2), None, Cell("支出", cs=2), None])
    t.add(["项目", "预算数", "项目", "预算数"])
    n = max(len(income_lines), len(exp_lines))
    recs = []
    for i in range(n):
        row = []
        if i < len(income_lines):
            line, lab, v, lvl = income_lines[i]
            row += [Cell(lab, align="l"), Cell(fmt(v, unit, sep) if v else "", align="r")]
            recs.append(dict(side="income", line=line, name=lab, kind="item", level=lvl, code=None,
                             values={"amount": yuan(v) if v else None}))
        else:
            row += [Cell("", align="l"), Cell("", align="r")]
        if i < len(exp_lines):
            line, lab, v, code = exp_lines[i]
            row += [Cell(lab, align="l"), Cell(fmt(v, unit, sep) if v else "", align="r")]
            recs.append(dict(side="expenditure", line=line, name=lab, kind="class", level=1, code=None,
                             class_code=code, values={"amount": yuan(v) if v else None}))
        else:
            row += [Cell("", align="l"), Cell("", align="r")]
        t.add(row)
    # parents of level-2 income lines
    for r in recs:
        if r["side"] == "income" and r["level"] == 2:
            r["parent_line"] = "income.fiscal"
    t.add([Cell(this_label), Cell(fmt(TOTAL, unit, sep), align="r"), Cell(e_this),
           Cell(fmt(TOTAL, unit, sep), align="r")])
    recs.append(dict(side="income", line="income.this_year_total", name=this_label, kind="total", level=0,
                     code=None, values={"amount": yuan(TOTAL)}))
    recs.append(dict(side="expenditure", line="expenditure.this_year_total", name=e_this, kind="total",
                     level=0, code=None, values={"amount": yuan(TOTAL)}))
    t.add([Cell(carry_label, align="l"), Cell("", align="r"), Cell(e_carry, align="l"), Cell("", align="r")])
    recs.append(dict(side="income", line="income.carry_forward", name=carry_label, kind="item", level=0,
                     code=None, values={"amount": None}))
    recs.append(dict(side="expenditure", line="expenditure.carry_forward", name=e_carry, kind="item",
                     level=0, code=None, values={"amount": None}))
    t.add([Cell(tot_label), Cell(fmt(TOTAL, unit, sep), align="r"), Cell(e_tot),
           Cell(fmt(TOTAL, unit, sep), align="r")])
    t.grand_row = len(t.rows) - 1
    recs.append(dict(side="income", line="income.grand_total", name=tot_label, kind="grand_total", level=0,
                     code=None, values={"amount": yuan(TOTAL)}))
    recs.append(dict(side="expenditure", line="expenditure.grand_total", name=e_tot, kind="grand_total",
                     level=0, code=None, values={"amount": yuan(TOTAL)}))
    D.records["budget.summary"] = dict(unit=unit, columns=["amount"], rows=recs, row_sums=[])
    t.probe = tot_label

    # ---------------- helper for class/款/项 tables
    def hier_table(tt, cols, col_heads, values_fn, codes, top_total=True, widths_amt=3.0,
                   super_head=None):
        code_w = [1.3, 1.0, 1.0] if three else [2.0]
        amt_w = 2.6 if unit == "元" else 2.1 if sep else 2.0
        widths = code_w + [W - sum(code_w) - amt_w * len(cols)] + [amt_w] * len(cols)
        two = bool(super_head or three)
        t = new_table(D, tt, title_of(D, tt), unit, widths, 2 if two else 1, cap)
        ch = code_header(three)
        nc = len(code_w)
        if super_head:
            # row 0: code header | name (rowspan 2) | super head over the amount columns
            t.add(ch[0] + [Cell("科目名称", rs=2)] + [Cell(super_head, cs=len(cols))] + [None] * (len(cols) - 1))
            t.add(ch[1] + [None] + [Cell(h) for h in col_heads])
        elif three:
            t.add(ch[0] + [Cell("科目名称", rs=2)] + [Cell(h, rs=2) for h in col_heads])
            t.add(ch[1] + [None] + [None] * len(cols))
        else:
            # a single header row (a row made only of merge continuations breaks header repetition)
            t.add([Cell("科目编码"), Cell("科目名称")] + [Cell(h) for h in col_heads])
        rows = hier_rows(codes, values_fn)
        total = values_fn(codes)
        recs = []
        def total_row():
            t.add([Cell("合计", cs=nc + 1)] + [None] * nc + amt_cells(total, cols, unit, sep, False))
            recs.append(dict(code=None, name="合计", kind="total", values=rec_values(total, cols, False)))
        if top_total:
            total_row()
        for code, name, kind, vals in rows:
            t.add(code_cells(code, three) + [Cell(name, align="l")] + amt_cells(vals, cols, unit, sep))
            recs.append(dict(code=code, name=name, kind=kind, values=rec_values(vals, cols)))
        if not top_total:
            total_row()
        D.records[tt] = dict(unit=unit, columns=cols, rows=recs,
                             row_sums=[{"total": cols[0], "parts": cols[1:]}], code_system="gov_function")
        fit_amount_columns(t, nc + 1, W)
        t.probe = rows[-1][1] if not top_total else rows[-1][1]
        if not top_total:
            t.probe = "合计"
        return t

    top_total = fam != "shanghai"
    # ---------------- budget.income
    inc_cols = ["total", "general_budget", "gov_fund", "state_capital", "business", "other"]
    inc_heads = ["合计", "一般公共预算拨款收入", "政府性基金预算拨款收入", "国有资本经营预算拨款收入",
                 "事业收入", "其他收入"]
    if fam == "shanghai":
        inc_cols = ["total", "fiscal", "business", "operating", "other"]
        inc_heads = ["合计", "财政拨款收入", "事业收入", "事业单位经营收入", "其他收入"]

    def inc_vals(cs):
        g = sum(item_total(b, c, src=["general"]) for c in cs)
        f = sum(item_total(b, c, src=["fund"]) for c in cs)
        so = sum(item_total(b, c, src=["soc"]) for c in cs)
        bu = sum(item_total(b, c, src=["business"]) for c in cs)
        ot = sum(item_total(b, c, src=["other"]) for c in cs)
        return dict(total=g + f + so + bu + ot, general_budget=g, gov_fund=f, state_capital=so, business=bu,
                    other=ot, fiscal=g + f + so, operating=0)
    hier_table("budget.income", inc_cols, inc_heads, inc_vals, b.items, top_total,
               widths_amt=2.4 if len(inc_cols) > 5 else 3.0,
               super_head="收入预算" if fam == "shanghai" else None)

    # ---------------- budget.expenditure
    def exp_vals(cs):
        bs = sum(item_total(b, c, use="basic") for c in cs)
        pj = sum(item_total(b, c, use="project") for c in cs)
        return dict(total=bs + pj, basic=bs, project=pj)
    hier_table("budget.expenditure", ["total", "basic", "project"], ["合计", "基本支出", "项目支出"],
               exp_vals, b.items, top_total)

    # ---------------- budget.fiscal_summary
    fc_tot = {}
    for c in b.items:
        for sname in ("general", "fund", "soc"):
            v = item_total(b, c, src=[sname])
            if v:
                d = fc_tot.setdefault(c[:3], {"general": 0, "fund": 0, "soc": 0})
                d[sname] += v
    FT = G + F + S
    land = s.get("landscape_table") == "budget.fiscal_summary"
    Wf = 24.5 if land else W
    aw = 2.6 if unit == "元" else 2.1 if sep else 1.9
    lw = (Wf - 5 * aw) / 2
    t = new_table(D, "budget.fiscal_summary", title_of(D, "budget.fiscal_summary"), unit,
                  [lw, aw, lw, aw, aw, aw, aw], 2, cap)
    t.landscape = land
    t.add([Cell("收入", cs=2), None, Cell("支出", cs=5), None, None, None, None])
    t.add(["项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"])
    inc = [("income.general_budget", "一、一般公共预算拨款收入", G), ("income.gov_fund", "二、政府性基金预算拨款收入", F),
           ("income.state_capital", "三、国有资本经营预算拨款收入", S)]
    exps = []
    for code, name in CLASSES:
        if code in fc_tot or show_all:
            v = fc_tot.get(code, {"general": 0, "fund": 0, "soc": 0})
            exps.append((code, f"{CN_ORD[len(exps)]}、{name}", v))
    recs = []
    ecols = ["total", "general_budget", "gov_fund", "state_capital"]
    for i in range(max(len(inc), len(exps))):
        row = []
        if i < len(inc):
            line, lab, v = inc[i]
            row += [Cell(lab, align="l"), Cell(fmt(v, unit, sep) if v else "", align="r")]
            recs.append(dict(side="income", line=line, name=lab, kind="item", level=1, code=None,
                             values={"amount": yuan(v) if v else None}))
        else:
            row += [Cell("", align="l"), Cell("", align="r")]
        if i < len(exps):
            code, lab, v = exps[i]
            vals = dict(total=v["general"] + v["fund"] + v["soc"], general_budget=v["general"],
                        gov_fund=v["fund"], state_capital=v["soc"])
            row += [Cell(lab, align="l")] + amt_cells(vals, ecols, unit, sep)
            recs.append(dict(side="expenditure", line=f"expenditure.func.{code}", name=lab, kind="class",
                             level=1, code=None, class_code=code, values=rec_values(vals, ecols)))
        else:
            row += [Cell("", align="l")] + [Cell("", align="r")] * 4
        t.add(row)
    tv = dict(total=FT, general_budget=G, gov_fund=F, state_capital=S)
    t.add([Cell("收入总计"), Cell(fmt(FT, unit, sep), align="r"), Cell("支出总计")] + amt_cells(tv, ecols, unit, sep))
    recs.append(dict(side="income", line="income.grand_total", name="收入总计", kind="grand_total", level=0,
                     code=None, values={"amount": yuan(FT)}))
    recs.append(dict(side="expenditure", line="expenditure.grand_total", name="支出总计", kind="grand_total",
                     level=0, code=None, values=rec_values(tv, ecols)))
    D.records["budget.fiscal_summary"] = dict(unit=unit, columns=["amount"] + ecols, rows=recs,
                                              row_sums=[{"total": "total",
                                                         "parts": ["general_budget", "gov_fund", "state_capital"],
                                                         "side": "expenditure"}])
    t.probe = "收入总计"

    # ---------------- gpb expenditure
    def gpb_vals(cs):
        bs = sum(b.m[c]["general"]["basic"] for c in cs)
        pj = sum(b.m[c]["general"]["project"] for c in cs)
        return dict(total=bs + pj, basic=bs, project=pj)
    sh = "一般公共预算支出" if fam == "shanghai" else None
    hier_table("budget.gpb_expenditure", ["total", "basic", "project"], ["合计", "基本支出", "项目支出"],
               gpb_vals, gen_items, top_total, super_head=sh)

    # ---------------- gpb basic (economic)
    ecols = ["total", "personnel", "public"]
    t = new_table(D, "budget.gpb_basic", title_of(D, "budget.gpb_basic"), unit,
                  widths_fit(([1.3, 1.0] if three else [2.4]) + [7.0, 3.0, 3.0, 3.0], W), 2, cap)
    nc = 2 if three else 1
    if three:
        t.add([Cell("经济分类科目编码", cs=2), None, Cell("经济分类科目名称", rs=2), Cell("合计", rs=2),
               Cell("人员经费", rs=2), Cell("公用经费", rs=2)])
        t.add([Cell("类"), Cell("款"), None, None, None, None])
    else:
        t.add([Cell("科目编码", rs=2), Cell("科目名称", rs=2), Cell("一般公共预算基本支出", cs=3), None, None])
        t.add([None, None, Cell("合计"), Cell("人员经费"), Cell("公用经费")])
    recs = []

    def ev(keys):
        pe = sum(b.econ[k] for k in keys if k[:3] in ("301", "303"))
        pu = sum(b.econ[k] for k in keys if k[:3] in ("302", "310"))
        return dict(total=pe + pu, personnel=pe, public=pu)
    tot = ev(list(b.econ))

    def ecode_cells(code):
        if three:
            return [Cell(code[:3]), Cell(code[3:5] if len(code) > 3 else "")]
        return [Cell(code, align="l")]
    rowsx = []
    for cl in sorted({k[:3] for k in b.econ}):
        ks = [k for k in b.econ if k[:3] == cl]
        rowsx.append((cl, ECON_CLASS[cl], "class", ev(ks)))
        for k in ks:
            rowsx.append((k, ECON[k], "item", ev([k])))
    if top_total:
        t.add([Cell("合计", cs=nc + 1)] + [None] * nc + amt_cells(tot, ecols, unit, sep, False))
        recs.append(dict(code=None, name="合计", kind="total", values=rec_values(tot, ecols, False)))
    for code, name, kind, vals in rowsx:
        t.add(ecode_cells(code) + [Cell(name, align="l")] + amt_cells(vals, ecols, unit, sep))
        recs.append(dict(code=code, name=name, kind=kind, values=rec_values(vals, ecols)))
    if not top_total:
        t.add([Cell("合计", cs=nc + 1)] + [None] * nc + amt_cells(tot, ecols, unit, sep, False))
        recs.append(dict(code=None, name="合计", kind="total", values=rec_values(tot, ecols, False)))
    t.probe = "合计" if not top_total else rowsx[-1][1]
    D.records["budget.gpb_basic"] = dict(unit=unit, columns=ecols, rows=recs,
                                         row_sums=[{"total": "total", "parts": ["personnel", "public"]}],
                                         code_system="dept_economic")

    # ---------------- gov fund / soc
    def fund_vals(cs):
        bs = sum(b.m[c]["fund"]["basic"] for c in cs)
        pj = sum(b.m[c]["fund"]["project"] for c in cs)
        return dict(total=bs + pj, basic=bs, project=pj)
    for tt, fname, codes in (("budget.gf_expenditure", "政府性基金预算", fund_items),
                             ("budget.soc_expenditure", "国有资本经营预算", [])):
        if codes:
            hier_table(tt, ["total", "basic", "project"], ["合计", "基本支出", "项目支出"], fund_vals, codes,
                       top_total, super_head=f"{fname}支出" if fam == "shanghai" else None)
            continue
        code_w = [1.3, 1.0, 1.0] if three else [2.4]
        t = new_table(D, tt, title_of(D, tt), unit, widths_fit(code_w + [7.0, 3, 3, 3], W), 2, cap)
        ch = code_header(three)
        t.add(ch[0] + [Cell("科目名称", rs=2)] + [Cell(f"{fname}支出", cs=3), None, None])
        t.add(ch[1] + [None, Cell("合计"), Cell("基本支出"), Cell("项目支出")])
        ncode = len(code_w)
        t.add([Cell("合计", cs=ncode + 1)] + [None] * ncode + [Cell("", align="r")] * 3)
        t.note = f"注：本部门{year}年无{fname}财政拨款安排的支出，故本表为空表。"
        t.empty_declared = True
        t.probe = "合计"
        D.records[tt] = dict(unit=unit, columns=["total", "basic", "project"],
                             rows=[dict(code=None, name="合计", kind="total",
                                        values={"total": None, "basic": None, "project": None})],
                             row_sums=[{"total": "total", "parts": ["basic", "project"]}],
                             empty_declared=True, code_system="gov_function")

    # ---------------- 三公 (always 万元)
    tp = b.three_public
    tcols = ["total", "abroad", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception"]
    u3 = "万元"
    tt = "budget.three_public"
    if fam == "shanghai":
        tcols2 = tcols + ["admin_operating_cost"]
        t = new_table(D, tt, title_of(D, tt), u3, widths_fit([3, 3, 3, 3, 3, 3, 3.5], W), 3, cap)
        t.add([Cell("“三公”经费预算数", cs=6), None, None, None, None, None, Cell("机关运行经费预算数", rs=3)])
        t.add([Cell("合计", rs=2), Cell("因公出国（境）费", rs=2), Cell("公务用车购置及运行费", cs=3), None, None,
               Cell("公务接待费", rs=2), None])
        t.add([None, None, Cell("小计"), Cell("购置费"), Cell("运行费"), None, None])
        vals = dict(tp, admin_operating_cost=b.public)
        assert b.public % WAN == 0
        t.add(amt_cells(vals, tcols2, u3, False, zero_blank=False))
        cols_out = tcols2
        D.records[tt] = dict(unit=u3, columns=cols_out, rows=[dict(code=None, name="预算数", kind="total",
                                                                  values=rec_values(vals, cols_out, False))],
                             row_sums=[{"total": "total", "parts": ["abroad", "vehicle_total", "reception"]},
                                       {"total": "vehicle_total", "parts": ["vehicle_purchase", "vehicle_operation"]}])
    else:
        t = new_table(D, tt, title_of(D, tt), u3, widths_fit([3, 3, 3, 3, 3, 3], W), 2, cap)
        t.add([Cell("合计", rs=2), Cell("因公出国（境）费", rs=2), Cell("公务用车购置及运行费", cs=3), None, None,
               Cell("公务接待费", rs=2)])
        t.add([None, None, Cell("小计"), Cell("购置费"), Cell("运行费"), None])
        t.add(amt_cells(tp, tcols, u3, False, zero_blank=False))
        D.records[tt] = dict(unit=u3, columns=tcols, rows=[dict(code=None, name="预算数", kind="total",
                                                               values=rec_values(tp, tcols, False))],
                             row_sums=[{"total": "total", "parts": ["abroad", "vehicle_total", "reception"]},
                                       {"total": "vehicle_total", "parts": ["vehicle_purchase", "vehicle_operation"]}])
    t.probe = fmt(tp["total"], u3)
    if s.get("rotate_table") == tt:
        t.landscape = True
        t.rotate = True


def fit_amount_columns(t, first_amt, W, min_name=4.0):
    """Amount columns as wide as their longest printed value; the name column (first_amt - 1)
    takes the rest. Shrinks the font when the name column would get too narrow."""
    while True:
        em = t.font * 0.03528
        longest = max((len(r[c].text) for r in t.rows[t.header_rows:] for c in range(first_amt, t.n_cols)
                       if r[c] is not None and c < len(r)), default=4)
        aw = max(longest * 0.56 * em + 0.35, 1.5)
        name = W - sum(t.widths[:first_amt - 1]) - aw * (t.n_cols - first_amt)
        if name >= min_name or t.font <= 7.5:
            break
        t.font -= 0.5
    assert name >= 3.0, (t.title, name)
    t.widths = t.widths[:first_amt - 1] + [name] + [aw] * (t.n_cols - first_amt)


def units_table(D):
    s = D.spec
    t = new_table(D, "units", "", None, [7.5, 2.5, 2.5, 3.5], 1, [])
    t.title = ""
    t.caption = [f"{s['dept_code']} {s['dept']}"]
    t.add(["单位名称", "单位性质", "单位规格", "经费保障形式"])
    t.add([Cell("合计", align="c"), "", "", ""])
    for u in s["units"]:
        t.add([Cell(u[0], align="l"), u[1], u[2], u[3]])
    t.flow = True
    t.probe = s["units"][-1][0]
    t.font = 9
    return t


def procurement_table(D, b):
    s = D.spec
    pcols = ["total", "general_budget", "fund_budget", "state_capital_budget", "fiscal_special_account",
             "unit_funds"]
    widths = [2.2, 1.2, 1.55, 1.65, 0.8, 0.75, 1.2] + [1.2] * 6
    t = new_table(D, "procurement", "部门政府采购预算", "万元", widths, 2,
                  [f"{s['dept_code']} {s['dept']}"])
    t.font = 7.5
    t.flow = True
    t.add([Cell("政府采购项目来源", cs=2), None, Cell("采购物品名称", rs=2), Cell("政府采购目录序号", rs=2),
           Cell("计量单位", rs=2), Cell("数量", rs=2), Cell("单价", rs=2),
           Cell("政府采购金额（当年部门预算安排资金）", cs=6), None, None, None, None, None])
    t.add(["项目名称", "预算资金", None, None, None, None, None, "合计", "一般公共预算拨款", "基金预算拨款",
           "国有资本经营预算拨款", "财政专户核拨", "单位资金"])
    tot = sum(p["total"] for p in b.procurement)
    vals = dict(total=tot, general_budget=tot)
    unit_name = s["units"][0][0]
    t.add([Cell("合计", cs=7)] + [None] * 6 + amt_cells(vals, pcols, "万元", False))
    t.add([Cell(f"{unit_name}小计", cs=7, align="l")] + [None] * 6 + amt_cells(vals, pcols, "万元", False))
    out = [dict(kind="total", label="合计", values=rec_values(vals, pcols)),
           dict(kind="subtotal", label=f"{unit_name}小计", unit_name=unit_name, values=rec_values(vals, pcols))]
    for it in b.procurement:
        p = it["project"]
        iv = dict(total=it["total"], general_budget=it["general"])
        t.add([Cell(p["name"], align="l"), Cell(fmt(p["total"], "万元"), align="r"), Cell(it["item"], align="l"),
               Cell(it["code"]), Cell(it["mu"]), Cell(str(it["qty"])), Cell(fmt(it["price"], "万元"), align="r")]
              + amt_cells(iv, pcols, "万元", False))
        out.append(dict(kind="item", project_name=p["name"], project_budget=yuan(p["total"]), item_name=it["item"],
                        catalogue_code=it["code"], catalogue_kind={"A": "goods", "B": "works", "C": "services"}[it["kind"]],
                        measure_unit=it["mu"], quantity=str(it["qty"]), unit_price=yuan(it["price"]),
                        **rec_values(iv, pcols)))
    t.probe = b.procurement[-1]["item"]
    D.procurement = out
    return t


# --------------------------------------------------------------------------------------
# performance tables (Hebei layout)
# --------------------------------------------------------------------------------------
IND = {
    "产出指标": [("数量指标", ["覆盖人数", "完成数量", "采购数量", "服务场次", "培训人次"]),
             ("质量指标", ["验收合格率", "完成质量", "达标率"]),
             ("时效指标", ["完成及时率", "资金拨付及时性"]),
             ("成本指标", ["按预算金额完成", "成本控制"])],
    "效益指标": [("社会效益指标", ["服务水平提升", "群众获得感", "社会影响"]),
             ("经济效益指标", ["节约运行成本"]),
             ("生态效益指标", ["环境改善"]),
             ("可持续影响指标", ["长效机制建立", "日常工作得到有力保障"])],
    "满意度指标": [("服务对象满意度指标", ["服务对象满意度", "受益群众满意度"])],
}
BASIS = ["实际工作需要", "《{y}年度工作计划》", "上年度实际完成情况", "行业标准",
         "《关于加强预算绩效管理的实施意见》", "历史数据及工作计划"]


def make_indicators(rng, p, unit):
    out = []
    n_out = rng.randint(2, 4)
    sub = rng.sample(IND["产出指标"], n_out)
    sub.sort(key=lambda x: [s[0] for s in IND["产出指标"]].index(x[0]))
    for l2, l3s in sub:
        l3 = rng.choice(l3s)
        if l2 == "数量指标":
            n = rng.randint(3, 1200)
            tgt = f"≥{n} 个" if rng.random() < 0.5 else f"≥{n}"
            desc = f"{p['name']}项目计划完成{l3}"
        elif l2 == "质量指标":
            tgt = rng.choice(["≥95%", "100%", "≥98%", "达到验收标准"])
            desc = f"项目实施符合相关标准和规范要求，{l3}达到预期"
        elif l2 == "时效指标":
            tgt = rng.choice(["及时完成", "≤12月底", "100%"])
            desc = "按计划时间节点完成各项任务"
        else:
            tgt = f"≤{fmt(p['total'], '万元')}万元"
            desc = "按财政批复金额完成，严格控制项目成本"
        out.append(dict(level1="产出指标", level2=l2, level3=l3, description=desc, target=tgt,
                        basis=rng.choice(BASIS).replace("{y}", str(p["year"]))))
    sub = rng.sample(IND["效益指标"], rng.randint(1, 2))
    for l2, l3s in sub:
        l3 = rng.choice(l3s)
        desc = rng.choice(["有效提升公共服务保障能力，推动相关工作规范化、制度化开展，形成长效管理机制",
                           "改善服务对象的获得感和满意度", "保障各项业务工作正常有序运转"])
        out.append(dict(level1="效益指标", level2=l2, level3=l3, description=desc,
                        target=rng.choice(["有效提升", "明显改善", "≥90% 有效提高", "持续发挥作用"]),
                        basis=rng.choice(BASIS).replace("{y}", str(p["year"]))))
    l2, l3s = IND["满意度指标"][0]
    out.append(dict(level1="满意度指标", level2=l2, level3=rng.choice(l3s), description="服务对象对项目实施效果的满意程度",
                    target=rng.choice(["≥90%", "≥95%", "100%"]), basis="问卷调查"))
    return out


def performance_table(D, rng, seq, p, unit_code, unit_name):
    s = D.spec
    W = 16.5
    title = f"{seq}.{p['name']}绩效目标表"
    t = new_table(D, "performance", title, "万元", widths_fit([2.2, 2.2, 2.4, 2.2, 2.6, 2.4, 2.6], W), 0,
                  [f"{unit_code} {unit_name}"])
    t.font = 9
    code = s["region_prefix"] + str(s["year"])[2:] + "".join(
        rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(12))
    purpose = f"用于{p['name']}相关支出，保障项目按计划实施。"
    if rng.random() < 0.5:
        purpose = (f"主要用于{p['name']}，包括方案编制、组织实施、检查验收及绩效评价等环节所需费用，"
                   f"确保项目资金专款专用、按进度拨付。")
    sched = [(3, "25.00"), (6, "50.00"), (10, "75.00"), (12, "100.00")]
    if rng.random() < 0.3:
        sched = [(3, "0.00"), (6, "30.00"), (10, "80.00"), (12, "100.00")]
    goals = [f"按期完成{p['name']}各项任务", rng.choice(["资金使用规范高效，切实发挥资金效益",
                                                      "提升服务质量和管理水平，群众满意度不断提高"])]
    t.add([Cell("项目编码"), Cell(code, cs=2), None, Cell("项目名称"), Cell(p["name"], cs=3, align="l"), None, None])
    t.add([Cell("预算规模及资金用途", rs=2), Cell("预算数"), Cell(fmt(p["total"], "万元"), align="r"),
           Cell("其中：财政资金"), Cell(fmt(p["fiscal"], "万元"), align="r"), Cell("其他资金"),
           Cell(fmt(p["other"], "万元"), align="r")])
    t.add([None, Cell(purpose, cs=6, align="l"), None, None, None, None, None])
    t.add([Cell("资金支出计划（%）", rs=2), Cell("3月底", cs=2), None, Cell("6月底"), Cell("10月底"),
           Cell("12月底", cs=2), None])
    t.add([None, Cell(sched[0][1] + "%", cs=2), None, Cell(sched[1][1] + "%"), Cell(sched[2][1] + "%"),
           Cell(sched[3][1] + "%", cs=2), None])
    goal_text = "".join(f"{i + 1}.{g}；" for i, g in enumerate(goals))[:-1] + "。"
    t.add([Cell("绩效目标"), Cell(goal_text, cs=6, align="l"), None, None, None, None, None])
    t.add([Cell("一级指标"), Cell("二级指标"), Cell("三级指标"), Cell("绩效指标描述", cs=2), None, Cell("指标值"),
           Cell("指标值确定依据")])
    inds = make_indicators(rng, p, "万元")
    i = 0
    while i < len(inds):
        j = i
        while j < len(inds) and inds[j]["level1"] == inds[i]["level1"]:
            j += 1
        for k in range(i, j):
            ind = inds[k]
            first = Cell(ind["level1"], rs=j - i) if k == i else None
            t.add([first, Cell(ind["level2"]), Cell(ind["level3"]), Cell(ind["description"], cs=2, align="l"), None,
                   Cell(ind["target"]), Cell(ind["basis"])])
        i = j
    t.probe = None
    t.block_table = True
    D.projects.append(dict(seq=seq, title=title, unit_code=unit_code, unit_name=unit_name, code=code,
                           name=p["name"], unit="万元",
                           budget={"total": yuan(p["total"]), "fiscal": yuan(p["fiscal"]), "other": yuan(p["other"])},
                           purpose=purpose,
                           schedule=[{"month_end": m, "cumulative_pct": v} for m, v in sched],
                           goals=goals, indicators=inds, table_index=None))
    return t


# --------------------------------------------------------------------------------------
# narrative
# --------------------------------------------------------------------------------------
def wan(fen):
    return fmt(fen, "万元")


def money(D, fen, unit=None):
    unit = unit or D.spec["unit"]
    if unit == "元":
        return f"{fmt(fen, '元', True)}元"
    return f"{fmt(fen, '万元', False)}万元"


def fact(D, key, fen, sentence, raw_unit=None, ref=None):
    raw = money(D, fen, raw_unit)
    assert raw in sentence, (raw, sentence)
    f = {"key": key, "yuan": yuan(fen), "raw": raw, "sentence": sentence}
    if ref:
        f["ref"] = ref
    D.facts.append(f)


def ref_line(tt, line, col="amount"):
    return {"table_type": tt, "line": line, "column": col}


def ref_kind(tt, kind, col):
    return {"table_type": tt, "kind": kind, "column": col}


def narrative_budget(D, b):
    """Returns list of paragraphs ("h"/"p", text) and registers facts."""
    s = D.spec
    y = s["year"]
    T = D.totals
    paras = []
    paras.append(("h1", f"{s['short']}{y}年部门预算信息公开情况说明"))
    paras.append(("p", f"按照《中华人民共和国预算法》、《地方预决算公开操作规程》和{s['province']}预决算公开有关规定，"
                       f"现将{s['dept']}{y}年部门预算公开如下："))
    paras.append(("h2", "一、部门职责及机构设置情况"))
    paras.append(("p", f"（一）部门职责。{s['dept']}是{s['city']}{s['district']}人民政府工作部门，主要负责贯彻执行"
                       f"国家和省有关方针政策，拟订本地区相关发展规划并组织实施，统筹协调本行业重点工作，"
                       f"完成上级交办的其他任务。"))
    paras.append(("p", f"（二）机构设置。本部门预算由{len(s['units'])}个预算单位组成，具体如下："))
    paras.append(("units", None))
    paras.append(("h2", "二、部门预算安排总体情况"))
    tot = T["TOTAL"]
    sent = (f"{y}年预算收入{money(D, tot)}，其中：一般公共预算拨款收入{money(D, T['G'])}，"
            f"政府性基金预算拨款收入{money(D, T['F'])}，事业收入{money(D, T['BUS'])}，其他收入{money(D, T['OTH'])}。")
    paras.append(("p", "1.收入说明：反映本部门当年全部收入，" + sent))
    st = "1.收入说明：反映本部门当年全部收入，" + sent
    fact(D, "total_income", tot, st, ref=ref_line("budget.summary", "income.this_year_total"))
    fact(D, "income.by_source.general_budget", T["G"], st, ref=ref_line("budget.summary", "income.general_budget"))
    fact(D, "income.by_source.gov_fund", T["F"], st, ref=ref_line("budget.summary", "income.gov_fund"))
    fact(D, "income.by_source.business", T["BUS"], st, ref=ref_line("budget.summary", "income.business"))
    fact(D, "income.by_source.other", T["OTH"], st, ref=ref_line("budget.summary", "income.other"))
    proj = tot - b.basic
    st = (f"2.支出说明：{y}年部门支出预算为{money(D, tot)}，其中基本支出{money(D, b.basic)}，包括人员经费"
          f"{money(D, b.personnel)}和日常公用经费{money(D, b.public)}；项目支出{money(D, proj)}。")
    paras.append(("p", st))
    fact(D, "total_expenditure", tot, st, ref=ref_line("budget.summary", "expenditure.this_year_total"))
    fact(D, "basic_expenditure", b.basic, st, ref=ref_kind("budget.expenditure", "total", "basic"))
    fact(D, "personnel_expenditure", b.personnel, st, ref=ref_kind("budget.gpb_basic", "total", "personnel"))
    fact(D, "public_expenditure", b.public, st, ref=ref_kind("budget.gpb_basic", "total", "public"))
    fact(D, "project_expenditure", proj, st, ref=ref_kind("budget.expenditure", "total", "project"))
    paras.append(("p", "3.比上年增减情况：收支预算较上年有所变化，主要是根据年度重点工作任务调整项目支出安排。"))
    paras.append(("h2", "三、机关运行经费安排情况"))
    st = (f"{y}年机关运行经费共计安排{money(D, b.public)}，主要用于保障机关正常运转的办公费、印刷费、水电费、"
          f"邮电费、差旅费、物业管理费、公务用车运行维护费等支出。")
    paras.append(("p", st))
    fact(D, "admin_operating_cost", b.public, st, ref=ref_kind("budget.gpb_basic", "total", "public"))
    paras.append(("h2", "四、财政拨款“三公”经费预算情况"))
    tp = b.three_public
    st = (f"{y}年“三公”经费预算为{money(D, tp['total'], '万元')}，其中：因公出国（境）费{money(D, tp['abroad'], '万元')}；"
          f"公务用车购置及运行费{money(D, tp['vehicle_total'], '万元')}，其中公务用车购置费"
          f"{money(D, tp['vehicle_purchase'], '万元')}、公务用车运行费{money(D, tp['vehicle_operation'], '万元')}；"
          f"公务接待费{money(D, tp['reception'], '万元')}。")
    paras.append(("p", st))
    for k in ("total", "abroad", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception"):
        fact(D, f"three_public.{k}", tp[k], st, raw_unit="万元", ref=ref_kind("budget.three_public", "total", k))
    paras.append(("pb_h2", "五、政府采购预算情况"))
    pt = sum(p["total"] for p in b.procurement)
    goods = sum(p["total"] for p in b.procurement if p["kind"] == "A")
    works = sum(p["total"] for p in b.procurement if p["kind"] == "B")
    serv = sum(p["total"] for p in b.procurement if p["kind"] == "C")
    st = (f"{y}年政府采购预算{money(D, pt, '万元')}，其中：货物类{money(D, goods, '万元')}，工程类"
          f"{money(D, works, '万元')}，服务类{money(D, serv, '万元')}。具体如下：")
    paras.append(("p", st))
    fact(D, "procurement.total", pt, st, raw_unit="万元", ref={"table_type": "procurement", "kind": "total", "column": "total"})
    fact(D, "procurement.goods", goods, st, raw_unit="万元")
    fact(D, "procurement.works", works, st, raw_unit="万元")
    fact(D, "procurement.services", serv, st, raw_unit="万元")
    paras.append(("procurement", None))
    paras.append(("h2", "六、国有资产信息"))
    at = sum(v for _, v in b.assets)
    st = (f"截至{y - 1}年底，本部门共有车辆{1 if tp['vehicle_operation'] else 0}辆。{y}年拟购置固定资产预算金额为"
          f"{money(D, at, '万元')}，分别为" + "、".join(f"{n}{money(D, v, '万元')}" for n, v in b.assets) + "。")
    paras.append(("p", st))
    fact(D, "assets.planned_purchase", at, st, raw_unit="万元")
    for n, v in b.assets:
        fact(D, f"assets.item.{n}", v, st, raw_unit="万元")
    nproj = len(b.projects)
    pa = sum(p["total"] for p in b.projects)
    st = f"{y}年本部门实行绩效目标管理的项目共{nproj}个，涉及项目预算资金{money(D, pa, '万元')}。"
    paras.append(("h2", "七、预算绩效情况"))
    paras.append(("p", st))
    fact(D, "performance.amount", pa, st, raw_unit="万元")
    D.facts.append({"key": "performance.project_count", "yuan": None, "value": str(nproj), "raw": f"{nproj}个",
                    "sentence": st})
    paras.append(("h2", "八、名词解释"))
    paras.append(("p", "1.财政拨款收入：指本级财政当年拨付的资金。"))
    paras.append(("p", "2.基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。"))
    paras.append(("p", "3.项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。"))
    paras.append(("p", "4.“三公”经费：指用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。"))
    paras.append(("h2", "九、其他需要说明的事项"))
    paras.append(("p", "本部门无其他需要说明的事项。"))
    fact_sums = [
        {"rule": "N-BASIC", "total": "basic_expenditure", "parts": ["personnel_expenditure", "public_expenditure"]},
        {"rule": "N-EXP", "total": "total_expenditure", "parts": ["basic_expenditure", "project_expenditure"]},
        {"rule": "N-INC", "total": "total_income",
         "parts": ["income.by_source.general_budget", "income.by_source.gov_fund", "income.by_source.business",
                   "income.by_source.other"]},
        {"rule": "N-T1", "total": "three_public.total",
         "parts": ["three_public.abroad", "three_public.vehicle_total", "three_public.reception"]},
        {"rule": "N-T2", "total": "three_public.vehicle_total",
         "parts": ["three_public.vehicle_purchase", "three_public.vehicle_operation"]},
        {"rule": "N-PROC", "total": "procurement.total",
         "parts": ["procurement.goods", "procurement.works", "procurement.services"]},
        {"rule": "N-ASSET", "total": "assets.planned_purchase", "parts": [f"assets.item.{n}" for n, _ in b.assets]},
    ]
    D.fact_sums = fact_sums
    return paras


# --------------------------------------------------------------------------------------
# final accounts
# --------------------------------------------------------------------------------------
def build_final(D, rng):
    s = D.spec
    b = build_budget(dict(s, n_projects=4), rng)  # reuse generator: basic/econ/projects give spending
    unit, sep = s["unit"], s["sep"]
    W = 16.0
    cap = caption_for(D)
    y = s["year"]
    items = b.items
    # spending per 项 (all from general budget + some other income)
    spend = {c: dict(basic=item_total(b, c, use="basic"), project=item_total(b, c, use="project")) for c in items}
    # income per 项: general income = general spending + delta; other income on some items
    inc = {}
    for c in items:
        g = item_total(b, c, src=["general"])
        d = rnd_amt(rng, 0, 6, WAN) if rng.random() < 0.4 else 0
        o = item_total(b, c, src=["business", "other"])
        inc[c] = dict(general_budget=g + d, business=0, other=o)
    I_total = sum(sum(v.values()) for v in inc.values())
    E_total = sum(v["basic"] + v["project"] for v in spend.values())
    opening = rnd_amt(rng, 5, 40, WAN)
    closing = opening + I_total - E_total
    assert closing >= 0
    Gi = sum(v["general_budget"] for v in inc.values())
    Oi = sum(v["other"] for v in inc.values())
    Ge = sum(item_total(b, c, src=["general"]) for c in items)
    D.totals = dict(TOTAL_I=I_total, TOTAL_E=E_total)
    D.b = b
    fam_cls = {}
    for c in items:
        fam_cls[c[:3]] = fam_cls.get(c[:3], 0) + spend[c]["basic"] + spend[c]["project"]

    # ---- final.summary
    t = new_table(D, "final.summary", title_of(D, "final.summary"), unit, widths_fit([6.2, 2.8, 6.2, 2.8], W), 2, cap)
    t.add([Cell("收入", cs=2), None, Cell("支出", cs=2), None])
    t.add(["项目", "决算数", "项目", "决算数"])
    inc_lines = [("income.general_budget", "一、一般公共预算财政拨款收入", Gi), ("income.gov_fund", "二、政府性基金预算财政拨款收入", 0),
                 ("income.state_capital", "三、国有资本经营预算财政拨款收入", 0), ("income.superior", "四、上级补助收入", 0),
                 ("income.business", "五、事业收入", 0), ("income.operating", "六、经营收入", 0),
                 ("income.affiliated", "七、附属单位上缴收入", 0), ("income.other", "八、其他收入", Oi)]
    exp_lines = [(f"expenditure.func.{code}", f"{CN_ORD[i]}、{name}", fam_cls.get(code), code)
                 for i, (code, name) in enumerate(CLASSES[:24])]
    recs = []
    for i in range(max(len(inc_lines), len(exp_lines))):
        row = []
        if i < len(inc_lines):
            line, lab, v = inc_lines[i]
            row += [Cell(lab, align="l"), Cell(fmt(v, unit, sep) if v else "", align="r")]
            recs.append(dict(side="income", line=line, name=lab, kind="item", level=1, code=None,
                             values={"amount": yuan(v) if v else None}))
        else:
            row += [Cell(""), Cell("", align="r")]
        line, lab, v, code = exp_lines[i]
        row += [Cell(lab, align="l"), Cell(fmt(v, unit, sep) if v else "", align="r")]
        recs.append(dict(side="expenditure", line=line, name=lab, kind="class", level=1, code=None, class_code=code,
                         values={"amount": yuan(v) if v else None}))
        t.add(row)
    def pair(li, la, vi, le, lae, ve, kind="total"):
        t.add([Cell(la, align="l" if kind == "item" else "c"), Cell(fmt(vi, unit, sep) if vi is not None else "", align="r"),
               Cell(lae, align="l" if kind == "item" else "c"), Cell(fmt(ve, unit, sep) if ve is not None else "", align="r")])
        recs.append(dict(side="income", line=li, name=la, kind=kind, level=0, code=None,
                         values={"amount": yuan(vi) if vi is not None else None}))
        recs.append(dict(side="expenditure", line=le, name=lae, kind=kind, level=0, code=None,
                         values={"amount": yuan(ve) if ve is not None else None}))
    pair("income.this_year_total", "本年收入合计", I_total, "expenditure.this_year_total", "本年支出合计", E_total)
    pair("income.use_nonfiscal_surplus", "使用非财政拨款结余", None, "expenditure.surplus_distribution", "结余分配", None, "item")
    pair("income.opening_balance", "年初结转和结余", opening, "expenditure.closing_balance", "年末结转和结余", closing, "item")
    pair("income.grand_total", "总计", opening + I_total, "expenditure.grand_total", "总计", closing + E_total, "grand_total")
    D.records["final.summary"] = dict(unit=unit, columns=["amount"], rows=recs, row_sums=[])
    t.probe = "年末结转和结余"

    three = False

    def hier(tt, cols, heads, vals_fn, codes):
        widths = [2.0, W - 2.0 - 2.3 * len(cols)] + [2.3] * len(cols)
        t = new_table(D, tt, title_of(D, tt), unit, widths, 1, cap)
        t.add([Cell("科目编码"), Cell("科目名称")] + [Cell(h) for h in heads])
        total = vals_fn(codes)
        t.add([Cell("合计", cs=2), None] + amt_cells(total, cols, unit, sep, False))
        recs = [dict(code=None, name="合计", kind="total", values=rec_values(total, cols, False))]
        rows = hier_rows(codes, vals_fn)
        for code, name, kind, v in rows:
            t.add([Cell(code, align="l"), Cell(name, align="l")] + amt_cells(v, cols, unit, sep))
            recs.append(dict(code=code, name=name, kind=kind, values=rec_values(v, cols)))
        D.records[tt] = dict(unit=unit, columns=cols, rows=recs, row_sums=[{"total": cols[0], "parts": cols[1:]}],
                             code_system="gov_function")
        fit_amount_columns(t, 2, W)
        t.probe = rows[-1][1]
        return t

    def ivals(cs):
        g = sum(inc[c]["general_budget"] for c in cs)
        o = sum(inc[c]["other"] for c in cs)
        return dict(total=g + o, fiscal=g, superior=0, business=0, operating=0, affiliated=0, other=o)
    hier("final.income", ["total", "fiscal", "business", "operating", "other"],
         ["本年收入合计", "财政拨款收入", "事业收入", "经营收入", "其他收入"], ivals, items)

    def evals(cs):
        bs = sum(spend[c]["basic"] for c in cs)
        pj = sum(spend[c]["project"] for c in cs)
        return dict(total=bs + pj, basic=bs, project=pj)
    hier("final.expenditure", ["total", "basic", "project"], ["本年支出合计", "基本支出", "项目支出"], evals, items)

    # ---- fiscal summary (general budget only)
    g_open = min(opening, rnd_amt(rng, 2, 20, WAN))
    g_close = g_open + Gi - Ge
    t = new_table(D, "final.fiscal_summary", title_of(D, "final.fiscal_summary"), unit,
                  widths_fit([5.2, 2.4, 5.2, 2.4, 2.4, 2.4, 2.4], 24.5), 2, cap)
    t.landscape = True
    t.add([Cell("收入", cs=2), None, Cell("支出", cs=5), None, None, None, None])
    t.add(["项目", "决算数", "项目", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"])
    gcls = {}
    for c in items:
        v = item_total(b, c, src=["general"])
        if v:
            gcls[c[:3]] = gcls.get(c[:3], 0) + v
    incl = [("income.general_budget", "一、一般公共预算财政拨款", Gi), ("income.gov_fund", "二、政府性基金预算财政拨款", 0),
            ("income.state_capital", "三、国有资本经营预算财政拨款", 0)]
    expl = [(code, f"{CN_ORD[i]}、{CLASS_NAME[code]}", gcls[code]) for i, code in enumerate(sorted(gcls))]
    ecols = ["total", "general_budget", "gov_fund", "state_capital"]
    recs = []
    for i in range(max(len(incl), len(expl))):
        row = []
        if i < len(incl):
            line, lab, v = incl[i]
            row += [Cell(lab, align="l"), Cell(fmt(v, unit, sep) if v else "", align="r")]
            recs.append(dict(side="income", line=line, name=lab, kind="item", level=1, code=None,
                             values={"amount": yuan(v) if v else None}))
        else:
            row += [Cell(""), Cell("", align="r")]
        if i < len(expl):
            code, lab, v = expl[i]
            vals = dict(total=v, general_budget=v, gov_fund=0, state_capital=0)
            row += [Cell(lab, align="l")] + amt_cells(vals, ecols, unit, sep)
            recs.append(dict(side="expenditure", line=f"expenditure.func.{code}", name=lab, kind="class", level=1,
                             code=None, class_code=code, values=rec_values(vals, ecols)))
        else:
            row += [Cell("")] + [Cell("", align="r")] * 4
        t.add(row)
    for li, la, vi, le, lae, vv, kind in [
            ("income.this_year_total", "本年收入合计", Gi, "expenditure.this_year_total", "本年支出合计", Ge, "total"),
            ("income.opening_balance", "年初财政拨款结转和结余", g_open, "expenditure.closing_balance", "年末财政拨款结转和结余", g_close, "item"),
            ("income.grand_total", "总计", Gi + g_open, "expenditure.grand_total", "总计", Ge + g_close, "grand_total")]:
        vals = dict(total=vv, general_budget=vv, gov_fund=0, state_capital=0)
        t.add([Cell(la, align="l" if kind == "item" else "c"), Cell(fmt(vi, unit, sep), align="r"),
               Cell(lae, align="l" if kind == "item" else "c")] + amt_cells(vals, ecols, unit, sep, False))
        recs.append(dict(side="income", line=li, name=la, kind=kind, level=0, code=None, values={"amount": yuan(vi)}))
        recs.append(dict(side="expenditure", line=le, name=lae, kind=kind, level=0, code=None,
                         values=rec_values(vals, ecols, False)))
    D.records["final.fiscal_summary"] = dict(unit=unit, columns=["amount"] + ecols, rows=recs,
                                             row_sums=[{"total": "total", "parts": ["general_budget", "gov_fund",
                                                                                    "state_capital"], "side": "expenditure"}])
    t.probe = "年末财政拨款结转和结余"

    def gvals(cs):
        bs = sum(b.m[c]["general"]["basic"] for c in cs)
        pj = sum(b.m[c]["general"]["project"] for c in cs)
        return dict(total=bs + pj, basic=bs, project=pj)
    gi = [c for c in items if item_total(b, c, src=["general"])]
    hier("final.gpb_expenditure", ["total", "basic", "project"], ["合计", "基本支出", "项目支出"], gvals, gi)

    # ---- basic (economic), single panel
    ecols = ["total", "personnel", "public"]
    t = new_table(D, "final.gpb_basic", title_of(D, "final.gpb_basic"), unit, widths_fit([2.2, 6.5, 2.8, 2.8, 2.8], W), 1, cap)
    t.add(["科目编码", "科目名称", "决算数", "人员经费", "公用经费"])
    recs = []
    def ev(keys):
        pe = sum(b.econ[k] for k in keys if k[:3] in ("301", "303"))
        pu = sum(b.econ[k] for k in keys if k[:3] in ("302", "310"))
        return dict(total=pe + pu, personnel=pe, public=pu)
    for cl in sorted({k[:3] for k in b.econ}):
        ks = [k for k in b.econ if k[:3] == cl]
        v = ev(ks)
        t.add([Cell(cl, align="l"), Cell(ECON_CLASS[cl], align="l")] + amt_cells(v, ecols, unit, sep))
        recs.append(dict(code=cl, name=ECON_CLASS[cl], kind="class", values=rec_values(v, ecols)))
        for k in ks:
            v = ev([k])
            t.add([Cell(k, align="l"), Cell(ECON[k], align="l")] + amt_cells(v, ecols, unit, sep))
            recs.append(dict(code=k, name=ECON[k], kind="item", values=rec_values(v, ecols)))
    v = ev(list(b.econ))
    t.add([Cell("合计", cs=2), None] + amt_cells(v, ecols, unit, sep, False))
    recs.append(dict(code=None, name="合计", kind="total", values=rec_values(v, ecols, False)))
    D.records["final.gpb_basic"] = dict(unit=unit, columns=ecols, rows=recs,
                                        row_sums=[{"total": "total", "parts": ["personnel", "public"]}],
                                        code_system="dept_economic")
    t.probe = "合计"

    # ---- gf / soc (empty)
    for tt, fname in (("final.gf", "政府性基金预算财政拨款"), ("final.soc", "国有资本经营预算财政拨款")):
        cols = ["opening", "income", "total", "basic", "project", "closing"]
        t = new_table(D, tt, title_of(D, tt), unit, widths_fit([2.0, 4.6, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0], W), 2, cap)
        t.add([Cell("科目编码", rs=2), Cell("科目名称", rs=2), Cell("年初结转和结余", rs=2), Cell("本年收入", rs=2),
               Cell("本年支出", cs=3), None, None, Cell("年末结转和结余", rs=2)])
        t.add([None, None, None, None, Cell("小计"), Cell("基本支出"), Cell("项目支出"), None])
        t.add([Cell("合计", cs=2), None] + [Cell("", align="r")] * 6)
        t.note = f"说明：本单位{y}年度没有{fname}收入，也没有使用{fname}安排的支出，故本表无数据。"
        t.empty_declared = True
        t.probe = "合计"
        D.records[tt] = dict(unit=unit, columns=cols, rows=[dict(code=None, name="合计", kind="total",
                                                               values={k: None for k in cols})],
                             row_sums=[{"total": "total", "parts": ["basic", "project"]}], empty_declared=True)

    # ---- 三公 决算 (12 columns)
    # The model's figures stand for this year's actual spending in a final account (the
    # 基本支出 table's 30212 / 30217 / 30231 / 31013 lines are the 三公 parts), so the 三公
    # 决算数 are those parts, and the 预算数 the budget they were spent against (70–100%
    # used). The 基本支出 lines never exceed the 三公 parts (domain spec X-6).
    act = dict(b.three_public)
    tp = {}
    for k in ("abroad", "vehicle_purchase", "vehicle_operation", "reception"):
        tp[k] = act[k] * 100 // rng.randint(70, 100) // WAN * WAN
    tp["vehicle_total"] = tp["vehicle_purchase"] + tp["vehicle_operation"]
    tp["total"] = tp["abroad"] + tp["vehicle_total"] + tp["reception"]
    keys = ["total", "abroad", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception"]
    cols = [f"budget.{k}" for k in keys] + [f"final.{k}" for k in keys]
    tt = "final.three_public"
    t = new_table(D, tt, title_of(D, tt), "万元", widths_fit([1.4] * 12, 24.5), 3, cap)
    t.landscape = True
    hdr0, hdr1, hdr2 = [], [], []
    for lab in ("预算数", "决算数"):
        hdr0 += [Cell(lab, cs=6)] + [None] * 5
        hdr1 += [Cell("合计", rs=2), Cell("因公出国（境）费", rs=2), Cell("公务用车购置及运行费", cs=3), None, None,
                 Cell("公务接待费", rs=2)]
        hdr2 += [None, None, Cell("小计"), Cell("购置费"), Cell("运行费"), None]
    t.add(hdr0); t.add(hdr1); t.add(hdr2)
    vals = {f"budget.{k}": tp[k] for k in keys}
    vals.update({f"final.{k}": act[k] for k in keys})
    t.add(amt_cells(vals, cols, "万元", False, zero_blank=False))
    t.probe = fmt(act["total"], "万元")
    D.records[tt] = dict(unit="万元", columns=cols, rows=[dict(code=None, name="金额", kind="total",
                                                              values=rec_values(vals, cols, False))],
                         row_sums=[{"total": f"{p}.total", "parts": [f"{p}.abroad", f"{p}.vehicle_total", f"{p}.reception"]}
                                   for p in ("budget", "final")] +
                                  [{"total": f"{p}.vehicle_total", "parts": [f"{p}.vehicle_purchase", f"{p}.vehicle_operation"]}
                                   for p in ("budget", "final")])
    # ---- narrative
    paras = []
    paras.append(("h1", f"{s['dept']}{y}年度部门决算情况说明"))
    paras.append(("h2", "一、部门基本情况"))
    paras.append(("p", f"{s['dept']}主要负责本市农业农村发展规划、农业产业发展、农村改革和农民增收等工作。"
                       f"纳入本部门{y}年度部门决算编制范围的单位共{len(s['units'])}个，具体如下："))
    paras.append(("units", None))
    paras.append(("h2", "二、收入支出决算总体情况说明"))
    st = (f"{y}年度收入总计{money(D, opening + I_total)}，其中：本年收入合计{money(D, I_total)}，"
          f"年初结转和结余{money(D, opening)}。")
    paras.append(("p", st))
    fact(D, "grand_total_income", opening + I_total, st, ref=ref_line("final.summary", "income.grand_total"))
    fact(D, "total_income", I_total, st, ref=ref_line("final.summary", "income.this_year_total"))
    fact(D, "opening_balance", opening, st, ref=ref_line("final.summary", "income.opening_balance"))
    st = (f"{y}年度本年支出合计{money(D, E_total)}，其中：基本支出{money(D, b.basic)}，项目支出"
          f"{money(D, E_total - b.basic)}；年末结转和结余{money(D, closing)}。")
    paras.append(("p", st))
    fact(D, "total_expenditure", E_total, st, ref=ref_line("final.summary", "expenditure.this_year_total"))
    fact(D, "basic_expenditure", b.basic, st, ref=ref_kind("final.expenditure", "total", "basic"))
    fact(D, "project_expenditure", E_total - b.basic, st, ref=ref_kind("final.expenditure", "total", "project"))
    fact(D, "closing_balance", closing, st, ref=ref_line("final.summary", "expenditure.closing_balance"))
    paras.append(("h2", "三、一般公共预算财政拨款基本支出决算情况说明"))
    st = (f"{y}年度一般公共预算财政拨款基本支出{money(D, b.basic)}，其中：人员经费{money(D, b.personnel)}，"
          f"公用经费{money(D, b.public)}。")
    paras.append(("p", st))
    fact(D, "personnel_expenditure", b.personnel, st, ref=ref_kind("final.gpb_basic", "total", "personnel"))
    fact(D, "public_expenditure", b.public, st, ref=ref_kind("final.gpb_basic", "total", "public"))
    paras.append(("h2", "四、财政拨款“三公”经费支出决算情况说明"))
    st = (f"{y}年度“三公”经费财政拨款支出决算为{money(D, act['total'], '万元')}，其中：因公出国（境）费"
          f"{money(D, act['abroad'], '万元')}，公务用车购置及运行费{money(D, act['vehicle_total'], '万元')}，"
          f"公务接待费{money(D, act['reception'], '万元')}。")
    paras.append(("p", st))
    for k in ("total", "abroad", "vehicle_total", "reception"):
        fact(D, f"three_public.final.{k}", act[k], st, raw_unit="万元",
             ref=ref_kind("final.three_public", "total", f"final.{k}"))
    paras.append(("h2", "五、机关运行经费支出情况"))
    st = f"{y}年度本部门机关运行经费支出{money(D, b.public)}。"
    paras.append(("p", st))
    fact(D, "admin_operating_cost", b.public, st, ref=ref_kind("final.gpb_basic", "total", "public"))
    paras.append(("h2", "六、名词解释"))
    paras.append(("p", "年初结转和结余：指以前年度尚未完成、结转到本年按有关规定继续使用的资金。"))
    paras.append(("p", "年末结转和结余：指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，需延迟到以后年度按有关规定继续使用的资金。"))
    D.fact_sums = [
        {"rule": "N-FA1", "total": "grand_total_income", "parts": ["total_income", "opening_balance"]},
        {"rule": "N-BASIC", "total": "basic_expenditure", "parts": ["personnel_expenditure", "public_expenditure"]},
        {"rule": "N-EXP", "total": "total_expenditure", "parts": ["basic_expenditure", "project_expenditure"]},
    ]
    return paras


# --------------------------------------------------------------------------------------
# docx rendering
# --------------------------------------------------------------------------------------
def set_fonts(run, font, size=None, bold=False):
    run.font.name = font
    rpr = run._element.get_or_add_rPr()
    rf = rpr.find(qn("w:rFonts"))
    if rf is None:
        rf = OxmlElement("w:rFonts")
        rpr.insert(0, rf)
    for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rf.set(qn(a), font)
    if size:
        run.font.size = Pt(size)
    run.font.bold = bold


def para(doc_or_cell, text, font=SERIF, size=12, bold=False, align="l", before=0, after=4, indent=False,
         page_break=False, line=1.4):
    p = doc_or_cell.add_paragraph()
    pf = p.paragraph_format
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    pf.line_spacing = line
    if indent:
        pf.first_line_indent = Pt(size * 2)
    if page_break:
        pf.page_break_before = True
    p.alignment = {"l": WD_ALIGN_PARAGRAPH.LEFT, "c": WD_ALIGN_PARAGRAPH.CENTER, "r": WD_ALIGN_PARAGRAPH.RIGHT,
                   "j": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
    r = p.add_run(text)
    set_fonts(r, font, size, bold)
    return p


def border_xml(tag, on):
    e = OxmlElement(f"w:{tag}")
    if on:
        e.set(qn("w:val"), "single"); e.set(qn("w:sz"), "6"); e.set(qn("w:space"), "0"); e.set(qn("w:color"), "000000")
    else:
        e.set(qn("w:val"), "nil")
    return e


CJK_RE = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def overflow(t, r, c):
    """(cm missing, token): of the tokens without CJK (numbers, codes) of cell (r, c), the one
    that needs the most room beyond the cell's width; cm missing <= 0 when every token fits."""
    cell = t.rows[r][c]
    worst = (-math.inf, None)
    if cell is None or not cell.text:
        return worst
    em = t.font * 0.03528  # cm
    avail = sum(t.widths[c:c + cell.cs]) - 0.25
    for tok in cell.text.split(" "):
        if CJK_RE.search(tok):
            continue
        est = sum(0.62 if ch.isupper() else 1.0 if ch in "%≥≤" else 0.56 for ch in tok) * em
        if cell.bold or r < t.header_rows:
            est *= 1.08
        if est - avail > worst[0]:
            worst = (est - avail, tok)
    return worst


def check_widths(t):
    """Refuse tokens without CJK (numbers, codes) that would wrap inside their cell."""
    for r, row in enumerate(t.rows):
        for c, cell in enumerate(row):
            missing, tok = overflow(t, r, c)
            if missing > 0:
                avail = sum(t.widths[c:c + cell.cs]) - 0.25
                raise SystemExit(f"cell text would wrap: {t.title!r} r{r} c{c} {tok!r} "
                                 f"needs {avail + missing:.2f} cm, has {avail:.2f} cm")


def render_table(doc, t):
    check_widths(t)
    nr, nc = len(t.rows), t.n_cols
    tbl = doc.add_table(rows=nr, cols=nc)
    tbl.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl.autofit = False
    tblPr = tbl._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    lay = t.layout
    for tag in ("top", "left", "bottom", "right", "insideH", "insideV"):
        on = lay != "borderless" and not (lay == "ruled_open_sides" and tag in ("left", "right"))
        borders.append(border_xml(tag, on))
    tblPr.append(borders)
    lay_el = OxmlElement("w:tblLayout"); lay_el.set(qn("w:type"), "fixed"); tblPr.append(lay_el)
    mar = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        e = OxmlElement(f"w:{side}"); e.set(qn("w:w"), "57"); e.set(qn("w:type"), "dxa"); mar.append(e)
    tblPr.append(mar)
    # grid widths
    grid = tbl._tbl.tblGrid
    for gc, w in zip(grid.findall(qn("w:gridCol")), t.widths):
        gc.set(qn("w:w"), str(int(Cm(w).twips)))
    # python-docx's Table.cell rebuilds the whole cell grid on every call: take the grid once
    # while the layout stays the same (before the merges, and again after them)
    cells = tbl._cells
    for r in range(nr):
        tr = tbl.rows[r]._tr
        trPr = tr.get_or_add_trPr()
        cs = OxmlElement("w:cantSplit"); trPr.append(cs)
        if r < t.header_rows:
            h = OxmlElement("w:tblHeader"); trPr.append(h)
        for c in range(nc):
            cells[r * nc + c].width = Cm(t.widths[c])
    # merges
    for r, row in enumerate(t.rows):
        for c, cell in enumerate(row):
            if cell is not None and (cell.rs > 1 or cell.cs > 1):
                tbl.cell(r, c).merge(tbl.cell(r + cell.rs - 1, c + cell.cs - 1))
    cells = tbl._cells
    for r, row in enumerate(t.rows):
        for c, cell in enumerate(row):
            if cell is None:
                continue
            dc = cells[r * nc + c]
            dc.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            p = dc.paragraphs[0]
            p.paragraph_format.space_before = Pt(1)
            p.paragraph_format.space_after = Pt(1)
            p.paragraph_format.line_spacing = 1.0
            al = cell.align
            if r < t.header_rows:
                al = "c"
            p.alignment = {"l": WD_ALIGN_PARAGRAPH.LEFT, "c": WD_ALIGN_PARAGRAPH.CENTER,
                           "r": WD_ALIGN_PARAGRAPH.RIGHT}[al]
            if cell.text:
                run = p.add_run(cell.text)
                set_fonts(run, SANS, t.font, bold=cell.bold or (r < t.header_rows))
    return tbl


def add_section(doc, landscape):
    from docx.enum.section import WD_SECTION
    sec = doc.add_section(WD_SECTION.NEW_PAGE)
    set_orientation(sec, landscape)
    return sec


def set_orientation(sec, landscape):
    w, h = Cm(21.0), Cm(29.7)
    if landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = h, w
    else:
        sec.orientation = WD_ORIENT.PORTRAIT
        sec.page_width, sec.page_height = w, h
    sec.left_margin = sec.right_margin = Cm(2.0)
    sec.top_margin = Cm(2.0)
    sec.bottom_margin = Cm(1.8)


def table_block(doc, D, t, first_in_section):
    """Title, caption, unit and the table; title starts a new page unless first_in_section."""
    s = D.spec
    para(doc, t.title, font=SANS, size=15, bold=True, align="c", after=6, page_break=not first_in_section)
    t.block_probe = t.title
    unit_line = f"单位：{t.unit_caption or t.unit}" if t.unit else None
    if s["family"] == "shanghai" and t.caption:
        p = doc.add_paragraph()
        sec = doc.sections[-1]
        width = sec.page_width - sec.left_margin - sec.right_margin
        p.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
        p.paragraph_format.space_after = Pt(3)
        r = p.add_run(f"{t.caption[0]}\t{unit_line}")
        set_fonts(r, SERIF, 10)
    else:
        for c in t.caption:
            para(doc, c, size=10, after=2)
        if unit_line:
            para(doc, unit_line, size=10, align="r", after=3)
    render_table(doc, t)
    if t.note:
        para(doc, t.note, size=10, before=4)


def render_doc(D, paras, path):
    s = D.spec
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = SERIF
    rpr = st.element.get_or_add_rPr()
    rf = rpr.find(qn("w:rFonts"))
    if rf is None:
        rf = OxmlElement("w:rFonts"); rpr.insert(0, rf)
    for a_ in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rf.set(qn(a_), SERIF)
    doc.core_properties.author = ""
    set_orientation(doc.sections[0], False)
    y = s["year"]
    kindword = "预算" if s["kind"] == "budget" else "决算"
    state = {"fresh": True, "land": False}

    def start(text, probe=True, table=None, **kw):
        """First paragraph of a block: always at the top of a new page."""
        para(doc, text, page_break=not state["fresh"], **kw)
        state["fresh"] = False
        blk = {"probe": text}
        if table is not None:
            blk["table"] = table
        D.blocks.append(blk)

    def orient(land):
        if land != state["land"]:
            add_section(doc, land)
            state["land"] = land
            state["fresh"] = True

    # ---- cover
    if s["kind"] == "final":
        title = f"{s['dept']}{y}年度部门决算公开"
    elif s["family"] == "hebei":
        title = f"{s['dept']} {y} 年预算公开"
    else:
        title = f"{s['dept']}{y}年部门预算公开"
    D.title = title
    pub_year = y if s["kind"] == "budget" else y + 1
    D.published = f"{pub_year}-{s['month']:02d}"
    para(doc, "", after=120)
    state["fresh"] = False
    D.blocks.append({"probe": title})
    para(doc, title, font=SANS, size=22, bold=True, align="c", after=200, line=1.5)
    para(doc, cn_date(pub_year, s["month"]), font=SANS, size=16, align="c")
    # ---- contents
    start("目录", font=SANS, size=18, bold=True, align="c", after=12)
    main_tables = [t for t in D.tables if t.ttype.startswith(("budget.", "final."))]
    toc_tables = [t.title if t.title.startswith("表") else f"{i + 1}.{t.title}" for i, t in enumerate(main_tables)]
    narr_heads = [p[1] for p in paras if p[0] in ("h2", "pb_h2")]
    sec_tab = f"{y}年度部门{kindword}公开表"
    sec_nar = f"{y}年度部门{kindword}情况说明"
    order = [(sec_tab, toc_tables), (sec_nar, narr_heads)]
    if not s.get("tables_first"):
        order.reverse()
    for i, (head, lst) in enumerate(order):
        para(doc, f"{CN_ORD[i]}、{head}", size=12, bold=True, after=2)
        for x in lst:
            para(doc, "    " + x, size=11, after=0, line=1.25)
    if D.projects:
        para(doc, f"三、{y}年部门预算绩效信息", size=12, bold=True, after=2)

    def narrative():
        orient(False)
        for kind, text in paras:
            if kind == "h1":
                start(text, font=SANS, size=16, bold=True, align="c", after=8)
            elif kind == "h2":
                para(doc, text, font=SANS, size=13, bold=True, after=4, before=6)
            elif kind == "pb_h2":
                start(text, font=SANS, size=13, bold=True, after=4)
            elif kind == "p":
                para(doc, text, size=12, indent=True, align="j")
            elif kind == "units":
                t = D.units_table
                for c in t.caption:
                    para(doc, c, size=10, after=2)
                render_table(doc, t)
                para(doc, "", after=2)
                t.block_probe = t.caption[0]
                t.block_no = len(D.blocks) - 1
            elif kind == "procurement":
                t = D.proc_table
                para(doc, t.title, font=SANS, size=12, bold=True, align="c", after=2)
                for c in t.caption:
                    para(doc, c, size=10, after=2)
                para(doc, "单位：万元", size=10, align="r", after=2)
                render_table(doc, t)
                para(doc, "", after=2)
                t.block_probe = t.title
                t.block_no = len(D.blocks) - 1

    def tables():
        for t in main_tables:
            orient(bool(t.landscape or s.get("landscape_tables")))
            t.orientation = "landscape" if state["land"] else "portrait"
            start(t.title, table=t, font=SANS, size=15, bold=True, align="c", after=6)
            unit_line = f"单位：{t.unit_caption or t.unit}" if t.unit else None
            if s["family"] == "shanghai" and t.caption:
                p = doc.add_paragraph()
                sec = doc.sections[-1]
                width = sec.page_width - sec.left_margin - sec.right_margin
                p.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
                p.paragraph_format.space_after = Pt(3)
                r = p.add_run(f"{t.caption[0]}\t{unit_line}")
                set_fonts(r, SERIF, 10)
            else:
                for c in t.caption:
                    para(doc, c, size=10, after=2)
                if unit_line:
                    para(doc, unit_line, size=10, align="r", after=3)
            render_table(doc, t)
            if t.note:
                para(doc, t.note, size=10, before=4)

    if s.get("tables_first"):
        tables()
        narrative()
    else:
        narrative()
        tables()
    # ---- performance
    if D.projects:
        orient(False)
        start(f"{y}年部门预算绩效信息", font=SANS, size=16, bold=True, align="c", after=8)
        para(doc, "第一部分 部门整体绩效目标", font=SANS, size=13, bold=True, after=4)
        para(doc, f"{y}年，{s['short']}将紧密围绕中心工作，强化预算绩效管理，提高财政资金使用效益，"
                  f"保障各项重点任务有序推进。", size=12, indent=True)
        para(doc, "第二部分 预算项目绩效目标", font=SANS, size=13, bold=True, after=4)
        for t in D.perf_tables:
            start(t.title, table=t, font=SANS, size=12, bold=True, align="c", after=2)
            for c in t.caption:
                para(doc, c, size=10, after=0)
            para(doc, "单位：万元", size=10, align="r", after=2)
            render_table(doc, t)
    doc.save(path)


# --------------------------------------------------------------------------------------
# PDF helpers
# --------------------------------------------------------------------------------------
def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        raise SystemExit(f"command failed: {cmd}\n{r.stdout}\n{r.stderr}")
    return r.stdout


def soffice_convert(docx_paths, outdir, profile):
    # One process per document: LibreOffice numbers the Type 1 fonts it embeds (/UniqueID) with a
    # per-process counter, so a shared process would make each PDF depend on the ones before it.
    for p in docx_paths:
        run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", outdir, p])


def page_texts(pdf):
    txt = run(["pdftotext", "-enc", "UTF-8", pdf, "-"])
    pages = txt.split("\f")
    if pages and pages[-1].strip() == "":
        pages = pages[:-1]
    return [re.sub(r"\s+", "", p) for p in pages]


def squash(s):
    return re.sub(r"\s+", "", s)


def locate(D, pdf):
    """Physical pages of each block and table. Every table sits in a block that starts on a new page."""
    pages = page_texts(pdf)
    n = len(pages)
    starts = []
    cur = 0
    for blk in D.blocks:
        probe = squash(blk["probe"])
        for i in range(cur, n):
            if probe in pages[i]:
                starts.append(i)
                cur = i + 1
                break
        else:
            raise SystemExit(f"{D.spec['stem']}: block probe not found: {blk['probe']}")
    for i, blk in enumerate(D.blocks):
        end = (starts[i + 1] - 1) if i + 1 < len(D.blocks) else n - 1
        if i + 1 < len(D.blocks) and starts[i + 1] == starts[i]:
            raise SystemExit(f"{D.spec['stem']}: two blocks on one page: {blk['probe']}")
        blk["pages"] = list(range(starts[i] + 1, end + 2))
        if "table" in blk:
            blk["table"].pages = blk["pages"]
    # flow tables inside the narrative
    for t in (D.units_table, getattr(D, "proc_table", None)):
        if t is None:
            continue
        p0 = next(i for i in range(starts[t.block_no], n) if squash(t.block_probe) in pages[i])
        if squash(t.probe) not in pages[p0]:
            raise SystemExit(f"{D.spec['stem']}: flow table {t.ttype} does not end on page {p0 + 1}")
        t.pages = [p0 + 1]
    return n


def finalize_pdf(src, dst, rotate_pages=()):
    """Fix metadata (dates, producer), optionally store pages rotated, deterministic /ID."""
    w = PdfWriter(clone_from=src)
    for i, page in enumerate(w.pages):
        if i + 1 in rotate_pages:
            W_, H_ = float(page.mediabox.width), float(page.mediabox.height)
            assert W_ > H_, "rotate only landscape pages"
            page.add_transformation(Transformation().rotate(90).translate(H_, 0))
            box = RectangleObject([0, 0, H_, W_])
            page.mediabox = box
            page.cropbox = box
            page.trimbox = box
            page.artbox = box
            page.bleedbox = box
            page[NameObject("/Rotate")] = pypdf_number(90)
    # clone_from copies LibreOffice's random /ID; replace it before qpdf derives its own from the content
    fixed = hashlib.md5(os.path.basename(dst).encode()).digest()
    w._ID = ArrayObject([ByteStringObject(fixed), ByteStringObject(fixed)])
    w.add_metadata({"/Producer": "gongkai make-samples", "/Creator": "LibreOffice (python-docx)",
                    "/CreationDate": FIXED_DATE, "/ModDate": FIXED_DATE})
    tmp = dst + ".tmp.pdf"
    with open(tmp, "wb") as f:
        w.write(f)
    run(["qpdf", "--deterministic-id", "--object-streams=preserve", tmp, dst])
    os.remove(tmp)


def pypdf_number(n):
    from pypdf.generic import NumberObject
    return NumberObject(n)


# --------------------------------------------------------------------------------------
# scans
# --------------------------------------------------------------------------------------
def seal_image(size, text, rng):
    """A red round seal (RGBA), semi-transparent."""
    S = size
    img = Image.new("RGBA", (S, S), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    red = (215, 25, 32, 255)
    lw = max(4, S // 40)
    d.ellipse([lw, lw, S - lw, S - lw], outline=red, width=lw)
    cx = cy = S / 2
    R = S * 0.16
    pts = []
    for k in range(10):
        ang = -math.pi / 2 + k * math.pi / 5
        rr = R if k % 2 == 0 else R * 0.38
        pts.append((cx + rr * math.cos(ang), cy + rr * math.sin(ang)))
    d.polygon(pts, fill=red)
    font = ImageFont.truetype(SANS_TTC, int(S * 0.11), index=2)
    n = len(text)
    span = math.radians(250)
    r_text = S * 0.36
    for i, ch in enumerate(text):
        ang = -math.pi / 2 - span / 2 + span * (i + 0.5) / n
        ci = Image.new("RGBA", (int(S * 0.16), int(S * 0.16)), (0, 0, 0, 0))
        ImageDraw.Draw(ci).text((ci.width / 2, ci.height / 2), ch, font=font, fill=red, anchor="mm")
        ci = ci.rotate(-math.degrees(ang) - 90, resample=Image.BICUBIC, expand=False)
        x = cx + r_text * math.cos(ang) - ci.width / 2
        y = cy + r_text * math.sin(ang) - ci.height / 2
        img.alpha_composite(ci, (int(x), int(y)))
    # roughness: knock out random pixels for an inked look
    a = np.array(img)
    mask = np.random.default_rng(rng.randint(0, 2 ** 31)).random(a.shape[:2]) < 0.18
    a[..., 3] = np.where(mask, (a[..., 3] * 0.35).astype(np.uint8), (a[..., 3] * 0.78).astype(np.uint8))
    return Image.fromarray(a, "RGBA")


def make_scan(src_pdf, dst_pdf, seal_pages, seal_text, rng):
    """Image-only copy: 150 dpi, grey (stamped pages in colour, as an auto-colour scanner does),
    gaussian noise, a small rotation, JPEG in img2pdf."""
    dpi = 150
    with tempfile.TemporaryDirectory() as td:
        run(["pdftoppm", "-r", str(dpi), "-png", src_pdf, os.path.join(td, "p")])
        files = sorted(f for f in os.listdir(td) if f.endswith(".png"))
        jpgs = []
        for i, fn in enumerate(files):
            im = Image.open(os.path.join(td, fn)).convert("RGB")
            colour = (i + 1) in seal_pages
            if colour:
                seal = seal_image(int(dpi * 1.65), seal_text, rng)
                base = im.convert("RGBA")
                # over the caption / upper right part of the table, as on real stamped pages
                layer = Image.new("RGBA", base.size, (0, 0, 0, 0))
                layer.alpha_composite(seal, (int(base.width * 0.55), int(base.height * 0.08)))
                im = Image.alpha_composite(base, layer).convert("RGB")
            else:
                im = im.convert("L")
            arr = np.asarray(im).astype(np.int16)
            nrng = np.random.default_rng(rng.randint(0, 2 ** 31))
            noise = nrng.normal(0, 9, arr.shape[:2])
            if arr.ndim == 3:
                noise = noise[..., None]
            arr = np.clip(arr + noise - 6, 0, 255).astype(np.uint8)
            im = Image.fromarray(arr)
            ang = rng.uniform(0.5, 1.5) * rng.choice([-1, 1])
            im = im.rotate(ang, resample=Image.BICUBIC, expand=False,
                           fillcolor=(250, 250, 250) if colour else 250)
            out = os.path.join(td, f"s{i:03d}.jpg")
            im.save(out, "JPEG", quality=50, optimize=True, dpi=(dpi, dpi))
            jpgs.append(out)
        tmp = os.path.join(td, "scan.pdf")
        run(["img2pdf", "--nodate", "-o", tmp] + jpgs)
        finalize_pdf(tmp, dst_pdf)


# --------------------------------------------------------------------------------------
# golden
# --------------------------------------------------------------------------------------
def golden_tables(D):
    out = []
    all_t = sorted(D.all_tables, key=lambda t: (t.pages[0], t.order))
    for i, t in enumerate(all_t):
        grid, cells = t.golden()
        e = {"index": i, "table_type": t.ttype, "title": norm_ws(t.title) if t.title else None,
             "unit": t.unit, "caption": [norm_ws(c) for c in t.caption], "pages": t.pages,
             "layout": t.layout, "header_rows": t.header_rows, "n_rows": len(grid), "n_cols": t.n_cols,
             "rows": grid, "cells": cells,
             "orientation": getattr(t, "orientation", "portrait")}
        if t.rotate:
            e["stored_rotated"] = True
        if t.note:
            e["note"] = t.note
        if t.empty_declared:
            e["empty_declared"] = True
        if t.header_rows and len(t.pages) > 1:
            e["header_repeated_on_pages"] = t.pages[1:]
        t.index = i
        out.append(e)
    return out


def write_json(path, obj):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, sort_keys=True, indent=1)
        f.write("\n")


def build_doc(spec, rng):
    D = Doc(spec)
    if spec["kind"] == "budget":
        b = build_budget(spec, rng)
        D.b = b
        build_budget_tables(D, b)
        paras = narrative_budget(D, b)
        D.proc_table = procurement_table(D, b)
        D.proc_table.layout = spec["layout"]
    else:
        paras = build_final(D, rng)
        D.proc_table = None
    D.units_table = units_table(D)
    D.units_table.layout = spec["layout"]
    D.perf_tables = []
    if spec["kind"] == "budget":
        for i, p in enumerate(D.b.projects):
            p["year"] = spec["year"]
            unit_code = f"{spec['dept_code']}001"
            t = performance_table(D, rng, i + 1, p, unit_code, spec["units"][0][0])
            t.layout = spec["layout"]
            D.perf_tables.append(t)
    for k, t in enumerate(D.tables):
        t.order = k
    D.all_tables = list(D.tables)
    return D, paras


def golden_doc(D, npages, pdf_rel, scanned=False, source=None):
    s = D.spec
    tables = golden_tables(D)
    records = {}
    for tt, rec in D.records.items():
        r = dict(rec)
        r["table_index"] = next(t.index for t in D.all_tables if t.ttype == tt)
        records[tt] = r
    if getattr(D, "procurement", None):
        pt = D.proc_table
        records["procurement"] = dict(unit="万元", table_index=pt.index,
                                      columns=["total", "general_budget", "fund_budget", "state_capital_budget",
                                               "fiscal_special_account", "unit_funds"],
                                      rows=[dict(kind=r["kind"], name=r.get("label") or r.get("item_name"),
                                                 code=None,
                                                 values={k: r.get(k) if "values" not in r else r["values"][k]
                                                         for k in ["total", "general_budget", "fund_budget",
                                                                   "state_capital_budget", "fiscal_special_account",
                                                                   "unit_funds"]})
                                            for r in D.procurement],
                                      row_sums=[{"total": "total", "parts": ["general_budget", "fund_budget",
                                                                            "state_capital_budget",
                                                                            "fiscal_special_account", "unit_funds"]}])
    projects = []
    for p, t in zip(D.projects, D.perf_tables):
        p = dict(p)
        p["table_index"] = t.index
        p.pop("unit_name", None)
        projects.append(p)
    proc_items = [dict((k, v) for k, v in r.items() if k != "kind") for r in D.procurement if r["kind"] == "item"] \
        if D.procurement else []
    g = {
        "golden_format": 1,
        "sample": os.path.basename(pdf_rel)[:-4],
        "pdf": pdf_rel,
        "scanned": scanned,
        "source_sample": source,
        "arithmetic_consistent": True,
        "deliberate_errors": [],
        "generator": "scripts/make_samples.py",
        "document": {"kind": s["kind"], "scope": "department", "fiscal_year": s["year"], "title": D.title,
                     "published": D.published, "template_family": s["family"],
                     "region": {"province": s["province"], "city": s["city"], "district": s["district"] or None},
                     "department": {"code": s["dept_code"], "name": s["dept"], "short_name": s["short"]},
                     "units": [{"code": f"{s['dept_code']}001" if i == 0 else None, "name": u[0], "nature": u[1],
                                "rank": u[2], "funding_form": u[3]} for i, u in enumerate(s["units"])],
                     "amount_unit": s["unit"], "thousands_separator": s["sep"]},
        "pages": npages,
        "tables": tables,
        "records": records,
        "facts": D.facts,
        "fact_sums": D.fact_sums,
        "procurement": proc_items,
        "projects": projects,
    }
    return g


def make_wrong(work):
    """The 元 document again, with one printed total off by 0.01 元."""
    wrong_spec = dict(next(s for s in DOCS if s["stem"] == WRONG_OF), stem=WRONG_OF + "-wrong")
    rng = random.Random(f"{SEED}:{WRONG_OF}")
    Dw, paras_w = build_doc(wrong_spec, rng)
    ts = next(t for t in Dw.tables if t.ttype == "budget.summary")
    row = ts.rows[ts.grand_row]
    consistent_text = row[3].text
    fen = int(consistent_text.replace(",", "").replace(".", ""))
    printed = fmt(fen + 1, "元", True)
    row[3] = Cell(printed, align="r")
    rec = next(r for r in Dw.records["budget.summary"]["rows"] if r.get("line") == "expenditure.grand_total")
    rec["values"]["amount"] = yuan(fen + 1)
    Dw.wrong = dict(table=ts, row_label=row[2].text, column="预算数", printed=printed,
                    consistent=consistent_text, printed_yuan=yuan(fen + 1), consistent_yuan=yuan(fen))
    pw = os.path.join(work, wrong_spec["stem"] + ".docx")
    render_doc(Dw, paras_w, pw)
    return Dw, pw


def write_samples_readme():
    lines = ["# samples/: synthetic disclosure PDFs", "",
             "Generated by `scripts/make-samples` (do not edit by hand; `samples/bad/` and `samples/real/` are",
             "maintained separately). Ground truth for every PDF listed here is in `golden/<stem>.json`",
             "(format: `golden/README.md`). All departments, regions, codes and figures are invented.", "",
             "| stem | kind | family (titles) | unit | layout / features | pages | tables | projects |",
             "|---|---|---|---|---|---|---|---|"]
    for fn in sorted(os.listdir(GOLDEN)):
        if not fn.endswith(".json"):
            continue
        with open(os.path.join(GOLDEN, fn), encoding="utf-8") as f:
            g = json.load(f)
        d = g["document"]
        feats = sorted({t["layout"] for t in g["tables"]})
        multi = [t for t in g["tables"] if len(t["pages"]) > 1]
        if multi:
            feats.append(f"{len(multi)} table(s) over 2 pages with repeated header")
        land = sorted({p for t in g["tables"] if t["orientation"] == "landscape" for p in t["pages"]})
        if land:
            feats.append("landscape p." + ",".join(map(str, land)))
        rot = [t["pages"][0] for t in g["tables"] if t.get("stored_rotated")]
        if rot:
            feats.append("/Rotate 90 p." + ",".join(map(str, rot)))
        empty = [t["table_type"].split(".")[1] for t in g["tables"] if t.get("empty_declared")]
        if empty:
            feats.append("empty " + "/".join(empty) + " table(s) with note")
        if d["amount_unit"] == "元":
            feats.append("元 with separators, 三公 in 万元")
        if g["scanned"]:
            feats.append("image-only scan (150 dpi, noise, 0.5–1.5° skew)")
            if g["scan"]["colour_pages"]:
                feats.append("red seal p." + ",".join(map(str, g["scan"]["colour_pages"])))
        if not g["arithmetic_consistent"]:
            e = g["deliberate_errors"][0]
            feats.append(f"DELIBERATE ERROR: {e['row_label']} p.{e['page']} printed {e['printed']} (should be {e['consistent']})")
        lines.append(f"| {g['sample']} | {d['kind']} | {d['template_family']} | {d['amount_unit']} | "
                     f"{'; '.join(feats)} | {g['pages']} | {len(g['tables'])} | {len(g['projects'])} |")
    with open(os.path.join(SAMPLES, "README.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def main():
    os.makedirs(SAMPLES, exist_ok=True)
    os.makedirs(GOLDEN, exist_ok=True)
    work = tempfile.mkdtemp(prefix="gk-samples-")
    profile = os.path.join(work, "lo-profile")
    try:
        docs = []
        only = os.environ.get("ONLY")
        for spec in DOCS:
            if only and spec["stem"] not in only.split(","):
                continue
            rng = random.Random(f"{SEED}:{spec['stem']}")
            D, paras = build_doc(spec, rng)
            path = os.path.join(work, spec["stem"] + ".docx")
            render_doc(D, paras, path)
            docs.append((D, path))
        if not only or WRONG_OF in only:
            docs.append(make_wrong(work))
        soffice_convert([p for _, p in docs], work, profile)
        for D, path in docs:
            stem = D.spec["stem"]
            raw = path[:-5] + ".pdf"
            npages = locate(D, raw)
            rot = [t.pages[0] for t in D.tables if t.rotate]
            out = os.path.join(SAMPLES, stem + ".pdf")
            finalize_pdf(raw, out, rot)
            g = golden_doc(D, npages, f"samples/{stem}.pdf")
            if getattr(D, "wrong", None):
                w = D.wrong
                g["arithmetic_consistent"] = False
                g["deliberate_errors"] = [{"table_type": "budget.summary", "table_title": w["table"].title,
                                           "table_index": w["table"].index, "page": w["table"].pages[0],
                                           "row_label": w["row_label"], "column": w["column"],
                                           "side": "expenditure", "line": "expenditure.grand_total",
                                           "printed": w["printed"], "consistent": w["consistent"],
                                           "printed_yuan": w["printed_yuan"], "consistent_yuan": w["consistent_yuan"],
                                           "rule_hint": "S1"}]
            write_json(os.path.join(GOLDEN, stem + ".json"), g)
            D.golden = g
            print(f"{stem}: {npages} pages, {len(g['tables'])} tables", file=sys.stderr)
        # scans
        by_stem = {D.spec["stem"]: D for D, _ in docs}
        for stem, seal in SCANS:
            if stem not in by_stem:
                continue
            D = by_stem[stem]
            rng = random.Random(f"{SEED}:scan:{stem}")
            seal_pages = []
            if seal:
                seal_pages = [t.pages[0] for t in D.tables if t.ttype in ("budget.summary", "budget.three_public")]
                seal_pages.append(D.perf_tables[0].pages[0])
            out = os.path.join(SAMPLES, stem + "-scan.pdf")
            make_scan(os.path.join(SAMPLES, stem + ".pdf"), out, set(seal_pages), D.spec["dept"], rng)
            g = copy.deepcopy(D.golden)
            g["sample"] = stem + "-scan"
            g["pdf"] = f"samples/{stem}-scan.pdf"
            g["scanned"] = True
            g["source_sample"] = stem
            g["scan"] = {"dpi": 150, "colour_pages": sorted(seal_pages), "rotation_deg_range": [0.5, 1.5], "noise": "gaussian sigma 9",
                         "seal_pages": sorted(seal_pages)}
            write_json(os.path.join(GOLDEN, stem + "-scan.json"), g)
            print(f"{stem}-scan: done", file=sys.stderr)
        if not only:
            write_samples_readme()
    finally:
        if os.environ.get("KEEP_WORK"):
            print("work dir:", work, file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
