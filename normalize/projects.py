"""The performance-table reader: the rows of the regions classified as performance tables
(regions.py) → projects.

A project starts at a table title row (…绩效目标表) or at a 项目名称 row; its header block runs
until the 一级指标 | 二级指标 … row, and its indicators until the next project or a table that
does not continue them. Tables on later pages continue a project when their first row is an
indicator row (a level cell, or blank level cells to fill down) or a repeated indicator header.
Rows that belong to no project are handed back (`ProjectsRead.leftover`), in order, for the
other readers; a table whose rows were never a project loses none of them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..vocabulary import (HEADER_FIELDS, PAGE_MARKER, form_of_title, header_key, is_bare_attachment_number,
                          is_document_title, is_group_label, is_indicator_header, is_indicator_header_top,
                          is_level_cell, is_table_title, unit_of)
from .header_form import (execution_columns, execution_item, finish_indicator, is_task_total, labels_only,
                          split_period, task_columns, task_item, total_score_row, values_under)
from .number_bounds import out_of_range_message
from .header_fields import (canonical_label, convert_amount, label_value_pairs, looks_like_header_row,
                            parse_amount, split_inline_pair, unit_from_label)
from .hierarchy import ColumnRoles, HierarchyBuilder, _union
from .records import DocumentRecord, Project, Warning_
from .cjk_text import canonical
from .rows import Row


@dataclass
class _OpenProject:
    project: Project
    state: str = "header"  # "header" → "indicators"
    builder: Optional[HierarchyBuilder] = None
    last_label: Optional[str] = None  # label of the last header row, for values continued below
    header_top: Optional[Row] = None  # upper row of a two-row column header (绩效指标 | 指标值)
    page_top: bool = False  # only a repeated column header so far on a new page
    rows: list[Row] = field(default_factory=list)
    last_table: Optional[int] = None
    labels_above: Optional[list] = None  # a row of labels whose values are in the next row
    execution_columns: Optional[dict] = None  # inside a self-evaluation money block
    task_columns: Optional[dict] = None  # inside a department's 年度主要任务 table


class _Reader:
    def __init__(self) -> None:
        self.record = DocumentRecord()
        self.current: Optional[_OpenProject] = None
        self.pending_unit: Optional[str] = None
        self.pending_rows: list[Row] = []  # title/unit lines not yet known to open a project
        self.title_needs_text = False  # the title was a bare 「附件2」: its text is the next line
        self.loose_lines: list[Row] = []  # text lines met inside a project's indicators
        self.column_extents: dict[int, dict[int, tuple[float, float]]] = {}  # table → column → x0, x1
        self.roles: Optional[ColumnRoles] = None
        self.leftover: list[Row] = []  # rows of no project, in order

    # -- project boundaries -------------------------------------------------------------
    def start_project(self, title: Optional[str] = None) -> _OpenProject:
        self.finish_project()
        project = Project(seq=len(self.record.projects) + 1, table_title=title,
                          amount_unit=self.pending_unit, form=form_of_title(title))
        self.pending_unit = None
        self.current = _OpenProject(project, rows=self.pending_rows)
        self.pending_rows = []
        return self.current

    def flush_loose_lines(self) -> None:
        self.leftover.extend(self.loose_lines)  # text between tables: the narrative's
        self.loose_lines = []

    def finish_project(self) -> None:
        self.flush_loose_lines()
        cur = self.current
        if cur is None:
            return
        p = cur.project
        if cur.builder is not None:
            p.indicators = cur.builder.indicators
            self.record.warnings.extend(cur.builder.warnings)
            for ind in p.indicators:
                finish_indicator(ind)
        p.form = form_of_title(p.table_title)
        if p.funding and p.fields.get("annual_amount") is not None:
            p.funding.setdefault("annual", p.fields["annual_amount"])
        pages = sorted({r.page for r in cur.rows if r.page is not None})
        p.pages = pages
        p.page = pages[0] if pages else None
        p.bbox = _union([c.bbox for r in cur.rows if r.page == p.page for c in r.cells])
        p.ref = next((c.ref for r in cur.rows for c in r.nonempty() if c.ref), None)
        for key in HEADER_FIELDS:
            p.fields.setdefault(key, None)
        self.current = None
        if not p.indicators:  # a header block with no indicator grid is not a project (SPEC)
            self.leftover.extend(cur.rows)
            return
        p.form = form_of_title(p.table_title)
        if p.fields.get("project_name") is None and p.form != "department_target":
            self.record.warnings.append(Warning_("incomplete_project", f"project {p.seq} has no 项目名称",
                                                 p.page, p.seq))
        p.seq = len(self.record.projects) + 1
        self.record.projects.append(p)

    # -- rows -----------------------------------------------------------------------------
    def feed(self, row: Row, following: list[Row]) -> None:
        cells = row.nonempty()
        if not cells:
            return
        if len(cells) > 1 and all(is_table_title(c.text) or unit_of(c.text) or is_document_title(c.text)
                                  for c in cells):
            for c in cells:  # 「部门项目支出预算绩效目标表 … 单位：万元」 printed on one row
                self.feed(Row([c], row.table, row.index, row.page), following)
            return
        first = cells[0].text
        single = len(cells) == 1
        cur = self.current
        before_projects = cur is None and not self.record.projects
        if single and is_document_title(first) and self.record.title is None and before_projects:
            self.record.title = first
            self.title_needs_text = is_bare_attachment_number(first)
            return
        if self.title_needs_text:
            self.title_needs_text = False
            next_cells = next((r.nonempty() for r in following if r.nonempty()), [])
            title_follows = len(next_cells) == 1 and is_table_title(next_cells[0].text)
            if single and before_projects and not (unit_of(first) or header_key(first)) and (
                    not is_table_title(first) or title_follows):
                self.record.title = f"{self.record.title}：{first}"
                return
        if single and PAGE_MARKER.match(first):
            return
        if single and is_table_title(first):
            if cur is not None and cur.state == "header" and not cur.project.fields:
                # two title lines before the header block: the one next to the table is its
                # title, the one above a section heading (三、项目支出预算绩效目标表)
                if cur.project.table_title and cur.project.table_title != first:
                    self.record.warnings.append(Warning_(
                        "section_heading", f"heading {cur.project.table_title!r} above the table title",
                        row.page, cur.project.seq))
                cur.project.table_title = first
                cur.project.form = form_of_title(first)
                cur.rows.append(row)
                return
            self.finish_project()
            self.start_project(first).rows.append(row)
            return
        if single and unit_of(first):
            if cur is not None and cur.state == "header" and cur.project.amount_unit is None:
                cur.project.amount_unit = unit_of(first)
                cur.rows.append(row)
            else:
                self.pending_unit = unit_of(first)
                self.pending_rows.append(row)
            return
        if header_key(first) == "project_name" and cur is not None and cur.state == "indicators" \
                and len(cells) > 1 and cells[1].text == cur.project.fields.get("project_name"):
            cur.state = "repeated_header"  # the header block printed again on the next page
            cur.rows.append(row)
            return
        if cur is not None and cur.state == "repeated_header":
            cur.rows.append(row)
            if is_indicator_header([c.fresh_text for c in row.cells]):
                cur.state = "indicators"
                cur.last_table = row.table
                self.roles = cur.builder.roles = ColumnRoles.from_header(row)
            return
        if header_key(first) == "project_name" and (
                cur is None or cur.state == "indicators" or cur.project.fields.get("project_name")):
            if not _opens_header_block(row, following):
                self.finish_project()
                self.keep(row)
                return
            cur = self.start_project()
        if cur is None:
            self.keep(row)
            return
        if cur.state == "header":
            self.read_header_row(cur, row)
        else:
            self.read_indicator_row(cur, row)

    def read_form_row(self, cur: _OpenProject, row: Row) -> bool:
        """The form's blocks besides label/value pairs (header_form.py); True when `row` was one
        of theirs."""
        p = cur.project
        if cur.execution_columns is not None:
            item = execution_item(row, cur.execution_columns)
            if item is not None:
                p.execution.append(item)
                if header_key(item["item"]) == "annual_amount" and p.fields.get("annual_amount") is None:
                    p.fields["annual_amount"] = item.get("adjusted_budget", item.get("initial_budget"))
                cur.rows.append(row)
                return True
            cur.execution_columns = None
        if cur.task_columns is not None:
            refined = task_columns(row, cur.task_columns)
            if refined is not None:
                cur.task_columns = refined
                cur.rows.append(row)
                return True
            if is_task_total(row):
                total = task_item(row, cur.task_columns) or {}
                amount = total.get("amount")
                if amount is None:
                    amount = next((v for k, v in total.items() if k not in ("name", "content") and v is not None), None)
                if amount is not None:
                    p.fields["annual_amount"] = amount
                cur.task_columns = None
                cur.rows.append(row)
                return True
            item = task_item(row, cur.task_columns)
            if item is not None:
                p.tasks.append(item)
                cur.rows.append(row)
                return True
            cur.task_columns = None
        for find, attr in ((execution_columns, "execution_columns"), (task_columns, "task_columns")):
            columns = find(row)
            if columns is not None:
                setattr(cur, attr, columns)
                for c in row.nonempty():  # 预算金额（万元）: the unit of the block's amounts
                    if p.amount_unit is None and unit_from_label(c.text):
                        p.amount_unit = unit_from_label(c.text)
                cur.rows.append(row)
                return True
        if cur.labels_above is not None:
            pairs = values_under(cur.labels_above, row)
            cur.labels_above = None
            if pairs:
                for label, value in pairs:
                    self.set_field(p, label, value, row)
                cur.rows.append(row)
                return True
        labels = labels_only(row)
        if labels is not None:
            cur.labels_above = labels
            for c in row.nonempty():
                if is_group_label(c.text) and p.amount_unit is None and unit_from_label(c.text):
                    p.amount_unit = unit_from_label(c.text)
            cur.rows.append(row)
            return True
        return False

    def read_header_row(self, cur: _OpenProject, row: Row) -> None:
        texts = [c.fresh_text for c in row.cells]
        if not is_indicator_header(texts) and self.read_form_row(cur, row):
            return
        if is_indicator_header(texts):
            self.roles = ColumnRoles.from_header(_with_top_row(row, cur.header_top))
            self.begin_indicators(cur, row)
            return
        cells = row.nonempty()
        if is_indicator_header_top([c.text for c in cells]):
            cur.rows.append(row)  # the 一级指标 … row below it sets the columns
            cur.header_top = row
            return
        if is_level_cell(cells[0].text) and not header_key(cells[0].text):
            self.roles = self.roles or ColumnRoles.by_position(row)
            self.begin_indicators(cur, row)
            self.read_indicator_row(cur, row)
            return
        cur.rows.append(row)
        first_slot = row.cells[0] if row.cells else None
        label_merged = first_slot is not None and first_slot.fresh_text is None and cells[0].col > 0
        if len(cells) == 1 and label_merged and cur.last_label is not None:
            # the label cell is merged over this row (or left empty in a dump): more of its value
            self.extend_field(cur.project, cur.last_label, cells[0].text, row)
            return
        if len(cells) == 1:
            pair = split_inline_pair(cells[0].text)
            if pair:
                self.set_field(cur.project, pair[0], pair[1], row)
            elif not cur.project.fields and not cur.project.extra_fields and not header_key(cells[0].text):
                if not _YEAR_SUBTITLE.match(cells[0].text):  # （2025年度） is no news
                    self.record.warnings.append(Warning_(  # a subtitle under the title
                        "subtitle", f"line {cells[0].text!r} under the table title", row.page, cur.project.seq))
            elif cells[0].col == 0 or header_key(cells[0].text):
                self.set_field(cur.project, cells[0].text, None, row)
            else:
                self.record.warnings.append(Warning_("unplaced_text", f"text {cells[0].text!r} in the header block has no label",
                                                     row.page, cur.project.seq))
            return
        pairs = label_value_pairs(row)
        for label, value, _ in pairs:
            self.set_field(cur.project, label, value, row)
        if pairs and pairs[0][2] == 0:
            cur.last_label = pairs[0][0]

    def extend_field(self, p: Project, label: str, more: str, row: Row) -> None:
        key = header_key(label)
        if key in (None, "annual_amount") or p.fields.get(key) is None:
            name = canonical_label(label)
            if key is None and p.extra_fields.get(name) is not None:
                p.extra_fields[name] = canonical(f"{p.extra_fields[name]}\n{more}")
            else:
                self.set_field(p, label, more, row)
            return
        p.fields[key] = canonical(f"{p.fields[key]}\n{more}")
        p.raw[key] = f"{p.raw.get(key) or ''}\n{more}"

    def set_field(self, p: Project, label: str, value: Optional[str], row: Row) -> None:
        key = header_key(label)
        if key is None:
            if is_group_label(label):  # 项目资金（元）, 项目绩效目标: a block's label, no value
                p.amount_unit = p.amount_unit or unit_from_label(label)
                return
            name = canonical_label(label)
            if value is not None or name not in p.extra_fields:
                p.extra_fields[name] = value
            return
        if key == "period":  # 项目起止时间: the two ends as printed
            if value is not None:
                start, end = split_period(value)
                p.fields.setdefault("start_date", start)
                p.fields.setdefault("end_date", end)
            return
        if key.startswith("funding.") or key == "total_score":
            if value is None:
                p.amount_unit = p.amount_unit or unit_from_label(label)
                return
            amount, unit = parse_amount(value)
            if amount is None:
                self.record.warnings.append(Warning_(*_not_a_number(label, value),
                                                     row.page, p.seq))
                p.extra_fields[canonical_label(label)] = value
                return
            if key == "total_score":
                p.fields["total_score"] = amount
                return
            p.amount_unit = p.amount_unit or unit or unit_from_label(label)
            if unit and p.amount_unit and unit != p.amount_unit:
                amount = convert_amount(amount, unit, p.amount_unit) or amount
            p.funding.setdefault(key.split(".", 1)[1], amount)
            return
        if key == "annual_amount" and p.amount_unit is None:
            p.amount_unit = unit_from_label(label)  # 项目资金（万元）, also as a group label
        if value is None:
            return  # a group label (项目资金 over its sub-rows) or an empty value
        if p.fields.get(key) is not None:
            if p.fields[key] != value and key != "annual_amount":
                self.record.warnings.append(Warning_(
                    "duplicate_field", f"{label} given twice: kept {p.fields[key]!r}, ignored {value!r}",
                    row.page, p.seq))
            return
        p.raw[key] = value
        if key == "annual_amount":
            amount, unit = parse_amount(value)
            if amount is None:
                self.record.warnings.append(Warning_(*_not_a_number(label, value),
                                                     row.page, p.seq))
                p.extra_fields[canonical_label(label)] = value
                return
            if unit and p.amount_unit and unit != p.amount_unit and convert_amount(amount, unit, p.amount_unit) is not None:
                converted = convert_amount(amount, unit, p.amount_unit)
                self.record.warnings.append(Warning_(
                    "amount_unit_converted", f"{label} printed as {value!r}; given as {converted} {p.amount_unit} "
                    f"(the table's unit)", row.page, p.seq))
                amount = converted
            p.fields[key] = amount
            p.amount_unit = p.amount_unit or unit or unit_from_label(label)
        else:
            p.fields[key] = value

    def begin_indicators(self, cur: _OpenProject, row: Row) -> None:
        cur.state = "indicators"
        cur.builder = HierarchyBuilder(self.roles or ColumnRoles.by_position(row), cur.project.seq)
        cur.rows.append(row)
        cur.last_table = row.table

    def read_indicator_row(self, cur: _OpenProject, row: Row) -> None:
        if row.table is None:  # text outside the grid, between indicator tables
            text = row.cells[0].text
            if is_level_cell(text) and cur.builder.hint(text, row.cells[0].bbox):
                return
            self.loose_lines.append(row)  # a caption of the next table, or a note: decided below
            return
        texts = [c.fresh_text for c in row.cells]
        new_table = row.table != cur.last_table
        if is_indicator_header(texts):  # repeated on a continuation page
            self.roles = ColumnRoles.from_header(row)
            cur.builder.roles = self.roles
            cur.rows.append(row)
            cur.page_top = new_table  # the next row is still the first of the new page
            cur.last_table = row.table
            return
        is_total, score = total_score_row(row)
        if is_total:  # 总分 at the foot of a self-evaluation
            cur.project.fields["total_score"] = score
            cur.rows.append(row)
            cur.last_table = row.table
            return
        if new_table:
            cur.builder.roles = cur.builder.roles.remap(self.column_extents.get(row.table, {}))
        if new_table and not cur.builder.is_indicator_row(row):
            captions, self.loose_lines = self.loose_lines, []
            self.finish_project()
            for line in captions:
                self.keep(line)
            self.keep(row)
            return
        self.flush_loose_lines()
        if not new_table and not cur.builder.is_indicator_row(row) and looks_like_header_row(row) \
                and not any(c.fresh_text for c in (row.at(cur.builder.roles.level3), row.at(cur.builder.roles.target)) if c):
            self.finish_project()
            self.keep(row)
            return
        cur.builder.add(row, continues_page=new_table or cur.page_top)
        cur.page_top = False
        cur.rows.append(row)
        cur.last_table = row.table

    def keep(self, row: Row) -> None:
        self.leftover.extend(self.pending_rows)  # a unit line above a table that is not a project's
        self.pending_rows, self.pending_unit = [], None
        self.leftover.append(row)

    def finish(self) -> DocumentRecord:
        self.finish_project()
        self.leftover.extend(self.pending_rows)
        self.pending_rows = []
        return self.record


def _with_top_row(row: Row, top: Optional[Row]) -> Row:
    """The 一级指标 … row, its empty columns named by the row above (指标值 merged over both
    rows of a two-row column header, left blank below in a text dump)."""
    if top is None or top.table != row.table:
        return row
    cells = [c if c.text is not None or i >= len(top.cells) or top.cells[i].text is None else top.cells[i]
             for i, c in enumerate(row.cells)]
    return Row(cells, row.table, row.index, row.page, row.last)


def _opens_header_block(row: Row, following: list[Row]) -> bool:
    """A 项目名称 row opens a project's header block when more header labels follow it (the
    column header of a list of projects, 项目名称 | 合计 | 一般公共预算 …, does not)."""
    for nxt in following:
        if nxt.table != row.table:
            break
        cells = nxt.nonempty()
        if cells and (header_key(cells[0].text) or is_indicator_header([c.text for c in cells])):
            return True
    return False


LOOKAHEAD_ROWS = 3
_YEAR_SUBTITLE = __import__("regex").compile(r"^[（(]\s*\d{4}\s*年度?\s*[)）]$")


def _column_extents(rows: list[Row]) -> dict[int, dict[int, tuple[float, float]]]:
    """For every table, the horizontal extent of each grid column (over its one-column cells)."""
    out: dict[int, dict[int, tuple[float, float]]] = {}
    for row in rows:
        if row.table is None:
            continue
        cols = out.setdefault(row.table, {})
        for c in row.cells:
            if c.bbox is None or c.continued or c.colspan > 1:
                continue
            x0, x1 = cols.get(c.col, (c.bbox[0], c.bbox[2]))
            cols[c.col] = (min(x0, c.bbox[0]), max(x1, c.bbox[2]))
    return out


@dataclass
class ProjectsRead:
    projects: list[Project]
    warnings: list[Warning_]
    title: Optional[str]  # the attachment title (附件2：…) met before the first project
    leftover: list[Row]  # rows that belong to no project, in order


def read_projects(rows: list[Row]) -> ProjectsRead:
    """Projects from the rows of the performance regions (in document order)."""
    reader = _Reader()
    reader.column_extents = _column_extents(rows)
    for i, row in enumerate(rows):
        reader.feed(row, rows[i + 1:i + 1 + LOOKAHEAD_ROWS])
    record = reader.finish()
    leftover_ids = {id(r) for r in reader.leftover}
    leftover = [r for r in rows if id(r) in leftover_ids]  # in document order
    return ProjectsRead(record.projects, record.warnings, record.title, leftover)


def _not_a_number(label: str, value: str) -> tuple[str, str]:
    """The warning for an amount cell that gives no amount: text, or a number out of range."""
    digits = value.replace(",", "").replace(".", "").strip().lstrip("+-")
    if digits.isdigit():
        return "amount_out_of_range", out_of_range_message(label, value)
    return "amount_not_a_number", f"{label} {value!r} is not a number"
