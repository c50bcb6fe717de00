"""Office inputs that cannot be read give one clear message (or, when empty, an empty result),
and formats are told by content before the name."""
import io
import shutil
import zipfile
from pathlib import Path

import pytest

from fujian.extract.model import ExtractionError
from fujian.pipeline import convert_file, read_document

ROOT = Path(__file__).resolve().parent.parent
OFFICE = ROOT / "samples" / "office"
ERRORS = ROOT / "samples" / "office_errors"
PASSWORD = "fujian2025"


def error_of(path, **kw) -> str:
    with pytest.raises(ExtractionError) as info:
        convert_file(path, **kw)
    message = str(info.value)
    assert "Traceback" not in message and "\n" not in message
    return message


def test_truncated_xlsx_is_a_damaged_file(tmp_path):
    data = (OFFICE / "holdout6" / "r11_calc_4p_port.xlsx").read_bytes()
    (tmp_path / "附件2.xlsx").write_bytes(data[: len(data) // 2])
    message = error_of(tmp_path / "附件2.xlsx")
    assert message.startswith("damaged .xlsx file") and "download it again" in message


def test_zip_with_a_broken_part_is_a_damaged_workbook(tmp_path):
    src = OFFICE / "holdout6" / "r11_calc_4p_port.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(tmp_path / "bad.xlsx", "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename.startswith("xl/worksheets/sheet1"):
                data = data[: len(data) // 3]  # cut in the middle of the XML
            zout.writestr(item, data)
    message = error_of(tmp_path / "bad.xlsx")
    assert "damaged .xlsx workbook" in message and "save it again" in message


def test_truncated_docx_is_a_damaged_file(tmp_path):
    data = (OFFICE / "word_education_landscape.docx").read_bytes()
    (tmp_path / "a.docx").write_bytes(data[:5000])
    assert error_of(tmp_path / "a.docx").startswith("damaged .docx file")


@pytest.mark.parametrize("name", ["encrypted_password_fujian2025.xlsx", "encrypted_password_fujian2025.docx"])
def test_encrypted_file_needs_its_password(name):
    message = error_of(ERRORS / name)
    assert "encrypted with a password" in message and "--password" in message
    wrong = error_of(ERRORS / name, password="not-it")
    assert "wrong password" in wrong


@pytest.mark.parametrize("name,plain", [("encrypted_password_fujian2025.xlsx", "xlsx_transport_landscape_break.xlsx"),
                                        ("encrypted_password_fujian2025.docx", "docx_veterans_word_no_codes.docx")])
def test_encrypted_file_with_its_password_reads_like_the_plain_one(name, plain, scorer, read_json):
    out = convert_file(ERRORS / name, password=PASSWORD)
    assert out["source"]["format"] == plain.rsplit(".", 1)[1]
    assert scorer(out, read_json(OFFICE / (plain.rsplit(".", 1)[0] + ".expected.json"))) == []


def test_word_97_doc_says_to_save_as_docx():
    message = error_of(ERRORS / "word97_veterans.doc")
    assert message.startswith("a Word 97–2003 .doc file cannot be read directly") and "save it as .docx" in message


def test_doc_content_under_another_name_is_still_a_doc(tmp_path):
    shutil.copy(ERRORS / "word97_veterans.doc", tmp_path / "附件3.xls")
    assert error_of(tmp_path / "附件3.xls").startswith("a Word 97–2003 .doc file")


@pytest.mark.parametrize("src,name,words", [
    ("office_errors/word97_veterans.doc", "绩效目标表.wps", ("WPS 文字", "save it as .docx")),
    ("office/bundle_department_budget.xls", "部门预算.et", ("WPS 表格", "save it as .xlsx")),
])
def test_wps_files_by_extension_and_ole_content(tmp_path, src, name, words):
    shutil.copy(ROOT / "samples" / src, tmp_path / name)
    message = error_of(tmp_path / name)
    assert all(w in message for w in words)
    (tmp_path / ("text" + Path(name).suffix)).write_text("项目名称\t某项目\n", encoding="utf-8")
    assert all(w in error_of(tmp_path / ("text" + Path(name).suffix)) for w in words)


def test_empty_workbook_is_an_empty_result_with_a_warning(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.create_sheet("Sheet2")
    wb.save(tmp_path / "empty.xlsx")
    out = convert_file(tmp_path / "empty.xlsx")
    assert (out["projects"], out["tables"]) == ([], [])
    assert out["source"]["pages"] == 2  # two sheets read
    assert [w["code"] for w in out["warnings"]] == ["empty_input"]


def test_empty_docx_is_an_empty_result(tmp_path):
    import docx

    docx.Document().save(tmp_path / "empty.docx")
    out = convert_file(tmp_path / "empty.docx")
    assert (out["projects"], out["tables"], out["source"]["pages"]) == ([], [], None)
    assert [w["code"] for w in out["warnings"]] == ["empty_input"]


def test_formats_are_told_by_content_not_by_name(tmp_path, scorer, read_json):
    """An .xlsx published as 「….xls」, a .docx without an extension: read for what they are."""
    shutil.copy(OFFICE / "holdout6" / "r11_calc_4p_port.xlsx", tmp_path / "附件2.xls")
    shutil.copy(OFFICE / "word_education_landscape.docx", tmp_path / "附件3")
    shutil.copy(OFFICE / "bundle_department_budget.xls", tmp_path / "预算.xlsx")
    assert read_document(tmp_path / "附件2.xls").format == "xlsx"
    assert read_document(tmp_path / "附件3").format == "docx"
    assert read_document(tmp_path / "预算.xlsx").format == "xls"
    out = convert_file(tmp_path / "附件2.xls")
    assert scorer(out, read_json(OFFICE / "holdout6" / "r11_calc_4p_port.expected.json")) == []


@pytest.mark.parametrize("content,words", [
    (b"<html><body><table><tr><td>1</td></tr></table></body></html>", ("not a .xls file", "web page (HTML)")),
    (b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>',
     ("not a .xls file", "Excel 2003 XML spreadsheet")),
    (b"", ("not a .xls file", "empty file (0 bytes)")),
])
def test_other_content_under_an_office_name(tmp_path, content, words):
    (tmp_path / "报表.xls").write_bytes(content)
    message = error_of(tmp_path / "报表.xls")
    assert all(w in message for w in words)


def _zip(path: Path, files: dict) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return path


def test_opendocument_xlsb_and_plain_zip_archives(tmp_path):
    ods = _zip(tmp_path / "a.ods", {"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"})
    assert "OpenDocument spreadsheet (.ods)" in error_of(ods) and "save it as .xlsx" in error_of(ods)
    xlsb = _zip(tmp_path / "a.xlsx", {"[Content_Types].xml":
                                      '<Types><Override PartName="/xl/workbook.bin" ContentType="application/'
                                      'vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>'})
    assert ".xlsb" in error_of(xlsb)
    bundle = _zip(tmp_path / "附件.zip", {"附件1.pdf": b"%PDF-1.4"})
    assert "unpack it" in error_of(bundle)
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    assert "empty zip archive" in error_of(empty)


def test_batch_reports_each_unreadable_office_file_and_goes_on(tmp_path):
    from fujian.batch.inputs import discover_inputs
    from fujian.batch.runner import BatchOptions, run_batch

    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(ERRORS / "word97_veterans.doc", src / "a.doc")
    shutil.copy(ERRORS / "encrypted_password_fujian2025.xlsx", src / "b.xlsx")
    shutil.copy(OFFICE / "bundle_department_budget.xls", src / "c.xls")
    shutil.copy(OFFICE / "word_education_landscape.docx", src / "d.DOCX")
    (src / "e.et").write_bytes((ERRORS / "word97_veterans.doc").read_bytes())
    found = discover_inputs([str(src)])
    assert [f.name for f in found] == ["a.doc", "b.xlsx", "c.xls", "d.DOCX", "e.et"]
    result = run_batch(found, tmp_path / "out", BatchOptions(workers=1))
    status = {e.file: (e.status, e.error) for e in result.report}
    assert status["c.xls"] == ("ok", None) and status["d.DOCX"] == ("ok", None)
    assert status["a.doc"][0] == status["b.xlsx"][0] == status["e.et"][0] == "error"
    assert "save it as .docx" in status["a.doc"][1] and "--password" in status["b.xlsx"][1]
    assert (tmp_path / "out" / "c.xls.json").is_file() and not (tmp_path / "out" / "a.doc.json").exists()
