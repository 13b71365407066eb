"""The rule catalogue: for every ``RuleId``, what it checks, where it comes from, its settings
and the function that checks it. docs/rules.md is generated from here (``rules.doc``).

To add a rule: add its id to ``ids.RuleId``, write the check in its area's module (a pure
function over records), add its settings (if any) to ``settings.SETTINGS``, add a ``RuleSpec``
below, and regenerate docs/rules.md (``python -m branch_desk.domain.rules.doc``).
"""

from __future__ import annotations

from . import (
    archive,
    dues,
    frequency,
    meetings,
    structure,
    study,
    votes,
)
from .catalogue_development import DEVELOPMENT_RULES
from .ids import Area, RuleId
from .rule_spec import (
    CONSTITUTION,
    DUES_RULES,
    ELECTIONS,
    INFO,
    LOCAL,
    OURS,
    TIAOLI,
    XIZE,
    E,
    RuleSpec,
    W,
)


def _frequency(rule: RuleId, source: str, what: str) -> RuleSpec:
    text = (
        f"Counts the {what} held in each period of the year; a past period short of the "
        "minimum is an error, the open period an information with its deadline."
    )
    name = frequency.FREQUENCY_BY_RULE[rule].event_type.value
    keys = (f"{rule.value}.period", f"{rule.value}.minimum")
    return RuleSpec(
        rule, Area.MEETINGS, E, source, f"{name}召开次数", text, frequency.frequency_findings, keys
    )


_MEETINGS = (
    _frequency(RuleId.FREQ_BRANCH_ASSEMBLY, f"{TIAOLI}第十一条", "支部党员大会"),
    _frequency(RuleId.FREQ_COMMITTEE, f"{TIAOLI}第十二条", "支部委员会会议"),
    _frequency(RuleId.FREQ_GROUP_MEETING, f"{TIAOLI}第十三条", "党小组会 (per 党小组)"),
    _frequency(RuleId.FREQ_PARTY_LECTURE, LOCAL, "党课"),
    _frequency(RuleId.FREQ_THEME_DAY, f"{TIAOLI}（主题党日）", "主题党日"),
    _frequency(RuleId.FREQ_LIFE_MEETING, f"{TIAOLI}（组织生活会）", "组织生活会"),
    _frequency(RuleId.FREQ_EVALUATION, f"{TIAOLI}（民主评议党员）", "民主评议党员"),
    _frequency(RuleId.FREQ_HEART_TALK, f"{TIAOLI}（谈心谈话）", "谈心谈话"),
    RuleSpec(
        RuleId.RECORD_ABSENCE_REASON,
        Area.MEETINGS,
        E,
        f"{TIAOLI}（会议记录）",
        "缺席原因",
        "Every absentee of a meeting record has a reason.",
        meetings.record_issues,
    ),
    RuleSpec(
        RuleId.RECORD_RECORDER,
        Area.MEETINGS,
        E,
        OURS,
        "记录人",
        "A record names its 记录人 (an error for 三会一课 and the yearly meetings, "
        "a warning for other activities).",
        meetings.record_issues,
    ),
    RuleSpec(
        RuleId.RECORD_CHAIR,
        Area.MEETINGS,
        E,
        OURS,
        "主持人",
        "A record names its 主持人 (error or warning as for the recorder).",
        meetings.record_issues,
    ),
    RuleSpec(
        RuleId.RECORD_CHAIR_DELEGATION,
        Area.MEETINGS,
        W,
        TIAOLI,
        "委托主持",
        "A 党员大会 or 支委会 chaired by someone other than a serving 书记 notes the delegation.",
        meetings.record_issues,
    ),
    RuleSpec(
        RuleId.RECORD_LECTURE,
        Area.MEETINGS,
        E,
        OURS,
        "党课授课人与主题",
        "A 党课 names its lecturer and topic.",
        meetings.record_issues,
    ),
    RuleSpec(
        RuleId.RECORD_TIME,
        Area.MEETINGS,
        W,
        OURS,
        "起止时间",
        "A formal meeting's record has a start and an end time.",
        meetings.record_issues,
    ),
    RuleSpec(
        RuleId.RECORD_VOTE_RESOLUTION,
        Area.MEETINGS,
        E,
        OURS,
        "决议",
        "A meeting that voted records its resolutions.",
        meetings.record_issues,
    ),
)

_VOTES = (
    RuleSpec(
        RuleId.RECORD_SECRET_BALLOT,
        Area.VOTES,
        E,
        XIZE,
        "无记名投票",
        "Votes on admitting a 预备党员 or on 转正 are secret ballots.",
        votes.vote_issues,
    ),
    RuleSpec(
        RuleId.QUORUM,
        Area.VOTES,
        E,
        f"{TIAOLI}；{XIZE}；{ELECTIONS}",
        "法定人数",
        "A 党员大会 vote needs more than half of E (voting full members) present, an "
        "election four fifths; a 支委会 more than half of its members (counted in "
        "meetings.record_issues). The verdict itself comes from votes.assess_assembly_vote "
        "and votes.assess_committee_vote.",
        votes.vote_issues,
    ),
    RuleSpec(
        RuleId.VOTE_FAILED,
        Area.VOTES,
        INFO,
        TIAOLI,
        "表决未通过",
        "A quorate vote whose yes votes (with written opinions for admission and 转正) "
        "are not more than half of E is reported as not passed.",
        votes.vote_issues,
    ),
)

