"""The sentences of the year-end summary that state figures (always recomputed, never edited)."""

from __future__ import annotations

from datetime import date

from .money import yuan_grouped
from .summary import NamedDate, SummaryFigures, fill_in

CATEGORY_WORDS = {
    "在职": "在职党员",
    "离退休": "离退休党员",
    "学生": "学生党员",
    "农民": "农民党员",
}
# how each kind of meeting is "held" in a sentence
VERBS = {"党课": "讲授", "主题党日": "开展", "谈心谈话": "开展", "民主评议党员": "开展"}
NOUNS = {"支部委员会": "支部委员会会议"}


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


def membership(f: SummaryFigures) -> str:
    """Members by 正式/预备 and by category."""
    lead = f"截至{full_date(f.day)}，{who(f)}共有党员{f.members}名，"
    text = f"{lead}其中正式党员{f.full_members}名、预备党员{f.probationary}名。"
    parts = [
        f"{CATEGORY_WORDS.get(name, '其他人员')}{count}名" for name, count in f.by_category if count
    ]
    if parts:
        text += f"按人员类别分，{'、'.join(parts)}。"
    return text


def _people(items: tuple[NamedDate, ...], places: bool = False) -> str:
    if places:
        return listing([f"{p.name}（{p.place}）" if p.place else p.name for p in items], 6)
    return listing([p.name for p in items])


def changes(f: SummaryFigures) -> str:
    """This year's admissions, 转正, transfers and other departures (counts and names)."""
    parts = [
        f"接收预备党员{len(f.admitted)}名" if f.admitted else "未接收预备党员",
        f"预备党员转为正式党员{len(f.made_full)}名" if f.made_full else "无预备党员转正",
    ]
    if f.transferred_in:
        parts.append(f"转入党员{len(f.transferred_in)}名（{_people(f.transferred_in)}）")
    if f.transferred_out:
        parts.append(f"转出党员{len(f.transferred_out)}名（{_people(f.transferred_out)}）")
    if not f.transferred_in and not f.transferred_out:
        parts.append("无组织关系转入转出")
    kinds: dict[str, list[str]] = {}
    for p in f.other_departures:
        kinds.setdefault(p.place, []).append(p.name)
    parts += [f"{kind}{len(names)}名（{listing(names)}）" for kind, names in kinds.items()]
    return f"{f.year}年，{who(f)}{'，'.join(parts)}。"


def pipeline(f: SummaryFigures) -> str:
    """The development pipeline on the day."""
    counts = [f"{stage}{count}名" for stage, count in f.pipeline if count]
    if not counts:
        return "现无入党申请人、入党积极分子和发展对象。"
    return f"现有{'、'.join(counts)}。"


def dues_short(f: SummaryFigures) -> str:
    """The year's dues collected and remitted, in one sentence."""
    d = f.dues
    return f"{as_of_phrase(f)}收缴党费{yuan_grouped(d.paid_fen)}元，{remitted(d.remitted_fen)}。"


def remitted(fen: int | None) -> str:
    """The remittance clause; none recorded is said so, never printed as 0."""
    if fen is None:
        return f"向上级党组织上缴党费{fill_in('上缴党费金额（本年度未登记上缴记录）')}"
    return f"向上级党组织上缴党费{yuan_grouped(fen)}元"


def branch_line(b: SummaryFigures) -> str:
    """One branch of a 党总支 in one paragraph."""
    secretary = next((s.name for s in b.committee if s.role == "书记"), "")
    head = f"{b.unit_name}：党员{b.members}名（正式党员{b.full_members}名、预备党员{b.probationary}名）"
    head += f"，党小组{len(b.groups)}个" + (f"，书记{secretary}" if secretary else "")
    held = [
        f"{meeting_noun(m.kind)}{m.held}次"
        for m in b.meetings
        if m.kind in ("支部党员大会", "支部委员会", "党课")
    ]
    meetings = f"；召开{'、'.join(held)}" if held else ""
    return f"{head}{meetings}；党费收缴率{b.dues.rate}。"


# ---- 二、主要工作及成效 ------------------------------------------------------------------------


