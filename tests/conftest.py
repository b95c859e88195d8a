"""Shared fixtures: every test gets its own cache, config and data folders, so
no test sees the developer's index, config or query history, and corpora
live in tmp_path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ceasefire_tui.index.config import load_config
from ceasefire_tui.index.library import Library
from ceasefire_tui.index.search import BACKENDS
from support import SEEDS, write_config, write_seeds_config


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))  # where exports and the query history go
    monkeypatch.delenv("CEASEFIRE_TUI_CONFIG", raising=False)
    return home


@pytest.fixture
def seeds_corpus(tmp_path) -> Path:
    """A copy of the five seed articles."""
    target = tmp_path / "corpus"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture(params=BACKENDS)
def seeds_config(request, tmp_path, seeds_corpus) -> Path:
    """A config on a copy of the seeds, once per search backend (as Harlequin's
    tests run over all its adapters): every test that searches through it, or
    through ``library`` and ``app``, runs on each backend."""
    return write_config(tmp_path, {"corpus": {"paths": ["corpus"]},
                                   "index": {"path": "index", "backend": request.param}})


@pytest.fixture
def library(seeds_config):
    lib = Library(load_config(seeds_config))
    lib.refresh()
    yield lib
    lib.close()


@pytest.fixture
def app(seeds_config):
    """The TUI on a copy of the seeds (its library closed afterwards)."""
    from tui_support import make_app

    application = make_app(seeds_config)
    yield application
    application.library.close()


@pytest.fixture
def seeds_app(tmp_path, seeds_corpus):
    """``seeds_app(ui={...})``: the TUI on a copy of the seeds with those config
    sections (its library closed afterwards)."""
    from tui_support import make_app

    made = []

    def make(**sections):
        made.append(make_app(write_seeds_config(tmp_path, **sections)))
        return made[-1]

    yield make
    for application in made:
        application.library.close()


@pytest.fixture(scope="session")
def spacy_backend():
    """The spaCy entity backend's name, or the test is skipped without the nlp extra."""
    from ceasefire_tui.index.analysis.entities import available_backend

    pytest.importorskip("spacy", reason="spaCy is optional (pip install 'ceasefire-tui[nlp]')")
    if available_backend("spacy", "en_core_web_sm") != "spacy":
        pytest.skip("no English spaCy pipeline installed (en_core_web_sm)")
    return "spacy"


@pytest.fixture
def local_web():
    """A web server on 127.0.0.1 (tests/support_web.py), stopped afterwards."""
    from support_web import LocalWeb

    with LocalWeb() as web:
        yield web
