"""Which files a batch reads and where each one's JSON goes.

Every argument is a file or a directory. A directory is walked recursively (symlinked
directories are not followed) and every `.pdf`, `.txt`, `.xlsx`, `.xlsm`, `.xls`, `.docx` and
`.docm` below it, case-insensitive, is an input — and so are `.doc`, `.wps` and `.et` files,
which the reader cannot read, so that the report names them (with what to do) instead of
leaving them out silently; its name is its path relative to that directory. A file given directly is named
by its base name. The output mirrors the name: `docs/a.pdf` → `OUT/docs/a.pdf.json`.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

INPUT_SUFFIXES = (".pdf", ".txt", ".xlsx", ".xlsm", ".xls", ".docx", ".docm", ".doc", ".wps", ".et")


class InputError(Exception):
    """The command line names no usable inputs; the message is for the user."""


@dataclass(frozen=True)
class InputFile:
    path: str  # as found (may be a symlink, even a dangling one)
    name: str  # relative name with "/" separators, e.g. "docs/a.pdf", always valid UTF-8
    problem: Optional[str] = None  # why it is not converted (reported as its error), if so

    @property
    def output_name(self) -> str:
        return self.name + ".json"


def readable_name(rel: str) -> str:
    """`rel` as text that can be written as UTF-8.

    A file name that is not valid UTF-8 (typically GBK, from an archive made on Chinese
    Windows) reaches Python with surrogate escapes, which JSON and CSV cannot hold; each
    such path component is decoded as GB18030 instead, or, failing that, shown with
    \\x escapes. Valid UTF-8 names are returned unchanged.
    """
    parts = []
    for part in rel.split("/"):
        try:
            part.encode("utf-8")
        except UnicodeEncodeError:
            raw = os.fsencode(part)
            try:
                part = raw.decode("gb18030")
            except UnicodeDecodeError:
                part = raw.decode("utf-8", errors="backslashreplace")
        parts.append(part)
    return "/".join(parts)


def raw_name(rel: str) -> str:
    """`rel` exactly as its bytes are, non-UTF-8 bytes as \\x escapes (distinct from any
    decoded name)."""
    return os.fsencode(rel).decode("utf-8", errors="backslashreplace")


OUTSIDE_LINK = ("not converted: a symbolic link to a file outside the folder given; "
                "give the file itself, or copy it into the folder, to convert it")


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def is_input_name(name: str) -> bool:
    return name.lower().endswith(INPUT_SUFFIXES)


def _walk(root: Path, exclude: Optional[Path]) -> Iterable[InputFile]:
    found = []
    real_root = os.path.realpath(root)
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        if exclude is not None:
            dirnames[:] = [d for d in dirnames if _resolved(here / d) != exclude]
        # os.walk lists a symlink to a directory among dirnames; it is not followed, and is
        # not an input either. A dangling symlink is listed among filenames.
        for name in filenames:
            if is_input_name(name):
                p = here / name
                # a link out of the tree (`ln -s /etc/passwd in/x.txt`) is not read
                problem = OUTSIDE_LINK if p.is_symlink() and not _inside(
                    os.path.realpath(p), real_root) else None
                found.append(InputFile(str(p), readable_name(p.relative_to(root).as_posix()),
                                       problem))
        for name in dirnames:
            p = here / name
            if p.is_symlink() and is_input_name(name):
                # a symlink named like an input that points at a directory: report it
                found.append(InputFile(str(p), readable_name(p.relative_to(root).as_posix())))
    return found


def _resolved(p: Path) -> Optional[Path]:
    try:
        return p.resolve()
    except OSError:
        return None


def _relative(f: InputFile) -> str:
    """The input's name as the file system spells it (surrogate escapes for non-UTF-8 bytes):
    its path's last len(name parts) components."""
    parts = Path(f.path).parts
    return "/".join(parts[-len(f.name.split("/")):])


def discover_inputs(args: Iterable[str], exclude_dir: Optional[str] = None) -> list[InputFile]:
    """All inputs named by the command-line arguments, sorted by name.

    Raises InputError when an argument does not exist, when nothing is found, or when two
    inputs would be written to the same output file.
    """
    exclude = _resolved(Path(exclude_dir)) if exclude_dir else None
    inputs: list[InputFile] = []
    for arg in args:
        p = Path(arg)
        if p.is_dir():
            inputs.extend(_walk(p, exclude))
        elif p.exists() or p.is_symlink():
            inputs.append(InputFile(str(p), readable_name(p.name)))
        else:
            raise InputError(f"{arg}: no such file or directory")
    # the same file named twice (e.g. `a.pdf docs/` with docs/a.pdf) is read once
    unique: dict[str, InputFile] = {}
    seen_paths: set[str] = set()
    for f in inputs:
        real = os.path.realpath(f.path)
        if real in seen_paths and unique.get(f.name) and \
                os.path.realpath(unique[f.name].path) == real:
            continue
        if f.name in unique and raw_name(_relative(f)) != f.name:
            # a name that is not UTF-8 (GBK bytes) decodes to another input's name: this one
            # is reported, under its raw name, and the other converted
            unique[raw_name(_relative(f))] = InputFile(f.path, raw_name(_relative(f)), (
                f"not converted: its file name is not UTF-8, and decoded as GB18030 it is the "
                f"same as {f.name}'s, which is converted; rename one of the two"))
            continue
        if f.name in unique and raw_name(_relative(unique[f.name])) != f.name:
            twin = unique.pop(f.name)
            unique[raw_name(_relative(twin))] = InputFile(twin.path, raw_name(_relative(twin)), (
                f"not converted: its file name is not UTF-8, and decoded as GB18030 it is the "
                f"same as {f.name}'s, which is converted; rename one of the two"))
        if f.name in unique:
            raise InputError(
                f"{unique[f.name].path} and {f.path} would both be written to "
                f"{f.output_name}; convert them in separate runs with different -o")
        unique[f.name] = f
        seen_paths.add(real)
    if not unique:
        shown = ", ".join(str(a) for a in args) or "(none)"
        raise InputError(f"no .pdf, .txt, .xlsx, .xls or .docx files found in {shown}")
    return [unique[k] for k in sorted(unique)]
