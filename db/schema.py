"""The database schema: documents → projects → indicators, plus warnings and other tables.

One row in `documents` per per-document JSON file, keyed by `file` (the input's path relative
to OUT, e.g. `docs/a.pdf`). Every other table hangs off a document through a foreign key with
ON DELETE CASCADE, so deleting a document row removes all of its rows (the loader also deletes
children explicitly, so this holds even where foreign keys are not enforced).

Ids are never reused (AUTOINCREMENT on SQLite, sequences on PostgreSQL), so an id that once
named a deleted row never names another.

Portable across SQLite and PostgreSQL: JSON columns are JSONB on PostgreSQL; amounts and parsed
target numbers are NUMERIC (exact on PostgreSQL; SQLite stores them with its NUMERIC affinity).
"""
from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB

# Bump when a table changes shape; stored in schema_info so a mismatch is reported clearly.
SCHEMA_VERSION = 1

metadata = MetaData()

# none_as_null: a missing value is SQL NULL, not the JSON literal null.
JSONType = JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")
Amount = Numeric(24, 6)

schema_info = Table(
    "fujian_schema",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", String(255), nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # The input's path relative to OUT (the JSON's relative path without ".json").
    Column("file", String(768), nullable=False, unique=True),
    Column("source_file", Text),  # source.file as written in the JSON
    Column("sha256", String(64)),  # of the input bytes (source.sha256)
    # Of the JSON content (volatile keys excluded): equal → the load skips the document.
    Column("content_sha256", String(64), nullable=False),
    Column("format", String(32)),
    Column("title", Text),
    Column("pages", Integer),
    Column("schema_version", Integer),
    Column("extracted_at", DateTime(timezone=True)),
    Column("tool_name", String(128)),
    Column("tool_version", String(128)),
    Column("loaded_at", DateTime(timezone=True), nullable=False),
    Column("other_keys", JSONType),  # top-level JSON keys this schema has no column for
    sqlite_autoincrement=True,
)

projects = Table(
    "projects",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("table_title", Text),
    Column("project_name", Text),
    Column("department", Text),
    Column("implementing_unit", Text),
    Column("project_type", Text),
    Column("duration", Text),
    Column("managing_office", Text),
    Column("annual_amount", Amount),  # in amount_unit, as printed
    Column("amount_unit", String(32)),
    Column("annual_amount_wanyuan", Amount),  # the same amount in 万元 (NULL for unknown units)
    Column("overall_goal", Text),
    Column("extra_fields", JSONType),
    Column("pages", JSONType),  # list of page numbers
    Column("page", Integer),  # first page
    Column("bbox", JSONType),
    Column("other_keys", JSONType),  # project keys this schema has no column for
    UniqueConstraint("document_id", "seq", name="uq_projects_document_seq"),
    sqlite_autoincrement=True,
)

indicators = Table(
    "indicators",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("project_id", Integer, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),  # 1-based, the table's order
    Column("level1_code", String(64)),
    Column("level1", Text),
    Column("level2_code", String(64)),
    Column("level2", Text),
    Column("level3", Text),
    Column("target", Text),
    # target_parsed, flattened: comparator is one of = >= <= > < range qualitative
    Column("comparator", String(32)),
    Column("value", Amount),
    Column("low", Amount),
    Column("high", Amount),
    Column("unit", String(64)),
    Column("qualifier", Text),
    Column("target_parsed", JSONType),  # the whole parsed object (parts, year …)
    Column("target_parsed_by", String(16)),  # "pipeline" (from the JSON) or "loader"
    Column("page", Integer),
    Column("bbox", JSONType),
    Column("extra", JSONType),
    Column("raw", JSONType),
    Column("other_keys", JSONType),  # indicator keys this schema has no column for
    UniqueConstraint("project_id", "position", name="uq_indicators_project_position"),
    sqlite_autoincrement=True,
)

warnings = Table(
    "warnings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("project_seq", Integer),
    Column("code", String(128)),
    Column("message", Text),
    Column("page", Integer),
    sqlite_autoincrement=True,
)

other_tables = Table(
    "other_tables",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("page", Integer),
    Column("rows", JSONType),
    sqlite_autoincrement=True,
)

Index("ix_projects_document", projects.c.document_id)
Index("ix_indicators_project", indicators.c.project_id)
Index("ix_warnings_document", warnings.c.document_id)
Index("ix_other_tables_document", other_tables.c.document_id)

# Children of a document, deepest first: the order in which they are deleted.
DOCUMENT_CHILD_TABLES = (indicators, projects, warnings, other_tables)
