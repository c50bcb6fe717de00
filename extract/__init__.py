"""Readers: one input file → Document (grid model in model.py).

This package is also the API function `fujian.extract(path, ...)` (api.extract): a package
named `extract` and a function named `extract` cannot both be the attribute `fujian.extract`,
so the package module is made callable and calls the function.
"""
import sys
import types


class _CallableModule(types.ModuleType):
    def __call__(self, *args, **kwargs):
        from fujian.api import extract

        return extract(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
