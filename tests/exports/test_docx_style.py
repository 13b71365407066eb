"""The GB/T 9704 base: what a user sees on the printed page, read back from the file."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Length

from branch_desk.domain.errors import UserError
from branch_desk.exports import docx_style as gb

EMU_PER_MM = 36000


def mm(length: Length | None) -> float:
    assert length is not None
    return length / EMU_PER_MM


def east_asia(element) -> str:
    """Return the eastAsia font named in an element's rPr."""
    fonts = element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    return fonts.get(qn("w:eastAsia"))


@pytest.fixture
def written(tmp_path: Path) -> docx.document.Document:
    doc = gb.new_document("测试文件")
    gb.add_title(doc, "中共第一党支部\n关于测试的通知")
    for level in (1, 2, 3, 4):
        gb.add_heading(doc, level, f"{gb.heading_number(level, 1)}标题{level}")
    gb.add_paragraph(doc, "正文第一段。")
    gb.add_paragraph(doc, "不缩进的一行", indent=False)
    gb.add_table(doc, [["姓名", "张三", None], ["性别", "男", "备注"]], [30, 60, 66])
    gb.add_signature_block(doc, ["中共第一党支部", "2024年6月5日"])
    out = tmp_path / "样式.docx"
    gb.save(doc, out)
    return docx.Document(str(out))


def test_page_is_a4_with_gb_margins(written):
    section = written.sections[0]
    assert mm(section.page_width) == pytest.approx(210, abs=0.5)
    assert mm(section.page_height) == pytest.approx(297, abs=0.5)
    assert mm(section.top_margin) == pytest.approx(37, abs=0.5)
    assert mm(section.left_margin) == pytest.approx(28, abs=0.5)
    assert mm(section.bottom_margin) == pytest.approx(35, abs=0.5)
    assert mm(section.right_margin) == pytest.approx(26, abs=0.5)


def test_grid_gives_22_lines_of_28_characters(written):
    normal = written.styles["Normal"]
    line = normal.paragraph_format.line_spacing
    assert line.pt == pytest.approx(28.95, abs=0.05)
    assert 224 < 22 * mm(line) <= 225  # 22 lines fill the 225 mm text block
    grid = written.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"
    assert int(grid.get(qn("w:charSpace"))) == pytest.approx(-848, abs=10)
    condensed = normal.element.find(f"{qn('w:rPr')}/{qn('w:spacing')}").get(qn("w:val"))
    pitch_pt = 16 + int(condensed) / 20
    width_pt = 156 / 25.4 * 72
    assert 28 * pitch_pt <= width_pt < 29 * pitch_pt


def test_body_is_16pt_fangsong_indented_two_characters(written):
    normal = written.styles["Normal"]
    assert normal.font.size.pt == 16
    assert east_asia(normal.element) == "仿宋_GB2312"
    ind = normal.element.find(f"{qn('w:pPr')}/{qn('w:ind')}")
    assert ind.get(qn("w:firstLineChars")) == "200"
    body = next(p for p in written.paragraphs if p.text == "正文第一段。")
    assert body.style.name == "Normal"
    flush = next(p for p in written.paragraphs if p.text == "不缩进的一行")
    assert flush.paragraph_format.first_line_indent == 0


def test_title_is_22pt_xiaobiaosong_centred(written):
    title = written.paragraphs[0]
    assert title.text == "中共第一党支部\n关于测试的通知"
    assert title.style.name == "Title"
    assert title.style.font.size.pt == 22
    assert title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert east_asia(title.style.element) == "方正小标宋简体"
    assert written.core_properties.title == "测试文件"
    assert written.core_properties.author == ""


def test_headings_use_the_gb_fonts(written):
    expected = {1: ("一、", "黑体"), 2: ("（一）", "楷体_GB2312"), 3: ("1.", "仿宋_GB2312")}
    expected[4] = ("（1）", "仿宋_GB2312")
    for level, (ordinal, font) in expected.items():
        paragraph = next(p for p in written.paragraphs if p.text == f"{ordinal}标题{level}")
        assert east_asia(paragraph.style.element) == font
        assert paragraph.style.font.size.pt == 16


def test_heading_numbers():
    assert gb.heading_number(1, 12) == "十二、"
    assert gb.heading_number(2, 20) == "（二十）"
    assert gb.heading_number(3, 3) == "3."
    assert gb.heading_number(4, 2) == "（2）"
    assert gb.chinese_number(10) == "十"
    with pytest.raises(ValueError):
        gb.add_heading(gb.new_document(), 5, "五级")


def test_page_numbers_alternate_sides_with_dashes(written):
    section = written.sections[0]
    assert written.settings.odd_and_even_pages_header_footer
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    for footer in (odd, even):
        assert "PAGE" in "".join(t.text for t in footer._p.iter(qn("w:instrText")))
        assert footer.text.startswith("— ") and footer.text.endswith(" —")
        assert footer.style.font.size.pt == 14
        assert east_asia(footer.style.element) == "宋体"
    assert odd.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert even.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert odd.paragraph_format.right_indent.pt == 14  # one character in from the edge
    assert even.paragraph_format.left_indent.pt == 14


def test_fallback_fonts_are_declared(written):
    fonts = written.part.part_related_by(RT.FONT_TABLE).blob.decode("utf-8")
    assert 'w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in fonts
    assert 'w:name="黑体"><w:altName w:val="SimHei"/>' in fonts


def test_table_merges_none_cells_and_uses_table_text(written):
    table = written.tables[0]
    first, second = table.rows
    assert [c.text for c in first.cells] == ["姓名", "张三", "张三"]  # merged across
    assert [c.text for c in second.cells] == ["性别", "男", "备注"]
    assert mm(table.columns[0].width) == pytest.approx(30, abs=0.5)
    run = second.cells[1].paragraphs[0].runs[0]
    assert run.font.size.pt == 14
    assert run._r.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_signature_block_is_right_aligned(written):
    date_line = next(p for p in written.paragraphs if p.text == "2024年6月5日")
    assert date_line.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert date_line.paragraph_format.right_indent.pt == 64  # four characters


def test_save_is_atomic(tmp_path: Path):
    out = tmp_path / "a.docx"
    gb.save(gb.new_document(), out)
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]
    with pytest.raises(UserError):
        gb.save(gb.new_document(), tmp_path / "missing" / "b.docx")
