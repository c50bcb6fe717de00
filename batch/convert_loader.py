"""Find the function that converts one file, named as "module:function".

The default is the pipeline's `fujian.pipeline:convert_file`. A path to a Python file
also works ("/tmp/slow.py:convert"), which is how tests swap in a converter that hangs or
crashes. The function is called as `convert(path, name=..., engine=..., password=...,
keep_raw=...)` and returns the per-document JSON dict.
"""
from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path
from typing import Callable

DEFAULT_CONVERTER = "fujian.pipeline:convert_file"


class ConverterError(Exception):
    """The converter cannot be loaded; the message is for the user."""


def load_converter(spec: str = DEFAULT_CONVERTER) -> Callable[..., dict]:
    module_name, sep, func_name = spec.rpartition(":")
    if not sep or not module_name or not func_name:
        raise ConverterError(f"converter {spec!r} is not of the form module:function")
    try:
        if module_name.endswith(".py"):
            path = Path(module_name)
            mod_spec = importlib.util.spec_from_file_location(f"_fujian_converter_{path.stem}", path)
            if mod_spec is None or mod_spec.loader is None:
                raise ImportError(f"cannot load {path}")
            module = importlib.util.module_from_spec(mod_spec)
            mod_spec.loader.exec_module(module)
        else:
            module = importlib.import_module(module_name)
        func = getattr(module, func_name)
    except Exception as e:  # any failure to load is reported, never a traceback
        raise ConverterError(f"cannot load the converter {spec}: {type(e).__name__}: {e}") from e
    if not callable(func):
        raise ConverterError(f"converter {spec} is not callable")
    return func
