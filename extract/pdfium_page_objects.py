"""PDF pages read with PDFium (pypdfium2's raw API) → the same `PageObjects` as the pdfplumber
reader, about ten times faster than pdfminer interpreting the page in Python.

PDFium parses the content streams in C++; this module only asks it, object by object, for
what `pdf_page_objects.build_page_objects` needs, in the terms pdfplumber uses:

- characters (FPDFText_*): text, the box pdfminer would give the glyph — from the origin,
  the advance width and the font's descent, one font size high, through the character's
  matrix — its size, matrix and fill colour. PDFium's text page orders text objects by
  position and collapses runs of spaces; characters are put back in content-stream order
  (the order of their text objects in the page tree) and the spaces it folded away are
  restored from the gap they leave.
- paths (FPDFPath_*): each subpath as pdfplumber would class it (a line, a rectangle or a
  curve with its points), with its stroke / fill flags and colours, so that white and
  unpainted rules are still dropped downstream.
- images: their boxes (scanned-page detection).
- form XObjects: their objects composed with the form's matrix, recursively.

Every call into PDFium happens here; a PDFium handle never leaves the module.
"""
from __future__ import annotations

import ctypes
from operator import itemgetter
from typing import Iterator, Optional

import pypdfium2.raw as pdfium

from . import pdfium_library  # noqa: F401  (PDFium, with fujian's font folder)
from .model import ExtractionError
from .pdf_page_objects import PageObjects, build_page_objects, page_objects
from .pdf_settings import PdfSettings

_TEXT, _PATH, _IMAGE, _FORM = (pdfium.FPDF_PAGEOBJ_TEXT, pdfium.FPDF_PAGEOBJ_PATH,
                               pdfium.FPDF_PAGEOBJ_IMAGE, pdfium.FPDF_PAGEOBJ_FORM)
_MOVETO, _LINETO, _BEZIERTO = (pdfium.FPDF_SEGMENT_MOVETO, pdfium.FPDF_SEGMENT_LINETO,
                               pdfium.FPDF_SEGMENT_BEZIERTO)
_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

_LOAD_ERRORS = {
    pdfium.FPDF_ERR_FILE: "the file cannot be opened",
    pdfium.FPDF_ERR_FORMAT: "corrupt PDF that cannot be parsed",
    pdfium.FPDF_ERR_PASSWORD: "wrong or missing password",
    pdfium.FPDF_ERR_SECURITY: "unsupported encryption",
}


def _decimal(x: float, _known: dict = {}) -> float:  # noqa: B006 (a cache, on purpose)
    """The shortest decimal that PDFium's single-precision `x` stands for (595.32, not
    595.3200073242188): PDFium keeps content-stream numbers as 32-bit floats, pdfminer as
    Python floats of the written decimals, and this makes the two agree."""
    got = _known.get(x)
    if got is not None:
        return got
    f32 = _F32(x).value
    got = f32
    for digits in (6, 7, 8):
        text = f"{f32:.{digits}g}"
        if _F32(float(text)).value == f32:
            got = float(text)
            break
    if len(_known) < 100_000:
        _known[x] = got
    return got


_F32 = ctypes.c_float


def _addr(handle) -> int:
    """The address a PDFium handle points at (0 for NULL): the key of a font or object."""
    try:
        return ctypes.addressof(handle.contents)
    except (ValueError, AttributeError):  # a NULL pointer, or None
        return 0


