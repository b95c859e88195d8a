"""Configuration: resolution order, merging with defaults, and clear errors."""

import dataclasses
import os
import time
from pathlib import Path

import pytest
import yaml

from ceasefire_tui.index.config import MAX_CONFIG_BYTES, ConfigError, bundled_config_path, load_config
from support import write_config


def test_bundled_default_reads_the_seeds():
    config = load_config()
    assert config.file == bundled_config_path()
    [seeds] = config.corpus.paths
    assert Path(seeds).name == "seeds" and Path(seeds).is_dir()
    assert config.index.path is None


def test_user_file_needs_only_the_keys_it_changes(tmp_path):
    path = write_config(tmp_path, {"corpus": {"paths": ["articles", "more/*.md"]}, "search": {"page_size": 7}})
    config = load_config(path)
    assert config.corpus.paths == (tmp_path / "articles", str(tmp_path / "more/*.md"))
    assert config.search.page_size == 7
    assert config.search.fuzzy_distance == 2  # from the bundled default



def test_each_section_of_the_file_is_one_typed_section_with_its_keys():
    """config.yaml documents every key; the config has one frozen section per
    top-level key, with a field per key (the one renamed for its unit named here)."""
    config = load_config()
    documented = yaml.safe_load(bundled_config_path().read_text(encoding="utf-8"))
    stored_as = {("corpus", "max_file_mb"): "max_file_bytes"}
    assert [field.name for field in dataclasses.fields(config)] == ["file", *documented]
    for section, keys in documented.items():
        typed = getattr(config, section)
        assert {field.name for field in dataclasses.fields(typed)} == {stored_as.get((section, key), key)
                                                                        for key in keys}
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(typed, dataclasses.fields(typed)[0].name, None)
    assert config.corpus.max_file_bytes == documented["corpus"]["max_file_mb"] * 1_000_000


def test_csv_columns_default_to_the_documented_names_and_a_set_field_replaces_its_list(tmp_path):
    from ceasefire_tui.index.corpus import CsvColumns

    assert load_config().corpus.csv_columns == CsvColumns()  # what a CSV read without a config uses
    columns = load_config(write_config(tmp_path, {"corpus": {"csv_columns": {"text": "Volltext"}}})).corpus.csv_columns
    assert columns.text == ("Volltext",) and columns.title == CsvColumns().title

def test_keys_a_file_does_not_set_stay_relative_to_the_bundled_default(tmp_path):
    config = load_config(write_config(tmp_path, {"ui": {"theme": "textual-light"}}))
    assert config.ui.theme == "textual-light"
    assert config.corpus.paths == load_config(bundled_config_path()).corpus.paths
    [seeds] = config.corpus.paths
    assert Path(seeds).is_dir() and not Path(seeds).is_relative_to(tmp_path)
    only_index = load_config(write_config(tmp_path, {"index": {"path": "idx"}}))
    assert only_index.index.path == tmp_path / "idx"
    assert only_index.corpus.paths == config.corpus.paths


def test_relative_index_path_is_relative_to_the_config_file(tmp_path):
    config = load_config(write_config(tmp_path, {"index": {"path": "cache/idx"}}))
    assert config.index.path == tmp_path / "cache/idx"


def test_environment_variable_names_the_config(tmp_path, monkeypatch):
    path = write_config(tmp_path, {"search": {"page_size": 3}})
    monkeypatch.setenv("CEASEFIRE_TUI_CONFIG", str(path))
    assert load_config().search.page_size == 3
    other = write_config(tmp_path / "..", {"search": {"page_size": 4}})
    assert load_config(other).search.page_size == 4  # --config wins over the variable


def test_user_config_folder_is_used_when_present(isolated_environment):
    folder = isolated_environment / "config" / "ceasefire-tui"
    folder.mkdir(parents=True)
    write_config(folder, {"search": {"debounce_ms": 5}})
    assert load_config().search.debounce_ms == 5


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
        ({"corpus": {"csv_columns": {"headline": ["h"]}}}, "corpus.csv_columns.headline"),
        ({"corpus": {"csv_columns": {"text": []}}}, "corpus.csv_columns.text"),
        ({"corpus": {"csv_columns": {"text": [3]}}}, "corpus.csv_columns.text"),
        ({"corpus": {"csv_columns": ["text"]}}, "corpus.csv_columns"),
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


def _alias_bomb() -> str:
    """Nine anchors of nine aliases each: 9**9 strings once expanded."""
    lines = ["entities:", "  ignore:", '    - &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"    - &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 9)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "text, message",
    [
        (_alias_bomb(), "aliases (*a0) are not allowed at line 4"),
        ("ui: " + "[" * 100_000 + "]" * 100_000 + "\n", "values nested more than 32 levels deep at line 1"),
        ("search: {fuzzy_distance: " + "9" * 5000 + "}\n", "a number with too many digits at line 1"),
    ],
)
def test_yaml_bombs_are_refused_quickly(tmp_path, text, message):
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert time.monotonic() - started < 5
    assert str(error.value) == f"{path}: {message}"


def test_only_regular_files_of_bounded_size_are_read(tmp_path):
    with pytest.raises(ConfigError, match="^config file /dev/zero is not a regular file$"):
        load_config("/dev/zero")
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    with pytest.raises(ConfigError, match="is not a regular file"):  # opened without waiting for a writer
        load_config(fifo)
    huge = tmp_path / "huge.yaml"
    huge.write_text("# " + "x" * MAX_CONFIG_BYTES + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="is larger than 1 MB"):
        load_config(huge)


@pytest.mark.parametrize(
    "data, key",
    [
        ({"corpus": {"max_file_mb": float("inf")}}, "corpus.max_file_mb"),
        ({"corpus": {"max_file_mb": float("nan")}}, "corpus.max_file_mb"),
        ({"index": {"lock_timeout": float("nan")}}, "index.lock_timeout"),
        ({"search": {"fuzzy_distance": 10**20}}, "search.fuzzy_distance"),
        ({"search": {"fuzzy_distance": 4}}, "search.fuzzy_distance"),
        ({"search": {"boosts": {"title": float("inf")}}}, "search.boosts.title"),
        ({"index": {"path": "cache\0idx"}}, "index.path"),
        ({"corpus": {"paths": ["articles\0"]}}, "corpus.paths"),
        ({"entities": {"aliases": {1: ["one"]}}}, "entities.aliases"),
        ({"entities": {"types": {1: {"label": "One"}}}}, "entities.types"),
        ({"entities": {"aliases": {"U.S.": 5}}}, 'entities.aliases."U.S."'),
    ],
)
def test_odd_values_name_the_key_and_the_file(tmp_path, data, key):
    path = write_config(tmp_path, data)
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert f"'{key}'" in str(error.value) and str(path) in str(error.value)


def test_dotted_names_under_aliases_and_types_are_names(tmp_path):
    config = load_config(write_config(tmp_path, {"entities": {
        "aliases": {"U.S.": ["US", "United States"]}, "types": {"U.S.": {"label": "States"}}}}))
    assert config.entities.aliases == {"U.S.": ("US", "United States")}
    assert config.entities.types["U.S."].label == "States"


def test_messages_quote_only_a_prefix_of_a_value(tmp_path):
    path = write_config(tmp_path, {"entities": {"ignore": ["x" * 100_000, {"nested": list(range(10_000))}]}})
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert "'entities.ignore' must be a list of strings" in str(error.value)
    assert len(str(error.value)) < 300
