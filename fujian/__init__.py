"""The repository root is the `fujian` package (pyproject maps it: package-dir fujian = ".").

An installer that puts the checkout itself on sys.path instead of mapping it (pip's
`editable_mode=compat`, a legacy `setup.py develop`, `PYTHONPATH=.`, or `python -m fujian` run
in the checkout without an install) looks for a `fujian` folder there: this is that folder. It
makes the module the repository root's own package — same `__path__`, same `__file__`, same
code — so every way of installing or running imports one and the same `fujian`.
"""
from pathlib import Path as _Path

_ROOT = _Path(__file__).resolve().parent.parent
__file__ = str(_ROOT / "__init__.py")
__path__ = [str(_ROOT)]
if __spec__ is not None:
    __spec__.origin = __file__
    __spec__.submodule_search_locations = __path__
del _Path
exec(compile((_ROOT / "__init__.py").read_text(encoding="utf-8"), __file__, "exec"))
del _ROOT
