"""`pdftotext -layout` pages → rows: columns are aligned with spaces, so a run of two or more
spaces separates cells; the table structure is rebuilt by unruled_table."""
from __future__ import annotations


from ..vocabulary import header_key, is_table_title, squeeze
from .unruled_table import Fragment, Line, UnruledReader
from .. import lazy_regex

_FRAGMENT = lazy_regex.compile(r"\S+(?: \S+)*")


def layout_rows(pages: list[str]) -> list[list[list[str]]]:
    """Rows of fields for each page of a layout dump."""
    reader = UnruledReader()
    out = []
    for page_text in pages:
        lines = []
        for y, raw in enumerate(page_text.split("\n")):
            raw = raw.replace("\u3000", "  ")
            frags = _join_spread_labels([piece for m in _FRAGMENT.finditer(raw)
                                         for piece in _split_before_code(Fragment(m.start(), m.end(), m.group()))])
            if frags:
                lines.append(Line(y, frags))
        rows = []
        for half in _two_up(lines):
            rows += reader.page_rows(half)
        out.append([[f.text if f else "" for f in row] for row in rows])
    return out


def _two_up(lines: list[Line]) -> list[list[Line]]:
    """A page printing two forms side by side (A3 two-up: two table titles on one line) → the
    left form's lines, then the right one's; each line is cut where the right form begins, its
    margin being the titles' distance less a few columns (dumps shift text by a few columns)."""
    for ln in lines:
        titles = [f for f in ln.fragments if is_table_title(f.text)]
        if len(titles) == 2:
            cut = titles[1].x0 - titles[0].x0 - 8
            for l in lines:  # a text printed by both forms (单位：万元) lies on the left of the cut once
                twins = [f for f in l.fragments if len([g for g in l.fragments if g.text == f.text]) == 2]
                if len(twins) == 2 and cut <= twins[0].x0 < cut + 8 and twins[0].x0 + 1 < twins[1].x0:
                    cut = twins[0].x0 + 1
            if cut <= 0:
                break
            left = [Line(l.y, [f for f in l.fragments if f.x0 < cut]) for l in lines]
            right = [Line(l.y, [f for f in l.fragments if f.x0 >= cut]) for l in lines]
            return [[l for l in left if l.fragments], [l for l in right if l.fragments]]
    return [lines]



_COLUMN_NAMES = ("一级指标", "二级指标", "三级指标")
_BEFORE_CODE = lazy_regex.compile(r"(?<=\S) (?=\d{1,2}[-－—–]\p{Han})")


def _split_before_code(frag: Fragment) -> list[Fragment]:
    """Narrow columns one space apart (`指标 22-社会效`, `满意 31-服务对`): a coded level label
    starts a cell of its own."""
    out, start = [], 0
    for m in _BEFORE_CODE.finditer(frag.text):
        out.append(Fragment(frag.x0 + start, frag.x0 + m.start(), frag.text[start:m.start()]))
        start = m.end()
    out.append(Fragment(frag.x0 + start, frag.x1, frag.text[start:]))
    return out


def _join_spread_labels(frags: list[Fragment]) -> list[Fragment]:
    """A label printed with its characters spread over its cell (项    目   名    称, 项目   名称)
    falls apart at the runs of spaces: its short pieces are joined again when they spell a label."""
    out: list[Fragment] = []
    i = 0
    while i < len(frags):
        for j in range(min(len(frags), i + 8), i + 1, -1):
            pieces = frags[i:j]
            text = "".join(squeeze(f.text) for f in pieces)
            if all(len(squeeze(f.text)) <= 3 for f in pieces) and (header_key(text) or text in _COLUMN_NAMES):
                out.append(Fragment(pieces[0].x0, pieces[-1].x1, text))
                i = j
                break
        else:
            out.append(frags[i])
            i += 1
    return out
