"""Default drafts of the summary's narrative paragraphs, written from the year's own records.

A draft states what the records show and asks (【请填写：…】) only for what they cannot hold:
nothing is made up. The secretary edits each draft before the summary is signed.
"""

from __future__ import annotations

from .summary import SummaryFigures, Topic, fill_in
from .summary_problems import Theme
from .summary_text import SERVICE_KINDS, STAGE_WORDS, full_date, who

ORDINALS = "一二三四五六七八九十"
STUDY_KINDS = ("集中学习", "党课", "主题党日")
STUDY_WORDS = ("学习", "誓词", "教育基地", "读书", "研讨", "党课", "宣讲", "精神", "思想")
INTEGRITY_WORDS = ("纪律", "廉", "警示", "规矩", "作风", "条例")
IDEOLOGY_WORDS = ("意识形态", "舆情", "网络", "宣传", "国家安全")
SERVICE_WORDS = ("志愿", "服务", "慰问", "共建", "结对", "帮扶", "竞赛", "品牌")
WHERE_TO_RECORD = "可在 设置 → 学习重点与表彰 中登记"


def _ordinal(paragraphs: list[str]) -> list[str]:
    return [f"{ORDINALS[i]}是{p}" for i, p in enumerate(paragraphs)]


def _quote(text: str) -> str:
    """Put a topic in “”, its own quotation marks turned to ‘’ inside."""
    text = text.strip()
    if text.startswith("“") and text.endswith("”") and text.count("“") == 1:
        return text
    inner = text.replace("“", "‘").replace("”", "’").replace('"', "")
    return f"“{inner}”"


def _quoted(items: list[str], limit: int = 5) -> str:
    unique = list(dict.fromkeys(t.strip() for t in items if t.strip()))[:limit]
    return "".join(_quote(t) for t in unique)


def _has(text: str, words: tuple[str, ...]) -> bool:
    return any(w in text for w in words)


def studied(f: SummaryFigures) -> list[Topic]:
    """The topics actually studied: the 主题 of study sessions, 党课 and study-like 主题党日."""
    return [
        t
        for t in f.topics
        if t.kind in STUDY_KINDS
        and t.activity_kind not in SERVICE_KINDS
        and (t.kind != "主题党日" or _has(t.text, STUDY_WORDS))
    ]


def _of_kinds(f: SummaryFigures, kinds: tuple[str, ...], words: tuple[str, ...]) -> list[Topic]:
    return [
        t
        for t in f.topics
        if t.activity_kind in kinds or (not t.activity_kind and _has(t.text, words))
    ]


def opening(f: SummaryFigures) -> str:
    """The opening: names this year's 学习重点 and the topics the branch actually studied."""
    upper = f.upper_org or "上级党组织"
    lead = f"{f.year}年，{f.unit_name}在{upper}的领导下，以习近平新时代中国特色社会主义思想为指导"
    topics = [t.text for t in studied(f)]
    if f.focus:
        lead += f"，把{_quoted(list(f.focus), 3)}作为全年学习重点"
    if topics:
        lead += f"，围绕{_quoted(topics, 3)}等主题组织学习"
    held = f.snapshot.meetings.total
    work = f"全年开展会议和活动{held}次，" if held else ""
    return (
        f"{lead}，{work}扎实推进组织建设、党员队伍建设和党风廉政建设，"
        f"支部的政治功能和组织功能进一步增强。现将{f.year}年党建工作总结如下。"
    )


def study(f: SummaryFigures) -> str:
    """理论学习: the year's 学习重点, the topics studied and the 党课 given."""
    parts = []
    if f.focus:
        parts.append(f"年初确定{_quoted(list(f.focus), 6)}为本年度学习重点，制定学习计划")
    else:
        parts.append(f"本年度学习重点为{fill_in('年度学习重点（' + WHERE_TO_RECORD + '）')}")
    topics = studied(f)
    lectures = [t for t in topics if t.kind == "党课"]
    others = [t for t in topics if t.kind != "党课"]
    if others:
        months = sorted({t.day.month for t in others})
        span = f"{months[0]}月至{months[-1]}月" if len(months) > 1 else f"{months[0]}月"
        parts.append(f"{span}先后以{_quoted([t.text for t in others], 6)}等为主题开展集中学习")
    if lectures:
        parts.append(f"围绕{_quoted([t.text for t in lectures], 4)}讲授专题党课")
    if len(parts) == 1 and not f.focus:
        parts.append(fill_in("本年度学习的主要内容、形式和成效"))
    return f"{who(f)}坚持把政治理论学习摆在首位，{'；'.join(parts)}，推动党的创新理论入脑入心。"


def life(f: SummaryFigures, grades: tuple[tuple[str, int], ...] = ()) -> str:
    """组织建设: the 组织生活会 and 民主评议党员, the committee's own work."""
    parts = ["严格落实“三会一课”、主题党日和谈心谈话制度，支部委员会定期研究支部工作"]
    if f.life_meetings:
        parts.append(
            "组织生活会上，支部班子和党员对照检查、开展批评和自我批评，"
            + fill_in("查摆的主要问题和整改措施")
        )
    if f.evaluations and not grades:
        parts.append(f"民主评议党员结果为{fill_in('优秀、合格、基本合格、不合格各等次人数')}")
    elif f.evaluations:
        parts.append("按照个人自评、党员互评、民主测评、组织评定的程序开展民主评议党员")
    return "；".join(parts) + "。"


