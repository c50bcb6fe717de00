"""Issue 16: the seventeen hostile-input defects, one regression test (or a few) per case, on
the fixtures scripts/make_hostile_fixtures.py generates (tests/fixtures/hostile/, committed;
the big ones are made here at test time)."""
from __future__ import annotations

import csv
import importlib.util
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIX = REPO / "tests" / "fixtures" / "hostile"
SAMPLE_TXT = REPO / "samples" / "pingluo-rd-2025.txt"

_spec = importlib.util.spec_from_file_location("make_hostile_fixtures",
                                               REPO / "scripts" / "make_hostile_fixtures.py")
gen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gen)


def strict_json(text: str):
    """json.loads that refuses NaN and ±Infinity (what PostgreSQL and every other parser do)."""
    def refuse(name):
        raise ValueError(f"non-standard JSON constant {name}")
    return json.loads(text, parse_constant=refuse)


def extract(*args, env_extra=None, timeout=300):
    env = dict(os.environ, PYTHONWARNINGS="ignore", **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "fujian", "extract", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, env=env)


def report(out: Path) -> dict:
    return {e["file"]: e for e in strict_json((out / "report.json").read_text(encoding="utf-8"))}


def convert(name: str, **kw) -> dict:
    from fujian.pipeline import convert_file
    from fujian.write.document_json import dumps_document

    doc = convert_file(FIX / name, **kw)
    return strict_json(dumps_document(doc))  # what the JSON file holds


def codes(doc: dict) -> dict:
    return {w["code"]: w["message"] for w in doc["warnings"]}


def test_fixtures_are_the_generators_output(tmp_path):
    """The committed fixtures are exactly what the committed generator makes."""
    made = gen.write_all(tmp_path)
    assert made
    for p in made:
        assert (FIX / p.name).read_bytes() == p.read_bytes(), p.name


# ---------------------------------------------------------------------------------------------
# 1. no plaintext of an encrypted PDF outlives the run, even when its worker is killed

HANG_AFTER_DECRYPTING = textwrap.dedent("""
    import time
    from fujian.extract.pdf_open import open_pdf

    def convert(path, password=(), **kw):
        with open_pdf(path, password) as opened:   # the decrypted copy exists now
            assert opened.path != str(path)
            time.sleep(120)                        # killed by --timeout before finally runs
""")


def test_decrypted_copy_is_gone_after_the_worker_is_killed(tmp_path):
    tmpdir = tmp_path / "tmpdir"
    tmpdir.mkdir()
    converter = tmp_path / "hang.py"
    converter.write_text(HANG_AFTER_DECRYPTING)
    out = tmp_path / "out"
    r = extract(FIX / "encrypted-user-secret.pdf", "-o", out, "--password", "secret",
                "--timeout", "3", "--converter", f"{converter}:convert",
                env_extra={"TMPDIR": str(tmpdir)})
    assert r.returncode == 1, r.stderr
    assert report(out)["encrypted-user-secret.pdf"]["error"].startswith("timed out")
    left = [p for p in list(tmpdir.rglob("*")) + list(out.rglob("*")) if p.is_file()
            and p.suffix == ".pdf"]
    assert left == []  # the plaintext copy went with the worker
    assert not (out / ".fujian" / "tmp").exists() or not any((out / ".fujian" / "tmp").iterdir())


def test_worker_temp_dir_is_private_and_under_out(tmp_path):
    from fujian.batch.private_temp import private_temp_dir, use_worker_dir, worker_dir

    out = tmp_path / "out"
    out.mkdir()
    stale = out / ".fujian" / "tmp" / "run-1-old"
    stale.mkdir(parents=True)
    (stale / "plain.pdf").write_bytes(b"%PDF-")
    with private_temp_dir(out) as run_dir:
        assert not stale.exists()  # what a killed run left is swept
        assert (run_dir.stat().st_mode & 0o777) == 0o700
        pid = os.fork()
        if pid == 0:
            use_worker_dir(run_dir)
            import tempfile
            fd, _ = tempfile.mkstemp(suffix=".pdf")
            os._exit(0)
        os.waitpid(pid, 0)
        assert list(worker_dir(run_dir, pid).glob("*.pdf"))
    assert not run_dir.exists()


