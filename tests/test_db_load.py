"""fujian.db.load on real data (the Pingluo sample + a document derived from it), against
SQLite and a real PostgreSQL server.

PostgreSQL: FUJIAN_TEST_PG_URL (set by `source .ci/postgres.sh`) names a server whose user may
create databases; each test gets a fresh database. Without it a throwaway server is started via
.ci/postgres.sh; when that is impossible the PostgreSQL tests skip, except under CI, where
they fail.
"""
from __future__ import annotations

import copy
import json
import os
import signal
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

import fujian.db.load as load_module
from fujian.db.errors import LoadError
from fujian.db.load import load_directory
from fujian.db.pytest_postgres import postgres_server, postgres_url  # noqa: F401

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "pingluo-rd-2025.expected.json"

TABLES = ("documents", "projects", "indicators", "warnings", "other_tables")


# ---------------------------------------------------------------------------------------------
# Databases


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.sqlite'}"
    return request.getfixturevalue("postgres_url")


# ---------------------------------------------------------------------------------------------
# Data


def pingluo() -> dict:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def mutated(doc: dict) -> dict:
    """A second document: another department, amounts in 元, pipeline-parsed targets, optional
    keys (source, tool, page, bbox, extra, raw, warnings, tables) filled in."""
    doc = copy.deepcopy(doc)
    doc["schema_version"] = 1
    doc["source"] = {"file": "mutated.pdf", "sha256": "ab" * 32, "format": "pdf", "pages": 7}
    doc["tool"] = {"name": "fujian", "version": "9.9.9"}
    doc["extracted_at"] = "2025-03-01T08:00:00Z"
    doc["title"] = "附件3：测试县农业农村局项目支出预算绩效目标表"
    for p in doc["projects"]:
        p["department"] = "测试县农业农村局"
        p["amount_unit"] = "元"
        p["annual_amount"] = p["annual_amount"] * 10000
        p["pages"] = [p["seq"], p["seq"] + 1]
        p["bbox"] = [10.5, 20, 400, 700]
        for ind in p["indicators"]:
            ind["page"] = p["seq"]
            ind["extra"] = {"指标性质": "≥", "权重": "10"}
            ind["raw"] = ["cells", ind["target"]]
    first = doc["projects"][0]
    first["extra_fields"] = {"其中：财政拨款": "40000"}
    # a pipeline-parsed percentage below 90%
    ind = first["indicators"][1]
    ind["target"] = "85%"
    ind["target_parsed"] = {"comparator": "≥", "value": 85, "unit": "%", "qualifier": None,
                            "text": "85%"}
    first["indicators"][0]["target_parsed"] = None  # parsed by the pipeline: nothing found
    doc["warnings"] = [
        {"code": "amount_mismatch", "message": "成本合计与年度金额不符", "page": 2, "project_seq": 1},
        {"code": "filled_down", "message": "merged cell filled", "page": None, "project_seq": None},
    ]
    doc["tables"] = [{"page": 7, "rows": [["合计", "52"], [None, "万元"]]}]
    return doc


