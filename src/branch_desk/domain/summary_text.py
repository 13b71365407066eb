"""The sentences of the year-end summary that state figures (always recomputed, never edited)."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .money import yuan
from .summary import SummaryFigures, fill_in
from .year_snapshot import NOT_RECORDED

CATEGORY_WORDS = {
    "在职": "在职党员",
    "离退休": "离退休党员",
    "学生": "学生党员",
    "农民": "农民党员",
}
# how each kind of meeting is "held" in a sentence
VERBS = {"党课": "讲授", "主题党日": "开展", "谈心谈话": "开展", "民主评议党员": "开展"}
NOUNS = {"支部委员会": "支部委员会会议"}


WAN = 100_000_00  # from 10万元 up, sums are written in 万元


def money(fen: int) -> str:
    """Write a sum the way running text does: 43033.84元, 12.50万元; no thousands separators."""
    if abs(fen) >= WAN:
        wan = (Decimal(fen) / 1_000_000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return f"{wan}万元"
    return f"{yuan(fen)}元"


def counts(pairs: tuple[tuple[str, int], ...], unit: str = "名", words: dict | None = None) -> str:
    """Join label–count pairs with 、, leaving out zeros: 男党员30名、女党员26名."""
    words = words or {}
    return "、".join(f"{words.get(k, k)}{n}{unit}" for k, n in pairs if n)


def md(day: date, year: int) -> str:
    """Write a date the Chinese way, leaving out the year when it is the report's year."""
    head = "" if day.year == year else f"{day.year}年"
    return f"{head}{day.month}月{day.day}日"


