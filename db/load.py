"""Load a directory of per-document JSON files (OUT/**/*.json) into a database.

    from fujian.db.load import load_directory
    summary = load_directory(Path("out"))                      # → out/fujian.sqlite
    summary = load_directory(Path("out"), "postgresql+psycopg://user@host/db")

Idempotence. A document is identified by `file`, its input's path relative to OUT
(`docs/a.pdf` for `OUT/docs/a.pdf.json`). Its `content_sha256` is the hash of the JSON content
(minus "extracted_at"), so it changes whenever the input bytes (source.sha256) change, and also
when a newer tool extracts the same input differently:
  - same file, same content hash → nothing is written (row ids stay as they are);
  - same file, new content hash  → the document row is updated in place (its id is kept) and all
    of its projects, indicators, warnings and other tables are deleted and inserted anew;
  - new file                     → inserted.
Documents that are in the database but no longer under OUT are left alone: a load adds and
refreshes, it never prunes.

Transactions. By default each document is loaded in its own transaction: a crash, a kill or a
bad document part-way through leaves every document either fully as before or fully new, and
the documents already committed stay (a rerun skips them and continues). A batch of thousands
of documents therefore never loses finished work, and never holds one long write lock. With
`atomic=True` the whole load is a single transaction instead: all of it or none of it (for
replacing a published database in one step; a bad document then fails the whole load).
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Optional, Union

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.engine import URL, Connection
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError

from fujian.db.document_rows import DocumentError, DocumentRows, content_sha256, document_rows
from fujian.db.engine import first_line, open_engine, resolve_url, shown
from fujian.db.errors import LoadError
from fujian.db.schema import (budget_rows, budget_tables, budget_values, checks, documents, indicators,
                              narrative, other_tables, projects, warnings)

REPORT_NAME = "report.json"

INSERTED, REPLACED, UNCHANGED, FAILED, IGNORED = (
    "inserted", "replaced", "unchanged", "failed", "ignored")


@dataclass
class LoadSummary:
    url: str  # password hidden
    files: int = 0  # JSON files found under OUT
    inserted: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, message)
    ignored: list[tuple[str, str]] = field(default_factory=list)  # JSON that is no document
    projects_written: int = 0
    indicators_written: int = 0
    # What the database holds after the load (all documents, not only this OUT's).
    total_documents: int = 0
    total_projects: int = 0
    total_indicators: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    def __str__(self) -> str:
        return (f"{self.url}: {self.inserted} inserted, {self.replaced} replaced, "
                f"{self.unchanged} unchanged, {len(self.failed)} failed "
                f"({self.projects_written} projects, {self.indicators_written} indicators "
                f"written) in {self.seconds:.1f}s")


ProgressCallback = Callable[[str, str], None]  # (file, status)


def find_document_files(out_dir: Path) -> list[Path]:
    """The per-document JSON files under `out_dir`, sorted; LoadError when there are none."""
    out_dir = Path(out_dir)
    if not out_dir.exists():
        raise LoadError(f"{out_dir} does not exist")
    if not out_dir.is_dir():
        raise LoadError(f"{out_dir} is not a directory: give the output directory of "
                        "`fujian extract`")
    files = sorted(p for p in out_dir.rglob("*.json")
                   if p.is_file() and p != out_dir / REPORT_NAME
                   and not any(part.startswith(".") for part in p.relative_to(out_dir).parts))
    if not files:
        raise LoadError(f"no per-document JSON files (*.json) under {out_dir}: "
                        "run `fujian extract INPUT -o OUT` first")
    return files


def document_key(out_dir: Path, json_path: Path) -> str:
    """`docs/a.pdf` for OUT/docs/a.pdf.json."""
    rel = json_path.relative_to(out_dir).as_posix()
    return rel[: -len(".json")] if rel.endswith(".json") else rel


def load_directory(out_dir: Path, url: Union[str, URL, None] = None, *, atomic: bool = False,
                   progress: Optional[ProgressCallback] = None) -> LoadSummary:
    """Load every per-document JSON under `out_dir` into the database at `url`.

    `url`: any SQLAlchemy URL, a plain SQLite file path, or None for OUT/fujian.sqlite.
    Raises LoadError for a bad URL, an unreachable server, a directory with no JSON, or (with
    atomic=True) any document that cannot be loaded. A document that cannot be read or stored
    is otherwise listed in `summary.failed` and the load goes on.
    """
    started = time.monotonic()
    out_dir = Path(out_dir)
    files = find_document_files(out_dir)
    db_url = resolve_url(out_dir, url)
    summary = LoadSummary(url=shown(db_url), files=len(files))
    engine = open_engine(db_url)
    try:
        if atomic:
            _load_all_in_one_transaction(engine, out_dir, files, summary, progress)
        else:
            for path in files:
                _load_file_own_transaction(engine, out_dir, path, summary, progress)
        _count_totals(engine, summary)
    finally:
        engine.dispose()
    summary.seconds = time.monotonic() - started
    return summary


def _load_file_own_transaction(engine, out_dir, path, summary, progress) -> None:
    key = document_key(out_dir, path)
    try:
        pending = _read_document(path, key)
    except _NotADocument as exc:
        _record(summary, progress, key, IGNORED, str(exc))
        return
    except DocumentError as exc:
        _record(summary, progress, key, FAILED, str(exc))
        return
    for attempt in (1, 2):
        try:
            with engine.begin() as conn:
                status = write_document(conn, pending)
            break
        except DocumentError as exc:  # found while building its rows; the transaction rolled back
            _record(summary, progress, key, FAILED, str(exc))
            return
        except IntegrityError as exc:
            # Another loader inserted the same file meanwhile: the second attempt sees its row.
            if attempt == 2:
                _record(summary, progress, key, FAILED, f"database refused it: {first_line(exc)}")
                return
        except (OperationalError, InterfaceError) as exc:
            done = summary.inserted + summary.replaced + summary.unchanged
            raise LoadError(
                f"database error while loading {key} into {summary.url}: {first_line(exc)}. "
                f"The {done} documents before it are committed; run the load again to "
                "continue") from None
        except DBAPIError as exc:
            _record(summary, progress, key, FAILED, f"database refused it: {first_line(exc)}")
            return
    _record(summary, progress, key, status, None, pending)


def _load_all_in_one_transaction(engine, out_dir, files, summary, progress) -> None:
    try:
        with engine.begin() as conn:
            for path in files:
                key = document_key(out_dir, path)
                try:
                    pending = _read_document(path, key)
                    status = write_document(conn, pending)
                except _NotADocument as exc:
                    _record(summary, progress, key, IGNORED, str(exc))
                    continue
                except DocumentError as exc:
                    raise LoadError(f"{key}: {exc} (atomic load: nothing was written)") from None
                _record(summary, progress, key, status, None, pending)
    except DBAPIError as exc:
        raise LoadError(f"database error during the atomic load into {summary.url}: "
                        f"{first_line(exc)}; nothing was written") from None
    except LoadError:
        summary.inserted = summary.replaced = summary.unchanged = 0
        raise


class _NotADocument(Exception):
    pass


@dataclass
class PendingDocument:
    """A per-document JSON read from disk; its rows are built only if it has to be written."""
    file: str
    doc: dict
    content_sha256: str
    modified_at: datetime
    _rows: Optional[DocumentRows] = None

    def rows(self) -> DocumentRows:
        if self._rows is None:
            self._rows = document_rows(self.doc, self.file, modified_at=self.modified_at,
                                       content_hash=self.content_sha256)
        return self._rows


def _read_document(path: Path, key: str) -> PendingDocument:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DocumentError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise DocumentError("not UTF-8 text") from None
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise DocumentError(f"not valid JSON ({exc}); re-extract it") from None
    if isinstance(doc, dict) and "projects" not in doc:
        raise _NotADocument('no "projects" key: not a per-document JSON')
    if not isinstance(doc, dict) or not isinstance(doc["projects"], list):
        raise DocumentError('not a per-document JSON (an object with a "projects" list)')
    modified = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
    return PendingDocument(file=key, doc=doc, content_sha256=content_sha256(doc),
                           modified_at=modified)


_FIND_DOCUMENT = (select(documents.c.id, documents.c.content_sha256)
                  .where(documents.c.file == bindparam("file")).with_for_update())
_UPDATE_DOCUMENT = update(documents).where(documents.c.id == bindparam("document_id"))


def write_document(conn: Connection, pending: PendingDocument) -> str:
    """Insert, replace or skip one document inside the caller's transaction; returns the status.

    Statements take their values as parameters (not .values(...)), so SQLAlchemy compiles each
    one once per load instead of once per row.
    """
    existing = conn.execute(_FIND_DOCUMENT, {"file": pending.file}).first()
    if existing is not None and existing.content_sha256 == pending.content_sha256:
        return UNCHANGED
    rows = pending.rows()
    doc = rows.document
    if existing is not None:
        document_id = existing.id
        _delete_children(conn, document_id)
        conn.execute(_UPDATE_DOCUMENT, {"document_id": document_id, **doc})
        status = REPLACED
    else:
        document_id = conn.execute(insert(documents), doc).inserted_primary_key[0]
        status = INSERTED
    project_ids = _insert_projects(conn, document_id, rows)
    indicator_rows = [{"project_id": project_id, **ind}
                      for project_id, prows in zip(project_ids, rows.projects)
                      for ind in prows.indicators]
    if indicator_rows:
        conn.execute(insert(indicators), indicator_rows)
    if rows.warnings:
        conn.execute(insert(warnings), [{"document_id": document_id, **w} for w in rows.warnings])
    if rows.other_tables:
        conn.execute(insert(other_tables),
                     [{"document_id": document_id, **t} for t in rows.other_tables])
    _insert_budget_tables(conn, document_id, rows)
    if rows.checks:
        conn.execute(insert(checks), [{"document_id": document_id, **c} for c in rows.checks])
    if rows.narrative:
        conn.execute(insert(narrative), [{"document_id": document_id, **p} for p in rows.narrative])
    return status


def _insert_budget_tables(conn: Connection, document_id: int, rows: DocumentRows) -> None:
    if not rows.budget_tables:
        return
    table_ids = _insert_returning(conn, budget_tables,
                                  [{"document_id": document_id, **t.table} for t in rows.budget_tables])
    row_params, row_values = [], []
    for table_id, t in zip(table_ids, rows.budget_tables):
        for r in t.rows:
            row_params.append({"budget_table_id": table_id, **{k: v for k, v in r.items() if k != "values"}})
            row_values.append(r["values"])
    row_ids = _insert_returning(conn, budget_rows, row_params)
    values = [{"budget_row_id": row_id, **v} for row_id, vs in zip(row_ids, row_values) for v in vs]
    if values:
        conn.execute(insert(budget_values), values)


def _insert_returning(conn: Connection, table, params: list[dict]) -> list[int]:
    """The new rows' ids, in `params` order (one INSERT … RETURNING where the database can
    say which id belongs to which row, else one INSERT per row)."""
    if not params:
        return []
    if conn.dialect.insert_executemany_returning_sort_by_parameter_order:
        result = conn.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), params)
        return [row.id for row in result]
    return [conn.execute(insert(table), p).inserted_primary_key[0] for p in params]


def _insert_projects(conn: Connection, document_id: int, rows: DocumentRows) -> list[int]:
    """The new projects' ids, in rows.projects order: one multi-row INSERT … RETURNING where
    the database can say which id belongs to which row (SQLite ≥ 3.35, PostgreSQL), else one
    INSERT per project."""
    params = [{"document_id": document_id, **p.project} for p in rows.projects]
    if not params:
        return []
    if conn.dialect.insert_executemany_returning_sort_by_parameter_order:
        result = conn.execute(
            insert(projects).returning(projects.c.id, sort_by_parameter_order=True), params)
        return [row.id for row in result]
    return [conn.execute(insert(projects), p).inserted_primary_key[0] for p in params]


def _delete_children(conn: Connection, document_id: int) -> None:
    project_ids = select(projects.c.id).where(projects.c.document_id == document_id)
    conn.execute(delete(indicators).where(indicators.c.project_id.in_(project_ids)))
    conn.execute(delete(projects).where(projects.c.document_id == document_id))
    table_ids = select(budget_tables.c.id).where(budget_tables.c.document_id == document_id)
    row_ids = select(budget_rows.c.id).where(budget_rows.c.budget_table_id.in_(table_ids))
    conn.execute(delete(budget_values).where(budget_values.c.budget_row_id.in_(row_ids)))
    conn.execute(delete(budget_rows).where(budget_rows.c.budget_table_id.in_(table_ids)))
    conn.execute(delete(budget_tables).where(budget_tables.c.document_id == document_id))
    conn.execute(delete(checks).where(checks.c.document_id == document_id))
    conn.execute(delete(narrative).where(narrative.c.document_id == document_id))
    conn.execute(delete(warnings).where(warnings.c.document_id == document_id))
    conn.execute(delete(other_tables).where(other_tables.c.document_id == document_id))


def _record(summary: LoadSummary, progress, key: str, status: str, message: Optional[str],
            pending: Optional[PendingDocument] = None) -> None:
    if status == FAILED:
        summary.failed.append((key, message or "failed"))
    elif status == IGNORED:
        summary.ignored.append((key, message or "ignored"))
    else:
        setattr(summary, status, getattr(summary, status) + 1)
        if status in (INSERTED, REPLACED) and pending is not None:
            rows = pending.rows()
            summary.projects_written += len(rows.projects)
            summary.indicators_written += rows.indicator_count
    if progress is not None:
        progress(key, status)


def _count_totals(engine, summary: LoadSummary) -> None:
    try:
        _count_totals_unguarded(engine, summary)
    except DBAPIError as exc:
        raise LoadError(f"the load into {summary.url} finished but counting its rows failed: "
                        f"{first_line(exc)}") from None


def _count_totals_unguarded(engine, summary: LoadSummary) -> None:
    with engine.connect() as conn:
        summary.total_documents = conn.execute(select(func.count()).select_from(documents)).scalar()
        summary.total_projects = conn.execute(select(func.count()).select_from(projects)).scalar()
        summary.total_indicators = conn.execute(
            select(func.count()).select_from(indicators)).scalar()
