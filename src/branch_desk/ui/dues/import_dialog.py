"""导入党费基数 / 收缴登记表: preview every row and problem (第N行〔列〕), then 导入."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QWidget

from ...services.app import BranchDesk
from ...services.dues.import_rows import DuesImportPreview
from ...services.outcome import Outcome
from ..context import UiContext
from ..tasks import CancelFn, ProgressFn
from ..widgets.import_preview import ImportPreviewDialog
from .import_model import DuesPreviewModel, PaymentsPreviewModel, totals_text


@dataclass(frozen=True)
class ImportKind:
    """One of the two dues imports: a bases sheet (``bases``) or a 收缴登记表."""

    title: str
    unit: str
    bases: bool

    @property
    def model(self) -> type[DuesPreviewModel]:
        """Return the preview table's model class."""
        return DuesPreviewModel if self.bases else PaymentsPreviewModel

    def preview(self, desk: BranchDesk, unit_id: int, year: int, path: Path) -> DuesImportPreview:
        """Read the sheet into a preview; writes nothing."""
        service = desk.dues_import
        read = service.preview_bases if self.bases else service.preview_payments
        return read(unit_id, year, path)

    def apply(self, desk: BranchDesk, preview: DuesImportPreview) -> Outcome[int]:
        """Write the previewed rows; return how many."""
        service = desk.dues_import
        return (service.apply_bases if self.bases else service.apply_payments)(preview)


BASES = ImportKind("导入党费基数", "人", bases=True)
PAYMENTS = ImportKind("导入收缴登记表", "笔缴费", bases=False)


def summary_text(preview: DuesImportPreview) -> str:
    """Describe the preview in one line."""
    counts = "，".join(
        f"{a}{preview.count(a)}行" for a in ("新增", "更新", "无变化") if preview.count(a)
    )
    warnings = f"，提示{preview.warning_count}处" if preview.warning_count else ""
    return (
        f"{preview.year}年，工作表“{preview.sheet_name}”共{len(preview.rows)}行"
        f"：{counts or '无可导入的数据'}；错误{preview.error_count}处{warnings}。"
    )


class DuesImportDialog(ImportPreviewDialog):
    """The shared import preview over a dues sheet of ``year``; 导入 only when it has no error."""

    def __init__(
        self, ctx: UiContext, kind: ImportKind, year: int, path: Path, parent: QWidget | None = None
    ) -> None:
        self.kind, self.year = kind, year
        self.title = f"{kind.title}（{year}年）"
        self.read_title = self.apply_title = kind.title
        self.model_class = kind.model
        super().__init__(ctx, path, parent)

    @property
    def imported(self) -> int | None:
        """Return how many rows the import wrote (None until it has)."""
        return self.result

    def read_preview(self, progress: ProgressFn, cancel: CancelFn) -> DuesImportPreview:
        """Read the sheet into a preview (runs in the background)."""
        return self.kind.preview(self.ctx.desk, self.ctx.unit_id, self.year, self.path)

    def summary(self, preview: DuesImportPreview) -> str:
        """Describe the preview and its totals."""
        return summary_text(preview) + "\n" + totals_text(preview, self.kind.bases)

    def apply_preview(self, preview: DuesImportPreview) -> Outcome[int]:
        """Write the previewed rows (runs in the background)."""
        return self.kind.apply(self.ctx.desk, preview)

    def done_text(self, result: int) -> str:
        """Say how many rows were imported."""
        return f"导入完成：共导入{result}{self.kind.unit}。"
