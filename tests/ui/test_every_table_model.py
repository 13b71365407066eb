"""Every item model in ui/ passes Qt's model tester, empty and with realistic data.

The models are found by walking the ui package, so a new model without a factory here
fails ``test_every_model_has_a_factory``.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QAbstractProxyModel
from pytestqt.modeltest import ModelTester

import branch_desk.ui
from branch_desk.domain.development import Stage
from branch_desk.domain.events import AttendanceStatus
from branch_desk.ui.context import UiContext
from branch_desk.ui.development.model import BoardModel, CandidateTableModel
from branch_desk.ui.dues.assessments import AssessmentModel, assess_rows
from branch_desk.ui.dues.day_model import DayModel, load_day
from branch_desk.ui.dues.import_model import DuesPreviewModel, PaymentsPreviewModel
from branch_desk.ui.dues.ledger_model import LedgerModel
from branch_desk.ui.dues.payments import PaymentsModel
from branch_desk.ui.events.attendance import AttendanceModel, AttendanceRow
from branch_desk.ui.events.import_dialog import EventPreviewModel
from branch_desk.ui.events.model import EventTableModel
from branch_desk.ui.events.votes import VotesModel
from branch_desk.ui.history.model import HistoryModel
from branch_desk.ui.reports.archive_model import CompletenessModel
from branch_desk.ui.roster.model import MemberTableModel
from branch_desk.ui.widgets.edit_table import EditableRecordModel
from branch_desk.ui.widgets.import_preview import ImportPreviewModel
from branch_desk.ui.widgets.record_table import Column, RecordTableModel
from branch_desk.ui.year_grid import YearGridModel
from tests.services import test_dues_import as dues_book
from tests.services import test_event_import as event_book
from tests.xlsx_helpers import write_sheet

from .conftest import add_members
from .develop_data import fill_pipeline
from .dues_data import YEAR, add_dues_members
from .event_data import add_branch, record_assembly

TODAY = date(2026, 11, 20)
Factory = Callable[[UiContext, Path], QAbstractItemModel]


def ui_models() -> set[type[QAbstractItemModel]]:
    """Return every item model class defined in branch_desk.ui (proxies excluded)."""
    found: set[type[QAbstractItemModel]] = set()
    for info in pkgutil.walk_packages(branch_desk.ui.__path__, "branch_desk.ui."):
        module = importlib.import_module(info.name)
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if not value.__module__.startswith("branch_desk.ui."):
                continue
            if issubclass(value, QAbstractItemModel) and not issubclass(value, QAbstractProxyModel):
                found.add(value)
    return found


def _records(ctx: UiContext, _tmp: Path) -> RecordTableModel[int]:
    model: RecordTableModel[int] = RecordTableModel(
        [Column("数", lambda n: n), Column("文", lambda n: f"第{n}项", tooltip=str)],
        search=str,
    )
    model.set_records([3, 1, 2])
    return model


def _edited_records(ctx: UiContext, _tmp: Path) -> EditableRecordModel[int]:
    model: EditableRecordModel[int] = EditableRecordModel([Column("数", lambda n: n)])
    model.set_records([3, 1])
    model.append_record(2)
    return model


def _members(ctx: UiContext, _tmp: Path) -> MemberTableModel:
    add_members(ctx.desk, ctx.unit_id)
    model = MemberTableModel()
    model.set_members(ctx.desk.roster.list(ctx.unit_id))
    return model


def _events(ctx: UiContext, _tmp: Path) -> EventTableModel:
    add_branch(ctx.desk, ctx.unit_id)
    record_assembly(ctx.desk, ctx.unit_id)
    model = EventTableModel()
    model.set_events(ctx.desk.events.list(ctx.unit_id))
    return model


def _candidates(ctx: UiContext, _tmp: Path) -> CandidateTableModel:
    add_branch(ctx.desk, ctx.unit_id)
    fill_pipeline(ctx.desk, ctx.unit_id, TODAY)
    model = CandidateTableModel()
    model.set_candidates(ctx.desk.development.list(ctx.unit_id, TODAY), TODAY)
    return model


def _board(ctx: UiContext, _tmp: Path) -> BoardModel:
    add_branch(ctx.desk, ctx.unit_id)
    fill_pipeline(ctx.desk, ctx.unit_id, TODAY)
    model = BoardModel((Stage.APPLICANT, Stage.ACTIVIST))
    model.set_candidates(ctx.desk.development.list(ctx.unit_id, TODAY), TODAY)
    return model


def _history(ctx: UiContext, _tmp: Path) -> HistoryModel:
    add_members(ctx.desk, ctx.unit_id)
    model = HistoryModel()
    model.set_records(ctx.desk.audit.query())
    return model


def _attendance(ctx: UiContext, _tmp: Path) -> AttendanceModel:
    model = AttendanceModel()
    model.set_rows(
        [
            AttendanceRow("张三", AttendanceStatus.PRESENT, 1, standing="正式党员"),
            AttendanceRow("李四", AttendanceStatus.ABSENT, 2, standing="预备党员"),
        ]
    )
    model.add_observer("钱九", "入党积极分子")
    return model


def _votes(ctx: UiContext, _tmp: Path) -> VotesModel:
    model = VotesModel()
    model.add_vote("接收张三为预备党员")
    return model


def _ledger(ctx: UiContext, _tmp: Path) -> LedgerModel:
    add_dues_members(ctx.desk, ctx.unit_id)
    model = LedgerModel()
    model.set_ledger(ctx.desk.dues_reports.ledger(ctx.unit_id, YEAR, ctx.desk.dues.today()))
    return model


def _day(ctx: UiContext, _tmp: Path) -> DayModel:
    add_dues_members(ctx.desk, ctx.unit_id)
    model = DayModel()
    model.set_rows(load_day(ctx.desk.dues_day, ctx.unit_id, ctx.desk.dues.today()))
    return model


def _assessments(ctx: UiContext, _tmp: Path) -> AssessmentModel:
    add_dues_members(ctx.desk, ctx.unit_id)
    model = AssessmentModel()
    model.set_rows(assess_rows(ctx, YEAR))
    return model


def _payments(ctx: UiContext, _tmp: Path) -> PaymentsModel:
    add_dues_members(ctx.desk, ctx.unit_id)
    model = PaymentsModel()
    model.set_payments(ctx.desk.dues.payments(ctx.unit_id, YEAR))
    return model


def _completeness(ctx: UiContext, _tmp: Path) -> CompletenessModel:
    add_branch(ctx.desk, ctx.unit_id)
    record_assembly(ctx.desk, ctx.unit_id)
    model = CompletenessModel()
    model.set_statuses(ctx.desk.archive.overview(ctx.unit_id, YEAR, TODAY))
    return model


def _year_grid(ctx: UiContext, _tmp: Path) -> YearGridModel:
    add_branch(ctx.desk, ctx.unit_id)
    record_assembly(ctx.desk, ctx.unit_id)
    model = YearGridModel()
    model.set_grid(ctx.desk.checks.year_grid(ctx.unit_id, YEAR, TODAY))
    return model


ROSTER_HEADER = ["序号", "姓名", "性别", "身份证号", "人员类别", "党员类别", "入党时间"]
ROSTER_ROWS = [
    [1, "张三", "男", "110101199003071233", "在职", "正式党员", "2012.6.18"],
    [2, "李红", "女", "11010519491231002x", "退休", "正式", "1975-07-01"],
    [3, "王五", "男", "110101199003071234", "在职", "正式党员", "2012.6.18"],
]


def _roster_preview(ctx: UiContext, tmp: Path) -> ImportPreviewModel:
    path = write_sheet(tmp / "名册.xlsx", ROSTER_HEADER, ROSTER_ROWS, sheet_name="党员名册")
    model = ImportPreviewModel()
    model.set_records(ctx.desk.roster_import.preview(ctx.unit_id, path).rows)
    return model


def _event_preview(ctx: UiContext, tmp: Path) -> EventPreviewModel:
    event_book.add_roster(ctx.desk, ctx.unit_id)
    path = event_book.ledger(tmp, event_book.messy_rows())
    model = EventPreviewModel()
    model.set_records(ctx.desk.event_import.preview(ctx.unit_id, path).rows)
    return model


def _dues_preview(ctx: UiContext, tmp: Path) -> DuesPreviewModel:
    dues_book.add_people(ctx.desk, ctx.unit_id)
    rows = dues_book.hr_rows()
    path = write_sheet(tmp / "基数.xlsx", dues_book.HR_HEADER, rows, preamble=dues_book.HR_TITLE)
    model = DuesPreviewModel()
    model.set_records(ctx.desk.dues_import.preview_bases(ctx.unit_id, YEAR, path).rows)
    return model


def _dues_grid_preview(ctx: UiContext, tmp: Path) -> PaymentsPreviewModel:
    add_dues_members(ctx.desk, ctx.unit_id)
    path = dues_book.grid(tmp, [dues_book.grid_row(1, "张三", {1: 48, 2: "四十八"})])
    model = PaymentsPreviewModel()
    model.set_records(ctx.desk.dues_import.preview_payments(ctx.unit_id, YEAR, path).rows)
    return model


FACTORIES: dict[type[QAbstractItemModel], Factory] = {
    RecordTableModel: _records,
    EditableRecordModel: _edited_records,
    MemberTableModel: _members,
    EventTableModel: _events,
    CandidateTableModel: _candidates,
    BoardModel: _board,
    HistoryModel: _history,
    AttendanceModel: _attendance,
    VotesModel: _votes,
    LedgerModel: _ledger,
    DayModel: _day,
    AssessmentModel: _assessments,
    PaymentsModel: _payments,
    CompletenessModel: _completeness,
    YearGridModel: _year_grid,
    ImportPreviewModel: _roster_preview,
    EventPreviewModel: _event_preview,
    DuesPreviewModel: _dues_preview,
    PaymentsPreviewModel: _dues_grid_preview,
}


def test_every_model_has_a_factory() -> None:
    missing = sorted(f"{m.__module__}.{m.__name__}" for m in ui_models() - set(FACTORIES))
    assert not missing, f"table models without a test here: {missing}"


@pytest.mark.parametrize("model_class", list(FACTORIES), ids=lambda m: m.__name__)
def test_model_passes_the_model_tester(
    qtmodeltester: ModelTester,
    ctx: UiContext,
    tmp_path: Path,
    model_class: type[QAbstractItemModel],
) -> None:
    model = FACTORIES[model_class](ctx, tmp_path)
    assert type(model) is model_class
    assert model.rowCount() > 0, "the factory should give the model rows"
    qtmodeltester.check(model)
