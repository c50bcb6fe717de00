"""Pages made plain before reading: /Rotate baked into the content, the visible box as the page.

pdfminer turns a /Rotate page upright itself but keeps the MediaBox's width and height (and on
/Rotate 270 a shifted x origin); camelot renders the CropBox yet scales by the MediaBox. On a
copy whose pages have no /Rotate and whose MediaBox is the CropBox, with its corner at the
origin, both engines read the same upright page, and every bbox is in the visible upright
page's coordinates. Content outside the
visible box (printer's slugs) then lies outside the page.
"""
from __future__ import annotations

import pikepdf


def _box(value: pikepdf.Array) -> tuple[float, ...]:
    x0, y0, x1, y1 = (float(v) for v in value)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def make_upright(pdf: pikepdf.Pdf) -> int:
    """Flatten /Rotate and crop boxes in place; the number of pages changed."""
    changed = 0
    for page in pdf.pages:
        touched = False
        if int(page.obj.get("/Rotate", 0)) % 360:
            page.flatten_rotation()  # qpdf: a matrix in the content, boxes turned, /Rotate gone
            touched = True
        if "/CropBox" in page.obj:
            crop, media = _box(page.obj.CropBox), _box(page.obj.MediaBox)
            visible = (max(crop[0], media[0]), max(crop[1], media[1]),
                       min(crop[2], media[2]), min(crop[3], media[3]))
            if visible != media and visible[0] < visible[2] and visible[1] < visible[3]:
                page.obj.MediaBox = pikepdf.Array(visible)
                touched = True
            del page.obj["/CropBox"]
        x0, y0, x1, y1 = _box(page.obj.MediaBox)
        if (x0, y0) != (0.0, 0.0):  # the page's corner at the origin, as readers assume
            page.contents_add(f"q 1 0 0 1 {-x0:.4f} {-y0:.4f} cm\n".encode(), prepend=True)
            page.contents_add(b"\nQ\n")
            page.obj.MediaBox = pikepdf.Array([0, 0, x1 - x0, y1 - y0])
            touched = True
        changed += touched
    return changed
