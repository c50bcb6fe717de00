"""The database schema: documents → projects → indicators; documents → budget_tables →
budget_rows → budget_values (long format: one row per printed amount); checks, narrative,
warnings and other tables.

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
    Boolean,
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
SCHEMA_VERSION = 2  # 2: document identity, budget tables, checks, narrative

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
    # the bundle's identity (the JSON's `document`): 预算 / 决算, year, organisation, 部门 / 单位
    Column("doc_kind", String(16)),
    Column("doc_year", Integer),
    Column("organization", Text),
    Column("doc_level", String(16)),
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

budget_tables = Table(
    "budget_tables",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),  # 1-based, printed order
    Column("kind", String(64), nullable=False),  # summary, revenue … (docs/SPEC.md)
    Column("title", Text),
    Column("unit", String(32)),
    Column("pages", JSONType),
    Column("columns", JSONType),  # [{"id", "header", "side", "panel"}]
    Column("note", Text),
    Column("empty", Boolean),
    UniqueConstraint("document_id", "position", name="uq_budget_tables_document_position"),
    sqlite_autoincrement=True,
)

budget_rows = Table(
    "budget_rows",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("budget_table_id", Integer, ForeignKey("budget_tables.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("code", String(32)),  # classification code as printed, leading zeros kept
    Column("level", String(16)),  # 类 款 项 total subtotal item
    Column("name", Text),
    Column("group_label", Text),
    Column("side", String(16)),
    Column("panel", Integer),
    Column("page", Integer),
    UniqueConstraint("budget_table_id", "position", name="uq_budget_rows_table_position"),
    sqlite_autoincrement=True,
)

budget_values = Table(
    "budget_values",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("budget_row_id", Integer, ForeignKey("budget_rows.id", ondelete="CASCADE"), nullable=False),
    Column("column_id", String(128), nullable=False),  # total, basic, sg_abroad.final …
    Column("value", Amount),  # in the table's unit, exact as printed; NULL for a blank cell
    Column("value_wanyuan", Amount),  # the same amount in 万元
    Column("raw", Text),  # a dash or text printed instead of a number
    UniqueConstraint("budget_row_id", "column_id", name="uq_budget_values_row_column"),
    sqlite_autoincrement=True,
)

checks = Table(
    "checks",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("check_id", String(128), nullable=False),  # summary.balance, cross.gpb_basic …
    Column("status", String(32), nullable=False),  # pass rounding fail not_applicable
    Column("rule", Text),
    Column("lhs", Amount),
    Column("rhs", Amount),
    Column("difference", Amount),
    Column("tolerance", Amount),
    Column("unit", String(32)),
    Column("tables", JSONType),
    Column("pages", JSONType),
    Column("message", Text),
    Column("sentence", Text),  # narrative checks: the sentence checked
    sqlite_autoincrement=True,
)

narrative = Table(
    "narrative",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("page", Integer),
    Column("heading", Text),
    Column("text", Text),
    sqlite_autoincrement=True,
)

Index("ix_projects_document", projects.c.document_id)
Index("ix_budget_tables_document", budget_tables.c.document_id)
Index("ix_budget_rows_table", budget_rows.c.budget_table_id)
Index("ix_budget_values_row", budget_values.c.budget_row_id)
Index("ix_budget_values_column", budget_values.c.column_id)
Index("ix_checks_document", checks.c.document_id)
Index("ix_narrative_document", narrative.c.document_id)
Index("ix_indicators_project", indicators.c.project_id)
Index("ix_warnings_document", warnings.c.document_id)
Index("ix_other_tables_document", other_tables.c.document_id)

# Children of a document, deepest first: the order in which they are deleted.
DOCUMENT_CHILD_TABLES = (indicators, projects, budget_values, budget_rows, budget_tables, checks,
                         narrative, warnings, other_tables)
