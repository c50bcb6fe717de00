"""Document → DocumentRecord: the normaliser's one entry point.

    record = normalize_document(doc)

1. rows (rows.py) without page furniture (furniture.py);
2. regions, classified (regions.py): performance tables, budget tables, other tables, text;
3. each kind read by its own reader — projects.py (performance tables; rows it does not take
   are handed back and classified again, never as a project), budget_tables.py,
   other_tables.py, narrative.py — and the document's identity (document_info.py).

Checks run after this stage, on the records (fujian.checks).
"""
from __future__ import annotations

from ..extract.model import Document
from .budget_tables import read_budget_tables
from .document_info import attachment_title, cover_title, document_info
from .furniture import drop_furniture
from .narrative import read_narrative
from .other_tables import clean_table
from .projects import read_projects
from .records import DocumentRecord, Warning_
from .regions import PERFORMANCE, TABLE, TEXT, Region, classify, segment
from .rows import document_rows


def normalize_document(doc: Document, release: bool = False) -> DocumentRecord:
    """`release=True`: the document's items are let go as their rows are made (doc.items is
    left empty; the pipeline does not need them afterwards)."""
    rows = list(document_rows(doc, release))
    rows, furniture_warnings = drop_furniture(rows, dump=doc.format == "txt")
    regions = classify(segment(rows))
    performance_rows = [r for reg in regions if reg.kind == PERFORMANCE for r in reg.all_rows()]
    read = read_projects(performance_rows) if performance_rows else None
    regions = _with_leftover(regions, {id(r) for r in read.leftover} if read else set())

    record = DocumentRecord()
    record.warnings = [Warning_(w.get("code", "extract"), w.get("message", ""), w.get("page"),
                                bbox=w.get("bbox")) for w in doc.warnings] + furniture_warnings
    if read is not None:
        record.projects, record.title = read.projects, read.title
        record.warnings += read.warnings
    record.budget_tables, budget_warnings = read_budget_tables(regions)
    record.warnings += budget_warnings
    for region in regions:
        if region.kind == TABLE:
            table = clean_table(region)
            if table is not None:
                record.tables.append(table)
    record.narrative = read_narrative(regions)
    record.title = record.title or attachment_title(regions) or cover_title(regions)
    record.document = document_info(record.title, regions, record.budget_tables)
    return record


def _with_leftover(regions: list[Region], leftover: set[int]) -> list[Region]:
    """Performance regions replaced by what the project reader handed back, classified again
    (as anything but a performance table)."""
    out: list[Region] = []
    previous_table = None
    for region in regions:
        if region.kind != PERFORMANCE:
            out.append(region)
            if region.kind != TEXT:
                previous_table = region
            continue
        rest = [r for r in region.all_rows() if id(r) in leftover]
        if rest:
            again = classify(segment(rest), previous_table, performance=False)
            out += again
            tables = [r for r in again if r.kind != TEXT]
            previous_table = tables[-1] if tables else previous_table
    return out
