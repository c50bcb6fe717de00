"""Regenerate tests/fonts/wqy-zenhei-subset.ttf: the CJK TrueType font the tests draw with.

The tests must not read system fonts (a fresh machine has none), so they use a subset of
WenQuanYi Zen Hei (GPLv2 with the font embedding exception; see tests/fonts/README.md)
holding every character that appears in the repository's text files, plus ASCII, CJK
punctuation, full-width forms, Kangxi radicals, the CJK radicals supplement and the CJK
compatibility ideographs (the look-alikes the tests draw on purpose).

Run after adding test text with new characters (needs fonttools and the Debian package
fonts-wqy-zenhei, neither of which the tests need):

    python scripts/make_test_font.py
"""
from __future__ import annotations

import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCE = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
TARGET = ROOT / "tests" / "fonts" / "wqy-zenhei-subset.ttf"
RANGES = [(0x20, 0x7F), (0x2E80, 0x2FE0), (0x3000, 0x3040), (0xF900, 0xFB00), (0xFF00, 0xFF70)]


def repository_characters() -> set[str]:
    chars: set[str] = set()
    for p in ROOT.rglob("*"):
        if p.suffix in (".py", ".json", ".txt", ".md") and p.is_file() and ".git" not in p.parts:
            try:
                chars |= set(p.read_text(encoding="utf-8"))
            except (UnicodeDecodeError, OSError):
                pass
    for lo, hi in RANGES:
        chars |= {chr(c) for c in range(lo, hi)}
    return {c for c in chars if c.isprintable()}


def main() -> None:
    chars = repository_characters()
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as fh:
        fh.write("".join(sorted(chars)))
    subprocess.run([sys.executable, "-m", "fontTools.subset", SOURCE, "--font-number=0",
                    f"--text-file={fh.name}", f"--output-file={TARGET}", "--no-hinting",
                    "--drop-tables+=GSUB,GPOS,GDEF,BDF,FFTM", "--name-IDs=*", "--layout-features="],
                   check=True)
    print(f"{TARGET}: {len(chars)} characters, {TARGET.stat().st_size} bytes")


if __name__ == "__main__":
    main()
