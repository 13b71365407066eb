"""导入党员名册: the shared import preview (ui/widgets/import_preview.py) over a roster workbook."""

from __future__ import annotations

from ...services.outcome import Outcome
from ...services.roster.importer import RosterImportPreview, RosterImportResult
from ..tasks import CancelFn, ProgressFn
from ..widgets.import_preview import ImportPreviewDialog, counts_summary, unknown_columns_lines


def summary_text(preview: RosterImportPreview) -> str:
    """Describe the preview in one line."""
    return counts_summary(preview, "人")


class ImportDialog(ImportPreviewDialog):
    """Preview a roster workbook in the background; 导入 only when it has no error."""

    title = "导入党员名册"
    read_title, apply_title = "读取名册", "导入名册"

    def read_preview(self, progress: ProgressFn, cancel: CancelFn) -> RosterImportPreview:
        """Read the workbook into a preview (runs in the background)."""
        return self.ctx.desk.roster_import.preview(self.ctx.unit_id, self.path, progress, cancel)

    def summary(self, preview: RosterImportPreview) -> str:
        """Describe the preview in one line."""
        return summary_text(preview)

    def extra_text(self, preview: RosterImportPreview) -> str:
        """Return notes under the summary: ignored columns, new 党小组."""
        lines = unknown_columns_lines(preview)
        if preview.new_groups:
            lines.append(f"将新建党小组：{'、'.join(preview.new_groups)}")
        return "\n".join(lines)

    def apply_preview(self, preview: RosterImportPreview) -> Outcome[RosterImportResult]:
        """Write the previewed rows (runs in the background)."""
        return self.ctx.desk.roster_import.apply(self.ctx.unit_id, preview)

    def done_text(self, r: RosterImportResult) -> str:
        """Say what the import did."""
        return f"导入完成：新增{r.created}人，更新{r.updated}人，无变化{r.unchanged}人。"
