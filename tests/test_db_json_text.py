"""JSON columns hold Chinese text as written, so SQL on them works as an analyst expects."""
import json
import sqlite3
from pathlib import Path

from fujian.db.load import load_directory
from fujian.pipeline import convert_file

PDF = Path(__file__).resolve().parent.parent / "samples" / "pdf" / \
    "drawn_civil_affairs_extra_indicator_columns.pdf"  # 其中：中央补助资金 in its header block


def test_sqlite_json_columns_are_not_ascii_escaped(tmp_path):
    doc = convert_file(PDF)
    (tmp_path / (PDF.name + ".json")).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    load_directory(tmp_path, None)
    con = sqlite3.connect(tmp_path / "fujian.sqlite")
    raw = con.execute("SELECT extra_fields FROM projects WHERE extra_fields IS NOT NULL").fetchall()
    assert raw and all("\\u" not in r[0] for r in raw)
    like = con.execute("SELECT count(*) FROM projects WHERE extra_fields LIKE '%中央补助%'").fetchone()[0]
    values = con.execute("""SELECT json_extract(extra_fields, '$."其中：中央补助资金"') FROM projects
                            WHERE json_extract(extra_fields, '$."其中：中央补助资金"') IS NOT NULL""").fetchall()
    expected = [p["extra_fields"]["其中：中央补助资金"] for p in doc["projects"]
                if p["extra_fields"].get("其中：中央补助资金") is not None]
    assert like == len(expected) >= 1
    assert [v[0] for v in values] == expected
