"""The engine is pure Python: it never imports Textual or Rich; and no module
or class in the engine or the TUI grows past what one can read as a whole."""

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

from ceasefire_tui import index
REPO = Path(__file__).resolve().parents[2]
MODULE_LINES, CLASS_LINES = 400, 250


def test_engine_never_imports_textual_or_rich():
    modules = [m.name for m in pkgutil.walk_packages(index.__path__, "ceasefire_tui.index.")]
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


def test_no_module_or_class_in_index_or_tui_is_too_long():
    too_long = []
    for package in ("index", "tui"):
        for path in sorted((REPO / package).rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            name = path.relative_to(REPO).as_posix()
            if len(text.splitlines()) > MODULE_LINES:
                too_long.append(f"{name}: {len(text.splitlines())} lines")
            for node in ast.walk(ast.parse(text)):
                if isinstance(node, ast.ClassDef) and node.end_lineno - node.lineno + 1 > CLASS_LINES:
                    too_long.append(f"{name}: class {node.name}, {node.end_lineno - node.lineno + 1} lines")
    assert not too_long, too_long
