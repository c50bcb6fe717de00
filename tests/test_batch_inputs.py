"""Which files a batch reads and where their outputs go (real sample files)."""
import os
import shutil
from pathlib import Path

import pytest

from fujian.batch.inputs import InputError, discover_inputs

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "pingluo-rd-2025.txt"


def test_walks_recursively_case_insensitive_sorted_and_skips_the_output_dir(tmp_path):
    root = tmp_path / "in"
    for rel in ("b.txt", "a/x.PDF", "a/x.txt", "a/deep/er/y.Txt", "out/old.txt", "skip.json"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SAMPLE, root / rel)
    found = discover_inputs([str(root)], exclude_dir=str(root / "out"))
    assert [f.name for f in found] == ["a/deep/er/y.Txt", "a/x.PDF", "a/x.txt", "b.txt"]
    assert [f.output_name for f in found][1:3] == ["a/x.PDF.json", "a/x.txt.json"]
    assert found[0].path == str(root / "a/deep/er/y.Txt")


def test_a_file_given_directly_is_named_by_its_base_name(tmp_path):
    shutil.copy(SAMPLE, tmp_path / "a.txt")
    [f] = discover_inputs([str(tmp_path / "a.txt")])
    assert (f.name, f.output_name) == ("a.txt", "a.txt.json")


def test_the_same_file_named_twice_is_read_once(tmp_path):
    shutil.copy(SAMPLE, tmp_path / "a.txt")
    found = discover_inputs([str(tmp_path / "a.txt"), str(tmp_path)])
    assert [f.name for f in found] == ["a.txt"]


def test_two_inputs_for_one_output_are_a_usage_error(tmp_path):
    for d in ("one", "two"):
        (tmp_path / d).mkdir()
        shutil.copy(SAMPLE, tmp_path / d / "a.txt")
    with pytest.raises(InputError, match="would both be written to a.txt.json"):
        discover_inputs([str(tmp_path / "one"), str(tmp_path / "two")])


def test_dangling_symlink_is_an_input_and_missing_paths_are_errors(tmp_path):
    os.symlink(tmp_path / "gone.pdf", tmp_path / "link.pdf")
    assert [f.name for f in discover_inputs([str(tmp_path)])] == ["link.pdf"]
    with pytest.raises(InputError, match="no such file or directory"):
        discover_inputs([str(tmp_path / "nope")])
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no .pdf, .txt, .xlsx, .xls or .docx files found"):
        discover_inputs([str(tmp_path / "empty")])


def test_non_utf8_file_names_become_readable_names(tmp_path):
    root = os.fsencode(tmp_path / "in")
    os.makedirs(os.path.join(root, "平罗".encode("utf-8")))
    shutil.copy(SAMPLE, os.path.join(root, "平罗".encode("utf-8"), "绩效目标表.txt".encode("gbk")))
    shutil.copy(SAMPLE, os.path.join(root, b"\xff\xfe.txt"))
    found = discover_inputs([str(tmp_path / "in")])
    assert sorted(f.name for f in found) == ["\\xff\\xfe.txt", "平罗/绩效目标表.txt"]
    for f in found:
        f.name.encode("utf-8")  # writable in JSON and CSV
        assert os.path.exists(f.path)  # the original path still opens the file


def test_gbk_named_input_converts_end_to_end(tmp_path):
    from fujian.batch.runner import BatchOptions, run_batch
    (tmp_path / "in").mkdir()
    shutil.copy(SAMPLE, os.path.join(os.fsencode(tmp_path / "in"), "绩效目标表.txt".encode("gbk")))
    result = run_batch(discover_inputs([str(tmp_path / "in")]), tmp_path / "out",
                       BatchOptions(workers=1))
    assert [(e.file, e.status, e.projects) for e in result.report] == [("绩效目标表.txt", "ok", 6)]
    assert (tmp_path / "out" / "绩效目标表.txt.json").is_file()
