#!/usr/bin/env python3
"""Office samples: the workbooks and Word documents the committed sample PDFs were printed from.

    python samples/office/make_office.py [name-prefix]

Several sample generators write an .xlsx (openpyxl) or a .docx (python-docx) and let
LibreOffice print it to the committed PDF. This script runs those same generators with the
same content and options but keeps the Office file instead, and writes next to it a
`<stem>.expected.json`: the PDF's expected JSON with the provenance taken out (`page`,
`pages`, `bbox` — an Office file has no pages) and `source` naming the Office file. The
expected values are those of the PDF, written independently of the readers under test.

- samples/generate (make_samples.py):  the 2 Excel and 3 Word samples of samples/pdf/
- samples/holdout (make_holdout.py):  xlsx_transport_landscape_break, docx_veterans_word_no_codes
- samples/holdout5 (make_holdout5.py): the calc_* workbooks behind the Calc text dumps
- samples/holdout6 (make_holdout6.py): every `calc` and `docx` file (default seed and EXTRA),
  in holdout6/ here;
  its draws depend on reading the printed PDF back (a cell that wraps badly is drawn again),
  so the generator is run in full and the regenerated expected JSON must equal the committed
  one, else this script stops.
- bundle_workbook.py: the real-style 部门预算 workbook (several sheets, one table each).
- `.xls` copies of some workbooks, converted by LibreOffice Calc (`soffice --convert-to xls`).

Needs openpyxl, python-docx, reportlab, pdfplumber, LibreOffice (`soffice`) and the fonts the
generators name (fonts-wqy-zenhei, fonts-noto-cjk). Tests only read the committed files.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent
# workbooks also committed as .xls (converted by LibreOffice Calc)
XLS_COPIES = ("excel_pingluo_break_repeated_header", "holdout6/r11_calc_4p_port", "bundle_department_budget")
ENCRYPTED_PASSWORD = "fujian2025"


def load(name: str, path: Path):
    sys.path.insert(0, str(path.parent))
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def strip_provenance(value):
    if isinstance(value, dict):
        return {k: strip_provenance(v) for k, v in value.items() if k not in ("page", "pages", "bbox")}
    if isinstance(value, list):
        return [strip_provenance(v) for v in value]
    return value


ORIGINS = HERE / "expected_origins.json"  # office file → the expected JSON it was made from


def record_origin(office: Path, origin: str) -> None:
    """Where an expected file came from, kept beside them (the expected JSONs hold only what an
    output holds: they validate against docs/schema.json)."""
    origins = json.loads(ORIGINS.read_text(encoding="utf-8")) if ORIGINS.exists() else {}
    origins[office.relative_to(HERE).as_posix()] = origin
    ORIGINS.write_text(json.dumps(dict(sorted(origins.items())), ensure_ascii=False, indent=1) + "\n",
                       encoding="utf-8")


def write_expected(office: Path, expected: dict, origin: str) -> None:
    doc = strip_provenance(expected)
    doc["source"] = {"file": office.name, "sha256": hashlib.sha256(office.read_bytes()).hexdigest(),
                     "format": office.suffix.lstrip(".")}
    record_origin(office, origin)
    doc.pop("warnings", None)
    office.with_name(office.stem + ".expected.json").write_text(
        json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


# -- samples/generate -------------------------------------------------------------------------

def make_generate(prefix: str) -> None:
    gen = SAMPLES / "generate"
    sys.path.insert(0, str(gen))
    import content  # noqa: E402
    from office import ExcelOptions, WordOptions, build_docx, build_xlsx  # noqa: E402
    from text import to_fullwidth_digits  # noqa: E402

    d = content.DEPARTMENTS
    breaks = frozenset({(2, 1), (5, 3)})  # as make_samples.make_excel
    jobs = [
        ("excel_pingluo_break_no_repeated_header", ".xlsx",
         lambda p: build_xlsx(d["pingluo"], p, ExcelOptions(breaks_before=breaks))),
        ("excel_pingluo_break_repeated_header", ".xlsx",
         lambda p: build_xlsx(d["pingluo"], p, ExcelOptions(breaks_before=breaks, one_sheet_per_project=True,
                                                             repeat_head_row=True, split_merges_at_breaks=True))),
        ("word_education_landscape", ".docx",
         lambda p: build_docx(d["education"], p, WordOptions(landscape=True))),
        ("word_education_flowing_tables_repeated_header", ".docx",
         lambda p: build_docx(d["education"], p, WordOptions(page_break_between_projects=False,
                                                              separate_indicator_table=True))),
        ("word_agriculture_budget_table_fullwidth_digits", ".docx",
         lambda p: build_docx(d["agriculture"], p, WordOptions(
             distort=to_fullwidth_digits, budget_table=content.AGRICULTURE_BUDGET_TABLE,
             budget_title=content.AGRICULTURE_BUDGET_TABLE_TITLE))),
    ]
    for stem, suffix, build in jobs:
        if not stem.startswith(prefix):
            continue
        out = HERE / (stem + suffix)
        build(out)
        expected = json.loads((SAMPLES / "pdf" / f"{stem}.expected.json").read_text(encoding="utf-8"))
        write_expected(out, expected, f"samples/pdf/{stem}.expected.json")
        print(f"  {out.name}: {out.stat().st_size // 1024} KB")


# -- samples/holdout --------------------------------------------------------------------------

def make_holdout(prefix: str) -> None:
    names = [n for n in ("xlsx_transport_landscape_break", "docx_veterans_word_no_codes") if n.startswith(prefix)]
    if not names:
        return
    mh = load("make_holdout", SAMPLES / "holdout" / "make_holdout.py")
    for name in names:
        spec = next(s for s in mh.SPECS if s.name == name)
        suffix = ".xlsx" if spec.style.route == "xlsx" else ".docx"
        out = HERE / (name + suffix)
        # as make_holdout.build(), up to the LibreOffice step, which here keeps the source file
        rng = random.Random(spec.name)
        plist = [spec.dept.projects[i] for i in spec.projects] if spec.projects else spec.dept.projects
        projects = [mh.project_grid(spec.style, p, rng) for p in plist]
        _, title_lines = mh.title_for(spec)
        mh._soffice_file = lambda src, path, out=out: shutil.copy(src, out)
        render = mh.render_xlsx if suffix == ".xlsx" else mh.render_docx
        render(spec, HERE / f"{name}.pdf.unused", projects, title_lines)
        expected = json.loads((SAMPLES / "holdout" / f"{name}.expected.json").read_text(encoding="utf-8"))
        write_expected(out, expected, f"samples/holdout/{name}.expected.json")
        print(f"  {out.name}: {out.stat().st_size // 1024} KB")


# -- samples/holdout5 -------------------------------------------------------------------------

def make_holdout5(prefix: str) -> None:
    h5 = load("make_holdout5", SAMPLES / "holdout5" / "make_holdout5.py")
    for stem, keys, _trait, opts in h5.CALC_FILES:
        if not stem.startswith(prefix):
            continue
        out = HERE / f"{stem}.xlsx"
        h5.calc_workbook([h5.C.P[k] for k in keys], {**h5.DEFAULTS, **opts}, out)
        expected = json.loads((SAMPLES / "holdout5" / f"{stem}.expected.json").read_text(encoding="utf-8"))
        write_expected(out, expected, f"samples/holdout5/{stem}.expected.json")
        print(f"  {out.name}: {out.stat().st_size // 1024} KB")


# -- samples/holdout6 -------------------------------------------------------------------------

SCORED = ("title", "table_title", "amount_unit", "project_name", "department", "implementing_unit",
          "project_type", "duration", "managing_office", "annual_amount", "overall_goal", "extra_fields")


def scored(doc: dict) -> tuple:
    return (doc.get("title"),
            [tuple(json.dumps(p.get(k), ensure_ascii=False) for k in SCORED[1:]) +
             tuple(json.dumps(strip_provenance(i), ensure_ascii=False, sort_keys=True) for i in p["indicators"])
             for p in doc["projects"]])


def make_holdout6(prefix: str) -> None:
    h6 = load("make_holdout6", SAMPLES / "holdout6" / "make_holdout6.py")
    committed = sorted((SAMPLES / "holdout6").glob("*_calc_*.expected.json")) + \
        sorted((SAMPLES / "holdout6").glob("*_docx_*.expected.json"))
    wanted = [p.name[:-len(".expected.json")] for p in committed]
    wanted = [w for w in wanted if w.startswith(prefix)]
    if not wanted:
        return
    with tempfile.TemporaryDirectory() as tmp:
        h6.OUT = Path(tmp) / "out"
        h6.OUT.mkdir()
        for stem in wanted:
            seed = int(stem[1:5]) if stem.startswith("s") else None
            index = int(stem.split("_r")[1][:2]) if seed else int(stem[1:3])
            work = Path(tmp) / stem
            work.mkdir()
            got, _desc, _size = h6.make_file(index, work, seed=seed)
            assert got == stem, (got, stem)
            regenerated = json.loads((h6.OUT / f"{stem}.expected.json").read_text(encoding="utf-8"))
            expected = json.loads((SAMPLES / "holdout6" / f"{stem}.expected.json").read_text(encoding="utf-8"))
            if scored(regenerated) != scored(expected):
                raise SystemExit(f"{stem}: the regenerated draws differ from the committed expected JSON")
            # the last attempt's file (an attempt drawn again leaves its own file behind)
            src = work / (stem + (".docx" if "_docx_" in stem else ".xlsx"))
            out = HERE / "holdout6" / (stem + src.suffix)  # its own folder, as its expected files
            out.parent.mkdir(exist_ok=True)               # are random draws (tests treat them so)
            shutil.copyfile(src, out)
            write_expected(out, expected, f"samples/holdout6/{stem}.expected.json")
            print(f"  holdout6/{out.name}: {out.stat().st_size // 1024} KB")


# -- the bundle workbook and the .xls copies -----------------------------------------------------

def make_bundle(prefix: str) -> None:
    if not "bundle_department_budget".startswith(prefix) and not prefix.startswith("bundle"):
        return
    bundle = load("bundle_workbook", HERE / "bundle_workbook.py")
    out = HERE / "bundle_department_budget.xlsx"
    expected = bundle.build(out)
    expected["source"] = {"file": out.name, "sha256": hashlib.sha256(out.read_bytes()).hexdigest(),
                          "format": "xlsx"}
    record_origin(out, "samples/office/bundle_workbook.py")
    out.with_name(out.stem + ".expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n",
                                                          encoding="utf-8")
    print(f"  {out.name}: {out.stat().st_size // 1024} KB")


def make_xls(prefix: str) -> None:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    for stem in XLS_COPIES:
        if not Path(stem).name.startswith(prefix) and prefix:
            continue
        src = HERE / f"{stem}.xlsx"
        if not exe:
            raise SystemExit("LibreOffice (soffice) is needed for the .xls copies")
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([exe, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to",
                            "xls:MS Excel 97", "--outdir", tmp, str(src)], check=True, capture_output=True,
                           timeout=180)
            out = HERE / f"{stem}.xls"
            shutil.copyfile(Path(tmp) / f"{Path(stem).name}.xls", out)
        print(f"  {out.name}: {out.stat().st_size // 1024} KB (from {src.name})")


def make_error_fixtures(prefix: str) -> None:
    """Inputs that must fail clearly (tests/test_office_errors.py): an encrypted workbook and
    document (msoffcrypto-tool, Office's ECMA-376 agile encryption, password
    ENCRYPTED_PASSWORD) and a Word 97–2003 .doc written by LibreOffice."""
    import io

    from msoffcrypto.format.ooxml import OOXMLFile

    errors = SAMPLES / "office_errors"
    errors.mkdir(exist_ok=True)
    for src, name in (("xlsx_transport_landscape_break.xlsx", "encrypted_password_fujian2025.xlsx"),
                      ("docx_veterans_word_no_codes.docx", "encrypted_password_fujian2025.docx")):
        if not name.startswith(prefix) and not prefix.startswith("encrypted") and prefix:
            continue
        with open(HERE / src, "rb") as fh:
            plain = OOXMLFile(fh)
            out = io.BytesIO()
            plain.encrypt(ENCRYPTED_PASSWORD, out)
        (errors / name).write_bytes(out.getvalue())
        print(f"  office_errors/{name}: {len(out.getvalue()) // 1024} KB (from {src})")
    if "word97_veterans.doc".startswith(prefix) or not prefix:
        exe = shutil.which("soffice") or shutil.which("libreoffice")
        if not exe:
            raise SystemExit("LibreOffice (soffice) is needed for the .doc fixture")
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "word97_veterans.docx"
            shutil.copyfile(HERE / "docx_veterans_word_no_codes.docx", src)
            subprocess.run([exe, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to",
                            "doc:MS Word 97", "--outdir", tmp, str(src)], check=True, capture_output=True, timeout=180)
            shutil.copyfile(Path(tmp) / "word97_veterans.doc", errors / "word97_veterans.doc")
        print(f"  office_errors/word97_veterans.doc: {(errors / 'word97_veterans.doc').stat().st_size // 1024} KB")


def main(argv: list[str]) -> int:
    prefix = argv[1] if len(argv) > 1 else ""
    make_generate(prefix)
    make_holdout(prefix)
    make_holdout5(prefix)
    make_holdout6(prefix)
    make_bundle(prefix)
    make_xls(prefix)
    make_error_fixtures(prefix)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
