"""OUT/.fujian/sources.json: which input file each output came from.

Per-document JSONs never hold the path the input was converted from (the same file converted
from two places gives the same bytes), so the batch keeps that here: `{output name: absolute
input path}`. It lets a run refuse to overwrite the output of a *different* input that
happens to have the same name (`dirA/a.pdf` then `dirB/a.pdf` into one OUT), and lets
`fujian review` find the PDF of a JSON.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Optional

from fujian.write.atomic import atomic_write_text

MANIFEST = Path(".fujian") / "sources.json"


def load_sources(out: Path) -> dict[str, str]:
    try:
        data = json.loads((Path(out) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)} \
        if isinstance(data, dict) else {}


def save_sources(out: Path, sources: dict[str, str]) -> None:
    target = Path(out) / MANIFEST
    target.parent.mkdir(parents=True, exist_ok=True)
    # ASCII escapes: a file name that is not valid UTF-8 (GBK bytes, kept by Python as
    # surrogate escapes) round-trips exactly
    atomic_write_text(target, json.dumps(dict(sorted(sources.items())), ensure_ascii=True,
                                         indent=1) + "\n")


def absolute(path: str) -> str:
    return os.path.abspath(path)


def source_of(out: Path, name: str) -> Optional[str]:
    """The input file the output `name` (e.g. "docs/a.pdf") was converted from, if known."""
    return load_sources(out).get(name)
