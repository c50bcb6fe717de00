"""Module-level patterns are compiled when first used (fujian/lazy_regex.py): every one of them
must still compile, behave as the compiled pattern, and importing the pipeline compiles none."""
from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import regex

import fujian
from fujian import lazy_regex
from fujian.lazy_regex import LazyPattern


def _patterns_in(value, depth=0):
    if isinstance(value, LazyPattern):
        yield value
    elif depth < 3 and isinstance(value, (tuple, list, set, frozenset)):
        for item in value:
            yield from _patterns_in(item, depth + 1)
    elif depth < 3 and isinstance(value, dict):
        for item in value.values():
            yield from _patterns_in(item, depth + 1)


PACKAGES = ("extract", "normalize", "vocabulary", "checks", "audit", "write", "batch", "db")


def _module_names():
    root = Path(fujian.__file__).resolve().parent
    for path in sorted(root.glob("*.py")):
        if path.stem not in ("__init__", "__main__"):
            yield f"fujian.{path.stem}"
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            yield "fujian." + ".".join(p for p in parts if p != "__init__")


def _all_lazy_patterns():
    found = {}
    for name in _module_names():
        try:
            module = importlib.import_module(name)
        except Exception:  # an optional dependency missing: its patterns are not ours to test
            continue
        for attr, value in vars(module).items():
            for k, pattern in enumerate(_patterns_in(value)):
                found[f"{name}.{attr}[{k}]"] = pattern
    return found


def test_every_module_level_pattern_compiles():
    patterns = _all_lazy_patterns()
    assert len(patterns) > 80  # the vocabulary's, the readers', the checks'
    bad = {}
    for name, pattern in patterns.items():
        try:
            pattern.compiled()
        except Exception as e:  # noqa: BLE001 - the report lists every bad pattern
            bad[name] = str(e)
    assert not bad


def test_a_lazy_pattern_answers_as_the_compiled_one_and_keeps_what_it_was_asked():
    source = r"^(?P<code>\d{1,4})\s*[-－]?\s*(?P<name>\p{Han}+)$"
    lazy, eager = lazy_regex.compile(source, regex.S), regex.compile(source, regex.S)
    assert "search" not in vars(lazy)
    for text in ("1-产出指标", "11－数量指标", "产出", "x1-产出"):
        a, b = lazy.search(text), eager.search(text)
        assert (a and a.groupdict()) == (b and b.groupdict())
    assert "search" in vars(lazy) and lazy.pattern == source and lazy.flags == eager.flags
    assert lazy.sub("#", "12-数量") == eager.sub("#", "12-数量")
    std = lazy_regex.compile_re(rb"<(?:\w+:)?f[ >/]")
    assert std.search(b"<x:f>") and not std.search(b"<fx>")


def test_a_bad_pattern_fails_when_used_not_when_made():
    pattern = lazy_regex.compile(r"(unclosed")
    try:
        pattern.search("x")
    except regex.error:
        return
    raise AssertionError("a bad pattern compiled")


def test_importing_the_pipeline_compiles_no_module_level_pattern():
    code = ("import fujian.pipeline, fujian.cli, fujian.batch.runner, fujian.checks, "
            "fujian.audit.targets, fujian.audit.validate\n"
            "from tests.test_lazy_regex import _all_lazy_patterns\n"
            "print(sum('_pattern' in vars(p) for p in _all_lazy_patterns().values()))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=str(Path(__file__).resolve().parent.parent),
                         check=True).stdout
    assert out.strip() == "0"
