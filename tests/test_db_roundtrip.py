"""Whatever text and numbers a document holds come back out of the database unchanged
(SQLite; the PostgreSQL path is covered on real data in test_db_load.py)."""
from __future__ import annotations

import json
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text

from fujian.db.load import load_directory

texts = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)
    .filter(lambda s: s.strip()),
    st.sampled_from(["≥90%", "1-12月", "每次6667元", "效果明显", "２０２５年", "'; DROP TABLE x;--"]),
)
amounts = st.one_of(st.none(), st.integers(0, 10**9),
                    st.decimals(min_value=0, max_value=10**6, places=4).map(float))
indicator = st.fixed_dictionaries({k: texts for k in
                                   ("level1_code", "level1", "level2_code", "level2", "level3",
                                    "target")})
project = st.fixed_dictionaries({
    "project_name": texts, "department": texts, "amount_unit": st.sampled_from(["万元", "元", None]),
    "annual_amount": amounts, "overall_goal": texts,
    "extra_fields": st.dictionaries(st.text(min_size=1, max_size=8), texts, max_size=3),
    "indicators": st.lists(indicator, max_size=6),
})
document = st.fixed_dictionaries({"title": texts, "projects": st.lists(project, max_size=4)})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document)
def test_values_round_trip(doc):
    for seq, p in enumerate(doc["projects"], start=1):
        p["seq"] = seq
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        (out / "d.txt.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        url = f"sqlite:///{out / 'db.sqlite'}"
        summary = load_directory(out, url)
        assert summary.ok and summary.inserted == 1
        engine = create_engine(url)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT title FROM documents")).scalar() == doc["title"]
            rows = conn.execute(text(
                "SELECT id, project_name, department, amount_unit, annual_amount, overall_goal, "
                "extra_fields FROM projects ORDER BY seq")).all()
            assert len(rows) == len(doc["projects"])
            for row, p in zip(rows, doc["projects"]):
                assert (row[1], row[2], row[3], row[5]) == (
                    p["project_name"], p["department"], p["amount_unit"], p["overall_goal"])
                if p["annual_amount"] is None:
                    assert row[4] is None
                else:
                    assert Decimal(str(row[4])) == Decimal(str(p["annual_amount"]))
                assert json.loads(row[6]) == p["extra_fields"]
                inds = conn.execute(text(
                    "SELECT level1_code, level1, level2_code, level2, level3, target "
                    "FROM indicators WHERE project_id = :p ORDER BY position"), {"p": row[0]})
                assert [dict(r._mapping) for r in inds] == p["indicators"]
        engine.dispose()
        assert load_directory(out, url).unchanged == 1
