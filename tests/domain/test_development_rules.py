from datetime import date

import pytest

from branch_desk.domain.development import (
    CandidateFacts,
    Person,
    RecordKind,
    Stage,
    Step,
    StepRecord,
    derive_stage,
    probation_end,
)
from branch_desk.domain.rules.development import (
    DevSettings,
    check_candidate,
    next_step,
    party_age_start,
)
from branch_desk.domain.workdays import count_workdays

SETTINGS = DevSettings()


def facts(steps: dict[Step, object], birth: date = date(2000, 1, 1), records=()) -> CandidateFacts:
    built = {}
    for step, value in steps.items():
        day, data = value if isinstance(value, tuple) else (value, {})
        built[step] = StepRecord(step, day, data)
    return CandidateFacts(1, "王小明", birth, built, tuple(records))


def rules(
    candidate: CandidateFacts, as_of: date = date(2026, 11, 20), check=None
) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for issue in check_candidate(candidate, SETTINGS, as_of, check or (lambda _p, _d: None)):
        found.setdefault(issue.rule, []).append(issue.message)
    return found


def test_age_eighteen_on_the_day_of_application():
    assert "develop.age" in rules(facts({Step.APPLICATION: date(2017, 12, 31)}))
    assert "develop.age" not in rules(facts({Step.APPLICATION: date(2018, 1, 1)}))


@pytest.mark.parametrize(
    ("applied", "talk", "late"),
    [
        (date(2025, 1, 31), date(2025, 2, 28), False),  # one calendar month from 31 Jan is 28 Feb
        (date(2025, 1, 31), date(2025, 3, 1), True),
        (date(2024, 1, 31), date(2024, 2, 29), False),  # leap year
        (date(2025, 3, 15), date(2025, 4, 15), False),
        (date(2025, 3, 15), date(2025, 4, 16), True),
    ],
)
def test_talk_within_one_calendar_month(applied: date, talk: date, late: bool):
    found = rules(facts({Step.APPLICATION: applied, Step.TALK: talk}))
    assert ("develop.talk_deadline" in found) is late


def test_activist_gap_and_a_year_before_target():
    early = facts(
        {
            Step.APPLICATION: date(2024, 1, 10),
            Step.TALK: date(2024, 1, 20),
            Step.ACTIVIST: date(2024, 4, 9),
        }
    )
    assert "develop.activist_gap" in rules(early)
    ok = facts(
        {
            Step.APPLICATION: date(2024, 1, 10),
            Step.TALK: date(2024, 1, 20),
            Step.ACTIVIST: date(2024, 4, 10),
        }
    )
    assert "develop.activist_gap" not in rules(ok)
    target = facts({Step.ACTIVIST: date(2024, 4, 10), Step.TARGET: date(2025, 4, 9)})
    assert any("最早 2025-04-10" in m for m in rules(target)["develop.activist_year"])


def test_every_step_date_follows_the_previous():
    found = rules(facts({Step.APPLICATION: date(2024, 3, 1), Step.TALK: date(2024, 2, 20)}))
    assert "早于上一步“递交入党申请书”的日期 2024-03-01" in found["develop.order"][0]


def test_sponsors_must_be_two_full_members_not_under_discipline():
    def check(person: Person, _day: date) -> str | None:
        return "正受留党察看处分" if person.name == "李四" else None

    one = facts({Step.SPONSORS: (date(2025, 5, 1), {"people": [{"name": "张三"}]})})
    assert any("实际1名" in m for m in rules(one)["develop.sponsors"])
    two = facts(
        {Step.SPONSORS: (date(2025, 5, 1), {"people": [{"name": "张三"}, {"name": "李四"}]})}
    )
    assert rules(two, check=check)["develop.sponsors"] == ["入党介绍人李四正受留党察看处分"]


