"""Hostile-input fixtures (issue 16): one small generated file per case.

    python scripts/make_hostile_fixtures.py            # (re)writes tests/fixtures/hostile/
    python scripts/make_hostile_fixtures.py DIR        # somewhere else

Every file is made from scratch here (PDFs written object by object, text dumps from the
Pingluo sample in samples/), deterministically: running it twice gives the same bytes. Cases
too big to commit, or that the file system of a checkout cannot hold, are functions the tests
call at test time: `write_inflation_bomb` (4 GiB of content from ~4 MB), `write_deep_page_tree`
(100 000 nested /Pages), `write_long_quoted_field` (a 130 KiB tab-dump field), and the odd
file names (`ODD_NAMES`).
"""
from __future__ import annotations

import sys
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE_TXT = REPO / "samples" / "pingluo-rd-2025.txt"
DEFAULT_DIR = REPO / "tests" / "fixtures" / "hostile"

# ---------------------------------------------------------------------------------------------
# PDFs, object by object

TEXT_PAGE = b"BT /F1 12 Tf 72 720 Td (Project budget form) Tj 0 -20 Td (Annual amount 4) Tj ET"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n%s\nendstream" % (len(data), extra, data)


def pdf_bytes(objects: dict[int, bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF with a correct xref table for `objects` ({number: body})."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (num, objects[num])
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        out += (b"%010d 00000 n \n" % offsets[num]) if num in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        size, root, trailer_extra, xref)
    return bytes(out)


def one_page(content: bytes = TEXT_PAGE, mediabox: bytes = b"[0 0 595 842]",
             page_extra: bytes = b"", more: dict[int, bytes] | None = None,
             resources: bytes = b"<< /Font << /F1 5 0 R >> >>") -> bytes:
    box = b"/MediaBox %s " % mediabox if mediabox is not None else b""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R %s/Resources %s /Contents 4 0 R %s>>" % (
            box, resources, page_extra),
        4: stream(content),
        5: FONT,
    }
    objects.update(more or {})
    return pdf_bytes(objects)


def encrypted(user: str, owner: str) -> bytes:
    """The plain text page, encrypted with 128-bit RC4 (pikepdf; AES salts are random, RC4
    with a static ID gives the same bytes every time)."""
    import io

    import pikepdf

    src = pikepdf.open(io.BytesIO(one_page()))
    buf = io.BytesIO()
    src.save(buf, encryption=pikepdf.Encryption(user=user, owner=owner, aes=False, R=4,
                                                   metadata=False),
             static_id=True)
    return buf.getvalue()


def pdf_cases() -> dict[str, bytes]:
    big = b"9" * 400
    return {
        # 1 / 15: a user password ("secret"), and an owner password only (opens without one)
        "encrypted-user-secret.pdf": encrypted("secret", "owner-secret"),
        "encrypted-owner-only.pdf": encrypted("", "owner-secret"),
        # 10: text drawn at size 0, or through a singular text matrix
        "tf-zero.pdf": one_page(b"BT /F1 0 Tf 72 720 Td (Project budget form) Tj 0 -20 Td (Amount) Tj ET"),
        "tm-singular.pdf": one_page(b"BT /F1 12 Tf 0 0 0 0 72 720 Tm (Project budget form) Tj "
                                    b"(Amount) Tj ET"),
        # 10: no MediaBox at all (neither on the page nor inherited), a 400-digit one
        "mediabox-missing.pdf": one_page(mediabox=None),
        "mediabox-400-digits.pdf": one_page(mediabox=b"[0 0 " + big + b" 842]"),
        # 11: the MediaBox is a reference that resolves to itself through two objects
        "mediabox-loop.pdf": one_page(mediabox=b"6 0 R", more={6: b"7 0 R", 7: b"6 0 R"}),
        # 14: a Form XObject that draws itself; a MediaBox of zero size
        "xobject-draws-itself.pdf": one_page(
            b"q /X1 Do Q " + TEXT_PAGE,
            resources=b"<< /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >>",
            more={6: stream(b"q 0.5 0 0 0.5 0 0 cm /X1 Do Q",
                            b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] "
                            b"/Resources << /XObject << /X1 6 0 R >> >> ")}),
        "mediabox-zero-size.pdf": one_page(mediabox=b"[0 0 0 0]"),
        # 9: 300 damaged page objects: qpdf reports a repair for each
        "many-repairs.pdf": many_repairs(300),
    }


def many_repairs(n: int) -> bytes:
    """`n` pages, each page dictionary with a key but no value: qpdf repairs each one."""
    kids = b" ".join(b"%d 0 R" % (100 + i) for i in range(n))
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
               2: b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n),
               4: stream(TEXT_PAGE), 5: FONT}
    for i in range(n):
        objects[100 + i] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
                            b"<< /Font << /F1 5 0 R >> >> /Contents 4 0 R /Broken%d >>" % i)
    return pdf_bytes(objects)


def flate_stream(mib: int) -> bytes:
    """A content stream object of `mib` MiB of spaces, compressed to about 1 KB per MiB.

    Full-flush blocks of a repeated input compress to the same bytes, so the stream is one
    block written many times: made in a moment, without ever holding the inflated data."""
    chunk = b" " * (1 << 20)
    comp = zlib.compressobj(9)
    first = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    again = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    body = first + again * (mib - 1) + comp.flush()
    return b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(body), body)


def write_inflation_bomb(path: Path, gib: int = 4) -> Path:
    """A one-page PDF (~4 MB) whose content stream inflates to `gib` GiB."""
    path.write_bytes(one_page(more={4: flate_stream(gib * 1024)}))
    return path


