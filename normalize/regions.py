"""The row stream of a document → regions, each classified before anything reads it.

A region is a table (the rows of one extracted grid, or of one titled block of a text dump)
with the lines printed around it — its caption above (title, 单位 line, 编制部门 line) and its
notes below (注：…) — or a run of text lines. Each table region is classified as

- `performance`: a performance-target table (an indicator grid: the 一级指标 | 二级指标 header,
  level cells, or a header block of 项目名称 and other form labels) — read by projects.py;
- `budget`: a standard budget table (a money table whose title names a kind, or a titled /
  unit-lined money table of another kind) — read by budget_tables.py;
- `table`: any other table — kept as a clean grid;

and a text region is `text` (narrative). Continuations are marked, not merged: a table at the
top of a page after a performance table may continue its indicators (projects.py decides), a
table at the top of a page after a budget table with no title of its own continues it.
Nothing here reads values; it only decides who reads what.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Optional

from ..vocabulary import (header_key, is_document_title, is_indicator_header, is_indicator_header_top,
                          is_level_cell, is_table_title, squeeze, unit_of)
from ..vocabulary import budget as bv
from .rows import Row

PERFORMANCE, BUDGET, TABLE, TEXT = "performance", "budget", "table", "text"


@dataclass(slots=True)
class Region:
    kind: str
    rows: list[Row]  # table rows, or the text lines of a text region
    caption: list[Row] = field(default_factory=list)  # lines printed above the table
    notes: list[Row] = field(default_factory=list)  # 注： lines printed below it
    budget_kind: Optional[str] = None  # for budget regions: the kind its title names
    continues: bool = False  # continues the previous region of the same kind

    @property
    def page(self) -> Optional[int]:
        rows = self.caption + self.rows
        return next((r.page for r in rows if r.page is not None), None)

    @property
    def title(self) -> Optional[str]:
        """The caption line that names the table (not its unit or issuer line): the one nearest
        the table that names a kind of table, else the nearest title-like line (a section
        heading 「第二部分 …决算表」 above the title is not the title)."""
        texts = [t for t in (_single_text(r) for r in self.caption) if t and not is_number_line(t)]
        # a title wrapped onto a second line (「…培训费支出预 / 算表」) is tried joined first
        joined = [a + b for a, b in zip(texts, texts[1:]) if not bv.TABLE_TITLE_END.search(squeeze(a))
                  and len(squeeze(b)) <= 12]
        lines = list(reversed(joined)) + list(reversed(texts))
        for test in (budget_kind_of_title, is_table_title, is_caption_title):
            found = next((t for t in lines if test(t)), None)
            if found:
                return found
        return None

    @property
    def number(self) -> Optional[str]:
        """The table's number (「表1」, 「表3-1」, 「表5一」): a line of its own in the caption above
        the title (the nearest), else the number the title line starts with."""
        lines = [t for t in (_single_text(r) for r in self.caption) if t]
        title = self.title
        above = lines[:lines.index(title)] if title in lines else lines
        own = next((t for t in reversed(above) if is_number_line(t)), None)
        if own is None:
            own = next((t for t in reversed(lines) if is_number_line(t)), None)
        if own is not None:
            return bv.TABLE_NUMBER.match(own).group("number")
        m = bv.TABLE_NUMBER.match(title) if title else None
        return m.group("number") if m and m.group("rest") else None

    def all_rows(self) -> list[Row]:
        return self.caption + self.rows + self.notes


# --- what a line is ---------------------------------------------------------------------------

def _single_text(row: Row) -> Optional[str]:
    cells = row.nonempty()
    return cells[0].text if len(cells) == 1 else None


def budget_kind_of_title(text: Optional[str]) -> Optional[str]:
    """The budget-table kind a title line names (`2025年部门收入预算总表` → revenue), or None
    for a line that is not a budget-table title (a 目录 line with dot leaders, a sentence)."""
    s = squeeze(text)
    if not s or len(s) > bv.MAX_TITLE_CHARS or bv.TOC_LEADER.search(s) or is_table_title(s):
        return None
    s = bv.TITLE_NUMBERING.sub("", s)
    if not bv.TABLE_TITLE_END.search(s):
        return None
    for kind, pattern in bv.KIND_PATTERNS:
        if pattern.search(s):
            return kind
    return None


def is_generic_table_title(text: Optional[str]) -> bool:
    """A short line ending in 表 (`政府购买服务预算表`, `表3 资产情况表`): some table's title."""
    s = squeeze(text)
    return bool(s) and len(s) <= 40 and not bv.TOC_LEADER.search(s) and bool(bv.TABLE_TITLE_END.search(s)) \
        and not s.endswith(("。", "；"))


