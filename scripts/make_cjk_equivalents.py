"""Regenerate normalize/cjk_equivalents.json, the look-alike → unified ideograph table.

Sources: Unicode's EquivalentUnifiedIdeograph.txt (Debian package `unicode-data`, installed at
/usr/share/unicode/) for the Kangxi radicals (U+2F00–U+2FDF) and the CJK radicals supplement
(U+2E80–U+2EFF); Python's unicodedata for the CJK compatibility ideographs, whose canonical
decomposition is the unified ideograph. NFKC is deliberately not used on whole strings (it would
also fold full-width punctuation), only this table.

    python scripts/make_cjk_equivalents.py [/usr/share/unicode/EquivalentUnifiedIdeograph.txt]
"""
import json
import sys
import unicodedata
from pathlib import Path

RADICAL_BLOCKS = [(0x2E80, 0x2EFF), (0x2F00, 0x2FDF)]
COMPAT_BLOCKS = [(0xF900, 0xFAFF), (0x2F800, 0x2FA1F)]
OUT = Path(__file__).resolve().parent.parent / "normalize" / "cjk_equivalents.json"


def radicals(path: Path) -> dict[str, str]:
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if not entry:
            continue
        src, dst = (s.strip() for s in entry.split(";"))
        lo, _, hi = src.partition("..")
        for cp in range(int(lo, 16), int(hi or lo, 16) + 1):
            if any(a <= cp <= b for a, b in RADICAL_BLOCKS):
                table[chr(cp)] = chr(int(dst, 16))
    return table


def compatibility_ideographs() -> dict[str, str]:
    table = {}
    for lo, hi in COMPAT_BLOCKS:
        for cp in range(lo, hi + 1):
            decomposed = unicodedata.normalize("NFC", chr(cp))
            if decomposed != chr(cp) and len(decomposed) == 1:
                table[chr(cp)] = decomposed
    return table


def main() -> None:
    src = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode/EquivalentUnifiedIdeograph.txt")
    table = {**radicals(src), **compatibility_ideographs()}
    OUT.write_text(json.dumps(dict(sorted(table.items())), ensure_ascii=False, indent=0) + "\n",
                   encoding="utf-8")
    print(f"{len(table)} mappings → {OUT}")


if __name__ == "__main__":
    main()
