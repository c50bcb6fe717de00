"""The bundle's identity: its title (the cover heading, or the 附件 title of an attachment) and
`document` (预算 / 决算, year, organisation, 部门 / 单位), from the cover, the 编制部门 lines and
the table titles."""
from __future__ import annotations

from collections import Counter
from typing import Optional

from ..vocabulary import bundle as vb
from ..vocabulary import is_bare_attachment_number, is_document_title, squeeze
from .cjk_text import canonical
from .records import BudgetTable, DocumentInfo
from .regions import TEXT, Region, budget_kind_of_title, is_caption_title
from .rows import Row


def _line(row: Row) -> Optional[str]:
    cells = row.nonempty()
    return cells[0].text if len(cells) == 1 else None


def cover_title(regions: list[Region]) -> Optional[str]:
    """The heading of page 1 above its 目录 or 编制部门 line: one or a few short lines, joined
    (「上海市普陀区财政局 / 2024年度部门决算」), that name a 预算 or 决算."""
    first_page = next((reg.page for reg in regions if reg.page is not None), None)
    lines: list[str] = []
    for reg in regions:
        if reg.page != first_page:
            break
        if reg.kind != TEXT:
            break
        for row in reg.rows:
            text = _line(row)
            if text is None:
                continue
            s = squeeze(text)
            if vb.TOC_HEADING.match(s) or vb.ORGANIZATION_LINE.match(s) or len(s) > 40 \
                    or vb.SENTENCE_END.search(s) or is_caption_title(text) and budget_kind_of_title(text):
                return _joined(lines)
            lines.append(text)
            if len(lines) >= vb.MAX_COVER_LINES:
                return _joined(lines)
    return _joined(lines)


def _joined(lines: list[str]) -> Optional[str]:
    text = canonical("\n".join(lines)) if lines else None
    return text if text and vb.COVER_WORDS.search(text) else None


def attachment_title(regions: list[Region]) -> Optional[str]:
    """The 附件 line at the top of the first page (「附件2：…目标表」); a bare 「附件5」 line
    takes the line after it. A sentence naming an attachment (「附件：…公开表。」) is not one."""
    first_page = next((reg.page for reg in regions if reg.page is not None), None)
    lines = [_line(row) for reg in regions for row in reg.caption + reg.rows
             if row.page in (first_page, None)]
    for i, text in enumerate(lines):
        if is_document_title(text) and not vb.SENTENCE_END.search(squeeze(text)):
            if is_bare_attachment_number(text) and i + 1 < len(lines) and lines[i + 1] \
                    and not is_document_title(lines[i + 1]):
                return f"{text}：{lines[i + 1]}"
            return text
    return None


def document_info(title: Optional[str], regions: list[Region], tables: list[BudgetTable]) -> DocumentInfo:
    info = DocumentInfo()
    sources = [squeeze(title)] if title else []
    sources += [squeeze(t.title) for t in tables if t.title]
    for text in sources:
        if info.kind is None and (m := vb.DOCUMENT_KIND.search(text)):
            info.kind = m.group("kind")
        if info.year is None and (m := vb.YEAR.search(text)):
            info.year = int(m.group("year"))
        if info.level is None and (m := vb.LEVEL.search(text)):
            info.level = m.group("level")
    if tables:  # the tables' own titles outvote one stray word in a title
        kinds = Counter(m.group("kind") for t in tables if t.title and (m := vb.DOCUMENT_KIND.search(squeeze(t.title))))
        if kinds and info.kind is None:
            info.kind = kinds.most_common(1)[0][0]
    label_level = None
    for reg in regions:
        for row in reg.caption + reg.rows:
            text = _line(row)
            m = vb.ORGANIZATION_LINE.match(squeeze(text)) if text else None
            if m and vb.UNIT_NAME.match(m.group("org")):
                m = None  # 「单位：万元」 names a unit of money, not an organisation
            if m and info.organization is None:
                info.organization = canonical(m.group("org"))
                label = squeeze(text).split("：")[0].split(":")[0]
                label_level = vb.ORGANIZATION_LEVEL.get(label)
        if info.organization is not None:
            break
    if info.organization is None and title:
        for pattern in vb.TITLE_ORGANIZATION:
            m = pattern.match(squeeze(title))
            if m:
                info.organization = canonical(m.group("org"))
                break
    if info.level is None:
        info.level = label_level
    if info.kind is None and not tables:
        return DocumentInfo()
    return info
