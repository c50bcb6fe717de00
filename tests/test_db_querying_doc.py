"""docs/querying.md: every ```sql block, run on the loaded Pingluo sample (SQLite and
PostgreSQL), prints exactly the ```text block that follows it."""
from __future__ import annotations

import os
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from fujian.db.load import load_directory
from fujian.db.pytest_postgres import postgres_server, postgres_url  # noqa: F401

DOC = Path(__file__).resolve().parent.parent / "docs" / "querying.md"
SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "pingluo-rd-2025.expected.json"

FENCE = re.compile(r"```(\w+)\n(.*?)```", re.S)


def examples() -> list[tuple[str, str]]:
    blocks = FENCE.findall(DOC.read_text(encoding="utf-8"))
    pairs = []
    for (lang, body), following in zip(blocks, blocks[1:] + [("", "")]):
        if lang == "sql":
            assert following[0] == "text", f"no ```text output after:\n{body}"
            pairs.append((body.strip(), following[1].strip("\n")))
    return pairs


def shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return format(Decimal(str(value)).normalize(), "f")
    return str(value)


def test_the_doc_has_the_three_analyst_queries():
    sql = [q for q, _ in examples()]
    assert len(sql) >= 3
    assert any("annual_amount_wanyuan" in q and "GROUP BY p.department" in q for q in sql)
    assert any("i.unit = '%'" in q and "< 90" in q for q in sql)
    assert any("COUNT(i.id)" in q for q in sql)
    assert any("three_public" in q for q in sql) and any("r.name = '住房公积金'" in q for q in sql)
    assert any("c.status = 'fail'" in q for q in sql)


REAL = Path(__file__).resolve().parent.parent / "samples" / "real"
BUNDLES = ("上海市普陀区人民政府办公室25年预算.pdf", "上海市普陀区社会福利院2024年单位预算.pdf",
           "上海市普陀区财政局2024年度部门决算.pdf", "江苏省委办公厅_江苏省委办公厅2017年预算公开表格.pdf")


@pytest.fixture(scope="module")
def bundle_jsons(tmp_path_factory):
    from fujian.pipeline import convert_file
    from fujian.write.document_json import write_document_json

    folder = tmp_path_factory.mktemp("bundles")
    for name in BUNDLES:
        write_document_json(convert_file(REAL / name), folder / f"{name}.json")
    return folder


@pytest.fixture(params=["sqlite", "postgresql"])
def loaded_url(request, tmp_path, bundle_jsons):
    out = tmp_path / "out"
    out.mkdir()
    shutil.copy(SAMPLE, out / "pingluo-rd-2025.txt.json")
    for path in bundle_jsons.iterdir():
        shutil.copy(path, out / path.name)
    url = (f"sqlite:///{tmp_path / 'q.sqlite'}" if request.param == "sqlite"
           else request.getfixturevalue("postgres_url"))
    summary = load_directory(out, url)
    assert (summary.total_projects, summary.total_indicators) == (6, 55)
    return url


def test_every_query_prints_what_the_doc_shows(loaded_url):
    engine = create_engine(loaded_url)
    try:
        with engine.connect() as conn:
            for sql, expected in examples():
                result = conn.execute(text(sql))
                lines = ["|".join(result.keys())]
                lines += ["|".join(shown(v) for v in row) for row in result]
                assert "\n".join(lines) == expected, sql
    finally:
        engine.dispose()
