"""The layout of a 会议记录 and of a 签到表, as document models (see document_model)."""

from __future__ import annotations

from datetime import date, time

from ..domain.events import AttendanceLine, EventType, MinutesDoc, SignInSheet, VoteRecord
from ..domain.text import format_date
from . import docx_style as gb
from .document_model import (
    BlankLine,
    Block,
    CellSpec,
    Document,
    Paragraph,
    Signature,
    Style,
    Table,
)

# Record names that read better than "<type>会议记录" for activities that are not meetings.
_RECORD_NAMES = {
    EventType.PARTY_LECTURE: "党课记录",
    EventType.THEME_DAY: "主题党日活动记录",
    EventType.HEART_TALK: "谈心谈话记录",
    EventType.STUDY: "集中学习记录",
    EventType.VOLUNTEER: "志愿服务活动记录",
}
_TITLE_CHARS = 20  # 二号 characters in a 156 mm line
_LABEL_MM = 30.0
_VALUE_MM = (gb.TEXT_WIDTH_MM - 2 * _LABEL_MM) / 2  # 48 mm
_HEADER_WIDTHS = (_LABEL_MM, _VALUE_MM, _LABEL_MM, _VALUE_MM)
_VOTE_WIDTHS = (40.0, 38.0, 40.0, 38.0)  # wide enough for 应到会有表决权 on one line
_SIGN_WIDTHS = (14.0, 22.0, 28.0, 14.0) * 2  # 序号 姓名 签到 备注, twice: 156 mm
_ROW_MM = 8.0  # minimum row height of the record's tables
_SIGN_ROW_MM = 10.0
_SIGN_ROWS_OTHER_PAGES = 20  # 225 mm less the repeated header row, with a little slack
_LINE_MM = gb.LINE_PITCH_TWIPS / 1440 * 25.4
_PAGE_TEXT_MM = 225.0 - 2.0  # slack for rounding in the office suite
_WALK_IN_SLOTS = 4
_BLANK = "__________"
_FILL_LINE = "_" * 48  # a line to write on by hand: fits the 156 mm text width
_SPEECH_LINES = 6
_RESOLUTION_LINES = 3
_LABELS = frozenset({0, 2})

Rows = list[tuple[CellSpec, ...]]


def _clock(value: time | None) -> str:
    return f"{value.hour}:{value.minute:02d}" if value else ""


def meeting_time(day: date, start: time | None, end: time | None) -> str:
    """Write '2024年6月5日 14:30—16:00' (the times only as far as they are known)."""
    text = format_date(day)
    if start and end:
        return f"{text} {_clock(start)}—{_clock(end)}"
    return f"{text} {_clock(start)}".strip()


def record_title(doc: MinutesDoc) -> str:
    """Return the record's heading: the title given if it names a record, else the standard."""
    if "记录" in doc.title:
        return doc.title
    kind = doc.types[0] if doc.types else EventType.OTHER
    return f"{doc.unit_name}{_RECORD_NAMES.get(kind, f'{kind.value}会议记录')}"


def title_lines(title: str, unit_name: str) -> str:
    """Break a title too long for one line after the unit's name, as offices do."""
    if len(title) <= _TITLE_CHARS or not unit_name or not title.startswith(unit_name):
        return title
    rest = title[len(unit_name) :]
    return f"{unit_name}\n{rest}" if max(len(unit_name), len(rest)) <= _TITLE_CHARS else title


def _people(lines: tuple[AttendanceLine, ...], with_reason: bool) -> str:
    """Join names ('李四（病假）、钱七（出差，赴京培训）'); '无' when there is nobody."""
    if not lines:
        return "无"
    parts = []
    for line in lines:
        notes = [line.reason.value if line.reason else "", line.reason_text]
        note = "，".join(n for n in notes if n) if with_reason else line.reason_text
        if with_reason and not note:
            note = _BLANK  # not recorded: a line to write the reason on
        parts.append(f"{line.name}（{note}）" if note else line.name)
    return "、".join(parts)


