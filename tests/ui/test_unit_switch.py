"""A data dir holding several units: the window works on a 党支部 and can switch."""

from datetime import date

from branch_desk.domain.members import Gender
from branch_desk.domain.org import OrgUnitKind
from branch_desk.services.app import BranchDesk
from branch_desk.services.org.units import BranchInput
from branch_desk.ui.main_window import MainWindow
from tests.conftest import member_input


def test_window_opens_on_a_branch_and_switches_units(qtbot, empty_desk: BranchDesk):
    org = empty_desk.org
    committee = org.create_branch(
        BranchInput(name="机关党委", kind=OrgUnitKind.PARTY_COMMITTEE)
    ).value
    first = org.create_branch(BranchInput(name="第一党支部", parent_id=committee.id)).value
    second = org.create_branch(BranchInput(name="第二党支部", parent_id=committee.id)).value
    empty_desk.roster.add(first.id, member_input(group=""))
    empty_desk.roster.add(
        second.id,
        member_input(
            name="李四", id_number="", gender=Gender.MALE, birth_date=date(1985, 1, 1), group=""
        ),
    )
    window = MainWindow(empty_desk)
    qtbot.addWidget(window)
    assert window.ctx.unit_id == first.id  # a 党支部, not the 党委 with no members
    assert window.unit_combo.isVisibleTo(window) and window.unit_combo.count() == 3
    roster = window.page("党员")
    names = lambda: {roster.model.member(r).name for r in range(roster.model.rowCount())}  # noqa: E731
    assert names() == {"张三"}
    window.unit_combo.setCurrentIndex(window.unit_combo.findData(second.id))
    assert window.ctx.unit_id == second.id
    assert names() == {"李四"}
    again = MainWindow(empty_desk)  # the choice is remembered
    qtbot.addWidget(again)
    assert again.ctx.unit_id == second.id
