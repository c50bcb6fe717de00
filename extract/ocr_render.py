"""A PDF page → a greyscale image for OCR (pypdfium2), with red seals faded out.

A red official seal (公章) stamped over a table is taken out of a colour rendering (its ink
becomes paper, the print under it stays: `without_red`); a greyscale scan is read as it is.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import cv2
import numpy as np

MAX_PIXELS = 16e6  # an A2 sheet at 200 dpi; larger pages are rendered coarser
RENDER_DPI = 200.0  # text of 9–12 pt is 25–33 px high: what the recogniser reads best


@dataclass
class PageImage:
    gray: np.ndarray  # uint8 (height, width)
    dpi: float
    width_pt: float
    height_pt: float
    coloured: bool  # the page shows colour (a seal, a colour scan)
    luma: Optional[np.ndarray] = None  # colour pages: plain greyscale, the seal left in


def render_gray(pdf, index: int, dpi: float = RENDER_DPI) -> PageImage:
    """Render page `index` (0-based) of an open pypdfium2 document."""
    page = pdf[index]
    try:
        width_pt, height_pt = page.get_size()
        area_in = max(1e-6, width_pt * height_pt / 72.0 / 72.0)
        dpi = min(dpi, (MAX_PIXELS / area_in) ** 0.5)  # a poster-sized page: fewer dots, not gigabytes
        bitmap = page.render(scale=dpi / 72.0, may_draw_forms=False)
        try:
            bgr = bitmap.to_numpy()
            luma = None
            if bgr.ndim == 2:
                gray, coloured = bgr.copy(), False
            else:
                coloured = _shows_colour(bgr)
                gray = without_red(bgr) if coloured else bgr[:, :, 1].copy()
                if coloured:
                    luma = cv2.cvtColor(bgr[:, :, :3], cv2.COLOR_BGR2GRAY)
        finally:
            bitmap.close()
    finally:
        page.close()
    return PageImage(gray, dpi, float(width_pt), float(height_pt), coloured, luma)


SEAL_REDNESS = 60  # red minus the mean of green and blue: surely seal ink
NEAR_RED = 20  # … and the pixels around such ink, where black print may lie under the seal


def without_red(bgr: np.ndarray) -> np.ndarray:
    """Greyscale (luma), with a red seal's ink made paper.

    JPEG keeps colour at half resolution, so inside a seal the black print's strokes take
    on the seal's red; their brightness (luma) stays that of black print, much darker than
    the seal's own ink. Near red ink, luma is therefore stretched so that the seal's ink
    level becomes white and what is darker than it — the print under the seal — stays dark."""
    b, g, r = (bgr[:, :, i].astype(np.int16) for i in range(3))
    luma = cv2.cvtColor(np.ascontiguousarray(bgr[:, :, :3]), cv2.COLOR_BGR2GRAY).astype(np.int16)
    redness = r - (g + b) // 2
    ink = redness > SEAL_REDNESS
    if ink.sum() < 50:
        return luma.astype(np.uint8)
    seal = float(np.median(luma[ink]))  # the luma of the seal's ink
    near = cv2.dilate((redness > NEAR_RED).astype(np.uint8), np.ones((7, 7), np.uint8)) > 0
    black, white = 0.25 * seal, 0.9 * seal
    lifted = np.clip((luma - black) * np.float32(255.0 / max(1.0, white - black)), 0, 255).astype(np.int16)
    out = np.where(near, np.maximum(lifted, luma), luma)
    return out.astype(np.uint8)


def _shows_colour(bgr: np.ndarray) -> bool:
    sample = bgr[::8, ::8, :3].astype(np.int16)
    spread = sample.max(axis=2) - sample.min(axis=2)
    return bool((spread > 60).mean() > 0.0005)