def full_date(day: date) -> str:
    """Write 2026年6月5日 (no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"


def listing(names: list[str] | tuple[str, ...], limit: int = 8) -> str:
    """Join names with 、, shortening a long list to the first few and 等."""
    if len(names) <= limit:
        return "、".join(names)
    return "、".join(names[:limit]) + "等"


def as_of_phrase(f: SummaryFigures) -> str:
    """Return '截至11月20日，' while the year is under way, '全年' words otherwise."""
    if f.day >= date(f.year, 12, 31):
        return "全年"
    return f"截至{md(f.day, f.year)}，"


def who(f: SummaryFigures) -> str:
    """Return how the unit calls itself: 本支部, 本总支 or 本党委."""
    return {"党总支": "本总支", "党委": "本党委"}.get(f.unit_kind, "本支部")


def meeting_noun(kind: str) -> str:
    return NOUNS.get(kind, kind)


def meeting_verb(kind: str) -> str:
    return VERBS.get(kind, "召开")


# ---- 一、基本情况 ------------------------------------------------------------------------------


def organisation(f: SummaryFigures) -> str:
    """Where the unit belongs, its branches and 党小组."""
    head = f"{f.unit_name}隶属于{f.upper_org}，" if f.upper_org else f"{f.unit_name}"
    if f.is_aggregate:
        names = listing([b.unit_name for b in f.branches])
        groups = sum(len(b.groups) for b in f.branches) + len(f.groups)
        return f"{head}下设党支部{len(f.branches)}个（{names}），共有党小组{groups}个。"
    if not f.groups:
        return f"{head}未划分党小组。"
    parts = [
        f"{g.name}党员{g.members}名" + (f"，组长{g.leader}" if g.leader else "") for g in f.groups
    ]
    return f"{head}下设党小组{len(f.groups)}个：{'；'.join(parts)}。"


def committee(f: SummaryFigures) -> str:
    """The committee, when it was elected and when its term ends."""
    body = "总支委员会" if f.unit_kind == "党总支" else "支部委员会"
    if not f.committee:
        return f"{body}组成情况：{fill_in('书记、委员姓名及分工')}。"
    seats = "，".join(f"{s.role}{s.name}" for s in f.committee)
    if f.elected_on is None:
        when = f"{body}（{fill_in('上次换届选举时间')}选举产生）"
    else:
        when = f"{body}于{full_date(f.elected_on)}换届选举产生"
    term = f"，本届任期至{full_date(f.term_ends)}" if f.term_ends else ""
    return f"{when}，由{len(f.committee)}人组成：{seats}{term}。"


GENDER_WORDS = {"男": "男党员", "女": "女党员"}
STAGE_WORDS = {"申请人": "入党申请人", "积极分子": "入党积极分子"}


def _ethnicity(pairs: tuple[tuple[str, int], ...]) -> str:
    han = dict(pairs).get("汉族", 0)
    others = [(k, n) for k, n in pairs if k not in ("汉族", NOT_RECORDED) and n]
    unknown = dict(pairs).get(NOT_RECORDED, 0)
    parts = [f"汉族{han}名"] if han else []
    if others:
        parts.append(f"少数民族{sum(n for _, n in others)}名（{counts(tuple(others))}）")
    if unknown:
        parts.append(f"未登记民族{unknown}名")
    return "、".join(parts)


def membership(f: SummaryFigures) -> str:
    """Members by 正式/预备 and their structure by category, gender, ethnicity, age, education."""
    m = f.snapshot.members
    text = (
        f"截至{full_date(f.day)}，{who(f)}共有党员{m.total}名，"
        f"其中正式党员{m.full}名、预备党员{m.probationary}名。"
    )
    if not m.total:
        return text
    parts = [
        ("人员类别", counts(m.by_category, words=CATEGORY_WORDS)),
        ("性别", counts(m.by_gender, words=GENDER_WORDS)),
        ("民族", _ethnicity(m.by_ethnicity)),
        ("年龄", counts(m.by_age)),
        ("学历", counts(m.by_education, words={NOT_RECORDED: "学历未登记"})),
    ]
    said = "；".join(f"按{label}分，{words}" for label, words in parts if words)
    return text + (f"党员队伍结构：{said}。" if said else "")


def changes(f: SummaryFigures) -> str:
    """This year's admissions, 转正, transfers, departures, and the pipeline on the day."""
    m, d = f.snapshot.members, f.snapshot.development
    parts = [
        f"接收预备党员{m.joined}名" if m.joined else "未接收预备党员",
        f"预备党员转为正式党员{m.made_full}名" if m.made_full else "无预备党员转正",
    ]
    if m.transferred_in or m.transferred_out:
        parts.append(f"转入党员{m.transferred_in}名、转出党员{m.transferred_out}名")
    else:
        parts.append("无组织关系转入转出")
    if m.other_departures:
        parts.append(f"因去世、出党等减少党员{m.other_departures}名")
    stages = counts(d.stages, words=STAGE_WORDS)
    pipeline = f"现有{stages}。" if stages else "现无入党申请人、入党积极分子和发展对象。"
    return f"{f.year}年，{who(f)}{'，'.join(parts)}。{pipeline}"


def dues_short(f: SummaryFigures) -> str:
    """The year's dues collected and remitted, in one sentence."""
    d = f.snapshot.dues
    return f"{as_of_phrase(f)}收缴党费{money(d.paid_fen)}，{remitted(d.remitted_fen)}。"


def remitted(fen: int | None) -> str:
    """The remittance clause; none recorded is said so, never printed as 0."""
    if fen is None:
        return f"向上级党组织上缴党费{fill_in('上缴党费金额（本年度未登记上缴记录）')}"
    return f"向上级党组织上缴党费{money(fen)}"


def _rate(f: SummaryFigures) -> str:
    rate = f.snapshot.dues.rate
    return "—" if rate is None else f"{rate}%"


def branch_line(b: SummaryFigures) -> str:
    """One branch of a 党总支 in one paragraph."""
    secretary = next((s.name for s in b.committee if s.role == "书记"), "")
    m = b.snapshot.members
    head = f"{b.unit_name}：党员{m.total}名（正式党员{m.full}名、预备党员{m.probationary}名）"
    head += f"，党小组{len(b.groups)}个" + (f"，书记{secretary}" if secretary else "")
    held = dict(b.snapshot.meetings.by_type)
    said = [
        f"{meeting_noun(k)}{held[k]}次"
        for k in ("支部党员大会", "支部委员会", "党课")
        if held.get(k)
    ]
    meetings = f"；召开{'、'.join(said)}" if said else ""
    return f"{head}{meetings}；党费收缴率{_rate(b)}。"


