"""Accuracy on every committed corpus: header-field accuracy and indicator F1 per corpus, as
../shared/score.py counts them, plus the inputs that are not exact.

    python bench/score_corpora.py [--engine pdfplumber|camelot]
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from fujian.audit.scoring import Score, score
from fujian.extract.model import ExtractionError
from fujian.pipeline import convert_file

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SUFFIXES = (".pdf", ".tab.txt", ".layout.txt", ".txt", ".xlsx", ".xls", ".docx")


def inputs(corpus: Path):
    for expected in sorted(corpus.glob("*.expected.json")):
        stem = expected.name[: -len(".expected.json")]
        for suffix in SUFFIXES:
            if (corpus / (stem + suffix)).exists():
                yield corpus / (stem + suffix), expected
    if corpus.name == "layout":
        for dump in sorted(corpus.glob("*.layout.txt")):
            yield dump, SAMPLES / "pdf" / dump.name.replace(".layout.txt", ".expected.json")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", default="pdfplumber", choices=["pdfplumber", "camelot"])
    args = parser.parse_args()
    corpora = [SAMPLES] + sorted(p for p in SAMPLES.iterdir() if p.is_dir())
    total, not_exact = Score(), []
    print(f"{'corpus':10} {'inputs':>6} {'fields':>12} {'accuracy':>8} {'F1':>7} {'seconds':>8}")
    for corpus in corpora:
        pairs = list(inputs(corpus))
        if not pairs:
            continue
        s, start = Score(), time.perf_counter()
        for path, expected in pairs:
            try:
                got = convert_file(path, engine=args.engine)
            except ExtractionError as e:
                got = {}
                not_exact.append(f"{path.relative_to(SAMPLES)}: {e}")
            one = score(got, json.loads(expected.read_text(encoding="utf-8")))
            if one.differences:
                not_exact.append(f"{path.relative_to(SAMPLES)}: {len(one.differences)} differences")
            s += one
        total += s
        name = corpus.name if corpus != SAMPLES else "samples"
        print(f"{name:10} {len(pairs):6} {s.fields_ok:5}/{s.fields:<6} {s.field_accuracy:8.4f} {s.f1:7.4f} "
              f"{time.perf_counter() - start:8.1f}")
    print(f"{'all':10} {'':6} {total.fields_ok:5}/{total.fields:<6} {total.field_accuracy:8.4f} {total.f1:7.4f}")
    for line in not_exact:
        print("not exact:", line)


if __name__ == "__main__":
    main()
