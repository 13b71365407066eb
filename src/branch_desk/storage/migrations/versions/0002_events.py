"""Meetings and activities: events, attendance, votes, attachments; rule settings; E exclusions.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stored_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("original_name", sa.String(length=255), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stored_files")),
        sa.UniqueConstraint("sha256", name=op.f("uq_stored_files_sha256")),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=True),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("end_time", sa.Time(), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("session_label", sa.String(length=60), nullable=False),
        sa.Column("chair", sa.String(length=60), nullable=False),
        sa.Column("chair_note", sa.String(length=200), nullable=False),
        sa.Column("recorder", sa.String(length=60), nullable=False),
        sa.Column("lecturer", sa.String(length=60), nullable=False),
        sa.Column("lecture_topic", sa.String(length=200), nullable=False),
        sa.Column("agenda", sa.Text(), nullable=False),
        sa.Column("minutes", sa.Text(), nullable=False),
        sa.Column("resolutions", sa.Text(), nullable=False),
        sa.Column("study_hours_tenths", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"], ["org_units.id"], name=op.f("fk_events_group_id_org_units")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_units.id"], name=op.f("fk_events_unit_id_org_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_day"), ["day"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_group_id"), ["group_id"], unique=False)
        batch_op.create_index("ix_events_unit_day", ["unit_id", "day"], unique=False)

    op.create_table(
        "rule_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_units.id"], name=op.f("fk_rule_settings_unit_id_org_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rule_settings")),
        sa.UniqueConstraint("unit_id", "key", name=op.f("uq_rule_settings_unit_id")),
    )
    with op.batch_alter_table("rule_settings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rule_settings_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("person_name", sa.String(length=60), nullable=False),
        sa.Column("status", sa.String(length=4), nullable=False),
        sa.Column("reason", sa.String(length=4), nullable=True),
        sa.Column("reason_text", sa.String(length=200), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_attendance_event_id_events")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_attendance_member_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance")),
    )
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attendance_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_attendance_member_id"), ["member_id"], unique=False)

    op.create_table(
        "event_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("file_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_event_attachments_event_id_events")
        ),
        sa.ForeignKeyConstraint(
            ["file_id"], ["stored_files.id"], name=op.f("fk_event_attachments_file_id_stored_files")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_attachments")),
    )
    with op.batch_alter_table("event_attachments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_event_attachments_event_id"), ["event_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_event_attachments_file_id"), ["file_id"], unique=False)

    op.create_table(
        "event_extra_types",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_event_extra_types_event_id_events")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_extra_types")),
        sa.UniqueConstraint("event_id", "type", name=op.f("uq_event_extra_types_event_id")),
    )
    with op.batch_alter_table("event_extra_types", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_event_extra_types_event_id"), ["event_id"], unique=False
        )

    op.create_table(
        "votes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("method", sa.String(length=10), nullable=False),
        sa.Column("yes", sa.Integer(), nullable=False),
        sa.Column("no", sa.Integer(), nullable=False),
        sa.Column("abstain", sa.Integer(), nullable=False),
        sa.Column("written_yes", sa.Integer(), nullable=False),
        sa.Column("written_no", sa.Integer(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_votes_event_id_events")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_votes")),
    )
    with op.batch_alter_table("votes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_votes_event_id"), ["event_id"], unique=False)

    op.create_table(
        "voting_exclusions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("start_on", sa.Date(), nullable=False),
        sa.Column("end_on", sa.Date(), nullable=True),
        sa.Column("upper_ref", sa.String(length=100), nullable=False),
        sa.Column("assembly_ref", sa.String(length=100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_voting_exclusions_member_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_voting_exclusions")),
    )
    with op.batch_alter_table("voting_exclusions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_voting_exclusions_member_id"), ["member_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("voting_exclusions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_voting_exclusions_member_id"))

    op.drop_table("voting_exclusions")
    with op.batch_alter_table("votes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_votes_event_id"))

    op.drop_table("votes")
    with op.batch_alter_table("event_extra_types", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_extra_types_event_id"))

    op.drop_table("event_extra_types")
    with op.batch_alter_table("event_attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_attachments_file_id"))
        batch_op.drop_index(batch_op.f("ix_event_attachments_event_id"))

    op.drop_table("event_attachments")
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attendance_member_id"))
        batch_op.drop_index(batch_op.f("ix_attendance_event_id"))

    op.drop_table("attendance")
    with op.batch_alter_table("rule_settings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rule_settings_unit_id"))

    op.drop_table("rule_settings")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_unit_day")
        batch_op.drop_index(batch_op.f("ix_events_group_id"))
        batch_op.drop_index(batch_op.f("ix_events_day"))

    op.drop_table("events")
    op.drop_table("stored_files")
