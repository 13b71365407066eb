"""Index paid dues months by member and month (the dues matrix reads them that way).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dues_payment_months", schema=None) as batch_op:
        batch_op.create_index(
            "ix_dues_payment_months_member_month", ["member_id", "month"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("dues_payment_months", schema=None) as batch_op:
        batch_op.drop_index("ix_dues_payment_months_member_month")
