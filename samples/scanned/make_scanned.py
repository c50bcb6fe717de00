"""Make the scanned samples: committed PDFs printed, stamped and scanned again.

    python samples/scanned/make_scanned.py [name-prefix]

Each sample is a committed source PDF (samples/pdf, samples/holdout*, samples/real) rendered
with pypdfium2 at a scanner's resolution (150–300 dpi), then treated the way paper and
scanners treat it: a red official seal (公章: ring, star, the department's name along the rim)
stamped over the table, the sheet fed a few degrees askew, upside down or sideways, a grey
paper tone, a little blur, sensor noise and dust, and JPEG compression (greyscale or colour).
Every page becomes one JPEG image on a page of the image's size, with no text layer at all.
The expected JSON is the source's (the content did not change); bounding boxes are not scored.

Also made here: `notounicode_*.pdf`, a copy of a committed PDF whose fonts lost their
ToUnicode maps (pikepdf), so that its text layer reads as (cid:N), and `mixed_*.pdf`, a PDF
whose pages are a born-digital page followed by scanned pages.

Deterministic: the same numpy seed per sample gives the same bytes (pypdfium2, Pillow and
pikepdf versions permitting). Needs only the project's own dependencies plus Pillow.
"""
from __future__ import annotations

import io
import json
import math
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pikepdf
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter, ImageFont

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent
FONT = SAMPLES.parent / "tests" / "fonts" / "wqy-zenhei-subset.ttf"
SEAL_RED = (205, 32, 38)


@dataclass(frozen=True)
class Scan:
    name: str  # output stem
    source: str  # PDF relative to samples/
    dpi: int = 200
    skew: float = 0.0  # degrees, counter-clockwise (per page it varies by ±0.3)
    turn: int = 0  # 0, 90, 180, 270: the sheet was fed turned (clockwise)
    gray: bool = False  # greyscale JPEG (the seal then shows grey)
    quality: int = 45  # JPEG quality
    noise: float = 4.0  # sensor noise (standard deviation, 0–255)
    seal: tuple = (1,)  # pages that get a seal
    seal_at: tuple = (0.62, 0.22)  # centre of the seal as a fraction of the page (x, y)
    seal_text: str = ""  # text along the rim (default: none)
    pages: tuple = ()  # only these pages (1-based), default all
    seed: int = 0


SCANS = [
    Scan("scan_health_200dpi_seal_skew", "pdf/drawn_health_several_projects_per_page.pdf",
         dpi=200, skew=1.6, seal=(1, 2), seal_at=(0.6, 0.2), seal_text="平罗县卫生健康局", seed=1),
    Scan("scan_education_landscape_150dpi_gray", "pdf/word_education_landscape.pdf",
         dpi=150, skew=-2.3, gray=True, quality=40, noise=7.0, seal=(1,), seal_at=(0.75, 0.3),
         seal_text="平罗县教育局", seed=2),
    Scan("scan_no_ruling_upside_down", "pdf/drawn_no_ruling_lines.pdf",
         dpi=200, skew=0.8, turn=180, seal=(2,), seal_at=(0.55, 0.35), seal_text="平罗县农业农村局", seed=3),
    Scan("scan_civil_affairs_sideways_300dpi", "pdf/drawn_civil_affairs_extra_indicator_columns.pdf",
         dpi=300, skew=-1.2, turn=90, gray=True, quality=35, seal=(1,), seal_at=(0.7, 0.25),
         seal_text="平罗县民政局", seed=4),
    Scan("scan_agriculture_budget_table_skew4", "pdf/word_agriculture_budget_table_fullwidth_digits.pdf",
         dpi=180, skew=3.6, quality=35, noise=8.0, seal=(1,), seal_at=(0.5, 0.25), seal_text="平罗县农业农村局",
         seed=5),
    Scan("scan_pingluo_excel_150dpi", "pdf/excel_pingluo_break_repeated_header.pdf",
         dpi=150, skew=-1.0, gray=True, quality=35, seal=(1, 5), seal_at=(0.68, 0.16),
         seal_text="平罗县人民代表大会常务委员会办公室", seed=6),
    Scan("scan_hrss_9pt_200dpi", "holdout/canvas_hrss_narrow_columns_9pt.pdf",
         dpi=200, skew=2.1, quality=45, seal=(1,), seal_at=(0.4, 0.3), seed=7),
    Scan("scan_police_unruled_150dpi", "holdout/canvas_police_unruled_break_repeat_header.pdf",
         dpi=150, skew=-1.8, gray=True, quality=45, seal=(3,), seal_at=(0.6, 0.5), seed=8),
    Scan("scan_transport_landscape_270", "holdout/xlsx_transport_landscape_break.pdf",
         dpi=200, skew=1.1, turn=270, gray=True, quality=40, seal=(2,), seal_at=(0.3, 0.4), seed=9),
    Scan("scan_veterans_word_no_codes", "holdout/docx_veterans_word_no_codes.pdf",
         dpi=160, skew=-3.0, quality=35, noise=9.0, seal=(1,), seal_at=(0.8, 0.2), seed=10),
    # pages of real bundles: budget tables full of numbers (scored against the born-digital
    # source's own extraction, tests/test_ocr_samples.py)
    Scan("scan_real_putuo_office_tables", "real/上海市普陀区人民政府办公室25年预算.pdf",
         dpi=170, skew=1.3, gray=True, quality=35, pages=(9, 11, 14), seal=(9,), seal_at=(0.7, 0.3),
         seed=11),
    Scan("scan_real_jiangsu_court_tables", "real/江苏省高级人民法院_省法院2017年度部门预算公开.pdf",
         dpi=150, skew=-2.2, quality=35, noise=5.0, pages=(13, 14, 16), seal=(13,), seal_at=(0.5, 0.4),
         seed=12),
]


