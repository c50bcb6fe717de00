"""Indicator rows → the 一级/二级/三级指标 hierarchy, with merged level cells filled down."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..extract.model import BBox
from ..vocabulary import LEVEL1_OF_LEVEL2, LEVEL_HEADERS, TARGET_HEADERS, is_level_cell, squeeze
from .cjk_text import canonical
from .codes import split_code
from .records import Indicator, Warning_
from .rows import Row, RowCell

LEVEL_ROLES = ("level1", "level2", "level3", "target")


@dataclass
class ColumnRoles:
    """Which grid column holds which part of an indicator."""

    level1: Optional[int] = None
    level2: Optional[int] = None
    level3: Optional[int] = None
    target: Optional[int] = None
    extra: dict[int, str] = field(default_factory=dict)  # column → header label (指标性质 …)
    # where each role's header cell sits on the page (x0, x1): a table continued on the next
    # page has a grid of its own, whose column numbers need not match the header's
    xspans: dict[str, tuple[float, float]] = field(default_factory=dict)

    @classmethod
    def from_header(cls, row: Row) -> "ColumnRoles":
        roles = cls()
        # merged header cells count too: 指标值 spanning both rows of a two-row column header
        for cell in (c for c in row.cells if c.text is not None):
            word = squeeze(cell.text)
            if word in LEVEL_HEADERS:
                role = LEVEL_HEADERS[word]
            elif roles.target is None and (word in TARGET_HEADERS or "值" in word):
                role = "target"
            elif roles.level1 is not None:  # columns left of 一级指标 (绩效指标 …) are labels
                roles.extra[cell.col] = cell.text
                role = f"extra:{cell.text}"
            else:
                continue
            if not role.startswith("extra:"):
                setattr(roles, role, cell.col)
            if cell.bbox is not None:
                roles.xspans[role] = (cell.bbox[0], cell.bbox[2])
        return roles

    def remap(self, columns: dict[int, tuple[float, float]]) -> "ColumnRoles":
        """The same roles on another table's grid, matched by horizontal position: each role
        takes the column (x extent of its cells) that overlaps its header cell most. When the
        other table is laid out at another width (a landscape page after a portrait one), the
        positions are compared relative to each table's extent."""
        if not self.xspans or not columns:
            return self
        core = [r for r in LEVEL_ROLES if r in self.xspans]
        out = self._match(self.xspans, columns)
        if all(getattr(out, r) is not None for r in core) and _similar_extent(self.xspans, columns):
            return out
        return self._match(_relative(self.xspans), _relative(columns))

    def _match(self, spans: dict, columns: dict[int, tuple[float, float]]) -> "ColumnRoles":
        out = ColumnRoles(xspans=dict(self.xspans))
        taken: set[int] = set()
        for role, span in sorted(spans.items(), key=lambda kv: kv[1][0]):
            overlaps = [(min(span[1], x1) - max(span[0], x0), col) for col, (x0, x1) in columns.items()
                        if col not in taken]
            if not overlaps:
                continue
            width, col = max(overlaps)
            if width <= 0:
                continue
            taken.add(col)
            if role.startswith("extra:"):
                out.extra[col] = role[len("extra:"):]
            else:
                setattr(out, role, col)
        return out

    @classmethod
    def by_position(cls, row: Row) -> "ColumnRoles":
        """No header row: the first non-empty columns are levels 1–3 and the target."""
        width = len(row.cells)
        start = max(0, width - 4)
        return cls(*(start + i for i in range(4))) if width >= 4 else cls(0, 1, 2, 3)


def _belongs(level2: tuple[Optional[str], Optional[str]], level1: tuple[Optional[str], Optional[str]]) -> bool:
    """Whether a level-2 falls under a level-1: by code (21 under 2), or without codes by the
    standard hierarchy (社会效益 under 效益指标)."""
    (code2, name2), (code1, name1) = level2, level1
    if code1 is not None and code2 is not None:
        return code2.startswith(code1)
    return name2 is not None and LEVEL1_OF_LEVEL2.get(name2) == name1


def _extent(spans) -> tuple[float, float]:
    values = list(spans.values())
    return min(v[0] for v in values), max(v[1] for v in values)


def _relative(spans: dict) -> dict:
    """x spans as fractions of their common extent."""
    x0, x1 = _extent(spans)
    width = (x1 - x0) or 1.0
    return {k: ((a - x0) / width, (b - x0) / width) for k, (a, b) in spans.items()}