def team(f: SummaryFigures) -> str:
    """党员队伍: how development and the members' care were handled (figures are separate)."""
    d = f.snapshot.development
    parts = ["坚持把政治标准放在首位，严格按照程序和时限发展党员"]
    if d.new_activists or d.new_targets:
        parts.append("对入党积极分子和发展对象落实培养联系人，定期听取思想汇报")
    if f.snapshot.members.made_full:
        parts.append("预备党员期满前认真考察，按期讨论转正")
    parts.append("注重党员日常教育管理，落实组织关系接转和党员信息维护")
    return "；".join(parts) + "。"


def work(f: SummaryFigures) -> str:
    """党风廉政与意识形态: the year's integrity and ideology activities by their own topics."""
    integrity = _of_kinds(f, ("廉政教育",), INTEGRITY_WORDS)
    ideology = _of_kinds(f, ("意识形态",), IDEOLOGY_WORDS)
    parts = []
    if integrity:
        parts.append(f"围绕{_quoted([t.text for t in integrity], 4)}开展党风廉政教育")
    if ideology:
        parts.append(f"通过{_quoted([t.text for t in ideology], 4)}等活动落实意识形态工作责任")
    if not parts:
        return f"{fill_in('开展党风廉政教育、警示教育和落实意识形态工作责任制的情况')}。"
    text = "；".join(parts) + "，教育党员严守纪律规矩。"
    if not ideology:
        text += f"意识形态工作方面，{fill_in('落实意识形态工作责任制的情况')}。"
    if not integrity:
        text += f"党风廉政建设方面，{fill_in('开展党风廉政教育和警示教育的情况')}。"
    return text


def service(f: SummaryFigures) -> str:
    """品牌与服务: 志愿服务, 结对共建, 竞赛 and the branch's brand, from the activities."""
    said = []
    for kind in SERVICE_KINDS:
        mine = [t.text for t in f.topics if t.activity_kind == kind]
        if kind == "志愿服务":
            mine += [t.text for t in f.topics if not t.activity_kind and t.kind == "志愿服务"]
        if mine:
            said.append(f"{kind}方面，开展了{_quoted(mine, 4)}等活动")
    if not said:
        loose = [t.text for t in f.topics if not t.activity_kind and _has(t.text, SERVICE_WORDS)]
        if loose:
            said.append(f"组织党员开展{_quoted(loose, 4)}等活动")
    if not said:
        return f"{fill_in('志愿服务、结对共建、党建品牌创建和服务中心工作的情况')}。"
    return "；".join(said) + "，引导党员在服务群众、服务中心工作中发挥先锋模范作用。"


def honours(f: SummaryFigures) -> str:
    """表彰: nothing to add when honours are recorded; a request otherwise."""
    if f.honours:
        return ""
    return f"{fill_in('本年度支部和党员获得的表彰（' + WHERE_TO_RECORD + '）')}。"


def problems(f: SummaryFigures, found: list[Theme]) -> str:
    """三、存在的问题: one short paragraph per theme."""
    if not found:
        return (
            "对照党章和党内法规自查，台账记录未发现明显问题，但在理论学习的深度、"
            f"党员作用发挥等方面仍有提升空间。{fill_in('工作中存在的其他不足')}。"
        )
    return "\n".join(_ordinal([t.text for t in found]))


def causes(f: SummaryFigures, found: list[Theme]) -> str:
    """四、原因分析 (optional): a prompt per theme for the secretary to confirm or rewrite."""
    if not found:
        return ""
    said = [f"{t.cause}。" for t in found]
    lead = "分析原因，主要有以下几个方面（请结合实际修改）："
    return "\n".join([lead, *_ordinal(said)])


def plans(f: SummaryFigures, found: list[Theme]) -> str:
    """五、下一步打算: the coming year's obligations and the answer to each problem, in prose."""
    nxt = f.year + 1
    s, d = f.study, f.snapshot.development
    by_key = {t.key: t for t in found}
    items = [
        f"持续加强理论武装。结合{nxt}年学习重点制定全年学习计划，落实党员每年学习不少于"
        f"{s.member_hours}学时、书记和支委不少于{s.officer_hours}学时的要求。"
        + (by_key["study"].plan if "study" in by_key else "")
    ]
    life = "严格规范组织生活。" + (
        by_key["meetings"].plan if "meetings" in by_key else "坚持“三会一课”制度，"
    )
    life += "年底前召开组织生活会，开展民主评议党员。"
    if "records" in by_key:
        life += by_key["records"].plan
    items.append(life)
    cohort = [
        f"{STAGE_WORDS.get(label, label)}{n}名" for label, n in d.stages if n and label != "申请人"
    ]
    develop = "规范做好发展党员工作。"
    if cohort:
        develop += f"对现有{'、'.join(cohort)}按程序和时限做好培养考察，"
    due = sum(1 for x in f.next_steps if x.step == "提出转正申请")
    if due:
        develop += f"{due}名预备党员期满时按期讨论转正，"
    develop += by_key["development"].plan if "development" in by_key else "坚持成熟一个、发展一个。"
    items.append(develop)
    items.append(
        "加强党费收缴管理。"
        + (
            by_key["dues"].plan
            if "dues" in by_key
            else f"年初核定{nxt}年党费交纳基数，按月收缴、按时上缴。"
        )
    )
    if "structure" in by_key or (f.term_ends and f.term_ends.year <= nxt):
        text = "健全组织设置。"
        if f.term_ends and f.term_ends.year <= nxt:
            text += f"本届委员会任期至{full_date(f.term_ends)}，提前做好换届准备。"
        if "structure" in by_key:
            text += by_key["structure"].plan
        items.append(text)
    items.append(
        "深化品牌创建和志愿服务。围绕本单位中心工作开展主题党日和结对共建，引导党员亮身份、作表率。"
    )
    return "\n".join(_ordinal(items))