def _mul(m: tuple, n: tuple) -> tuple:
    """m then n (row-vector convention, as PDF concatenates matrices)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def _inverse(m: tuple) -> Optional[tuple]:
    a, b, c, d, e, f = m
    det = a * d - b * c
    if abs(det) < 1e-12:
        return None
    return (d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det)


def _bounds(m: tuple, x0: float, y0: float, x1: float, y1: float) -> tuple:
    """Bounding box of the rectangle (x0, y0)–(x1, y1) mapped through m."""
    a, b, c, d, e, f = m
    if b == 0.0 and c == 0.0 and a > 0.0 and d > 0.0 and x0 <= x1 and y0 <= y1:  # upright: common
        return a * x0 + e, d * y0 + f, a * x1 + e, d * y1 + f
    xs = (a * x0 + c * y0, a * x0 + c * y1, a * x1 + c * y0, a * x1 + c * y1)
    ys = (b * x0 + d * y0, b * x0 + d * y1, b * x1 + d * y0, b * x1 + d * y1)
    return min(xs) + e, min(ys) + f, max(xs) + e, max(ys) + f


class _Bare:
    """The calls made once per character, bound without pypdfium2's argument checks: handles
    and output buffers go in as `c_void_p`, indices as plain ints, and a text object comes
    back as its address (the key objects are looked up by), so a call costs a third of
    pypdfium2's. Everything else still goes through pypdfium2's checked bindings."""

    def __init__(self) -> None:
        def bare(fn, restype):
            return ctypes.CFUNCTYPE(restype)(ctypes.cast(fn, ctypes.c_void_p).value)

        self.unicode = bare(pdfium.FPDFText_GetUnicode, ctypes.c_uint)
        self.generated = bare(pdfium.FPDFText_IsGenerated, ctypes.c_int)
        self.object = bare(pdfium.FPDFText_GetTextObject, ctypes.c_void_p)
        self.origin = bare(pdfium.FPDFText_GetCharOrigin, ctypes.c_int)
        self.map_error = bare(pdfium.FPDFText_HasUnicodeMapError, ctypes.c_int)
        self.loose = bare(pdfium.FPDFText_GetLooseCharBox, ctypes.c_int)
        self.box = bare(pdfium.FPDFText_GetCharBox, ctypes.c_int)
        self.glyph_width = bare(pdfium.FPDFFont_GetGlyphWidth, ctypes.c_int)
        self.width = ctypes.c_float()
        self.pwidth = ctypes.c_void_p(ctypes.addressof(self.width))
        # the outputs: origin x, y and the box (left, right, bottom, top) in one buffer; the
        # loose box in its own
        self.buf = (ctypes.c_double * 6)()
        self.rect = pdfium.FS_RECTF()
        base = ctypes.addressof(self.buf)
        self.p = [ctypes.c_void_p(base + 8 * k) for k in range(6)]
        self.prect = ctypes.c_void_p(ctypes.addressof(self.rect))


class _Calls:
    """Output parameters allocated once and reused for every call."""

    def __init__(self) -> None:
        self.d = [ctypes.c_double() for _ in range(4)]
        self.f = [ctypes.c_float() for _ in range(4)]
        self.u = [ctypes.c_uint() for _ in range(4)]
        self.i = ctypes.c_int()
        self.b = ctypes.c_int()
        self.matrix = pdfium.FS_MATRIX()
        self.bare = _Bare()

    def colour(self, getter, obj) -> Optional[tuple]:
        r, g, b, a = self.u
        if not getter(obj, r, g, b, a):
            return None  # a pattern or shading: treated as visible, as pdfplumber's names are
        return (r.value / 255, g.value / 255, b.value / 255)

    def object_matrix(self, obj) -> tuple:
        m = self.matrix
        if not pdfium.FPDFPageObj_GetMatrix(obj, m):
            return _IDENTITY
        return (_decimal(m.a), _decimal(m.b), _decimal(m.c), _decimal(m.d), _decimal(m.e),
                _decimal(m.f))


# --- paths -----------------------------------------------------------------------------------

def _subpaths(path, m: tuple, calls: _Calls) -> list[tuple[str, list[tuple[float, float]]]]:
    """The subpaths of a path object, as (shape, points) in PDF page space: one letter per
    segment (m, l, c for a whole Bézier curve, whose end point alone is kept, as pdfminer
    does), a closing segment back to the start included."""
    n = pdfium.FPDFPath_CountSegments(path)
    x, y = calls.f[0], calls.f[1]
    a, b, c, d, e, f = m
    out: list[tuple[str, list]] = []
    shape: list[str] = []
    pts: list[tuple[float, float]] = []
    bezier = 0
    for k in range(n):
        seg = pdfium.FPDFPath_GetPathSegment(path, k)
        kind = pdfium.FPDFPathSegment_GetType(seg)
        pdfium.FPDFPathSegment_GetPoint(seg, x, y)
        px, py = _decimal(x.value), _decimal(y.value)
        pt = (a * px + c * py + e, b * px + d * py + f)
        if kind == _MOVETO:
            if shape:
                out.append(("".join(shape), pts))
            shape, pts, bezier = ["m"], [pt], 0
        elif kind == _BEZIERTO:
            bezier += 1
            if bezier == 3:  # control, control, end point
                shape.append("c")
                pts.append(pt)
                bezier = 0
        else:
            if not shape:  # a path that does not begin with a move: pdfminer ignores it
                continue
            shape.append("l")
            pts.append(pt)
        if pdfium.FPDFPathSegment_GetClose(seg) and shape and pts[-1] != pts[0]:
            shape.append("l")
            pts.append(pts[0])
    if shape:
        out.append(("".join(shape), pts))
    return out


def _path_items(path, m: tuple, height: float, calls: _Calls,
                lines: list, rects: list, curves: list) -> None:
    mode, stroke = calls.i, calls.b
    if not pdfium.FPDFPath_GetDrawMode(path, mode, stroke):
        return
    fill, stroked = mode.value != pdfium.FPDF_FILLMODE_NONE, bool(stroke.value)
    if not (fill or stroked):
        return
    paint = {"stroke": stroked, "fill": fill,
             "stroking_color": calls.colour(pdfium.FPDFPageObj_GetStrokeColor, path) if stroked else None,
             "non_stroking_color": calls.colour(pdfium.FPDFPageObj_GetFillColor, path) if fill else None}
    for shape, pts in _subpaths(path, m, calls):
        top_pts = [(px, height - py) for px, py in pts]
        if shape in ("ml", "mll") and (shape == "ml" or pts[2] == pts[0]):
            lines.append({"pts": top_pts[:2], **paint})
        elif shape == "mllll" and pts[4] == pts[0] and (
                (pts[0][0] == pts[1][0] and pts[1][1] == pts[2][1] and pts[2][0] == pts[3][0]
                 and pts[3][1] == pts[0][1])
                or (pts[0][1] == pts[1][1] and pts[1][0] == pts[2][0] and pts[2][1] == pts[3][1]
                    and pts[3][0] == pts[0][0])):
            (x0, y0), (x1, y1) = pts[0], pts[2]
            rects.append({"x0": min(x0, x1), "x1": max(x0, x1), "top": height - max(y0, y1),
                          "bottom": height - min(y0, y1), **paint})
        elif len(pts) > 1:
            curves.append({"pts": top_pts, **paint})


# --- the page tree ---------------------------------------------------------------------------

class _PageTree:
    """One walk over a page's objects (forms opened): paths and images as pdfplumber dicts,
    and the content order of every text object."""

    def __init__(self, page, height: float, calls: _Calls) -> None:
        self.height = height
        self.calls = calls
        self.lines: list[dict] = []
        self.rects: list[dict] = []
        self.curves: list[dict] = []
        self.images: list[dict] = []
        self.text_order: dict[int, int] = {}
        self.text_objects: list[tuple] = []  # (handle, matrix of the forms around it)
        n = pdfium.FPDFPage_CountObjects(page)
        self._walk((pdfium.FPDFPage_GetObject(page, i) for i in range(n)), _IDENTITY)

    def _walk(self, objects, outer: tuple) -> None:
        calls = self.calls
        for obj in objects:
            kind = pdfium.FPDFPageObj_GetType(obj)
            if kind == _TEXT:
                self.text_order[_addr(obj)] = len(self.text_order)
                self.text_objects.append((obj, outer))
            elif kind == _PATH:
                m = _mul(calls.object_matrix(obj), outer)
                _path_items(obj, m, self.height, calls, self.lines, self.rects, self.curves)
            elif kind == _IMAGE:
                l, b, r, t = calls.f
                if pdfium.FPDFPageObj_GetBounds(obj, l, b, r, t):
                    x0, y0, x1, y1 = _bounds(outer, l.value, b.value, r.value, t.value)
                    self.images.append({"x0": x0, "x1": x1, "top": self.height - y1,
                                        "bottom": self.height - y0})
            elif kind == _FORM:
                inner = _mul(calls.object_matrix(obj), outer)
                n = pdfium.FPDFFormObj_CountObjects(obj)
                self._walk((pdfium.FPDFFormObj_GetObject(obj, i) for i in range(n)), inner)


# --- font descents --------------------------------------------------------------------------

# pdfminer takes the standard fonts' metrics from their AFM files, descriptor or not
_AFM_DESCENT = {**{n: -194.0 for n in ("Courier", "Courier-Bold", "Courier-BoldOblique",
                                        "Courier-Oblique", "CourierNew", "CourierNew,Italic",
                                        "CourierNew,Bold", "CourierNew,BoldItalic")},
                **{n: -207.0 for n in ("Helvetica", "Helvetica-Bold", "Helvetica-BoldOblique",
                                        "Helvetica-Oblique", "Arial", "Arial,Italic",
                                        "Arial,Bold", "Arial,BoldItalic")},
                **{n: -217.0 for n in ("Times-Bold", "Times-BoldItalic", "Times-Italic",
                                        "Times-Roman", "TimesNewRoman", "TimesNewRoman,Italic",
                                        "TimesNewRoman,Bold", "TimesNewRoman,BoldItalic")},
                "Symbol": 0.0, "ZapfDingbats": 0.0}


def _plain_name(name: str) -> str:
    """A font name without its subset tag (ABCDEF+SimSun → SimSun)."""
    head, plus, rest = name.partition("+")
    return rest if plus and len(head) == 6 and head.isupper() else name


class _Descents:
    """The descent (per unit of font size) pdfminer gives each font of a page, read from the
    font dictionaries with pikepdf: PDFium derives a font's descent from its glyphs when the
    descriptor says 0, and keeps it as a whole number, where pdfminer takes the descriptor's
    number as written. Looked up by the font's name, which is what PDFium tells of a font."""

    def __init__(self, path: str, password: Optional[str]) -> None:
        self.path, self.password = path, password
        self.pdf = None
        self.failed = False
        self.by_font: dict[tuple, tuple[str, float]] = {}  # objgen → (name, descent)

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()
            self.pdf = None

    def page(self, index: int) -> tuple[dict[str, float], frozenset]:
        """(font name → descent, the names whose every font is simple) for the fonts page
        `index` can use (forms' fonts included)."""
        if self.failed:
            return {}, frozenset()
        try:
            if self.pdf is None:
                import pikepdf
                self.pdf = pikepdf.open(self.path, password=self.password or "")
            names: dict[str, float] = {}
            kinds: dict[str, set[bool]] = {}
            self._collect(self.pdf.pages[index].obj.get("/Resources"), names, set(), kinds)
            return names, frozenset(name for name, composite in kinds.items() if composite == {False})
        except Exception:  # metrics are a refinement: PDFium's own descent stays
            self.failed = True
            return {}, frozenset()

    def _collect(self, resources, names: dict, seen: set, kinds: dict) -> None:
        if resources is None or not hasattr(resources, "get"):
            return
        fonts = resources.get("/Font")
        if fonts is not None and hasattr(fonts, "items"):
            for _, font in fonts.items():
                key = font.objgen if font.is_indirect else (id(font), 0)
                if key not in self.by_font:
                    self.by_font[key] = _font_descent(font)
                name, descent = self.by_font[key]
                names.setdefault(name, descent)
                # a simple font (one-byte codes: Type1, TrueType, Type3) cannot hold Chinese
                kinds.setdefault(name, set()).add(str(font.get("/Subtype", "")) == "/Type0")
        xobjects = resources.get("/XObject")
        if xobjects is not None and hasattr(xobjects, "items"):
            for _, xo in xobjects.items():
                if xo.get("/Subtype") == "/Form" and xo.objgen not in seen:
                    seen.add(xo.objgen)
                    self._collect(xo.get("/Resources"), names, seen, kinds)


