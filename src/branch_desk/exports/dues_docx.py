"""The yearly public notice of dues collection (党费收缴情况公示), in GB/T 9704 form.

:func:`notice_document` lays it out once; the .docx and the print preview both render that.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from unicodedata import east_asian_width

from ..domain.dues import DuesNotice
from ..domain.money import yuan_grouped
from ..domain.text import format_date
from . import docx_style as gb
from .document_model import Block, Document, Paragraph, Signature, Style
from .docx_render import write_docx

REGULATION = "《关于中国共产党党费收缴、使用和管理的规定》"
TITLE_CHARS = 20  # 二号 characters a line (156 mm); a longer title breaks after the unit
CONTACT = "公示期为5个工作日，如有疑问请向支部组织委员反映。"


def collection_rate(due_fen: int, paid_fen: int) -> str:
    """Paid ÷ due as a percentage with one decimal, half up ('98.5%'); '—' when nothing is due."""
    if due_fen <= 0:
        return "—"
    rate = (Decimal(paid_fen) * 100 / Decimal(due_fen)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
    return f"{rate}%"


def notice_sections(notice: DuesNotice) -> list[tuple[str, str]]:
    """Return the notice's numbered sections as (heading, paragraph) pairs."""
    if notice.large_fen > 0:
        large = f"其中大额党费{yuan_grouped(notice.large_fen)}元，已全额上缴。"
    else:
        large = "本年度无大额党费。"
    unpaid = "、".join(notice.unpaid_names)
    return [
        ("基本情况", f"本支部{notice.year}年度应交纳党费的党员共{notice.members}名。"),
        (
            "收缴情况",
            f"全年应交党费{yuan_grouped(notice.annual_due_fen)}元，"
            f"实交{yuan_grouped(notice.annual_paid_fen)}元，"
            f"收缴率{collection_rate(notice.annual_due_fen, notice.annual_paid_fen)}。",
        ),
        (
            "上缴情况",
            f"全年向上级党组织上缴党费{yuan_grouped(notice.remitted_fen)}元，{large}",
        ),
        (
            "未按时足额交纳党费情况",
            f"{unpaid}（共{len(notice.unpaid_names)}名）。" if unpaid else "无。",
        ),
    ]


def _ems(text: str) -> float:
    """Width in full-width characters: digits and Latin letters count half."""
    return sum(1 if east_asian_width(ch) in "WF" else 0.5 for ch in text)


def notice_document(notice: DuesNotice) -> Document:
    """Lay out the 党费收缴情况公示 for ``notice.year``."""
    title = f"{notice.unit_name}{notice.year}年度党费收缴情况公示"
    broken = _ems(title) > TITLE_CHARS
    heading = f"{notice.unit_name}\n{notice.year}年度党费收缴情况公示" if broken else title
    blocks: list[Block] = [
        Paragraph(
            f"按照{REGULATION}和党务公开的有关要求，"
            f"现将本支部{notice.year}年度党费收缴情况公示如下："
        )
    ]
    for n, (name, text) in enumerate(notice_sections(notice), start=1):
        blocks += [Paragraph(f"{gb.heading_number(1, n)}{name}", Style.HEADING1), Paragraph(text)]
    blocks.append(Paragraph(CONTACT))
    issued = format_date(date.fromisoformat(notice.issued_on))
    blocks.append(Signature((notice.unit_name, issued)))
    return Document(title, heading, tuple(blocks))


def write_notice(path: Path, notice: DuesNotice) -> None:
    """Write the 党费收缴情况公示 for ``notice.year`` to ``path`` (.docx, GB/T 9704)."""
    write_docx(Path(path), notice_document(notice))
