"""What the typed budget tables and the checks add to `fujian extract` on the real bundles
(goal: at most 10%): the same conversions timed side by side in one run, with the budget-table
reader and the checks, and with both replaced by no-ops (their regions then become plain
tables). CPU time of this process, best of N rounds, alternating.

    python bench/bench_budget_step.py [N]
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT.parent))


def main() -> None:
    import fujian.checks as checks
    import fujian.normalize.bundle as bundle
    from fujian.pipeline import convert_file

    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    pdfs = sorted((ROOT / "samples" / "real").glob("*.pdf"))
    read_budget_tables, run_checks = bundle.read_budget_tables, checks.run_checks

    def without() -> None:
        bundle.read_budget_tables = lambda regions: ([], [])
        checks.run_checks = lambda doc: []

    def with_() -> None:
        bundle.read_budget_tables, checks.run_checks = read_budget_tables, run_checks

    def timed() -> float:
        start = time.process_time()
        for pdf in pdfs:
            convert_file(pdf)
        return time.process_time() - start

    for pdf in pdfs:  # warm: imports, caches
        convert_file(pdf)
    best = {"with": float("inf"), "without": float("inf")}
    for _ in range(rounds):
        for label, setup in (("without", without), ("with", with_)):
            setup()
            best[label] = min(best[label], timed())
    with_()
    pages = sum(convert_file(p)["source"]["pages"] or 0 for p in pdfs)
    ratio = best["with"] / best["without"]
    print(f"{len(pdfs)} real bundles, {pages} pages, best of {rounds}:")
    print(f"  without budget tables and checks: {best['without']:.2f} s CPU ({best['without'] / pages * 1000:.1f} ms/page)")
    print(f"  with them:                        {best['with']:.2f} s CPU ({best['with'] / pages * 1000:.1f} ms/page)")
    print(f"  the typed-table step adds {100 * (ratio - 1):.1f}% (goal ≤ 10%)")


if __name__ == "__main__":
    main()
