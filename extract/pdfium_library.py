"""The PDFium library, initialised with a font folder of fujian's beside the system's.

pypdfium2 initialises PDFium when it is imported, with the system's font folders only. PDFium
keeps a character in its text page only when the character's box has a width, and the box
comes from the outlines of the font it draws with; for a font the PDF names but does not embed
(STSong-Light, SimSun …) that is a system font, and on a machine without Chinese fonts there
is none: a one-character text object then has no width and is left out (a cell's wrapped last
character, 年度总体绩效目|标). extract/fonts/fujian-placeholder.ttf (scripts/
make_placeholder_font.py) covers every character with an ink-less outline of the advance by
the em height, and claims the CJK code pages, so PDFium substitutes it for such fonts when no
system font fits better (its name sorts after every real font's: a tie goes to the real one).

PDFium only takes font folders when it is initialised, and a folder list replaces its default
one, so the library is shut down and initialised again, with the default folders and ours,
once per process and before any document is opened. Should that fail (a pypdfium2 whose
internals differ), PDFium stays as pypdfium2 left it, and the page reader's check for
characters PDFium may have dropped still sends such pages to pdfminer. FUJIAN_PDFIUM_FONTS=system
leaves the library as pypdfium2 made it.
"""
from __future__ import annotations

import ctypes
import logging
import os
from pathlib import Path

import pypdfium2  # noqa: F401  (initialises the PDFium library)
import pypdfium2.raw as pdfium

FONT_DIR = Path(__file__).resolve().parent / "fonts"
# PDFium's own folders on Linux (CFX_LinuxFontInfo), which a list of folders replaces
SYSTEM_FONT_DIRS = ("/usr/share/fonts", "/usr/share/X11/fonts/Type1", "/usr/share/X11/fonts/TTF",
                    "/usr/local/share/fonts")

_log = logging.getLogger(__name__)
_state = {"fonts": False}
_keep: list = []  # the folder strings must outlive the call (PDFium reads them at init)


def with_placeholder_fonts() -> bool:
    """Make sure PDFium knows fujian's font folder; True when it does."""
    if _state["fonts"]:
        return True
    if os.environ.get("FUJIAN_PDFIUM_FONTS") == "system" \
            or not (FONT_DIR / "fujian-placeholder.ttf").is_file():
        return False
    try:
        from pypdfium2.internal import bases

        if any(refs for refs in bases.ObjectTracker.values()):
            return False  # documents are open: shutting the library down would close them
        pdfium.FPDF_DestroyLibrary()
        bases.LIBRARY_AVAILABLE = False
        char_p = ctypes.POINTER(ctypes.c_char)
        folders = [ctypes.create_string_buffer(p.encode()) for p in (*SYSTEM_FONT_DIRS, str(FONT_DIR))]
        paths = (char_p * (len(folders) + 1))(*[ctypes.cast(f, char_p) for f in folders], None)
        _keep.extend([folders, paths])
        config = pdfium.FPDF_LIBRARY_CONFIG(version=2, m_pUserFontPaths=ctypes.cast(
            paths, ctypes.POINTER(char_p)), m_pIsolate=None, m_v8EmbedderSlot=0)
        pdfium.FPDF_InitLibraryWithConfig(config)
        bases.LIBRARY_AVAILABLE = True
        _state["fonts"] = True
    except Exception as e:  # noqa: BLE001 — keep the library as pypdfium2 made it
        _log.debug("PDFium kept its default font folders: %s", e)
        try:
            from pypdfium2.internal import bases

            if not bases.LIBRARY_AVAILABLE:
                pdfium.FPDF_InitLibrary()
                bases.LIBRARY_AVAILABLE = True
        except Exception:  # noqa: BLE001
            pass
    return _state["fonts"]


with_placeholder_fonts()
