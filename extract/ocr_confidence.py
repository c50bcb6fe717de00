"""Confidence of what OCR read, carried to cells and indicators; low values become warnings.

A cell's confidence is the lowest confidence of the recognised characters whose centre lies
in it (the weakest character decides whether a value can be trusted); an indicator's is the
lowest over its row's level-3 and target cells (its `bbox`).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Optional

from .model import Item, Table

if TYPE_CHECKING:
    from .ocr_page import OcrChar, OcrPage


def _inside(c: "OcrChar", bbox) -> bool:
    x = (c.bbox[0] + c.bbox[2]) / 2
    y = (c.bbox[1] + c.bbox[3]) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


def lowest_confidence(chars: Iterable["OcrChar"], bbox) -> Optional[float]:
    found = [c.confidence for c in chars if _inside(c, bbox)]
    return round(min(found), 4) if found else None


def rate_cells(items: list[Item], page: "OcrPage", low: float) -> list[dict]:
    """Set `confidence` on the cells of the page's tables; a warning for each cell read with
    less than `low`, with its page, bbox and text."""
    warnings = []
    for item in items:
        if not isinstance(item, Table):
            continue
        for cell in item.cells:
            if cell.bbox is None or not cell.text:
                continue
            cell.confidence = lowest_confidence(page.chars, cell.bbox)
            if cell.confidence is not None and cell.confidence < low:
                text = " ".join(cell.text.split())
                warnings.append({
                    "code": "ocr_low_confidence", "page": page.number, "bbox": list(cell.bbox),
                    "message": f"page {page.number}: OCR read {text!r} with confidence "
                               f"{cell.confidence:.2f} at {list(cell.bbox)}; check it on the page"})
    return warnings


def annotate_indicators(result: dict, pages: dict[int, "OcrPage"]) -> None:
    """`ocr_confidence` on every indicator (and project) read from an OCR'd page."""
    for project in result.get("projects") or []:
        for ind in project.get("indicators") or []:
            page = pages.get(ind.get("page"))
            if page is None or not ind.get("bbox"):
                continue
            conf = lowest_confidence(page.chars, ind["bbox"])
            if conf is not None:
                ind["ocr_confidence"] = conf
        page = pages.get(project.get("page"))
        if page is not None and project.get("bbox"):
            conf = lowest_confidence(page.chars, project["bbox"])
            if conf is not None:
                project["ocr_confidence"] = conf
