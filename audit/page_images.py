"""Render PDF pages to PNG for the review page."""
from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from pathlib import Path


class PageImageError(Exception):
    """The PDF cannot be opened or rendered (message meant for the user)."""


@dataclass
class PageImage:
    number: int          # 1-based
    width: float         # page size in PDF points (the coordinate space of bbox)
    height: float
    png_base64: str


def render_pages(pdf: Path, resolution: int = 100, password: str | None = None) -> list[PageImage]:
    import pdfplumber

    try:
        handle = pdfplumber.open(pdf, password=password or "")
    except Exception as exc:  # pdfminer raises many types for broken or encrypted files
        raise PageImageError(f"cannot open {pdf} as a PDF: {type(exc).__name__}: {exc}") from None
    images = []
    with handle:
        for i, page in enumerate(handle.pages, start=1):
            try:
                picture = page.to_image(resolution=resolution).original
            except Exception as exc:
                raise PageImageError(f"cannot render page {i} of {pdf}: {exc}") from None
            buffer = io.BytesIO()
            picture.save(buffer, format="PNG", optimize=True)
            images.append(
                PageImage(i, float(page.width), float(page.height), base64.b64encode(buffer.getvalue()).decode())
            )
    return images
