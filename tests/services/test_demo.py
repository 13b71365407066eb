"""Demo data: a realistic, valid, reproducible branch, only ever in an empty data dir."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from branch_desk.domain.errors import UserError
from branch_desk.domain.idcard import parse_id_number
from branch_desk.domain.members import (
    MemberCategory,
    MemberRecord,
    PartyStatus,
    RosterStatus,
    StatusChangeKind,
    validate_member,
)
from branch_desk.domain.org import OfficerRole
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.demo.branch import DemoSummary, fill_demo
from tests.conftest import FIXED_NOW

CHINESE_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
TODAY = FIXED_NOW.date()


def open_desk(folder: Path) -> BranchDesk:
    desk = BranchDesk.open(AppPaths.resolve(folder))
    desk.db.clock = lambda: FIXED_NOW
    return desk


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[BranchDesk, DemoSummary]]:
    """One demo branch (seed 1) shared by the read-only tests of this module."""
    desk = open_desk(tmp_path_factory.mktemp("demo"))
    summary = fill_demo(desk, seed=1)
    yield desk, summary
    desk.close()


@pytest.fixture(scope="module")
def roster(demo: tuple[BranchDesk, DemoSummary]) -> list[MemberRecord]:
    return demo[0].roster.list()


def test_summary_matches_what_was_stored(demo, roster: list[MemberRecord]) -> None:
    desk, summary = demo
    unit = desk.org.resolve()
    assert summary.unit_name == unit.name and unit.name.endswith("党支部")
    assert summary.members == len(roster) == 62  # 60 on the roster plus two admitted by development
    assert summary.groups == 3


def test_three_groups_each_with_members(demo, roster: list[MemberRecord]) -> None:
    desk, _ = demo
    groups = [g.name for g in desk.org.groups(desk.org.resolve().id)]
    assert groups == ["第一党小组", "第二党小组", "第三党小组"]
    sizes = Counter(m.group for m in roster)
    assert set(sizes) == set(groups)
    assert min(sizes.values()) >= 15


def test_every_id_number_is_valid_and_agrees_with_the_member(roster: list[MemberRecord]) -> None:
    for m in roster:
        parsed = parse_id_number(m.id_number)
        assert parsed.value == m.id_number
        assert parsed.birth_date == m.birth_date, m.name
        assert parsed.gender == m.gender.value, m.name
    assert len({m.id_number for m in roster}) == len(roster)


def test_names_are_chinese_and_distinct(roster: list[MemberRecord]) -> None:
    assert all(CHINESE_NAME.match(m.name) for m in roster), [m.name for m in roster]
    assert len({m.name for m in roster}) == len(roster)
    assert len({m.name[0] for m in roster}) >= 15  # many surnames


def test_mixed_categories_statuses_and_genders(roster: list[MemberRecord]) -> None:
    categories = Counter(m.category for m in roster)
    assert len(categories) >= 3
    assert categories[MemberCategory.EMPLOYED] > categories[MemberCategory.RETIRED] > 0
    statuses = Counter(m.party_status for m in roster)
    assert statuses[PartyStatus.FULL] > statuses[PartyStatus.PROBATIONARY] > 0
    assert {m.gender.value for m in roster} == {"男", "女"}
    roll = Counter(m.roster_status for m in roster)
    assert roll[RosterStatus.ACTIVE] >= 50
    assert roll[RosterStatus.TRANSFERRED_OUT] >= 1 and roll[RosterStatus.DECEASED] >= 1


def test_every_member_passes_validation(roster: list[MemberRecord]) -> None:
    for m in roster:
        errors = [p.describe() for p in validate_member(m.to_input(), TODAY) if p.is_error]
        assert errors == [], (m.name, errors)
        if m.party_status is PartyStatus.PROBATIONARY:
            assert m.full_member_on is None
        else:
            assert m.joined_on is not None and m.full_member_on is not None
            assert m.joined_on < m.full_member_on <= TODAY


def test_history_matches_roster_status(demo, roster: list[MemberRecord]) -> None:
    desk, _ = demo
    for m in roster:
        if m.roster_status is RosterStatus.ACTIVE:
            continue
        history = desk.roster.get(m.id).history
        assert history[-1].kind.resulting_status is m.roster_status
        assert history[-1].effective_on <= TODAY
        if history[-1].kind is StatusChangeKind.TRANSFER_OUT:
            assert history[-1].place and history[-1].letter_no


def test_branch_has_a_committee(demo) -> None:
    desk, _ = demo
    roles = [o.role for o in desk.org.officers(desk.org.resolve().id)]
    assert OfficerRole.SECRETARY in roles
    assert roles.count(OfficerRole.GROUP_LEADER) == 3


def test_same_seed_same_data_other_seed_differs(tmp_path: Path, roster: list[MemberRecord]):
    again, other = open_desk(tmp_path / "again"), open_desk(tmp_path / "other")
    try:
        fill_demo(again, seed=1)
        fill_demo(other, seed=2)
        assert again.roster.list() == roster
        assert {m.id_number for m in other.roster.list()} != {m.id_number for m in roster}
    finally:
        again.close()
        other.close()


def test_demo_refused_when_data_dir_has_a_branch(desk: BranchDesk, branch_id: int) -> None:
    before = desk.exchange.export_document()
    with pytest.raises(UserError, match="已有数据"):
        fill_demo(desk, seed=3)
    assert desk.exchange.export_document() == before
    assert desk.roster.list() == []


def test_demo_works_for_seed_30_and_is_all_or_nothing(empty_desk: BranchDesk) -> None:
    try:
        summary = fill_demo(empty_desk, seed=30)
    except UserError:
        assert not empty_desk.org.is_set_up(), "failed demo left a half-filled data dir"
        raise
    assert summary.members == 62
