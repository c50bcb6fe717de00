"""`fujian review` finds a JSON's PDF by itself, refuses a PDF that is not its source, and
writes an index page for a whole output folder."""
import re
import shutil
import subprocess
import sys
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PDF = SAMPLES / "pdf" / "drawn_health_several_projects_per_page.pdf"
OTHER = SAMPLES / "pdf" / "drawn_no_ruling_lines.pdf"


def fujian(*args):
    return subprocess.run([sys.executable, "-m", "fujian", *map(str, args)], capture_output=True,
                          text=True, timeout=300)


def _extract(tmp_path, *files):
    src = tmp_path / "in"
    src.mkdir()
    for f in files:
        shutil.copy(f, src / f.name)
    (src / "broken.pdf").write_bytes(b"%PDF-1.4\n garbage")
    r = fujian("extract", src, "-o", tmp_path / "out", "--workers", "1")
    assert r.returncode == 1  # broken.pdf
    return src, tmp_path / "out"


def test_review_finds_the_source_pdf_and_refuses_another(tmp_path):
    src, out = _extract(tmp_path, PDF, OTHER)
    doc_json = out / (PDF.name + ".json")
    r = fujian("review", doc_json, "-o", tmp_path / "a.html")
    assert r.returncode == 0, r.stderr
    assert "2 page image(s)" in r.stdout
    assert len(re.findall(r"<img", (tmp_path / "a.html").read_text(encoding="utf-8"))) == 2
    r = fujian("review", doc_json, "-o", tmp_path / "b.html", "--pdf", src / OTHER.name)
    assert r.returncode == 2 and "not the file this JSON was made from" in r.stderr
    assert not (tmp_path / "b.html").exists()
    (src / PDF.name).unlink()  # gone: the page still has the values, and says why no images
    r = fujian("review", doc_json, "-o", tmp_path / "c.html")
    assert r.returncode == 0 and "no longer where it was converted from" in r.stderr
    assert "<img" not in (tmp_path / "c.html").read_text(encoding="utf-8")


def test_review_of_a_folder_writes_an_index_and_a_page_per_document(tmp_path):
    _, out = _extract(tmp_path, PDF, OTHER, SAMPLES / "pingluo-rd-2025.txt")
    r = fujian("review", out, "-o", tmp_path / "site")
    assert r.returncode == 0, r.stderr
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+)"', index)
    assert sorted(links) == sorted(f"{n}.html" for n in (PDF.name, OTHER.name, "pingluo-rd-2025.txt"))
    for link in links:
        assert (tmp_path / "site" / link).is_file()
    assert "broken.pdf" in index and "not converted" in index  # the failed input is listed
    row = re.search(r"drawn_health_several_projects_per_page\.pdf</a>.*?</tr>", index, re.S).group(0)
    assert [int(x) for x in re.findall(r"<td class=n>(\d+)</td>", row)][:3] == [2, 3, 16]  # pages, projects, indicators
    assert "<img" in (tmp_path / "site" / f"{PDF.name}.html").read_text(encoding="utf-8")
