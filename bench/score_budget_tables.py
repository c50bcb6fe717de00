"""Budget-table accuracy of fujian on every committed bundle with an expected file
(`samples/real/*.budget.json`, `samples/bundles/**/*.expected.json` with budget_tables): table
kind recall, unit accuracy, row F1, value accuracy (and checks, where expected).

    python bench/score_budget_tables.py [-v]
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT.parent))


def expected_files() -> list[tuple[Path, Path]]:
    pairs = []
    for exp in sorted((ROOT / "samples").rglob("*.json")):
        if exp.name.endswith(".budget.json"):
            source = exp.with_name(exp.name[: -len(".budget.json")])
        elif exp.name.endswith(".expected.json"):
            try:
                if "budget_tables" not in json.loads(exp.read_text(encoding="utf-8")):
                    continue
            except ValueError:
                continue
            stem = exp.name[: -len(".expected.json")]
            source = next((exp.with_name(stem + s) for s in (".pdf", ".txt", ".xlsx", ".xls", ".docx")
                           if exp.with_name(stem + s).exists()), None)
        else:
            continue
        if source is not None and source.exists():
            pairs.append((source, exp))
    return pairs


def main() -> None:
    from fujian.audit.budget_scoring import BudgetScore, score_budget_tables
    from fujian.pipeline import convert_file

    verbose = "-v" in sys.argv
    total = BudgetScore()
    for source, exp in expected_files():
        doc = convert_file(source)
        s = score_budget_tables(doc, json.loads(exp.read_text(encoding="utf-8")))
        total.add(s)
        print(f"{source.relative_to(ROOT)}: {s.summary()}")
        if verbose:
            for d in s.differences[:40]:
                print("   ", d)
    print(f"ALL: {total.summary()}")


if __name__ == "__main__":
    main()
