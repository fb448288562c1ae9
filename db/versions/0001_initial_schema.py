"""Initial schema: the data model of DESIGN.md.

Revision ID: 0001
Revises:
Create Date: 2026-11-26 03:56:00.833529
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("entity", sa.String(length=60), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index("ix_audit_event_entity", ["entity", "entity_id", "at"], unique=False)

    op.create_table(
        "backup_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("folder", sa.Text(), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_backup_record")),
    )
    with op.batch_alter_table("backup_record", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_backup_record_created_at"), ["created_at"], unique=False
        )

    op.create_table(
        "client",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("given_name", sa.String(length=200), nullable=False),
        sa.Column("family_name", sa.String(length=200), nullable=False),
        sa.Column("preferred_name", sa.String(length=200), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("a_number", sa.String(length=12), nullable=True),
        sa.Column("preferred_language", sa.String(length=8), nullable=False),
        sa.Column("phone", sa.String(length=60), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("safe_contact", sa.Text(), nullable=False),
        sa.Column("immigration_status", sa.String(length=40), nullable=False),
        sa.Column("status_document", sa.String(length=200), nullable=False),
        sa.Column("status_expires_on", sa.Date(), nullable=True),
        sa.Column("entry_date", sa.Date(), nullable=True),
        sa.Column("entered_without_inspection", sa.Boolean(), nullable=False),
        sa.Column("final_removal_order", sa.Boolean(), nullable=False),
        sa.Column("prior_removal", sa.Boolean(), nullable=False),
        sa.Column("ice_detainer_history", sa.Boolean(), nullable=False),
        sa.Column("gang_allegation", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_client")),
    )
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.create_index("ix_client_family_given", ["family_name", "given_name"], unique=False)

    op.create_table(
        "courthouse",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("court_kinds", sa.String(length=200), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("city", sa.String(length=120), nullable=False),
        sa.Column("state", sa.String(length=2), nullable=False),
        sa.Column("postal_code", sa.String(length=20), nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("ice_field_office_key", sa.String(length=80), nullable=False),
        sa.Column("screened_entry", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("reference_key", sa.String(length=80), nullable=True),
        sa.Column("office_edited", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_courthouse")),
        sa.UniqueConstraint("reference_key", name=op.f("uq_courthouse_reference_key")),
    )
    with op.batch_alter_table("courthouse", schema=None) as batch_op:
        batch_op.create_index("ix_courthouse_city_state", ["state", "city"], unique=False)

    op.create_table(
        "ice_field_office",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference_key", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("director_title", sa.String(length=200), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("city", sa.String(length=120), nullable=False),
        sa.Column("state", sa.String(length=2), nullable=False),
        sa.Column("postal_code", sa.String(length=20), nullable=False),
        sa.Column("area_states", sa.String(length=200), nullable=False),
        sa.Column("office_edited", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ice_field_office")),
        sa.UniqueConstraint("reference_key", name=op.f("uq_ice_field_office_reference_key")),
    )
    op.create_table(
        "letter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=60), nullable=False),
        sa.Column("template_name", sa.String(length=120), nullable=False),
        sa.Column("template_version", sa.String(length=60), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("recipients", sa.Text(), nullable=False),
        sa.Column("signatories", sa.Text(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter")),
    )
    with op.batch_alter_table("letter", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_letter_created_at"), ["created_at"], unique=False)

    op.create_table(
        "office",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("phone", sa.String(length=60), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=2), nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("default_languages", sa.String(length=100), nullable=False),
        sa.Column("letterhead_logo", sa.LargeBinary(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_office")),
    )
    op.create_table(
        "office_setting",
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_office_setting")),
    )
    op.create_table(
        "signatory_set",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("signatories", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signatory_set")),
        sa.UniqueConstraint("name", name=op.f("uq_signatory_set_name")),
    )
    op.create_table(
        "staff_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=40), nullable=False),
        sa.Column("bar_number", sa.String(length=60), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_member")),
    )
    op.create_table(
        "client_name_token",
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["client.id"],
            name=op.f("fk_client_name_token_client_id_client"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("client_id", "token", name=op.f("pk_client_name_token")),
    )
    with op.batch_alter_table("client_name_token", schema=None) as batch_op:
        batch_op.create_index("ix_client_name_token_token", ["token", "client_id"], unique=False)

    op.create_table(
        "criminal_history_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("offence", sa.String(length=300), nullable=False),
        sa.Column("offence_date", sa.Date(), nullable=True),
        sa.Column("offence_class", sa.String(length=40), nullable=False),
        sa.Column("dui", sa.Boolean(), nullable=False),
        sa.Column("pending", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["client.id"],
            name=op.f("fk_criminal_history_entry_client_id_client"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_criminal_history_entry")),
    )
    with op.batch_alter_table("criminal_history_entry", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_criminal_history_entry_client_id"), ["client_id"], unique=False
        )

    op.create_table(
        "enforcement_incident",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("courthouse_id", sa.Integer(), nullable=True),
        sa.Column("location_text", sa.String(length=300), nullable=False),
        sa.Column("city", sa.String(length=120), nullable=False),
        sa.Column("state", sa.String(length=2), nullable=False),
        sa.Column("location_kind", sa.String(length=40), nullable=False),
        sa.Column("agency", sa.String(length=120), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("people_arrested", sa.Integer(), nullable=False),
        sa.Column("markings", sa.String(length=200), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["courthouse_id"],
            ["courthouse.id"],
            name=op.f("fk_enforcement_incident_courthouse_id_courthouse"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enforcement_incident")),
    )
    with op.batch_alter_table("enforcement_incident", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_enforcement_incident_courthouse_id"), ["courthouse_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_enforcement_incident_occurred_at"), ["occurred_at"], unique=False
        )

    op.create_table(
        "legal_case",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("docket_number", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("client_role", sa.String(length=40), nullable=False),
        sa.Column("assigned_staff_id", sa.Integer(), nullable=True),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assigned_staff_id"],
            ["staff_member.id"],
            name=op.f("fk_legal_case_assigned_staff_id_staff_member"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["client.id"],
            name=op.f("fk_legal_case_client_id_client"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_legal_case")),
    )
    with op.batch_alter_table("legal_case", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_legal_case_assigned_staff_id"), ["assigned_staff_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_legal_case_client_id"), ["client_id"], unique=False)

    op.create_table(
        "letter_link",
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["letter_id"],
            ["letter.id"],
            name=op.f("fk_letter_link_letter_id_letter"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("letter_id", "entity", "entity_id", name=op.f("pk_letter_link")),
    )
    with op.batch_alter_table("letter_link", schema=None) as batch_op:
        batch_op.create_index("ix_letter_link_entity", ["entity", "entity_id"], unique=False)

    op.create_table(
        "case_party",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("relationship_note", sa.String(length=200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["legal_case.id"],
            name=op.f("fk_case_party_case_id_legal_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_party")),
    )
    with op.batch_alter_table("case_party", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_party_case_id"), ["case_id"], unique=False)

    op.create_table(
        "hearing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("courthouse_id", sa.Integer(), nullable=False),
        sa.Column("courtroom", sa.String(length=60), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("hearing_type", sa.String(length=40), nullable=False),
        sa.Column("court_kind", sa.String(length=40), nullable=False),
        sa.Column("mode", sa.String(length=40), nullable=False),
        sa.Column("judge", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("outcome", sa.String(length=40), nullable=True),
        sa.Column("advisory_sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reminder_sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["legal_case.id"],
            name=op.f("fk_hearing_case_id_legal_case"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["courthouse_id"],
            ["courthouse.id"],
            name=op.f("fk_hearing_courthouse_id_courthouse"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hearing")),
    )
    with op.batch_alter_table("hearing", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_hearing_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_hearing_courthouse_id"), ["courthouse_id"], unique=False
        )
        batch_op.create_index("ix_hearing_starts_at", ["starts_at", "id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("hearing", schema=None) as batch_op:
        batch_op.drop_index("ix_hearing_starts_at")
        batch_op.drop_index(batch_op.f("ix_hearing_courthouse_id"))
        batch_op.drop_index(batch_op.f("ix_hearing_case_id"))

    op.drop_table("hearing")
    with op.batch_alter_table("case_party", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_party_case_id"))

    op.drop_table("case_party")
    with op.batch_alter_table("letter_link", schema=None) as batch_op:
        batch_op.drop_index("ix_letter_link_entity")

    op.drop_table("letter_link")
    with op.batch_alter_table("legal_case", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_legal_case_client_id"))
        batch_op.drop_index(batch_op.f("ix_legal_case_assigned_staff_id"))

    op.drop_table("legal_case")
    with op.batch_alter_table("enforcement_incident", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enforcement_incident_occurred_at"))
        batch_op.drop_index(batch_op.f("ix_enforcement_incident_courthouse_id"))

    op.drop_table("enforcement_incident")
    with op.batch_alter_table("criminal_history_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_criminal_history_entry_client_id"))

    op.drop_table("criminal_history_entry")
    with op.batch_alter_table("client_name_token", schema=None) as batch_op:
        batch_op.drop_index("ix_client_name_token_token")

    op.drop_table("client_name_token")
    op.drop_table("staff_member")
    op.drop_table("signatory_set")
    op.drop_table("office_setting")
    op.drop_table("office")
    with op.batch_alter_table("letter", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_letter_created_at"))

    op.drop_table("letter")
    op.drop_table("ice_field_office")
    with op.batch_alter_table("courthouse", schema=None) as batch_op:
        batch_op.drop_index("ix_courthouse_city_state")

    op.drop_table("courthouse")
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.drop_index("ix_client_family_given")

    op.drop_table("client")
    with op.batch_alter_table("backup_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_backup_record_created_at"))

    op.drop_table("backup_record")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_event_entity")

    op.drop_table("audit_event")
