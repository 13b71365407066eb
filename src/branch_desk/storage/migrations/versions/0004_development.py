"""Member development: candidates, their steps, records and documents; calendar days.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calendar_days",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("workday", sa.Boolean(), nullable=False),
        sa.Column("note", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_days")),
        sa.UniqueConstraint("day", name=op.f("uq_calendar_days_day")),
    )
    op.create_table(
        "candidates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("gender", sa.String(length=2), nullable=False),
        sa.Column("ethnicity", sa.String(length=20), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("id_number", sa.String(length=18), nullable=True),
        sa.Column("education", sa.String(length=30), nullable=False),
        sa.Column("category", sa.String(length=10), nullable=False),
        sa.Column("phone", sa.String(length=30), nullable=False),
        sa.Column("work_unit", sa.String(length=200), nullable=False),
        sa.Column("ended", sa.String(length=10), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("ended_reason", sa.Text(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"], ["org_units.id"], name=op.f("fk_candidates_group_id_org_units")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_candidates_member_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_units.id"], name=op.f("fk_candidates_unit_id_org_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_candidates")),
        sa.UniqueConstraint("id_number", name=op.f("uq_candidates_id_number")),
    )
    with op.batch_alter_table("candidates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_candidates_member_id"), ["member_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_candidates_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "candidate_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("doc_kind", sa.String(length=20), nullable=False),
        sa.Column("file_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidates.id"],
            name=op.f("fk_candidate_documents_candidate_id_candidates"),
        ),
        sa.ForeignKeyConstraint(
            ["file_id"],
            ["stored_files.id"],
            name=op.f("fk_candidate_documents_file_id_stored_files"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_candidate_documents")),
    )
    with op.batch_alter_table("candidate_documents", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_candidate_documents_candidate_id"), ["candidate_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_candidate_documents_file_id"), ["file_id"], unique=False
        )

    op.create_table(
        "candidate_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidates.id"],
            name=op.f("fk_candidate_records_candidate_id_candidates"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_candidate_records")),
    )
    with op.batch_alter_table("candidate_records", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_candidate_records_candidate_id"), ["candidate_id"], unique=False
        )

    op.create_table(
        "candidate_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(length=30), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidates.id"],
            name=op.f("fk_candidate_steps_candidate_id_candidates"),
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_candidate_steps_event_id_events")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_candidate_steps")),
        sa.UniqueConstraint("candidate_id", "step", name=op.f("uq_candidate_steps_candidate_id")),
    )
    with op.batch_alter_table("candidate_steps", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_candidate_steps_candidate_id"), ["candidate_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("candidate_steps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_candidate_steps_candidate_id"))

    op.drop_table("candidate_steps")
    with op.batch_alter_table("candidate_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_candidate_records_candidate_id"))

    op.drop_table("candidate_records")
    with op.batch_alter_table("candidate_documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_candidate_documents_file_id"))
        batch_op.drop_index(batch_op.f("ix_candidate_documents_candidate_id"))

    op.drop_table("candidate_documents")
    with op.batch_alter_table("candidates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_candidates_unit_id"))
        batch_op.drop_index(batch_op.f("ix_candidates_member_id"))

    op.drop_table("candidates")
    op.drop_table("calendar_days")