def is_caption_title(text: Optional[str]) -> bool:
    return is_table_title(text) or budget_kind_of_title(text) is not None or is_generic_table_title(text)


def is_unit_line(text: Optional[str]) -> bool:
    return bool(unit_of(text)) or bool(bv.UNIT_ANYWHERE.search(squeeze(text)) and len(squeeze(text)) <= 60)


def is_issuer_line(text: Optional[str]) -> bool:
    s = squeeze(text)
    return bool(bv.ISSUER_LINE.match(s)) and len(s) <= 60 and not s.endswith("。")


def is_number_line(text: Optional[str]) -> bool:
    """A line holding only a table's number (「表1」, 「表3-1」, 「附表2：」)."""
    m = bv.TABLE_NUMBER.match(text or "")
    return bool(m) and not m.group("rest")


def is_caption_line(text: Optional[str]) -> bool:
    return is_number_line(text) or is_caption_title(text) or is_unit_line(text) or is_issuer_line(text) or _is_subtitle(text) \
        or is_document_title(text)


def _is_subtitle(text: Optional[str]) -> bool:
    """（2025年度）, （单位：元） printed under a title."""
    s = squeeze(text)
    return bool(s) and len(s) <= 16 and s[0] in "（(" and s[-1] in "）)"


def is_note_line(text: Optional[str]) -> bool:
    return bool(bv.NOTE_LINE.match(squeeze(text)))


# --- segmentation -------------------------------------------------------------------------------

def segment(rows: Iterable[Row]) -> list[Region]:
    """Consecutive rows of one grid form a table region, consecutive text lines a text region;
    a title row inside a grid (a text dump holds a whole page in one grid) starts a new one."""
    regions: list[Region] = []
    for row in rows:
        last = regions[-1] if regions else None
        kind = TEXT if row.table is None else TABLE
        same_grid = last is not None and last.kind == kind and (
            kind == TEXT or last.rows[-1].table == row.table)
        if same_grid and kind == TABLE and _starts_block(row, last):
            same_grid = False
        if same_grid:
            last.rows.append(row)
        else:
            regions.append(Region(kind, [row]))
    for region in regions:
        if region.kind == TABLE:
            _peel_caption_and_notes(region)
            if all(is_caption_line(_single_text(r)) for r in region.rows):  # a title alone in a dump's grid
                region.kind, region.rows, region.caption = TEXT, region.caption + region.rows, []
    return _attach_text_captions(_merge_text(regions))


def _merge_text(regions: list[Region]) -> list[Region]:
    out: list[Region] = []
    for region in regions:
        if out and region.kind == TEXT and out[-1].kind == TEXT:
            out[-1].rows += region.rows
        else:
            out.append(region)
    return out


def _starts_block(row: Row, region: Region) -> bool:
    """A title row in the middle of a grid begins another table (text dumps)."""
    text = _single_text(row)
    if not text or not (is_caption_title(text) or is_number_line(text)):
        return False
    body = [r for r in region.rows if not is_caption_line(_single_text(r))]
    return bool(body)


