"""Canonical text rules of SPEC.md, one test each, and properties over random text."""
import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from fujian.normalize.cjk_text import canonical


@pytest.mark.parametrize("raw, want", [
    ("充 分发挥", "充分发挥"),                              # wrap inside a narrow cell
    ("人大代表培训、考\n察学习经费", "人大代表培训、考察学习经费"),  # PDF line break in a cell
    ("每次 6667 元", "每次6667元"),                          # spaces around numbers
    ("2025 年 1-12 月", "2025年1-12月"),
    ("附件 2：平罗县", "附件2：平罗县"),
    ("⼈⼤常委会", "人大常委会"),                             # Kangxi radicals
    ("⻓期项目", "长期项目"),                                 # CJK radicals supplement
    ("\uf9d0目", "類目"),                                    # compatibility ideograph → unified
    ("１００％", "100%"),                                    # full-width digits and ％
    ("ＡＢＣ１２３", "ABC123"),
    ("培训（考察学习）交流，“大文化”。", "培训（考察学习）交流，“大文化”。"),  # CJK punctuation stays
    ("12\n345", "12345"),                                    # line break between digits
    ("≥  90%", "≥ 90%"),                                     # other runs → one space
    ("  city   hall \n plan ", "city hall plan"),
    ("≥ 90 %", "≥ 90 %"),
    ("", None), ("   \n\t ", None), (None, None),             # empty cell → null
    ("a\u200bb", "ab"),                                       # zero-width characters dropped
    ("项目\u3000名称", "项目名称"),                            # ideographic space
])
def test_rule(raw, want):
    assert canonical(raw) == want


def test_fullwidth_punctuation_is_not_folded():
    # NFKC would turn these into ASCII; the targeted table must not.
    assert canonical("（万元）：；，。") == "（万元）：；，。"


def test_every_kangxi_radical_maps_to_a_unified_ideograph():
    for cp in range(0x2F00, 0x2FD6):
        out = canonical(chr(cp))
        assert regex.fullmatch(r"\p{Han}", out) and not 0x2F00 <= ord(out) <= 0x2FDF, hex(cp)


_text = st.text(alphabet=st.sampled_from(list("人大代表培训考察学习经费，。、：；（）“”0123456789０１２％%≥ab \n\t⼈⼤⻓\u3000-/")),
                max_size=60)


@settings(max_examples=300, deadline=None)
@given(_text)
def test_idempotent(s):
    once = canonical(s)
    assert canonical(once) == once


@settings(max_examples=300, deadline=None)
@given(_text)
def test_never_loses_a_cjk_character(s):
    from fujian.normalize.cjk_text import unify_lookalikes

    han = regex.findall(r"\p{Han}", unify_lookalikes(s))
    assert regex.findall(r"\p{Han}", canonical(s) or "") == han


@pytest.mark.parametrize("raw, want", [("272000.\n00", "272000.00"), ("1,\n200.5", "1,200.5"), ("12\n.5万元", "12.5万元")])
def test_line_break_inside_a_number(raw, want):
    assert canonical(raw) == want
