"""Reading the audit log (修改记录): who changed what, when, and what it was before."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ...domain.audit import AuditEntryRecord
from ...domain.development import STEP_BY_CODE
from ...domain.members import FIELD_LABELS
from ...storage.database import Database
from ...storage.repositories import Session, audit

ENTITY_LABELS = {
    "org_units": "党组织",
    "officers": "支委成员",
    "members": "党员",
    "member_status_changes": "党籍变动",
    "rule_settings": "规则设置",
    "voting_exclusions": "表决权排除",
    "stored_files": "附件文件",
    "events": "会议活动",
    "event_extra_types": "会议同时计为",
    "attendance": "出席情况",
    "votes": "表决",
    "event_attachments": "会议附件",
    "dues_assessments": "党费核定",
    "dues_payments": "党费缴纳",
    "dues_payment_months": "党费所属月份",
    "dues_remittances": "党费上缴",
    "candidates": "发展对象",
    "candidate_steps": "发展步骤",
    "candidate_records": "思想汇报/考察",
    "candidate_documents": "发展档案材料",
    "calendar_days": "节假日",
    "report_texts": "年度总结文字",
}
EXTRA_FIELDS = {
    "member_id": "党员",
    "unit_id": "党组织",
    "group_id": "党小组",
    "kind": "类别",
    "type": "类型",
    "title": "主题",
    "day": "日期",
    "effective_on": "生效日期",
    "place": "地点/转往",
    "letter_no": "介绍信编号",
    "note": "备注",
    "status": "出席情况",
    "reason": "缺席原因",
    "amount_fen": "金额（分）",
    "monthly_due_fen": "月应交（分）",
    "base_fen": "计算基数（分）",
    "step": "步骤",
    "data": "内容",
    "roster_status": "在册状态",
    "value": "值",
    "key": "项目",
    "candidate_id": "发展对象",
    "event_id": "会议活动",
    "file_id": "附件文件",
    "payment_id": "缴费记录",
    "months": "月数",
    "reasons": "原因",
    "approver": "审批机关",
    "approver_kind": "审批机关类别",
    "method": "方式",
    "collector": "经手人",
    "outcome": "决定",
    "conclusion": "结论",
    "result": "结果",
    "people": "人员",
    "end": "结束日期",
    "hours": "学时",
    "days": "天数",
    "paid_on": "缴纳日期",
    "extra_fen": "自愿多交（分）",
    "workday": "是否工作日",
    "text": "文字",
    "year": "年度",
    "from_month": "起始月份",
    "category": "类别",
    "explanation": "计算说明",
    "approval_ref": "批准文号",
    "reduction": "减免",
    "ended": "终止方式",
    "ended_on": "终止日期",
    "ended_reason": "终止原因",
    "person_name": "姓名",
    "role": "职务",
}
# Child records are named after their parent: table → (parent table, column holding its id).
PARENTS = {
    "member_status_changes": ("members", "member_id"),
    "voting_exclusions": ("members", "member_id"),
    "dues_assessments": ("members", "member_id"),
    "dues_payments": ("members", "member_id"),
    "candidate_steps": ("candidates", "candidate_id"),
    "candidate_records": ("candidates", "candidate_id"),
    "candidate_documents": ("candidates", "candidate_id"),
    "attendance": ("events", "event_id"),
    "votes": ("events", "event_id"),
    "event_extra_types": ("events", "event_id"),
    "event_attachments": ("events", "event_id"),
}


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One change as shown in the 修改记录 view."""

    id: int
    at: datetime
    actor: str
    entity: str
    entity_label: str
    entity_id: int
    record: str
    action: str
    field: str
    before: str
    after: str


