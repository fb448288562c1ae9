"""Remote hearings carry how to join; a bar number carries its state; status "not asked yet".

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06 05:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_JOIN_COLUMNS = (("join_url", 500), ("join_phone", 60), ("meeting_id", 60), ("passcode", 60))


def upgrade() -> None:
    with op.batch_alter_table("hearing", schema=None) as batch_op:
        for name, length in _JOIN_COLUMNS:
            batch_op.add_column(
                sa.Column(name, sa.String(length=length), nullable=False, server_default="")
            )
    with op.batch_alter_table("staff_member", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("bar_state", sa.String(length=2), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("staff_member", schema=None) as batch_op:
        batch_op.drop_column("bar_state")
    with op.batch_alter_table("hearing", schema=None) as batch_op:
        for name, _ in reversed(_JOIN_COLUMNS):
            batch_op.drop_column(name)
