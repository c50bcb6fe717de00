"""Project records: what the normaliser produces and the writers serialise (SPEC.md)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from ..extract.model import BBox


@dataclass
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


@dataclass
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

    def to_json(self, keep_raw: bool = False) -> dict:
        out: dict[str, Any] = {
            "level1_code": self.level1_code, "level1": self.level1,
            "level2_code": self.level2_code, "level2": self.level2,
            "level3": self.level3, "target": self.target, "page": self.page,
        }
        if self.bbox is not None:
            out["bbox"] = [round(v, 2) for v in self.bbox]
        if self.extra:
            out["extra"] = dict(self.extra)
        if keep_raw:
            out["raw"] = dict(self.raw)
        return out


@dataclass
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

    def to_json(self, header_fields: list[str], keep_raw: bool = False) -> dict:
        out: dict[str, Any] = {"seq": self.seq, "pages": self.pages, "table_title": self.table_title,
                               "amount_unit": self.amount_unit}
        for key in header_fields:
            out[key] = self.fields.get(key)
        out["extra_fields"] = dict(self.extra_fields)
        out["page"] = self.page
        if self.bbox is not None:
            out["bbox"] = [round(v, 2) for v in self.bbox]
        if keep_raw:
            out["raw"] = dict(self.raw)
        out["indicators"] = [i.to_json(keep_raw) for i in self.indicators]
        return out


@dataclass
class CleanTable:
    """A table that is not a performance-target table, kept so nothing is dropped."""

    page: Optional[int]
    rows: list[list[Optional[str]]]
    title: Optional[str] = None  # the line printed above it (项目支出预算表)
    unit: Optional[str] = None  # from its 单位：万元 line

    def to_json(self) -> dict:
        out: dict[str, Any] = {"page": self.page, "rows": self.rows}
        if self.title is not None:
            out["title"] = self.title
        if self.unit is not None:
            out["unit"] = self.unit
        return out


@dataclass
class DocumentRecord:
    title: Optional[str] = None
    projects: list[Project] = field(default_factory=list)
    tables: list[CleanTable] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