# ---------------------------------------------------------------------------------------------
# 2, 3. memory: a bomb is a clear per-file error; the memory limit is named when hit


def test_inflation_bomb_fails_clearly_within_the_default_limits(tmp_path):
    from fujian.batch.inputs import discover_inputs
    from fujian.batch.memory_limit import default_memory_limit_mb
    from fujian.batch.runner import BatchOptions, run_batch

    bomb = gen.write_inflation_bomb(tmp_path / "bomb.pdf", gib=4)
    assert bomb.stat().st_size < 8 * 2**20
    limit = default_memory_limit_mb(1)
    assert limit is None or limit >= 2048
    result = run_batch(discover_inputs([str(bomb)]), tmp_path / "out",
                       BatchOptions(workers=1, timeout=120, max_memory_mb=limit))
    (r,) = result.results
    assert r.status == "error" and "decompression bomb" in r.error, r.error
    peak_mb = result.peak_worker_rss_kb / 1024
    print(f"\ninflation bomb (4 GiB content): worker peak RSS {peak_mb:.0f} MB, {r.seconds:.1f} s")
    assert peak_mb < 1024


def test_default_memory_limit_is_sized_from_the_machine():
    from fujian.batch.memory_limit import MIN_MB, default_memory_limit_mb, machine_memory_mb

    total = machine_memory_mb()
    assert total and total > 0
    for workers in (1, 2, 64):
        assert default_memory_limit_mb(workers) == max(MIN_MB, int(total * 0.8 / workers))


def test_the_cli_applies_a_default_memory_limit(tmp_path):
    """A worker without --max-memory runs under RLIMIT_AS (80 % of RAM / workers)."""
    probe = tmp_path / "probe.py"
    probe.write_text(textwrap.dedent("""
        import resource
        def convert(path, **kw):
            raise ValueError(f"limit={resource.getrlimit(resource.RLIMIT_AS)[0]}")
    """))
    out = tmp_path / "out"
    r = extract(SAMPLE_TXT, "-o", out, "--workers", "2", "--converter", f"{probe}:convert")
    from fujian.batch.memory_limit import default_memory_limit_mb

    error = report(out)["pingluo-rd-2025.txt"]["error"]
    assert f"limit={default_memory_limit_mb(2) * 2**20}" in error, (error, r.stderr)


def test_hitting_the_memory_limit_in_pdfminer_names_the_limit(tmp_path):
    """A page of 200 MiB (under the bomb bound) needs more than 128 MB: pdfplumber wraps the
    MemoryError ("Unable to allocate output buffer"); the error names the limit and option."""
    pdf = tmp_path / "big-page.pdf"
    pdf.write_bytes(gen.one_page(more={4: gen.flate_stream(200)}))
    out = tmp_path / "out"
    extract(pdf, "-o", out, "--engine", "pdfplumber", "--max-memory", "128", "--timeout", "60")
    error = report(out)["big-page.pdf"]["error"]
    assert "memory limit of 128 MB" in error and "--max-memory" in error, error
    assert "corrupt" not in error


def test_a_worker_aborting_under_the_limit_is_explained():
    import signal

    from fujian.batch.pool import describe_exit

    msg = describe_exit(-signal.SIGABRT, 400)
    assert "memory limit of 400 MB" in msg and "--max-memory" in msg
    assert "memory limit" not in describe_exit(-signal.SIGABRT, None)


# ---------------------------------------------------------------------------------------------
# 4. formula injection


