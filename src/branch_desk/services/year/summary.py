"""The year-end Party-building summary: live figures, the secretary's narrative, the .docx."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ...domain import summary_drafts as drafts
from ...domain import summary_text as say
from ...domain.errors import UserError
from ...domain.findings import Finding
from ...domain.summary import (
    NARRATIVE_LABELS,
    ParagraphKind,
    SummaryDoc,
    SummaryFigures,
    SummaryParagraph,
    SummarySection,
)
from ...domain.summary_problems import themes
from ...domain.year_snapshot import default_as_of
from ...storage.database import Database
from ...storage.repositories import report_texts, units
from ..outcome import Area, Outcome, changed
from ..progress import Cancel, Progress, checkpoint, never_cancel, no_progress
from ..shared_reads import shared_reads
from .summary_figures import Sources, count_figures

MAX_NARRATIVE = 20_000
WORK_HEADINGS = (
    "（一）理论学习",
    "（二）组织建设",
    "（三）党员队伍",
    "（四）党风廉政与意识形态",
    "（五）品牌与服务",
    "（六）表彰",
)
SECTION_HEADINGS = (
    "一、基本情况",
    "二、主要工作及成效",
    "三、存在的问题",
    "四、原因分析",
    "五、下一步打算",
)


class SummaryService:
    """Count, draft, store and export a unit's 年度党建工作总结."""

    def __init__(self, db: Database, sources: Sources) -> None:
        self.db = db
        self.sources = sources

    def today(self) -> date:
        return self.db.clock().date()

    def as_of(self, year: int, as_of: date | None = None) -> date:
        """The day a year's summary is counted and dated: 31 December for a past year."""
        return default_as_of(year, self.today(), as_of)

    # ---- figures and drafts ----------------------------------------------------------------

    def figures(self, unit_id: int, year: int, as_of: date) -> SummaryFigures:
        """Count every figure of the summary as the records stand on ``as_of``."""
        with shared_reads():
            units = [u.id for u in self.sources.org.subtree(unit_id)]
            self.sources.snapshots.build_many(units, year, as_of)  # a 党委's branches at once
            return count_figures(self.sources, unit_id, year, as_of)

    def findings(self, unit_id: int, year: int, as_of: date) -> list[Finding]:
        """Return the year's findings for the unit and every branch below it."""
        found: list[Finding] = []
        with shared_reads():
            for unit in self.sources.org.subtree(unit_id):
                found += self.sources.checks.findings(year, as_of, unit.name)
        return found

    def drafts(self, unit_id: int, year: int, as_of: date) -> dict[str, str]:
        """Return the default draft of every narrative paragraph, written from the records."""
        with shared_reads():
            figures = self.figures(unit_id, year, as_of)
            return self._drafts(figures, self.findings(unit_id, year, as_of))

    def _drafts(self, f: SummaryFigures, findings: list[Finding]) -> dict[str, str]:
        found = themes(f, findings)
        return {
            "opening": drafts.opening(f),
            "study": drafts.study(f),
            "life": drafts.life(f, grades(f)),
            "team": drafts.team(f),
            "work": drafts.work(f),
            "service": drafts.service(f),
            "honours": drafts.honours(f),
            "problems": drafts.problems(f, found),
            "causes": drafts.causes(f, found),
            "plans": drafts.plans(f, found),
        }

    # ---- the secretary's text --------------------------------------------------------------

    def stored(self, unit_id: int, year: int) -> dict[str, str]:
        """Return the narrative paragraphs the secretary has edited (key → text)."""
        with self.db.session() as s:
            stored = report_texts.texts(s, unit_id, year)
        return {key: text for key, text in stored.items() if key in NARRATIVE_LABELS}

    def narratives(self, unit_id: int, year: int, as_of: date | None = None) -> dict[str, str]:
        """Return every narrative paragraph: the stored text, else the default draft."""
        defaults = self.drafts(unit_id, year, self.as_of(year, as_of))
        return defaults | self.stored(unit_id, year)

    def save_narrative(self, unit_id: int, year: int, key: str, text: str) -> Outcome[str]:
        """Store an edited narrative paragraph; empty text goes back to the default draft."""
        if key not in NARRATIVE_LABELS:
            raise UserError(f"没有名为“{key}”的总结段落。")
        text = "\n".join(line.strip() for line in text.strip().splitlines() if line.strip())
        if len(text) > MAX_NARRATIVE:
            raise UserError(f"“{NARRATIVE_LABELS[key]}”过长（最多{MAX_NARRATIVE}字）。")
        with self.db.session() as s:
            units.require(s, unit_id)
            report_texts.store(s, unit_id, year, key, text, self.db.now())
        if not text:
            text = self.drafts(unit_id, year, self.as_of(year))[key]
        return changed(text, Area.REPORTS)

    # ---- the document ----------------------------------------------------------------------

    def document(self, unit_id: int, year: int, as_of: date | None = None) -> SummaryDoc:
        """Assemble the summary: figure sentences recomputed now, narratives inserted."""
        as_of = self.as_of(year, as_of)
        with shared_reads():  # the snapshot, the checks and the figures read each record once
            f = self.figures(unit_id, year, as_of)
            findings = self.findings(unit_id, year, as_of)
        texts = self._drafts(f, findings) | self.stored(unit_id, year)
        return assemble(f, texts, as_of)

    def export(
        self,
        unit_id: int,
        year: int,
        path: Path,
        progress: Progress = no_progress,
        cancel: Cancel = never_cancel,
        as_of: date | None = None,
    ) -> SummaryDoc:
        """Write the summary to ``path`` (.docx); a cancel before the end leaves no file."""
        from ...exports.summary_docx import write_summary

        progress(0.0, "正在统计本年度数据…")
        checkpoint(cancel)
        doc = self.document(unit_id, year, as_of)
        progress(0.7, "正在生成总结文档…")
        checkpoint(cancel)
        write_summary(Path(path), doc)
        progress(1.0, "总结已导出")
        return doc