def write_deep_page_tree(path: Path, depth: int = 100_000) -> Path:
    """One page at the bottom of `depth` nested /Pages nodes."""
    objects = {1: b"<< /Type /Catalog /Pages 10 0 R >>", 4: stream(TEXT_PAGE), 5: FONT}
    for i in range(depth):
        num, kid = 10 + i, 11 + i
        parent = b"/Parent %d 0 R " % (num - 1) if i else b""
        objects[num] = b"<< /Type /Pages %s/Kids [%d 0 R] /Count 1 >>" % (parent, kid)
    leaf = 10 + depth
    objects[leaf] = (b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources "
                     b"<< /Font << /F1 5 0 R >> >> /Contents 4 0 R >>" % (leaf - 1))
    path.write_bytes(pdf_bytes(objects))
    return path


# ---------------------------------------------------------------------------------------------
# text dumps, from the real Pingluo dump

def sample_dump() -> str:
    return SAMPLE_TXT.read_text(encoding="utf-8")


def first_project(text: str) -> str:
    """The title and the first project form of the dump (one project)."""
    start = text.index("部门项目支出预算绩效目标表")
    second = text.index("部门项目支出预算绩效目标表", start + 1)
    return text[:second]


def text_cases() -> dict[str, bytes]:
    one = first_project(sample_dump())
    utf8 = one.encode("utf-8")
    nines = "9" * 400
    cut_at = utf8.index("常委会议".encode("utf-8")) + 1  # inside a 3-byte character
    bad_at = utf8.index("行财室".encode("utf-8"))
    whole = sample_dump().encode("utf-8")
    nul_at = whole.index("行财室".encode("utf-8"), 4096)  # in a cell, after the first 4 KiB
    # a traditional-Chinese form (Big5 has no simplified characters)
    big5 = "\n".join([
        "附件2：平羅縣人民代表大會常務委員會辦公室項目支出預算績效目標表",
        "部門項目支出預算績效目標表\t\t\t", "單位：萬元\t\t\t", "項目名稱\t常委會議工作經費\t\t",
        "主管部門\t平羅縣人民代表大會常務委員會辦公室\t實施單位\t平羅縣人民代表大會常務委員會辦公室本級",
        "項目屬性\t一年期項目\t項目期限\t1 年", "項目主管處室\t行財室\t項目年度金額\t4",
        "年度總體績效目標\t縣人大常委會每2月召開一次常委會會議\t\t",
        "一級指標\t二級指標\t三級指標\t績效值",
        "1-產出指標\t11-數量指標\t召開縣人大常委會會議\t全年召開6次會議", ""])
    return {
        # 4: formula-like cells (a tab in front is stripped by canonicalisation)
        "formula-cells.txt": one.replace("常委会议工作经费", '\t=HYPERLINK("http://x.invalid","点击")')
                                .replace("行财室", "@SUM(1+1)*cmd|' /C calc'!A0")
                                .replace("1-12 月", "+1+2").encode("utf-8"),
        # 7: a 400-digit amount and target; a 30-digit amount
        "amount-400-digits.txt": one.replace("项目年度金额\t4", f"项目年度金额\t{nines}")
                                    .replace("≥90%", f"≥{nines}%").encode("utf-8"),
        "amount-30-digits.txt": one.replace("项目年度金额\t4", "项目年度金额\t" + "1" * 30).encode("utf-8"),
        # 8: a NUL byte after the first 4 KiB
        "nul-after-4k.txt": whole[:nul_at] + b"\x00" + whole[nul_at:],
        # 12: one bad byte; cut inside a character; Big5; UTF-16 without BOM; UTF-32 with BOM
        "utf8-bad-byte.txt": utf8[:bad_at] + b"\xff" + utf8[bad_at:],
        "utf8-truncated.txt": utf8[:utf8.index("年度总体绩效目标".encode("utf-8"))] + utf8[:cut_at][-2:],
        "big5.txt": big5.encode("big5"),
        "utf16le-no-bom.txt": one.encode("utf-16-le"),
        "utf32-bom.txt": one.encode("utf-32"),  # native order, with BOM
        # 13: CR-only line endings (classic Mac)
        "cr-only.txt": one.replace("\r\n", "\n").replace("\n", "\r").encode("utf-8"),
    }


def write_long_quoted_field(path: Path, kib: int = 130) -> Path:
    """The one-project dump with a quoted (csv-style) 年度总体绩效目标 of `kib` KiB."""
    one = first_project(sample_dump())
    goal = "提高履职水平" * (kib * 1024 // 18 + 1)
    text = one.replace("年度总体绩效目标\t", f'年度总体绩效目标\t"{goal}"\t', 1)
    path.write_text(text, encoding="utf-8")
    return path


# 6 / 17: names made at test time (a checkout cannot always hold them)
ODD_NAMES = {
    "ansi": "\x1b[31mred\x1b[0m.txt",
    "newline": "x\nerror: FAKE.pdf: forged line.txt",
    # 81 ideographs: 247 bytes, its output name 252 (a temporary name would pass 255)
    "long_cjk": ("平罗县人民代表大会常务委员会办公室项目支出预算绩效目标表" * 3)[:81] + ".txt",
}
GBK_TWIN = "附件.txt"  # a UTF-8 name and the same name's GBK bytes, in one folder


def write_all(target: Path = DEFAULT_DIR) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in {**pdf_cases(), **text_cases()}.items():
        p = target / name
        p.write_bytes(data)
        written.append(p)
    return written


if __name__ == "__main__":
    for p in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DIR):
        print(f"{p.stat().st_size:8d}  {p}")
