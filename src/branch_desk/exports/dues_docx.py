"""The yearly public notice of dues collection (党费收缴情况公示), in GB/T 9704 form.

:func:`notice_document` lays it out once; the .docx and the print preview both render that.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from unicodedata import east_asian_width

from ..domain.dues import DuesNotice
from ..domain.dues_owed import UNASSESSED_WORDS, rate_text
from ..domain.money import yuan_grouped
from ..domain.text import format_date
from . import docx_style as gb
from .document_model import Block, Document, Paragraph, Signature, Style
from .docx_render import write_docx

REGULATION = "《关于中国共产党党费收缴、使用和管理的规定》"
TITLE_CHARS = 20  # 二号 characters a line (156 mm); a longer title breaks after the unit
NOT_REMITTED = "未登记上缴"
CONTACT = "公示期为5个工作日，如有疑问请向支部组织委员反映。"


def notice_sections(notice: DuesNotice) -> list[tuple[str, str]]:
    """Return the notice's numbered sections as (heading, paragraph) pairs.

    Every figure is the one definition of owed (domain/dues_owed.py); what the records cannot
    tell is said in words (未核定, 未登记上缴), never printed as 0.
    """
    d = notice.dues
    if d.owed_fen is None:
        collected = (
            f"{'、'.join(d.unassessed)}（共{len(d.unassessed)}名）有{d.unassessed_months}个月"
            f"尚未核定党费基数，全年应交党费总额和收缴率{UNASSESSED_WORDS}；"
            f"已核定部分应交{yuan_grouped(d.assessed_owed_fen)}元，"
            f"实交{yuan_grouped(d.paid_fen)}元。"
        )
    else:
        collected = (
            f"全年应交党费{yuan_grouped(d.owed_fen)}元，"
            f"实交{yuan_grouped(d.paid_fen)}元，"
            f"收缴率{rate_text(d.rate, '—')}。"
        )
    if d.extra_fen > 0:
        collected += f"另收预交及自愿多交党费{yuan_grouped(d.extra_fen)}元，不计入收缴率。"
    if d.remitted_fen is None:
        remitted = f"本年度{NOT_REMITTED}党费记录。"
    else:
        remitted = f"全年向上级党组织上缴党费{yuan_grouped(d.remitted_fen)}元，"
        if d.large_fen > 0:
            remitted += f"其中大额党费{yuan_grouped(d.large_fen)}元，已全额上缴。"
        else:
            remitted += "本年度无大额党费。"
    unpaid = "、".join(d.in_arrears)
    return [
        ("基本情况", f"本支部{notice.year}年度应交纳党费的党员共{d.payers}名。"),
        ("收缴情况", collected),
        ("上缴情况", remitted),
        (
            "未按时足额交纳党费情况",
            f"{unpaid}（共{len(d.in_arrears)}名）。" if unpaid else "无。",
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
