"""Build a realistic 党委 data dir of any size through the project's own services.

    python benchmarks/generate.py --members 2000 --branches 20 --years 10 --seed 1 \
        --data-dir /tmp/bench-ref

Everything goes through the services' write functions (roster.write_fields, the events
repository's insert, DuesService.assess_many / pay_many, DevelopmentService.record_step …), but inside one
transaction per branch (roster) or branch-year (meetings, dues) instead of one per record, so the
reference size (2,000 members, 20 branches, 10 years) builds in minutes. The audit log is
written exactly as the app writes it.

The same ``--seed`` and ``--today`` give the same data (``--today`` defaults to the real date;
every date is relative to it, so the data dir is "current" when it is opened).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from branch_desk.domain.dates import add_months, add_years
from branch_desk.domain.development import Step
from branch_desk.domain.dues import Reduction
from branch_desk.domain.events import AttendanceInput, AttendanceStatus, EventInput, EventType
from branch_desk.domain.members import (
    Gender,
    MemberCategory,
    PartyStatus,
    RosterStatus,
    StatusChangeKind,
    normalise_member,
)
from branch_desk.domain.org import OfficerRole, OrgUnitKind
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.demo.branch import EDUCATION, GROUPS, _member, _person
from branch_desk.services.demo.development import _Demo, _probation
from branch_desk.services.demo.dues import _assessment
from branch_desk.services.demo.event_builder import LECTURE_TOPICS, PLACE, REASONS, THEME_TOPICS
from branch_desk.services.development.service import CandidateInput
from branch_desk.services.dues.ledger import build_matrix, month_index, month_start
from branch_desk.services.dues.service import AssessmentInput, PaymentInput, RemittanceInput
from branch_desk.services.org.units import BranchInput, OfficerInput
from branch_desk.services.roster.members import write_fields
from branch_desk.services.roster.people import load_facts, roll_on
from branch_desk.storage.models import Member, MemberStatusChange
from branch_desk.storage.repositories import events as stored_events
from branch_desk.storage.repositories.units import group_ids_by_name

COMMITTEE_NAME = "中共城南区住房和城乡建设局机关委员会"
BRANCH_NAMES = (
    "办公室",
    "组织人事科",
    "财务科",
    "规划科",
    "建设管理科",
    "房地产市场监管科",
    "住房保障科",
    "城建档案馆",
    "质量安全监督站",
    "建筑市场管理站",
    "物业管理办公室",
    "燃气管理所",
    "市政设施维护中心",
    "园林绿化所",
    "城市更新事务中心",
    "征收服务中心",
    "执法大队",
    "信息中心",
    "退休干部",
    "后勤服务中心",
)
CHINESE_DIGITS = "〇一二三四五六七八九"


def _number(n: int) -> str:
    """1 → 一, 12 → 十二, 21 → 二十一 (branch names beyond the list)."""
    if n < 10:
        return CHINESE_DIGITS[n]
    tens, ones = divmod(n, 10)
    return (
        (CHINESE_DIGITS[tens] if tens > 1 else "") + "十" + (CHINESE_DIGITS[ones] if ones else "")
    )


def branch_name(index: int) -> str:
    base = BRANCH_NAMES[index % len(BRANCH_NAMES)]
    cycle = index // len(BRANCH_NAMES)
    suffix = f"第{_number(cycle + 1)}" if cycle else ""
    return f"中共城南区住房和城乡建设局{base}{suffix}党支部"


@dataclass
class Counts:
    members: int = 0
    events: int = 0
    attendance: int = 0
    assessments: int = 0
    payments: int = 0
    payment_months: int = 0
    candidates: int = 0
    started: float = field(default_factory=time.perf_counter)

    def line(self) -> str:
        return (
            f"members {self.members:,}  events {self.events:,}  attendance {self.attendance:,}  "
            f"assessments {self.assessments:,}  payments {self.payments:,} "
            f"({self.payment_months:,} months)  candidates {self.candidates:,}  "
            f"[{time.perf_counter() - self.started:,.0f} s]"
        )


class Generator:
    def __init__(
        self, desk: BranchDesk, members: int, branches: int, years: int, seed: int, today: date
    ) -> None:
        self.desk = desk
        self.total = members
        self.branches = branches
        self.years = years
        self.seed = seed
        self.today = today
        self.first_year = today.year - years + 1
        self.used: set[str] = set()
        self.counts = Counts()

    def progress(self, what: str) -> None:
        print(f"{what:<34} {self.counts.line()}", flush=True)

    # ---- organisation and roster ---------------------------------------------------------

    def run(self) -> Counts:
        desk = self.desk
        committee = desk.org.create_branch(
            BranchInput(
                COMMITTEE_NAME,
                kind=OrgUnitKind.PARTY_COMMITTEE,
                upper_org="中共城南区委组织部",
                elected_on=date(self.today.year - 2, 11, 20),
                term_years=5,
            )
        ).value
        sizes = [self.total // self.branches] * self.branches
        for i in range(self.total % self.branches):
            sizes[i] += 1
        for index, size in enumerate(sizes):
            rng = random.Random(f"{self.seed}-branch-{index}")
            unit = desk.org.create_branch(
                BranchInput(
                    branch_name(index),
                    upper_org=COMMITTEE_NAME,
                    elected_on=date(self.today.year - 1, 3, 18),
                    groups=GROUPS,
                    parent_id=committee.id,
                )
            ).value
            self.roster(unit.id, size, rng)
            self.officers(unit.id, rng)
            self.candidates(unit.id, rng)
            for year in range(self.first_year, self.today.year + 1):
                self.meetings(unit.id, year, rng)
                self.dues(unit.id, year, rng)
            self.progress(f"branch {index + 1}/{self.branches}")
        return self.counts

    def roster(self, unit_id: int, size: int, rng: random.Random) -> None:
        """Add ``size`` members in one transaction; a few transfer in, out, or die on the way."""
        start = date(self.first_year, 1, 1)
        db = self.desk.db
        with db.session() as s:
            groups = group_ids_by_name(s, unit_id)
            for i in range(size):
                data = normalise_member(_member(rng, self.used, self.today, i))
                row = Member(unit_id=unit_id, created_at=db.now())
                write_fields(row, data, groups)
                row.roster_status = RosterStatus.ACTIVE.value
                row.updated_at = db.now()
                s.add(row)
                s.flush()
                joined = data.joined_on or start
                changes = [(StatusChangeKind.REGISTERED, joined, "", "")]
                roll = rng.random()
                if roll < 0.06 and data.party_status is PartyStatus.FULL:
                    arrived = max(_day(rng, start, self.today - timedelta(days=60)), joined)
                    changes = [
                        (StatusChangeKind.TRANSFER_IN, arrived, "中共城南区财政局机关党支部", "")
                    ]
                if 0.06 <= roll < 0.11 and data.party_status is PartyStatus.FULL:
                    left = max(_day(rng, start, self.today - timedelta(days=10)), joined)
                    number = f"城建组转〔{left.year}〕{rng.randint(1, 60)}号"
                    changes.append(
                        (StatusChangeKind.TRANSFER_OUT, left, "中共城南区教育局机关党支部", number)
                    )
                elif roll > 0.985 and data.category is MemberCategory.RETIRED:
                    died = max(_day(rng, start, self.today - timedelta(days=10)), joined)
                    changes.append((StatusChangeKind.DECEASE, died, "", ""))
                for kind, day, place, letter in changes:
                    s.add(
                        MemberStatusChange(
                            member_id=row.id,
                            kind=kind.value,
                            effective_on=day,
                            place=place,
                            letter_no=letter,
                            note="",
                            created_at=db.now(),
                        )
                    )
                row.roster_status = changes[-1][0].resulting_status.value
                self.counts.members += 1

    def officers(self, unit_id: int, rng: random.Random) -> None:
        """Committees elected every three years since before the first year."""
        active = [
            m
            for m in self.desk.roster.list(unit_id)
            if m.category is MemberCategory.EMPLOYED and m.party_status is PartyStatus.FULL
        ]
        roles = (
            OfficerRole.SECRETARY,
            OfficerRole.DEPUTY_SECRETARY,
            OfficerRole.ORGANIZATION,
            OfficerRole.PROPAGANDA,
            OfficerRole.DISCIPLINE,
        )
        items: list[OfficerInput] = []
        elected = date(self.today.year - 1, 3, 18)
        terms = [elected]
        while terms[-1] > date(self.first_year, 1, 1):
            terms.append(add_years(terms[-1], -3))
        for number, term_start in enumerate(sorted(terms)):
            term_end = add_years(term_start, 3) - timedelta(days=1)
            people = rng.sample(active, min(len(active), len(roles)))
            items += [
                OfficerInput(role, m.name, m.id, term_start, term_end)
                for role, m in zip(roles, people, strict=False)
            ]
            if number == len(terms) - 1:
                by_group = {}
                for m in active:
                    by_group.setdefault(m.group, m)
                items += [
                    OfficerInput(OfficerRole.GROUP_LEADER, m.name, m.id, term_start, term_end)
                    for _, m in sorted(by_group.items())
                ]
        self.desk.org.set_officers(unit_id, items)

    # ---- development -----------------------------------------------------------------------

    def candidates(self, unit_id: int, rng: random.Random) -> None:
        """One candidate at each stage, from a fresh application to a completed 转正."""
        desk = self.desk
        demo = _Demo(desk, unit_id, rng, self.seed)
        demo.today = self.today
        if len(demo.full) < 4:
            return
        today = self.today
        for stage in range(6):
            gender = Gender.MALE if rng.random() < 0.5 else Gender.FEMALE
            born = _day(rng, date(1995, 1, 1), date(2003, 1, 1))
            name, number = _person(rng, self.used, born, gender)
            data = CandidateInput(
                name,
                gender,
                born,
                number,
                "汉族",
                rng.choice(EDUCATION[:4]),
                MemberCategory.EMPLOYED,
                f"1{rng.choice('3578')}{rng.randrange(10**8, 10**9)}",
                "局机关科员",
                demo.groups[stage % len(demo.groups)],
            )
            cid = desk.development.add(unit_id, data).value.id
            self.counts.candidates += 1
            if stage == 0:
                demo.step(cid, Step.APPLICATION, today - timedelta(days=rng.randint(5, 25)))
            elif stage == 1:
                demo.early(cid, add_months(today, -rng.randint(3, 6)))
            elif stage == 2:
                activist = demo.early(cid, add_months(today, -14), activist=add_months(today, -10))
                demo.records(cid, activist, today)
            elif stage == 3:
                activist = demo.early(cid, add_months(today, -24), activist=add_months(today, -20))
                demo.records(cid, activist, today)
                target = add_months(activist, 13)
                demo.step(cid, Step.TARGET, target)
                demo.step(cid, Step.TARGET_FILED, target + timedelta(days=5))
            elif stage == 4:
                admitted = add_months(today, -6)
                activist = demo.early(
                    cid, add_months(admitted, -27), activist=add_months(admitted, -23)
                )
                demo.records(cid, activist, admitted)
                demo.through_admission(
                    cid, name, add_years(activist, 1) + timedelta(days=25), admitted
                )
                approver = {"approver": COMMITTEE_NAME, "approver_kind": "党委"}
                demo.step(cid, Step.UPPER_TALK, admitted + timedelta(days=15))
                demo.step(cid, Step.APPROVAL, admitted + timedelta(days=40), approver)
                demo.step(cid, Step.APPROVAL_FILED, admitted + timedelta(days=50))
                demo.step(cid, Step.OATH, admitted + timedelta(days=60))
                demo.records(cid, admitted, today)
            else:
                admitted = add_months(today, -rng.randint(16, 40))
                activist = demo.early(
                    cid, add_months(admitted, -28), activist=add_months(admitted, -24)
                )
                demo.records(cid, activist, admitted)
                demo.through_admission(
                    cid, name, add_years(activist, 1) + timedelta(days=30), admitted
                )
                _probation(demo, cid, name, admitted)

    # ---- meetings --------------------------------------------------------------------------

    def meetings(self, unit_id: int, year: int, rng: random.Random) -> None:
        """A year of 三会一课 and the rest, written in one transaction."""
        desk = self.desk
        officers = desk.org.officers(unit_id)
        groups = desk.org.groups(unit_id)
        db = desk.db
        with db.session() as s:
            facts = load_facts(s, unit_id)
            plan = _year_plan(rng, year, groups, officers, facts)
            for data in plan:
                if data.day > self.today:
                    continue
                if data.attendance is None:
                    data = _with_attendance(rng, data, facts, officers)
                stored_events.insert(s, unit_id, data, db.now(), expected=tuple)
                self.counts.events += 1
                self.counts.attendance += len(data.attendance or ())

    # ---- dues ------------------------------------------------------------------------------

    def dues(self, unit_id: int, year: int, rng: random.Random) -> None:
        """Assess everyone owing in the year, collect quarterly, leave a few in arrears."""
        desk = self.desk
        current = month_index(self.today)
        first, last = year * 12, min(year * 12 + 11, current)
        with desk.db.session() as s:
            facts = load_facts(s, unit_id)
            matrix = build_matrix(s, facts, first, last, current)
            query = select(Member.id, Member.category).where(Member.unit_id == unit_id)
            categories = {mid: category for mid, category in s.execute(query)}
        owing = [f for f in facts if any(c.owed for c in matrix.member_cells(f.member_id))]
        items = []
        for f in owing:
            category = MemberCategory(categories[f.member_id])
            data = _assessment(rng, _Like(category), year)
            if rng.random() < 0.01 and category is MemberCategory.RETIRED:
                data = AssessmentInput(
                    data.category,
                    base_fen=data.base_fen,
                    reduction=Reduction.EXEMPT,
                    approval_ref=f"城建党〔{year}〕{rng.randint(2, 30)}号",
                )
            items.append((f.member_id, data))
        desk.dues.assess_many(year, items)
        self.counts.assessments += len(items)
        with desk.db.session() as s:
            matrix = build_matrix(s, facts, first, last, current)
        late = {
            f.member_id: rng.randint(3, 7)
            for f in owing
            if year == self.today.year and rng.random() < 0.03
        }
        collector = next(
            (o.person_name for o in desk.org.officers(unit_id) if o.role.value == "组织委员"), ""
        )
        for quarter in range(4):
            start = year * 12 + quarter * 3
            if start > current:
                break
            payments = []
            for f in owing:
                stop = current - late.get(f.member_id, 0) if f.member_id in late else current
                cells = [
                    c
                    for c in matrix.member_cells(f.member_id)
                    if start <= c.index < start + 3
                    and c.index <= stop
                    and c.owed
                    and c.due_fen
                    and not c.exempt
                ]
                if not cells or cells[-1].index - cells[0].index + 1 != len(cells):
                    continue
                paid_on = min(month_start(start).replace(day=rng.randint(5, 12)), self.today)
                if month_index(paid_on) < cells[0].index:
                    paid_on = month_start(cells[0].index)
                amount = sum(c.due_fen or 0 for c in cells)
                if rng.random() < 0.02:
                    amount += rng.choice((1000, 5000, 10000))  # a voluntary extra
                payments.append(
                    (
                        f.member_id,
                        PaymentInput(
                            month_start(cells[0].index),
                            month_start(cells[-1].index),
                            amount,
                            paid_on,
                            method=rng.choice(("现金", "微信", "银行转账")),
                            collector=collector,
                        ),
                    )
                )
                self.counts.payment_months += len(cells)
            if payments:
                desk.dues.pay_many(payments)
                self.counts.payments += len(payments)
            day = date(year, quarter * 3 + 3, 28)
            balance = desk.dues.balance(unit_id)
            if day <= self.today and balance > 0:
                desk.dues.remit(
                    unit_id,
                    RemittanceInput(
                        day,
                        balance,
                        covers=f"{year}年第{'一二三四'[quarter]}季度",
                        receipt_no=f"{year}-{quarter + 1:02d}",
                    ),
                )


@dataclass(frozen=True)
class _Like:
    """What demo_dues._assessment reads of a member."""

    category: MemberCategory


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange(0, max((end - start).days, 1)))


def _at(rng: random.Random, year: int, month: int, first: int, last: int) -> date:
    return date(year, month, rng.randint(first, last))


def _year_plan(rng, year, groups, officers, facts) -> list[EventInput]:  # type: ignore[no-untyped-def]
    """The year's meetings (attendance filled in later from the roll of the day)."""

    def holder(role: OfficerRole, day: date) -> str:
        for o in officers:
            started = o.term_start is None or o.term_start <= day
            if o.role is role and started and (o.term_end is None or day <= o.term_end):
                return o.person_name
        return ""

    plan: list[EventInput] = []
    for month in range(1, 13):
        day = _at(rng, year, month, 3, 8)
        plan.append(
            EventInput(
                EventType.COMMITTEE,
                day,
                title=f"研究{month}月份支部工作",
                start=_t(9),
                end=_t(10, 30),
                place="支部书记办公室",
                chair=holder(OfficerRole.SECRETARY, day),
                recorder=holder(OfficerRole.ORGANIZATION, day),
                agenda=(f"研究{month}月份党建工作安排", "讨论党员教育管理有关事项"),
                resolutions="同意本月工作安排。",
                study_hours=Decimal(1),
            )
        )
        if month % 3:
            day = _at(rng, year, month, 15, 22)
            plan.append(
                EventInput(
                    EventType.THEME_DAY,
                    day,
                    title=rng.choice(THEME_TOPICS),
                    start=_t(14, 30),
                    end=_t(17),
                    place=PLACE,
                    chair=holder(OfficerRole.SECRETARY, day),
                    recorder=holder(OfficerRole.ORGANIZATION, day),
                    agenda=("集中学习", "开展主题实践活动"),
                    study_hours=Decimal(3),
                )
            )
        for index, group in enumerate(groups):
            if rng.random() < 0.03:
                continue  # an occasional gap to find
            day = _at(rng, year, month, 9, 14)
            plan.append(
                EventInput(
                    EventType.GROUP_MEETING,
                    day,
                    group_id=group.id,
                    title="学习讨论",
                    start=_t(15),
                    end=_t(16),
                    place=PLACE,
                    chair=holder(OfficerRole.GROUP_LEADER, day) or f"组长{index + 1}",
                    recorder=holder(OfficerRole.ORGANIZATION, day),
                    agenda=("学习上级文件精神", "交流思想和工作情况"),
                    study_hours=Decimal("1.5"),
                )
            )
        if month % 3 == 0:
            quarter = month // 3 - 1
            day = _at(rng, year, month, 23, 27)
            plan.append(
                EventInput(
                    EventType.BRANCH_ASSEMBLY,
                    day,
                    also=(EventType.THEME_DAY, EventType.PARTY_LECTURE),
                    title=f"{year}年第{'一二三四'[quarter]}季度支部党员大会暨主题党日",
                    start=_t(14, 30),
                    end=_t(17),
                    place=PLACE,
                    chair=holder(OfficerRole.SECRETARY, day),
                    recorder=holder(OfficerRole.ORGANIZATION, day),
                    agenda=("通报本季度支部工作", "研究部署下阶段工作"),
                    lecturer=holder(OfficerRole.SECRETARY, day),
                    lecture_topic=LECTURE_TOPICS[(year * 4 + quarter) % len(LECTURE_TOPICS)],
                    minutes="书记讲专题党课。与会党员结合工作实际交流了学习体会。",
                    resolutions="一致同意下阶段工作安排。",
                    study_hours=Decimal(2),
                )
            )
    for kind, title in (
        (EventType.LIFE_MEETING, f"{year}年度组织生活会"),
        (EventType.EVALUATION, f"{year}年度民主评议党员"),
    ):
        day = _at(rng, year, 12, 27, 30)
        plan.append(
            EventInput(
                kind,
                day,
                title=title,
                start=_t(9),
                end=_t(12),
                place=PLACE,
                chair=holder(OfficerRole.SECRETARY, day),
                recorder=holder(OfficerRole.ORGANIZATION, day),
                agenda=("开展批评和自我批评", "民主测评"),
                study_hours=Decimal(3),
            )
        )
    on_roll = [f for f in facts if f.party_status is PartyStatus.FULL] or facts
    for index in range(2):
        day = _at(rng, year, 7 + index * 3, 10, 20)
        first = holder(OfficerRole.SECRETARY, day) or on_roll[0].name
        second = rng.choice(on_roll)
        plan.append(
            EventInput(
                EventType.HEART_TALK,
                day,
                title=f"{first}与{second.name}谈心谈话",
                place="支部书记办公室",
                chair=first,
                recorder=first,
                attendance=(
                    AttendanceInput(first, AttendanceStatus.PRESENT),
                    AttendanceInput(second.name, AttendanceStatus.PRESENT, second.member_id),
                ),
            )
        )
    return sorted(plan, key=lambda e: e.day)


