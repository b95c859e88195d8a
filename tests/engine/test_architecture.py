"""The engine is pure Python: it never imports Textual or Rich."""

import pkgutil
import subprocess
import sys

import index


def test_engine_never_imports_textual_or_rich():
    modules = [m.name for m in pkgutil.walk_packages(index.__path__, "index.")]
    probe = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "assert not bad, bad\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert len(modules) >= 8
