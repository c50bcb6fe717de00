"""Random merged-cell layouts, drawn as real PDFs, come back cell for cell (hypothesis)."""
import sys
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))
from test_extract_pdf_builders import PageSpec, SpecCell, TableSpec, build_pdf, spec_rows  # noqa: E402

from fujian.extract.model import Table  # noqa: E402
from fujian.extract.pdf_document import read_pdf  # noqa: E402


@st.composite
def layouts(draw):
    n_rows = draw(st.integers(2, 7))
    n_cols = draw(st.integers(2, 5))
    widths = [draw(st.sampled_from([50.0, 70.0, 90.0, 120.0])) for _ in range(n_cols)]
    heights = [draw(st.sampled_from([18.0, 24.0, 36.0])) for _ in range(n_rows)]
    taken = [[False] * n_cols for _ in range(n_rows)]
    cells = []
    for r in range(n_rows):
        for c in range(n_cols):
            if taken[r][c]:
                continue
            max_cs = 1
            while c + max_cs < n_cols and not taken[r][c + max_cs]:
                max_cs += 1
            cs = min(max_cs, draw(st.sampled_from([1, 1, 1, 2, 3])))
            rs = min(n_rows - r, draw(st.sampled_from([1, 1, 2, 3, 5])))
            while any(taken[i][j] for i in range(r, r + rs) for j in range(c, c + cs)):
                rs -= 1
            for i in range(r, r + rs):
                for j in range(c, c + cs):
                    taken[i][j] = True
            text = draw(st.sampled_from(["", f"格{r}{c}", f"指标{r}-{c}", f"{r}{c}%"]))
            cells.append(SpecCell(r, c, text, rowspan=rs, colspan=cs))
    # a row (column) boundary that no cell border runs along cannot be seen on the page
    assume(all(any(c.row == k or c.row + c.rowspan == k for c in cells) for k in range(1, n_rows)))
    assume(all(any(c.col == k or c.col + c.colspan == k for c in cells) for k in range(1, n_cols)))
    as_rects = draw(st.booleans())
    return TableSpec(col_widths=widths, row_heights=heights, cells=cells, rules_as_rects=as_rects)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=layouts())
def test_random_merged_layouts_round_trip(tmp_path, spec):
    path = build_pdf(tmp_path / "random.pdf", [PageSpec(tables=[spec])])
    (table,) = [i for i in read_pdf(path).items if isinstance(i, Table)]
    got = sorted((c.row, c.col, c.rowspan, c.colspan, (c.text or "").replace("\n", ""))
                 for c in table.cells)
    assert got == spec_rows(spec)
    assert (table.n_rows, table.n_cols) == (len(spec.row_heights), len(spec.col_widths))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=layouts())
def test_random_merged_layouts_round_trip_with_camelot(tmp_path, spec):
    # camelot drops a grid whose slots are ≥90 % empty as ruling noise (documented limit)
    slots = len(spec.row_heights) * len(spec.col_widths)
    assume(sum(1 for c in spec.cells if c.text) >= 0.25 * slots)
    path = build_pdf(tmp_path / "random.pdf", [PageSpec(tables=[spec])])
    (table,) = [i for i in read_pdf(path, engine="camelot").items if isinstance(i, Table)]
    got = sorted((c.row, c.col, c.rowspan, c.colspan, (c.text or "").replace("\n", ""))
                 for c in table.cells)
    assert got == spec_rows(spec)