def _t(hour: int, minute: int = 0):  # type: ignore[no-untyped-def]
    from datetime import time as clock

    return clock(hour, minute)


def _with_attendance(rng, data: EventInput, facts, officers) -> EventInput:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    if data.type is EventType.COMMITTEE:
        seen: dict[str, AttendanceInput] = {}
        for o in officers:
            if o.role is OfficerRole.GROUP_LEADER:
                continue
            if (o.term_start and o.term_start > data.day) or (o.term_end and o.term_end < data.day):
                continue
            seen.setdefault(
                o.person_name,
                AttendanceInput(o.person_name, AttendanceStatus.PRESENT, o.member_id),
            )
        people = list(seen.values())
        absent = 1 if people and rng.random() < 0.2 else 0
    else:
        group = data.group_id if data.type is EventType.GROUP_MEETING else None
        people = [
            AttendanceInput(f.name, AttendanceStatus.PRESENT, f.member_id)
            for f in roll_on(facts, data.day, group)
        ]
        absent = rng.randint(0, max(len(people) // 12, 1))
    chosen = set(rng.sample(range(len(people)), min(absent, max(len(people) - 2, 0))))
    lines = []
    for i, line in enumerate(people):
        if i in chosen:
            why = rng.choice(REASONS) if rng.random() > 0.01 else None
            lines.append(replace(line, status=AttendanceStatus.ABSENT, reason=why))
        else:
            lines.append(line)
    return replace(data, attendance=tuple(lines))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--branches", type=int, default=20)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", type=date.fromisoformat, default=None, help="YYYY-MM-DD")
    parser.add_argument("--data-dir", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.data_dir.exists() and any(args.data_dir.iterdir()):
        print(f"{args.data_dir} is not empty", file=sys.stderr)
        return 2
    today = args.today or date.today()
    paths = AppPaths.resolve(args.data_dir)
    desk = BranchDesk.open(paths, automatic_backups=False)
    desk.db.clock = lambda: datetime.combine(today, datetime.now().time())
    try:
        counts = Generator(desk, args.members, args.branches, args.years, args.seed, today).run()
    finally:
        desk.close()
    print(f"done: {counts.line()}")
    print(f"data dir: {paths.data_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
