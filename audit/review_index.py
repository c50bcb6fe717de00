"""`fujian review OUT -o DIR`: an index page for a whole output folder, one page per document.

DIR/index.html lists every per-document JSON (file, format, pages, projects, indicators,
warnings, failed checks) and links to DIR/<name>.html, the document's own review page.
"""
from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Callable, Optional

INDEX_NAME = "index.html"

_STYLE = """
body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;font-size:14px}th,td{border:1px solid #ccc;padding:4px 8px}
th{background:#f2f2f2;text-align:left}td.n{text-align:right}tr.bad td{background:#fff3f0}
.err{color:#b00}.dim{color:#777}
"""


def failed_checks(doc: dict) -> int:
    return sum(1 for c in doc.get("checks") or [] if isinstance(c, dict) and c.get("status") == "fail")


def document_page_name(name: str) -> str:
    return name + ".html"


def index_row(name: str, doc: Optional[dict], warnings: int, error: Optional[str]) -> dict:
    if doc is None:
        return {"name": name, "error": error}
    projects = [p for p in doc.get("projects") or [] if isinstance(p, dict)]
    return {
        "name": name, "error": None, "format": (doc.get("source") or {}).get("format"),
        "pages": (doc.get("source") or {}).get("pages"), "title": doc.get("title"),
        "projects": len(projects),
        "indicators": sum(len(p.get("indicators") or []) for p in projects),
        "budget_tables": len(doc.get("budget_tables") or []),
        "warnings": warnings, "failed_checks": failed_checks(doc),
    }


def build_index_html(rows: list[dict], out_name: str) -> str:
    body = []
    for r in rows:
        if r.get("error"):
            body.append(f"<tr class=bad><td>{escape(r['name'])}</td>"
                        f"<td colspan=8 class=err>{escape(r['error'])}</td></tr>")
            continue
        link = escape(document_page_name(r["name"]))
        bad = " class=bad" if r["warnings"] or r["failed_checks"] else ""
        body.append(
            f"<tr{bad}><td><a href=\"{link}\">{escape(r['name'])}</a></td>"
            f"<td>{escape(str(r['title'] or ''))}</td><td>{escape(str(r['format'] or ''))}</td>"
            + "".join(f"<td class=n>{r[k] if r[k] is not None else ''}</td>"
                      for k in ("pages", "projects", "indicators", "budget_tables", "warnings",
                                "failed_checks"))
            + "</tr>")
    total_w = sum(r.get("warnings") or 0 for r in rows)
    total_f = sum(r.get("failed_checks") or 0 for r in rows)
    return (f"<!doctype html><meta charset=utf-8><title>fujian review: {escape(out_name)}</title>"
            f"<style>{_STYLE}</style><h1>Review of {escape(out_name)}</h1>"
            f"<p class=dim>{len(rows)} document(s), {total_w} warning(s), {total_f} failed check(s)</p>"
            "<table><tr><th>file</th><th>title</th><th>format</th><th>pages</th><th>projects</th>"
            "<th>indicators</th><th>budget tables</th><th>warnings</th><th>failed checks</th></tr>"
            + "".join(body) + "</table>")


def write_folder_review(documents: list[tuple[str, Path]], out_dir: Path, out_name: str,
                        write_one: Callable[[str, Path, Path], tuple[Optional[dict], int, Optional[str]]],
                        failed: list[tuple[str, str]] = ()) -> Path:
    """Write one page per document with `write_one(name, json_path, html_path)` → (doc,
    warning count, error) and the index; returns the index path."""
    out_dir = Path(out_dir)
    rows = []
    for name, path in documents:
        target = out_dir / document_page_name(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        doc, warnings, error = write_one(name, path, target)
        rows.append(index_row(name, doc, warnings, error))
    rows += [index_row(name, None, 0, f"not converted: {error}") for name, error in failed]
    rows.sort(key=lambda r: r["name"])
    index = out_dir / INDEX_NAME
    index.write_text(build_index_html(rows, out_name), encoding="utf-8")
    return index