def write_json(path: Path, doc: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


@pytest.fixture
def out_dir(tmp_path) -> Path:
    out = tmp_path / "out"
    write_json(out / "pingluo-rd-2025.txt.json", pingluo())
    write_json(out / "county" / "mutated.pdf.json", mutated(pingluo()))
    (out / "report.json").write_text('[{"file": "x", "status": "ok"}]', encoding="utf-8")
    return out


def snapshot(url: str) -> dict:
    """Every row of every table, by id."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {t: [tuple(r) for r in conn.execute(text(f"SELECT * FROM {t} ORDER BY id"))]
                    for t in TABLES}
    finally:
        engine.dispose()


def query(url: str, sql: str, **params) -> list:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql), params)]
    finally:
        engine.dispose()


def assert_consistent(url: str) -> None:
    """No orphans, and every document is complete (as many projects/indicators as its JSON)."""
    assert query(url, "SELECT count(*) FROM projects WHERE document_id NOT IN "
                      "(SELECT id FROM documents)") == [(0,)]
    assert query(url, "SELECT count(*) FROM indicators WHERE project_id NOT IN "
                      "(SELECT id FROM projects)") == [(0,)]
    rows = query(url, "SELECT d.file, count(DISTINCT p.id), count(i.id) FROM documents d "
                      "LEFT JOIN projects p ON p.document_id = d.id "
                      "LEFT JOIN indicators i ON i.project_id = p.id GROUP BY d.file")
    for file, n_projects, n_indicators in rows:
        assert (n_projects, n_indicators) == (6, 55), file


# ---------------------------------------------------------------------------------------------
# Tests


def test_load_counts_and_values_match_the_json(out_dir, db_url):
    summary = load_directory(out_dir, db_url)
    assert summary.ok and summary.files == 2
    assert (summary.inserted, summary.replaced, summary.unchanged) == (2, 0, 0)
    assert (summary.projects_written, summary.indicators_written) == (12, 110)
    assert (summary.total_documents, summary.total_projects, summary.total_indicators) == (2, 12, 110)

    docs = dict(query(db_url, "SELECT file, id FROM documents"))
    assert set(docs) == {"pingluo-rd-2025.txt", "county/mutated.pdf"}
    expected = pingluo()
    doc_id = docs["pingluo-rd-2025.txt"]
    assert query(db_url, "SELECT title FROM documents WHERE id = :d", d=doc_id) == \
        [(expected["title"],)]
    assert query(db_url, "SELECT count(*) FROM projects WHERE document_id = :d", d=doc_id) == [(6,)]
    assert query(db_url, "SELECT count(*) FROM indicators i JOIN projects p ON p.id = i.project_id "
                         "WHERE p.document_id = :d", d=doc_id) == [(55,)]

    cols = ("seq", "table_title", "project_name", "department", "implementing_unit",
            "project_type", "duration", "managing_office", "annual_amount", "amount_unit",
            "overall_goal")
    got = query(db_url, f"SELECT id, {', '.join(cols)} FROM projects WHERE document_id = :d "
                        "ORDER BY seq", d=doc_id)
    assert len(got) == len(expected["projects"]) == 6
    icols = ("level1_code", "level1", "level2_code", "level2", "level3", "target")
    for row, p in zip(got, expected["projects"]):
        for name, value in zip(cols, row[1:]):
            want = p[name]
            if name == "annual_amount":
                assert Decimal(str(value)) == Decimal(str(want))
            else:
                assert value == want, (p["seq"], name)
        inds = query(db_url, f"SELECT position, {', '.join(icols)} FROM indicators "
                             "WHERE project_id = :p ORDER BY position", p=row[0])
        assert [r[0] for r in inds] == list(range(1, len(p["indicators"]) + 1))
        assert [dict(zip(icols, r[1:])) for r in inds] == p["indicators"]

    # 万元 conversion and targets parsed by the loader (Pingluo's JSON has no target_parsed)
    assert query(db_url, "SELECT sum(annual_amount_wanyuan) FROM projects WHERE document_id = :d",
                 d=doc_id)[0][0] == 56
    parsed = query(db_url, "SELECT i.target, i.comparator, i.value, i.low, i.high, i.unit, "
                           "i.target_parsed_by FROM indicators i JOIN projects p "
                           "ON p.id = i.project_id WHERE p.document_id = :d AND p.seq = 1 "
                           "ORDER BY i.position", d=doc_id)
    assert parsed[1] == ("100%", "=", 100, None, None, "%", "loader")
    assert parsed[2] == ("1-12月", "range", None, 1, 12, "月", "loader")
    assert parsed[4] == (None, None, None, None, None, None, None)
    assert parsed[8] == ("≥90%", ">=", 90, None, None, "%", "loader")


def test_optional_keys_of_the_derived_document_are_stored(out_dir, db_url):
    load_directory(out_dir, db_url)
    (doc_id, sha, fmt, pages, tool_version, source_file, extracted_at), = query(
        db_url, "SELECT id, sha256, format, pages, tool_version, source_file, extracted_at "
                "FROM documents WHERE file = 'county/mutated.pdf'")
    assert (sha, fmt, pages, tool_version, source_file) == ("ab" * 32, "pdf", 7, "9.9.9",
                                                            "mutated.pdf")
    assert str(extracted_at).startswith("2025-03-01 08:00:00")
    amounts = query(db_url, "SELECT seq, annual_amount, amount_unit, annual_amount_wanyuan, page "
                            "FROM projects WHERE document_id = :d ORDER BY seq", d=doc_id)
    assert [(r[0], r[1], r[2], r[3], r[4]) for r in amounts][:2] == \
        [(1, 40000, "元", 4, 1), (2, 80000, "元", 8, 2)]
    assert sum(r[3] for r in amounts) == 56  # the same 56 万元 as Pingluo, printed in 元
    (extra,), = query(db_url, "SELECT extra_fields FROM projects WHERE document_id = :d "
                              "AND seq = 1", d=doc_id)
    extra = json.loads(extra) if isinstance(extra, str) else extra
    assert extra == {"其中：财政拨款": "40000"}
    rows = query(db_url, "SELECT i.position, i.target, i.comparator, i.value, i.unit, "
                         "i.target_parsed_by, i.page FROM indicators i JOIN projects p "
                         "ON p.id = i.project_id WHERE p.document_id = :d AND p.seq = 1 "
                         "ORDER BY i.position", d=doc_id)
    assert rows[0][1:] == ("全年召开6次会议、听取审议7项工作", None, None, None, None, 1)
    assert rows[1][1:] == ("85%", ">=", 85, "%", "pipeline", 1)
    assert query(db_url, "SELECT project_seq, code, message, page FROM warnings "
                         "WHERE document_id = :d ORDER BY position", d=doc_id) == [
        (1, "amount_mismatch", "成本合计与年度金额不符", 2),
        (None, "filled_down", "merged cell filled", None)]
    (page, table_rows), = query(db_url, "SELECT page, rows FROM other_tables "
                                        "WHERE document_id = :d", d=doc_id)
    table_rows = json.loads(table_rows) if isinstance(table_rows, str) else table_rows
    assert (page, table_rows) == (7, [["合计", "52"], [None, "万元"]])


def test_loading_twice_changes_nothing(out_dir, db_url):
    load_directory(out_dir, db_url)
    before = snapshot(db_url)
    again = load_directory(out_dir, db_url)
    assert (again.inserted, again.replaced, again.unchanged) == (0, 0, 2)
    assert again.projects_written == again.indicators_written == 0
    assert snapshot(db_url) == before  # same ids, same values, same loaded_at


def test_re_extracted_document_replaces_its_rows_only(out_dir, db_url):
    load_directory(out_dir, db_url)
    before = snapshot(db_url)
    (old_doc_id,), = query(db_url, "SELECT id FROM documents WHERE file = 'pingluo-rd-2025.txt'")
    old_project_ids = {r[0] for r in query(db_url, "SELECT id FROM projects WHERE document_id = "
                                                   ":d", d=old_doc_id)}
    doc = pingluo()
    doc["source"] = {"file": "pingluo-rd-2025.txt", "sha256": "cd" * 32, "format": "txt"}
    doc["projects"][0]["indicators"][0]["target"] = "全年召开8次会议"
    del doc["projects"][5]  # the new extraction finds 5 projects
    write_json(out_dir / "pingluo-rd-2025.txt.json", doc)

    summary = load_directory(out_dir, db_url)
    assert (summary.inserted, summary.replaced, summary.unchanged) == (0, 1, 1)
    assert (summary.projects_written, summary.indicators_written) == (5, 46)
    assert query(db_url, "SELECT id, sha256 FROM documents WHERE file = 'pingluo-rd-2025.txt'") \
        == [(old_doc_id, "cd" * 32)]
    new_projects = query(db_url, "SELECT id FROM projects WHERE document_id = :d", d=old_doc_id)
    assert len(new_projects) == 5 and not old_project_ids & {r[0] for r in new_projects}
    assert query(db_url, "SELECT i.target FROM indicators i JOIN projects p ON p.id = i.project_id"
                         " WHERE p.document_id = :d AND p.seq = 1 AND i.position = 1",
                 d=old_doc_id) == [("全年召开8次会议",)]
    assert query(db_url, "SELECT count(*) FROM indicators") == [(55 + 46,)]
    assert query(db_url, "SELECT count(*) FROM indicators WHERE project_id NOT IN "
                         "(SELECT id FROM projects)") == [(0,)]
    # the other document was not touched
    after = snapshot(db_url)
    (other_id,), = query(db_url, "SELECT id FROM documents WHERE file = 'county/mutated.pdf'")
    assert [r for r in after["documents"] if r[0] == other_id] == \
        [r for r in before["documents"] if r[0] == other_id]
    other_projects = [r for r in before["projects"] if r[1] == other_id]
    assert [r for r in after["projects"] if r[1] == other_id] == other_projects
    ids = {r[0] for r in other_projects}
    assert [r for r in after["indicators"] if r[1] in ids] == \
        [r for r in before["indicators"] if r[1] in ids]


def many_documents(out: Path, n: int) -> None:
    base = pingluo()
    for k in range(n):
        doc = copy.deepcopy(base)
        doc["title"] = f"{base['title']} #{k}"
        write_json(out / f"batch/doc{k:04d}.txt.json", doc)


def fail_on_call(monkeypatch, n: int, exc: Exception) -> None:
    """write_document fails on its n-th call, after it has written all of that document's rows."""
    real = load_module.write_document
    calls = {"n": 0}

    def failing(conn, rows):
        calls["n"] += 1
        status = real(conn, rows)
        if calls["n"] == n:
            raise exc
        return status

    monkeypatch.setattr(load_module, "write_document", failing)


def test_crash_on_the_nth_document_keeps_earlier_ones_and_writes_nothing_of_it(
        tmp_path, db_url, monkeypatch):
    out = tmp_path / "many"
    many_documents(out, 6)
    fail_on_call(monkeypatch, 4, RuntimeError("injected crash"))
    with pytest.raises(RuntimeError, match="injected crash"):
        load_directory(out, db_url)
    assert query(db_url, "SELECT file FROM documents ORDER BY file") == [
        (f"batch/doc{k:04d}.txt",) for k in range(3)]
    assert_consistent(db_url)
    assert query(db_url, "SELECT count(*) FROM indicators") == [(3 * 55,)]
    monkeypatch.undo()
    rerun = load_directory(out, db_url)
    assert (rerun.inserted, rerun.unchanged) == (3, 3)
    assert_consistent(db_url)


def test_failed_replacement_keeps_the_old_version(out_dir, db_url, monkeypatch):
    load_directory(out_dir, db_url)
    before = snapshot(db_url)
    doc = pingluo()
    doc["projects"][0]["project_name"] = "改名后的项目"
    write_json(out_dir / "pingluo-rd-2025.txt.json", doc)
    # a database-side failure of that one document: reported, the load goes on
    fail_on_call(monkeypatch, 2, DBAPIError("INSERT …", {}, Exception("disk full (injected)")))
    summary = load_directory(out_dir, db_url)
    assert summary.failed == [("pingluo-rd-2025.txt",
                               "database refused it: disk full (injected)")]
    assert summary.unchanged == 1 and not summary.ok
    assert snapshot(db_url) == before


def test_atomic_load_is_all_or_nothing(tmp_path, db_url, monkeypatch):
    out = tmp_path / "many"
    many_documents(out, 4)
    fail_on_call(monkeypatch, 3, DBAPIError("INSERT …", {}, Exception("injected")))
    with pytest.raises(LoadError, match="nothing was written"):
        load_directory(out, db_url, atomic=True)
    assert snapshot(db_url) == {t: [] for t in TABLES}
    monkeypatch.undo()
    summary = load_directory(out, db_url, atomic=True)
    assert summary.inserted == 4
    assert_consistent(db_url)


def test_bad_documents_are_reported_and_the_rest_loads(out_dir, db_url):
    (out_dir / "broken.txt.json").write_text('{"projects": [', encoding="utf-8")
    doc = pingluo()
    doc["projects"][1]["seq"] = 1
    write_json(out_dir / "dupseq.txt.json", doc)
    (out_dir / "notes.json").write_text('{"comment": "not a document"}', encoding="utf-8")
    summary = load_directory(out_dir, db_url)
    assert summary.inserted == 2
    failed = dict(summary.failed)
    assert set(failed) == {"broken.txt", "dupseq.txt"}
    assert "not valid JSON" in failed["broken.txt"]
    assert "two projects have seq 1" in failed["dupseq.txt"]
    assert [f for f, _ in summary.ignored] == ["notes"]
    assert_consistent(db_url)


KILL_SCRIPT = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    import fujian.db.load as load_module

    out, url, hang_at = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    real, calls = load_module.write_document, [0]

    def write_and_maybe_hang(conn, rows):
        status = real(conn, rows)
        calls[0] += 1
        if calls[0] == hang_at:          # all rows of this document written, not committed
            print("HANGING", flush=True)
            time.sleep(120)
        return status

    load_module.write_document = write_and_maybe_hang
    load_module.load_directory(out, url, progress=lambda f, s: print(s, f, flush=True))
""")


def run_and_kill(out: Path, url: str, hang_at: int, kill_after_lines: str) -> list[str]:
    """Run a load in a subprocess and SIGKILL it once it prints `kill_after_lines`."""
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(out), url, str(hang_at)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = []
    try:
        for line in proc.stdout:
            lines.append(line.strip())
            if line.strip() == kill_after_lines:
                break
        else:
            pytest.fail(f"loader ended before the kill point: {proc.stderr.read()[-2000:]}")
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    return lines


def test_sigkilled_load_mid_transaction_leaves_a_consistent_database(tmp_path, db_url):
    out = tmp_path / "many"
    many_documents(out, 12)
    lines = run_and_kill(out, db_url, hang_at=8, kill_after_lines="HANGING")
    assert len([ln for ln in lines if ln.startswith("inserted ")]) == 7
    assert query(db_url, "SELECT count(*) FROM documents") == [(7,)]
    assert_consistent(db_url)
    rerun = load_directory(out, db_url)
    assert (rerun.unchanged, rerun.inserted) == (7, 5)
    assert_consistent(db_url)
    assert query(db_url, "SELECT count(*) FROM indicators") == [(12 * 55,)]


def test_sigkilled_load_at_an_arbitrary_moment_leaves_a_consistent_database(tmp_path, db_url):
    out = tmp_path / "many"
    many_documents(out, 100)
    # never hangs: killed while it is busy somewhere after the 20th document
    run_and_kill(out, db_url, hang_at=10**6, kill_after_lines="inserted batch/doc0019.txt")
    (count,), = query(db_url, "SELECT count(*) FROM documents")
    assert 20 <= count < 100
    assert_consistent(db_url)
    rerun = load_directory(out, db_url)
    assert rerun.unchanged == count and rerun.inserted == 100 - count
    assert_consistent(db_url)


CONCURRENT_SCRIPT = textwrap.dedent("""
    import sys
    from pathlib import Path
    from fujian.db.load import load_directory
    s = load_directory(Path(sys.argv[1]), sys.argv[2])
    print(s.inserted + s.unchanged, len(s.failed), s.failed)
""")


def test_two_loaders_at_once_on_a_fresh_database(tmp_path, db_url):
    out = tmp_path / "many"
    many_documents(out, 30)
    procs = [subprocess.Popen([sys.executable, "-c", CONCURRENT_SCRIPT, str(out), db_url],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    results = [p.communicate(timeout=300) for p in procs]
    for proc, (stdout, stderr) in zip(procs, results):
        assert proc.returncode == 0, stderr[-2000:]
        assert stdout.split()[:2] == ["30", "0"], stdout
    assert query(db_url, "SELECT count(*) FROM documents") == [(30,)]
    assert_consistent(db_url)


def test_connection_lost_mid_load_is_a_clear_error_and_a_rerun_continues(
        tmp_path, db_url, monkeypatch):
    from sqlalchemy.exc import OperationalError

    out = tmp_path / "many"
    many_documents(out, 5)
    fail_on_call(monkeypatch, 3, OperationalError("INSERT …", {}, Exception("server closed the "
                                                                           "connection")))
    with pytest.raises(LoadError) as caught:
        load_directory(out, db_url)
    message = str(caught.value)
    assert "batch/doc0002.txt" in message and "server closed the connection" in message
    assert "The 2 documents before it are committed; run the load again" in message
    assert query(db_url, "SELECT count(*) FROM documents") == [(2,)]
    monkeypatch.undo()
    rerun = load_directory(out, db_url)
    assert (rerun.unchanged, rerun.inserted) == (2, 3)
    assert_consistent(db_url)
