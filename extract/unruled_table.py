"""Rows of a target table printed without ruling lines, from positioned text fragments.

Used for `pdftotext -layout` dumps (x = character column, y = line number) and for PDF pages
whose tables have no ruling lines (x in points, y = text line index). Without rules, a merged
cell's text sits on its own line at the vertical centre of its span and wrapped text spreads
over several lines, so rows are rebuilt from the form's structure:

1. lines above the 一级指标 | 二级指标 | 三级指标 | 绩效值 line are the header block: each line
   holding a header label anchors a row; value lines with no label (wrapped values around a
   centred label) join the nearest anchor that still lacks a value;
2. below it, every fragment goes to the indicator column whose header is nearest; level-3 and
   target fragments form the rows (a line continues the row above while the row's text in that
   column filled the column's width, i.e. wrapped);
3. each level-2 label is given to the row on its line, or to the rows centred on it; a label
   with no rows of its own stays as a row with empty level-3/target (21-经济效益); level-1 labels
   are emitted as rows of their own where they stand (the normaliser assigns them by code).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import regex

from ..vocabulary import (HEADER_KEYS, INDICATOR_COLUMN_WORDS, LEVEL1_NAMES, LEVEL2_NAMES, LEVEL_CODE, PAGE_MARKER, header_key, is_document_title, is_indicator_header, is_level_cell,
                          is_table_title, squeeze, unit_of)
from .. import lazy_regex


@dataclass
class Fragment:
    x0: float
    x1: float
    text: str
    top: Optional[float] = None  # vertical extent in points (PDF pages); None for text dumps
    bottom: Optional[float] = None

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Field:
    """One cell of a rebuilt row: its fragments' text, one line each, and their union box."""

    text: str
    bbox: Optional[tuple[float, float, float, float]] = None


def field_of(frags: list[Fragment]) -> Optional[Field]:
    frags = [f for f in frags if f.text]
    if not frags:
        return None
    bbox = None
    if all(f.top is not None for f in frags):
        bbox = (min(f.x0 for f in frags), min(f.top for f in frags),
                max(f.x1 for f in frags), max(f.bottom for f in frags))
    return Field("\n".join(f.text for f in frags), bbox)


@dataclass
class Line:
    y: float
    fragments: list[Fragment]


@dataclass
class _Row:
    first: int  # line numbers it covers
    last: int
    cells: dict[str, list[Fragment]] = field(default_factory=dict)
    open: dict[str, bool] = field(default_factory=dict)  # column still wrapping

    lines: dict[str, list[int]] = field(default_factory=dict)

    def add(self, col: str, frag: Fragment, line: int, wraps: bool) -> None:
        self.cells.setdefault(col, []).append(frag)
        self.lines.setdefault(col, []).append(line)
        self.open[col] = wraps
        self.last = max(self.last, line)

    def takes(self, col: str, line: int, cols_on_line: set[str]) -> bool:
        """Whether text in `col` on `line` continues this row (wrapped text) or starts a new one."""
        other = "target" if col == "level3" else "level3"
        if col not in self.cells:
            return True
        if other in cols_on_line and other in self.cells:
            return False  # a level-3 and a target on one line, under a row that has both
        if other in cols_on_line and other not in self.cells:
            return True  # the row so far was the upper half of a wrapped text
        if self.open.get(col):
            return True  # the text above filled the column: it wraps
        if other in self.lines and line - max(self.lines[col]) <= 2:
            # both columns are centred in the row: the other column's text sits below the
            # middle of this column's lines, so this column continues below
            a, b = min(self.lines[col]), max(self.lines[col])
            t = sum(self.lines[other]) / len(self.lines[other])
            return t - a > b - t
        return False


WRAP_SLACK = 1.5
INDICATOR_COLUMNS = ("level1", "level2", "level3", "target")
_LABEL_PREFIX = lazy_regex.compile(r"^(?P<label>\S{2,12})\s+(?P<rest>\S.*)$")


def split_label_prefix(frag: Fragment, char_width: float) -> list[Fragment]:
    """`年度总体绩效目标 议案，…` (a label and a value one space apart) → two fragments; the label
    may hold stray single spaces itself (`年 度总体绩效目 完成…`)."""
    text = frag.text
    if header_key(text) or _starts_a_label(text):
        return [frag]
    cut_at = None
    for m in regex.finditer(r"\s+", text):
        label = text[:m.start()]
        if len(label) > 16:
            break
        if m.end() < len(text) and len(squeeze(label)) >= 2 and (
                header_key(label) or _starts_a_label(label)
                or (is_level_cell(label) and " " not in label and not _continues_level(label, text[m.end():]))):
            cut_at = (m.start(), m.end())
    if cut_at is None:
        return [frag]
    label, rest = text[:cut_at[0]], text[cut_at[1]:]
    cut = frag.x0 + char_width * cut_at[1]
    return [Fragment(frag.x0, frag.x0 + char_width * len(label), label, frag.top, frag.bottom),
            Fragment(cut, frag.x1, rest, frag.top, frag.bottom)]


