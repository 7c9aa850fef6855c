"""Standard-template self-assessment forms (项目支出绩效自评表) as test data: seeded specs and their renderings.

A spec (JSON, kept as a golden file in tests/golden/forms/rendered/) is what the form prints; the
renderers print it as a flattened one-line web-page text, as tab-separated text, and as a ruled PDF
(reportlab, one form per page or two forms on one page). Reading a rendering back must give the spec.

Regenerate the specs with `python -m tests.forms_render` (seeded: the same files each time).
"""

from __future__ import annotations

import json
import random
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

GOLDEN_DIR = Path(__file__).parent / "golden" / "forms" / "rendered"
SPEC_SEED = 20261202
# Pools the generator draws from: (level1, level2, level3, target, actual that meets it, actual that misses it).
INDICATOR_POOL = [
    ("产出指标", "数量指标", "开展培训次数", "≥12次", "14次", "10次"),
    ("产出指标", "数量指标", "改造道路长度", "≥3.5公里", "3.6公里", "3.1公里"),
    ("产出指标", "数量指标", "资助学生人数", "≥450人", "468人", "430人"),
    ("产出指标", "质量指标", "工程验收合格率", "=100百分比", "100百分比", "96百分比"),
    ("产出指标", "质量指标", "设备完好率", "≥95%", "97%", "92%"),
    ("产出指标", "时效指标", "项目完成时间", "按期完成", "按期完成", "延期完成"),
    ("产出指标", "时效指标", "资金拨付及时率", "≥90%", "100%", "85%"),
    ("产出指标", "成本指标", "项目总成本", "≤120万元", "115.6万元", "126万元"),
    ("产出指标", "成本指标", "人均补助标准", "≤1500元", "1500元", "1620元"),
    ("效益指标", "社会效益指标", "受益群众人数", "≥2000人", "2350人", "1800人"),
    ("效益指标", "社会效益指标", "群众办事便利度", "明显提升", "明显提升", "有所提升"),
    ("效益指标", "经济效益指标", "带动农户增收", "≥5%", "6.2%", "4.1%"),
    ("效益指标", "生态效益指标", "垃圾无害化处理率", "≥98%", "99%", "96%"),
    ("效益指标", "可持续影响指标", "设施持续使用年限", "≥10年", "10年", "8年"),
    ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "93.5%", "86%"),
    ("满意度指标", "服务对象满意度指标", "学生家长满意度", "≥85%", "91%", "80%"),
]
LEVEL_WEIGHTS = {"产出指标": 50, "效益指标": 30, "满意度指标": 10}
PROJECTS = ["乡村道路提升改造项目", "中小学学生资助经费", "农村人居环境整治专项", "基层医疗设备购置项目", "社区养老服务补助", "农业技术推广培训经费"]
DEPARTMENTS = [("某县交通运输局", "某县公路事务中心"), ("某县教育局", "某县第一中学"), ("某县农业农村局", "某县农业技术推广站"), ("某县卫生健康委员会", "某县人民医院")]
DEVIATIONS = ["受雨季影响工期延后,已督促加快进度", "部分对象资格复核未完成,下年度补齐", "物价上涨导致成本增加,将优化采购方式"]
CENT = Decimal("0.01")


