"""Cleaning: Unicode that PDFs really contain, page-break joins, page furniture."""

import regex

from extractors.clean import join_blocks, text_raw_blocks, word_spans_break
from extractors.normalize import clean_line, has_foreign_radicals, normalize_unicode
from pipeline.models import Page

# A paragraph ends with sentence-final punctuation (closing quotes/brackets may follow).
PARAGRAPH_END = regex.compile(r"[。!?;:…](?:[”’)\]]*)$")


def test_kangxi_and_supplement_radicals_become_ideographs():
    assert normalize_unicode("2020年12⽉29⽇ 拉萨市⼈⺠政府 ⻔") == "2020年12月29日 拉萨市人民政府 门"
    assert normalize_unicode("⼾籍 2017―2020") == "户籍 2017—2020"  # Noto CJK SC glyphs, see the tsv


def test_full_width_forms_become_ascii_and_spaces_touching_cjk_go():
    assert clean_line("预算金额 （万元）") == "预算金额(万元)"
    assert clean_line("生态环境局(原 市环保局)") == "生态环境局(原市环保局)"
    assert clean_line("资金核减率高达 34%，") == "资金核减率高达34%,"
    assert clean_line("Word  and  PDF") == "Word and PDF"


def test_word_split_by_a_page_break_is_detected():
    assert word_spans_break("加强绩", "效激励约束作用")
    assert not word_spans_break("筑牢项目准入“防火墙”", "事前绩效评估是")


def test_lhasa_page_break_inside_a_paragraph_is_joined(corpus_reports):
    report = corpus_reports["lhasa-2020-performance-management.txt"]
    assert "《中共西藏自治区委员会西藏自治区人民政府关于全面实施预算绩效管理的实施意见》(藏党发〔2020〕7号)" in report.text
    assert "委\n" not in report.text


def test_no_body_paragraph_ends_mid_sentence(corpus_reports):
    for name, report in corpus_reports.items():
        for paragraph in report.paragraphs:
            if paragraph.kind == "body":
                assert PARAGRAPH_END.search(paragraph.text), f"{name} p{paragraph.index}: …{paragraph.text[-20:]}"


def test_no_radical_code_points_survive(corpus_reports):
    for report in corpus_reports.values():
        assert not has_foreign_radicals(report.text)


def test_printed_page_numbers_are_dropped_and_count_as_breaks():
    page = Page(1, "第一段没有写完，下一页继\n\n- 2 -\n\n续写完。\n\n二、标题")
    blocks = join_blocks(text_raw_blocks(page), breaks_known=False)
    assert [b.text for b in blocks] == ["第一段没有写完,下一页继续写完。", "二、标题"]
    assert blocks[0].page_offsets == [(0, 1), (12, 2)]


def test_table_rows_split_by_a_page_break_stay_one_table(corpus_reports):
    report = corpus_reports["lhasa-2020-performance-management.txt"]
    tables = [b for b in report.blocks if b.tabular]
    assert len(tables) == 2  # annex (1) and (2); annex (3) prints a caption with no table
    annex1 = tables[0].text.split("\n")
    assert annex1[0].startswith("序号\t单位") and annex1[-1].endswith("合计\t76,036.75\t\t")
    # Rows 22 and 23 were split by a page break; they are adjacent lines now, on different pages.
    row22 = next(i for i, line in enumerate(annex1) if line.startswith("22\t"))
    assert annex1[row22 + 1].startswith("23\t")
    offset = tables[0].start + sum(len(line) + 1 for line in annex1[: row22 + 1])
    assert report.page_at(offset) == report.page_at(tables[0].start) + 1