def _continues_level(label: str, rest: str) -> bool:
    """`3-满意度 指标`, `2-效益 指 标`: the words after a level cell complete a longer level name."""
    m = LEVEL_CODE.match(squeeze(label))
    name = m.group("name") if m else squeeze(label)
    words = rest.split()
    return any(name + "".join(words[:n]) in LEVEL1_NAMES + LEVEL2_NAMES for n in range(1, 4))


def _starts_a_label(text: str) -> bool:
    """The first line of a label wrapped in a narrow cell (年度总体绩效目 of 年度总体绩效目标)."""
    t = squeeze(text)
    return len(t) >= 4 and any(label.startswith(t) and label != t for label in HEADER_KEYS)


_TOP_WORDS = ("绩效指标", "绩效目标指标")
_CODED = lazy_regex.compile(r"^\d{1,2}[-－—–‐‑_、.．]\p{Han}")


def _join_header_wraps(frags: list[Fragment], above: Optional[Line], below: Optional[Line]):
    """The header line completed by the halves of column names wrapped onto the lines above and
    below it (一级 over 指标): (fragments, the borrowed fragments), or None."""
    ups = list(above.fragments) if above else []
    downs = list(below.fragments) if below else []
    used: list[Fragment] = []
    out = list(frags)
    for u in ups:
        d = next((d for d in downs if min(u.x1, d.x1) - max(u.x0, d.x0) > -1 and d not in used), None)
        if d is not None and squeeze(u.text + d.text) in ("一级指标", "二级指标", "三级指标"):
            out.append(Fragment(min(u.x0, d.x0), max(u.x1, d.x1), u.text + d.text, u.top, d.bottom))
            used += [u, d]
    if not used or not is_indicator_header([f.text for f in out]):
        return None
    return sorted(out, key=lambda f: f.x0), used


def _column_words_only(line: Line) -> bool:
    """A line of column-header words only (绩效指标 | 指标值, 计量单位 …): one row of a two-row header."""
    words = [squeeze(f.text) for f in line.fragments]
    return bool(words) and all(w in _TOP_WORDS or w in INDICATOR_COLUMN_WORDS or ("值" in w and len(w) <= 12)
                               for w in words)


def _is_standalone(text: str) -> bool:
    return bool(is_table_title(text) or is_document_title(text) or unit_of(text) or PAGE_MARKER.match(text))


