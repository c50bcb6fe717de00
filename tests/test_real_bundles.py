"""The 13 real 部门预算 / 决算 bundles of samples/real (none holds a performance table): no
phantom project, every table cell of the page grids kept, the 说明 text in `narrative`, few
warnings, the bundle's identity, and — for the six transcribed by hand (samples/real/*.budget.json,
see TRANSCRIPTION.md) — every budget table, row and value exact and only the checks listed there
failing (财政局 2024 决算 states 「财政拨款收入支出总计0.3万元」 against a table of 2,961.68; 福利院
2024 states 「“…社会福利事业单位（项）”738.66万元」 where its 一般公共预算支出表 prints 696.48万元)."""
import json
import statistics
from functools import lru_cache
from pathlib import Path

import pytest

from fujian.audit.budget_scoring import score_budget_tables
from fujian.pipeline import convert_file, read_document
from fujian.extract.model import Table
from fujian.vocabulary import squeeze

REAL = Path(__file__).resolve().parent.parent / "samples" / "real"
BUNDLES = sorted(REAL.glob("*.pdf"))
IDENTITY = json.loads((REAL / "identity.expected.json").read_text(encoding="utf-8"))
TRANSCRIBED = sorted(p for p in REAL.glob("*.budget.json"))


@lru_cache(maxsize=None)
def converted(name: str) -> dict:
    return convert_file(REAL / name)


def test_all_thirteen_bundles_are_here():
    assert len(BUNDLES) == 13 and set(IDENTITY) == {p.name for p in BUNDLES} and len(TRANSCRIBED) >= 5


@pytest.mark.parametrize("pdf", BUNDLES, ids=lambda p: p.name)
def test_no_project_and_the_identity(pdf):
    doc = converted(pdf.name)
    assert doc["projects"] == []
    want = IDENTITY[pdf.name]
    assert (doc["title"], doc["document"]) == (want["title"], want["document"])


def _output_texts(doc: dict) -> set[str]:
    """Every text the output holds, squeezed: names, codes and their printed pieces, amounts as
    printed, header labels, titles, notes, grid cells, narrative."""
    out: set[str] = set()

    def add(text):
        if text:
            out.add(squeeze(str(text)).replace(",", ""))

    for t in doc["budget_tables"]:
        add(t["title"]), add(t["note"]), add(t["unit"]), add(t.get("number"))
        for c in t["columns"] + t.get("labels", []):
            for h in c["header"]:
                add(h)
        for line in t.get("caption", []):
            add(line)
        for r in t["rows"]:
            add(r["name"]), add(r.get("group"))
            code = r["code"] or ""
            for piece in (code, code[:3], code[3:5], code[5:7], code[3:]):
                add(piece)
            for v in r["values"].values():
                if v is not None:
                    add(format(v, "f").rstrip("0").rstrip(".") if isinstance(v, float) else v)
            for raw in (r.get("raw") or {}).values():
                add(raw)
    for t in doc["tables"]:
        add(t.get("title"))
        for line in t.get("caption", []):
            add(line)
        for row in t["rows"]:
            for c in row:
                add(c)
    for p in doc["narrative"]:
        add(p["text"]), add(p["heading"])
    return out


def _amount_forms(text: str) -> set[str]:
    s = squeeze(text).replace(",", "")
    forms = {s}
    if s.replace(".", "", 1).isdigit() and "." in s:
        forms.add(s.rstrip("0").rstrip("."))
    return forms


@pytest.mark.parametrize("pdf", BUNDLES, ids=lambda p: p.name)
def test_no_table_cell_is_lost(pdf):
    """Every non-empty cell of every grid the extractor found is somewhere in the output: in a
    budget table (header, name, code, value), another table, or the narrative."""
    doc = converted(pdf.name)
    texts = _output_texts(doc)
    blob = "\n".join(texts)
    lost = []
    for item in read_document(pdf).items:
        if not isinstance(item, Table):
            continue
        for cell in item.cells:
            if not cell.text or not squeeze(cell.text).strip("…．."):
                continue  # empty, or only the template's placeholder dots
            forms = _amount_forms(cell.text)
            if not (forms & texts) and not any(f in blob for f in forms):
                lost.append((cell.page, cell.text))
    assert not lost, lost[:10]


def test_narrative_is_kept_and_warnings_are_few():
    narrated = [p for p in BUNDLES if "公开表" not in p.name]
    for pdf in narrated:
        doc = converted(pdf.name)
        assert len(doc["narrative"]) >= 20, pdf.name
        assert not any(w["code"] == "text_outside_tables" for w in doc["warnings"])
    counts = [len(converted(p.name)["warnings"]) for p in BUNDLES]
    assert statistics.median(counts) <= 10 and max(counts) <= 20, counts


def test_the_explanation_of_a_bundle_is_in_its_narrative():
    doc = converted("上海市普陀区人民政府办公室25年预算.pdf")
    text = "\n".join(p["text"] for p in doc["narrative"])
    assert "2025年，上海市普陀区人民政府办公室收入预算9,101.68万元" in text
    headings = {p["heading"] for p in doc["narrative"]}
    assert "2025年部门预算编制说明" in headings and "其他相关情况说明" in headings


@pytest.mark.parametrize("expected", TRANSCRIBED, ids=lambda p: p.name)
def test_transcribed_budget_tables_and_checks_are_exact(expected):
    want = json.loads(expected.read_text(encoding="utf-8"))
    doc = converted(want["source"])
    score = score_budget_tables(doc, want)
    assert score.exact, "\n".join(score.differences[:20])
    assert all(c["status"] != "fail" for c in doc["checks"] if c["id"] not in {e["id"] for e in want["checks"]})