def _peel_caption_and_notes(region: Region) -> None:
    while region.rows and is_caption_line(_single_text(region.rows[0])) and len(region.rows) > 1:
        region.caption.append(region.rows.pop(0))
    while len(region.rows) > 1 and is_note_line(_single_text(region.rows[-1])):
        region.notes.insert(0, region.rows.pop())


def _attach_text_captions(regions: list[Region]) -> list[Region]:
    """Caption lines right above a table (same page) join its caption; note lines right below
    it join its notes. What is left of a text region stays text."""
    for i, region in enumerate(regions):
        if region.kind != TABLE:
            continue
        above = regions[i - 1] if i > 0 and regions[i - 1].kind == TEXT else None
        if above is not None:
            taken: list[Row] = []
            while above.rows and len(taken) < 5:
                line = above.rows[-1]
                text = _single_text(line)
                # the form's first row printed as a line above its grid (项目名称：…) goes with it
                lead_in = is_caption_line(text) or _inline_label(text)
                # a title left alone at the foot of the page before its table also captions it
                orphan = line.page is not None and region.page is not None and line.page == region.page - 1 \
                    and lead_in
                if line.page != region.page and not orphan:
                    break
                if not lead_in:
                    # the wrapped end of a caption line (「…办公厅」 of 「部门：…办 / 公厅」) …
                    fragment = len(squeeze(_single_text(line) or "")) <= 6 and len(above.rows) >= 2 \
                        and above.rows[-2].page == region.page and is_caption_line(_single_text(above.rows[-2]))
                    # … or the first line of a wrapped title (「…培训费支出预 / 算表」)
                    first_part = bool(taken) and is_caption_title(
                        (_single_text(line) or "") + (_single_text(taken[0]) or ""))
                    if not (fragment or first_part):
                        break
                taken.insert(0, above.rows.pop())
            region.caption[:0] = taken
        below = regions[i + 1] if i + 1 < len(regions) and regions[i + 1].kind == TEXT else None
        if below is not None and below.rows and is_note_line(_single_text(below.rows[0])) \
                and below.rows[0].page in (region.rows[-1].page, None):
            region.notes.append(below.rows.pop(0))
            # a note wrapped onto the following lines, up to its end
            while below.rows and below.rows[0].page == region.notes[-1].page \
                    and not is_caption_line(_single_text(below.rows[0])) and (
                        not _ends_sentence(region.notes[-1]) or is_note_line(_single_text(below.rows[0]))
                        or _close_below(region.notes[-1], below.rows[0])):
                region.notes.append(below.rows.pop(0))
    return [r for r in regions if r.rows or r.caption]


def _close_below(upper: Row, lower: Row) -> bool:
    """The next line of the same block: it follows at the line spacing, without a gap."""
    a = upper.cells[0].bbox if upper.cells else None
    b = lower.cells[0].bbox if lower.cells else None
    if a is None or b is None:
        return False
    height = a[3] - a[1]
    return 0 <= b[1] - a[3] <= 0.8 * height


def _ends_sentence(row: Row) -> bool:
    text = _single_text(row) or ""
    return text.rstrip().endswith(("。", ".", "！", "；"))


# --- classification -------------------------------------------------------------------------------

def classify(regions: list[Region], previous_table: Optional[Region] = None,
             performance: bool = True) -> list[Region]:
    """Give every table region its kind (in place; also returned). `previous_table` is the
    table region printed before these; `performance=False` for rows the performance reader
    handed back (they are not a project's)."""
    for region in regions:
        if region.kind == TEXT:
            continue
        if not region.rows:  # only caption lines: text after all
            region.kind, region.rows, region.caption = TEXT, region.caption, []
            continue
        if _is_text_in_a_grid(region):  # a dump's lines of text, one cell each
            region.kind, region.rows, region.caption = TEXT, region.caption + region.rows + region.notes, []
            region.notes = []
            continue
        region.kind = _table_kind(region, previous_table, performance)
        previous_table = region
    return regions