class UnruledReader:
    """Reads the pages of one document in order; the indicator columns found on one page still
    hold on the next (a table continued without a repeated header)."""

    def __init__(self, char_width: float = 1.0) -> None:
        self.char_width = char_width
        self.columns: Optional[dict[str, float]] = None  # role → x centre of its header
        self.order: list[str] = []  # roles in the header's left-to-right order

    def learn_columns(self, tables: list) -> None:
        """Take the indicator columns from a ruled page's tables (`model.Table`s), so that an
        unruled page continuing them is read in the same columns."""
        for table in tables:
            if not hasattr(table, "grid"):
                continue
            for row in table.grid():
                cells = [slot.cell for slot in row if slot.cell is not None and not slot.continued]
                texts = [c.text for c in cells]
                if is_indicator_header(texts) and all(c.bbox for c in cells if c.text):
                    self.columns, self.order = _indicator_columns(
                        [Fragment(c.bbox[0], c.bbox[2], c.text) for c in cells if c.text])

    def page_rows(self, lines: list[Line]) -> list[list[Optional[Field]]]:
        """Rows of fields for the lines of one page (None for an empty field)."""
        rows: list[list[Optional[Field]]] = []
        block: list[Line] = []
        indicator_lines: list[Line] = []
        header_frags: list = []  # y, fragments and row index of the last indicator header

        def flush():
            rows.extend(_header_rows(block, self.char_width))
            block.clear()
            if self.columns is not None and indicator_lines:
                rows.extend(_indicator_rows(indicator_lines, self.columns, self.order, self.char_width))
            indicator_lines.clear()

        skip: set[int] = set()
        for n, line in enumerate(lines):
            if n in skip:
                continue
            frags = [f for fr in line.fragments for f in split_label_prefix(fr, self.char_width)]
            line = Line(line.y, frags)
            texts = [f.text for f in frags]
            if not is_indicator_header(texts) and {"二级指标", "三级指标"} & {squeeze(t) for t in texts}:
                # column names wrapped in narrow cells (一级 / 二级指标 三级指标 … / 指标)
                above = block[-1] if block and line.y - block[-1].y <= 2 else None
                below = lines[n + 1] if n + 1 < len(lines) and lines[n + 1].y - line.y <= 2 else None
                joined = _join_header_wraps(frags, above, below)
                if joined is not None:
                    if above is not None and any(f in joined[1] for f in above.fragments):
                        block.pop()
                    if below is not None and any(f in joined[1] for f in below.fragments):
                        skip.add(n + 1)
                    frags = joined[0]
                    texts = [f.text for f in frags]
            if len(frags) == 1 and _is_standalone(texts[0]):
                title = None
                if (unit_of(texts[0]) and indicator_lines and len(indicator_lines[-1].fragments) == 1
                        and line.y - indicator_lines[-1].y <= 1 and not is_level_cell(indicator_lines[-1].fragments[0].text)):
                    title = indicator_lines.pop()  # 部门收支总表 / 单位：万元: another table follows
                flush()
                if is_table_title(texts[0]) or title is not None:
                    self.columns = None
                if title is not None:
                    rows.append([field_of(title.fragments)])
                rows.append([field_of(frags)])
            elif is_indicator_header(texts):
                # a two-row column header: 绩效指标 / 指标值 printed on lines just above
                while block and line.y - block[-1].y <= 3 and _column_words_only(block[-1]):
                    frags = [f for f in block.pop().fragments if squeeze(f.text) not in _TOP_WORDS] + frags
                flush()
                self.columns, self.order = _indicator_columns(frags)
                header_frags[:] = [line.y, list(frags), len(rows)]
                rows.append([field_of([f]) for f in sorted(frags, key=lambda f: f.x0)])
            elif (header_frags and line.y - header_frags[0] <= 2 and not indicator_lines
                  and _column_words_only(line)):
                # the lower row of a two-row header (指标值 under the header's top line)
                header_frags[1].extend(f for f in frags if squeeze(f.text) not in _TOP_WORDS)
                self.columns, self.order = _indicator_columns(header_frags[1])
                rows[header_frags[2]] = [field_of([f]) for f in sorted(header_frags[1], key=lambda f: f.x0)]
            elif header_key(texts[0]) == "project_name" or self.columns is None:
                if header_key(texts[0]) == "project_name":
                    # the upper half of a value wrapped around the 项目名称 line (中小企业数字化转型补 / 助)
                    def values_only(ln: Line) -> bool:
                        return not any(header_key(f.text) or is_level_cell(f.text) or _is_standalone(f.text)
                                       or squeeze(f.text).startswith(("（", "(")) for f in ln.fragments)
                    below = lines[n + 1] if n + 1 < len(lines) and lines[n + 1].y - line.y <= 1 else None
                    carry = [block.pop()] if (block and line.y - block[-1].y <= 1 and not indicator_lines
                                              and values_only(block[-1]) and below is not None
                                              and values_only(below)) else []
                    flush()
                    self.columns = None
                    block.extend(carry)
                block.append(line)
            else:
                indicator_lines.append(line)
        flush()
        return rows


def unruled_rows(lines: list[Line], char_width: float = 1.0) -> list[list[Optional[Field]]]:
    return UnruledReader(char_width).page_rows(lines)


def _indicator_columns(frags: list[Fragment]) -> tuple[dict[str, float], list[str]]:
    names = {"一级指标": "level1", "二级指标": "level2", "三级指标": "level3"}
    cols: dict[str, float] = {}
    for f in sorted(frags, key=lambda f: f.x0):
        word = squeeze(f.text)
        role = names.get(word) or ("target" if "target" not in cols and "值" in word else f"extra:{word}")
        cols.setdefault(role, f.center)
    return cols, list(cols)


