"""The header of a budget table → its columns: each grid column's printed header path, its role
(code, name or value column), the panel and side it belongs to, and a value column's id.

    layout = read_header(header_rows, body_rows, n_cols)

A header is a tree of merged cells over several rows; a column's path is the text of every
header cell covering it, top to bottom (a wrapped label is one cell, joined by the canonical
rules). Code and name columns are known by their header words (科目编码, 类/款/项, 科目名称,
项目 …) or, without a header, by what their body cells hold. A label column printed again to
the right of value columns starts another panel (决算 基本支出表, Jiangsu 收支预算总表); a top
header cell 收入 / 支出 over a panel gives its side.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..vocabulary import budget as bv
from ..vocabulary import squeeze
from .rows import Row

CODE, NAME, VALUE = "code", "name", "value"
_YEAR_PREFIX = __import__("regex").compile(r"^(?:19|20)\d{2}年度?")


@dataclass
class GridColumn:
    index: int
    path: list[str]
    role: str = VALUE
    panel: int = 0  # panel number across the whole table
    side: Optional[str] = None
    id: Optional[str] = None  # value columns
    extent: Optional[tuple[float, float]] = None  # x0, x1 on the page


@dataclass
class Panel:
    number: int  # within the table
    side: Optional[str]
    columns: list[GridColumn] = field(default_factory=list)

    @property
    def code_columns(self) -> list[GridColumn]:
        return [c for c in self.columns if c.role == CODE]

    @property
    def name_columns(self) -> list[GridColumn]:
        return [c for c in self.columns if c.role == NAME]

    @property
    def value_columns(self) -> list[GridColumn]:
        return [c for c in self.columns if c.role == VALUE]


@dataclass
class HeaderLayout:
    columns: list[GridColumn]
    panels: list[Panel]
    unknown: list[str] = field(default_factory=list)  # value labels outside the vocabulary

    def panel_label(self, panel: Panel) -> Optional[int]:
        """The `panel` number written to the JSON: within its side when the side has several
        panels, across the table when there are no sides; None for a single panel."""
        same = [p for p in self.panels if p.side == panel.side]
        if len(same) < 2:
            return None
        return same.index(panel)


def header_paths(rows: list[Row], n_cols: int) -> list[list[str]]:
    """Each grid column's header path: the text of every header cell covering it, top down."""
    paths: list[list[str]] = [[] for _ in range(n_cols)]
    for row in rows:
        for cell in row.cells:
            if cell.fresh_text is None:
                continue
            for col in range(cell.col, min(n_cols, cell.col + max(1, cell.colspan))):
                if not paths[col] or paths[col][-1] != cell.text:
                    paths[col].append(cell.text)
    return paths


def _role_from_header(path: list[str]) -> Optional[str]:
    words = [squeeze(p) for p in path]
    if not words:
        return None
    if any(bv.CODE_HEADER.search(w) for w in words[-1:]) or (
            len(words) >= 2 and bv.CODE_HEADER.search(words[-2]) and words[-1] in ("类", "款", "项")):
        return CODE
    if bv.NAME_HEADER.search(words[-1]) or (len(words) == 1 and bv.STUB_HEADER.match(words[0])):
        return NAME
    if any(bv.CODE_HEADER.search(w) for w in words) and not any(bv.AMOUNT_LABELS.match(w) for w in words):
        return CODE
    return None


def _role_from_body(cells: list[Optional[str]]) -> str:
    filled = [squeeze(t) for t in cells if t]
    if not filled:
        return VALUE
    codes = sum(1 for t in filled if bv.CODE_CELL.match(t))
    amounts = sum(1 for t in filled if bv.AMOUNT.match(t) or bv.DASHES.match(t))
    if codes >= max(1, len(filled) * 0.6) and amounts - codes < len(filled) * 0.3:
        return CODE
    if amounts >= len(filled) * 0.5:
        return VALUE
    return NAME


def read_header(header: list[Row], body: list[Row], n_cols: int,
                extents: Optional[dict[int, tuple[float, float]]] = None, kind: Optional[str] = None) -> HeaderLayout:
    paths = header_paths(header, n_cols)
    columns = []
    for i, path in enumerate(paths):
        body_cells = [r.cells[i].fresh_text if i < len(r.cells) else None for r in body]
        role = _role_from_header(path)
        from_body = _role_from_body(body_cells)
        if role is None:  # a labelled column outside the label words holds values (or text, kept raw)
            side_word = bool(path) and _side_of_label(path[-1]) is not None  # 收入 | 金额 | 支出 | 金额
            role = VALUE if path and not side_word else from_body
        elif role == NAME and from_body == VALUE and any(body_cells) and path and \
                not bv.STUB_HEADER.match(squeeze(path[-1])) and bv.AMOUNT_LABELS.match(squeeze(path[-1])):
            role = VALUE
        columns.append(GridColumn(i, path, role, extent=(extents or {}).get(i)))
    columns = [c for c in columns if c.path or any(
        (r.cells[c.index].fresh_text if c.index < len(r.cells) else None) for r in body)]
    panels = _panels(columns)
    layout = HeaderLayout(columns, panels)
    for panel in panels:
        _name_values(panel, layout)
    _kind_ids(layout, kind)
    return layout


def _split_basis(col_id: str) -> tuple[str, str]:
    for suffix in (".budget", ".final", ".prior"):
        if col_id.endswith(suffix):
            return col_id[: -len(suffix)], suffix
    return col_id, ""


