"""A case records the court that hears it, as its papers name it.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06 05:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("legal_case", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("court_name", sa.String(length=200), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("legal_case", schema=None) as batch_op:
        batch_op.drop_column("court_name")