def _join_wrapped_labels(lines: list[Line], char_width: float) -> list[Line]:
    """A label wrapped in its narrow cell (年度总体绩效 / 目标, or 年度总体绩效目 / value line /
    标 around a one-line value, or 其中：中央补助资 / 金) → one label fragment on its first line."""
    out = [Line(ln.y, list(ln.fragments)) for ln in lines]
    for i in range(len(out)):
        for k, a in enumerate(list(out[i].fragments)):
            if header_key(a.text) and not squeeze(a.text).endswith((":", "：")):
                # the label's colon wrapped below it (年度总体绩效目标 / value / ：)
                for b_line in out[i + 1:i + 3]:
                    b = next((f for f in b_line.fragments if squeeze(f.text) in (":", "：")
                              and min(a.x1, f.x1) > max(a.x0, f.x0)), None)
                    if b is not None and b_line.y - out[i].y <= 2:
                        b_line.fragments.remove(b)
                        break
            if header_key(a.text) or not (k == 0 or squeeze(a.text).startswith("其中")):
                continue
            for b_line in out[i + 1:i + 3]:
                if b_line.y - out[i].y > 2:
                    continue
                b = next((f for f in b_line.fragments if abs(a.x0 - f.x0) <= 2 * char_width
                          or min(a.x1, f.x1) > max(a.x0, f.x0)), None)
                if b is None or header_key(b.text):
                    continue
                joined = a.text + b.text
                tail = squeeze(b.text)
                # a known label completed, or an 其中： label whose last characters wrapped
                has_value = any(regex.fullmatch(r"[\d,.%％]+", squeeze(f.text)) for f in b_line.fragments)
                if header_key(joined) or (squeeze(a.text).startswith("其中") and len(tail) <= 4
                                          and not regex.search(r"[\d.,%％]", tail) and not has_value):
                    label = Fragment(min(a.x0, b.x0), max(a.x1, b.x1), joined, a.top,
                                     b.bottom if b.bottom is not None else a.bottom)
                    b_line.fragments.remove(b)
                    middle = next((m for m in out if m.y == out[i].y + 1), None) if b_line.y - out[i].y == 2 else None
                    if (middle is not None and len(out[i].fragments) == 1
                            and not any(min(f.x1, label.x1) > max(f.x0, label.x0) for f in middle.fragments)
                            and any(f.x0 >= label.x1 for f in middle.fragments)):
                        # centred on the line between its halves, which holds its value
                        middle.fragments.append(label)
                        middle.fragments.sort(key=lambda f: f.x0)
                        out[i].fragments[k] = None
                    else:
                        label.span_end = b_line.y  # lines down to its lower half are its own
                        out[i].fragments[k] = label
                    break
        out[i].fragments = [f for f in out[i].fragments if f is not None]
    return [ln for ln in out if ln.fragments]


def _header_rows(lines: list[Line], char_width: float = 1.0) -> list[list[Optional[Field]]]:
    """Header-block lines → label/value rows. A line holding a label anchors a row; lines of
    values without a label (a value wrapped around its vertically centred label) join the
    nearest anchor still waiting for a value."""
    if not lines:
        return []
    lines = _join_wrapped_labels(lines, char_width)
    known = [ln.fragments[0].x0 for ln in lines if header_key(ln.fragments[0].text)]
    margin = min(known) if known else None
    # where labels start: the left margin, and sub-label columns (年度资金总额 / 其中：财政拨款 …)
    label_xs = [f.x0 for ln in lines for f in ln.fragments
                if header_key(f.text) or squeeze(f.text).startswith("其中")]

    def label_like(ln: Line) -> bool:  # 其中：财政拨款 | 4, 其他资金 | 200 — an unknown label
        f = ln.fragments[0]
        return (len(ln.fragments) >= 2 and margin is not None
                and any(abs(f.x0 - x) <= 2 * char_width for x in label_xs)
                and not header_key(f.text) and len(squeeze(f.text)) <= 12
                and not regex.search(r"[，。；、\d]", f.text))

    def is_label(f: Fragment, ln: Line) -> bool:
        return (bool(header_key(f.text)) or (label_like(ln) and f is ln.fragments[0])
                or squeeze(f.text).startswith("其中"))

    anchors = [i for i, ln in enumerate(lines) if any(header_key(f.text) for f in ln.fragments) or label_like(ln)]
    if not anchors:
        return [[field_of([f]) for f in ln.fragments] for ln in lines]

    def has_value(a: int) -> bool:
        return any(not is_label(f, lines[a]) for f in lines[a].fragments)

    groups: dict[int, list[int]] = {a: [a] for a in anchors}
    loose: list[int] = []
    for i in range(len(lines)):
        if i in groups:
            continue
        near = [a for a in anchors if abs(lines[a].y - lines[i].y) <= 2]

        def mirrored(a: int) -> bool:  # the other half of a value wrapped around its label's line
            return any(lines[j].y == 2 * lines[a].y - lines[i].y for j in groups[a] if j != a)

        def spanned(a: int) -> bool:  # on the lines of a label wrapped over several lines
            return lines[a].y < lines[i].y <= max(getattr(f, "span_end", -1) for f in lines[a].fragments)
        if near:  # prefer a label still waiting for its value, then the nearest, then below
            groups[min(near, key=lambda a: (not spanned(a), not mirrored(a), has_value(a),
                                            abs(lines[a].y - lines[i].y), -a))].append(i)
        else:
            loose.append(i)
    out: list[tuple[int, list[Optional[Field]]]] = []
    for a in anchors:
        anchor = lines[a]
        columns = [[f] for f in sorted(anchor.fragments, key=lambda f: f.x0)]
        labels = {id(f) for f in anchor.fragments if is_label(f, anchor)}
        for i in sorted(groups[a]):
            if i == a:
                continue
            for f in lines[i].fragments:
                overlapping = [c for c in columns if min(c[0].x1, f.x1) - max(c[0].x0, f.x0) > 0
                               and id(c[0]) not in labels]
                if overlapping:
                    max(overlapping, key=lambda c: min(c[0].x1, f.x1) - max(c[0].x0, f.x0)).append(f)
                    continue
                left = [c for c in columns if c[0].x0 <= f.x0] or columns[:1]
                col = max(left, key=lambda c: c[0].x0)  # values sit right of their label
                k = columns.index(col)
                if id(col[0]) in labels and k + 1 < len(columns) and id(columns[k + 1][0]) not in labels:
                    columns[k + 1].append(f)  # a wrapped value's line starting left of its first line
                elif id(col[0]) in labels:  # the label's value was wrapped off the anchor line
                    columns.insert(k + 1, [f])
                else:
                    col.append(f)
        order = {id(f): i for i in groups[a] for f in lines[i].fragments}
        out.append((a, [field_of(sorted(c, key=lambda f: order[id(f)])) for c in columns]))
    out += [(i, [field_of([f]) for f in lines[i].fragments]) for i in loose]
    return [fields for _, fields in sorted(out, key=lambda t: t[0])]


