"""Print preview of a 会议记录: the MinutesDoc rendered as a Chinese HTML document."""

from __future__ import annotations

from datetime import time
from html import escape

from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from ...domain.events import AttendanceLine, MinutesDoc, VoteRecord
from ...domain.text import format_date
from ..dialog_guard import fit_on_screen

STYLE = """
body { font-size: 11pt; }
h1 { font-size: 18pt; text-align: center; }
table.fields { border-collapse: collapse; width: 100%; }
table.fields td { border: 1px solid #555; padding: 4px; vertical-align: top; }
td.label { width: 18%; font-weight: bold; background: #f2f2f2; }
table.votes { border-collapse: collapse; width: 100%; }
table.votes td, table.votes th { border: 1px solid #555; padding: 3px; }
p.sign { margin-top: 24px; }
"""


def _time(value: time | None) -> str:
    return value.strftime("%H:%M") if value else ""


def when_text(doc: MinutesDoc) -> str:
    """Return 2026年6月15日 14:30—16:00."""
    span = "—".join(t for t in (_time(doc.start), _time(doc.end)) if t)
    return f"{format_date(doc.day)} {span}".strip()


def absentee_text(line: AttendanceLine) -> str:
    """Return 王五（病假）, or 王五（未注明原因）."""
    return f"{line.name}（{line.describe_reason() or '未注明原因'}）"


def expected_text(doc: MinutesDoc) -> str:
    """Return the 应到 line with 正式/预备 counted separately."""
    return (
        f"{doc.expected}人（正式党员{doc.expected_full}人，预备党员{doc.expected_probationary}人）"
    )


def _row(label: str, value: str) -> str:
    body = escape(value).replace("\n", "<br/>") if value else "　"
    return f'<tr><td class="label">{escape(label)}</td><td>{body}</td></tr>'


def _vote_table(votes: tuple[VoteRecord, ...]) -> str:
    head = "".join(
        f"<th>{h}</th>"
        for h in ("表决事项", "表决方式", "赞成", "反对", "弃权", "书面意见", "结论")
    )
    rows = [
        "<tr>"
        + "".join(
            f"<td>{escape(str(c))}</td>"
            for c in (
                v.subject,
                v.method.value,
                v.yes,
                v.no,
                v.abstain,
                f"赞成{v.written_yes}、反对{v.written_no}",
                v.verdict,
            )
        )
        + "</tr>"
        for v in votes
    ]
    return f'<table class="votes"><tr>{head}</tr>{"".join(rows)}</table>'


def field_rows(doc: MinutesDoc) -> list[tuple[str, str]]:
    """Return the label/value pairs of the record's header, in print order."""
    rows = [("会议类型", "、".join(t.value for t in doc.types))]
    if doc.session_label:
        rows.append(("届次", doc.session_label))
    rows += [("时间", when_text(doc)), ("地点", doc.place)]
    chair = f"{doc.chair}（{doc.chair_note}）" if doc.chair_note else doc.chair
    rows += [("主持人", chair), ("记录人", doc.recorder)]
    if doc.lecturer or doc.lecture_topic:
        rows += [("授课人", doc.lecturer), ("党课主题", doc.lecture_topic)]
    rows.append(("应到人数", expected_text(doc)))
    rows.append(("实到人数", f"{doc.present}人：{'、'.join(doc.present_names)}"))
    absent = "、".join(absentee_text(a) for a in doc.absentees) or "无"
    rows.append(("缺席人员及原因", f"{len(doc.absentees)}人：{absent}" if doc.absentees else "无"))
    rows.append(("列席人员", "、".join(a.name for a in doc.observers) or "无"))
    if doc.study_hours:
        rows.append(("学时", f"{doc.study_hours}学时"))
    return rows


def minutes_html(doc: MinutesDoc) -> str:
    """Return the whole record as HTML (fields, 议题, 发言要点, 表决, 决议, signatures)."""
    parts = [f"<html><head><style>{STYLE}</style></head><body>"]
    parts.append(f"<h1>{escape(doc.title)}</h1>")
    parts.append('<table class="fields">')
    parts += [_row(label, value) for label, value in field_rows(doc)]
    parts.append("</table>")
    parts.append("<h3>一、会议议题</h3>")
    items = "".join(f"<li>{escape(a)}</li>" for a in doc.agenda)
    parts.append(f"<ol>{items}</ol>" if items else "<p>无</p>")
    parts.append("<h3>二、发言要点</h3>")
    minutes = escape(doc.minutes).replace("\n", "<br/>") if doc.minutes else "无"
    parts.append(f"<p>{minutes}</p>")
    number = "三"
    if doc.votes:
        parts.append("<h3>三、表决情况</h3>")
        parts.append(_vote_table(doc.votes))
        number = "四"
    parts.append(f"<h3>{number}、决议</h3>")
    resolutions = escape(doc.resolutions).replace("\n", "<br/>") if doc.resolutions else "无"
    parts.append(f"<p>{resolutions}</p>")
    parts.append(
        '<p class="sign">主持人（签字）：＿＿＿＿＿＿　　　　记录人（签字）：＿＿＿＿＿＿</p>'
    )
    parts.append("</body></html>")
    return "".join(parts)


def minutes_document(doc: MinutesDoc, font: QFont | None = None) -> QTextDocument:
    """Return a QTextDocument of the record, ready to print."""
    document = QTextDocument()
    if font is not None:
        document.setDefaultFont(font)
    document.setHtml(minutes_html(doc))
    return document


def show_preview(parent: QWidget, doc: MinutesDoc) -> QPrintPreviewDialog:
    """Open the print preview of a record (window-modal; printing goes through Qt)."""
    document = minutes_document(doc, parent.font())
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"打印预览 — {doc.title}")
    dialog.paintRequested.connect(document.print_)
    # The dialog holds raw pointers to both: keep them alive as long as the dialog.
    dialog.document = document  # type: ignore[attr-defined]
    dialog.printer = printer  # type: ignore[attr-defined]
    dialog.resize(900, 800)
    fit_on_screen(dialog)
    dialog.open()
    return dialog
