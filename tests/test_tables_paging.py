"""The PDF tables stage page at a time (issue 12): one furniture key with clean, refused pages skipped, memory flat.

The PDFs here are drawn by this file (reportlab, or tests/hostile.py's minimal writer): every value
asserted is a value the file itself prints on the page.
"""

from __future__ import annotations

import pytest

from pipeline.models import Line, Page


def edge_page(number: int, header: str) -> Page:
    """Return a loaded page whose first line is `header` (a running header) above one line of prose."""
    prose = ["本年度共对85个项目开展绩效评价。", "评价结果与下年度预算安排相结合。", "部分单位绩效目标设定不够明确。"][number - 1]
    lines = [Line(header, 50, 300, 20, 30, 10), Line(prose, 50, 400, 400, 410, 10)]
    return Page(number, "\n".join(l.text for l in lines), 595, 842, lines)


def test_tables_and_clean_mask_furniture_with_one_function():
    """A running header clean drops is furniture to the table finder too, full-width digits and all."""
    from extractors import clean
    from extractors.tables.pdf import page as table_page
    from extractors.tables.pdf.page import TextLine, is_furniture

    assert table_page.furniture_key is clean.furniture_key
    # the issue number changes on every page; page 2 prints it in full-width digits
    pages = [edge_page(1, "财政局公告 2021年第11期"), edge_page(2, "财政局公告 2021年第１２期"), edge_page(3, "财政局公告 2021年第13期")]
    furniture = clean.furniture_keys(pages)
    assert furniture == {"财政局公告#年第#期"}  # cleaned (no space beside CJK), each digit run masked
    word = {"text": "财政局公告 2021年第１４期", "x0": 50.0, "x1": 300.0, "top": 20.0, "bottom": 30.0, "size": 10.0}
    header = TextLine([word], [[word]], 20.0, 30.0, 50.0, 300.0, 10.0, page_height=842.0)
    assert is_furniture(header, furniture)
    body = TextLine([word], [[word]], 400.0, 410.0, 50.0, 300.0, 10.0, page_height=842.0)
    assert not is_furniture(body, furniture)  # the same text mid-page is not furniture


def test_lowered_digits_find_their_band_by_binary_search_as_by_a_scan():
    """The band lookup that made load cost the square of a page's lines gives the scan's answer, overlapping bands included."""
    import random
    from itertools import accumulate

    from extractors.load_pdf import first_band_containing

    rng = random.Random(12)
    for _ in range(200):
        tops = sorted(rng.uniform(0, 800) for _ in range(rng.randint(0, 30)))
        bands = [(top, top + rng.uniform(0, 30)) for top in tops]  # tall bands overlap the next ones
        reach = list(accumulate((b[1] for b in bands), max))
        for y in [rng.uniform(-10, 850) for _ in range(50)] + [b[0] for b in bands] + [b[1] for b in bands]:
            assert first_band_containing(bands, reach, y) == next((b for b in bands if b[0] <= y <= b[1]), None)


def test_a_page_load_refused_is_not_read_again_by_tables(tmp_path, monkeypatch, caplog):
    """Page 2 inflates to 100 MB, past the 64 MB bound: load refuses it, and tables records that and never prepares it."""
    import logging

    from extractors.load import LOAD
    from extractors.tables.pdf import finder
    from pipeline.runner import new_report
    from tests import hostile

    path = tmp_path / "bomb.pdf"
    path.write_bytes(hostile.bomb_pdf(inflated_mb=100))
    report = LOAD(new_report(path))
    assert [bool(page.refused) for page in report.pages] == [False, True]
    prepared: list[int] = []
    real = finder.prepared_page
    monkeypatch.setattr(finder, "prepared_page", lambda page: prepared.append(page.page_number) or real(page))
    with caplog.at_level(logging.INFO, logger=finder.__name__):
        assert finder.find_pdf_grids(path, report.pages) == []
    assert prepared == [1]
    assert "page 2 skipped by tables: load refused it (a stream inflates past 64 MB" in caplog.text


def test_tables_hold_at_most_three_pdf_pages_open(tmp_path, monkeypatch):
    """20 generated pages, a ruled table on pages 10 and 20: each page is closed once the page after it is parsed (one page of lookahead, one behind), and both tables are found."""
    import pdfplumber

    from extractors.load import LOAD
    from extractors.tables.pdf import finder
    from pipeline.runner import new_report
    from tests.hostile import paged_pdf

    path = paged_pdf(tmp_path / "paged-20.pdf", 20)
    report = LOAD(new_report(path))
    open_pages: set[int] = set()
    most = 0
    real_prepare, real_close = finder.prepared_page, pdfplumber.page.Page.close

    def prepare(page):
        nonlocal most
        open_pages.add(page.page_number)
        most = max(most, len(open_pages))
        return real_prepare(page)

    def close(page):
        open_pages.discard(page.page_number)
        real_close(page)

    monkeypatch.setattr(finder, "prepared_page", prepare)
    monkeypatch.setattr(pdfplumber.page.Page, "close", close)
    tables = finder.find_pdf_tables(report)
    assert most == 3 and not open_pages  # the page before, this page and the one ahead
    found = [t for t in tables if not t.no_table]
    assert [t.pages for t in found] == [[10], [20]]
    assert [t.caption for t in found] == ["表1 2020年项目支出绩效评价结果汇总", "表2 2020年项目支出绩效评价结果汇总"]
    assert found[1].header == ["序号", "项目名称", "预算金额(万元)", "得分"]
    assert [c.text for c in found[1].rows[0].cells] == ["1", "第2批重点项目1", "21.15", "81"]


# The 500-page run's peak may exceed the 100-page run's by this much (MB): the report's own text and
# lines grow with the pages, and load's peak grows by about 60 MB here; pdfplumber pages kept alive
# by tables cost about 2.7 MB each (+1,100 MB before this bound was set).
PAGED_MEMORY_BOUND_MB = 100
# What the tables stage adds to the peak of the stages before it may grow by this much (MB) from 100 to 500 pages.
PAGED_TABLES_BOUND_MB = 30


@pytest.mark.slow
def test_memory_over_500_pages_stays_within_a_bound_of_100_pages(tmp_path):
    """The stages up to tables on 100 and on 500 generated pages, each in a fresh process: peak RSS nearly flat, every ruled table found."""
    from scripts.benchmark import paged_run
    from tests.hostile import PAGED_TABLE_EVERY, paged_pdf

    runs = {pages: paged_run(paged_pdf(tmp_path / f"paged-{pages}.pdf", pages), until="tables") for pages in (100, 500)}
    for pages, run in runs.items():
        assert run["tables"] == pages // PAGED_TABLE_EVERY, run  # one ruled table on every tenth page
        assert run["captions_without_table"] == 0, run  # the numbered prose lines ((4)预算单位…) name no table (1,040 before)
    assert runs[500]["peak_rss_mb"] - runs[100]["peak_rss_mb"] < PAGED_MEMORY_BOUND_MB, runs
    tables_own = {pages: run["peak_after"]["tables"] - run["peak_after"]["metadata"] for pages, run in runs.items()}
    assert tables_own[500] - tables_own[100] < PAGED_TABLES_BOUND_MB, runs