def _indicator_rows(lines: list[Line], columns: dict[str, float], order: list[str],
                    char_width: float) -> list[list[Optional[Field]]]:
    placed, pieces = _place(lines, columns, order, char_width)
    right_edge: dict[str, float] = {}
    widest: dict[str, float] = {}
    for row in placed:
        for col, f in row:
            right_edge[col] = max(right_edge.get(col, f.x1), f.x1)
            widest[col] = max(widest.get(col, 0), f.x1 - f.x0)

    def fills_width(col: str, f: Fragment) -> bool:
        # reaching the column's right edge, and as wide as its widest line less a character
        # (centred text: a short line that ends near the edge has ended)
        edge = right_edge.get(col)
        return (edge is not None and f.x1 >= edge - 2 * char_width
                and f.x1 - f.x0 >= widest[col] - WRAP_SLACK * char_width)

    rows: list[_Row] = []
    labels, spilled = _join_label_pieces(lines, placed, pieces)
    for i, f in spilled:  # pieces that form no label: text of the level-3 column, as before
        placed[i].append(("level3", f))
        placed[i].sort(key=lambda cf: cf[1].x0)
    for i, frags in enumerate(placed):
        content = [(c, f) for c, f in frags if c in ("level3", "target")
                   or (c in ("level1", "level2") and not is_level_cell(f.text))]
        content = [("level3" if c in ("level1", "level2") else c, f) for c, f in content]
        extras = [(c, f) for c, f in frags if c.startswith("extra:")]
        cur = rows[-1] if rows and i - rows[-1].last <= 2 else None
        if cur is not None and lines[i].y - lines[i - 1].y >= 2 and _GAP_RULE(cur):
            cur = None  # a blank line between rows (layout dumps, spaced PDF rows)
        cols_here = {c for c, _ in content}
        for col, f in sorted(content, key=lambda cf: cf[0] != "level3"):
            if cur is not None and not cur.takes(col, i, cols_here):
                cur = None
            elif (cur is not None and cur.lines.get("level3") == [cur.first] == cur.lines.get("target")
                  and col in cur.lines and lines[i].y - lines[cur.first].y >= 2):
                cur = None  # a one-line row (both texts on one line) is not continued past a label's line
            if cur is None:
                cur = _Row(i, i)
                rows.append(cur)
            cur.add(col, f, i, fills_width(col, f))
        for col, f in extras:  # 指标性质, 度量单位, 权重: short values on the row's line
            if cur is None:
                cur = _Row(i, i)
                rows.append(cur)
            cur.add(col, f, i, False)
    return _assign_labels(_split_at_labels(rows, labels), labels, order)


