"""Peak memory of converting a long PDF against a short one: the same pages, 10× over.

    python bench/bench_memory.py [--pages 73] [--times 10] [--engine pdfium] [--trace]

The short PDF is made of the pages of samples/pdf (ruled and unruled project tables, readable
ones only), taken in turn until it has --pages pages; the long one repeats that document
--times over (pikepdf copies the pages; nothing is committed). Each conversion runs in a fresh
process (`fujian.pipeline.convert_file`, the JSON written to a file as the batch writes it,
write/document_json.py `write_document_json`) and the figure
is that process's peak RSS (ru_maxrss). --trace also prints where the long document's Python
allocations still held at the end of reading come from (tracemalloc, top lines).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP = ("scanned", "user_password", "owner_password")

CHILD = r"""
import json, resource, sys, tracemalloc
trace = sys.argv[3] == "1"
if trace:
    tracemalloc.start(8)
from fujian.pipeline import convert_file, read_document
from fujian.write.document_json import write_document_json
if trace:
    doc = read_document(__import__("pathlib").Path(sys.argv[1]), engine=sys.argv[2])
    snap = tracemalloc.take_snapshot()
    for stat in snap.statistics("lineno")[:8]:
        print("   ", stat, file=sys.stderr)
    del doc
out = sys.argv[1] + ".json"
write_document_json(convert_file(sys.argv[1], engine=sys.argv[2]), out, engine=sys.argv[2])
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, __import__("os").path.getsize(out))
"""


def make_pdf(target: Path, pages: int, times: int = 1) -> int:
    """`pages` sample pages in turn, the whole repeated `times` times; the page count."""
    import pikepdf

    sources = [pikepdf.open(p) for p in sorted((ROOT / "samples" / "pdf").glob("*.pdf"))
               if not any(s in p.name for s in SKIP)]
    out = pikepdf.new()
    picked = []
    while len(picked) < pages:
        for src in sources:
            for page in src.pages:
                if len(picked) < pages:
                    picked.append(page)
    for _ in range(times):
        for page in picked:
            out.pages.append(page)
    out.save(target)
    n = len(out.pages)
    for s in sources:
        s.close()
    return n


def peak_rss_mb(pdf: Path, engine: str, trace: bool = False) -> tuple[float, int]:
    r = subprocess.run([sys.executable, "-c", CHILD, str(pdf), engine, "1" if trace else "0"],
                       capture_output=True, text=True, check=True)
    if trace:
        print(r.stderr, end="")
    kb, size = r.stdout.split()
    return int(kb) / 1024, int(size)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=73)
    ap.add_argument("--times", type=int, default=10)
    ap.add_argument("--engine", default="pdfium")
    ap.add_argument("--trace", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="fujian-mem-") as tmp:
        short, long = Path(tmp, "short.pdf"), Path(tmp, "long.pdf")
        n_short = make_pdf(short, args.pages)
        n_long = make_pdf(long, args.pages, args.times)
        print(f"load average: {os.getloadavg()[0]:.2f}; engine {args.engine}")
        a, size_a = peak_rss_mb(short, args.engine)
        b, size_b = peak_rss_mb(long, args.engine, args.trace)
        print(f"{n_short:>5} pages: peak RSS {a:7.1f} MiB (JSON {size_a / 1e6:.1f} MB)")
        print(f"{n_long:>5} pages: peak RSS {b:7.1f} MiB (JSON {size_b / 1e6:.1f} MB)")
        print(f"ratio {b / a:.2f}; {(b - a) / (n_long - n_short) * 1024:.0f} KiB per extra page")
    return 0


if __name__ == "__main__":
    sys.exit(main())