def _number(value, default: float = 0.0) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


def _font_descent(font) -> tuple[str, float]:
    """(name without subset tag, descent per unit of size) as pdfminer computes it."""
    subtype = str(font.get("/Subtype", ""))
    spec = font
    if subtype == "/Type0":
        try:
            spec = font.DescendantFonts[0]
        except Exception:
            spec = font
    base = str(font.get("/BaseFont", ""))[1:] if font.get("/BaseFont") is not None else ""
    if subtype in ("/Type1", "/MMType1", "/TrueType") and base in _AFM_DESCENT:
        return _plain_name(base), _AFM_DESCENT[base] * 0.001
    if subtype == "/Type3":
        bbox = font.get("/FontBBox")
        matrix = font.get("/FontMatrix")
        descriptor = font.get("/FontDescriptor")
        if descriptor is not None:
            d = _number(descriptor.get("/Descent"))
        else:
            d = _number(bbox[1]) if bbox is not None and len(bbox) == 4 else 0.0
        scale = _number(matrix[3], 0.001) if matrix is not None and len(matrix) == 6 else 0.001
        return _plain_name(base), -abs(d) * scale
    descriptor = spec.get("/FontDescriptor")
    d = _number(descriptor.get("/Descent")) if descriptor is not None else 0.0
    return _plain_name(base), -abs(d) * 0.001