def study(f: SummaryFigures) -> str:
    """Study sessions and 学时 against the requirement."""
    s = f.study
    if not s.sessions:
        return (
            f"{as_of_phrase(f)}本年度会议活动未登记学时，"
            f"{fill_in('党员学习学时（须在会议记录中登记学时）')}。"
        )
    text = (
        f"{as_of_phrase(f)}共组织计入学时的学习教育活动{s.sessions}次（含“三会一课”、主题党日等）"
    )
    if s.members_counted:
        text += (
            f"，{s.members_counted}名全年在册党员人均学习{s.average_hours}学时，"
            f"其中{s.members_met}名达到年度学时要求"
            f"（党员不少于{s.member_hours}学时，书记、支委不少于{s.officer_hours}学时）"
        )
    return text + "。"


def meetings(f: SummaryFigures) -> str:
    """Each kind of meeting held against the requirement."""
    parts = []
    for m in f.meetings:
        if m.kind in ("组织生活会", "民主评议党员"):
            continue
        need = m.required_to_date if f.day < date(f.year, 12, 31) else m.required
        noun = meeting_noun(m.kind)
        if m.kind == "党小组会" and f.groups and not f.is_aggregate:
            rule = f"{len(f.groups)}个党小组{m.requirement}，应不少于{need}次"
        else:
            rule = f"{m.requirement}，应不少于{need}次"
        parts.append(f"{meeting_verb(m.kind)}{noun}{m.held}次（{rule}）")
    if not parts:
        return "本年度未设定组织生活的次数要求。"
    return f"{as_of_phrase(f)}{'，'.join(parts)}。"


def life_and_evaluation(f: SummaryFigures) -> str:
    """Whether and when the 组织生活会 and 民主评议党员 were held."""
    if f.is_aggregate:
        held = sum(1 for b in f.branches if b.life_meetings)
        rated = sum(1 for b in f.branches if b.evaluations)
        return (
            f"{len(f.branches)}个党支部中，{held}个已召开{f.year}年度组织生活会，"
            f"{rated}个已开展民主评议党员。"
        )
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
            parts.append(f"截至{md(f.day, f.year)}，本年度{words}尚未召开，须于12月31日前完成")
        else:
            parts.append(f"本年度未召开{words}")
    return "，".join(parts) + "。"


def development(f: SummaryFigures) -> str:
    """Who was admitted and who became a full member this year, with the days."""
    if not f.admitted and not f.made_full:
        return f"{f.year}年未接收预备党员，无预备党员转正。"
    parts = []
    if f.admitted:
        items = "、".join(f"{p.name}（{md(p.day, f.year)}）" for p in f.admitted)
        parts.append(f"经支部党员大会讨论，接收{items}为预备党员")
    if f.made_full:
        items = "、".join(f"{p.name}（{md(p.day, f.year)}）" for p in f.made_full)
        parts.append(f"{items}转为正式党员")
    return f"按照《中国共产党发展党员工作细则》规定的程序发展党员。{f.year}年，{'；'.join(parts)}。"


def dues(f: SummaryFigures) -> str:
    """Dues due, paid, the collection rate and the remittance."""
    d = f.dues
    if d.unassessed:
        due = (
            f"有{len(d.unassessed)}名党员尚未核定党费基数，应交党费和收缴率"
            f"{fill_in('核定党费基数后的应交金额和收缴率')}，"
            f"已核定部分应交党费{yuan_grouped(d.due_fen)}元，"
        )
    else:
        due = f"应交党费{yuan_grouped(d.due_fen)}元，"
    rate = "" if d.unassessed else f"，收缴率{d.rate}"
    extra = (
        f"（另收预交及自愿多交党费{yuan_grouped(d.extra_fen)}元，不计入收缴率）"
        if d.extra_fen > 0
        else ""
    )
    text = (
        f"本年度应交纳党费的党员{d.payers}名。{as_of_phrase(f)}{due}"
        f"实交{yuan_grouped(d.paid_fen)}元{rate}{extra}；{remitted(d.remitted_fen)}"
    )
    if d.large_fen:
        text += f"，其中大额党费{yuan_grouped(d.large_fen)}元"
    return text + "。"


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