_STRUCTURE = (
    RuleSpec(
        RuleId.STRUCT_MIN_MEMBERS,
        Area.STRUCTURE,
        E,
        f"{TIAOLI}（党支部设置）",
        "正式党员人数",
        f"A 党支部 has at least {structure.MIN_FULL_MEMBERS} full members.",
        structure.structure_findings,
    ),
    RuleSpec(
        RuleId.STRUCT_SIZE,
        Area.STRUCTURE,
        W,
        f"{TIAOLI}（党支部设置）",
        "党支部规模",
        f"A 党支部 normally has no more than {structure.MAX_MEMBERS} members.",
        structure.structure_findings,
    ),
    RuleSpec(
        RuleId.STRUCT_COMMITTEE,
        Area.STRUCTURE,
        W,
        f"{TIAOLI}（支部委员会）",
        "支部委员会",
        f"With {structure.COMMITTEE_THRESHOLD} or more full members a branch elects a "
        "committee of 3 to 5.",
        structure.structure_findings,
    ),
    RuleSpec(
        RuleId.STRUCT_TERM,
        Area.STRUCTURE,
        E,
        f"{TIAOLI}；{ELECTIONS}",
        "按期换届",
        "The committee is re-elected when its term (3 years, 村/社区 5) ends; the last "
        "day of a term is structure.term_end.",
        structure.structure_findings,
    ),
)

_STUDY = (
    RuleSpec(
        RuleId.STUDY_HOURS,
        Area.STUDY,
        W,
        LOCAL,
        "学习学时",
        "Members on the roll all year reach the yearly 学时 (officers more); during the "
        "year one information, after it one warning per member.",
        study.study_findings,
        ("study.hours.member", "study.hours.officer"),
    ),
)

_DUES = (
    RuleSpec(
        RuleId.DUES_ARREARS_WARN,
        Area.DUES,
        W,
        OURS,
        "连续未交党费提醒",
        "A member with an unbroken run of unpaid months reaching the reminder threshold is named.",
        dues.arrears_findings,
        ("dues.arrears_warn", "dues.arrears_flag"),
    ),
    RuleSpec(
        RuleId.DUES_ARREARS_FLAG,
        Area.DUES,
        E,
        f"{CONSTITUTION}第九条",
        "连续六个月未交党费",
        "Six months unpaid without good reason is treated as leaving the Party "
        "(自行脱党); the branch must act.",
        dues.arrears_findings,
        ("dues.arrears_flag",),
    ),
    RuleSpec(
        RuleId.DUES_UNASSESSED,
        Area.DUES,
        W,
        DUES_RULES,
        "党费基数核定",
        "Every member owing dues in a year has an assessed base for it: one finding per branch "
        "and year naming them, raised once the usual assessment month has passed (error for "
        "a past year).",
        dues.unassessed_finding,
        ("dues.assessment_month",),
    ),
)

_ARCHIVE_SOURCE = f"{TIAOLI}；{OURS}（台账分类）"
_ARCHIVE = (
    RuleSpec(
        RuleId.ARCHIVE_BASIC,
        Area.ARCHIVE,
        W,
        _ARCHIVE_SOURCE,
        "支部基本情况",
        "The archive records the last election, a current term, the committee and a 书记.",
        archive.basic_gaps,
    ),
    RuleSpec(
        RuleId.ARCHIVE_MEETINGS,
        Area.ARCHIVE,
        W,
        _ARCHIVE_SOURCE,
        "会议缺项",
        "Periods short of meetings (the frequency rules) are listed under their category.",
        archive.meeting_gaps,
    ),
    RuleSpec(
        RuleId.ARCHIVE_LECTURE_SCRIPT,
        Area.ARCHIVE,
        W,
        _ARCHIVE_SOURCE,
        "党课讲稿",
        "Every 党课 held has its lecture script attached.",
        archive.lecture_gap,
    ),
    RuleSpec(
        RuleId.ARCHIVE_ROSTER,
        Area.ARCHIVE,
        W,
        _ARCHIVE_SOURCE,
        "党员名册",
        "The roster lists at least one member on the roll.",
        archive.roster_gaps,
    ),
    RuleSpec(
        RuleId.ARCHIVE_DOSSIER,
        Area.ARCHIVE,
        W,
        XIZE,
        "发展党员档案",
        "Each recorded development step has its documents in the person's dossier.",
        archive.dossier_gap,
    ),
    RuleSpec(
        RuleId.ARCHIVE_DUES,
        Area.ARCHIVE,
        W,
        DUES_RULES,
        "党费台账",
        "The year has an assessment (核定) and at least one payment.",
        archive.dues_gaps,
    ),
    RuleSpec(
        RuleId.ARCHIVE_STUDY,
        Area.ARCHIVE,
        W,
        LOCAL,
        "学习学时",
        "The study-hours findings of the year are listed in the archive.",
        study.study_findings,
        ("study.hours.member", "study.hours.officer"),
    ),
    RuleSpec(
        RuleId.ARCHIVE_SUMMARY,
        Area.ARCHIVE,
        W,
        OURS,
        "年度总结",
        "The year's 党建工作总结 is part of the archive.",
        archive.summary_gaps,
    ),
)

CATALOGUE: dict[RuleId, RuleSpec] = {
    spec.id: spec
    for spec in (*_MEETINGS, *_VOTES, *_STRUCTURE, *_STUDY, *_DUES, *DEVELOPMENT_RULES, *_ARCHIVE)
}


def spec_of(rule: str) -> RuleSpec | None:
    """Return the catalogue entry of a rule id (None for an unknown id)."""
    try:
        return CATALOGUE[RuleId(rule)]
    except ValueError:
        return None


def area_of(rule: str) -> Area | None:
    """Return the area a rule id belongs to (None for an unknown id)."""
    spec = spec_of(rule)
    return spec.area if spec else None
