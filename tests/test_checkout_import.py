"""The checkout imports as `fujian` however it is put on sys.path: pip's compat editable mode,
`PYTHONPATH=.` or `python -m fujian` in the checkout add the repository folder itself, where
the root-as-package mapping of pyproject.toml does not reach (a fresh machine's installer
once ended in "No module named 'fujian'")."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import sys
sys.path[:] = [p for p in sys.path if 'site-packages' not in p]
sys.path.insert(0, sys.argv[1])
import fujian, fujian.write.atomic
print(fujian.__file__)
print(fujian.__path__[0])
print(fujian.__version__)
print(fujian.write.atomic.__file__)
"""


def test_the_checkout_on_sys_path_is_the_package():
    out = subprocess.run([sys.executable, "-S", "-c", PROBE, str(ROOT)], capture_output=True,
                         text=True, check=True).stdout.split("\n")
    assert out[0] == str(ROOT / "__init__.py")
    assert out[1] == str(ROOT)
    assert out[2] == __import__("fujian").__version__
    assert out[3] == str(ROOT / "write" / "atomic.py")