def admitted_steps(**changes) -> dict[Step, object]:
    steps: dict[Step, object] = {
        Step.APPLICATION: date(2023, 1, 5),
        Step.TALK: date(2023, 1, 20),
        Step.ACTIVIST: date(2023, 4, 10),
        Step.TARGET: date(2024, 4, 20),
        Step.REVIEW: (date(2024, 6, 1), {"conclusion": "合格"}),
        Step.TRAINING: (date(2024, 6, 10), {"days": 3, "hours": 24}),
        Step.PRE_REVIEW: (date(2024, 9, 1), {"result": "同意"}),
        Step.PUBLICITY: (date(2024, 9, 2), {"end": "2024-09-06"}),
        Step.ADMISSION: (date(2024, 9, 20), {"method": "无记名投票", "passed": True}),
    }
    steps.update(changes)
    return steps


def test_publicity_counts_official_working_days_over_national_day():
    # 2024: 29 Sep (Sunday) and 12 Oct (Saturday) were 调休 working days; 1–7 Oct holidays.
    assert count_workdays(date(2024, 9, 27), date(2024, 10, 8)).days == 4
    short = facts(admitted_steps(**{Step.PUBLICITY: (date(2024, 9, 27), {"end": "2024-10-08"})}))
    assert "共4个工作日，不足5个工作日" in rules(short)["develop.publicity"][0]
    enough = facts(admitted_steps(**{Step.PUBLICITY: (date(2024, 9, 27), {"end": "2024-10-09"})}))
    assert "develop.publicity" not in rules(enough)


def test_publicity_in_a_year_without_official_calendar_says_so():
    future = facts({Step.PUBLICITY: (date(2027, 1, 4), {"end": "2027-01-07"})})
    message = rules(future, as_of=date(2027, 2, 1))["develop.publicity"][0]
    assert "2027年的法定节假日尚未收录，暂按周一至周五计算" in message


def test_review_training_and_pre_review_before_admission():
    missing = admitted_steps()
    del missing[Step.TRAINING]
    missing[Step.REVIEW] = (date(2023, 9, 1), {"conclusion": "合格"})
    found = rules(facts(missing))
    assert "develop.training" in found
    assert "已超过12个月有效期" in found["develop.review_expired"][0]
    short = admitted_steps(**{Step.TRAINING: (date(2024, 6, 10), {"days": 2, "hours": 16})})
    assert "不足3天或24学时" in rules(facts(short))["develop.training"][0]
    hours_enough = admitted_steps(**{Step.TRAINING: (date(2024, 6, 10), {"days": 2, "hours": 24})})
    assert "develop.training" not in rules(facts(hours_enough))


@pytest.mark.parametrize(
    ("approved", "severity"),
    [
        (date(2024, 12, 20), None),
        (date(2024, 12, 21), "warning"),
        (date(2025, 3, 20), "warning"),
        (date(2025, 3, 21), "error"),
    ],
)
def test_approval_within_three_months_at_most_six(approved: date, severity: str | None):
    candidate = facts(admitted_steps(**{Step.APPROVAL: approved}))
    issues = [
        i
        for i in check_candidate(candidate, SETTINGS, date(2025, 4, 1), lambda _p, _d: None)
        if i.rule == "develop.approval_deadline"
    ]
    assert [i.severity.value for i in issues] == ([severity] if severity else [])


def test_general_branch_cannot_approve():
    candidate = facts(
        admitted_steps(**{Step.APPROVAL: (date(2024, 10, 10), {"approver_kind": "党总支"})})
    )
    assert "develop.approver" in rules(candidate)


def test_probation_is_one_year_ending_the_day_before_the_anniversary():
    assert probation_end(date(2024, 6, 15)) == date(2025, 6, 14)
    assert probation_end(date(2024, 2, 29)) == date(2025, 2, 27)  # 29 Feb → 28 Feb anniversary
    assert probation_end(date(2023, 3, 1)) == date(2024, 2, 29)
    assert probation_end(date(2024, 6, 15), 6) == date(2025, 12, 14)


def test_full_vote_not_before_probation_end_and_promptly():
    base = admitted_steps(
        **{
            Step.ADMISSION: (date(2024, 6, 15), {"method": "无记名投票", "passed": True}),
            Step.APPROVAL: date(2024, 7, 1),
        }
    )
    early = facts(
        {
            **base,
            Step.FULL_VOTE: (date(2025, 6, 14), {"outcome": "同意转正", "method": "无记名投票"}),
        }
    )
    assert "develop.full_vote_early" in rules(early)
    on_time = facts(
        {
            **base,
            Step.FULL_VOTE: (date(2025, 6, 15), {"outcome": "同意转正", "method": "无记名投票"}),
            Step.FULL_APPROVAL: date(2025, 7, 1),
        }
    )
    found = rules(on_time)
    assert "develop.full_vote_early" not in found and "develop.full_vote_late" not in found
    assert party_age_start(on_time) == date(2025, 6, 15)
    overdue = facts(base)
    assert "develop.full_vote_late" in rules(overdue, as_of=date(2025, 8, 1))


