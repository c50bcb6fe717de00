"""Regular expressions compiled when first used, not when their module is imported.

    TOTAL_ROW = lazy_regex.compile(r"^(?:合计|总计)$")   # as regex.compile (or re.compile)
    TOTAL_ROW.fullmatch(text)                            # compiled here, once

The vocabulary and the readers hold about a hundred module-level patterns; compiling them all
at import cost a third of a one-file run's fixed cost (bench/bench_startup.py), and most runs
use only some of them (a text dump never meets the budget-table or OCR patterns). A
`LazyPattern` compiles on its first attribute access and then keeps each attribute it was
asked for (`search`, `sub`, `pattern` …) in its own __dict__, so later calls cost what a call
on the compiled pattern costs.
"""
from __future__ import annotations

from typing import Any


class LazyPattern:
    def __init__(self, module: str, args: tuple, kwargs: dict):
        self._how = (module, args, kwargs)

    def compiled(self):
        module, args, kwargs = self._how
        if module == "re":
            import re

            return re.compile(*args, **kwargs)
        import regex

        return regex.compile(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "_how":  # copy/pickle probing: not a pattern's
            raise AttributeError(name)
        value = getattr(self.__dict__.get("_pattern") or self._compile(), name)
        self.__dict__[name] = value
        return value

    def _compile(self):
        pattern = self.compiled()
        self.__dict__["_pattern"] = pattern
        return pattern

    def __repr__(self) -> str:
        return f"LazyPattern({self._how[1][0]!r})"


def compile(*args, **kwargs) -> LazyPattern:  # noqa: A001 - the name regex/re use
    """Like `regex.compile(pattern, flags=0, **kwargs)`, compiled at first use."""
    return LazyPattern("regex", args, kwargs)


def compile_re(*args, **kwargs) -> LazyPattern:
    """Like the standard library's `re.compile(pattern, flags=0)`, compiled at first use."""
    return LazyPattern("re", args, kwargs)
