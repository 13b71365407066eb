"""The declarative base: one metadata with a naming convention, so constraints get stable names."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def owned_rows(order_by: str) -> Any:
    """A one-to-many of rows that belong to their parent: saved and deleted with it, in order."""
    return relationship(cascade="all, delete-orphan", order_by=order_by)


# Column mixins. ``sort_order`` keeps the columns where the tables have them: ``id`` first, the
# owner's id second, the time stamps last (the migrations, not these classes, make the schema).


class Keyed:
    """The integer primary key ``id``."""

    id: Mapped[int] = mapped_column(primary_key=True, sort_order=-2)


class OfUnit(Keyed):
    """A row of one unit (``unit_id``, indexed)."""

    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"), index=True, sort_order=-1)


class OfMember(Keyed):
    """A row of one member (``member_id``, indexed)."""

    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True, sort_order=-1)


class OfEvent(Keyed):
    """A row of one event (``event_id``, indexed)."""

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True, sort_order=-1)


class OfCandidate(Keyed):
    """A row of one candidate (``candidate_id``, indexed)."""

    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidates.id"), index=True, sort_order=-1
    )


class Stamped:
    """When the row was made and last changed."""

    created_at: Mapped[datetime] = mapped_column(sort_order=1)
    updated_at: Mapped[datetime] = mapped_column(sort_order=1)