def _wide(label: str, value: str) -> tuple[CellSpec, ...]:
    return (label, value, None, None)


def _header_rows(doc: MinutesDoc) -> Rows:
    """Build the label/value rows of the record's header table."""
    chair = f"{doc.chair}（{doc.chair_note}）" if doc.chair_note else doc.chair
    rows: Rows = [_wide("会议主题", doc.topic)]  # blank when none was recorded: filled by hand
    rows.append(_wide("会议类型", "、".join(t.value for t in doc.types)))
    if doc.session_label:
        rows.append(_wide("届　　次", doc.session_label))
    rows += [
        _wide("时　　间", meeting_time(doc.day, doc.start, doc.end)),
        _wide("地　　点", doc.place),
    ]
    if doc.chair_note:  # the delegation note needs the whole width
        rows += [_wide("主 持 人", chair), _wide("记 录 人", doc.recorder)]
    else:
        rows.append(("主 持 人", chair, "记 录 人", doc.recorder))
    if EventType.PARTY_LECTURE in doc.types or doc.lecturer or doc.lecture_topic:
        rows += [_wide("授 课 人", doc.lecturer), _wide("党课主题", doc.lecture_topic)]
    expected = (
        f"{doc.expected}人（正式党员{doc.expected_full}人、预备党员{doc.expected_probationary}人）"
    )
    rows += [
        _wide("应到人数", expected),
        ("实到人数", f"{doc.present}人", "缺席人数", f"{len(doc.absentees)}人"),
        _wide("缺席人员\n及原因", _people(doc.absentees, with_reason=True)),
        _wide("列席人员", _people(doc.observers, with_reason=False)),
    ]
    if doc.present_names:
        rows.append(_wide("出席人员", "、".join(doc.present_names)))
    return rows


def _vote_rows(vote: VoteRecord) -> Rows:
    """Build one vote's block: method, the two bases, the tally, written opinions, result."""
    verdict = vote.verdict or ("通过" if vote.passed else "未通过")
    return [
        _wide("表决事项", vote.subject),
        ("表决方式", vote.method.value, "事项类别", vote.kind.value),
        ("应到会有表决权\n的正式党员", f"{vote.entitled}人",
         "到会有表决权的\n正式党员", f"{vote.present_voting}人"),
        _wide("表决票数", f"赞成{vote.yes}票，反对{vote.no}票，弃权{vote.abstain}票"),
        _wide("书面意见", f"赞成{vote.written_yes}票，反对{vote.written_no}票"),
        _wide("表决结论", verdict),
    ]  # fmt: skip


def _text_paragraphs(text: str) -> list[Block]:
    """One body paragraph per non-blank line, indents normalised (as typed otherwise)."""
    lines = (line.strip().lstrip("\u3000") for line in text.splitlines())
    return [Paragraph(line) for line in lines if line]


def fill_lines(count: int) -> list[Block]:
    """Return ``count`` blank lines to write on by hand (nothing recorded, nothing made up)."""
    return [Paragraph(_FILL_LINE, Style.PLAIN) for _ in range(count)]


def agenda_items(minutes: MinutesDoc) -> tuple[str, ...]:
    """Return the 议题 as entered, else the 主题 as the one item, else nothing."""
    if minutes.agenda:
        return minutes.agenda
    return (minutes.topic,) if minutes.topic else ()


def _agenda(minutes: MinutesDoc) -> list[Block]:
    items = agenda_items(minutes)
    if not items:
        return [Paragraph(f"{gb.heading_number(3, 1)}{_FILL_LINE[:44]}")]  # set as an item
    return [Paragraph(f"{gb.heading_number(3, n)}{item}") for n, item in enumerate(items, 1)]


def _speeches(minutes: MinutesDoc) -> list[Block]:
    return _text_paragraphs(minutes.minutes) or fill_lines(_SPEECH_LINES)


