"""The engine's layers hold: Whoosh behind the search-backend seam, the TUI on
the engine's public face, one error family mapped to exit codes in one place,
and an index from before a layout change rebuilt with its one-line note."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from ceasefire_tui import index
from ceasefire_tui.index import CeasefireError, EntityHits, Library, load_config
from ceasefire_tui.index.search import SearchBackend
from ceasefire_tui.index.search.whoosh.folder import META_FILE
from ceasefire_tui.index.search.whoosh.schema import SCHEMA_VERSION
from support import write_config
from ceasefire_tui.tui.cli import main

REPO = Path(__file__).resolve().parents[2]
WHOOSH_PACKAGE = REPO / "index" / "search" / "whoosh"


def imports(path: Path) -> list[str]:
    """The absolute module names ``path`` imports (relative ones resolved)."""
    package = ".".join(("ceasefire_tui",) + path.relative_to(REPO).with_suffix("").parts[:-1])
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            names.append(module)
            names.extend(f"{module}.{alias.name}" for alias in node.names)  # `from . import x` imports x
    return names


def sources(folder: str) -> list[Path]:
    return sorted((REPO / folder).rglob("*.py"))


def test_whoosh_is_imported_only_in_its_package():
    outside = {
        str(path.relative_to(REPO)): name
        for top in ("index", "tui") for path in sources(top) if WHOOSH_PACKAGE not in path.parents
        for name in imports(path) if name == "whoosh" or name.startswith("whoosh.")
    }
    assert outside == {}


def test_the_library_knows_only_the_backend_protocol():
    reached = [name for name in imports(REPO / "index" / "library.py") if name.startswith("ceasefire_tui.index.search.whoosh")]
    assert reached == []
    # The engine reaches into the Whoosh package in two named places only:
    # the factory, and the stemmer the comparison shares with the index.
    users = {
        str(path.relative_to(REPO))
        for path in sources("index") if WHOOSH_PACKAGE not in path.parents
        and any(name.startswith("ceasefire_tui.index.search.whoosh") for name in imports(path))
    }
    assert users == {"index/search/backend.py", "index/compare/similarity.py"}


def test_the_tui_imports_only_the_engines_public_face():
    public = set(index.__all__)
    wrong = []
    for path in sources("tui"):
        for name in imports(path):
            if name.startswith("ceasefire_tui.index.") and name.removeprefix("ceasefire_tui.index.") not in public:
                wrong.append(f"{path.relative_to(REPO)}: {name}")
    assert wrong == []


def test_every_public_name_of_the_engine_is_there():
    for name in index.__all__:
        assert getattr(index, name) is not None, name


def test_the_library_serves_the_configured_backend(library):
    assert library.config.index.backend == "whoosh"
    assert isinstance(library.store, SearchBackend)
    library.refresh()
    assert library.search("rafah").total > 0


def test_index_backend_is_checked_with_its_key_and_file(tmp_path, seeds_corpus, capsys):
    accepted = write_config(tmp_path, {"corpus": {"paths": ["corpus"]}, "index": {"backend": "whoosh"}})
    assert load_config(accepted).index.backend == "whoosh"
    refused = write_config(tmp_path, {"corpus": {"paths": ["corpus"]}, "index": {"backend": "lucene"}})
    assert main(["search", "rafah", "--config", str(refused)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert "'index.backend' must be one of whoosh" in error and str(refused) in error


def test_every_user_error_is_one_family():
    from ceasefire_tui.index import (ConfigError, EmptyCorpus, IndexBusy, IndexUnreadable, LoadError, QueryError,
                       UnknownArticle)

    for error in (ConfigError, EmptyCorpus, IndexBusy, IndexUnreadable, LoadError, QueryError, UnknownArticle):
        assert issubclass(error, CeasefireError), error


def test_the_command_line_maps_the_whole_family_to_one_sentence(seeds_config, monkeypatch, capsys):
    """Any error of the family, wherever a command meets it, is a sentence
    and exit 1 (a file that cannot be loaded, met while searching, was a
    traceback: the command line listed five classes)."""
    from ceasefire_tui.index import LoadError

    def failing(self, *args, **kwargs):
        raise LoadError("the article file went away while it was read")

    monkeypatch.setattr(Library, "search", failing)
    assert main(["search", "rafah", "--config", str(seeds_config)]) == 1
    assert capsys.readouterr().err.endswith("\nceasefire-tui: the article file went away while it was read\n")


def test_an_index_from_before_the_packages_is_rebuilt_with_one_note(seeds_config, library):
    """The pickled schema named its analyzer classes by their module before
    the engine's modules became packages (index.schema): such an index says
    it is of the older format and is rebuilt."""
    library.refresh()
    directory = library.store.directory
    library.close()
    (directory / META_FILE).write_text(json.dumps({"schema_version": 5}))
    fresh = Library(load_config(seeds_config))
    report = fresh.refresh()
    assert report.rebuilt == f"index format changed (version 5 → {SCHEMA_VERSION}); rebuilt it"
    assert report.articles == 5
    assert fresh.refresh().rebuilt is None
    fresh.close()


@pytest.mark.parametrize("gone", ["ceasefire_tui.index.search.whoosh.schemX"])
def test_an_index_whose_schema_classes_cannot_be_found_is_rebuilt(seeds_config, library, gone):
    """Whatever the version says, a schema naming a module that is not there
    (a class moved without a version bump) is an unreadable index: rebuilt."""
    library.refresh()
    directory = library.store.directory
    library.close()
    for toc in directory.glob("_MAIN_*.toc"):
        data = toc.read_bytes()
        assert b"ceasefire_tui.index.search.whoosh.schema" in data
        toc.write_bytes(data.replace(b"ceasefire_tui.index.search.whoosh.schema", gone.encode()))  # same length: still a pickle
    fresh = Library(load_config(seeds_config))
    report = fresh.refresh()
    assert report.rebuilt == "index was unreadable (ModuleNotFoundError); rebuilt it"
    assert report.articles == 5
    fresh.close()


def test_the_commands_print_the_json_the_engine_makes(seeds_config, capsys):
    """One place makes each JSON shape: the engine's types, which the
    command line prints as they are (with only whether the index was stale)."""
    assert main(["index", "--json", "--config", str(seeds_config)]) == 0
    indexed = json.loads(capsys.readouterr().out)
    library = Library(load_config(seeds_config))
    assert indexed == library.refresh().to_json(library.store.directory) | {
        "unchanged": 0, "added": 5}  # the command's refresh was the first
    stored = library.article("000")
    table = library.entity_table()
    assert main(["show", "000", "--json", "--config", str(seeds_config)]) == 0
    assert json.loads(capsys.readouterr().out) == {"stale": False} | json.loads(json.dumps(stored.to_json()))
    assert main(["entities", "000", "--json", "--config", str(seeds_config)]) == 0
    assert json.loads(capsys.readouterr().out) == {"stale": False} | stored.entities_json(stored.entities)
    assert main(["entities", "--json", "--config", str(seeds_config)]) == 0
    assert json.loads(capsys.readouterr().out) == {"stale": False} | table.coverage_json(
        dict(sorted(table.per_article.items())))
    library.close()


def test_the_corpus_table_lists_each_article_as_the_article_does(seeds_config):
    """The sidebar's dots (the corpus table) and an article's own entity
    list are the same entities, in one type."""
    library = Library(load_config(seeds_config))
    library.refresh()
    table = library.entity_table()
    for article_id in table.per_article:
        stored = library.article(article_id)
        assert table.per_article[article_id] == [entity.summary() for entity in stored.entities]
    library.close()


def test_a_search_counts_the_entities_its_hits_mention(seeds_config):
    library = Library(load_config(seeds_config))
    library.refresh()
    result = library.search("rafah")
    table = library.entity_table()
    assert result.entities[0] == EntityHits("Benjamin Netanyahu", "PERSON", 5)
    assert [entity.hits for entity in result.entities] == sorted((entity.hits for entity in result.entities), reverse=True)
    for entity in result.entities:
        mentioned_by = [hit for hit in result.window_ids if entity.key in {row.key for row in table.per_article[hit]}]
        assert entity.hits == len(mentioned_by)
    library.close()
