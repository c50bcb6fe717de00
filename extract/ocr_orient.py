"""Which way a scanned page is turned, and how far it is askew.

- Sideways: a page fed turned by 90° has its text lines standing up; the detected text boxes
  are tall instead of wide (`is_sideways`).
- Upside down: the line classifier says so for most of the longest lines (`is_upside_down`).
- Skew: a first estimate from the slope of the long text boxes, refined by the angle at which
  the rows of ink (text lines and ruling lines) are sharpest — the classic projection-profile
  search, done on a small binarised copy (`skew_angle`).

Angles are in degrees, positive when the content is turned counter-clockwise on the image
(as `cv2.getRotationMatrix2D` counts them); turns are clockwise quarter turns.
"""
from __future__ import annotations

from typing import Optional, Sequence

import cv2
import numpy as np

MAX_SKEW = 8.0  # beyond this a page is not "askew" but turned: it is read as it stands


def box_sides(quad: np.ndarray) -> tuple[float, float]:
    """(length along the top edge, length down the left edge) of a detected box."""
    return float(np.linalg.norm(quad[1] - quad[0])), float(np.linalg.norm(quad[3] - quad[0]))


def is_sideways(quads: Sequence[np.ndarray]) -> bool:
    """True when more text runs up or down the image than across it."""
    across = down = 0.0
    for q in quads:
        w, h = box_sides(q)
        if w > 1.5 * h:
            across += w
        elif h > 1.5 * w:
            down += h
    return down > 1.5 * across


def longest_lines(quads: Sequence[np.ndarray], n: int = 24) -> list[np.ndarray]:
    wide = [q for q in quads if box_sides(q)[0] > 2.5 * box_sides(q)[1]]
    return sorted(wide, key=lambda q: -box_sides(q)[0])[:n]


def is_upside_down(votes: Sequence[tuple[bool, float]]) -> bool:
    """Majority of the confident votes of the line classifier."""
    flipped = sum(c for f, c in votes if f and c >= 0.8)
    upright = sum(c for f, c in votes if not f and c >= 0.8)
    return flipped > 1.5 * upright and flipped > 0


def rough_skew(quads: Sequence[np.ndarray]) -> Optional[float]:
    """Median slope of the long text boxes (None when there are too few)."""
    angles, weights = [], []
    for q in quads:
        w, h = box_sides(q)
        if w > 4 * h:
            dx, dy = q[1] - q[0]
            angles.append(-np.degrees(np.arctan2(dy, dx)))
            weights.append(w)
    if len(angles) < 3:
        return None
    order = np.argsort(angles)
    cum = np.cumsum(np.asarray(weights)[order])
    return float(np.asarray(angles)[order][np.searchsorted(cum, cum[-1] / 2)])


def _ink(gray: np.ndarray, width: int = 900) -> np.ndarray:
    scale = min(1.0, width / gray.shape[1])
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    _, ink = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return ink.astype(np.float32)


def _sharpness(ink: np.ndarray, angle: float) -> float:
    h, w = ink.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    turned = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
    rows = turned.sum(axis=1)
    return float(np.sum(np.diff(rows) ** 2))


def skew_angle(gray: np.ndarray, guess: Optional[float]) -> float:
    """The page's skew in degrees (content turned counter-clockwise > 0)."""
    ink = _ink(gray)
    centre = guess if guess is not None and abs(guess) <= MAX_SKEW else 0.0
    span, step = (1.0, 0.1) if guess is not None else (MAX_SKEW / 2, 0.25)
    best = centre
    for _ in range(3):  # coarse to fine around the best angle so far
        candidates = np.arange(best - span, best + span + 1e-9, step)
        best = float(max(candidates, key=lambda a: _sharpness(ink, a)))
        span, step = step, step / 4
    return round(best, 3) if abs(best) <= MAX_SKEW else 0.0


def turn_image(img: np.ndarray, quarter_turns_cw: int) -> np.ndarray:
    k = quarter_turns_cw % 4
    if k == 0:
        return img
    codes = {1: cv2.ROTATE_90_CLOCKWISE, 2: cv2.ROTATE_180, 3: cv2.ROTATE_90_COUNTERCLOCKWISE}
    return cv2.rotate(img, codes[k])


def deskew_matrix(shape: tuple[int, int], angle: float) -> np.ndarray:
    """The affine map that turns content skewed by `angle` level (same image size)."""
    h, w = shape[:2]
    return cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)


def deskew(img: np.ndarray, matrix: np.ndarray) -> np.ndarray:
    h, w = img.shape[:2]
    return cv2.warpAffine(img, matrix, (w, h), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=255)


def map_points(points: np.ndarray, matrix: np.ndarray) -> np.ndarray:
    pts = np.asarray(points, dtype=np.float32).reshape(-1, 2)
    return pts @ matrix[:, :2].T + matrix[:, 2]
