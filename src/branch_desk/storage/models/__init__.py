"""SQLAlchemy ORM models, one module per aggregate. Rows stay inside storage/; callers get frozen
records (through storage/repositories/).

Every model is re-exported here, so ``from branch_desk.storage.models import Member`` works and
importing this package registers every table on ``Base.metadata`` (Alembic's target).
"""

from .audit_log import AuditEntry
from .base import NAMING, Base
from .calendar_days import CalendarDay
from .development import Candidate, CandidateDocument, CandidateRecord, CandidateStep
from .dues import DuesAssessment, DuesPayment, DuesPaymentMonth, DuesRemittance
from .events import Attendance, Event, EventAttachment, EventExtraType, Vote
from .files import StoredFile
from .members import Member, MemberStatusChange, VotingExclusion
from .org import Officer, OrgUnit
from .settings import RuleSetting
from .year import Honour, ReportText, StudyFocus

__all__ = [
    "NAMING",
    "Attendance",
    "AuditEntry",
    "Base",
    "CalendarDay",
    "Candidate",
    "CandidateDocument",
    "CandidateRecord",
    "CandidateStep",
    "DuesAssessment",
    "DuesPayment",
    "DuesPaymentMonth",
    "DuesRemittance",
    "Event",
    "EventAttachment",
    "EventExtraType",
    "Honour",
    "Member",
    "MemberStatusChange",
    "Officer",
    "OrgUnit",
    "ReportText",
    "RuleSetting",
    "StoredFile",
    "StudyFocus",
    "Vote",
    "VotingExclusion",
]
