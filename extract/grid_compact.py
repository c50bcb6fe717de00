"""Drop the grid columns of a table in which no cell starts.

A spreadsheet or Word table lives on the grid of the whole sheet / document: a table of four
columns printed on a six-column sheet has two cells spanning two grid columns each, and grid
columns 3 and 5 hold no cell of their own. A PDF reader sees four columns there (no rule is
drawn between the halves of a merged cell), and so must the office readers: a column that no
cell starts in is removed and the spans across it shrink by one.
"""
from __future__ import annotations

from .model import Cell


def drop_covered_columns(cells: list[Cell]) -> list[Cell]:
    starts = sorted({c.col for c in cells})
    if not cells or len(starts) == max(c.col + c.colspan for c in cells):
        return cells
    index = {col: i for i, col in enumerate(starts)}
    for c in cells:
        end = c.col + c.colspan  # first grid column after the cell
        new_end = sum(1 for s in starts if s < end)
        c.col = index[c.col]
        c.colspan = max(1, new_end - c.col)
    return cells
