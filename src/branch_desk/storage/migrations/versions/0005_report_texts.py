"""Year-end summary narratives edited by the secretary, per unit and year.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_texts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_units.id"], name=op.f("fk_report_texts_unit_id_org_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_texts")),
        sa.UniqueConstraint("unit_id", "year", "key", name=op.f("uq_report_texts_unit_id")),
    )
    with op.batch_alter_table("report_texts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_report_texts_unit_id"), ["unit_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("report_texts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_texts_unit_id"))

    op.drop_table("report_texts")
