"""The bytes of a text dump → its text, and the encoding it was read as.

    decoded = decode_dump(data)     # DecodedText(text, encoding, warnings)

In this order:
- a byte-order mark says the encoding: UTF-32 (either byte order, before UTF-16, whose BOM
  begins the UTF-32-LE one), UTF-8, UTF-16;
- UTF-16 without a BOM is recognised by its zero bytes: the ASCII of a dump (tabs, line
  breaks, digits) puts a zero in every other byte, always on the same side;
- UTF-8; a file that is UTF-8 but for a few bad bytes, or that ends in the middle of a
  character (a truncated download), is read with U+FFFD in their place and a warning naming
  each byte offset;
- GB18030 (a superset of GBK and GB2312), unless the bytes read better as Big5: Big5 text
  (traditional Chinese, from Taiwan or Hong Kong systems) also decodes as GB18030, into
  mojibake full of rare characters; when nearly every character of the Big5 reading is a
  common traditional one and the GB18030 reading is not mostly common simplified ones, the
  Big5 reading is taken, with a warning.
Anything else, and text full of control characters, is an ExtractionError.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .model import ExtractionError

MAX_BAD_BYTES = 16  # more invalid UTF-8 sequences than this: not UTF-8 with a few bad bytes
SAMPLE = 1 << 16  # bytes looked at to recognise UTF-16 without a BOM

_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
NOT_TEXT = "not a text file (binary data); expected a PDF or a text dump of one"


@dataclass
class DecodedText:
    text: str
    encoding: str
    warnings: list[dict] = field(default_factory=list)


def decode_dump(data: bytes) -> DecodedText:
    if not data.strip():
        raise ExtractionError("empty file: there is no text to read")
    decoded = (_with_bom(data) or _utf16_without_bom(data) or _utf8(data) or _chinese(data))
    if decoded is None and b"\x00" in data[:4096]:
        raise ExtractionError(NOT_TEXT)
    if decoded is None:
        raise ExtractionError("not a text file: the bytes are neither UTF-8, UTF-16, UTF-32, "
                              "GB18030 nor Big5 text")
    text = decoded.text
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if controls > max(8, len(text) // 100):
        raise ExtractionError(NOT_TEXT)
    return decoded


def _with_bom(data: bytes):
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return DecodedText(data.decode(encoding), encoding.replace("-sig", ""))
            except UnicodeDecodeError as e:
                raise ExtractionError(f"not a text file: it starts with a {encoding.upper()} "
                                      f"byte-order mark but byte {e.start} is not {encoding.upper()}"
                                      ) from None
    return None


def _utf16_without_bom(data: bytes):
    sample = data[:SAMPLE]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    pairs = len(sample) // 2
    for zeros, other, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        # ASCII characters (tab, newline, digits) of a dump: a zero high byte every time; a
        # few ideographs (一 U+4E00, 丁 U+4E01 …) have a zero low byte
        if zeros >= max(4, pairs // 50) and other <= zeros // 4:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            return DecodedText(text, encoding.replace("-le", "").replace("-be", ""), [
                {"code": "text_encoding", "page": None,
                 "message": f"the text file has no byte-order mark; read as {encoding.upper()}"}])
    return None


def _utf8(data: bytes):
    if b"\x00" in data[:4096]:
        return None
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    bad: list[int] = []
    parts: list[str] = []
    at = 0
    while True:
        try:
            parts.append(data[at:].decode("utf-8"))
            break
        except UnicodeDecodeError as e:
            start, end = at + e.start, at + e.end
            bad.append(start)
            if len(bad) > MAX_BAD_BYTES or (len(bad) > 2 and len(bad) * 200 > len(data)):
                return None  # not UTF-8 with a few bad bytes: some other encoding
            parts.append(data[at:start].decode("utf-8") + "\ufffd")
            at = end
    truncated = bad[-1] >= len(data) - 3 and _cut_character(data[bad[-1]:])
    shown = ", ".join(str(b) for b in bad[:5]) + (" …" if len(bad) > 5 else "")
    what = ("ends in the middle of a character (a truncated file?)" if truncated and len(bad) == 1
            else f"has {len(bad)} invalid UTF-8 byte sequence(s), at byte offset(s) {shown}")
    return DecodedText("".join(parts), "utf-8", [
        {"code": "text_encoding", "page": None,
         "message": f"the text file {what}; read as UTF-8 with U+FFFD (�) in their place"}])


def _cut_character(tail: bytes) -> bool:
    """`tail` is the start of a multi-byte UTF-8 character, cut short."""
    lead = tail[0]
    need = 2 if 0xC2 <= lead <= 0xDF else 3 if 0xE0 <= lead <= 0xEF else 4 if 0xF0 <= lead <= 0xF4 else 0
    return need > len(tail) and all(0x80 <= b <= 0xBF for b in tail[1:])


def _chinese(data: bytes):
    if b"\x00" in data[:4096]:
        return None
    try:
        gb = data.decode("gb18030")
    except UnicodeDecodeError:
        gb = None
    try:
        big5 = data.decode("big5")
    except UnicodeDecodeError:
        big5 = None
    if big5 is not None and _common_share(big5, "big5") >= 0.9 and (
            gb is None or _common_share(gb, "gb2312") < 0.9):
        return DecodedText(big5, "big5", [
            {"code": "text_encoding", "page": None,
             "message": "the text file is Big5-encoded (traditional Chinese); read as Big5"}])
    return DecodedText(gb, "gb18030") if gb is not None else None


def _common_share(text: str, encoding: str) -> float:
    """The share of the text's ideographs that are common in `encoding`'s script: GB2312's
    6763 simplified characters, or Big5's 5401 frequent traditional ones (lead bytes A4–C6)."""
    han = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if not han:
        return 0.0
    common = 0
    for ch in han:
        try:
            raw = ch.encode(encoding)
        except UnicodeEncodeError:
            continue
        if encoding != "big5" or 0xA4 <= raw[0] <= 0xC6:
            common += 1
    return common / len(han)
