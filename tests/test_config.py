"""Configuration: resolution order, merging with defaults, and clear errors."""

from pathlib import Path

import pytest

from index.config import ConfigError, bundled_config_path, load_config
from support import write_config


def test_bundled_default_reads_the_seeds():
    config = load_config()
    assert config.file == bundled_config_path()
    [seeds] = config.corpus_paths
    assert Path(seeds).name == "seeds" and Path(seeds).is_dir()
    assert config.index_path is None


def test_user_file_needs_only_the_keys_it_changes(tmp_path):
    path = write_config(tmp_path, {"corpus": {"paths": ["articles", "more/*.md"]}, "search": {"page_size": 7}})
    config = load_config(path)
    assert config.corpus_paths == (tmp_path / "articles", str(tmp_path / "more/*.md"))
    assert config.page_size == 7
    assert config.fuzzy_distance == 2  # from the bundled default


def test_keys_a_file_does_not_set_stay_relative_to_the_bundled_default(tmp_path):
    config = load_config(write_config(tmp_path, {"ui": {"theme": "textual-light"}}))
    assert config.theme == "textual-light"
    assert config.corpus_paths == load_config(bundled_config_path()).corpus_paths
    [seeds] = config.corpus_paths
    assert Path(seeds).is_dir() and not Path(seeds).is_relative_to(tmp_path)
    only_index = load_config(write_config(tmp_path, {"index": {"path": "idx"}}))
    assert only_index.index_path == tmp_path / "idx"
    assert only_index.corpus_paths == config.corpus_paths


def test_relative_index_path_is_relative_to_the_config_file(tmp_path):
    config = load_config(write_config(tmp_path, {"index": {"path": "cache/idx"}}))
    assert config.index_path == tmp_path / "cache/idx"


def test_environment_variable_names_the_config(tmp_path, monkeypatch):
    path = write_config(tmp_path, {"search": {"page_size": 3}})
    monkeypatch.setenv("CEASEFIRE_TUI_CONFIG", str(path))
    assert load_config().page_size == 3
    other = write_config(tmp_path / "..", {"search": {"page_size": 4}})
    assert load_config(other).page_size == 4  # --config wins over the variable


def test_user_config_folder_is_used_when_present(isolated_environment):
    folder = isolated_environment / "config" / "ceasefire-tui"
    folder.mkdir(parents=True)
    write_config(folder, {"search": {"debounce_ms": 5}})
    assert load_config().debounce_ms == 5


@pytest.mark.parametrize(
    "data, key",
    [
        ({"corpus": {"pathz": ["x"]}}, "corpus.pathz"),
        ({"colour": "red"}, "colour"),
        ({"corpus": {"paths": 3}}, "corpus.paths"),
        ({"search": {"page_size": "many"}}, "search.page_size"),
        ({"search": {"page_size": 0}}, "search.page_size"),
        ({"search": {"fuzzy_distance": 1.5}}, "search.fuzzy_distance"),
        ({"index": {"path": 12}}, "index.path"),
        ({"entities": {"backend": "magic"}}, "entities.backend"),
        ({"ui": {"text_width": True}}, "ui.text_width"),
        ({"search": "fast"}, "search"),
        ({"search": {"boosts": {"author": 2}}}, "search.boosts.author"),
        ({"entities": {"types": {"PERSON": {"color": "red"}}}}, "entities.types.PERSON.color"),
        ({"ui": {"keymap": {"focus_search": 5}}}, "ui.keymap.focus_search"),
    ],
)
def test_errors_name_the_key_and_the_file(tmp_path, data, key):
    path = write_config(tmp_path, data)
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert f"'{key}'" in str(error.value)
    assert str(path) in str(error.value)


def test_invalid_yaml_names_the_line(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("corpus:\n  paths: [a\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"line \d+"):
        load_config(path)


def test_missing_config_file(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "nope.yaml")
