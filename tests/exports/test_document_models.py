"""Each printable document is laid out once: the written file says what the model says."""

from __future__ import annotations

import dataclasses
from datetime import date, time
from pathlib import Path

import pytest

from branch_desk.domain.events import SignInSheet
from branch_desk.domain.text import format_date
from branch_desk.exports.document_model import (
    Cell,
    Document,
    Table,
    Tone,
    amount_cell,
    document_texts,
    normalise,
)
from branch_desk.exports.docx_render import write_docx
from branch_desk.exports.dossier_docx import dossier_document, write_dossier
from branch_desk.exports.dues_documents import assessment_document, ledger_document
from branch_desk.exports.dues_docx import notice_document, write_notice
from branch_desk.exports.dues_xlsx import write_assessment, write_ledger
from branch_desk.exports.minutes_document import minutes_document, sign_in_document
from branch_desk.exports.minutes_docx import write_minutes, write_sign_in_sheet
from branch_desk.exports.summary_docx import summary_document, write_summary
from branch_desk.services.app import BranchDesk

from .document_texts import docx_texts, xlsx_texts
from .test_development_docs import full_procedure
from .test_dues_exports import sample_assessment, sample_ledger, sample_notice
from .test_minutes_docx import UNIT, assembly
from .test_summary_docx import sample_summary


def sign_in_sheet() -> SignInSheet:
    names = tuple(f"党员{i}" for i in range(1, 46))
    return SignInSheet(
        UNIT, f"{UNIT}支部党员大会签到表", date(2024, 6, 5), time(9, 0), "活动室", names
    )


def test_normalise_folds_line_breaks_and_full_width_spaces() -> None:
    assert normalise("届\u3000\u3000次\n第三届 ") == "届 次 第三届"


def test_a_row_of_the_wrong_width_is_refused() -> None:
    with pytest.raises(ValueError, match="row of 1 cells"):
        Table((("a",),), (10.0, 20.0))


def test_amount_cells_carry_exact_yuan_and_their_printed_text() -> None:
    cell = amount_cell(4850, Tone.OWED)
    assert (cell.text, str(cell.value), cell.tone) == ("48.50", "48.50", Tone.OWED)


def test_document_text_skips_merged_and_blank_cells() -> None:
    table = Table((("姓名", "张三", None), (Cell("合计", tone=Tone.TOTAL), "", "1")), (1, 1, 1))
    doc = Document("名", "标题\n第二行", (table,))
    assert document_texts(doc) == ["标题 第二行", "姓名", "张三", "合计", "1"]


def test_minutes_docx_text_is_the_model_text(tmp_path: Path) -> None:
    doc = assembly()
    write_minutes(tmp_path / "m.docx", doc)
    texts = docx_texts(tmp_path / "m.docx")
    assert texts == document_texts(minutes_document(doc))
    assert "缺席人员 及原因" in texts and "李四（病假）、钱七（出差，赴京培训）" in texts
    assert "2024年6月5日 14:30—16:00" in texts


def test_sign_in_docx_text_is_the_model_text(tmp_path: Path) -> None:
    sheet = sign_in_sheet()
    write_sign_in_sheet(tmp_path / "s.docx", sheet)
    texts = docx_texts(tmp_path / "s.docx")
    assert texts == document_texts(sign_in_document(sheet))
    assert "时间：2024年6月5日 9:00 地点：活动室" in texts
    assert sorted(t for t in texts if t.startswith("党员")) == sorted(sheet.names)


def test_notice_docx_text_is_the_model_text(tmp_path: Path) -> None:
    notice = sample_notice()
    write_notice(tmp_path / "n.docx", notice)
    texts = docx_texts(tmp_path / "n.docx")
    assert texts == document_texts(notice_document(notice))
    assert texts[-2:] == [notice.unit_name, format_date(date.fromisoformat(notice.issued_on))]


def test_summary_docx_text_is_the_model_text(tmp_path: Path) -> None:
    summary = sample_summary()
    write_summary(tmp_path / "y.docx", summary)
    texts = docx_texts(tmp_path / "y.docx")
    assert texts == document_texts(summary_document(summary))
    assert "（一）加强理论武装，抓好学习教育" in texts and texts[-1] == "2026年12月28日"


def test_dossier_docx_text_is_the_model_text(
    desk: BranchDesk, branch_id: int, tmp_path: Path
) -> None:
    doc = desk.development_io.dossier(full_procedure(desk, branch_id, tmp_path))
    write_dossier(tmp_path / "d.docx", doc)
    texts = docx_texts(tmp_path / "d.docx")
    assert texts == document_texts(dossier_document(doc))
    assert "一、入党申请阶段" in texts and "递交入党申请书" in texts
    assert texts[-3].startswith("支部书记（签字）")


def test_ledger_xlsx_text_is_the_model_text(tmp_path: Path) -> None:
    ledger = sample_ledger()
    write_ledger(tmp_path / "l.xlsx", ledger)
    texts = xlsx_texts(tmp_path / "l.xlsx")
    assert texts == document_texts(ledger_document(ledger))
    assert texts[0] == f"{sample_ledger().unit_name}党员党费收缴登记表（2026年度）"
    assert "各月实交（元）" in texts and "合计" in texts and "免交" in texts


def test_assessment_xlsx_text_is_the_model_text(tmp_path: Path) -> None:
    sheet = sample_assessment()
    write_assessment(tmp_path / "a.xlsx", sheet)
    texts = xlsx_texts(tmp_path / "a.xlsx")
    assert texts == document_texts(assessment_document(sheet))
    assert "基本工资 5,000.00；绩效工资 1,200.00" in texts and "48.00" in texts


def test_docx_refuses_a_table_merged_down_a_column(tmp_path: Path) -> None:
    table = Table((("序号", "姓名"), ("", "张三")), (10.0, 20.0), vspan=((0, 0, 2),))
    with pytest.raises(ValueError, match="across columns only"):
        write_docx(tmp_path / "x.docx", Document("名", "标题", (table,)))
    assert not (tmp_path / "x.docx").exists()


def test_a_sign_in_sheet_without_a_place_leaves_a_line_for_it() -> None:
    sheet = dataclasses.replace(sign_in_sheet(), place="")
    texts = document_texts(sign_in_document(sheet))
    assert "时间：2024年6月5日 9:00 地点：__________" in texts