# --- characters ------------------------------------------------------------------------------

class _TextObject:
    """What a text object gives each of its characters: matrix, font size, descent, colour."""

    __slots__ = ("matrix", "inverse", "size", "descent", "colour", "font", "order", "font_addr",
                 "font_ref", "size_f32")

    def __init__(self, tp, index: int, obj, order: int, calls: _Calls, descents: dict,
                 named: dict[str, float]) -> None:
        m = calls.matrix
        pdfium.FPDFText_GetMatrix(tp, index, m)
        self.matrix = (m.a, m.b, m.c, m.d)
        self.size = pdfium.FPDFText_GetFontSize(tp, index)
        self.font = pdfium.FPDFTextObj_GetFont(obj)
        self.font_addr = _addr(self.font)
        self.font_ref = ctypes.c_void_p(self.font_addr or None)  # for _Bare's calls
        self.size_f32 = ctypes.c_float(self.size)
        self.descent = _descent(self.font, calls, descents, named)
        self.colour = calls.colour(pdfium.FPDFPageObj_GetFillColor, obj)
        self.inverse = _inverse(self.matrix + (0.0, 0.0))
        self.order = order


def _font_name(font) -> str:
    size = pdfium.FPDFFont_GetBaseFontName(font, None, 0)
    if size <= 0:
        return ""
    buf = ctypes.create_string_buffer(size)
    pdfium.FPDFFont_GetBaseFontName(font, buf, size)
    return _plain_name(buf.value.decode("utf-8", "replace"))