def test_extension_once_six_to_twelve_months_after_probation_ends():
    base = admitted_steps(
        **{
            Step.ADMISSION: (date(2024, 6, 15), {"method": "无记名投票", "passed": True}),
            Step.APPROVAL: date(2024, 7, 1),
        }
    )
    extended = facts(
        {
            **base,
            Step.EXTENSION: (date(2025, 6, 20), {"months": 6}),
            Step.FULL_VOTE: (date(2025, 12, 15), {"outcome": "同意转正", "method": "无记名投票"}),
            Step.FULL_APPROVAL: date(2026, 1, 5),
        }
    )
    found = rules(extended)
    assert "develop.extension" not in found and "develop.full_vote_early" not in found
    assert party_age_start(extended) == date(2025, 12, 15)
    too_long = facts({**base, Step.EXTENSION: (date(2025, 6, 20), {"months": 18})})
    assert "实际18个月" in rules(too_long)["develop.extension"][0]
    too_early = facts({**base, Step.EXTENSION: (date(2025, 6, 1), {"months": 6})})
    assert "届满前不得作出延长决定" in rules(too_early)["develop.extension"][0]


def test_stage_follows_the_steps():
    assert derive_stage(facts({Step.APPLICATION: date(2024, 1, 1)})) is Stage.APPLICANT
    assert derive_stage(facts({Step.ACTIVIST: date(2024, 5, 1)})) is Stage.ACTIVIST
    assert derive_stage(facts({Step.TARGET: date(2025, 5, 1)})) is Stage.TARGET
    assert derive_stage(facts({Step.APPROVAL: date(2025, 9, 1)})) is Stage.PROBATIONARY
    full = facts(
        {
            Step.APPROVAL: date(2025, 9, 1),
            Step.FULL_VOTE: (date(2026, 9, 1), {"outcome": "同意转正"}),
            Step.FULL_APPROVAL: date(2026, 9, 20),
        }
    )
    assert derive_stage(full) is Stage.FULL
    cancelled = facts(
        {
            Step.APPROVAL: date(2025, 9, 1),
            Step.FULL_VOTE: (date(2026, 9, 1), {"outcome": "取消预备党员资格"}),
        }
    )
    assert derive_stage(cancelled) is Stage.CANCELLED


def test_next_step_with_its_window():
    applied = facts({Step.APPLICATION: date(2025, 1, 31)})
    nxt = next_step(applied, SETTINGS)
    assert (nxt.step, nxt.earliest, nxt.latest) == (Step.TALK, date(2025, 1, 31), date(2025, 2, 28))
    activist = facts(
        {
            Step.APPLICATION: date(2024, 1, 5),
            Step.TALK: date(2024, 1, 10),
            Step.ACTIVIST: date(2024, 3, 12),
            Step.ACTIVIST_FILED: date(2024, 3, 20),
            Step.MENTORS: date(2024, 3, 20),
        }
    )
    nxt = next_step(activist, SETTINGS)
    assert nxt.step is Step.TARGET and nxt.earliest == date(2025, 3, 12)
    assert nxt.describe() == "下一步：确定发展对象，最早 2025-03-12（培养考察满一年后）"


def test_thought_reports_are_due_quarterly():
    candidate = facts(
        {Step.ACTIVIST: date(2025, 1, 10)},
        records=[
            (RecordKind.THOUGHT_REPORT, date(2025, 4, 1)),
            (RecordKind.ASSESSMENT, date(2025, 7, 1)),
        ],
    )
    found = rules(candidate, as_of=date(2025, 7, 15))
    assert "应于 2025-07-01 前完成" in found["develop.thought_report"][0]
    assert "develop.assessment" not in found