def _kind_ids(layout: HeaderLayout, kind: Optional[str]) -> None:
    """Ids the table's kind reads differently (vocabulary KIND_COLUMN_IDS)."""
    values = [c for c in layout.columns if c.role == VALUE and c.id]
    bases = {_split_basis(c.id)[0] for c in values}
    for rule_kind, col_id, becomes, unless in bv.KIND_COLUMN_IDS:
        if rule_kind != kind or bases & set(unless):
            continue
        for col in values:
            base, suffix = _split_basis(col.id)
            if base == col_id:
                col.id = becomes + suffix


def _group_basis(path: list[str]) -> Optional[tuple[int, str]]:
    """(index, suffix) of a group label over the column that is a basis (预算数 / 决算数)."""
    for i, label in enumerate(path[:-1]):
        s = _YEAR_PREFIX.sub("", squeeze(label))
        for pattern, suffix in bv.GROUP_BASIS_PATTERNS:
            if pattern.match(s):
                return i, suffix
    return None


def _panels(columns: list[GridColumn]) -> list[Panel]:
    """Split the columns into panels: a label column after value columns starts a panel when
    it repeats the first panel's labels (科目编码 | 科目名称 | 决算数 twice) or stands under
    another side group (收入 … | 支出 …); a text column between (政府采购: 经济科目) does not."""
    panels: list[Panel] = []
    seen_value = False
    labels_seen: set[str] = set()
    for col in columns:
        if col.role in (CODE, NAME) and seen_value and panels and _repeats(col, panels, labels_seen):
            panels.append(Panel(len(panels), None))
            seen_value = False
        if not panels:
            panels.append(Panel(0, None))
        if col.role == VALUE:
            seen_value = True
        elif col.path:
            labels_seen.add(squeeze(col.path[-1]))
        col.panel = panels[-1].number
        panels[-1].columns.append(col)
    sides = [_side(p) for p in panels]
    for left, right in zip(range(len(sides)), range(1, len(sides))):
        if sides[right] is None:  # a panel without its own side group is under its neighbour's
            sides[right] = sides[left]
    if not ("revenue" in sides and "expenditure" in sides):
        sides = [None] * len(panels)  # one side only (收入预算 over a revenue table): no sides
    for panel, side in zip(panels, sides):
        panel.side = side
        for col in panel.columns:
            col.side = side
    return panels


def _repeats(col: GridColumn, panels: list[Panel], labels_seen: set[str]) -> bool:
    first_label = next((c for c in panels[0].columns if c.role in (CODE, NAME)), None)
    if first_label is None or first_label.role != col.role:
        return False
    if not col.path:
        return True
    if squeeze(col.path[-1]) in labels_seen:
        return True
    current = next((c for c in panels[-1].columns if c.path), None)
    return current is not None and squeeze(current.path[0]) != squeeze(col.path[0]) and \
        _side_of_label(col.path[0]) is not None


def _side_of_label(label: str) -> Optional[str]:
    top = squeeze(label)
    if bv.EXPENDITURE_GROUP.search(top):
        return "expenditure"
    if bv.REVENUE_GROUP.search(top):
        return "revenue"
    return None


def _side(panel: Panel) -> Optional[str]:
    for col in panel.columns:
        if col.path:
            top = squeeze(col.path[0])
            if bv.EXPENDITURE_GROUP.search(top):
                return "expenditure"
            if bv.REVENUE_GROUP.search(top):
                return "revenue"
    return None


def _name_values(panel: Panel, layout: HeaderLayout) -> None:
    values = panel.value_columns
    taken: set[str] = set()
    groups = {c.index: _group_basis(c.path) for c in values}
    by_group = len({g[1] for g in groups.values() if g is not None}) >= 2  # 预算数 | 决算数 side by side
    for col in values:
        group = groups[col.index] if by_group else None
        if group is not None:
            rest = [squeeze(p) for k, p in enumerate(col.path) if k != group[0]]
            base = column_id(rest)
            col_id = base + group[1] if base is not None and base != "amount" else None
        else:
            col_id = None
        col_id = col_id or column_id([squeeze(p) for p in col.path], single=len(values) == 1)
        if col_id is None:
            label = squeeze(col.path[-1]) if col.path else f"{col.index + 1}"
            col_id = f"col:{label}"
            layout.unknown.append(label)
        base, n = col_id, 2
        while col_id in taken:  # the same label twice in one panel
            col_id = f"{base}.{n}"
            n += 1
        taken.add(col_id)
        col.id = col_id


def column_id(path: list[str], single: bool = False) -> Optional[str]:
    """The vocabulary id of a value column from its header path (squeezed labels)."""
    path = [_YEAR_PREFIX.sub("", p) for p in path if p]  # 2024年机关运行经费预算数
    path = [p for p in path if p]
    if not path:
        return "amount" if single else None
    leaf = path[-1]
    if single and bv.AMOUNT_LABELS.match(leaf):
        return "amount"
    if len(path) >= 2:
        for pattern, suffix in bv.BASIS_PATTERNS:
            if pattern.search(leaf):
                base = column_id(path[:-1])
                if base is not None and base != "amount":
                    return base + suffix
    parent = path[-2] if len(path) >= 2 else ""
    for pattern, context, col_id in bv.COLUMN_ID_PATTERNS:
        if context is not None and context not in parent:
            continue
        if pattern.search(leaf):
            return col_id
    if bv.AMOUNT_LABELS.match(leaf):
        return "amount"
    return None
