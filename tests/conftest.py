"""Shared fixtures: every test gets its own data dir; Qt runs offscreen."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("BRANCH_DESK_HOME", None)

from branch_desk.domain.members import MemberCategory, MemberInput, PartyStatus
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.org.units import BranchInput

FIXED_NOW = datetime(2026, 11, 20, 10, 30, 0)


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    """A fresh, empty data dir for this test."""
    return AppPaths.resolve(tmp_path / "data")


@pytest.fixture
def empty_desk(paths: AppPaths) -> Iterator[BranchDesk]:
    """An open data dir with no branch yet; the clock is fixed at FIXED_NOW."""
    desk = BranchDesk.open(paths, automatic_backups=False)
    desk.db.clock = lambda: FIXED_NOW
    yield desk
    desk.close()


@pytest.fixture
def desk(empty_desk: BranchDesk) -> BranchDesk:
    """An open data dir with one branch (第一党支部) and three 党小组."""
    empty_desk.org.create_branch(
        BranchInput(
            name="第一党支部",
            upper_org="机关党委",
            elected_on=date(2024, 3, 15),
            groups=("第一党小组", "第二党小组", "第三党小组"),
        )
    )
    return empty_desk


@pytest.fixture
def branch_id(desk: BranchDesk) -> int:
    return desk.org.resolve().id


def member_input(**changes: object) -> MemberInput:
    """A valid member input (张三, male, born 1990-03-07) with ``changes`` applied."""
    base = MemberInput(
        name="张三",
        id_number="110101199003071233",
        ethnicity="汉族",
        education="大学本科",
        category=MemberCategory.EMPLOYED,
        party_status=PartyStatus.FULL,
        joined_on=date(2012, 6, 18),
        full_member_on=date(2013, 6, 18),
        group="第一党小组",
        phone="13800138000",
        work_unit="办公室科员",
    )
    return base.with_changes(**changes)
