"""Shared by the test_batch_* files (loaded by path; this file holds no tests).

Real inputs only: the Pingluo text dump, the PDFs in samples/pdf/ when present, else one
PDF drawn with reportlab from the same text dump (a ruled 4-column table per project).
"""
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE_TXT = REPO / "samples" / "pingluo-rd-2025.txt"
SAMPLE_PDF_DIR = REPO / "samples" / "pdf"


def pdf_reader_available() -> bool:
    try:
        import fujian.extract.pdf_document  # noqa: F401
    except ImportError:
        return False
    return True


def make_pdf_from_dump(path: Path, txt: Path = SAMPLE_TXT) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("cell", fontName="STSong-Light", fontSize=8, leading=10)
    blocks, cur = [], []
    for line in txt.read_text(encoding="utf-8").splitlines():
        if line.startswith("部门项目支出预算绩效目标表") and cur:
            blocks.append(cur)
            cur = []
        cur.append(line)
    blocks.append(cur)
    story = []
    for block in blocks:
        rows = [(r.split("\t") + [""] * 4)[:4] for r in block if "\t" in r]
        if not rows:
            continue
        table = Table([[Paragraph(c, style) for c in r] for r in rows], colWidths=[90, 130, 160, 140])
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
        story += [table, Spacer(1, 20)]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def sample_pdfs(work: Path, limit: int = 3) -> list[Path]:
    """Up to `limit` real sample PDFs (samples/pdf), else one made with reportlab."""
    found = sorted(SAMPLE_PDF_DIR.glob("*.pdf"))[:limit] if SAMPLE_PDF_DIR.is_dir() else []
    if found:
        return found
    work.mkdir(parents=True, exist_ok=True)
    return [make_pdf_from_dump(work / "pingluo-generated.pdf")]


def run_cli(*args, timeout=120, **kw) -> subprocess.CompletedProcess:
    """`fujian extract ARGS` in a child process, as a user would run it."""
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    return subprocess.run([sys.executable, "-m", "fujian.cli", "extract", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, env=env, **kw)


def load_report(out: Path) -> dict:
    """report.json as {file: entry}."""
    entries = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert isinstance(entries, list)
    return {e["file"]: e for e in entries}


def output_snapshot(out: Path) -> dict:
    """Every output file's content, timing fields of report.json removed."""
    snap = {}
    for p in sorted(out.rglob("*")):
        if not p.is_file():
            continue
        rel = p.relative_to(out).as_posix()
        if rel == "report.json":
            entries = json.loads(p.read_text(encoding="utf-8"))
            snap[rel] = [{k: v for k, v in e.items() if k not in ("seconds", "skipped")}
                         for e in entries]
        else:
            snap[rel] = p.read_bytes()
    return snap


def test_the_largest_inputs_are_converted_first(tmp_path):
    """A long file taken last keeps one worker busy while the others idle: tasks go largest
    first, equal sizes in the order found, a file that vanished last."""
    from fujian.batch.runner import largest_first
    from fujian.batch.tasks import Task

    sizes = {"a.txt": 10, "b.pdf": 5000, "c.txt": 10, "d.pdf": 70}
    tasks = []
    for name, size in sizes.items():
        (tmp_path / name).write_bytes(b"x" * size)
        tasks.append(Task(str(tmp_path / name), name, str(tmp_path / (name + ".json"))))
    tasks.append(Task(str(tmp_path / "gone.pdf"), "gone.pdf", str(tmp_path / "gone.pdf.json")))
    assert [t.name for t in largest_first(tasks)] == ["b.pdf", "d.pdf", "a.txt", "c.txt", "gone.pdf"]