def _descent(font, calls: _Calls, descents: dict, named: dict[str, float]) -> float:
    key = _addr(font)
    if key not in descents:
        name = _font_name(font)
        if name in named:
            descents[key] = named[name]
        else:
            d = calls.f[0]
            descents[key] = d.value if pdfium.FPDFFont_GetDescent(font, 1.0, d) else 0.0
    return descents[key]


def _blank_object(handle, outer: tuple, order: int, height: float, calls: _Calls,
                  descents: dict, named: dict[str, float]) -> list[tuple]:
    """The spaces of a text object PDFium's text page leaves out: an object whose glyphs draw
    nothing (one space, a run of spaces between two cells) has no width, and PDFium skips it.
    pdfplumber keeps those spaces, and they hold runs of text together, so they are put back:
    one per space advance between the object's first and last origin."""
    l, b, r, t = calls.f
    if not pdfium.FPDFPageObj_GetBounds(handle, l, b, r, t) or r.value - l.value >= 0.01:
        return []
    size = calls.f[3]
    if not pdfium.FPDFTextObj_GetFontSize(handle, size) or size.value <= 0:
        return []
    fs = size.value
    m = _mul(calls.object_matrix(handle), outer)
    a, bb, c, d, e, f = m
    font = pdfium.FPDFTextObj_GetFont(handle)
    if not font or abs(bb) > 1e-6 * max(abs(a), 1e-9) or a <= 0:
        return []  # only plain left-to-right blanks are restored
    w = calls.f[1]
    if not pdfium.FPDFFont_GetGlyphWidth(font, 0x20, fs, w) or w.value <= 0:
        return []
    adv = w.value
    pitch = adv * a
    x0, _, x1, _ = _bounds(outer, l.value, b.value, r.value, t.value)
    count = 1 + max(0, round((x1 - x0) / pitch)) if pitch > 0 else 1
    descent = _descent(font, calls, descents, named)
    colour = calls.colour(pdfium.FPDFPageObj_GetFillColor, handle)
    out = []
    for k in range(count):
        ox, oy = e + k * pitch, f
        lo = descent * fs
        bx0, by0, bx1, by1 = _bounds((a, bb, c, d, ox, oy), 0.0, lo, adv, lo + fs)
        out.append(((order << 32) + k,
                    {"text": " ", "x0": bx0, "x1": bx1, "top": height - by1,
                     "bottom": height - by0, "size": by1 - by0,
                     "matrix": (a, bb, c, d, ox, oy), "non_stroking_color": colour,
                     "adv": adv}, None))
    return out


