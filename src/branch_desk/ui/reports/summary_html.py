"""The year-end summary on screen: figures in blue, the secretary's text plain, 【请填写】 marked.

This is the editing view only; the printed layout (and its print preview) is
``exports.summary_docx.summary_document``.
"""

from __future__ import annotations

import re
from html import escape

from ...domain.summary import ParagraphKind, SummaryDoc, SummaryParagraph

FIGURE_COLOUR = "#1f5fa8"
MARKER_BACKGROUND = "#fff2a8"
MARKER_COLOUR = "#b3261e"
MARKER = re.compile(r"【请填写[^】]*】")
SCREEN_PT = 11
INDENT = "\u3000\u3000"  # two characters; Qt's text-indent knows pixels only


def marked(text: str) -> str:
    """Escape ``text`` and highlight every 【请填写…】 marker in it."""
    style = f"background-color:{MARKER_BACKGROUND}; color:{MARKER_COLOUR}; font-weight:bold;"
    parts, last = [], 0
    for found in MARKER.finditer(text):
        parts.append(escape(text[last : found.start()]))
        parts.append(f'<span style="{style}">{escape(found.group())}</span>')
        last = found.end()
    parts.append(escape(text[last:]))
    return "".join(parts)


def paragraph_html(paragraph: SummaryParagraph) -> str:
    """Return one body paragraph, first line indented two characters."""
    body = marked(paragraph.text)
    if paragraph.kind is ParagraphKind.FIGURES:
        body = f'<span style="color:{FIGURE_COLOUR};">{body}</span>'
    key = f' title="{escape(paragraph.key)}"' if paragraph.key else ""
    return f'<p class="body"{key}>{INDENT}{body}</p>'


def summary_html(doc: SummaryDoc, body_pt: int = SCREEN_PT) -> str:
    """Return the whole summary as HTML for the screen."""
    title_pt = round(body_pt * 1.3)
    style = (
        f"body {{ font-size:{body_pt}pt; }}"
        f" p.title {{ font-size:{title_pt}pt; font-weight:bold; text-align:center;"
        f" margin-bottom:{body_pt}pt; }}"
        " p { white-space:pre-wrap; }"
        " p.body { margin-top:0; margin-bottom:4pt; line-height:150%; }"
        " p.h1 { font-weight:bold; margin-top:8pt; margin-bottom:4pt; }"
        " p.h2 { font-weight:bold; margin-top:4pt; margin-bottom:4pt; }"
        f" p.sign {{ text-align:right; margin-top:{body_pt}pt; margin-bottom:0; }}"
        " p.date { text-align:right; margin-top:0; }"
    )
    title = "<br/>".join(escape(line) for line in doc.title.splitlines())
    parts = [f"<html><head><style>{style}</style></head><body>"]
    parts.append(f'<p class="title">{title}</p>')
    parts += [paragraph_html(p) for p in doc.opening]
    for section in doc.sections:
        level = "h1" if section.level == 1 else "h2"
        parts.append(f'<p class="{level}">{INDENT}{escape(section.heading)}</p>')
        parts += [paragraph_html(p) for p in section.paragraphs]
    day = doc.date
    parts.append(f'<p class="sign">{escape(doc.signature)}</p>')
    parts.append(f'<p class="date">{day.year}年{day.month}月{day.day}日</p>')
    parts.append("</body></html>")
    return "".join(parts)