def test_formula_cells_are_neutralised_in_csv_and_workbook(tmp_path):
    import openpyxl

    out = tmp_path / "out"
    r = extract(FIX / "formula-cells.txt", "-o", out)
    assert r.returncode == 0, r.stderr
    with open(out / "projects.csv", encoding="utf-8-sig", newline="") as f:
        (row,) = list(csv.DictReader(f))
    assert row["project_name"].startswith("'=HYPERLINK")
    assert row["managing_office"].startswith("'@SUM")
    with open(out / "indicators.csv", encoding="utf-8-sig", newline="") as f:
        targets = [r["target"] for r in csv.DictReader(f)]
    assert "'+1+2" in targets
    with open(out / "projects.csv", encoding="utf-8-sig", newline="") as f:
        for line in csv.reader(f):
            assert not any(c[:1] in "=+@" for c in line if len(c) > 1), line
    wb = openpyxl.load_workbook(out / "fujian.xlsx")
    cells = [c for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    formulas = [c for c in cells if c.value.startswith("=")]
    assert formulas and all(c.data_type == "s" for c in formulas)


# ---------------------------------------------------------------------------------------------
# 5, 6. symlinks out of the tree; names printed escaped


def test_file_symlink_outside_the_tree_is_reported_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n" * 10)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "x.txt").symlink_to(secret)
    (folder / "sub").mkdir()
    (folder / "sub" / "a.txt").write_bytes(SAMPLE_TXT.read_bytes())
    (folder / "inside.txt").symlink_to(folder / "sub" / "a.txt")  # inside: converted
    out = tmp_path / "out"
    r = extract(folder, "-o", out)
    entries = report(out)
    assert entries["x.txt"]["status"] == "error" and "outside the folder" in entries["x.txt"]["error"]
    assert entries["inside.txt"]["status"] == "ok"
    assert not (out / "x.txt.json").exists()
    for p in out.rglob("*"):
        if p.is_file() and p.suffix in (".json", ".csv"):
            assert "root:x:0:0" not in p.read_text(encoding="utf-8", errors="replace")
    assert r.returncode == 1


def test_file_names_are_printed_escaped(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in (gen.ODD_NAMES["ansi"], gen.ODD_NAMES["newline"]):
        (folder / name).write_bytes(b"junk\x00\x01\x02")
    r = extract(folder, "-o", tmp_path / "out")
    assert "\x1b" not in r.stderr
    assert not any(line.startswith("error: FAKE.pdf") for line in r.stderr.splitlines())
    assert "\\x1b[31mred" in r.stderr and "x\\nerror: FAKE.pdf" in r.stderr
    assert set(report(tmp_path / "out")) == {gen.ODD_NAMES["ansi"], gen.ODD_NAMES["newline"]}


def test_printable_escapes_controls_and_keeps_chinese():
    from fujian.batch.progress import printable

    assert printable("平罗县\u3000附件2.pdf") == "平罗县\u3000附件2.pdf"
    assert printable("a\u202eb\r\n") == "a\\u202eb\\r\\n"


# ---------------------------------------------------------------------------------------------
# 7, 8, 9. always valid output


def test_400_digit_amount_and_target_are_null_with_a_warning():
    doc = convert("amount-400-digits.txt")
    (p,) = doc["projects"]
    assert p["annual_amount"] is None
    assert "amount_out_of_range" in codes(doc)
    parsed = [i["target_parsed"] for i in p["indicators"] if (i.get("target") or "").startswith("≥999")]
    assert parsed and parsed[0]["value"] is None


def test_30_digit_amount_is_not_stored():
    doc = convert("amount-30-digits.txt")
    assert doc["projects"][0]["annual_amount"] is None
    assert "out of range" in codes(doc)["amount_out_of_range"]


def test_number_net_catches_anything_else():
    from fujian.write.safe_output import safe_document

    doc = safe_document({"projects": [{"x": float("inf"), "y": float("nan"), "z": 10 ** 30, "ok": 4.5}],
                         "warnings": []})
    assert doc["projects"] == [{"x": None, "y": None, "z": None, "ok": 4.5}]
    assert doc["warnings"][0]["code"] == "number_out_of_range"
    assert "projects[0].x, projects[0].y, projects[0].z" in doc["warnings"][0]["message"]


def test_nul_byte_after_4k_is_stripped_and_the_batch_finishes(tmp_path):
    out = tmp_path / "out"
    r = extract(FIX / "nul-after-4k.txt", "-o", out)
    assert r.returncode == 0, r.stderr  # the workbook used to abort the whole batch
    text = (out / "nul-after-4k.txt.json").read_text(encoding="utf-8")
    assert "\\u0000" not in text and "\x00" not in text
    strict_json(text)
    assert report(out)["nul-after-4k.txt"]["projects"] == 6
    assert (out / "fujian.xlsx").stat().st_size > 0


def test_canonical_text_drops_control_characters():
    from fujian.normalize.cjk_text import canonical

    assert canonical("行财\x00室\x1b\x7f\x85") == "行财室"


def test_repair_warning_is_bounded_and_holds_no_path(tmp_path):
    outs = []
    for place in ("a" * 120, "b/c"):  # the same file, from two different places
        folder = tmp_path / place
        folder.mkdir(parents=True)
        (folder / "many-repairs.pdf").write_bytes((FIX / "many-repairs.pdf").read_bytes())
        out = tmp_path / f"out-{len(outs)}"
        r = extract(folder.resolve() / "many-repairs.pdf", "-o", out)
        assert r.returncode == 0, r.stderr
        outs.append((out / "many-repairs.pdf.json").read_text(encoding="utf-8"))
    assert outs[0] == outs[1]
    doc = strict_json(outs[0])
    msg = codes(doc)["pdf_repaired"]
    assert len(msg) <= 2000 and "more" in msg
    assert str(tmp_path) not in outs[0] and "a" * 120 not in outs[0]
    assert all(len(w["message"]) <= 2000 for w in doc["warnings"])


# ---------------------------------------------------------------------------------------------
# 10, 11, 14. errors that name the real cause (or a conversion)


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber", "camelot"])
@pytest.mark.parametrize("name", ["tf-zero.pdf", "tm-singular.pdf"])
def test_zero_size_text_converts(name, engine):
    doc = convert(name, engine=engine)
    assert doc["source"]["pages"] == 1


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber", "camelot"])
def test_missing_and_looping_mediabox_are_repaired(engine):
    for name in ("mediabox-missing.pdf", "mediabox-loop.pdf"):
        doc = convert(name, engine=engine)
        assert "MediaBox is undefined" in codes(doc)["pdf_repaired"]


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber", "camelot"])
@pytest.mark.parametrize("name, message", [
    ("mediabox-400-digits.pdf", "(400 digits)"),
    ("mediabox-zero-size.pdf", "has no area"),
    ("xobject-draws-itself.pdf", "draws itself"),
])
def test_broken_pdfs_get_specific_messages(name, message, engine):
    from fujian.extract.model import ExtractionError

    with pytest.raises(ExtractionError) as e:
        convert(name, engine=engine)
    assert message in str(e.value)
    assert str(FIX) not in str(e.value).split(": ", 1)[1]


def test_deep_page_tree_is_named(tmp_path):
    from fujian.extract.model import ExtractionError
    from fujian.pipeline import convert_file

    pdf = gen.write_deep_page_tree(tmp_path / "deep.pdf")
    with pytest.raises(ExtractionError, match="too deeply nested"):
        convert_file(pdf)


def test_quoted_field_over_128k_converts(tmp_path):
    from fujian.pipeline import convert_file

    doc = convert_file(gen.write_long_quoted_field(tmp_path / "long.txt"))
    (p,) = doc["projects"]
    assert len(p["overall_goal"]) > 128 * 1024 // 3


@pytest.mark.parametrize("value", ["nan", "inf", "Infinity", "-inf"])
def test_non_finite_timeout_is_a_usage_error(value, tmp_path):
    r = extract(SAMPLE_TXT, "-o", tmp_path / "out", "--timeout", value)
    assert r.returncode == 2 and "--timeout" in r.stderr, r.stderr


def test_mediabox_loop_does_not_hang_pdfminer(tmp_path):
    out = tmp_path / "out"
    r = extract(FIX / "mediabox-loop.pdf", "-o", out, "--engine", "pdfplumber", "--timeout", "30")
    assert r.returncode == 0, r.stderr
    assert report(out)["mediabox-loop.pdf"]["seconds"] < 30


def test_camelot_self_drawing_xobject_leaves_no_temp_folders(tmp_path):
    tmpdir = tmp_path / "tmpdir"
    tmpdir.mkdir()
    out = tmp_path / "out"
    extract(FIX / "xobject-draws-itself.pdf", FIX / "tf-zero.pdf", "-o", out, "--engine", "camelot",
            "--timeout", "60", env_extra={"TMPDIR": str(tmpdir)})
    entries = report(out)
    assert "draws itself" in entries["xobject-draws-itself.pdf"]["error"]
    assert entries["tf-zero.pdf"]["status"] == "ok"
    assert list(tmpdir.iterdir()) == []
    assert not (out / ".fujian" / "tmp").exists()


# ---------------------------------------------------------------------------------------------
# 12, 13. encodings and line endings


def test_utf8_with_one_bad_byte_converts_with_the_offset_named():
    doc = convert("utf8-bad-byte.txt")
    assert doc["projects"][0]["project_name"] == "常委会议工作经费"
    data = (FIX / "utf8-bad-byte.txt").read_bytes()
    bad_at = data.index(b"\xff")
    assert f"offset(s) {bad_at}" in codes(doc)["text_encoding"]


def test_truncated_utf8_converts_with_a_warning():
    doc = convert("utf8-truncated.txt")
    assert "middle of a character" in codes(doc)["text_encoding"]
    assert doc["title"].startswith("附件2")


def test_big5_is_read_as_big5():
    doc = convert("big5.txt")
    assert "Big5" in codes(doc)["text_encoding"]
    assert "平羅縣人民代表大會" in doc["title"]


@pytest.mark.parametrize("name", ["utf16le-no-bom.txt", "utf32-bom.txt", "cr-only.txt"])
def test_other_encodings_and_cr_only_lines_convert(name):
    doc = convert(name)
    (p,) = doc["projects"]
    assert p["project_name"] == "常委会议工作经费"
    assert p["department"] == "平罗县人民代表大会常务委员会办公室"
    assert p["annual_amount"] == 4


def test_gb18030_dumps_are_still_gb18030():
    from fujian.extract.text_encoding import decode_dump

    text = SAMPLE_TXT.read_text(encoding="utf-8")
    decoded = decode_dump(text.encode("gb18030"))
    assert decoded.encoding == "gb18030" and decoded.text == text and not decoded.warnings


# ---------------------------------------------------------------------------------------------
# 15, 16, 17. batch semantics


def test_passwords_and_owner_only_pdfs_in_one_run(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("encrypted-user-secret.pdf", "encrypted-owner-only.pdf"):
        (folder / name).write_bytes((FIX / name).read_bytes())
    (folder / "plain.txt").write_bytes(SAMPLE_TXT.read_bytes())
    out = tmp_path / "out"
    r = extract(folder, "-o", out, "--password", "wrong", "--password", "secret")
    assert r.returncode == 0, r.stderr
    assert {k: v["status"] for k, v in report(out).items()} == {
        "encrypted-user-secret.pdf": "ok", "encrypted-owner-only.pdf": "ok", "plain.txt": "ok"}


def test_report_and_csvs_describe_only_this_runs_inputs(tmp_path):
    a, b, out = tmp_path / "a", tmp_path / "b", tmp_path / "out"
    a.mkdir()
    b.mkdir()
    for name in ("x.txt", "y.txt"):
        (a / name).write_bytes(SAMPLE_TXT.read_bytes())
    (b / "z.txt").write_bytes(SAMPLE_TXT.read_bytes())
    extract(a, "-o", out)
    (a / "y.txt").unlink()
    extract(a, "-o", out)
    assert set(report(out)) == {"x.txt"}
    extract(b, "-o", out)
    assert set(report(out)) == {"z.txt"}
    with open(out / "projects.csv", encoding="utf-8-sig", newline="") as f:
        assert {r["source_file"] for r in csv.DictReader(f)} == {"z.txt"}


def test_name_collision_after_decoding_and_long_names_are_per_file(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    data = SAMPLE_TXT.read_bytes()
    (folder / gen.GBK_TWIN).write_bytes(data)
    (folder / os.fsdecode(gen.GBK_TWIN.encode("gbk"))).write_bytes(data)
    long_name = gen.ODD_NAMES["long_cjk"]
    assert len(long_name.encode("utf-8")) + len(".json") <= 255
    (folder / long_name).write_bytes(data)
    out = tmp_path / "out"
    r = extract(folder, "-o", out)
    assert r.returncode == 1, r.stderr  # not 2: the batch ran
    entries = report(out)
    assert entries[gen.GBK_TWIN]["status"] == "ok"
    assert entries[long_name]["status"] == "ok", entries[long_name]
    (twin,) = [e for k, e in entries.items() if k not in (gen.GBK_TWIN, long_name)]
    assert twin["status"] == "error" and "rename one" in twin["error"]
    assert (out / (long_name + ".json")).exists()