def _chars(tp, tree: "_PageTree", height: float, calls: _Calls,
           named: dict[str, float], simple: frozenset = frozenset()) -> list[dict]:
    """The page's characters as pdfplumber dicts, in content-stream order."""
    text_order = tree.text_order
    n = pdfium.FPDFText_CountChars(tp)
    objects: dict[int, _TextObject] = {}
    descents: dict[int, float] = {}
    # (sort key: the object's content order, then the character's index; char dict; object)
    raw = []
    bare = calls.bare
    page = ctypes.c_void_p(_addr(tp))
    get_unicode, generated, get_object = bare.unicode, bare.generated, bare.object
    get_origin, map_error = bare.origin, bare.map_error
    get_loose, get_box = bare.loose, bare.box
    buf, rect = bare.buf, bare.rect
    px, py, pl, pr, pb, pt = bare.p
    prect = bare.prect
    glyph_width, fw, pfw = bare.glyph_width, bare.width, bare.pwidth
    widths: dict[tuple, Optional[float]] = {}  # (font, code, size) → FPDFFont_GetGlyphWidth
    append = raw.append
    last = None  # the previous entry of raw
    last_x = last_y = 0.0  # and its origin
    for i in range(n):
        code = get_unicode(page, i)
        if (code == 0x20 or code == 0x0D or code == 0x0A or code == 0) and generated(page, i):
            continue
        key = get_object(page, i) or 0
        obj = objects.get(key)
        if obj is None:
            handle = pdfium.FPDFText_GetTextObject(tp, i)
            obj = objects[key] = _TextObject(tp, i, handle, text_order.get(key, len(text_order)),
                                             calls, descents, named)
        get_origin(page, i, px, py)
        x, y = buf[0], buf[1]
        if map_error(page, i):
            text = f"(cid:{code})"
        else:
            text = chr(code) if 0 <= code < 0x110000 else "\ufffd"
        if last is not None and last[2] is obj and last_x == x and last_y == y \
                and not text.startswith("(cid:"):
            last[1]["text"] += text  # one code drawn as several characters (a ligature)
            continue
        # The glyph's advance width in text space (font size and all). PDFium's loose box is
        # the advance box joined with the outline's box: where the loose box reaches further
        # right than the outline, that edge is the advance; otherwise the font's width table
        # decides.
        inv = obj.inverse
        if inv is None:
            adv = 0.0
        else:
            get_loose(page, i, prect)
            ia, ib, ic, _, _, _ = inv
            if ib == 0.0 and ic == 0.0 and ia > 0.0:  # upright: text space is the page's, scaled
                loose_right = (rect.right - x) * ia
                if get_box(page, i, pl, pr, pb, pt):
                    tight_right = (buf[3] - x) * ia
                    have_box = True
                else:
                    have_box = False
            else:
                loose_right, tight_right, have_box = _turned_rights(page, i, x, y, ia, ic, bare)
            if have_box and loose_right > tight_right + 1e-3:
                adv = loose_right
            else:
                width = None
                if code:
                    wkey = (obj.font_addr, code, obj.size)
                    if wkey in widths:
                        width = widths[wkey]
                    else:
                        if glyph_width(obj.font_ref, ctypes.c_uint(code), obj.size_f32, pfw) \
                                and fw.value > 0:
                            width = fw.value
                        widths[wkey] = width
                adv = width if width is not None else max(loose_right, 0.0)
        a, b, c, d = obj.matrix
        size = obj.size
        lo = obj.descent * size
        if b == 0.0 and c == 0.0 and a > 0.0 and d > 0.0 and 0.0 <= adv and lo <= lo + size:
            # _bounds((a, b, c, d, x, y), 0.0, lo, adv, lo + size), upright
            x0, y0, x1, y1 = a * 0.0 + x, d * lo + y, a * adv + x, d * (lo + size) + y
        else:
            x0, y0, x1, y1 = _bounds((a, b, c, d, x, y), 0.0, lo, adv, lo + size)
        last = ((obj.order << 32) + i,
                {"text": text, "x0": x0, "x1": x1, "top": height - y1, "bottom": height - y0,
                 "size": y1 - y0, "matrix": (a, b, c, d, x, y),
                 "non_stroking_color": obj.colour, "adv": adv}, obj)
        last_x, last_y = x, y
        append(last)
    unseen = [(h, outer) for h, outer in tree.text_objects if _addr(h) not in objects]
    for handle, outer in unseen:
        raw += _blank_object(handle, outer, text_order[_addr(handle)], height, calls, descents,
                             named)
    raw.sort(key=itemgetter(0))  # content-stream order: object, then character
    return _with_folded_spaces(raw), _may_have_dropped(tp, unseen, n, calls, simple)


