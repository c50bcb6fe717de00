"""Project records: what the normaliser produces and the writers serialise (SPEC.md)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from ..extract.model import BBox


@dataclass(slots=True)
class Warning_:
    code: str
    message: str
    page: Optional[int] = None
    project_seq: Optional[int] = None
    bbox: Optional[BBox] = None  # where on the page (OCR warnings)

    def to_json(self) -> dict:
        out = {"code": self.code, "message": self.message, "page": self.page,
               "project_seq": self.project_seq}
        if self.bbox is not None:
            out["bbox"] = [round(v, 2) for v in self.bbox]
        return out


@dataclass(slots=True)
class Indicator:
    level1_code: Optional[str]
    level1: Optional[str]
    level2_code: Optional[str]
    level2: Optional[str]
    level3: Optional[str]
    target: Optional[str]
    page: Optional[int] = None
    bbox: Optional[BBox] = None  # union of the row's level-3 and target cells
    extra: dict[str, Optional[str]] = field(default_factory=dict)  # 指标性质, 度量单位, 权重 …
    raw: dict[str, Optional[str]] = field(default_factory=dict)  # text before normalising
    ref: Optional[str] = None  # office inputs: the address of the level-3 (or target) cell
    keys: dict[str, Any] = field(default_factory=dict)  # actual, weight, score, deviation

    def to_json(self, keep_raw: bool = False) -> dict:
        out: dict[str, Any] = {
            "level1_code": self.level1_code, "level1": self.level1,
            "level2_code": self.level2_code, "level2": self.level2,
            "level3": self.level3, "target": self.target, "page": self.page,
        }
        if self.bbox is not None:
            out["bbox"] = [round(v, 2) for v in self.bbox]
        if self.ref is not None:
            out["ref"] = self.ref
        if self.extra:
            out["extra"] = dict(self.extra)
        for key in ("actual", "weight", "score", "deviation"):
            if key in self.keys:
                out[key] = self.keys[key]
        if keep_raw:
            out["raw"] = dict(self.raw)
        return out


@dataclass(slots=True)
class Project:
    seq: int
    pages: list[int] = field(default_factory=list)
    table_title: Optional[str] = None
    amount_unit: Optional[str] = None
    fields: dict[str, Any] = field(default_factory=dict)  # SPEC header keys → value
    extra_fields: dict[str, Optional[str]] = field(default_factory=dict)
    indicators: list[Indicator] = field(default_factory=list)
    page: Optional[int] = None
    bbox: Optional[BBox] = None
    raw: dict[str, Optional[str]] = field(default_factory=dict)
    ref: Optional[str] = None  # office inputs: the address of the table's first cell
    form: str = "project_target"
    funding: dict[str, Any] = field(default_factory=dict)  # total, annual, fiscal, carryover, other
    tasks: list[dict] = field(default_factory=list)  # department targets: 年度主要任务
    execution: list[dict] = field(default_factory=list)  # self-evaluation money block

    def to_json(self, header_fields: list[str], keep_raw: bool = False,
                optional_fields: tuple = ()) -> dict:
        out: dict[str, Any] = {"seq": self.seq, "form": self.form, "pages": self.pages,
                               "table_title": self.table_title, "amount_unit": self.amount_unit}
        for key in header_fields:
            out[key] = self.fields.get(key)
        for key in optional_fields:
            if self.fields.get(key) is not None:
                out[key] = self.fields[key]
        out["extra_fields"] = dict(self.extra_fields)
        if self.funding:
            out["funding"] = dict(self.funding)
        if self.tasks:
            out["tasks"] = [dict(t) for t in self.tasks]
        if self.execution:
            out["execution"] = [dict(e) for e in self.execution]
        out["page"] = self.page
        if self.bbox is not None:
            out["bbox"] = [round(v, 2) for v in self.bbox]
        if self.ref is not None:
            out["ref"] = self.ref
        if keep_raw:
            out["raw"] = dict(self.raw)
        out["indicators"] = [i.to_json(keep_raw) for i in self.indicators]
        return out


@dataclass(slots=True)
class CleanTable:
    """A table that is neither a performance table nor a budget table, kept so nothing is
    dropped: its rows as a clean grid."""

    page: Optional[int]
    rows: list[list[Optional[str]]]
    title: Optional[str] = None  # the line printed above it (项目支出预算表)
    unit: Optional[str] = None  # from its 单位：万元 line
    pages: list[int] = field(default_factory=list)
    bbox: Optional[BBox] = None  # on its first page
    ref: Optional[str] = None  # office inputs: the address of its top-left cell
    caption: list[str] = field(default_factory=list)  # lines above it besides title and unit

    def to_json(self) -> dict:
        out: dict[str, Any] = {"page": self.page, "pages": self.pages or ([self.page] if self.page else []),
                               "n_rows": len(self.rows), "n_cols": max((len(r) for r in self.rows), default=0)}
        if self.bbox is not None:
            out["bbox"] = [round(v, 2) for v in self.bbox]
        if self.ref is not None:
            out["ref"] = self.ref
        if self.caption:
            out["caption"] = self.caption
        if self.title is not None:
            out["title"] = self.title
        if self.unit is not None:
            out["unit"] = self.unit
        out["rows"] = self.rows
        return out


@dataclass
class DocumentRecord:
    title: Optional[str] = None
    projects: list[Project] = field(default_factory=list)
    tables: list[CleanTable] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
    budget_tables: list["BudgetTable"] = field(default_factory=list)
    narrative: list["Paragraph"] = field(default_factory=list)
    document: Optional["DocumentInfo"] = None


# --- bundle records: budget tables, narrative, document metadata ------------------------

class Amount(float):
    """A printed amount: a float (so a document dict equals its JSON read back) that also
    keeps its printed decimal text (`31214205.80`), which the JSON writer emits as is and the
    checks read as an exact Decimal."""

    __slots__ = ("text",)  # no per-amount __dict__: a long document holds many

    def __new__(cls, text: str):
        value = super().__new__(cls, text)
        value.text = text
        return value

    def decimal(self):
        from decimal import Decimal

        return Decimal(self.text)


@dataclass(slots=True)
class BudgetColumn:
    id: str
    header: list[str]
    side: Optional[str] = None  # "revenue" | "expenditure" (two-sided tables)
    panel: Optional[int] = None  # panels side by side (within a side)
    x: Optional[tuple[float, float]] = None  # horizontal extent on the first page (PDF points)

    def to_json(self) -> dict:
        out: dict[str, Any] = {"id": self.id, "header": list(self.header)}
        if self.side is not None:
            out["side"] = self.side
        if self.panel is not None:
            out["panel"] = self.panel
        if self.x is not None:
            out["x"] = [round(self.x[0], 2), round(self.x[1], 2)]
        return out


@dataclass(slots=True)
class BudgetRow:
    code: Optional[str]
    level: str  # 类 | 款 | 项 | total | subtotal | item
    name: Optional[str]
    values: dict[str, Optional[Amount]]
    page: Optional[int] = None
    side: Optional[str] = None
    panel: Optional[int] = None
    group: Optional[str] = None
    raw: dict[str, str] = field(default_factory=dict)
    bbox: Optional[BBox] = None

    def to_json(self) -> dict:
        out: dict[str, Any] = {"code": self.code, "level": self.level, "name": self.name}
        if self.group is not None:
            out["group"] = self.group
        if self.side is not None:
            out["side"] = self.side
        if self.panel is not None:
            out["panel"] = self.panel
        out["values"] = dict(self.values)
        if self.raw:
            out["raw"] = dict(self.raw)
        out["page"] = self.page
        if self.bbox is not None:
            out["bbox"] = [round(v, 2) for v in self.bbox]
        return out


@dataclass(slots=True)
class BudgetTable:
    kind: str
    title: Optional[str]
    pages: list[int]
    unit: Optional[str]
    columns: list[BudgetColumn]
    rows: list[BudgetRow]
    note: Optional[str] = None
    bbox: Optional[BBox] = None  # on its first page
    labels: list[dict] = field(default_factory=list)  # the code / name columns' headers
    caption: list[str] = field(default_factory=list)  # lines above it besides its title
    number: Optional[str] = None  # 表1, 表3-1 … as printed (canonical), when printed

    @property
    def empty(self) -> bool:
        return not any(v is not None for r in self.rows for v in r.values.values())

    def to_json(self) -> dict:
        out: dict[str, Any] = {"kind": self.kind, "title": self.title, "pages": list(self.pages),
                               "unit": self.unit, "columns": [c.to_json() for c in self.columns],
                               "rows": [r.to_json() for r in self.rows], "note": self.note,
                               "empty": self.empty}
        if self.labels:
            out["labels"] = self.labels
        if self.caption:
            out["caption"] = self.caption
        if self.number is not None:
            out["number"] = self.number
        if self.bbox is not None:
            out["bbox"] = [round(v, 2) for v in self.bbox]
        return out


@dataclass(slots=True)
class Paragraph:
    page: Optional[int]
    text: str
    heading: Optional[str] = None

    def to_json(self) -> dict:
        return {"page": self.page, "heading": self.heading, "text": self.text}


@dataclass
class DocumentInfo:
    kind: Optional[str] = None  # 预算 | 决算
    year: Optional[int] = None
    organization: Optional[str] = None
    level: Optional[str] = None  # 部门 | 单位

    def to_json(self) -> Optional[dict]:
        if not any((self.kind, self.year, self.organization, self.level)):
            return None
        return {"kind": self.kind, "year": self.year, "organization": self.organization,
                "level": self.level}
