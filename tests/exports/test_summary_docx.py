"""The year-end summary's .docx: GB/T 9704 page, fonts, headings and page numbers, read back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Length

from branch_desk.domain import summary_text
from branch_desk.domain.summary import ParagraphKind, SummaryDoc, SummaryParagraph, SummarySection
from branch_desk.exports.summary_docx import text_width, write_summary

EMU_PER_MM = 36000


def mm(length: Length | None) -> float:
    assert length is not None
    return length / EMU_PER_MM


def para(text: str, kind: ParagraphKind = ParagraphKind.FIGURES) -> SummaryParagraph:
    return SummaryParagraph(text, kind)


def sample_summary() -> SummaryDoc:
    return SummaryDoc(
        title=summary_text.title("城南区住房和城乡建设局机关第一党支部", 2026),
        unit_name="城南区住房和城乡建设局机关第一党支部",
        year=2026,
        opening=(para("2026年，本支部……现将全年党建工作情况总结如下。", ParagraphKind.NARRATIVE),),
        sections=(
            SummarySection("一、基本情况", (para("本支部共有党员59名。"),)),
            SummarySection("二、主要工作及成效", ()),
            SummarySection("（一）加强理论武装，抓好学习教育", (para("全年组织学习。"),), 2),
            SummarySection("三、存在的问题及原因", (para("一是……", ParagraphKind.NARRATIVE),)),
            SummarySection("四、下一步工作打算", (para("一是……", ParagraphKind.NARRATIVE),)),
        ),
        signature="中共城南区住房和城乡建设局机关第一党支部",
        date=date(2026, 12, 28),
    )


@pytest.fixture
def written(tmp_path: Path) -> docx.document.Document:
    out = tmp_path / "总结.docx"
    write_summary(out, sample_summary())
    return docx.Document(str(out))


def style_font(document: docx.document.Document, name: str) -> tuple[str, float]:
    """Return the East-Asian font and size (pt) a paragraph style names."""
    style = document.styles[name]
    fonts = style.element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    return fonts.get(qn("w:eastAsia")), style.font.size.pt


def test_page_is_a4_with_gb_margins(written):
    section = written.sections[0]
    assert (mm(section.page_width), mm(section.page_height)) == pytest.approx((210, 297), abs=0.5)
    margins = (section.top_margin, section.left_margin, section.bottom_margin, section.right_margin)
    assert [mm(m) for m in margins] == pytest.approx([37, 28, 35, 26], abs=0.5)


def test_title_is_22pt_centred_and_broken_into_lines(written):
    title = written.paragraphs[0]
    assert title.style.name == "Title"
    assert title.alignment in (None, WD_ALIGN_PARAGRAPH.CENTER)
    assert written.styles["Title"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert style_font(written, "Title") == ("方正小标宋简体", 22)
    assert title.text == "中共城南区住房和城乡建设局机关第一党支部\n2026年度党建工作总结"
    assert (
        written.core_properties.title
        == "中共城南区住房和城乡建设局机关第一党支部2026年度党建工作总结"
    )


def test_body_and_headings_fonts(written):
    assert style_font(written, "Normal") == ("仿宋_GB2312", 16)
    assert style_font(written, "Heading 1") == ("黑体", 16)
    assert style_font(written, "Heading 2") == ("楷体_GB2312", 16)
    by_text = {p.text: p for p in written.paragraphs}
    assert by_text["一、基本情况"].style.name == "Heading 1"
    assert by_text["（一）加强理论武装，抓好学习教育"].style.name == "Heading 2"
    assert by_text["本支部共有党员59名。"].style.name == "Normal"
    indent = written.styles["Normal"].element.find(f"{qn('w:pPr')}/{qn('w:ind')}")
    assert indent.get(qn("w:firstLineChars")) == "200"  # two characters


def test_fallback_fonts_are_declared(written):
    table = written.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable"
    ).blob.decode()
    for primary, alt in (("仿宋_GB2312", "仿宋"), ("黑体", "SimHei"), ("楷体_GB2312", "楷体")):
        assert f'w:name="{primary}"' in table and f'w:val="{alt}"' in table


def test_page_numbers_are_page_fields_with_dashes_on_alternate_sides(written):
    section = written.sections[0]
    assert written.settings.odd_and_even_pages_header_footer
    for footer, side in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        paragraph = footer.paragraphs[0]
        xml = paragraph._p.xml
        assert "PAGE" in "".join(t.text or "" for t in paragraph._p.iter(qn("w:instrText")))
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        assert paragraph.alignment == side and "fldChar" in xml
    assert style_font(written, "Footer") == ("宋体", 14)


def test_signature_and_date_are_right_aligned_date_centred_under_the_name(written):
    name, dated = written.paragraphs[-2], written.paragraphs[-1]
    assert (name.text, dated.text) == ("中共城南区住房和城乡建设局机关第一党支部", "2026年12月28日")
    assert name.alignment == dated.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    name_right = name.paragraph_format.right_indent.pt
    date_right = dated.paragraph_format.right_indent.pt
    gap = (text_width(name.text) - text_width(dated.text)) / 2 * 16
    assert date_right - name_right == pytest.approx(gap, abs=1)


def test_short_names_sit_over_a_date_four_characters_from_the_margin(tmp_path: Path):
    doc = SummaryDoc(
        "中共第一党支部2026年度党建工作总结",
        "第一党支部",
        2026,
        (),
        (),
        "中共第一党支部",
        date(2026, 12, 28),
    )
    write_summary(tmp_path / "s.docx", doc)
    paragraphs = docx.Document(str(tmp_path / "s.docx")).paragraphs
    assert paragraphs[-1].paragraph_format.right_indent.pt == pytest.approx(4 * 16, abs=1)


def test_title_lines():
    assert summary_text.title("第一党支部", 2026) == "中共第一党支部2026年度党建工作总结"
    assert summary_text.title("中共第一党支部", 2026).count("中共") == 1
    longer = summary_text.title("湖南省长沙市城南区住房和城乡建设局机关第一党支部", 2026)
    assert longer.endswith("\n2026年度党建工作总结")
    assert all(len(line) <= 20 for line in longer.split("\n"))
    assert (
        longer.replace("\n", "")
        == "中共湖南省长沙市城南区住房和城乡建设局机关第一党支部2026年度党建工作总结"
    )
