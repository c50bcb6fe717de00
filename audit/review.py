"""A static HTML review page for one per-document JSON.

With the source PDF: every page image with the project and indicator boxes (`bbox`, PDF points,
top-left origin) drawn over it, and beside it the values extracted from that page.  Without a
PDF (a .txt source): the values only.  Warnings (the document's own plus validate_document's)
are listed at the top and highlighted on the boxes and rows they concern.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from .page_images import PageImage
from .review_budget import CSS as BUDGET_CSS
from .review_budget import budget_page_boxes, budget_values_for_page
from .validate import validate_document_detailed

HEADER_LABELS = [
    ("project_name", "项目名称"), ("department", "主管部门"), ("implementing_unit", "实施单位"),
    ("project_type", "项目属性"), ("duration", "项目期限"), ("managing_office", "项目主管处室"),
    ("annual_amount", "项目年度金额"), ("overall_goal", "年度总体绩效目标"),
]


@dataclass
class ReviewWarning:
    code: str
    message: str
    page: int | None
    project_seq: int | None
    indicator_index: int | None


def collect_warnings(doc: dict) -> list[ReviewWarning]:
    """validate_document's warnings plus the document's own, without repeats."""
    seen, result = set(), []
    for w in validate_document_detailed(doc) + list(doc.get("warnings") or []):
        key = (w.get("code"), w.get("message"), w.get("project_seq"))
        if key in seen:
            continue
        seen.add(key)
        result.append(ReviewWarning(str(w.get("code")), str(w.get("message")), w.get("page"),
                                    w.get("project_seq"), w.get("indicator_index")))
    return result


def _text(v) -> str:
    return "<span class=null>null</span>" if v is None else escape(str(v))


def _project_pages(project: dict) -> list[int]:
    pages = set(project.get("pages") or [])
    if project.get("page") is not None:
        pages.add(project["page"])
    pages |= {i["page"] for i in project.get("indicators") or [] if i.get("page") is not None}
    return sorted(pages)


def _indicator_page(project: dict, ind: dict) -> int | None:
    if ind.get("page") is not None:
        return ind["page"]
    pages = _project_pages(project)
    return pages[0] if pages else None


def _box(bbox, page: PageImage, cls: str, box_id: str, label: str, tip: str) -> str:
    if not bbox or len(bbox) != 4:
        return ""
    x0, top, x1, bottom = (float(v) for v in bbox)
    style = (
        f"left:{100 * x0 / page.width:.3f}%;top:{100 * top / page.height:.3f}%;"
        f"width:{100 * (x1 - x0) / page.width:.3f}%;height:{100 * (bottom - top) / page.height:.3f}%"
    )
    return (f'<div class="box {cls}" id="{box_id}" style="{style}" title="{escape(tip)}">'
            f'<span class="tag">{escape(label)}</span></div>')


def _warned(warnings: list[ReviewWarning], seq, index=None) -> list[ReviewWarning]:
    return [w for w in warnings if w.project_seq == seq and (index is None or w.indicator_index == index)]


def _header_table(project: dict, warnings: list[ReviewWarning]) -> str:
    seq = project.get("seq")
    rows = [f"<tr><th>amount_unit</th><td>{_text(project.get('amount_unit'))}</td></tr>"]
    for key, label in HEADER_LABELS:
        missing = project.get(key) is None and any(w.code == "missing_field" and key in w.message
                                                    for w in _warned(warnings, seq))
        cls = ' class="warn"' if missing else ""
        rows.append(f"<tr{cls}><th>{label}<small>{key}</small></th><td>{_text(project.get(key))}</td></tr>")
    for key, value in (project.get("extra_fields") or {}).items():
        rows.append(f"<tr><th>{escape(key)}<small>extra_fields</small></th><td>{_text(value)}</td></tr>")
    return '<table class="header">' + "".join(rows) + "</table>"


def _indicator_rows(project: dict, indices: list[int], warnings: list[ReviewWarning]) -> str:
    seq = project.get("seq")
    inds = project.get("indicators") or []
    rows = ["<tr><th>#</th><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>绩效值</th><th>parsed</th></tr>"]
    for i in indices:
        ind = inds[i]
        own = _warned(warnings, seq, i)
        cls = ' class="warn"' if own else ""
        parsed = ind.get("target_parsed")
        parsed_text = ""
        if parsed:
            if parsed.get("comparator") == "qualitative":
                parsed_text = "qualitative"
            else:
                number = parsed.get("value", f"{parsed.get('low')}–{parsed.get('high')}")
                parsed_text = f"{parsed.get('comparator')} {number} {parsed.get('unit') or ''}"
                if parsed.get("parts"):
                    parsed_text += f" (+{len(parsed['parts']) - 1} more)"
        code1 = f"{ind.get('level1_code')}-" if ind.get("level1_code") else ""
        code2 = f"{ind.get('level2_code')}-" if ind.get("level2_code") else ""
        tip = "".join(f'<div class="wmsg">⚠ {escape(w.message)}</div>' for w in own)
        rows.append(
            f'<tr{cls} data-box="b{seq}-{i}"><td>{i + 1}</td><td>{escape(code1)}{_text(ind.get("level1"))}</td>'
            f'<td>{escape(code2)}{_text(ind.get("level2"))}</td><td>{_text(ind.get("level3"))}</td>'
            f'<td>{_text(ind.get("target"))}{tip}</td><td class="parsed">{escape(parsed_text)}</td></tr>'
        )
    return '<table class="indicators">' + "".join(rows) + "</table>"


def _project_block(project: dict, indices: list[int], warnings: list[ReviewWarning], first: bool) -> str:
    seq = project.get("seq")
    own = _warned(warnings, seq)
    name = project.get("project_name") or "(no name)"
    head_cls = "project warned" if own else "project"
    title = f"项目 {seq}：{escape(name)}" + ("" if first else "（续）")
    parts = [f'<section class="{head_cls}" id="p{seq}"><h3 data-box="pb{seq}">{title}</h3>']
    if first:
        parts.append("".join(f'<div class="wmsg">⚠ {escape(w.code)}: {escape(w.message)}</div>'
                             for w in own if w.indicator_index is None))
        parts.append(_header_table(project, warnings))
    if indices:
        parts.append(_indicator_rows(project, indices, warnings))
    parts.append("</section>")
    return "".join(parts)


def _page_boxes(doc: dict, page: PageImage, warnings: list[ReviewWarning]) -> str:
    boxes = []
    for project in doc.get("projects") or []:
        seq = project.get("seq")
        if project.get("bbox") and (project.get("page") or (project.get("pages") or [None])[0]) == page.number:
            cls = "pbox warned" if _warned(warnings, seq) else "pbox"
            boxes.append(_box(project["bbox"], page, cls, f"pb{seq}", f"P{seq}", project.get("project_name") or ""))
        for i, ind in enumerate(project.get("indicators") or []):
            if ind.get("bbox") and ind.get("page") == page.number:
                cls = "ibox warned" if _warned(warnings, seq, i) else "ibox"
                tip = f"{ind.get('level3') or ''} → {ind.get('target') or ''}"
                boxes.append(_box(ind["bbox"], page, cls, f"b{seq}-{i}", f"{seq}.{i + 1}", tip))
    return "".join(boxes)


def _values_for_page(doc: dict, page_number: int | None, warnings: list[ReviewWarning], shown: set) -> str:
    blocks = []
    for project in doc.get("projects") or []:
        seq = project.get("seq")
        inds = project.get("indicators") or []
        if page_number is None:
            indices = list(range(len(inds)))
        else:
            indices = [i for i, ind in enumerate(inds) if _indicator_page(project, ind) == page_number]
            pages = _project_pages(project)
            if not indices and (not pages or pages[0] != page_number):
                continue
        first = seq not in shown
        shown.add(seq)
        blocks.append(_project_block(project, indices, warnings, first))
    for t_index, table in enumerate(doc.get("tables") or []):
        if page_number is None or table.get("page") == page_number:
            rows = "".join("<tr>" + "".join(f"<td>{_text(c)}</td>" for c in row) + "</tr>"
                           for row in table.get("rows") or [])
            blocks.append(f'<section class="other"><h3>其他表格 {t_index + 1}'
                          f'（page {table.get("page")}）</h3><table>{rows}</table></section>')
    return "".join(blocks)


OCR_LOW = 0.85  # recognised lines below this confidence are marked


def ocr_pages(doc: dict) -> dict[int, dict]:
    """The pages read by OCR (source.pages_read), by page number."""
    read = (doc.get("source") or {}).get("pages_read") or []
    return {r["page"]: r for r in read if isinstance(r, dict) and r.get("method") == "ocr"}


def _in_ocr_frame(page: PageImage, record: dict) -> PageImage:
    """The page image turned the way OCR turned the page, so its boxes fall in place."""
    turn = int(record.get("turned") or 0) % 360
    if not turn:
        return page
    import base64
    import io

    from PIL import Image

    picture = Image.open(io.BytesIO(base64.b64decode(page.png_base64)))
    picture = picture.rotate(-turn, expand=True)  # PIL turns counter-clockwise
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    width, height = (page.height, page.width) if turn in (90, 270) else (page.width, page.height)
    return PageImage(page.number, width, height, base64.b64encode(buffer.getvalue()).decode())


def _ocr_text(record: dict, page: PageImage) -> str:
    """The recognised lines over the image, each in its box, low confidence marked."""
    spans = []
    for line in record.get("lines") or []:
        bbox = line.get("bbox")
        if not bbox or len(bbox) != 4:
            continue
        x0, top, x1, bottom = (float(v) for v in bbox)
        conf = line.get("confidence")
        cls = "ocr low" if conf is not None and conf < OCR_LOW else "ocr"
        style = (f"left:{100 * x0 / page.width:.3f}%;top:{100 * top / page.height:.3f}%;"
                 f"width:{100 * (x1 - x0) / page.width:.3f}%;height:{100 * (bottom - top) / page.height:.3f}%;"
                 f"font-size:{100 * (bottom - top) / page.width:.3f}cqw")
        spans.append(f'<span class="{cls}" style="{style}" title="confidence {conf}">'
                     f'{escape(str(line.get("text") or ""))}</span>')
    return "".join(spans)


def build_review_html(doc: dict, pages: list[PageImage] | None = None, json_name: str = "") -> str:
    warnings = collect_warnings(doc)
    source = doc.get("source") or {}
    projects = doc.get("projects") or []
    n_ind = sum(len(p.get("indicators") or []) for p in projects)
    summary = (f"{len(projects)} project(s), {n_ind} indicator(s), {len(warnings)} warning(s)"
               + (f", {len(pages)} page(s)" if pages else ", no page images (text source or no --pdf)"))
    warn_items = "".join(
        f'<li><a href="#{f"p{w.project_seq}" if w.project_seq is not None else f"page{w.page}"}">'
        f'{escape(w.code)}</a> '
        f'{"(page " + str(w.page) + ") " if w.page is not None else ""}{escape(w.message)}</li>'
        for w in warnings
    )
    body = [f"<header><h1>{_text(doc.get('title'))}</h1>"
            f"<p class=meta>{escape(json_name)} · source {escape(str(source.get('file', '?')))} "
            f"({escape(str(source.get('format', '?')))}) · {summary}</p>"]
    body.append(f'<div class="warnings"><h2>Warnings ({len(warnings)})</h2><ul>{warn_items}</ul></div>'
                if warnings else '<div class="ok">No warnings.</div>')
    body.append("</header>")
    shown: set = set()
    ocr = ocr_pages(doc)
    if pages:
        for page in pages:
            record = ocr.get(page.number)
            heading = f"Page {page.number}"
            overlay = ""
            if record is not None:
                page = _in_ocr_frame(page, record)
                heading += (f' <small class="ocrnote">read by OCR ({escape(str(record.get("reason")))}, '
                            f'confidence {record.get("confidence")}'
                            + (f', turned {record.get("turned")}°' if record.get("turned") else "")
                            + ') <label><input type="checkbox" class="ocrtoggle" checked> '
                            'recognised text</label></small>')
                overlay = f'<div class="ocrlayer">{_ocr_text(record, page)}</div>'
            body.append(
                f'<div class="page" id="page{page.number}"><div class="image"><h2>{heading}</h2>'
                f'<div class="sheet"><img alt="page {page.number}" src="data:image/png;base64,{page.png_base64}">'
                f"{overlay}{_page_boxes(doc, page, warnings)}{budget_page_boxes(doc, page, _box)}</div></div>"
                f'<div class="values">{_values_for_page(doc, page.number, warnings, shown)}'
                f'{budget_values_for_page(doc, page.number)}</div></div>'
            )
        leftover = [p for p in projects if p.get("seq") not in shown]
        if leftover:
            body.append('<div class="page"><div class="values"><h2>Projects without a page</h2>'
                        + _values_for_page({"projects": leftover}, None, warnings, shown) + "</div></div>")
    else:
        body.append(f'<div class="page textonly"><div class="values">'
                    f"{_values_for_page(doc, None, warnings, shown)}{budget_values_for_page(doc, None)}</div></div>")
    title = escape(str(doc.get("title") or json_name or "review"))
    return f"<!DOCTYPE html><html lang=zh><head><meta charset=utf-8><title>{title}</title>" \
           f"<style>{CSS}{BUDGET_CSS}</style></head><body>{''.join(body)}<script>{SCRIPT}</script></body></html>"


def write_review(doc: dict, out: Path, pages: list[PageImage] | None, json_name: str = "") -> None:
    out.write_text(build_review_html(doc, pages, json_name), encoding="utf-8")


CSS = """
body{font-family:"Noto Sans CJK SC","Noto Serif CJK SC",sans-serif;margin:0;background:#eef0f3;color:#222;font-size:13px}
header{background:#fff;padding:12px 20px;border-bottom:1px solid #ccc}
h1{font-size:18px;margin:0 0 4px}h2{font-size:14px;margin:6px 0}h3{font-size:14px;margin:4px 0;cursor:pointer}
.meta{color:#666;margin:0}
.warnings{background:#fff4f4;border:1px solid #e99;padding:4px 12px;margin-top:8px}
.warnings ul{margin:4px 0;padding-left:18px}.ok{color:#186a2c;margin-top:8px}
.page{display:flex;gap:16px;padding:12px 20px;align-items:flex-start;border-bottom:1px solid #ccc}
.image{flex:0 0 48%;position:sticky;top:0}
.sheet{position:relative;background:#fff;box-shadow:0 1px 4px #999;container-type:inline-size}
.ocrlayer{position:absolute;inset:0;pointer-events:none}
.ocr{position:absolute;box-sizing:border-box;white-space:nowrap;overflow:visible;line-height:1;
  color:#0b3fa8;background:rgba(255,255,255,.72);border-bottom:1px solid rgba(11,63,168,.4)}
.ocr.low{color:#b00000;background:rgba(255,228,228,.85);border-bottom-color:#d62020}
.ocrnote{font-weight:normal;color:#555}.sheet.plain .ocrlayer{display:none}
.sheet img{width:100%;display:block}
.box{position:absolute;box-sizing:border-box;pointer-events:auto}
.box .tag{position:absolute;left:0;top:-11px;font-size:9px;line-height:10px;padding:0 2px;color:#fff}
.pbox{border:2px dashed #2a62c9}.pbox .tag{background:#2a62c9}
.ibox{border:1px solid #1e9b45;background:rgba(30,155,69,.08)}.ibox .tag{background:#1e9b45;display:none}
.box.warned{border:2px solid #d62020;background:rgba(214,32,32,.15)}.box.warned .tag{background:#d62020;display:inline}
.box.hot{outline:3px solid #ff9800;background:rgba(255,152,0,.25)}
.values{flex:1;min-width:0}
.textonly .values{max-width:1200px}
section{background:#fff;padding:6px 10px;margin-bottom:10px;border-left:4px solid #2a62c9}
section.warned{border-left-color:#d62020}section.other{border-left-color:#888}
table{border-collapse:collapse;width:100%;margin:4px 0}
td,th{border:1px solid #ccc;padding:2px 5px;text-align:left;vertical-align:top}
table.header th{width:9em;background:#f5f6f8;font-weight:normal}
th small{display:block;color:#999;font-size:10px}
table.indicators tr:first-child th{background:#f5f6f8}
tr.warn td,tr.warn th{background:#ffe3e3}
.parsed{color:#555;font-size:11px;white-space:nowrap}
.null{color:#aaa;font-style:italic}
.wmsg{color:#b00000;font-size:12px}
tr[data-box]:hover td{background:#fff3d6}
"""

SCRIPT = """
document.querySelectorAll('.ocrtoggle').forEach(function(cb){
  cb.addEventListener('change',function(){
    cb.closest('.image').querySelector('.sheet').classList.toggle('plain',!cb.checked)});
});
document.querySelectorAll('[data-box]').forEach(function(el){
  var box=document.getElementById(el.dataset.box); if(!box) return;
  el.addEventListener('mouseenter',function(){box.classList.add('hot')});
  el.addEventListener('mouseleave',function(){box.classList.remove('hot')});
  el.addEventListener('click',function(){box.scrollIntoView({block:'center'})});
});
"""
