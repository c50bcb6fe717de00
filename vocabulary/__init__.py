"""The words of the printed forms, in one place, shared by the readers and the normaliser.

- `performance`: 项目支出绩效目标表 and its kin (header labels, titles, level codes).
- `budget`: the standard budget tables (titles by kind, header words, column ids, row words).
- `bundle`: the words of a disclosure bundle around its tables (cover, 编制部门, headings).

Only facts about what is printed live here; what to do with them lives in the stage that uses
them. `from fujian.vocabulary import X` reaches the performance-form words directly (they
were this module's only content before bundles were read).
"""
from .performance import *  # noqa: F401,F403
from .performance import __all__ as _performance_all  # noqa: F401