def _figures(*texts: str) -> tuple[SummaryParagraph, ...]:
    return tuple(SummaryParagraph(t, ParagraphKind.FIGURES) for t in texts if t)


def _narrative(texts: dict[str, str], key: str) -> tuple[SummaryParagraph, ...]:
    lines = [line.strip() for line in texts.get(key, "").splitlines() if line.strip()]
    return tuple(SummaryParagraph(line, ParagraphKind.NARRATIVE, key) for line in lines)


def grades(f: SummaryFigures) -> tuple[tuple[str, int], ...]:
    """The 民主评议 grades the year snapshot counts (none when no appraisal was held)."""
    found = f.snapshot.appraisal
    return tuple(found.items()) if found else ()


def assemble(f: SummaryFigures, texts: dict[str, str], as_of: date) -> SummaryDoc:
    """Put figures and narratives together in the order of a 年度党建工作总结."""
    basics = _figures(
        say.organisation(f) + say.committee(f),
        say.membership(f),
        say.changes(f),
        say.dues_short(f),
    )
    if f.is_aggregate:
        basics += _figures("各党支部基本情况如下：", *(say.branch_line(b) for b in f.branches))
    work = (
        _narrative(texts, "study") + _figures(say.study(f)),
        _figures(say.meetings(f), say.life_and_evaluation(f, grades(f)), say.election(f))
        + _narrative(texts, "life")
        + _figures(say.dues(f)),
        _figures(say.development(f)) + _narrative(texts, "team"),
        _figures(say.kinds_held(f, say.INTEGRITY_KINDS)) + _narrative(texts, "work"),
        _figures(say.kinds_held(f, say.SERVICE_KINDS)) + _narrative(texts, "service"),
        _figures(say.honours(f)) + _narrative(texts, "honours"),
    )
    first, second, problems, causes, plans = SECTION_HEADINGS
    sections = [
        SummarySection(first, basics),
        SummarySection(second, ()),
        *(SummarySection(h, p, 2) for h, p in zip(WORK_HEADINGS, work, strict=True)),
        SummarySection(problems, _narrative(texts, "problems")),
    ]
    if _narrative(texts, "causes"):
        sections.append(SummarySection(causes, _narrative(texts, "causes")))
        sections.append(SummarySection(plans, _narrative(texts, "plans")))
    else:  # 原因分析 is optional: without it the plans move up to 四、
        sections.append(SummarySection("四、下一步打算", _narrative(texts, "plans")))
    name = f.unit_name if f.unit_name.startswith("中共") else f"中共{f.unit_name}"
    return SummaryDoc(
        title=say.title(f.unit_name, f.year),
        unit_name=f.unit_name,
        year=f.year,
        opening=_narrative(texts, "opening"),
        sections=tuple(sections),
        signature=name,
        date=as_of,
    )