class AuditLogService:
    """Query the audit log by person, record and date."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def actors(self) -> list[str]:
        with self.db.session(audited=False) as s:
            return sorted(audit.actors(s))

    def query(
        self,
        *,
        entity: str | None = None,
        entity_id: int | None = None,
        actor: str | None = None,
        since: date | None = None,
        until: date | None = None,
        text: str = "",
        limit: int = 2000,
    ) -> list[AuditRecord]:
        """Return changes newest first, filtered; ``text`` matches record name, field or values."""
        with self.db.session(audited=False) as s:
            rows = audit.entries(
                s,
                entity=entity,
                entity_id=entity_id,
                actor=actor,
                since=since,
                until=until,
                limit=limit * 4 if text else limit,
            )
            names = _names(s, rows)
        records = [_record(r, names) for r in rows]
        if text:
            needle = text.strip()
            records = [
                r
                for r in records
                if needle in f"{r.record}{r.field}{r.before}{r.after}{r.entity_label}"
            ]
        return records[:limit]


def _names(s: Session, rows: list[AuditEntryRecord]) -> dict[tuple[str, int], str]:
    """Name the records of ``rows``: as they are now, else after their parent, else as logged."""
    parents = _parent_ids(rows)
    wanted: dict[str, set[int]] = defaultdict(set)
    for row in rows:
        wanted[row.entity].add(row.entity_id)
    for table, parent_id in parents.values():
        wanted[table].add(parent_id)
    names = {
        (table, row_id): name
        for table in audit.NAMED_TABLES
        for row_id, name in audit.record_names(s, table, wanted[table]).items()
    }
    for key, parent in parents.items():
        if key not in names and parent in names:
            names[key] = names[parent]
    for row in rows:  # deleted or other records: the name in the snapshot, if any
        key = (row.entity, row.entity_id)
        if key not in names:
            logged = _snapshot(row)
            value = logged.get("name") or logged.get("title")
            if value:
                names[key] = str(value)
    return names


def _snapshot(row: AuditEntryRecord) -> dict[str, Any]:
    """The JSON snapshot a whole-row entry holds (empty for a one-field entry)."""
    snapshot = row.after or row.before
    if not snapshot or not snapshot.startswith("{"):
        return {}
    try:
        data = json.loads(snapshot)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _parent_ids(rows: list[AuditEntryRecord]) -> dict[tuple[str, int], tuple[str, int]]:
    """Map child records to their parent via the snapshot or the row's own parent column."""
    found: dict[tuple[str, int], tuple[str, int]] = {}
    for row in rows:
        parent = PARENTS.get(row.entity)
        if parent is None:
            continue
        table, column = parent
        value = (row.after or row.before) if row.field == column else _snapshot(row).get(column)
        if value is not None and str(value).isdigit():
            found[(row.entity, row.entity_id)] = (table, int(value))
    return found


def _record(row: AuditEntryRecord, names: dict[tuple[str, int], str]) -> AuditRecord:
    field = row.field or ""
    return AuditRecord(
        id=row.id,
        at=row.at,
        actor=row.actor,
        entity=row.entity,
        entity_label=ENTITY_LABELS.get(row.entity, row.entity),
        entity_id=row.entity_id,
        record=names.get((row.entity, row.entity_id), f"#{row.entity_id}"),
        action=row.action,
        field=FIELD_LABELS.get(field) or EXTRA_FIELDS.get(field, field),
        before=_readable(row.field, row.before),
        after=_readable(row.field, row.after),
    )


def _readable(field: str | None, value: str | None) -> str:
    """Turn stored codes into Chinese: step codes, JSON snapshots' keys."""
    if not value:
        return ""
    if field == "step" and value in STEP_BY_CODE:
        return STEP_BY_CODE[value].value
    if value.startswith("{"):
        try:
            data = json.loads(value)
        except ValueError:
            return value
        if isinstance(data, dict):
            parts = []
            for key, item in data.items():
                if (
                    key.endswith("_id")
                    or key == "sort_order"
                    or item in (None, "", {}, [], "{}", "[]")
                ):
                    continue
                label = FIELD_LABELS.get(key) or EXTRA_FIELDS.get(key, key)
                text = STEP_BY_CODE[item].value if key == "step" and item in STEP_BY_CODE else item
                parts.append(f"{label}：{text}")
            return "；".join(parts)
    return value