# ---- 二、主要工作及成效 ------------------------------------------------------------------------


def held(f: SummaryFigures, kind: str) -> int:
    """How many meetings of a kind the year snapshot counts."""
    return dict(f.snapshot.meetings.by_type).get(kind, 0)


def average_hours(f: SummaryFigures) -> Decimal | None:
    s = f.snapshot.study
    if s.total_hours is None or not s.members_counted:
        return None
    return (s.total_hours / s.members_counted).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def study(f: SummaryFigures) -> str:
    """Study sessions, 党课 and 学时 against the requirement."""
    s = f.snapshot.study
    kinds = [("集中学习", "组织集中学习"), ("党课", "讲授党课"), ("主题党日", "开展主题党日")]
    said = [f"{verb}{held(f, k)}次" for k, verb in kinds if held(f, k)]
    text = f"{as_of_phrase(f)}{'，'.join(said)}。" if said else ""
    average = average_hours(f)
    if average is None:
        return text + (
            f"本年度会议活动未登记学时，{fill_in('党员学习学时（须在会议记录中登记学时）')}。"
        )
    return text + (
        f"全年{s.sessions_with_hours}次会议活动登记了学时，"
        f"{s.members_counted}名全年在册党员人均学习{average}学时，"
        f"其中{s.members_met}名达到年度学时要求。"
    )


ORGANISATION_KINDS = ("支部党员大会", "支部委员会", "党小组会", "谈心谈话")


def meetings(f: SummaryFigures) -> str:
    """The meetings of the year by kind, as the year snapshot counts them."""
    said = [
        f"{meeting_verb(k)}{meeting_noun(k)}{held(f, k)}次"
        for k in ORGANISATION_KINDS
        if held(f, k)
    ]
    if not said:
        return f"{as_of_phrase(f)}台账未登记支部党员大会、支部委员会会议和党小组会。"
    return f"{as_of_phrase(f)}{'，'.join(said)}。"


def life_and_evaluation(f: SummaryFigures, grades: tuple[tuple[str, int], ...] = ()) -> str:
    """The 组织生活会 and 民主评议党员: when, and the grades where recorded."""
    if f.is_aggregate:
        life = sum(1 for b in f.branches if b.life_meetings)
        rated = sum(1 for b in f.branches if b.evaluations)
        text = (
            f"{len(f.branches)}个党支部中，{life}个召开了{f.year}年度组织生活会，"
            f"{rated}个开展了民主评议党员。"
        )
    else:
        parts = []
        if f.life_meetings:
            days = "、".join(md(d, f.year) for d in f.life_meetings)
            parts.append(f"{days}召开{f.year}年度组织生活会")
        if f.evaluations:
            days = "、".join(md(d, f.year) for d in f.evaluations)
            parts.append(f"{days}开展民主评议党员")
        missing = [
            name
            for name, days in (("组织生活会", f.life_meetings), ("民主评议党员", f.evaluations))
            if not days
        ]
        if missing:
            words = "和".join(missing)
            if f.day < date(f.year, 12, 31):
                parts.append(f"本年度{words}尚待召开")
            else:
                parts.append(f"本年度未召开{words}")
        text = "，".join(parts) + "。"
    said = counts(grades)
    if said:
        text += f"民主评议党员评定{said}。"
    return text


def election(f: SummaryFigures) -> str:
    """换届: held this year, due next year, or the term still running."""
    if f.elected_on and f.elected_on.year == f.year:
        return f"{full_date(f.elected_on)}，按期完成支部委员会换届选举。"
    if f.term_ends is None:
        return ""
    if f.term_ends < f.day:
        return f"本届委员会任期已于{full_date(f.term_ends)}届满，尚未换届。"
    return f"本届委员会任期至{full_date(f.term_ends)}，本年度不涉及换届。"


