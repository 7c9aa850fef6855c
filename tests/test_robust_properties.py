"""Property-based tests (hypothesis) of cleaning, numbers, dates, table rows and figure finding.

Fixed seed (`derandomize`) and a small budget, so CI runs the same examples every time in seconds.
"""

import datetime as dt
from decimal import Decimal

import cn2an
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors import patterns
from extractors.figures.find import find_figures_in_sentence
from extractors.normalize import clean_line, normalize_unicode, parse_decimal
from extractors.numbers import amount_in_yuan, parse_number, plain, printed_value, rate_fraction
from extractors.segment import iso_date
from extractors.tables.rows import Column, fit_width, type_cell

CI = settings(derandomize=True, max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Characters a report's text is made of: common Han, ASCII, full-width forms, CJK punctuation, spaces, radicals.
REPORT_CHARS = st.sampled_from(list("预算绩效管理财政资金项目评价万元亿，。；：（）《》“”、０１２３ＡＢ　 \t") + ["⽉", "⺠", "⻔", "a", "1", ".", ",", "%", "-"])
REPORT_TEXT = st.text(REPORT_CHARS, max_size=40)
# Amounts as printed: up to 12 integer digits, 0-2 decimals.
AMOUNTS = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999999999.99"), places=2, allow_nan=False, allow_infinity=False)


@CI
@given(REPORT_TEXT)
def test_cleaning_is_idempotent(text):
    assert clean_line(clean_line(text)) == clean_line(text)


@CI
@given(REPORT_TEXT)
def test_cleaned_text_has_no_space_touching_cjk_and_no_radicals(text):
    cleaned = clean_line(text)
    assert not patterns.SPACE_NEXT_TO_CJK.search(cleaned)
    assert normalize_unicode(cleaned) == cleaned


@CI
@given(AMOUNTS)
def test_a_printed_number_with_separators_parses_back(value):
    assert parse_decimal(f"{value:,}") == value
    assert parse_number(f"{value:,}") == value


@CI
@given(st.integers(min_value=0, max_value=99_999_999))
def test_chinese_numerals_round_trip(number):
    assert parse_number(cn2an.an2cn(number)) == number


@CI
@given(AMOUNTS, st.sampled_from(["元", "万元", "亿元", "万", "亿"]))
def test_amount_in_yuan_and_printed_value_are_inverse(value, unit):
    assert printed_value("amount", amount_in_yuan(value, unit), unit) == plain(value)


@CI
@given(st.decimals(min_value=Decimal("0"), max_value=Decimal("1000"), places=2))
def test_rate_fraction_and_printed_value_are_inverse(value):
    assert printed_value("rate", rate_fraction(value), "%") == plain(value)


@CI
@given(st.dates(min_value=dt.date(1949, 10, 1), max_value=dt.date(2099, 12, 31)))
def test_a_printed_date_gives_its_iso_date(day):
    assert iso_date(f"签发于{day.year}年{day.month}月{day.day}日。") == day.isoformat()


@CI
@given(st.integers(min_value=1990, max_value=2099), st.integers(min_value=1, max_value=12), st.integers(min_value=29, max_value=31))
def test_a_day_that_does_not_exist_is_no_date(year, month, day):
    try:
        expected = dt.date(year, month, day).isoformat()
    except ValueError:
        expected = None
    assert iso_date(f"{year}年{month}月{day}日") == expected


@CI
@given(st.lists(st.text(st.sampled_from(list("项目资金12. ")), max_size=6), max_size=12), st.integers(min_value=1, max_value=8))
def test_fit_width_keeps_every_printed_cell(cells, width):
    fitted, overflow = fit_width(cells, width)
    assert len(fitted) == width
    printed = [c for c in cells if c.strip()]
    assert "".join("".join(fitted).split()) == "".join("".join(printed).split())
    assert overflow == any(c.strip() for c in cells[width:])


@CI
@given(AMOUNTS)
def test_an_amount_cell_in_a_money_column_is_typed_with_its_value(value):
    cell = type_cell(f"{value:,}", Column(header="预算金额(万元)", is_key=False, unit="万元"), 3, None)
    assert (cell.kind, cell.value, cell.unit, cell.page) == ("amount", value, "万元", 3)


@CI
@given(AMOUNTS)
def test_an_amount_in_a_sentence_is_found_with_its_value(value):
    sentence = f"全年共安排项目资金{value:,}万元。"
    found = [f for f in find_figures_in_sentence(sentence) if f.kind == "amount"]
    assert [(sentence[f.start : f.end], f.value) for f in found] == [(f"{value:,}万元", amount_in_yuan(value, "万元"))]


@CI
@given(st.decimals(min_value=Decimal("0.1"), max_value=Decimal("100"), places=1))
def test_a_rate_in_a_sentence_is_found_as_a_fraction(value):
    sentence = f"预算执行率为{value}%。"
    found = [f for f in find_figures_in_sentence(sentence) if f.kind == "rate"]
    assert [f.value for f in found] == [rate_fraction(value)]