def _split_at_labels(rows: list[_Row], labels) -> list[_Row]:
    """A row holding the lines of two level-2 labels is two rows (a text that looked wrapped
    was the next row's): cut it below the first label's line."""
    level2 = sorted(ln for ln, col, _ in labels if col == "level2")
    out: list[_Row] = []
    for r in rows:
        inside = [ln for ln in level2 if r.first <= ln <= r.last]
        own = {ln for lns in r.lines.values() for ln in lns}
        late = [ln for ln in inside if ln > r.first and ln - 1 not in own and ln in own]
        if len(inside) >= 2:
            cut = inside[0]
        elif late:  # a label on a later line of the row, a line apart from the text above it
            cut = late[0] - 1
        else:
            out.append(r)
            continue
        upper, lower = _Row(r.first, r.first), None
        for col, frags in r.cells.items():
            for f, ln in zip(frags, r.lines[col]):
                if ln <= cut:
                    upper.add(col, f, ln, False)
                else:
                    if lower is None:
                        lower = _Row(ln, ln)
                    lower.first = min(lower.first, ln)
                    lower.add(col, f, ln, False)
        out += [upper] + ([lower] if lower is not None else [])
    return out


def _GAP_RULE(row) -> bool:
    """After a blank line, text starts a new row once the row above has its level-3 text."""
    return "level3" in row.cells


