"""The wheel installs one distinct import package, ``ceasefire_tui``, and
every package of the repository's ``index/`` and ``tui/`` is in it."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_every_package_of_the_repository_is_listed_for_the_wheel():
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {
        "ceasefire_tui." + ".".join(init.parent.relative_to(REPO).parts)
        for top in ("index", "tui") for init in (REPO / top).rglob("__init__.py")
    }
    assert found - listed == set()


def test_the_engine_and_the_tui_are_not_generic_top_level_names(tmp_path):
    # A fresh interpreter outside the checkout sees what the install provides
    # (inside it, the current folder would make `index` importable anyway).
    code = (
        "import importlib.util as util, ceasefire_tui.index, ceasefire_tui.tui.cli\n"
        "print([name for name in ('index', 'tui') if util.find_spec(name)])\n"
    )
    found = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"