def _turned_rights(page, i: int, ox: float, oy: float, a: float, c: float,
                   bare: _Bare) -> tuple[float, float, bool]:
    """The right edges of the loose and the tight box, in text space, for text that is
    not upright (the loose box already read into bare.rect)."""
    r = bare.rect
    dx0, dx1 = r.left - ox, r.right - ox
    dy0, dy1 = r.bottom - oy, r.top - oy
    loose_right = max(a * dx0 + c * dy0, a * dx0 + c * dy1, a * dx1 + c * dy0, a * dx1 + c * dy1)
    px, py, pl, pr, pb, pt = bare.p
    if not bare.box(page, i, pl, pr, pb, pt):
        return loose_right, 0.0, False
    buf = bare.buf
    tx0, tx1 = buf[2] - ox, buf[3] - ox
    ty0, ty1 = buf[4] - oy, buf[5] - oy
    return loose_right, max(a * tx0 + c * ty0, a * tx0 + c * ty1, a * tx1 + c * ty0,
                            a * tx1 + c * ty1), True


def _is_ideograph(code: int) -> bool:
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x3FFFF


def _may_have_dropped(tp, unseen: list[tuple], n: int, calls: _Calls,
                      simple: frozenset = frozenset()) -> bool:
    """Whether PDFium's text page may have left out characters that are not blanks.

    PDFium skips a text object whose box has no width. The box comes from the glyph outlines
    of the font PDFium draws with; for a font the PDF does not embed (STSong-Light, SimSun
    named only) that is a system font, and on a machine without one that covers the text, a
    Chinese glyph has no outline: a one-character object then has no width and its character
    is lost (年度总体绩效目|标 wrapped in a cell). So an unseen object in a font that is not
    embedded may hide text, unless the page shows that font drawing outlines for the text it
    holds: most of its Chinese characters (ideographs: punctuation such as “（” PDFium's own
    fonts may draw; a turned watermark's empty box has a height) with an outline, or, for a
    font with no Chinese on the page at all, a Latin one (PDFium's own fonts cover Latin, so a
    Latin font's empty objects are blanks). A simple font (`simple`: names whose every font
    dictionary on the page is Type1, TrueType or Type3, one byte a code) cannot draw Chinese
    at all: PDFium draws it with its own Latin fonts, so its empty objects are blanks too
    (Times-Roman or Arial named and not embedded, in many English reports)."""
    fonts = {}
    for handle, _outer in unseen:
        font = pdfium.FPDFTextObj_GetFont(handle)
        if font and not pdfium.FPDFFont_GetIsEmbedded(font) and _font_name(font) not in simple:
            fonts[_addr(font)] = font
    if not fonts:
        return False
    wide_drawn: dict[int, int] = {}  # per font: ideographs with an outline, and without
    wide_blank: dict[int, int] = {}
    latin_drawn = set()
    l, r, b, t = calls.d
    for i in range(n):
        code = pdfium.FPDFText_GetUnicode(tp, i)
        if code <= 0x20 or chr(code).isspace():
            continue
        handle = pdfium.FPDFText_GetTextObject(tp, i)
        font = pdfium.FPDFTextObj_GetFont(handle) if handle else None
        key = _addr(font) if font else None
        if key not in fonts:
            continue
        drawn = pdfium.FPDFText_GetCharBox(tp, i, l, r, b, t) and \
            t.value - b.value > 0.05 * max(pdfium.FPDFText_GetFontSize(tp, i), 1.0)
        if _is_ideograph(code):
            tally = wide_drawn if drawn else wide_blank
            tally[key] = tally.get(key, 0) + 1
        elif drawn:
            latin_drawn.add(key)
    return any(wide_blank.get(key, 0) > wide_drawn.get(key, 0)
               or (key not in wide_drawn and key not in wide_blank and key not in latin_drawn)
               for key in fonts)


def _with_folded_spaces(raw: list[tuple]) -> list[dict]:
    """Put back the spaces PDFium folds into one: a space followed, in the same text object
    (so its characters are placed by their advances alone), by a gap of whole space advances
    before the next character stood for that many spaces."""
    out = [ch for _, ch, _ in raw]
    spaces = [k for k, ch in enumerate(out) if ch["text"] == " "]
    if not spaces:
        return out
    chars, out = out, []
    done = 0  # chars[:done] are in out
    for k in spaces:
        ch, obj = chars[k], raw[k][2]
        if obj is None or k + 1 >= len(raw) or raw[k + 1][2] is not obj:
            continue
        nxt = chars[k + 1]
        a, b = ch["matrix"][0], ch["matrix"][1]
        if abs(b) > 1e-6 * abs(a) or a <= 0:
            continue  # only plain left-to-right text is restored
        pitch = ch["x1"] - ch["x0"]
        if pitch <= 0 or abs(nxt["matrix"][5] - ch["matrix"][5]) > 1e-3:
            continue
        gap = nxt["x0"] - ch["x1"]
        extra = round(gap / pitch)
        if extra < 1 or abs(gap - extra * pitch) > 0.02 * pitch:
            continue
        out += chars[done:k + 1]
        done = k + 1
        for j in range(1, extra + 1):
            dx = j * pitch
            m = ch["matrix"]
            out.append({**ch, "x0": ch["x0"] + dx, "x1": ch["x1"] + dx,
                        "matrix": (m[0], m[1], m[2], m[3], m[4] + dx, m[5])})
    return out + chars[done:]