def _place(lines: list[Line], columns: dict[str, float], order: list[str], char_width: float):
    """Each fragment's column. Level cells (1-产出指标) are labels; other text goes to the content
    columns (三级指标, 绩效值, extras) by the extents their text takes on lines holding one fragment
    per content column, since a dump's column headers need not sit over their columns (headers
    centred in wide cells, text left-aligned in narrow ones). Without such lines, the nearest
    header. Text left of the 三级指标 column that is no level cell is a piece of a wrapped label."""
    def nearest(f: Fragment, cols) -> str:
        return min(cols, key=lambda c: abs(columns[c] - f.center))

    level1_x = columns.get("level1")
    content_cols = [c for c in order if c not in ("level1", "level2")]
    label_cols = [c for c in order if c in ("level1", "level2")]
    frags_of: list[list[Fragment]] = []
    for ln in lines:
        # the 绩效指标 row label of the standard template, wrapped in its narrow column left of 一级指标
        frags_of.append([f for f in sorted(ln.fragments, key=lambda f: f.x0)
                         if not (level1_x is not None and f.x1 < level1_x and squeeze(f.text) in "绩效指标")])

    def label_col(f: Fragment) -> Optional[str]:
        if not is_level_cell(f.text) or not label_cols:
            return None
        m = LEVEL_CODE.match(squeeze(f.text))
        if m and len(m.group("code")) <= 2 and len(label_cols) == 2:
            return "level1" if len(m.group("code")) == 1 else "level2"
        name = m.group("name") if m else squeeze(f.text)
        if not m and len(label_cols) == 2 and (name in LEVEL1_NAMES) != (name in LEVEL2_NAMES):
            return "level1" if name in LEVEL1_NAMES else "level2"  # 质量指标 printed without its code
        return nearest(f, label_cols)

    spans: dict[str, list[tuple[float, float]]] = {c: [] for c in content_cols}
    for exact in (True, False):  # lines with one text per content column; else their rightmost texts
        for frags in frags_of:
            # neither level cells nor what looks like a piece of a wrapped one (11-数量, 产)
            texts = [f for f in frags if label_col(f) is None and len(squeeze(f.text)) > 1
                     and not _CODED.match(squeeze(f.text))]
            if len(content_cols) >= 2 and (len(texts) == len(content_cols) if exact else len(texts) > len(content_cols)):
                for c, f in zip(content_cols, texts[-len(content_cols):]):
                    spans[c].append((f.x0, f.x1))
        if all(spans.values()):
            break
    anchored = all(spans.values()) and bool(content_cols)
    box: dict[str, tuple[float, float]] = {}
    if anchored:
        for c, v in spans.items():
            box[c] = (sorted(a for a, _ in v)[len(v) // 2], sorted(b for _, b in v)[len(v) // 2])
        xs = [box[c] for c in content_cols]
        anchored = all(xs[k][0] < xs[k + 1][0] for k in range(len(xs) - 1))

    placed: list[list[tuple[str, Fragment]]] = []
    pieces: list[tuple[int, str, Fragment]] = []
    if anchored and label_cols:
        lo3 = box[content_cols[0]][0]
        label_right = max((f.x1 for frags in frags_of for f in frags if f.x1 <= lo3 - char_width / 2), default=None)
        if label_right is not None:
            frags_of = [[g for f in frags for g in _split_label_area(f, label_right, lo3, char_width)]
                        for frags in frags_of]
    for i, frags in enumerate(frags_of):
        row = []
        cols_of = {id(f): label_col(f) for f in frags}
        level2_end = min((f.x1 for f in frags if cols_of[id(f)] == "level2"), default=None)
        if level2_end is not None:  # a level name right of the line's level-2 cell is level-3 text
            for f in frags:
                if f.x0 > level2_end and cols_of[id(f)] is not None:
                    cols_of[id(f)] = None
        texts = [f for f in frags if cols_of[id(f)] is None]
        if (not anchored and level2_end is not None and len(content_cols) >= 2
                and len(texts) == len(content_cols) and all(f.x0 > level2_end for f in texts)):
            # a full line after its level-2 cell: one text per content column, in order
            row = [(cols_of[id(f)], f) for f in frags if cols_of[id(f)] is not None]
            placed.append(row + list(zip(content_cols, texts)))
            continue
        for f in frags:
            lc = cols_of[id(f)]
            if not anchored:
                col = nearest(f, columns)
                if lc is None and col in label_cols:
                    pieces.append((i, col, f))
                    continue
                row.append((lc if lc is not None and col in label_cols else col, f))
                continue
            if lc is not None and (nearest(f, columns) in label_cols or f.x1 <= box[content_cols[0]][0]):
                row.append((lc, f))
                continue
            if label_cols and f.x1 <= box[content_cols[0]][0] - char_width / 2:
                pieces.append((i, nearest(f, label_cols), f))
                continue

            def dist(c: str) -> float:
                lo, hi = box[c]
                return max(lo - f.center, f.center - hi, 0) - 0.01 * max(0, min(hi, f.x1) - max(lo, f.x0))
            row.append((min(content_cols, key=dist), f))
        placed.append(row)
    return placed, pieces


_LABEL_PIECE = lazy_regex.compile(r"\p{Han}{1,5}|\d{1,2}[-－—–]\p{Han}{1,5}")


def _split_label_area(f: Fragment, label_right: float, lo3: float, char_width: float) -> list[Fragment]:
    """A piece of a wrapped label and the level-3 text one space apart (`对象满意 入驻单位满意度`,
    `22-社会效 项目带动就业`): a text starting inside the label columns and running into the level-3
    column is cut at its first space."""
    text = f.text
    if not (f.x0 < label_right - char_width and f.x1 > lo3) or " " not in text:
        return [f]
    k = text.index(" ")
    if not _LABEL_PIECE.fullmatch(text[:k]) or is_level_cell(text[:k]):
        return [f]
    return [Fragment(f.x0, f.x0 + char_width * k, text[:k], f.top, f.bottom),
            Fragment(f.x0 + char_width * (k + 1), f.x1, text[k + 1:].strip(), f.top, f.bottom)]


def _join_label_pieces(lines: list[Line], placed, pieces):
    """Level labels wrapped in narrow columns (11-数量指 / 标, 产 / 出 / 指 / 标) → one label at the
    middle line of its pieces. Returns (labels, pieces forming no label)."""
    by_col: dict[str, list[tuple[int, Fragment]]] = {}
    for i, row in enumerate(placed):
        for col, f in row:
            if col in ("level1", "level2"):
                by_col.setdefault(col, []).append((i, f))
    for i, col, f in pieces:
        by_col.setdefault(col, []).append((i, f))
    for i, row in enumerate(placed):
        row[:] = [(c, f) for c, f in row if c not in ("level1", "level2")]
    labels: list[tuple[float, str, Fragment]] = []
    spilled: list[tuple[int, Fragment]] = []
    for col, items in by_col.items():
        items.sort(key=lambda t: (t[0], t[1].x0))
        chains: list[list[tuple[int, Fragment]]] = []  # pieces on following lines
        for i, f in items:
            if chains and 0 < i - chains[-1][-1][0] <= 2 and lines[i].y - lines[chains[-1][-1][0]].y <= 2:
                chains[-1].append((i, f))
            else:
                chains.append([(i, f)])
        for chain in chains:
            s = 0
            while s < len(chain):  # the longest level cell from here; a digit starts a new code
                end = None
                for e in range(len(chain), s, -1):
                    texts = [squeeze(h.text) for _, h in chain[s:e]]
                    if any(t[:1].isdigit() and not "".join(texts[:k]).isdigit() for k, t in enumerate(texts) if k):
                        continue
                    if is_level_cell("".join(texts)):
                        end = e
                        break
                if end is None:
                    spilled.append(chain[s])
                    s += 1
                    continue
                run = chain[s:end]
                s = end
                if len(run) == 1:
                    labels.append((run[0][0], col, run[0][1]))
                    continue
                fs = [h for _, h in run]
                text = "".join(squeeze(h.text) for h in fs)
                labels.append((sum(i for i, _ in run) / len(run), col,
                               Fragment(min(h.x0 for h in fs), max(h.x1 for h in fs), text, fs[0].top, fs[-1].bottom)))
    labels.sort(key=lambda t: t[0])
    return labels, spilled


def _runs_around(rows: list[_Row], unassigned: set[int], first: int, last: int) -> tuple[list[int], list[int]]:
    """Unassigned rows directly above line `first` (nearest first) and directly below `last`."""
    above, below = [], []
    for k in reversed([k for k in range(len(rows)) if rows[k].last < first]):
        if k not in unassigned:
            break
        above.append(k)
    for k in [k for k in range(len(rows)) if rows[k].first > last]:
        if k not in unassigned:
            break
        below.append(k)
    return above, below


def _own(rows: list[_Row], run: list[int], ln: float, level2) -> list[int]:
    """The rows of a run (nearest first) up to the first that sits nearer another level-2 label."""
    others = [o for o, _ in level2 if o != ln]
    out = []
    for k in run:
        mid = (rows[k].first + rows[k].last) / 2
        if any(abs(mid - o) < abs(mid - ln) for o in others):
            break
        out.append(k)
    return out


def _centred(rows: list[_Row], above: list[int], below: list[int], ln: float, first: float, last: float) -> list[int]:
    """The rows above and below (nearest first) that a label on line `ln` is centred on: the span
    whose middle line is nearest the label, the most rows on a tie (rows of unequal heights)."""
    best: tuple = (float("inf"), 0)
    take: list[int] = []
    for a in range(len(above) + 1):
        for b in range(len(below) + 1):
            top = rows[above[a - 1]].first if a else first
            bottom = rows[below[b - 1]].last if b else last
            key = (abs((top + bottom) / 2 - ln), -(a + b))
            if key < best:
                best, take = key, above[:a] + below[:b]
    return take


def _assign_labels(rows: list[_Row], labels: list[tuple[int, str, Fragment]],
                   order: list[str]) -> list[list[Optional[Field]]]:
    """Level-2 labels → the rows they name: the row on the label's line, then as many rows
    above as below (a centred label), labels standing alone first."""
    spans: dict[int, list[int]] = {}  # label index → row indices
    unassigned = set(range(len(rows)))
    level2 = [(ln, frag) for ln, col, frag in labels if col == "level2"]
    direct: dict[int, int] = {}
    for j, (ln, _) in enumerate(level2):
        on_line = [k for k in sorted(unassigned) if rows[k].first <= ln <= rows[k].last]
        if on_line:
            k = min(on_line, key=lambda k: abs((rows[k].first + rows[k].last) / 2 - ln))
            direct[j] = k
            spans[j] = [k]
            unassigned.discard(k)
    for j, (ln, _) in enumerate(level2):  # labels alone on their line
        if j in direct:
            continue
        above, below = _runs_around(rows, unassigned, ln, ln)
        above, below = _own(rows, above, ln, level2), _own(rows, below, ln, level2)
        take = _centred(rows, above, below, ln, ln, ln)
        if not take and (above or below):  # one row, just above or below the label
            near = (above or below)[0]
            if min(abs(rows[near].last - ln), abs(rows[near].first - ln)) <= 1:
                take = [near]
        spans[j] = take
        unassigned.difference_update(take)
    for j, k in direct.items():  # labels on a row's line, centred over more rows
        above, below = _runs_around(rows, unassigned, rows[k].first, rows[k].last)
        above, below = _own(rows, above, level2[j][0], level2), _own(rows, below, level2[j][0], level2)
        take = _centred(rows, above, below, level2[j][0], rows[k].first, rows[k].last)
        spans[j] += take
        unassigned.difference_update(take)
    owner = {min(ks): level2[j][1] for j, ks in spans.items() if ks}

    def fields(parts: dict[str, list[Fragment]]) -> list[Optional[Field]]:
        return [field_of(parts.get(role, [])) for role in order]

    out: list[tuple[float, list[Optional[Field]]]] = []
    for k, r in enumerate(rows):
        parts = dict(r.cells)
        if k in owner:
            parts["level2"] = [owner[k]]
        out.append((r.first, fields(parts)))
    for j, ks in spans.items():
        if not ks:  # a level-2 with no rows of its own (21-经济效益): kept as a row
            out.append((level2[j][0], fields({"level2": [level2[j][1]]})))
    for ln, col, frag in labels:
        if col == "level1":
            out.append((ln - 0.5, fields({"level1": [frag]})))
    out.sort(key=lambda t: t[0])
    return [f for _, f in out]
