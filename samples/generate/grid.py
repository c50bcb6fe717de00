"""One project's performance-target table as a 4-column grid of cells, shared by every
renderer (Excel, Word, reportlab) so they all print the same layout:

    项目名称      | value (spans 3 columns)
    主管部门      | value | 实施单位 | value
    项目属性      | value | 项目期限 | value
    项目主管处室  | value | 项目年度金额 | value        (or a regional synonym label)
    extra label   | value | extra label | value        (extra_fields, two per row)
    年度总体绩效目标 | value (spans 3 columns)
    一级指标 | 二级指标 | 三级指标 | 绩效值
    level-1 (merged down) | level-2 (merged down) | level-3 | target

When indicators carry extra columns (指标性质, 度量单位, 权重 …) the grid widens: 指标性质
is printed before 绩效值, the others after it, and the header block's values span the
extra columns (left value over columns 1..k-1, right label at k, right value k+1..end,
k = columns // 2).
"""
from __future__ import annotations

from dataclasses import dataclass

from content import Department, Project

PRINTED_BEFORE_TARGET = ("指标性质",)


@dataclass
class GridCell:
    row: int
    col: int
    text: str | None  # canonical text (renderers may print a distorted form)
    rowspan: int = 1
    colspan: int = 1
    kind: str = "value"  # "label", "value", "head" (indicator column heads), "ind"


@dataclass
class ProjectGrid:
    cells: list[GridCell]
    n_rows: int
    indicator_rows: list[int]  # grid row of each indicator, in content order
    head_row: int  # the 一级指标/二级指标/三级指标/绩效值 row
    n_cols: int = 4


def extra_heads(project: Project) -> tuple[list[str], list[str]]:
    """The extra indicator column heads printed before and after 绩效值."""
    heads: list[str] = []
    for ind in project.indicators:
        for k, _ in ind.extra:
            if k not in heads:
                heads.append(k)
    return [h for h in heads if h in PRINTED_BEFORE_TARGET], [h for h in heads if h not in PRINTED_BEFORE_TARGET]


def project_grid(dept: Department, project: Project) -> ProjectGrid:
    cells: list[GridCell] = []
    r = 0
    before, after = extra_heads(project)
    n_cols = 4 + len(before) + len(after)
    mid = n_cols // 2  # column of the right-hand label in the header block

    def full(label: str, value: str) -> None:
        nonlocal r
        cells.append(GridCell(r, 0, label, kind="label"))
        cells.append(GridCell(r, 1, value, colspan=n_cols - 1))
        r += 1

    def pair(l1: str, v1: str, l2: str | None, v2: str | None) -> None:
        nonlocal r
        cells.append(GridCell(r, 0, l1, kind="label"))
        if l2 is None:
            cells.append(GridCell(r, 1, v1, colspan=n_cols - 1))
        else:
            cells.append(GridCell(r, 1, v1, colspan=mid - 1))
            cells.append(GridCell(r, mid, l2, kind="label"))
            cells.append(GridCell(r, mid + 1, v2, colspan=n_cols - mid - 1))
        r += 1

    value = lambda key: dept.project_value(project, key)  # noqa: E731
    lab = project.label
    full(lab("project_name"), project.project_name)
    pair(lab("department"), value("department"), lab("implementing_unit"), value("implementing_unit"))
    pair(lab("project_type"), project.project_type, lab("duration"), project.duration)
    pair(lab("managing_office"), value("managing_office"), lab("annual_amount"), project.annual_amount)
    extras = list(project.extra_fields)
    for i in range(0, len(extras), 2):
        (l1, v1), second = extras[i], (extras[i + 1] if i + 1 < len(extras) else (None, None))
        pair(l1, v1, *second)
    full(lab("overall_goal"), project.overall_goal)
    head_row = r
    columns = ["一级指标", "二级指标", "三级指标", *before, "绩效值", *after]
    for c, t in enumerate(columns):
        cells.append(GridCell(r, c, t, kind="head"))
    r += 1

    indicator_rows = []
    inds = project.indicators
    i = 0
    while i < len(inds):  # level-1 groups
        j = i
        while j < len(inds) and inds[j].level1 == inds[i].level1:
            j += 1
        cells.append(GridCell(r + 0, 0, inds[i].level1, rowspan=j - i, kind="ind"))
        k = i
        while k < j:  # level-2 groups inside
            m = k
            while m < j and inds[m].level2 == inds[k].level2:
                m += 1
            cells.append(GridCell(r + (k - i), 1, inds[k].level2, rowspan=m - k, kind="ind"))
            k = m
        for n in range(i, j):
            indicator_rows.append(r + (n - i))
            row = r + (n - i)
            values = {"三级指标": inds[n].level3, "绩效值": inds[n].target, **dict(inds[n].extra)}
            for c in range(2, len(columns)):
                cells.append(GridCell(row, c, values.get(columns[c]), kind="ind"))
        r += j - i
        i = j
    return ProjectGrid(cells, r, indicator_rows, head_row, len(columns))
