"""Party dues: assessments, payments with their months, remittances.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dues_remittances",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("remitted_on", sa.Date(), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("large_fen", sa.Integer(), nullable=False),
        sa.Column("covers", sa.String(length=100), nullable=False),
        sa.Column("receipt_no", sa.String(length=60), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_units.id"], name=op.f("fk_dues_remittances_unit_id_org_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dues_remittances")),
    )
    with op.batch_alter_table("dues_remittances", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dues_remittances_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "dues_assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("from_month", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=10), nullable=False),
        sa.Column("base_fen", sa.Integer(), nullable=False),
        sa.Column("parts", sa.Text(), nullable=False),
        sa.Column("rate_bp", sa.Integer(), nullable=True),
        sa.Column("computed_fen", sa.Integer(), nullable=False),
        sa.Column("monthly_due_fen", sa.Integer(), nullable=False),
        sa.Column("reduction", sa.String(length=4), nullable=False),
        sa.Column("approval_ref", sa.String(length=100), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_dues_assessments_member_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dues_assessments")),
        sa.UniqueConstraint(
            "member_id", "year", "from_month", name=op.f("uq_dues_assessments_member_id")
        ),
    )
    with op.batch_alter_table("dues_assessments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dues_assessments_member_id"), ["member_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_dues_assessments_year"), ["year"], unique=False)

    op.create_table(
        "dues_payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("extra_fen", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=10), nullable=False),
        sa.Column("collector", sa.String(length=60), nullable=False),
        sa.Column("reversal_of_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_dues_payments_member_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["reversal_of_id"],
            ["dues_payments.id"],
            name=op.f("fk_dues_payments_reversal_of_id_dues_payments"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dues_payments")),
    )
    with op.batch_alter_table("dues_payments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dues_payments_member_id"), ["member_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_dues_payments_paid_on"), ["paid_on"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_dues_payments_reversal_of_id"), ["reversal_of_id"], unique=False
        )

    op.create_table(
        "dues_payment_months",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("payment_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_dues_payment_months_member_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["payment_id"],
            ["dues_payments.id"],
            name=op.f("fk_dues_payment_months_payment_id_dues_payments"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dues_payment_months")),
    )
    with op.batch_alter_table("dues_payment_months", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dues_payment_months_month"), ["month"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_dues_payment_months_payment_id"), ["payment_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("dues_payment_months", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dues_payment_months_payment_id"))
        batch_op.drop_index(batch_op.f("ix_dues_payment_months_month"))

    op.drop_table("dues_payment_months")
    with op.batch_alter_table("dues_payments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dues_payments_reversal_of_id"))
        batch_op.drop_index(batch_op.f("ix_dues_payments_paid_on"))
        batch_op.drop_index(batch_op.f("ix_dues_payments_member_id"))

    op.drop_table("dues_payments")
    with op.batch_alter_table("dues_assessments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dues_assessments_year"))
        batch_op.drop_index(batch_op.f("ix_dues_assessments_member_id"))

    op.drop_table("dues_assessments")
    with op.batch_alter_table("dues_remittances", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dues_remittances_unit_id"))

    op.drop_table("dues_remittances")