def dues(f: SummaryFigures) -> str:
    """Dues owed, paid, the collection rate and the remittance (the year snapshot's figures)."""
    d = f.snapshot.dues
    if d.owed_fen is None:
        due = (
            f"有{len(d.unassessed)}名党员尚未核定党费基数，应交党费和收缴率"
            f"{fill_in('核定党费基数后的应交金额和收缴率')}；已核定部分应交党费"
            f"{money(d.assessed_owed_fen)}，"
        )
    else:
        due = f"应交党费{money(d.owed_fen)}，"
    rate = "" if d.owed_fen is None else f"，收缴率{_rate(f)}"
    text = (
        f"加强党费收缴管理，{d.payers}名党员按月交纳党费。{as_of_phrase(f)}{due}"
        f"实交{money(d.paid_fen)}{rate}"
    )
    if d.extra_fen > 0:
        text += f"（另收预交及自愿多交党费{money(d.extra_fen)}，不计入收缴率）"
    text += f"；{remitted(d.remitted_fen)}"
    if f.dues.large_fen:
        text += f"，其中大额党费{money(f.dues.large_fen)}"
    return text + "。"


def development(f: SummaryFigures) -> str:
    """The year's development steps, counted by the year snapshot (no names)."""
    d, m = f.snapshot.development, f.snapshot.members
    steps = [
        (d.applications, f"收到入党申请书{d.applications}份"),
        (d.talks, f"与入党申请人谈话{d.talks}人次"),
        (d.new_activists, f"确定入党积极分子{d.new_activists}名"),
        (d.new_targets, f"确定发展对象{d.new_targets}名"),
        (d.trained, f"组织{d.trained}名发展对象参加短期集中培训"),
        (m.joined, f"接收预备党员{m.joined}名"),
        (m.made_full, f"{m.made_full}名预备党员转为正式党员"),
        (d.extensions, f"延长{d.extensions}名预备党员的预备期"),
    ]
    said = [text for n, text in steps if n]
    if not said:
        return f"{f.year}年未开展发展党员工作，无预备党员转正。"
    return f"{as_of_phrase(f)}{'，'.join(said)}。"


INTEGRITY_KINDS = ("廉政教育", "意识形态")
SERVICE_KINDS = ("志愿服务", "结对共建", "竞赛", "品牌活动")


def kinds_held(f: SummaryFigures, kinds: tuple[str, ...]) -> str:
    """Say how many activities of the given kinds were held: 开展志愿服务5次、结对共建2次."""
    by_kind = dict(f.activities)
    said = [f"{k}{by_kind[k]}次" for k in kinds if by_kind.get(k)]
    return f"{as_of_phrase(f)}开展{'、'.join(said)}。" if said else ""


def honours(f: SummaryFigures) -> str:
    """The honours of the year, the branch's first."""
    if not f.honours:
        return ""
    ordered = sorted(f.honours, key=lambda h: (h.of_member, h.awarded_on))
    said = []
    for h in ordered:
        verb = f"被{h.issuer}评为" if h.issuer else "获评"
        when = "，".join(x for x in (h.level, md(h.awarded_on, f.year)) if x)
        said.append(f"{h.recipient}{verb}“{h.title}”（{when}）")
    return f"{f.year}年，{'；'.join(said)}。"


def title(unit_name: str, year: int, width: int = 20) -> str:
    """Return the title 中共××党支部××年度党建工作总结, broken into lines of ``width``."""
    name = unit_name if unit_name.startswith("中共") else f"中共{unit_name}"
    tail = f"{year}年度党建工作总结"
    if len(name) + len(tail) <= width:
        return name + tail
    lines = []
    while len(name) > width:
        cut = _break_at(name, width)
        lines.append(name[:cut])
        name = name[cut:]
    return "\n".join([*lines, name, tail])


def _break_at(name: str, width: int) -> int:
    """Break a long name after an organisation word near the middle, else at ``width``."""
    middle = len(name) // 2
    cuts = [i + 1 for i, ch in enumerate(name[:width]) if ch in "局委会院校所司厂区县市镇街"]
    return min(cuts, key=lambda i: abs(i - middle)) if cuts else width