# Text the source's text layer holds but its page does not show (LibreOffice clips a cell's
# overflowing last line: the full stop of these goals is drawn outside the cell and hidden), so a
# scan cannot hold it either: (source, project seq, field, hidden suffix). Checked on the page
# images (pdftoppm -r 100).
HIDDEN_IN_SOURCE = [
    ("pdf/excel_pingluo_break_repeated_header.pdf", 5, "overall_goal", "。"),
    ("pdf/excel_pingluo_break_no_repeated_header.pdf", 5, "overall_goal", "。"),
]


def visible_expected(source: str, doc: dict) -> dict:
    for src, seq, key, suffix in HIDDEN_IN_SOURCE:
        if src == source:
            project = doc["projects"][seq - 1]
            if (project.get(key) or "").endswith(suffix):
                project[key] = project[key][: -len(suffix)]
    return doc


# --- paper, ink and scanner ---------------------------------------------------------------

def render(pdf: pdfium.PdfDocument, index: int, dpi: int) -> Image.Image:
    page = pdf[index]
    try:
        return page.render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        page.close()


def _star(cx: float, cy: float, r: float) -> list[tuple[float, float]]:
    pts = []
    for k in range(10):
        rad = r if k % 2 == 0 else r * 0.38
        a = -math.pi / 2 + k * math.pi / 5
        pts.append((cx + rad * math.cos(a), cy + rad * math.sin(a)))
    return pts


