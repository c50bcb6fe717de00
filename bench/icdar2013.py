"""Generic tables measured on the ICDAR 2013 Table Competition dataset, side by side with
camelot (`flavor="auto"`) and pdfplumber, with one scorer for every tool.

    python bench/icdar2013.py [--no-camelot] [--no-pdfplumber] [--cache DIR] [--only eu-001,…] [-v]

The dataset is `$ICDAR2013_DIR`, or `../shared/icdar2013/` beside the repository (67 EU/US
government PDFs; `NAME-reg.xml` table regions, `NAME-str.xml` table structure; coordinates
in PDF points with the origin at the bottom left of the page).

Measures (every tool's tables are reduced to the same thing: page, bbox, rows of cell text
with a merged cell's text once, at its top-left position):

- detection: one truth unit per `-reg.xml` region (a table continued on the next page has one
  region per page). A predicted table matches a region on the same page when their boxes
  overlap by IoU ≥ 0.5 (one to one, best overlaps first). Precision = matched predictions /
  predictions, recall = matched regions / regions.
- adjacency relations (Göbel et al., 2013): each non-empty cell with its nearest non-empty
  neighbour to the right and below, as (text, text, direction); counted over every table —
  a missed region's relations are missed, a false positive's are wrong.
- cells: the non-empty cell texts, as a multiset, over every table as above.

Text is compared after NFKC and with all whitespace removed (line breaks inside a cell are
a tool's choice). fujian is timed in CPU seconds per page (`time.process_time`, the
conversion of each file through `pipeline.convert_file` with the PDFium engine).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
import unicodedata
import warnings
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT.parent))

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom (points, origin top-left)
Rows = list[list[Optional[str]]]


@dataclass
class TruthRegion:
    table: str
    page: int
    bbox: BBox
    rows: Rows


@dataclass
class Found:
    page: int
    bbox: BBox
    rows: Rows


@dataclass
class Score:
    regions: int = 0
    found: int = 0
    matched: int = 0
    rel_truth: int = 0
    rel_found: int = 0
    rel_ok: int = 0
    cell_truth: int = 0
    cell_found: int = 0
    cell_ok: int = 0
    pages: int = 0
    cpu: float = 0.0
    misses: list[str] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        for k in ("regions", "found", "matched", "rel_truth", "rel_found", "rel_ok",
                  "cell_truth", "cell_found", "cell_ok", "pages"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        self.cpu += other.cpu
        self.misses += other.misses

    @staticmethod
    def f1(ok: int, found: int, truth: int) -> tuple[float, float, float]:
        p = ok / found if found else 0.0
        r = ok / truth if truth else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def detection(self) -> tuple[float, float, float]:
        p = self.matched / self.found if self.found else 0.0
        r = self.matched / self.regions if self.regions else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def adjacency(self) -> tuple[float, float, float]:
        return self.f1(self.rel_ok, self.rel_found, self.rel_truth)

    def cells(self) -> tuple[float, float, float]:
        return self.f1(self.cell_ok, self.cell_found, self.cell_truth)


# --- the dataset -----------------------------------------------------------------------------

def dataset_dir() -> Path:
    if os.environ.get("ICDAR2013_DIR"):
        return Path(os.environ["ICDAR2013_DIR"])
    for up in ROOT.parents:  # ../shared beside the repository (or beside a worktree's parent)
        if (up / "shared" / "icdar2013").is_dir():
            return up / "shared" / "icdar2013"
    return ROOT.parent / "shared" / "icdar2013"


def documents(base: Path) -> list[Path]:
    return sorted(p for p in base.rglob("*.pdf")
                  if p.with_name(p.stem + "-reg.xml").exists() and p.with_name(p.stem + "-str.xml").exists())


def page_heights(pdf: Path) -> dict[int, tuple[float, float]]:
    """page → (bottom of the media box, height): truth boxes are in PDF user space."""
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(pdf))
    try:
        out = {}
        for i in range(len(doc)):
            page = doc[i]
            x0, y0, x1, y1 = page.get_mediabox()
            # boxes are given in the page as displayed: a page turned by /Rotate 90 is as tall
            # as its media box is wide
            turned = page.get_rotation() in (90, 270)
            out[i + 1] = (x0 if turned else y0, (x1 - x0) if turned else (y1 - y0))
            page.close()
        return out
    finally:
        doc.close()


def _box(el: ET.Element, page: int, heights: dict) -> BBox:
    bb = el.find("bounding-box")
    x1, y1, x2, y2 = (float(bb.get(k)) for k in ("x1", "y1", "x2", "y2"))
    y0, h = heights.get(page, (0.0, 792.0))
    return (min(x1, x2), y0 + h - max(y1, y2), max(x1, x2), y0 + h - min(y1, y2))


def truth_regions(pdf: Path) -> list[TruthRegion]:
    heights = page_heights(pdf)
    reg = ET.parse(pdf.with_name(pdf.stem + "-reg.xml")).getroot()
    st = ET.parse(pdf.with_name(pdf.stem + "-str.xml")).getroot()
    boxes: dict[tuple[str, int], BBox] = {}
    for table in reg.iter("table"):
        for k, region in enumerate(table.iter("region")):
            page = int(region.get("page"))
            boxes[(table.get("id"), k)] = _box(region, page, heights)
    out = []
    for table in st.iter("table"):
        for k, region in enumerate(table.iter("region")):
            page = int(region.get("page"))
            cells = []
            for cell in region.iter("cell"):
                r, c = int(cell.get("start-row")), int(cell.get("start-col"))
                cells.append((r, c, (cell.findtext("content") or "").strip() or None))
            n_rows = max((r for r, _, _ in cells), default=-1) + 1
            n_cols = max((c for _, c, _ in cells), default=-1) + 1
            rows: Rows = [[None] * n_cols for _ in range(n_rows)]
            for r, c, text in cells:
                rows[r][c] = text
            bbox = boxes.get((table.get("id"), k))
            if bbox is None:  # no region box: the union of its cells' boxes
                cb = [_box(cell, page, heights) for cell in region.iter("cell")]
                bbox = (min(b[0] for b in cb), min(b[1] for b in cb),
                        max(b[2] for b in cb), max(b[3] for b in cb))
            out.append(TruthRegion(f"{pdf.stem}#{table.get('id')}.{k + 1}", page, bbox, rows))
    return out


# --- scoring ---------------------------------------------------------------------------------

def norm(text: Optional[str]) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def relations(rows: Rows) -> Counter:
    """Each non-empty cell with its nearest non-empty neighbour to the right and below."""
    grid = [[norm(t) for t in row] for row in rows]
    out: Counter = Counter()
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if not text:
                continue
            right = next((t for t in row[c + 1:] if t), None)
            if right:
                out[(text, right, "r")] += 1
            below = next((g[c] for g in grid[r + 1:] if c < len(g) and g[c]), None)
            if below:
                out[(text, below, "d")] += 1
    return out


def cell_texts(rows: Rows) -> Counter:
    return Counter(t for t in (norm(x) for row in rows for x in row) if t)


def iou(a: BBox, b: BBox) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    inter = w * h
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def score_document(truth: list[TruthRegion], found: list[Found], name: str) -> Score:
    s = Score(regions=len(truth), found=len(found))
    pairs = sorted(((iou(t.bbox, f.bbox), i, j) for i, t in enumerate(truth)
                    for j, f in enumerate(found) if t.page == f.page), reverse=True)
    match: dict[int, int] = {}
    used: set[int] = set()
    for overlap, i, j in pairs:
        if overlap < 0.5 or i in match or j in used:
            continue
        match[i] = j
        used.add(j)
    s.matched = len(match)
    for i, t in enumerate(truth):
        tr, tc = relations(t.rows), cell_texts(t.rows)
        s.rel_truth += sum(tr.values())
        s.cell_truth += sum(tc.values())
        if i in match:
            f = found[match[i]]
            s.rel_ok += sum((tr & relations(f.rows)).values())
            s.cell_ok += sum((tc & cell_texts(f.rows)).values())
        else:
            s.misses.append(f"{t.table} p{t.page} missed")
    for j, f in enumerate(found):
        s.rel_found += sum(relations(f.rows).values())
        s.cell_found += sum(cell_texts(f.rows).values())
        if j not in used:
            s.misses.append(f"{name} p{f.page} false table {tuple(round(v) for v in f.bbox)}")
    return s


# --- the tools -------------------------------------------------------------------------------

def run_fujian(pdf: Path) -> tuple[list[Found], float, int]:
    from fujian.pipeline import convert_file
    t0 = time.process_time()
    doc = convert_file(pdf, name=pdf.name, engine="pdfium")
    cpu = time.process_time() - t0
    found = [Found(t["page"], tuple(t["bbox"]), t["rows"]) for t in doc.get("tables", [])
             if t.get("bbox") and t.get("page")]
    for p in doc.get("projects", []) + doc.get("budget_tables", []):
        if p.get("bbox") and p.get("page"):  # generic text read as something else still counts
            found.append(Found(p["page"], tuple(p["bbox"]), []))
    return found, cpu, doc["source"]["pages"]


def run_camelot(pdf: Path) -> list[Found]:
    import camelot
    heights = page_heights(pdf)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tables = camelot.read_pdf(str(pdf), pages="all", flavor="auto", suppress_stdout=True)
    out = []
    for t in tables:
        page = int(t.page)
        x1, y1, x2, y2 = t._bbox
        y0, h = heights.get(page, (0.0, 792.0))
        rows = [[c if str(c).strip() else None for c in row] for row in t.data]
        out.append(Found(page, (x1, y0 + h - y2, x2, y0 + h - y1), rows))
    return out


def run_pdfplumber(pdf: Path) -> list[Found]:
    import pdfplumber
    out = []
    with pdfplumber.open(str(pdf)) as doc:
        for number, page in enumerate(doc.pages, start=1):
            for t in page.find_tables():
                out.append(Found(number, tuple(t.bbox), t.extract()))
            page.close()
    return out


def cached(cache: Optional[Path], tool: str, pdf: Path, run) -> list[Found]:
    if cache is None:
        return run(pdf)
    path = cache / f"{tool}-{pdf.stem}.json"
    if path.exists():
        return [Found(f["page"], tuple(f["bbox"]), f["rows"]) for f in json.loads(path.read_text())]
    found = run(pdf)
    cache.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([f.__dict__ for f in found], ensure_ascii=False))
    return found


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-camelot", action="store_true")
    ap.add_argument("--no-pdfplumber", action="store_true")
    ap.add_argument("--cache", type=Path, help="keep camelot's and pdfplumber's tables here")
    ap.add_argument("--only", help="comma-separated document names (eu-001,us-012)")
    ap.add_argument("-v", action="store_true", help="list every missed region and false table")
    args = ap.parse_args(argv)
    base = dataset_dir()
    pdfs = documents(base)
    if not pdfs:
        print(f"no ICDAR 2013 documents under {base} (set ICDAR2013_DIR)", file=sys.stderr)
        return 2
    if args.only:
        keep = set(args.only.split(","))
        pdfs = [p for p in pdfs if p.stem in keep]
    tools = ["fujian"] + (["camelot"] if not args.no_camelot else []) \
        + (["pdfplumber"] if not args.no_pdfplumber else [])
    totals = {t: Score() for t in tools}
    run_fujian(pdfs[0])  # imports and first-use set-up are not a page's cost
    for pdf in pdfs:
        truth = truth_regions(pdf)
        found, cpu, pages = run_fujian(pdf)
        s = score_document(truth, found, pdf.stem)
        s.cpu, s.pages = cpu, pages
        totals["fujian"].add(s)
        line = f"{pdf.stem}: fujian det {s.matched}/{len(truth)} ({len(found)} found) " \
               f"adj {s.rel_ok}/{s.rel_truth} ({s.rel_found})"
        for tool, run in (("camelot", run_camelot), ("pdfplumber", run_pdfplumber)):
            if tool in totals:
                o = score_document(truth, cached(args.cache, tool, pdf, run), pdf.stem)
                totals[tool].add(o)
                line += f" | {tool} det {o.matched}/{len(truth)} adj {o.rel_ok}/{o.rel_truth}"
        if args.v:
            print(line)
            for m in s.misses:
                print("   ", m)
    print(f"{len(pdfs)} documents, {totals['fujian'].regions} table regions, "
          f"{totals['fujian'].pages} pages")
    print(f"{'tool':<11} {'detection P/R/F1':<20} {'cells P/R/F1':<20} {'adjacency P/R/F1':<20}")
    for tool, s in totals.items():
        cols = ["/".join(f"{v:.3f}" for v in m()) for m in (s.detection, s.cells, s.adjacency)]
        print(f"{tool:<11} {cols[0]:<20} {cols[1]:<20} {cols[2]:<20}")
    f = totals["fujian"]
    print(f"fujian CPU: {f.cpu / max(f.pages, 1):.3f} s/page ({f.cpu:.1f} s over {f.pages} pages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
