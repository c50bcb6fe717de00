"""Tolerances of the PDF engines, in one place (all distances in PDF points)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PdfSettings:
    # ruling lines → rules
    min_piece_length: float = 0.2  # a stroke shorter than this is a dot, not a piece of a rule
    min_rule_length: float = 3.0  # a rule shorter than this once its pieces are joined (tick
    # marks, the ends of hairline rectangles) is ignored
    max_rule_thickness: float = 3.0  # a filled rectangle thinner than this is a drawn rule
    snap_tolerance: float = 3.0  # rules this close along their normal are the same line
    join_tolerance: float = 3.0  # collinear pieces this close end-to-end are one rule
    # rules → grid
    touch_tolerance: float = 3.0  # how far a rule may stop short of another and still meet it
    cover_tolerance: float = 3.0  # a border may leave this much of a cell side uncovered
    clipped_reach: float = 30.0  # text this close outside a cut edge is clipped overflow
    # characters → text
    duplicate_tolerance: float = 1.0  # same char drawn twice within this distance (fake bold)
    max_slant: float = 0.09  # tan of the angle (≈5°) beyond which text is a slanted watermark
    watermark_size: float = 2.5  # pale text this many times the body size is a watermark
    space_gap: float = 3.0  # a horizontal gap wider than this between chars reads as a space
    # a page with no ruling lines: text-alignment fallback
    min_column_gap: float = 5.0  # a gap this wide inside a line separates two runs of text …
    min_column_gap_em: float = 0.6  # … if it is also wider than this × the glyph size
    centre_tolerance: float = 3.0  # a label this close to a block's middle is centred on it
    min_table_rows: int = 2  # lines with ≥2 text runs needed before a text table is assumed


DEFAULT_SETTINGS = PdfSettings()