def _similar_extent(a: dict, b: dict, tolerance: float = 0.15) -> bool:
    (a0, a1), (b0, b1) = _extent(a), _extent(b)
    return abs((a1 - a0) - (b1 - b0)) <= tolerance * max(a1 - a0, 1.0) and abs(a0 - b0) <= tolerance * max(a1 - a0, 1.0)


def _union(boxes: list[Optional[BBox]]) -> Optional[BBox]:
    boxes = [b for b in boxes if b is not None]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


@dataclass
class HierarchyBuilder:
    """Feeds indicator rows one by one; keeps the current level-1/level-2 for fill-down."""

    roles: ColumnRoles
    project_seq: int
    indicators: list[Indicator] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
    level1: tuple[Optional[str], Optional[str]] = (None, None)
    level2: tuple[Optional[str], Optional[str]] = (None, None)
    # indicators whose level-1 is certain: printed on their row, or a merged cell spanning it
    _level1_known: set[int] = field(default_factory=set)
    # indicators on a page's last row whose level cell was an empty cell of its own, filled down
    # for now: the upper part of a merged cell whose text is printed on the next page
    _provisional: dict[str, set[int]] = field(default_factory=lambda: {"level1": set(), "level2": set()})

    def is_indicator_row(self, row: Row) -> bool:
        """Whether a row (e.g. the first row of a table on the next page) continues the indicators."""
        l1, l2, l3, target = (self._text(row, r) for r in LEVEL_ROLES)
        if (l1 or l2) and l3 is None and target is None and all(
                tail is None or (name is not None and is_level_cell(name + tail))
                for tail, (_, name) in ((l1, self.level1), (l2, self.level2))):
            return True  # tails of level cells cut by the page break
        if l1 is not None:
            return is_level_cell(l1)
        if l2 is not None:
            return is_level_cell(l2) or self.level1 != (None, None)
        return (l3 is not None or target is not None) and self.level1 != (None, None)

    def add(self, row: Row, continues_page: bool = False) -> None:
        c1, c2, c3, ct = (row.at(getattr(self.roles, r)) for r in LEVEL_ROLES)
        l1, l2, l3, target = (self._text(row, r) for r in LEVEL_ROLES)
        if continues_page and l3 is None and target is None and (l1 or l2) \
                and self._finishes_levels(l1, l2, row):
            return  # the tails of level cells cut by the page break (11-数量指 | 标)
        if l1 is not None and l2 is None and l3 is None and target is None:
            self._floating_level1(split_code(l1))
            return
        if l1 is not None:
            level1 = split_code(l1)
            if l2 is not None or not (self.level1 in ((None, None), level1)
                                      or _belongs(self.level2, level1)):
                # a level-1 cell with no level-2 that repeats the current level-1, names the
                # level-1 of rows above that had none, or is the level-1 the current level-2
                # belongs to (a merged cell cut by a page break, its text printed below the
                # break) continues the current level-2
                self.level2 = (None, None)
            if level1 != self.level1:
                self._claim_rows_above(level1)
            self.set_level("level1", level1)
        if l2 is not None:
            self.set_level("level2", split_code(l2))
        if l3 is None and target is None:
            if l1 is None and l2 is None:
                return  # a blank row, or a merged cell's continuation with nothing new
        elif (continues_page and l1 is None and l2 is None and self.indicators
              and (l3 is None) != (target is None)):
            self._join_split_row(row, l3, target, c3, ct)
            return
        extra = {label: row.at(col).text for col, label in self.roles.extra.items()
                 if row.at(col) is not None and row.at(col).fresh_text is not None}
        raw = {role: (c.raw if c is not None and not c.continued else None)
               for role, c in zip(LEVEL_ROLES, (c1, c2, c3, ct))}
        ind = Indicator(self.level1[0], self.level1[1], self.level2[0], self.level2[1], l3, target,
                        page=row.page, bbox=_union([c.bbox for c in (c3, ct) if c is not None]),
                        extra=extra, raw=raw, ref=next((c.ref for c in (c3, ct) if c is not None and c.ref), None))
        if ind.level2 is None and (l3 is not None or target is not None):
            self.warnings.append(Warning_("missing_level2", f"indicator {l3 or target!r} has no 二级指标",
                                          row.page, self.project_seq))
        if l1 is not None or (c1 is not None and c1.continued):
            self._level1_known.add(len(self.indicators))
        for role, cell, text in (("level1", c1, l1), ("level2", c2, l2)):
            if text is None and row.last and cell is not None and cell.bbox is not None and not cell.continued:
                self._provisional[role].add(len(self.indicators))
        self.indicators.append(ind)

    def _floating_level1(self, level1: tuple[Optional[str], Optional[str]]) -> None:
        """A level-1 name on a row of its own: the vertically centred text of a merged cell
        whose rows have no ruling lines between them (layout text, unruled PDFs)."""
        self._claim_rows_above(level1)
        self.set_level("level1", level1)

    def _claim_rows_above(self, level1: tuple[Optional[str], Optional[str]]) -> None:
        """A level-1 printed in the middle of its block (centred text of a merged cell whose
        span is unknown: dumps, unruled tables) names the rows above it that were only filled
        down and whose level-2 belongs to it — by code (21, 22 under 2), or without codes by the
        standard hierarchy (社会效益 → 效益指标)."""
        for i, ind in enumerate(self.indicators):
            if i in self._level1_known or (ind.level1_code, ind.level1) == level1:
                continue
            if _belongs((ind.level2_code, ind.level2), level1):
                ind.level1_code, ind.level1 = level1

    def _finishes_levels(self, l1: Optional[str], l2: Optional[str], row: Row) -> bool:
        """Join the tails to the current level-1/level-2 names when each completes a level
        name (4-满意度 | 指标, 41-服务对象满意度 | 指标 printed on the next page)."""
        joins = []
        for role, tail in (("level1", l1), ("level2", l2)):
            if tail is None:
                continue
            code, name = getattr(self, role)
            if name is None or is_level_cell(tail) or not is_level_cell(name + tail):
                return False
            joins.append((role, (code, name), (code, canonical(name + tail))))
        for role, old, new in joins:
            for ind in self.indicators:
                if (getattr(ind, role + "_code"), getattr(ind, role)) == old:
                    setattr(ind, role + "_code", new[0])
                    setattr(ind, role, new[1])
            setattr(self, role, new)
        self.warnings.append(Warning_("cell_split_by_page_break",
                                      f"joined {[t for t in (l1, l2) if t]} on page {row.page} to the level names above",
                                      row.page, self.project_seq))
        return True

    def set_level(self, role: str, value: tuple[Optional[str], Optional[str]]) -> None:
        """Set the current level-1/level-2, and give it to the indicators just above that have
        none (a merged cell whose text was printed further down, past a page break)."""
        setattr(self, role, value)
        for i in range(len(self.indicators) - 1, -1, -1):
            ind = self.indicators[i]
            known = getattr(ind, role) is not None or getattr(ind, role + "_code") is not None
            if known and i not in self._provisional[role]:
                break
            self._provisional[role].discard(i)
            setattr(ind, role + "_code", value[0])
            setattr(ind, role, value[1])

    def hint(self, text: str, bbox: Optional[BBox]) -> bool:
        """A level cell's text found outside the grid (a merged cell's text drawn past the table
        edge at a page break). Fills a level that is still unknown; True when it was used."""
        code, name = split_code(text)
        role = None
        if bbox is not None:
            for r in ("level1", "level2"):
                span = self.roles.xspans.get(r)
                if span and min(span[1], bbox[2]) - max(span[0], bbox[0]) > 0:
                    role = r
        if role is None and code is not None:
            role = "level1" if len(code) == 1 else "level2"
        if role is None:
            return False
        if getattr(self, role) == (None, None):
            self.set_level(role, (code, name))
        return True

    def _join_split_row(self, row: Row, l3, target, c3: Optional[RowCell], ct: Optional[RowCell]) -> None:
        """A row cut by a page break: its second half continues the previous indicator."""
        prev = self.indicators[-1]
        if l3 is not None:
            prev.level3 = canonical(f"{prev.level3 or ''}\n{l3}")
        if target is not None:
            prev.target = canonical(f"{prev.target or ''}\n{target}")
        self.warnings.append(Warning_(
            "row_split_by_page_break",
            f"joined {(l3 or target)!r} on page {row.page} to the indicator above it (row cut by a page break)",
            row.page, self.project_seq))

    def _text(self, row: Row, role: str) -> Optional[str]:
        cell = row.at(getattr(self.roles, role))
        return cell.fresh_text if cell is not None else None
