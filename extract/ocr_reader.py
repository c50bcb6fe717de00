"""Page by page: keep a usable text layer, read the other pages from their image.

`OcrReader` is the hook the PDF engine calls with each page's text-layer objects
(`pdf_tables.read_pages(..., reread=reader)`); it returns them unchanged, or the objects
OCR made from the rendered page. What it did is kept per page (`pages`), for the
document's `source.pages_read`, confidences and the review page.

Modes: "auto" (OCR where the text layer is missing or unusable, `text_layer.ocr_reason`),
"never" (only report such pages), "always" (OCR every page).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from .model import ExtractionError
from .pdf_page_objects import PageObjects
from .text_layer import ocr_reason

if TYPE_CHECKING:  # the OCR modules (OpenCV, onnxruntime) load only when a page needs them
    from .ocr_page import OcrPage

OCR_MODES = ("auto", "never", "always")
LOW_CONFIDENCE = 0.85  # a cell read with less is reported for checking


class OcrReader:
    def __init__(self, path: str, mode: str = "auto", shown: str = ""):
        if mode not in OCR_MODES:
            raise ExtractionError(f"unknown OCR mode {mode!r}; choose one of {', '.join(OCR_MODES)}")
        self.path, self.mode, self.shown = path, mode, shown or path
        self.pages: dict[int, "OcrPage"] = {}  # page number → what OCR read there
        self.skipped: dict[int, str] = {}  # pages that needed OCR, with --ocr never
        self._pdf = None

    def __call__(self, objs: PageObjects) -> PageObjects:
        reason = "forced" if self.mode == "always" else ocr_reason(objs)
        if reason is None:
            return objs
        if self.mode == "never":
            self.skipped[objs.number] = reason
            return objs
        read, page = self._read(objs.number, reason)
        read.warnings = [w for w in objs.warnings if w.get("code") != "unmapped_glyphs"]
        found = (f"mean character confidence {page.confidence}" if page.chars
                 else "OCR found no text on it")
        read.warnings.append({"code": "ocr_page", "page": objs.number, "message":
                              f"page {objs.number} was read by OCR ({_why(reason)}); {found}"
                              + (f", turned {page.turned}°" if page.turned else "")
                              + (f", deskewed {page.skew:+.1f}°" if page.skew else "")})
        for note in page.notes:
            read.warnings.append({"code": "ocr_uncertain", "page": objs.number,
                                  "message": f"page {objs.number}: {note}"})
        self.pages[objs.number] = page
        return read

    def _read(self, number: int, reason: str) -> tuple[PageObjects, "OcrPage"]:
        from .ocr_engine import ocr_engine
        from .ocr_page import read_image
        from .ocr_render import render_gray

        engine = ocr_engine()  # OcrUnavailable is an ExtractionError with its own message
        try:
            if self._pdf is None:
                import pypdfium2 as pdfium

                from . import pdfium_library  # noqa: F401  (before a document is opened)
                self._pdf = pdfium.PdfDocument(self.path)
            image = render_gray(self._pdf, number - 1)
        except ExtractionError:
            raise
        except MemoryError:
            raise
        except Exception as e:
            raise ExtractionError(f"{self.shown}: page {number} cannot be rendered for OCR "
                                  f"({type(e).__name__}: {e})") from None
        try:
            return read_image(image, number, reason, engine)
        except MemoryError:
            raise ExtractionError(f"{self.shown}: out of memory while reading page {number} by "
                                  f"OCR{MEMORY_HINT}") from None
        except Exception as e:
            detail = _last_line(e)
            if "bad_alloc" in detail or "Failed to allocate" in detail:
                raise ExtractionError(f"{self.shown}: out of memory while reading page {number} by "
                                      f"OCR{MEMORY_HINT}") from None
            raise ExtractionError(f"{self.shown}: OCR failed on page {number} "
                                  f"({type(e).__name__}: {detail})") from None

    def close(self) -> None:
        if self._pdf is not None:
            try:
                self._pdf.close()
            except Exception:
                pass
            self._pdf = None


MEMORY_HINT = (" (OCR needs about 1.2 GB of address space per worker; raise --max-memory "
               "or leave it unset)")


def _last_line(e: BaseException) -> str:
    """One line of an exception's text (onnxruntime's carry a whole traceback)."""
    lines = [ln.strip() for ln in str(e).splitlines() if ln.strip()]
    line = lines[-1] if lines else type(e).__name__
    return line if len(line) <= 300 else line[:297] + "…"


def _why(reason: str) -> str:
    return {"no_text_layer": "no text layer: a scanned image",
            "unmapped_text": "its text layer is unreadable: fonts without a Unicode map",
            "forced": "--ocr always"}.get(reason, reason)


def page_record(number: int, page: Optional["OcrPage"], skipped: Optional[str]) -> dict:
    """The page's entry in `source.pages_read`."""
    if page is None:
        out = {"page": number, "method": "text"}
        if skipped:
            out["ocr_needed"] = skipped
        return out
    return {"page": number, "method": "ocr", "reason": page.reason, "dpi": page.dpi,
            "turned": page.turned, "skew": page.skew, "confidence": page.confidence,
            "lines": [{"text": ln.text, "bbox": list(ln.bbox), "confidence": ln.confidence}
                      for ln in page.lines]}
