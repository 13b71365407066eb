"""Records the year's documents need: 民主评议 grades, carried dues bases, 台账起始日期,
activity kinds, honours (表彰) and the year's 学习重点.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.add_column(sa.Column("grade", sa.String(length=4), nullable=True))
    with op.batch_alter_table("dues_assessments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("carried_from", sa.Integer(), nullable=True))
    with op.batch_alter_table("org_units", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ledger_start", sa.Date(), nullable=True))
    # Plain ADD COLUMN with a server default fills existing rows without rebuilding the table (a
    # rebuild of events would trip the foreign keys that point at it).
    op.add_column(
        "events",
        sa.Column(
            "activity_kind", sa.String(length=20), nullable=False, server_default=sa.text("''")
        ),
    )

    op.create_table(
        "honours",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("recipient", sa.String(length=100), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("issuer", sa.String(length=100), nullable=False),
        sa.Column("awarded_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_honours_member_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_units.id"], name=op.f("fk_honours_unit_id_org_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_honours")),
    )
    with op.batch_alter_table("honours", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_honours_member_id"), ["member_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_honours_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "study_focus",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_units.id"], name=op.f("fk_study_focus_unit_id_org_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_study_focus")),
    )
    with op.batch_alter_table("study_focus", schema=None) as batch_op:
        batch_op.create_index("ix_study_focus_unit_year", ["unit_id", "year"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("study_focus", schema=None) as batch_op:
        batch_op.drop_index("ix_study_focus_unit_year")
    op.drop_table("study_focus")
    with op.batch_alter_table("honours", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_honours_unit_id"))
        batch_op.drop_index(batch_op.f("ix_honours_member_id"))
    op.drop_table("honours")
    # SQLite's own DROP COLUMN (3.35+): a batch rebuild of a table other tables point at would
    # trip their foreign keys.
    for table, column in [
        ("events", "activity_kind"),
        ("org_units", "ledger_start"),
        ("dues_assessments", "carried_from"),
        ("attendance", "grade"),
    ]:
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
