"""The meetings models: event list and proxy, attendance grid, votes, year grid."""

from __future__ import annotations

from datetime import date

from pytestqt.modeltest import ModelTester

from branch_desk.domain.events import AbsenceReason, AttendanceStatus, EventType
from branch_desk.services.app import BranchDesk
from branch_desk.services.meetings.events import EventInput
from branch_desk.ui.events.attendance import COL_REASON, COL_STATUS, AttendanceModel, AttendanceRow
from branch_desk.ui.events.model import (
    COL_ABSENT,
    COL_DAY,
    COL_PROBLEMS,
    COL_TOPIC,
    COL_TYPE,
    EventFilterProxy,
    EventTableModel,
)
from branch_desk.ui.events.votes import COL_KIND, COL_METHOD, COL_YES, VotesModel
from branch_desk.ui.year_grid import FIRST_MONTH, YearGridModel

from .event_data import add_branch, record_assembly


def _events(desk: BranchDesk, unit_id: int) -> tuple[EventTableModel, EventFilterProxy]:
    add_branch(desk, unit_id)
    record_assembly(desk, unit_id, reason=False)
    record_assembly(desk, unit_id, day=date(2025, 5, 6))
    events = desk.events.list(unit_id)
    findings = desk.checks.findings(2026, date(2026, 11, 20))
    problems = {e.id: [f for f in findings if f.event_id == e.id] for e in events}
    model = EventTableModel()
    model.set_events(events, problems)
    proxy = EventFilterProxy()
    proxy.setSourceModel(model)
    return model, proxy


def test_event_model_and_proxy_pass_the_model_tester(
    qtmodeltester: ModelTester, desk: BranchDesk, branch_id: int
) -> None:
    empty = EventTableModel()
    qtmodeltester.check(empty)
    model, proxy = _events(desk, branch_id)
    qtmodeltester.check(model)
    proxy.sort(COL_DAY)
    proxy.set_year(2026)
    qtmodeltester.check(proxy)


def test_event_rows_show_counts_and_record_problems(desk: BranchDesk, branch_id: int) -> None:
    model, proxy = _events(desk, branch_id)
    proxy.sort(COL_DAY)
    assert proxy.index(1, COL_DAY).data() == "2026-11-10"
    assert proxy.index(1, COL_ABSENT).data() == "1"
    assert proxy.index(1, COL_PROBLEMS).data() != ""
    assert "未注明原因" in proxy.index(1, COL_PROBLEMS).data(3)  # tooltip
    proxy.set_year(2025)
    assert proxy.rowCount() == 1
    proxy.set_year(None)
    proxy.set_kind(EventType.PARTY_LECTURE)
    assert proxy.rowCount() == 0
    proxy.set_kind(EventType.BRANCH_ASSEMBLY)
    proxy.set_text("xxgc")  # pinyin initials of 学习贯彻
    assert proxy.rowCount() == 2
    assert model.index(0, COL_TYPE).data() == "支部党员大会"


def test_attendance_model_passes_and_counts(qtmodeltester: ModelTester) -> None:
    model = AttendanceModel()
    model.set_rows(
        [
            AttendanceRow("张三", AttendanceStatus.PRESENT, 1, standing="正式党员"),
            AttendanceRow("李四", AttendanceStatus.PRESENT, 2, standing="预备党员"),
        ]
    )
    model.add_observer("钱九", "入党积极分子")
    qtmodeltester.check(model)
    model.toggle(0)
    assert model.index(0, COL_REASON).data() == "未填原因"
    assert model.setData(model.index(0, COL_REASON), "事假")
    assert model.row_at(0).reason is AbsenceReason.PERSONAL
    assert not model.setData(model.index(2, COL_STATUS), "缺席")  # observers stay 列席
    counts = model.counts()
    assert (counts.expected, counts.full, counts.present, counts.absent) == (2, 1, 1, 1)
    assert model.edited


def test_votes_model_passes_and_secret_kinds_switch_method(qtmodeltester: ModelTester) -> None:
    model = VotesModel()
    row = model.add_vote("接收张三为预备党员")
    qtmodeltester.check(model)
    assert model.setData(model.index(row, COL_KIND), "接收预备党员")
    assert model.index(row, COL_METHOD).data() == "无记名投票"
    assert model.setData(model.index(row, COL_YES), 5)
    assert model.votes()[0].yes == 5


def test_year_grid_model_spans_quarters(
    qtmodeltester: ModelTester, desk: BranchDesk, branch_id: int
) -> None:
    add_branch(desk, branch_id)
    record_assembly(desk, branch_id)
    model = YearGridModel()
    model.set_grid(desk.checks.year_grid(branch_id, 2026, date(2026, 11, 20)))
    qtmodeltester.check(model)
    assert model.index(0, 0).data() == "支部党员大会"
    assert model.span_of(0, FIRST_MONTH + 9) == 3  # 四季度 starts in October
    assert model.index(0, FIRST_MONTH + 9).data() == "已开1次"


def test_search_finds_typed_text_whatever_the_width_of_its_punctuation(
    desk: BranchDesk, branch_id: int
) -> None:
    model, proxy = _events(desk, branch_id)
    desk.events.add(
        branch_id,
        EventInput(EventType.STUDY, date(2026, 9, 1), title="传达学习上级精神，研究年度评议工作"),
    )
    model.set_events(desk.events.list(branch_id), {})
    for typed in ("精神，研究", "精神,研究"):
        proxy.set_text(typed)
        assert proxy.rowCount() == 1
        assert proxy.index(0, COL_TOPIC).data() == "传达学习上级精神，研究年度评议工作"
