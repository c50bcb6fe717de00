"""The Python API: the same conversions as `fujian extract`, for use from Python and pandas.

    import fujian
    doc = fujian.extract("附件2.pdf")                       # one document: the dict of its JSON file
    docs = fujian.extract_many(["a.pdf", "b.txt"], workers=2)
    frames = fujian.to_dataframes(docs)                    # {"projects": DataFrame, "indicators": …}
    projects = fujian.read_csv("out/projects.csv")         # an OUT/*.csv with the right dtypes

Nothing is written to disk. A file that cannot be read raises `fujian.ExtractionError` in
`extract`; `extract_many` never stops on one: a failed input gives `{"source": {"file": …},
"error": "…"}` in its place (or raises, with `errors="raise"`).
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Iterable, Optional, Sequence, Union

from .extract.model import ExtractionError

PathLike = Union[str, os.PathLike]


def extract(path: PathLike, *, engine: str = "pdfplumber",
            password: Union[str, Sequence[str], None] = None, pages: Optional[str] = None,
            keep_raw: bool = False, name: Optional[str] = None) -> dict:
    """Convert one input (PDF or text dump) to its per-document JSON dict (docs/SPEC.md).

    `password`: one or several passwords to try; `pages`: "1-3,7"; `name`: the
    `source.file` to record (default: the file's base name)."""
    from .pipeline import convert_file

    path = Path(path)
    if not path.is_file():
        raise ExtractionError(f"{path}: no such file")
    return convert_file(path, name=name or path.name, engine=engine, password=password,
                        pages=pages, keep_raw=keep_raw)


def _extract_or_error(args: tuple) -> dict:
    path, options = args
    try:
        return extract(path, **options)
    except ExtractionError as e:
        return {"source": {"file": Path(path).name}, "error": str(e)}
    except MemoryError:
        return {"source": {"file": Path(path).name}, "error": "out of memory while converting"}
    except Exception as e:  # a bug in the pipeline: reported, the other inputs go on
        return {"source": {"file": Path(path).name}, "error": f"internal error: {type(e).__name__}: {e}"}


def extract_many(paths: Iterable[PathLike], *, workers: Optional[int] = None,
                 errors: str = "keep", **options) -> list[dict]:
    """Convert several inputs, `workers` at a time (processes; default: the CPUs), in order.

    `options` are those of `extract`. `errors="keep"` puts `{"source": {"file"}, "error"}` in
    place of a failed input; `errors="skip"` leaves it out; `errors="raise"` raises
    ExtractionError for the first failure."""
    if errors not in ("keep", "skip", "raise"):
        raise ValueError("errors must be 'keep', 'skip' or 'raise'")
    jobs = [(str(p), options) for p in paths]
    workers = max(1, workers or os.cpu_count() or 1)
    if workers == 1 or len(jobs) <= 1:
        results = [_extract_or_error(j) for j in jobs]
    else:
        with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
            results = list(pool.map(_extract_or_error, jobs))
    if errors == "raise":
        failed = next((r for r in results if "error" in r), None)
        if failed is not None:
            raise ExtractionError(f"{failed['source']['file']}: {failed['error']}")
    if errors == "skip":
        results = [r for r in results if "error" not in r]
    return results


def to_dataframes(docs: Union[dict, Iterable[dict]]) -> dict:
    """pandas DataFrames of the batch tables (projects, indicators, …) of these documents —
    the same columns as OUT/*.csv, codes as strings, amounts as numbers. Documents that
    failed (`"error"` entries of extract_many) are left out."""
    from .write.batch_tables import BATCH_TABLES
    from .write.frames import table_frame

    if isinstance(docs, dict):
        docs = [docs]
    docs = [d for d in docs if isinstance(d, dict) and "error" not in d]
    return {t.name: table_frame(t, (row for d in docs for row in t.rows(d))) for t in BATCH_TABLES}


def read_csv(path: PathLike):
    """An OUT/<table>.csv of `fujian extract` as a DataFrame with the right dtypes: codes
    (level1_code, level2_code, …) as strings, never 1.0; counts as integers; amounts as
    numbers; empty cells as missing values."""
    from .write.frames import read_table_csv

    return read_table_csv(Path(path))