def seal_layer(size: tuple[int, int], centre: tuple[float, float], radius: float, text: str,
               rng: np.random.Generator) -> Image.Image:
    """An ink layer (L, 255 = full ink) with a round seal: ring, star, text along the rim;
    ink thins out unevenly, as a stamp does."""
    layer = Image.new("L", size, 0)
    d = ImageDraw.Draw(layer)
    cx, cy = centre
    ring = max(3, int(radius * 0.06))
    d.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=255, width=ring)
    d.polygon(_star(cx, cy, radius * 0.3), fill=255)
    if text:
        font = ImageFont.truetype(str(FONT), max(10, int(radius * 0.26)))
        span = min(250.0, 25.0 * len(text))  # degrees of rim the text covers
        for k, ch in enumerate(text):
            a = math.radians(-90 - span / 2 + span * (k + 0.5) / len(text))
            r = radius * 0.74
            glyph = Image.new("L", (font.size * 2, font.size * 2), 0)
            ImageDraw.Draw(glyph).text((font.size // 2, font.size // 2), ch, fill=255, font=font)
            glyph = glyph.rotate(-math.degrees(a) - 90, resample=Image.BICUBIC)
            x, y = cx + r * math.cos(a) - font.size, cy + r * math.sin(a) - font.size
            layer.paste(255, (int(x), int(y)), glyph)
    ink = np.asarray(layer, dtype=np.float32) / 255
    thin = rng.uniform(0.55, 1.0, size=(max(1, size[1] // 24), max(1, size[0] // 24))).astype(np.float32)
    thin = np.asarray(Image.fromarray((thin * 255).astype(np.uint8)).resize(size, Image.BILINEAR),
                      dtype=np.float32) / 255
    return Image.fromarray((ink * thin * 230).astype(np.uint8))


def stamp(img: Image.Image, scan: Scan, rng: np.random.Generator) -> Image.Image:
    w, h = img.size
    radius = 0.085 * min(w, h) * (1.6 if min(w, h) == w else 1.25)
    centre = (scan.seal_at[0] * w, scan.seal_at[1] * h)
    ink = np.asarray(seal_layer(img.size, centre, radius, scan.seal_text, rng), dtype=np.float32)[..., None] / 255
    page = np.asarray(img, dtype=np.float32)
    red = np.array(SEAL_RED, dtype=np.float32)
    out = page * (1 - ink) + (page * red / 255) * ink  # ink multiplies: black text stays black
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8))


def scan_page(img: Image.Image, scan: Scan, skew: float, rng: np.random.Generator) -> Image.Image:
    img = img.rotate(skew, resample=Image.BICUBIC, expand=False, fillcolor=(255, 255, 255))
    if scan.turn:
        img = img.rotate(-scan.turn, expand=True)  # PIL turns counter-clockwise
    img = img.filter(ImageFilter.GaussianBlur(0.5 * scan.dpi / 200))
    a = np.asarray(img, dtype=np.float32)
    a = 18 + a * (236 / 255)  # grey paper, toner never quite black
    a = a + rng.normal(0, scan.noise, size=a.shape[:2])[..., None]
    specks = rng.random(a.shape[:2]) < 0.0004  # dust
    a[specks] = rng.uniform(40, 140, size=(int(specks.sum()), 1))
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def jpeg(img: Image.Image, scan: Scan) -> bytes:
    buf = io.BytesIO()
    (img.convert("L") if scan.gray else img).save(buf, format="JPEG", quality=scan.quality,
                                                  optimize=True)
    return buf.getvalue()


def image_pdf(pages: list[tuple[bytes, Image.Image, int]], out: Path) -> None:
    """One page per JPEG, the page the size of the image at its dpi, no text layer."""
    pdf = pikepdf.new()
    for data, img, dpi in pages:
        w, h = img.size
        with Image.open(io.BytesIO(data)) as probe:
            gray = probe.mode == "L"
        xobj = pikepdf.Stream(pdf, data)
        xobj.Type, xobj.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
        xobj.Width, xobj.Height, xobj.BitsPerComponent = w, h, 8
        xobj.ColorSpace = pikepdf.Name.DeviceGray if gray else pikepdf.Name.DeviceRGB
        xobj.Filter = pikepdf.Name.DCTDecode
        pw, ph = w * 72 / dpi, h * 72 / dpi
        content = f"q {pw:.3f} 0 0 {ph:.3f} 0 0 cm /Im0 Do Q".encode()
        page = pikepdf.Dictionary(
            Type=pikepdf.Name.Page, MediaBox=[0, 0, round(pw, 3), round(ph, 3)],
            Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=xobj)),
            Contents=pikepdf.Stream(pdf, content))
        pdf.pages.append(pikepdf.Page(page))
    pdf.docinfo = pdf.make_indirect(pikepdf.Dictionary(Producer="fujian samples/scanned/make_scanned.py"))
    pdf.save(out, static_id=True, deterministic_id=True, compress_streams=True)


def make_scan(scan: Scan) -> Path:
    rng = np.random.default_rng(scan.seed)
    src = SAMPLES / scan.source
    pdf = pdfium.PdfDocument(str(src))
    numbers = list(scan.pages) or list(range(1, len(pdf) + 1))
    pages = []
    for n in numbers:
        img = render(pdf, n - 1, scan.dpi)
        if n in scan.seal:
            img = stamp(img, scan, rng)
        img = scan_page(img, scan, scan.skew + rng.uniform(-0.3, 0.3), rng)
        data = jpeg(img, scan)
        pages.append((data, img, scan.dpi))
    pdf.close()
    out = HERE / f"{scan.name}.pdf"
    image_pdf(pages, out)
    expected = src.with_name(src.name[:-4] + ".expected.json")
    if expected.exists() and not scan.pages:
        doc = visible_expected(scan.source, json.loads(expected.read_text(encoding="utf-8")))
        doc["source"] = {"file": out.name, "format": "pdf", "pages": len(numbers)}
        (HERE / f"{scan.name}.expected.json").write_text(
            json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out


# --- text layers that lost their Unicode maps ------------------------------------------------

def strip_tounicode(src: Path, out: Path) -> int:
    """Copy `src` with every font's /ToUnicode removed; returns how many were removed."""
    removed = 0
    with pikepdf.open(src) as pdf:
        for page in pdf.pages:
            fonts = page.obj.get("/Resources", {}).get("/Font", {})
            for _, font in fonts.items():
                for f in [font] + list(font.get("/DescendantFonts", [])):
                    if "/ToUnicode" in f:
                        del f["/ToUnicode"]
                        removed += 1
        pdf.save(out, static_id=True, deterministic_id=True)
    return removed


def make_notounicode(stem: str, source: str) -> Path:
    src = SAMPLES / source
    out = HERE / f"{stem}.pdf"
    if not strip_tounicode(src, out):
        raise SystemExit(f"{source}: no ToUnicode map to strip")
    expected = src.with_name(src.name[:-4] + ".expected.json")
    doc = visible_expected(source, json.loads(expected.read_text(encoding="utf-8")))
    doc["source"] = {"file": out.name, "format": "pdf", "pages": doc["source"].get("pages")}
    (HERE / f"{stem}.expected.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n",
                                                encoding="utf-8")
    return out


def make_mixed(stem: str, source: str, scanned_pages: tuple, scan: Scan) -> Path:
    """`source` with the given pages replaced by scans of themselves (a mixed document)."""
    src = SAMPLES / source
    tmp = HERE / f".{stem}.scans.pdf"
    rng = np.random.default_rng(scan.seed)
    doc = pdfium.PdfDocument(str(src))
    pages = []
    for n in scanned_pages:
        img = scan_page(stamp(render(doc, n - 1, scan.dpi), scan, rng), scan, scan.skew, rng)
        pages.append((jpeg(img, scan), img, scan.dpi))
    doc.close()
    image_pdf(pages, tmp)
    out = HERE / f"{stem}.pdf"
    with pikepdf.open(src) as pdf, pikepdf.open(tmp) as scans:
        for k, n in enumerate(scanned_pages):
            pdf.pages[n - 1] = scans.pages[k]
        pdf.save(out, static_id=True, deterministic_id=True)
    tmp.unlink()
    expected = src.with_name(src.name[:-4] + ".expected.json")
    data = json.loads(expected.read_text(encoding="utf-8"))
    data["source"] = {"file": out.name, "format": "pdf", "pages": data["source"].get("pages")}
    (HERE / f"{stem}.expected.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n",
                                                encoding="utf-8")
    return out


def main(argv: list[str]) -> None:
    prefix = argv[1] if len(argv) > 1 else ""
    made = []
    for scan in SCANS:
        if scan.name.startswith(prefix):
            made.append(make_scan(scan))
    if "notounicode".startswith(prefix) or prefix.startswith("notounicode"):
        made.append(make_notounicode("notounicode_word_education_landscape", "pdf/word_education_landscape.pdf"))
        made.append(make_notounicode("notounicode_excel_pingluo", "pdf/excel_pingluo_break_no_repeated_header.pdf"))
    if "mixed".startswith(prefix) or prefix.startswith("mixed"):
        made.append(make_mixed("mixed_flowing_tables_page2_scanned",
                               "pdf/word_education_flowing_tables_repeated_header.pdf", (2,),
                               Scan("mixed", "", dpi=200, skew=-1.4, gray=True, seal_text="平罗县教育局",
                                    seal_at=(0.7, 0.3), seed=20)))
    for p in made:
        print(f"{p.relative_to(SAMPLES)}  {p.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main(sys.argv)
