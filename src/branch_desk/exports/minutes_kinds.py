"""The parts of a 会议记录 that depend on the kind of meeting (see minutes_document).

- 支部委员会: 应到 are the committee members on the day ("未录入支部委员会成员" when none);
- 党小组会: 应到 are the members of the group;
- 谈心谈话: its own record — who talked with whom and what was said; no 应到, 缺席 or 决议;
- 民主评议党员: the grade of each member (评议结果) and the counts by grade.
"""

from __future__ import annotations

from ..domain.appraisal import grade_counts
from ..domain.events import EventType, MinutesDoc
from ..domain.text import format_date
from . import docx_style as gb
from .document_model import BlankLine, Block, CellSpec, Document, Paragraph, Signature, Style, Table

NO_COMMITTEE = "未录入支部委员会成员"
_BLANK = "__________"
_HAND_LINES = 6  # ruled lines left for what was said when nothing was recorded
_HAND_LINE = "_" * 40
_GRADE_WIDTHS = (20.0, 56.0, 80.0)


def kind_of(doc: MinutesDoc) -> EventType:
    """Return the record's own kind (its first type)."""
    return doc.types[0] if doc.types else EventType.OTHER


def expected_text(doc: MinutesDoc) -> str:
    """Return the 应到人数 of the record as its kind counts it."""
    kind = kind_of(doc)
    if kind is EventType.COMMITTEE:
        return f"{doc.expected}人（支部委员会委员）" if doc.expected else NO_COMMITTEE
    split = f"正式党员{doc.expected_full}人、预备党员{doc.expected_probationary}人"
    if kind is EventType.GROUP_MEETING and doc.group_name:
        return f"{doc.expected}人（{doc.group_name}党员，其中{split}）"
    return f"{doc.expected}人（{split}）"


def talk_partners(doc: MinutesDoc) -> tuple[str, ...]:
    """Return the people the 谈话人 talked with (everyone present but the 谈话人)."""
    return tuple(name for name in doc.present_names if name != doc.chair)


def talk_document(doc: MinutesDoc, title: str, heading: str) -> Document:
    """Lay out the record of a 谈心谈话: the people, the time and place, what was said."""
    rows: list[tuple[CellSpec, ...]] = []
    if doc.topic:
        rows.append(("谈话主题", doc.topic, None, None))
    time_text = format_date(doc.day)
    if doc.start:
        time_text += f" {doc.start.hour}:{doc.start.minute:02d}"
        if doc.end:
            time_text += f"—{doc.end.hour}:{doc.end.minute:02d}"
    rows += [
        ("谈话时间", time_text, None, None),
        ("谈话地点", doc.place, None, None),
        ("谈 话 人", doc.chair, None, None),
        ("谈话对象", "、".join(talk_partners(doc)), None, None),
    ]
    if doc.recorder and doc.recorder != doc.chair:
        rows.append(("记 录 人", doc.recorder, None, None))
    widths = (30.0, 42.0, 42.0, 42.0)
    header = Table(tuple(rows), widths, centre_cols=frozenset({0}), row_height_mm=8.0)
    said = [Paragraph(line.strip()) for line in doc.minutes.splitlines() if line.strip()]
    if not said:
        said = [Paragraph(_HAND_LINE, Style.PLAIN) for _ in range(_HAND_LINES)]
    blocks: list[Block] = [
        header,
        BlankLine(),
        Paragraph(f"{gb.heading_number(1, 1)}谈话内容", Style.HEADING1),
        *said,
    ]
    partners = "、".join(talk_partners(doc)) or _BLANK
    sign = (
        f"谈话人（签字）：{doc.chair or _BLANK}",
        f"谈话对象（签字）：{partners}",
        format_date(doc.day),
    )
    blocks.append(Signature(sign))
    return Document(title, heading, tuple(blocks))


def appraisal_blocks(doc: MinutesDoc) -> list[Block]:
    """Return the 评议结果 section's body: the counts by grade and each member's grade."""
    if not doc.grades:
        return [Paragraph("未录入评议结果。")]
    counts = grade_counts(g for _name, g in doc.grades)
    summary = "、".join(f"{grade}{n}名" for grade, n in counts.items())
    ungraded = sum(1 for _n, g in doc.grades if not g)
    if ungraded:
        summary += f"，未评定{ungraded}名"
    rows: list[tuple[CellSpec, ...]] = [("序号", "姓名", "评议等次")]
    rows += [(str(i), name, grade or "") for i, (name, grade) in enumerate(doc.grades, 1)]
    table = Table(
        tuple(rows),
        _GRADE_WIDTHS,
        header_rows=1,
        centre_cols=frozenset({0, 1, 2}),
        row_height_mm=8.0,
    )
    return [Paragraph(f"评议正式党员{len(doc.grades)}名，其中{summary}。"), table]
