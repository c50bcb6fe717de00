"""Unreadable PDFs: every case gives an ExtractionError a person can act on, never a traceback."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_extract_pdf_builders import PageSpec, build_pdf, project_page, spec_rows  # noqa: E402

from fujian.extract.model import ExtractionError, Table  # noqa: E402
from fujian.extract.pdf_document import read_pdf  # noqa: E402


def cells_of(doc):
    (table,) = [i for i in doc.items if isinstance(i, Table)]
    return sorted((c.row, c.col, c.rowspan, c.colspan, (c.text or "").replace("\n", ""))
                  for c in table.cells)


def error_of(path, **kw) -> str:
    with pytest.raises(ExtractionError) as info:
        read_pdf(path, **kw)
    return str(info.value)


def test_zero_byte_file(tmp_path):
    (tmp_path / "empty.pdf").write_bytes(b"")
    assert "empty file (0 bytes)" in error_of(tmp_path / "empty.pdf")


def test_html_saved_as_pdf(tmp_path):
    (tmp_path / "page.pdf").write_text("<!DOCTYPE html><html><body>404</body></html>")
    msg = error_of(tmp_path / "page.pdf")
    assert "not a PDF" in msg and "HTML" in msg


def test_truncated_download(tmp_path):
    good = build_pdf(tmp_path / "good.pdf", [project_page(), project_page()])
    data = good.read_bytes()
    (tmp_path / "cut.pdf").write_bytes(data[: len(data) // 2])
    assert "truncated PDF" in error_of(tmp_path / "cut.pdf")


def test_garbage_body_is_reported_as_corrupt(tmp_path):
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n")
    assert "corrupt PDF" in error_of(tmp_path / "bad.pdf")


def test_missing_file(tmp_path):
    assert "file not found" in error_of(tmp_path / "nope.pdf")


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber", "camelot"])
def test_owner_password_only_opens_with_both_engines(tmp_path, engine):
    page = project_page()
    path = build_pdf(tmp_path / "owner.pdf", [page], owner_password="secret-owner")
    assert b"/Encrypt" in path.read_bytes()
    assert cells_of(read_pdf(path, engine=engine)) == spec_rows(page.tables[0])


def test_user_password(tmp_path):
    page = project_page()
    path = build_pdf(tmp_path / "user.pdf", [page], user_password="fj2025", owner_password="o")
    msg = error_of(path)
    assert "user password" in msg and "--password" in msg
    msg = error_of(path, password="wrong")
    assert "wrong password" in msg and "--password" in msg
    assert cells_of(read_pdf(path, password="fj2025")) == spec_rows(page.tables[0])
    assert cells_of(read_pdf(path, password="fj2025", engine="camelot")) == spec_rows(page.tables[0])


def test_image_only_document_without_text_is_a_clear_error(tmp_path):
    """Scans of ruled paper with nothing written on it: OCR reads them and finds no text."""
    path = build_pdf(tmp_path / "scan.pdf", [PageSpec(image_only=True), PageSpec(image_only=True)])
    assert "scanned document, but OCR found no text on its 2 page(s)" in error_of(path)
    assert "no text layer — scanned document; OCR is off (--ocr never)" in error_of(path, ocr="never")


def test_one_scanned_page_among_text_pages_is_read_by_ocr_or_reported(tmp_path):
    path = build_pdf(tmp_path / "mixed.pdf", [project_page(), PageSpec(image_only=True)])
    doc = read_pdf(path)
    assert doc.page_count == 2
    assert [(w["code"], w["page"]) for w in doc.warnings] == [("ocr_page", 2)]
    assert "OCR found no text" in doc.warnings[0]["message"]
    assert [p["method"] for p in doc.pages_read] == ["text", "ocr"]
    doc = read_pdf(path, ocr="never")
    assert [(w["code"], w["page"]) for w in doc.warnings] == [("scanned_page", 2)]
    assert doc.pages_read[1] == {"page": 2, "method": "text", "ocr_needed": "no_text_layer"}


def test_unknown_engine(tmp_path):
    path = build_pdf(tmp_path / "a.pdf", [project_page()])
    assert "unknown PDF engine" in error_of(path, engine="tabula")


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber", "camelot"])
def test_damaged_page_tree_is_an_extraction_error_naming_the_file(tmp_path, engine):
    import pikepdf

    build_pdf(tmp_path / "base.pdf", [project_page(), project_page()])
    with pikepdf.open(tmp_path / "base.pdf") as pdf:
        pdf.pages[1].obj.MediaBox = pikepdf.Array([0, 0, 0, 5])
        pdf.save(tmp_path / "damaged.pdf")
    msg = error_of(tmp_path / "damaged.pdf", engine=engine)
    assert "page 2" in msg and "MediaBox" in msg and str(tmp_path / "damaged.pdf") in msg


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber", "camelot"])
def test_a_mediabox_that_is_not_numbers_is_repaired(tmp_path, engine):
    """qpdf gives a page whose MediaBox is no rectangle US Letter; the engines read that
    repaired copy (issue 16: it used to be an error), and a warning says so."""
    import pikepdf

    build_pdf(tmp_path / "base.pdf", [project_page(), project_page()])
    with pikepdf.open(tmp_path / "base.pdf") as pdf:
        pdf.pages[1].obj.MediaBox = pikepdf.Array([0, 0, pikepdf.Name.Foo, 5])
        pdf.save(tmp_path / "damaged.pdf")
    doc = read_pdf(tmp_path / "damaged.pdf", engine=engine, ocr="never")
    assert doc.page_count == 2
    assert any(w["code"] == "pdf_repaired" and "MediaBox" in w["message"] for w in doc.warnings)


def test_some_glyphs_without_unicode_map_make_a_warning(tmp_path):
    import pikepdf

    build_pdf(tmp_path / "base.pdf", [project_page()])
    with pikepdf.open(tmp_path / "base.pdf") as pdf:
        for page in pdf.pages:
            for _, font in page.obj.Resources.Font.items():
                if "/ToUnicode" in font:
                    del font["/ToUnicode"]
        pdf.save(tmp_path / "no_tounicode.pdf")
    doc = read_pdf(tmp_path / "no_tounicode.pdf", ocr="never")
    (warning,) = [w for w in doc.warnings if w["code"] == "unmapped_glyphs"]
    assert warning["page"] == 1 and "(cid:N)" in warning["message"]
    doc = read_pdf(tmp_path / "no_tounicode.pdf")  # auto: that text layer is not used, OCR reads the page
    assert doc.pages_read[0]["method"] == "ocr" and doc.pages_read[0]["reason"] == "unmapped_text"
    assert not [w for w in doc.warnings if w["code"] == "unmapped_glyphs"]


def test_text_layer_all_unmapped_is_an_error(tmp_path):
    """A CID font with Identity-H encoding and no ToUnicode: every glyph reads (cid:N)."""
    import pikepdf

    pdf = pikepdf.new()
    cid = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.CIDFontType2, BaseFont=pikepdf.Name.Foo,
        CIDSystemInfo=pikepdf.Dictionary(Registry=pikepdf.String("Adobe"),
                                         Ordering=pikepdf.String("Identity"), Supplement=0),
        FontDescriptor=pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.FontDescriptor, FontName=pikepdf.Name.Foo, Flags=4,
            FontBBox=[0, -200, 1000, 800], ItalicAngle=0, Ascent=800, Descent=-200,
            CapHeight=700, StemV=80)),
        DW=1000))
    font = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type0, BaseFont=pikepdf.Name.Foo,
        Encoding=pikepdf.Name("/Identity-H"), DescendantFonts=[cid]))
    content = b"BT /F1 12 Tf 100 700 Td <0001000200030004000500060007> Tj ET"
    pdf.pages.append(pikepdf.Page(pikepdf.Dictionary(
        Type=pikepdf.Name.Page, MediaBox=[0, 0, 595, 842], Contents=pdf.make_stream(content),
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)))))
    pdf.save(tmp_path / "cid_only.pdf")
    msg = error_of(tmp_path / "cid_only.pdf")
    assert "no Unicode" in msg and "(cid:N)" in msg


def test_damaged_cross_reference_is_repaired_with_one_warning(tmp_path):
    import re

    page = project_page()
    good = build_pdf(tmp_path / "good.pdf", [page, page]).read_bytes()
    (tmp_path / "bad_xref.pdf").write_bytes(re.sub(rb"startxref\s+\d+", b"startxref\n12345", good))
    doc = read_pdf(tmp_path / "bad_xref.pdf")
    assert [w["code"] for w in doc.warnings] == ["pdf_repaired"]
    tables = [i for i in doc.items if isinstance(i, Table)]
    assert len(tables) == 2
    assert sorted((c.row, c.col, c.rowspan, c.colspan, (c.text or "").replace("\n", ""))
                  for c in tables[1].cells) == spec_rows(page.tables[0])


def test_scans_with_a_typed_page_number_are_still_scans(tmp_path):
    scans = [PageSpec(image_only=True, lines=[(280, 800, f"- {n} -")]) for n in (1, 2)]
    path = build_pdf(tmp_path / "scans.pdf", scans)
    assert "no text layer — scanned document" in error_of(path, ocr="never")
    assert [p["method"] for p in read_pdf(path).pages_read] == ["ocr", "ocr"]
    doc = read_pdf(build_pdf(tmp_path / "mixed.pdf", [project_page(), scans[1]]), ocr="never")
    assert [(w["code"], w["page"]) for w in doc.warnings] == [("scanned_page", 2)]