def _votes(minutes: MinutesDoc) -> list[Block]:
    blocks: list[Block] = []
    for n, vote in enumerate(minutes.votes, start=1):
        if len(minutes.votes) > 1:
            blocks.append(Paragraph(f"{gb.heading_number(2, n)}{vote.subject}", Style.HEADING2))
        rows = tuple(_vote_rows(vote))
        blocks += [Table(rows, _VOTE_WIDTHS, centre_cols=_LABELS, row_height_mm=_ROW_MM)]
        blocks.append(BlankLine())
    return blocks


def _resolutions(minutes: MinutesDoc) -> list[Block]:
    return _text_paragraphs(minutes.resolutions) or fill_lines(_RESOLUTION_LINES)


def _body(minutes: MinutesDoc) -> list[Block]:
    """The numbered sections: agenda, speeches, votes and resolutions."""
    sections = [("议题", _agenda), ("发言要点", _speeches)]
    if minutes.votes:
        sections.append(("表决情况", _votes))
    sections.append(("决议", _resolutions))
    blocks: list[Block] = []
    for number, (name, build) in enumerate(sections, start=1):
        blocks.append(Paragraph(f"{gb.heading_number(1, number)}{name}", Style.HEADING1))
        blocks += build(minutes)
    return blocks


def minutes_document(doc: MinutesDoc) -> Document:
    """Lay out the 会议记录 of one meeting."""
    title = record_title(doc)
    header = Table(
        tuple(_header_rows(doc)), _HEADER_WIDTHS, centre_cols=_LABELS, row_height_mm=_ROW_MM
    )
    blocks: list[Block] = [header, BlankLine(), *_body(doc)]
    sign = (f"主持人（签字）：{_BLANK}", f"记录人（签字）：{_BLANK}", format_date(doc.day))
    blocks.append(Signature(sign))
    return Document(title, title_lines(title, doc.unit_name), tuple(blocks))


def _sign_in_rows(names: tuple[str, ...], first_page_rows: int) -> Rows:
    """Lay names out two to a row, numbered down the left half of each page, then the right."""
    slots = len(names) + _WALK_IN_SLOTS
    pages: list[int] = [first_page_rows]
    while 2 * sum(pages) < slots:
        pages.append(_SIGN_ROWS_OTHER_PAGES)
    rows: Rows = [("序号", "姓名", "签到", "备注") * 2]
    first = 0
    for height in pages:
        for i in range(height):
            left, right = first + i, first + height + i
            rows.append(_sign_cells(left, names) + _sign_cells(right, names))
        first += 2 * height
    return rows


def _sign_cells(index: int, names: tuple[str, ...]) -> tuple[CellSpec, ...]:
    name = names[index] if index < len(names) else ""
    return (str(index + 1), name, "", "")


def sign_in_document(sheet: SignInSheet) -> Document:
    """Lay out a 签到表 with every expected name and blank rows for walk-ins."""
    title = sheet.title if "签到" in sheet.title else f"{sheet.unit_name}会议签到表"
    heading = title_lines(title, sheet.unit_name)
    info = []
    if sheet.title and sheet.title != title:
        info.append(f"会议名称：{sheet.title}")
    place = sheet.place or _BLANK  # not known yet: a line to write it on
    info.append(f"时间：{meeting_time(sheet.day, sheet.start, None)}　　地点：{place}")
    info.append(f"应到：{len(sheet.names)}人　　实到：{_BLANK}人")
    used_mm = (heading.count("\n") + 2 + len(info)) * _LINE_MM + _SIGN_ROW_MM
    table = Table(
        tuple(_sign_in_rows(sheet.names, int((_PAGE_TEXT_MM - used_mm) // _SIGN_ROW_MM))),
        _SIGN_WIDTHS,
        header_rows=1,
        centre_cols=frozenset({0, 1, 4, 5}),
        row_height_mm=_SIGN_ROW_MM,
        exact_height=True,
    )
    blocks: list[Block] = [Paragraph(line, Style.PLAIN) for line in info]
    return Document(title, heading, (*blocks, table))
