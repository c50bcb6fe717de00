"""Every table that is neither a performance table nor a budget table → a clean grid
(`tables`), with its title and unit from its caption, its pages and its extent."""
from __future__ import annotations

from typing import Optional

from ..vocabulary import unit_of
from ..vocabulary import budget as bv
from ..vocabulary import squeeze
from .hierarchy import _union
from .records import CleanTable
from .regions import Region, is_unit_line
from .rows import Row


def _unit(region: Region) -> Optional[str]:
    for row in region.caption:
        cells = row.nonempty()
        text = cells[0].text if len(cells) == 1 else None
        if text and is_unit_line(text):
            m = bv.UNIT_ANYWHERE.search(squeeze(text))
            return unit_of(text) or (m.group("unit") if m else None)
    return None


def clean_table(region: Region) -> Optional[CleanTable]:
    rows = region.rows
    grid = [[c.fresh_text for c in r.cells] for r in rows]
    width = max((i + 1 for g in grid for i, t in enumerate(g) if t is not None), default=0)
    grid = [g[:width] for g in grid if any(t is not None for t in g)]
    if not grid:
        return None
    pages = sorted({r.page for r in rows if r.page is not None})
    first = pages[0] if pages else None
    bbox = _union([c.bbox for r in rows if r.page == first for c in r.cells])
    title, unit = region.title, _unit(region)
    caption = [t for t in (" ".join(c.text for c in r.nonempty()) for r in region.caption)
               if t and t != title and not (unit and is_unit_line(t) and len(t) <= 12)]
    return CleanTable(first, grid, title=title, unit=unit, pages=pages, bbox=bbox,
                      ref=next((c.ref for r in rows for c in r.cells if getattr(c, "ref", None)), None),
                      caption=caption)


def text_lines(rows: list[Row]) -> list[str]:
    return [c.text for r in rows for c in r.nonempty()]