def split_weight(total: int, parts: int, rng: random.Random) -> list[int]:
    """Split a level's weight into `parts` whole-number weights (each at least 5)."""
    cuts = sorted(rng.sample(range(1, total // 5), parts - 1)) if parts > 1 else []
    points = [0, *cuts, total // 5]
    return [5 * (b - a) for a, b in zip(points, points[1:])]


def make_spec(rng: random.Random, name: str, kind: str = "project", small: bool = False) -> dict:
    """Return one form spec: header, standard funds block, goals, indicators with weights and scores."""
    project = rng.choice(PROJECTS)
    department, unit = rng.choice(DEPARTMENTS)
    fiscal = Decimal(rng.randrange(500, 20000)) / 10
    carryover = Decimal(rng.choice([0, 0, rng.randrange(10, 500)])) / 10
    other = Decimal(rng.choice([0, rng.randrange(10, 300)])) / 10
    adjust = Decimal(rng.randrange(0, 200)) / 10
    initial = [fiscal, carryover, other]
    full = [fiscal + adjust, carryover, other]
    executed = [(v * Decimal(rng.randrange(80, 101)) / 100).quantize(Decimal("0.1")) for v in full]
    rate = (sum(executed) / sum(full) * 100).quantize(CENT, ROUND_HALF_UP)
    funds_score = min(rate / 100 * 10, Decimal(10)).quantize(CENT, ROUND_HALF_UP)
    indicators = []
    per_level = {"产出指标": 2 if small else 4, "效益指标": 1 if small else 2, "满意度指标": 1}
    for level1, count in per_level.items():
        pool = [row for row in INDICATOR_POOL if row[0] == level1]
        chosen = sorted(rng.sample(pool, min(count, len(pool))), key=INDICATOR_POOL.index)
        for (l1, l2, l3, target, good, bad), weight in zip(chosen, split_weight(LEVEL_WEIGHTS[level1], len(chosen), rng)):
            missed = rng.random() < 0.25
            score = Decimal(weight) if not missed else Decimal(weight) - rng.choice([1, 2, Decimal("2.5")])
            deviation = rng.choice(DEVIATIONS) if missed else ""
            indicators.append([l1, l2, l3, target, bad if missed else good, str(weight), str(score), deviation])
    total = funds_score + sum(Decimal(row[6]) for row in indicators)
    money = lambda values: [str(v) for v in [sum(values), *values]]  # noqa: E731 - total first, then its parts
    return {
        "name": name,
        "title": "项目支出绩效自评表" if kind == "project" else "部门整体支出绩效自评表",
        "kind": kind,
        "year": rng.choice([2021, 2022, 2023]),
        "project": project if kind == "project" else None,
        "department": department,
        "unit": unit if kind == "project" else department,  # a department form names one body: 部门（单位）名称
        "funds_unit": "万元",
        "funds": {
            "年度资金总额": money(initial)[:1] + money(full)[:1] + money(executed)[:1] + ["10", f"{rate}%", str(funds_score)],
            "当年财政拨款": [str(fiscal), str(full[0]), str(executed[0]), "—", "—", "—"],
            "上年结转资金": [str(carryover), str(full[1]), str(executed[1]), "—", "—", "—"],
            "其他资金": [str(other), str(full[2]), str(executed[2]), "—", "—", "—"],
        },
        "goal_expected": f"完成{project}年度建设任务,保障资金安全高效使用。",
        "goal_actual": f"{project}年度任务已完成,资金按规定使用。",
        "level_weights": dict(LEVEL_WEIGHTS),
        "indicators": indicators,
        "total_weight": "100",
        "total_score": str(total),
    }


FUJIAN_FUNDS_ROWS = ["财政资金小计", "①中央财政资金", "②省级财政资金", "③地方财政资金", "其他资金小计", "①……", "合计"]
FUJIAN_FUNDS_HEADER = [
    "年初部门预算安排金额(含历年结余结转)①", "年中调整金额②", "年度拨付金额③", "本年度结余金额④=①+②-③",
    "实际到位金额⑤", "实际支出金额⑥", "本年度结余金额⑦", "结余率(%)⑧=⑦/⑤",
]  # fmt: skip
# Columns the Fujian 2018 form prints between 三级指标 and 实际完成值: (explanation, scoring standard), from a pool.
FUJIAN_EXPLANATIONS = [("资金使用对象数量", "是否按计划完成"), ("质量验收合格", "是否验收合格"), ("资金发放的时间", "是否按时完成"), ("财政投资金额", "是否控制在预算内")]


def make_fujian_spec(rng: random.Random, name: str) -> dict:
    """Return a Fujian 2018 财政支出项目绩效自评表 spec: funds block ①…⑧, indicators with 指标解释 and 评分标准."""
    local = Decimal(rng.randrange(50, 3000)) / 10
    provincial = Decimal(rng.choice([0, rng.randrange(10, 500)])) / 10
    adjust = Decimal(rng.choice([0, rng.randrange(1, 50)])) / 10
    spent_share = Decimal(rng.randrange(85, 101)) / 100

    def line(initial: Decimal) -> list[str]:
        adjustment = adjust if initial == local else Decimal(0)
        allocated = initial + adjustment
        spent = (allocated * spent_share).quantize(Decimal("0.1"))
        balance = allocated - spent
        rate = (balance / allocated * 100).quantize(CENT, ROUND_HALF_UP) if allocated else Decimal(0)
        return [str(initial), str(adjustment), str(allocated), "0", str(allocated), str(spent), str(balance), str(rate)]

    parts = {"①中央财政资金": Decimal(0), "②省级财政资金": provincial, "③地方财政资金": local}
    lines = {label: line(v) for label, v in parts.items()}
    fiscal = [str(sum(Decimal(lines[label][k]) for label in parts)) for k in range(7)]
    fiscal.append(str((Decimal(fiscal[6]) / Decimal(fiscal[4]) * 100).quantize(CENT, ROUND_HALF_UP)))
    zero = ["0"] * 8
    indicators = []
    per_level = {"产出指标": 3, "效益指标": 2, "满意度指标": 1}
    weights = {"产出指标": 50, "效益指标": 40, "满意度指标": 10}
    for level1, count in per_level.items():
        pool = [row for row in INDICATOR_POOL if row[0] == level1]
        chosen = sorted(rng.sample(pool, min(count, len(pool))), key=INDICATOR_POOL.index)
        for (l1, l2, l3, target, good, bad), weight in zip(chosen, split_weight(weights[level1], len(chosen), rng)):
            explanation, standard = rng.choice(FUJIAN_EXPLANATIONS)
            missed = rng.random() < 0.25
            score = weight - (rng.choice([1, 2, 3]) if missed else 0)
            indicators.append([l1, l2, l3, explanation, standard, target, bad if missed else good, str(weight), str(score)])
    total = sum(int(row[8]) for row in indicators)
    return {
        "name": name,
        "variant": "fujian_2018",
        "title": f"{rng.choice([2018, 2019])}年财政支出项目绩效自评表",
        "kind": "project",
        "project": rng.choice(PROJECTS),
        "department": rng.choice(DEPARTMENTS)[0],
        "code": str(rng.randrange(100000, 999999)),
        "funds_unit": "万元",
        "funds": {"财政资金小计": fiscal, **lines, "其他资金小计": zero, "①……": zero, "合计": fiscal},
        "goal_expected": "按计划完成年度目标任务。",
        "goal_actual": "已按计划完成年度目标任务。",
        "level_weights": weights,
        "indicators": indicators,
        "total_weight": "100",
        "total_score": str(total),
        "grade": "优秀" if total >= 90 else "良好",
    }


def spaced(label: str) -> str:
    """Return a label as the Pingtan web pages print level names in merged cells: one character a cell (产 出 指 标)."""
    return " ".join(label)


def fujian_rows(spec: dict, flat: bool) -> list[list[str]]:
    """Return a Fujian 2018 form as rows of printed cells (flattened pages split level labels into characters)."""
    year = spec["title"][:4]
    rows = [
        ["项目名称", spec["project"]],
        ["主管部门及部门预算编码", spec["department"], spec["code"]],
        ["财政资金安排和使用情况", "资金结构(万元)", "财政支出项目预算安排、支出情况", "项目单位实际支出情况(汇总全区项目单位情况)"],
        ["", "", *FUJIAN_FUNDS_HEADER],
    ]
    rows += [["", label, *values] for label, values in spec["funds"].items()]
    rows += [["年度总体目标完成情况", "预期目标", "绩效目标实际完成情况"], ["", spec["goal_expected"], spec["goal_actual"]]]
    rows.append(["年度绩效目标完成情况", "一级指标", "二级指标", "三级指标", "指标解释", "评分标准", "绩效目标值", "实际完成值", "指标分值", "自评得分"])
    previous = (None, None)
    for l1, l2, l3, explanation, standard, target, actual, weight, score in spec["indicators"]:
        weight1 = f"({spec['level_weights'][l1]}分)"
        label1 = (f"{spaced(l1)} {weight1}" if flat else f"{l1}{weight1}") if l1 != previous[0] else ""
        label2 = (l2.replace("指标", " 指标") if flat else l2) if (l1, l2) != previous else ""
        rows.append(["", label1, label2, l3, explanation, standard, target, actual, weight, score])
        previous = (l1, l2)
    rows.append(["合计", spec["total_weight"], spec["total_score"]])
    rows.append(["自评得分等次", spec["grade"]])
    return [[f"( {year} 年度)"]] + rows


def form_rows(spec: dict) -> list[list[str]]:
    """Return the form as a 9-column grid of printed cells ('' where a merged cell continues)."""
    funds = spec["funds"]
    header = [["项目名称", spec["project"], "", "", "", "", "", "", ""], ["主管部门", spec["department"], "", "", "实施单位", spec["unit"], "", "", ""]]
    if spec["kind"] == "department":  # the department template names one body and has no 主管部门/实施单位 row
        header = [["部门(单位)名称", spec["department"], "", "", "", "", "", "", ""], ["部门预算编码", "301001", "", "", "", "", "", "", ""]]
    rows = header + [
        [f"{'项目资金' if spec['kind'] == 'project' else '年度预算申请'}({spec['funds_unit']})", "", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "", "年度资金总额", *funds["年度资金总额"]],
        ["", "", "其中:当年财政拨款", *funds["当年财政拨款"]],
        ["", "", "上年结转资金", *funds["上年结转资金"]],
        ["", "", "其他资金", *funds["其他资金"]],
        ["年度总体目标", "预期目标", "", "", "", "实际完成情况", "", "", ""],
        ["", spec["goal_expected"], "", "", "", spec["goal_actual"], "", "", ""],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ]
    previous = (None, None)
    for l1, l2, l3, target, actual, weight, score, deviation in spec["indicators"]:
        label1 = f"{l1}({spec['level_weights'][l1]}分)" if l1 != previous[0] else ""
        label2 = l2 if (l1, l2) != previous else ""
        rows.append(["", label1, label2, l3, target, actual, weight, score, deviation])
        previous = (l1, l2)
    rows.append(["总分", "", "", "", "", spec["total_weight"], spec["total_score"], "", ""])
    return rows


def title_lines(spec: dict) -> list[str]:
    """Return the title and the year line printed above the form."""
    return [spec["title"], f"({spec['year']}年度)"]


def render_flat(spec: dict) -> str:
    """Return the form as a web page gives it: every non-empty cell on one line, separated by spaces."""
    if spec.get("variant") == "fujian_2018":
        return " ".join([spec["title"]] + [c for row in fujian_rows(spec, flat=True) for c in row if c])
    cells = title_lines(spec) + [c for row in form_rows(spec) for c in row if c]
    return " ".join(cells)


def render_tabs(spec: dict) -> str:
    """Return the form as tab-separated lines, one grid row a line (merged cells empty)."""
    if spec.get("variant") == "fujian_2018":
        return "\n".join([spec["title"]] + ["\t".join(row) for row in fujian_rows(spec, flat=False)])
    return "\n".join(title_lines(spec) + ["\t".join(row) for row in form_rows(spec)])


def text_document(specs: list[dict], render) -> str:
    """Return a small report: a heading and a sentence of prose, then each form rendered."""
    parts = ["某县2023年度项目支出绩效自评报告", "一、自评情况", "本单位对下列项目开展了绩效自评,自评表如下。"]
    return "\n\n".join(parts + [render(spec) for spec in specs]) + "\n"


def pdf_table(spec: dict, font: str, size: float):
    """Return a ruled reportlab Table of the form with the template's merged cells."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Table, TableStyle

    style = ParagraphStyle("cell", fontName=font, fontSize=size, leading=size * 1.25, wordWrap="CJK")
    rows = form_rows(spec)
    data = [[Paragraph(c, style) if c else "" for c in row] for row in rows]
    n = len(rows)
    spans = [((1, 0), (8, 0)), ((1, 1), (3, 1)), ((5, 1), (8, 1)), ((0, 2), (1, 6)), ((0, 7), (0, 8)), ((1, 7), (4, 7)), ((5, 7), (8, 7)),
             ((1, 8), (4, 8)), ((5, 8), (8, 8)), ((0, 9), (0, n - 2)), ((0, n - 1), (4, n - 1))]  # fmt: skip
    if spec["kind"] == "department":
        spans[1:3] = [((0, 1), (8, 1))]
    for col in (1, 2):  # level labels span the rows of their group
        start = None
        for r in range(10, n - 1):
            if rows[r][col]:
                if start is not None and r - 1 > start:
                    spans.append(((col, start), (col, r - 1)))
                start = r
        if start is not None and n - 2 > start:
            spans.append(((col, start), (col, n - 2)))
    commands = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    commands += [("SPAN", a, b) for a, b in spans]
    widths = [38, 52, 58, 72, 58, 58, 32, 32, 90]
    return Table(data, colWidths=widths, style=TableStyle(commands))


def fujian_pdf_table(spec: dict, font: str, size: float):
    """Return a ruled reportlab Table of a Fujian 2018 form: 10 columns, wide label cells spanned."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Table, TableStyle

    style = ParagraphStyle("cell", fontName=font, fontSize=size, leading=size * 1.25, wordWrap="CJK")
    rows = [(row + [""] * 10)[:10] for row in fujian_rows(spec, flat=False)[1:]]  # the year line is printed above
    spans = [((1, 0), (9, 0)), ((1, 1), (8, 1)), ((3, 2), (6, 2)), ((7, 2), (9, 2)), ((1, 11), (4, 11)), ((5, 11), (9, 11)),
             ((1, 12), (4, 12)), ((5, 12), (9, 12)), ((2, len(rows) - 2), (9, len(rows) - 2)), ((1, len(rows) - 1), (9, len(rows) - 1))]  # fmt: skip
    for goal in (11, 12):  # 预期目标 | 绩效目标实际完成情况, each over half the width
        rows[goal] = [rows[goal][0], rows[goal][1], "", "", "", rows[goal][2], "", "", "", ""]
    data = [[Paragraph(c, style) if c else "" for c in row] for row in rows]
    commands = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")] + [("SPAN", a, b) for a, b in spans]
    return Table(data, colWidths=[44, 58, 44, 62, 50, 50, 52, 52, 40, 40], style=TableStyle(commands))


def render_pdf(pages: list[list[dict]], path: Path, size: float | None = None) -> None:
    """Write a PDF: each inner list is one page holding those forms, each under its title (a large `size` makes a form run over pages)."""
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

    rl_config.invariant = 1
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    title = ParagraphStyle("title", fontName="STSong-Light", fontSize=12, leading=16, alignment=1)
    story = []
    for page_no, forms in enumerate(pages):
        if page_no:
            story.append(PageBreak())
        for k, spec in enumerate(forms):
            if k:
                story.append(Spacer(1, 14))
            if spec.get("variant") == "fujian_2018":
                story += [Paragraph(spec["title"], title), Paragraph(fujian_rows(spec, flat=False)[0][0], title), Spacer(1, 4)]
                story.append(fujian_pdf_table(spec, "STSong-Light", size or 7))
                continue
            story += [Paragraph(line, title) for line in title_lines(spec)]
            story.append(Spacer(1, 4))
            story.append(pdf_table(spec, "STSong-Light", size or (7 if len(forms) > 1 else 8)))
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=36, rightMargin=36, topMargin=36, bottomMargin=36).build(story)


def write_specs() -> list[Path]:
    """Generate the seeded specs into GOLDEN_DIR; return the files written."""
    rng = random.Random(SPEC_SEED)
    specs = [make_spec(rng, f"form-{i}") for i in range(1, 5)]
    specs += [make_spec(rng, f"small-{i}", small=True) for i in range(1, 3)]
    specs.append(make_spec(rng, "department-1", kind="department"))
    fujian = random.Random(SPEC_SEED + 1)  # a second stream: the specs above stay as they were
    specs += [make_fujian_spec(fujian, f"fujian-{i}") for i in range(1, 3)]
    GOLDEN_DIR.mkdir(parents=True, exist_ok=True)
    paths = []
    for spec in specs:
        path = GOLDEN_DIR / f"{spec['name']}.json"
        path.write_text(json.dumps(spec, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def load_spec(name: str) -> dict:
    """Return the golden spec of a rendered form."""
    return json.loads((GOLDEN_DIR / f"{name}.json").read_text(encoding="utf-8"))


if __name__ == "__main__":
    for written in write_specs():
        print(written)
