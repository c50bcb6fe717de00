"""Post-processing of generated PDFs with pikepdf: fixed metadata (so regeneration gives
the same bytes where the producer allows), /Rotate, encryption, and the image-only
"scanned" copy."""
from __future__ import annotations

import contextlib
import subprocess
import tempfile
from pathlib import Path

import pikepdf

FIXED_DATE = "D:20250115093000+08'00'"
OWNER_PASSWORD = "fujian-owner"  # owner password of encrypted_owner_password.pdf (user password empty)
USER_PASSWORD = "fujian2025"  # user (open) password of encrypted_user_password.pdf


def finalize(path: Path, title: str, rotate_pages: frozenset[int] = frozenset()) -> None:
    """Rewrite `path` with fixed document info, no XMP packet, a content-derived /ID and
    /Rotate 90 on the given 1-based pages."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for n in rotate_pages:
            pdf.pages[n - 1].obj.Rotate = 90
        for key in ("/DocChecksum", "/ID"):  # LibreOffice: both change on every export
            if key in pdf.trailer:
                del pdf.trailer[key]
        if "/Metadata" in pdf.Root:
            del pdf.Root.Metadata
        pdf.docinfo = pdf.make_indirect(pikepdf.Dictionary(
            Title=pikepdf.String(title), Producer=pikepdf.String("fujian sample generator"),
            CreationDate=pikepdf.String(FIXED_DATE), ModDate=pikepdf.String(FIXED_DATE)))
        pdf.save(path, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)


def encrypt(src: Path, out: Path, owner: str, user: str) -> None:
    """Encrypt with RC4-128 (deterministic for a fixed /ID; AES would draw random IVs).
    Only printing and accessibility are permitted."""
    allow = pikepdf.Permissions(accessibility=True, extract=False, modify_annotation=False,
                                modify_assembly=False, modify_form=False, modify_other=False,
                                print_lowres=True, print_highres=True)
    with pikepdf.open(src) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(owner=owner, user=user, R=4, aes=False, metadata=False,
                                                    allow=allow),
                 static_id=True)


def scanned_copy(src: Path, out: Path, dpi: int = 100, first: int = 1, last: int = 2) -> None:
    """Render pages of `src` to greyscale JPEGs (pdftoppm) and wrap each in a page of the
    same size with no text layer, like a scanner would."""
    from reportlab.pdfgen import canvas

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png",
                        "-f", str(first), "-l", str(last), str(src), f"{tmp}/p"], check=True)
        from PIL import Image

        images = []
        for n, png in enumerate(sorted(Path(tmp).glob("p-*.png"))):
            jpg = Path(tmp, f"scan-{n}.jpg")
            Image.open(png).convert("L").save(jpg, quality=60)  # greyscale, like a scanner
            images.append(jpg)
        with pikepdf.open(src) as pdf:
            sizes = [(float(p.mediabox[2]), float(p.mediabox[3])) for p in pdf.pages[first - 1:last]]
        c = canvas.Canvas(str(out.resolve()), invariant=1)
        with contextlib.chdir(tmp):  # reportlab names the image after the path it is given
            for img, (w, h) in zip(images, sizes):
                c.setPageSize((w, h))
                c.drawImage(img.name, 0, 0, width=w, height=h)
                c.showPage()
        c.save()
    finalize(out, "scanned")
