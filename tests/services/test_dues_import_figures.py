"""Dues import previews: base, rate, monthly due and amounts per row, totals; year mismatch."""

from __future__ import annotations

from branch_desk.cli.dues import preview_lines
from tests.services.test_dues_import import (
    GRID_HEADER,
    HR_HEADER,
    HR_TITLE,
    grid_row,
    hr_rows,
    messages,
    people,  # noqa: F401  (fixture)
)
from tests.xlsx_helpers import write_sheet


def test_bases_preview_shows_base_rate_and_monthly_due(desk, branch_id, people, tmp_path):  # noqa: F811
    path = write_sheet(tmp_path / "基数.xlsx", HR_HEADER, hr_rows(), preamble=HR_TITLE)
    preview = desk.dues_import.preview_bases(branch_id, 2026, path)
    figures = [(r.name, r.category, r.base_fen, r.rate, r.monthly_due_fen) for r in preview.rows]
    assert figures == [
        ("张三", "在职", 548_000, "1.5%", 8_220),
        ("李红", "离退休", 420_000, "0.5%", 2_100),
        ("王芳", "在职", 300_000, "0.5%", 1_500),
        ("赵敏", "学生", None, "固定标准", 20),
    ]
    assert preview.total_monthly_fen == 8_220 + 2_100 + 1_500 + 20
    assert preview_lines(preview, bases=True)[0] == (
        "第4行 张三：在职，基数 5,480.00 元，1.5%，月应交 82.20 元"
    )
    assert preview_lines(preview, bases=True)[-1] == "合计：4人，月应交合计 118.40 元"
    assert not [m for m in messages(preview) if "年度" in m]


def test_a_sheet_of_another_year_is_warned_about(desk, branch_id, people, tmp_path):  # noqa: F811
    title = [["2024年党费基数核定"]]
    path = write_sheet(tmp_path / "旧.xlsx", HR_HEADER, hr_rows(), preamble=title)
    preview = desk.dues_import.preview_bases(branch_id, 2026, path)
    assert preview.ok and preview.warning_count == 1  # a warning: the import is still allowed
    assert messages(preview) == [
        "（提示）表格标题“2024年党费基数核定”写的是2024年，而本次导入为2026年，请确认年度是否选对"
    ]
    header = [c if c != "月基数" else "2025年月基数" for c in HR_HEADER]
    path = write_sheet(tmp_path / "列.xlsx", header, hr_rows())
    column = messages(desk.dues_import.preview_bases(branch_id, 2026, path))
    assert any("列“2025年月基数”写的是2025年" in m for m in column)


def test_payments_preview_shows_months_and_amounts(desk, branch_id, people, tmp_path):  # noqa: F811
    from tests.services.test_dues_import import import_bases

    import_bases(desk, branch_id, write_sheet(tmp_path / "b.xlsx", HR_HEADER, hr_rows()))
    rows = [grid_row(1, "张三", {1: 82.2, 2: 82.2, 3: 82.2}), grid_row(2, "李红", {5: 21})]
    path = write_sheet(tmp_path / "g.xlsx", GRID_HEADER, rows, preamble=[["2025年党费收缴登记表"]])
    preview = desk.dues_import.preview_payments(branch_id, 2026, path)
    assert [(r.name, r.months, r.amount_fen) for r in preview.rows] == [
        ("张三", "2026年1月—3月", 3 * 8_220),
        ("李红", "2026年5月", 2_100),
    ]
    assert preview.total_amount_fen == 3 * 8_220 + 2_100
    assert preview_lines(preview, bases=False)[-1] == "合计：2人，实交合计 267.60 元"
    assert any("2025年党费收缴登记表" in m for m in messages(preview))