def _is_text_in_a_grid(region: Region) -> bool:
    """Lines of text held in a grid of one column (a text dump's lines): not a table — unless
    they are a form's label：value cells or level cells (a performance table of one column)."""
    return all(len(r.nonempty()) <= 1 for r in region.rows) and not any(
        is_level_cell(c.text) or header_key(c.text) or _inline_label(c.text)
        for r in region.rows for c in r.nonempty())


def _table_kind(region: Region, previous: Optional[Region], performance: bool = True) -> str:
    title = region.title
    kind = budget_kind_of_title(title)
    if kind is not None and _has_money_evidence(region):
        region.budget_kind = kind
        return BUDGET
    if performance and is_performance_table(region):
        return PERFORMANCE
    starts_page = previous is not None and previous.rows[-1].page is not None and \
        region.page is not None and region.page > previous.rows[-1].page
    untitled = title is None
    if performance and previous is not None and previous.kind == PERFORMANCE and untitled:
        region.continues = True  # projects.py takes the rows that continue its indicators
        return PERFORMANCE
    if previous is not None and previous.kind == BUDGET and untitled and starts_page \
            and (_is_money_table(region, need_unit=False) or _same_width(region, previous)):
        region.continues = True
        region.budget_kind = previous.budget_kind
        return BUDGET
    if _is_money_table(region, need_unit=True) and title is not None:
        region.budget_kind = "other"
        return BUDGET
    return TABLE


def _has_money_evidence(region: Region) -> bool:
    """A titled table is a budget table when it shows money: a 单位 line, an amount, or the
    header words of a money table (a 目录 line naming a table has none of them)."""
    if any(is_unit_line(_single_text(r)) for r in region.caption):
        return True
    head = {squeeze(c.text) for r in region.rows[:5] for c in r.nonempty()}
    if any(w in head or any(w in h for h in head) for w in bv.AMOUNT_HEADER_WORDS + ("科目", "功能分类", "经济分类")):
        return True
    return _is_money_table(region, need_unit=False)


def _same_width(region: Region, previous: Region) -> bool:
    return max(len(r.cells) for r in region.rows) == max(len(r.cells) for r in previous.rows)


def is_performance_table(region: Region) -> bool:
    """An indicator grid, or a header block that opens one (项目名称 and another form label)."""
    level_rows = labels = 0
    for row in region.caption + region.rows:
        texts = [c.fresh_text for c in row.cells]
        cells = row.nonempty()
        if is_indicator_header(texts) or is_indicator_header_top([c.text for c in cells]):
            return True
        if cells and is_level_cell(cells[0].text) and not header_key(cells[0].text):
            level_rows += 1
        labels += sum(1 for c in cells if header_key(c.text) or _inline_label(c.text))
    if level_rows >= 2:
        return True
    has_title = any(is_table_title(_single_text(r)) for r in region.caption + region.rows[:2])
    return labels >= 3 or (has_title and labels >= 1)


def _inline_label(text: Optional[str]) -> bool:
    from ..vocabulary import inline_header_key

    return inline_header_key(text) is not None


def _is_money_table(region: Region, need_unit: bool) -> bool:
    amounts = cells = 0
    for row in region.rows:
        for c in row.nonempty():
            cells += 1
            if bv.AMOUNT.match(squeeze(c.text)):
                amounts += 1
    head = {squeeze(c.text) for r in region.rows[:4] for c in r.nonempty()}
    money_words = any(w in head for w in bv.AMOUNT_HEADER_WORDS)
    unit = any(is_unit_line(_single_text(r)) for r in region.caption)
    if need_unit and not unit:
        return False
    return (amounts >= 1 and (money_words or unit)) or (amounts >= 3 and amounts >= cells // 4)


def document_title_rows(regions: list[Region]) -> list[Row]:
    """Text lines that are an attachment's title (附件2：…), wherever they stand."""
    return [r for reg in regions if reg.kind == TEXT for r in reg.rows if is_document_title(_single_text(r))]