# --- documents -------------------------------------------------------------------------------

def _load(path: str, password: Optional[str], shown: str):
    doc = pdfium.FPDF_LoadDocument(path.encode("utf-8"), (password or "").encode("utf-8") or None)
    if not doc:
        code = pdfium.FPDF_GetLastError()
        reason = _LOAD_ERRORS.get(code, f"PDFium error {code}")
        raise ExtractionError(f"{shown}: corrupt PDF content in the document structure, cannot "
                              f"be read ({reason})")
    return doc


def read_page_objects(path: str, s: PdfSettings, shown: str = "",
                      password: Optional[str] = None,
                      pages: Optional[frozenset[int]] = None) -> Iterator[PageObjects]:
    """Each page's objects, in order; PDFium's page and text page are closed before the next
    page is loaded, so memory does not grow with the document. `pages` (1-based numbers)
    limits the pages read."""
    shown = shown or path
    doc = _load(path, password, shown)
    calls = _Calls()
    descents = _Descents(path, password)
    pdfminer = _PdfminerPages(path, password)
    try:
        count = pdfium.FPDF_GetPageCount(doc)
        for index in range(count):
            number = index + 1
            if pages is not None and number not in pages:
                continue
            page = pdfium.FPDF_LoadPage(doc, index)
            if not page:
                raise ExtractionError(f"{shown}: corrupt PDF content in page {number}, cannot be read")
            try:
                l, b, r, t = calls.f
                if not pdfium.FPDFPage_GetMediaBox(page, l, b, r, t) \
                        or abs(r.value - l.value) < 1e-3 or abs(t.value - b.value) < 1e-3:
                    raise ExtractionError(f"{shown}: corrupt PDF content in page {number}, cannot "
                                          "be read (its MediaBox is not a rectangle)")
                width = _decimal(pdfium.FPDF_GetPageWidthF(page))
                height = _decimal(pdfium.FPDF_GetPageHeightF(page))
                tree = _PageTree(page, height, calls)
                tp = pdfium.FPDFText_LoadPage(page)
                try:
                    chars, dropped = _chars(tp, tree, height, calls, *descents.page(index)) \
                        if tp else ([], False)
                finally:
                    if tp:
                        pdfium.FPDFText_ClosePage(tp)
            finally:
                pdfium.FPDF_ClosePage(page)
            read_again = pdfminer.page(index, number, s) if dropped else None
            yield read_again or build_page_objects(number, width, height, chars, tree.lines,
                                                   tree.rects, tree.curves, tree.images, s)
    finally:
        pdfium.FPDF_CloseDocument(doc)
        descents.close()
        pdfminer.close()


class _PdfminerPages:
    """The pdfplumber reader for the pages PDFium may have read short (_may_have_dropped):
    pdfminer takes every glyph from the content stream, whatever fonts the machine has. The
    document is opened on the first such page only."""

    def __init__(self, path: str, password: Optional[str]) -> None:
        self.path, self.password, self.pdf = path, password, None

    def page(self, index: int, number: int, s: PdfSettings) -> Optional[PageObjects]:
        import pdfplumber  # only for such pages: the plain PDFium path never loads pdfminer

        try:
            if self.pdf is None:
                self.pdf = pdfplumber.open(self.path, password=self.password or "")
            page = self.pdf.pages[index]
            try:
                return page_objects(page, number, s)
            finally:
                page.close()
        except Exception:  # noqa: BLE001 — a file pdfminer cannot read keeps PDFium's reading
            return None

    def close(self) -> None:
        if self.pdf is not None:
            try:
                self.pdf.close()
            except Exception:  # noqa: BLE001
                pass
            self.pdf = None

