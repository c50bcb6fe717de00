"""A grid under a figure's caption is the figure — a chart's bars and gridlines, a diagram's
boxes — not a table.

The caption ("Figure 2.", "Fig. 3", "Chart 1", 图1: vocabulary FIGURE_CAPTION) is looked for
among the text lines just above the grid, within FIGURE_REACH points of its top and
overlapping its width, nearest first; a table's caption met first (Table 3, 表3) means a
table. The figure's words are not lost: they stay on the page as text lines.
"""
from __future__ import annotations

from typing import Sequence

from ..vocabulary.bundle import FIGURE_CAPTION, TABLE_CAPTION

FIGURE_REACH = 90.0  # points above a grid's top where its caption may be (a caption of
# three lines and an axis title)


def _lines(glyphs: Sequence) -> list[tuple[float, float, float, str]]:
    """Glyphs (already within one band) grouped into text lines: (x0, x1, bottom, text),
    bottom-most first."""
    lines: list[list] = []
    for g in sorted(glyphs, key=lambda g: g.top):
        if lines and g.top < lines[-1][0] - 0.4 * (g.bottom - g.top):
            lines[-1][0] = max(lines[-1][0], g.bottom)
            lines[-1][1].append(g)
        else:
            lines.append([g.bottom, [g]])
    out = []
    for bottom, members in lines:
        members.sort(key=lambda g: g.x0)
        out.append((members[0].x0, max(g.x1 for g in members), bottom,
                    "".join(g.text for g in members)))
    return sorted(out, key=lambda line: -line[2])


def under_figure_caption(bbox: tuple, glyphs: Sequence) -> bool:
    x0, top, x1, _ = bbox
    band = [g for g in glyphs if top - FIGURE_REACH <= g.top and g.bottom <= top + 1
            and not g.text.isspace() and not g.turn]
    for lx0, lx1, _, text in _lines(band):
        if lx1 < x0 or lx0 > x1:
            continue
        if TABLE_CAPTION.match(text):
            return False
        if FIGURE_CAPTION.match(text):
            return True
    return False
