"""Which Office format a file holds (by content, then by name), and reading it.

    office_format(path, head) -> "xlsx" | "xls" | "docx" | "ooxml-encrypted" | None
    read_office(path, fmt, password=None) -> Document

Content decides, not the name: a zip archive whose `[Content_Types].xml` names a workbook
(or a Word document) main part is an .xlsx (.docx) whatever it is called — an .xlsx saved as
`附件2.xls` is common —, and an OLE compound file is an .xls when it holds a `Workbook` /
`Book` stream. Everything Office-like that cannot be read raises an ExtractionError saying
what to do: Word 97–2003 `.doc`, WPS `.wps` / `.et`, OpenDocument, `.xlsb`, PowerPoint, a
damaged zip, a password-protected file without (or with a wrong) password. None means "not
an Office file" (the caller tries the other readers).

Encryption: an encrypted .xlsx / .docx is an OLE file with `EncryptionInfo` +
`EncryptedPackage` streams; an encrypted .xls has a FILEPASS record. Both are decrypted in
memory with msoffcrypto-tool and the given password (an .xls "protected" with Excel's built-in
default password opens without one).
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import BinaryIO, Optional, Union

from .model import Document, ExtractionError

ZIP_SIGNATURE = b"PK\x03\x04"
EMPTY_ZIP_SIGNATURE = b"PK\x05\x06"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OFFICE_SIGNATURES = (ZIP_SIGNATURE, EMPTY_ZIP_SIGNATURE, OLE_SIGNATURE)
EXCEL_DEFAULT_PASSWORD = "VelvetSweatshop"  # what Excel encrypts "read-only recommended" files with

# file names that promise an Office file, so that other content is an error, not a text dump
OFFICE_SUFFIXES = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls", ".docx": "docx", ".docm": "docx"}

_SAVE_AS_DOCX = ("save it as .docx (Word or WPS: 文件 → 另存为 → Word 文档 *.docx; LibreOffice: "
                 "soffice --headless --convert-to docx FILE) or export it as PDF, then convert that")
_SAVE_AS_XLSX = ("save it as .xlsx (Excel or WPS: 文件 → 另存为 → Excel 工作簿 *.xlsx; LibreOffice: "
                 "soffice --headless --convert-to xlsx FILE) or export it as PDF, then convert that")
UNSUPPORTED_SUFFIXES = {
    ".doc": f"a Word 97–2003 .doc file cannot be read directly: {_SAVE_AS_DOCX}",
    ".dot": f"a Word 97–2003 template (.dot) cannot be read directly: {_SAVE_AS_DOCX}",
    ".wps": f"a WPS 文字 (.wps) file cannot be read directly: {_SAVE_AS_DOCX}",
    ".wpt": f"a WPS 文字 template (.wpt) cannot be read directly: {_SAVE_AS_DOCX}",
    ".et": f"a WPS 表格 (.et) file cannot be read directly: {_SAVE_AS_XLSX}",
    ".ett": f"a WPS 表格 template (.ett) cannot be read directly: {_SAVE_AS_XLSX}",
}

_MAIN_PARTS = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": "xlsx",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml": "xlsx",
    "application/vnd.ms-excel.template.macroEnabled.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": "docx",
    "application/vnd.ms-word.document.macroEnabled.main+xml": "docx",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": "docx",
}
_UNSUPPORTED_PARTS = {
    "application/vnd.ms-excel.sheet.binary.macroEnabled.main": f"a binary Excel workbook (.xlsb) cannot be read: {_SAVE_AS_XLSX}",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml":
        "a PowerPoint presentation, not a spreadsheet or Word document: export it as PDF and convert that",
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml":
        "a PowerPoint presentation, not a spreadsheet or Word document: export it as PDF and convert that",
}
_ODF = {
    "application/vnd.oasis.opendocument.spreadsheet": f"an OpenDocument spreadsheet (.ods) cannot be read: {_SAVE_AS_XLSX}",
    "application/vnd.oasis.opendocument.text": f"an OpenDocument text (.odt) cannot be read: {_SAVE_AS_DOCX}",
}


def office_format(path: Path, head: bytes) -> Optional[str]:
    suffix = path.suffix.lower()
    if head.startswith((ZIP_SIGNATURE, EMPTY_ZIP_SIGNATURE)):
        return _zip_format(path, suffix)
    if head.startswith(OLE_SIGNATURE):
        return _ole_format(path, suffix)
    if suffix in UNSUPPORTED_SUFFIXES:
        raise ExtractionError(UNSUPPORTED_SUFFIXES[suffix])
    if suffix in OFFICE_SUFFIXES:
        what = "empty file (0 bytes)" if not head else _what_else(head)
        kind = "an Office Open XML file (zip)" if OFFICE_SUFFIXES[suffix] != "xls" else \
            "an Excel 97–2003 workbook (OLE compound file) or an .xlsx"
        raise ExtractionError(f"not a {suffix} file: {what}, not {kind}; open it in Excel/Word or WPS and "
                              "save it in that format, or export it as PDF")
    return None


def _what_else(head: bytes) -> str:
    sample = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if sample.startswith((b"<html", b"<!doctype html", b"<meta", b"<table")) or b"<html" in sample[:512]:
        return "it is a web page (HTML) saved under an Office name"
    if sample.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in head:
        return "it is an Excel 2003 XML spreadsheet"
    if sample.startswith(b"<?xml"):
        return "it is an XML file"
    return "its content has neither the zip nor the OLE signature"


def _zip_format(path: Path, suffix: str) -> str:
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if not names:
                raise ExtractionError("an empty zip archive: no workbook or document inside")
            if "[Content_Types].xml" in names:
                types = z.read("[Content_Types].xml")
            else:
                types = b""
            mimetype = z.read("mimetype").strip().decode("ascii", "replace") if "mimetype" in names else None
    except zipfile.BadZipFile as e:
        kind = suffix if suffix in OFFICE_SUFFIXES else "Office (.xlsx / .docx)"
        raise ExtractionError(f"damaged {kind} file: it starts like a zip archive but the archive cannot be "
                              f"read ({e}); the file is truncated or corrupt — download it again, or open and "
                              "re-save it in Excel/Word") from None
    except (OSError, KeyError, RuntimeError, NotImplementedError, EOFError, ValueError) as e:
        raise ExtractionError(f"damaged zip archive, cannot be read ({type(e).__name__}: {e}); download it "
                              "again, or open and re-save it in Excel/Word") from None
    for content_type, kind in _MAIN_PARTS.items():
        if content_type.encode() in types:
            return kind
    for content_type, message in _UNSUPPORTED_PARTS.items():
        if content_type.encode() in types:
            raise ExtractionError(message)
    if mimetype in _ODF:
        raise ExtractionError(_ODF[mimetype])
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "word/document.xml" in names:
        return "docx"
    raise ExtractionError("a zip archive, not an .xlsx workbook or .docx document: unpack it and convert "
                          "the files inside")


def _ole_format(path: Path, suffix: str) -> str:
    import olefile

    if suffix in UNSUPPORTED_SUFFIXES:
        raise ExtractionError(UNSUPPORTED_SUFFIXES[suffix])
    try:
        with olefile.OleFileIO(str(path)) as ole:
            streams = {"/".join(s) for s in ole.listdir(streams=True, storages=False)}
    except Exception as e:  # olefile raises OSError and assorted parse errors on damage
        raise ExtractionError(f"damaged Office 97–2003 / OLE file, cannot be read ({type(e).__name__}: {e}); "
                              "open and re-save it in Excel/Word, or export it as PDF") from None
    lower = {s.lower() for s in streams}
    if "encryptioninfo" in lower and "encryptedpackage" in lower:
        return "ooxml-encrypted"
    if "workbook" in lower or "book" in lower:
        return "xls"
    if "worddocument" in lower:
        raise ExtractionError(UNSUPPORTED_SUFFIXES[".doc"])
    if "powerpoint document" in lower:
        raise ExtractionError("a PowerPoint 97–2003 presentation, not a spreadsheet or Word document: export "
                              "it as PDF and convert that")
    shown = ", ".join(sorted(streams)[:6])
    raise ExtractionError(f"an Office 97–2003 / WPS compound file that is neither an .xls workbook nor a Word "
                          f"document (streams: {shown}); open it in WPS or Office and save it as .xlsx or "
                          ".docx, or export it as PDF")


def read_office(path: Path, fmt: str, password=None) -> Document:
    """`password`: None, one password, or several to try."""
    if fmt == "ooxml-encrypted":
        kind = {"xlsx": "workbook", "xls": "workbook", "docx": "Word document"}.get(OFFICE_SUFFIXES.get(path.suffix.lower()), "Office file")
        data = _decrypt(path, password, what=f"password-protected {kind} ({path.suffix or 'no extension'})")
        fmt = _decrypted_format(data)
        return _read(fmt, io.BytesIO(data), path)
    if fmt == "xls":
        data = path.read_bytes()
        if _xls_encrypted(data):
            data = _decrypt(path, password, what="password-protected .xls workbook", default=EXCEL_DEFAULT_PASSWORD)
        return _read("xls", data, path)
    with open(path, "rb") as fh:  # a file object: openpyxl would refuse a name not ending in .xlsx
        return _read(fmt, fh, path)


def _read(fmt: str, source: Union[Path, BinaryIO, bytes], path: Path) -> Document:
    if fmt == "xlsx":
        from .xlsx_reader import read_xlsx

        doc = read_xlsx(source, str(path))
    elif fmt == "docx":
        from .docx_reader import read_docx

        doc = read_docx(source, str(path))
    else:
        from .xls_reader import read_xls

        doc = read_xls(source if isinstance(source, bytes) else Path(source).read_bytes(), str(path))
    if not any(True for _ in doc.items):
        what = "document" if fmt == "docx" else "workbook"
        doc.warnings.append({"code": "empty_input", "page": None,
                             "message": f"the {what} holds no text: nothing to read"})
    return doc


def _xls_encrypted(data: bytes) -> bool:
    import msoffcrypto

    try:
        office = msoffcrypto.OfficeFile(io.BytesIO(data))
        return bool(office.is_encrypted())
    except Exception:  # not parseable by msoffcrypto: xlrd will say what is wrong
        return False


def _decrypt(path: Path, password, *, what: str, default: Optional[str] = None) -> bytes:
    """Decrypted bytes; `password` is one password or several (each is tried)."""
    import msoffcrypto
    from msoffcrypto import exceptions

    given = [password] if isinstance(password, str) else [p for p in (password or ()) if p]
    password = given or None
    tries = [p for p in (*given, default) if p is not None]
    if not tries:
        raise ExtractionError(f"{what}: the file is encrypted with a password; give the password (fujian "
                              "extract --password …) or save an unencrypted copy (Excel/Word: 文件 → 信息 → "
                              "保护 → 用密码进行加密, clear it)")
    last: Exception | None = None
    for attempt in tries:
        try:
            with open(path, "rb") as fh:
                office = msoffcrypto.OfficeFile(fh)
                office.load_key(password=attempt)
                out = io.BytesIO()
                office.decrypt(out)
            return out.getvalue()
        except exceptions.InvalidKeyError as e:
            last = e
        except (exceptions.DecryptionError, exceptions.FileFormatError, exceptions.ParseError) as e:
            raise ExtractionError(f"{what}: cannot decrypt it ({e}); save an unencrypted copy, or export it "
                                  "as PDF") from None
        except Exception as e:
            raise ExtractionError(f"{what}: cannot decrypt it ({type(e).__name__}: {e}); save an unencrypted "
                                  "copy, or export it as PDF") from None
    if password is None:
        raise ExtractionError(f"{what}: the file is encrypted with a password; give the password (fujian "
                              "extract --password …) or save an unencrypted copy")
    raise ExtractionError(f"{what}: wrong password ({last})")


def _decrypted_format(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            types = z.read("[Content_Types].xml") if "[Content_Types].xml" in z.namelist() else b""
    except zipfile.BadZipFile:
        raise ExtractionError("the encrypted file decrypts to something that is not an .xlsx or .docx "
                              "(wrong password, or a damaged file)") from None
    for content_type, kind in _MAIN_PARTS.items():
        if content_type.encode() in types:
            return kind
    raise ExtractionError("the encrypted file holds neither an .xlsx workbook nor a .docx document "
                          "(it may be an encrypted PowerPoint or .xlsb): export it as PDF")
