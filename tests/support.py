"""Helpers shared by the tests (imported as `support`: pytest puts tests/ on sys.path)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

from index.config import bundled_dir

SEEDS = bundled_dir() / "seeds"


def write_config(folder: Path, data: dict) -> Path:
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def console_script() -> str:
    """The installed `ceasefire-tui` next to this interpreter."""
    beside = Path(sys.executable).parent / "ceasefire-tui"
    return str(beside) if beside.exists() else shutil.which("ceasefire-tui") or "ceasefire-tui"
