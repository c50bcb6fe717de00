"""`fujian load OUT --db URL`: output, exit status, and clear errors (never a traceback)."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from fujian.db.command import load_command

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "pingluo-rd-2025.expected.json"


@pytest.fixture
def out_dir(tmp_path) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    shutil.copy(SAMPLE, out / "pingluo-rd-2025.txt.json")
    return out


def run(*args: str):
    result = CliRunner().invoke(load_command, [str(a) for a in args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_default_database_is_out_fujian_sqlite(out_dir):
    first = run(out_dir)
    assert first.exit_code == 0
    assert "1 inserted, 0 replaced, 0 unchanged, 0 failed (6 projects, 55 indicators" \
        in first.output
    assert "database now holds 1 documents, 6 projects, 55 indicators" in first.output
    with sqlite3.connect(out_dir / "fujian.sqlite") as conn:
        assert conn.execute("SELECT count(*) FROM indicators").fetchone() == (55,)
    second = run(out_dir)
    assert second.exit_code == 0
    assert "0 inserted, 0 replaced, 1 unchanged" in second.output


def test_db_option_takes_a_url_or_a_file_path(out_dir, tmp_path):
    assert run(out_dir, "--db", f"sqlite:///{tmp_path / 'a.sqlite'}").exit_code == 0
    assert run(out_dir, "--db", tmp_path / "b.db", "--atomic").exit_code == 0
    for name in ("a.sqlite", "b.db"):
        with sqlite3.connect(tmp_path / name) as conn:
            assert conn.execute("SELECT count(*) FROM projects").fetchone() == (6,)


def test_fujian_db_environment_variable(out_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("FUJIAN_DB", str(tmp_path / "env.sqlite"))
    assert run(out_dir).exit_code == 0
    assert (tmp_path / "env.sqlite").is_file() and not (out_dir / "fujian.sqlite").exists()


def test_a_failed_document_exits_1_and_names_it(out_dir):
    (out_dir / "sub").mkdir()
    (out_dir / "sub" / "cut.pdf.json").write_text('{"projects": [{"seq": 1', encoding="utf-8")
    result = run(out_dir)
    assert result.exit_code == 1
    assert "failed: sub/cut.pdf: not valid JSON" in result.output
    assert "1 inserted" in result.output


@pytest.mark.parametrize("make_args, message", [
    (lambda out, tmp: [tmp / "missing"], "does not exist"),
    (lambda out, tmp: [out / "pingluo-rd-2025.txt.json"], "is not a directory"),
    (lambda out, tmp: [tmp / "empty"], "no per-document JSON files"),
    (lambda out, tmp: [out, "--db", "postgresql://fujian:s3cret@127.0.0.1:1/x"],
     "cannot connect to postgresql+psycopg://fujian:***@127.0.0.1:1/x"),
    (lambda out, tmp: [out, "--db", "postgresql://fujian:s3cret@host:port/x"],
     "not a database URL"),
    (lambda out, tmp: [out, "--db", "nosuchdialect://x/y"], "no SQLAlchemy dialect"),
    (lambda out, tmp: [out, "--db", tmp / "nodir" / "x.sqlite"], "does not exist"),
])
def test_errors_are_one_clear_line_and_exit_2(out_dir, tmp_path, make_args, message):
    (tmp_path / "empty").mkdir()
    result = run(*make_args(out_dir, tmp_path))
    assert result.exit_code == 2
    assert result.output.startswith("Error: ") and message in result.output
    assert "s3cret" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_database_made_by_something_else_is_refused(out_dir, tmp_path):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE projects (id INTEGER PRIMARY KEY, name TEXT)")
    result = run(out_dir, "--db", path)
    assert result.exit_code == 2
    assert "table projects" in result.output and "was not made by fujian" in result.output
    with sqlite3.connect(path) as conn:  # nothing was created in it
        assert conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall() \
            == [("projects",)]


def test_load_is_registered_on_the_fujian_group():
    from fujian.cli import cli

    assert cli.get_command(None, "load") is load_command


def test_report_json_is_not_loaded(out_dir):
    (out_dir / "report.json").write_text(json.dumps([{"file": "a", "status": "ok"}]),
                                         encoding="utf-8")
    result = run(out_dir)
    assert result.exit_code == 0 and "ignored" not in result.output
