"""Load and validate the configuration (``config.yaml``).

Resolution order: an explicit path (``--config``) > ``CEASEFIRE_TUI_CONFIG`` >
the user's config file in the platform config folder > the bundled default.
A user file only needs the keys it changes; everything else comes from the
bundled default. Unknown keys and wrong types raise :class:`ConfigError`,
naming the key path and the file, before anything starts.
"""

from __future__ import annotations

import copy
import os
import stat
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import yaml
from platformdirs import user_cache_dir, user_config_dir, user_data_dir

from . import safe_yaml
from .config_reader import ConfigReader, key_name, key_part, kind_of
from .corpus.formats.common import CsvColumns
from .errors import ConfigError
from .search.backend import BACKENDS

APP_NAME = "ceasefire-tui"
ENV_VAR = "CEASEFIRE_TUI_CONFIG"
MAX_CONFIG_BYTES = 1_000_000  # the shipped default is 4 kB
_PACKAGE_DIR = Path(__file__).resolve().parent


def bundled_dir() -> Path:
    """Where the default config and seeds live: inside the installed package,
    or the repository root when running from a checkout."""
    installed = _PACKAGE_DIR / "bundled"
    return installed if (installed / "config.yaml").is_file() else _PACKAGE_DIR.parent


def bundled_config_path() -> Path:
    return bundled_dir() / "config.yaml"


def user_config_path() -> Path:
    return Path(user_config_dir(APP_NAME)) / "config.yaml"


@dataclass(frozen=True, slots=True)
class EntityType:
    label: str
    colour: str
    symbol: str
    shown: bool


# One frozen section per top-level key of config.yaml, which documents every
# key; a field is named after its key unless a comment says otherwise.

@dataclass(frozen=True, slots=True)
class CorpusConfig:
    paths: tuple[Path | str, ...]  # resolved folders/files, or glob strings
    max_file_bytes: int  # corpus.max_file_mb, in bytes
    csv_columns: CsvColumns


@dataclass(frozen=True, slots=True)
class IndexConfig:
    path: Path | None  # None: a folder per corpus under cache_root()
    lock_timeout: float
    backend: str  # a name in search/backend.py's BACKENDS

    def cache_root(self) -> Path:
        return Path(user_cache_dir(APP_NAME))


@dataclass(frozen=True, slots=True)
class SearchConfig:
    boosts: dict[str, float]
    fuzzy_distance: int
    page_size: int
    debounce_ms: int
    snippet_chars: int


@dataclass(frozen=True, slots=True)
class EntitiesConfig:
    backend: str
    model: str
    types: dict[str, EntityType]
    aliases: dict[str, tuple[str, ...]]
    ignore: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class UiConfig:
    theme: str
    text_width: int
    keymap: dict[str, str]
    export_path: Path | None  # None: the platform data folder

    def exports_folder(self) -> Path:
        """Where the app writes reports: never read as part of the corpus."""
        return self.export_path or Path(user_data_dir(APP_NAME)) / "exports"


@dataclass(frozen=True, slots=True)
class Config:
    file: Path
    corpus: CorpusConfig
    index: IndexConfig
    search: SearchConfig
    entities: EntitiesConfig
    ui: UiConfig


def resolve_config_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit is not None:
        return Path(explicit).expanduser()
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return Path(from_env).expanduser()
    user = user_config_path()
    return user if user.is_file() else bundled_config_path()


def load_config(explicit: str | os.PathLike[str] | None = None) -> Config:
    path = resolve_config_path(explicit)
    defaults = _read_yaml(bundled_config_path())
    if path.resolve() == bundled_config_path().resolve():
        return _build(defaults, path, _path_bases(defaults, path))
    user = _read_yaml(path)
    return _build(_merge(defaults, user, path, ""), path, _path_bases(user, path))


# Keys holding paths: each is relative to the file that sets it.
_PATH_KEYS = ("corpus.paths", "index.path", "ui.export_path")


def _path_bases(user: dict[str, Any], file: Path) -> dict[str, Path]:
    """The folder each path key is relative to: the user's file where it sets
    the key, else the bundled default's (whose ``seeds`` sit beside it)."""
    def sets(key: str) -> bool:
        node: Any = user
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                return False
            node = node[part]
        return True

    return {key: (file if sets(key) else bundled_config_path()).resolve().parent for key in _PATH_KEYS}


def _read_text(path: Path) -> str:
    """The file's text, read only from a regular file and only up to the size
    limit (``/dev/zero`` reports size 0 and never ends; a FIFO blocks)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # opening a FIFO must not wait for a writer
    except FileNotFoundError:
        raise ConfigError(f"config file {path} does not exist") from None
    except (OSError, ValueError) as error:  # ValueError: a NUL in the path
        raise ConfigError(f"cannot read config file {path}: {getattr(error, 'strerror', None) or error}") from None
    with open(descriptor, "rb") as stream:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise ConfigError(f"config file {path} is not a regular file")
        try:
            data = stream.read(MAX_CONFIG_BYTES + 1)
        except OSError as error:
            raise ConfigError(f"cannot read config file {path}: {error.strerror or error}") from None
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(f"config file {path} is larger than {MAX_CONFIG_BYTES // 1_000_000} MB")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"config file {path} is not UTF-8 text") from None


def _read_yaml(path: Path) -> dict[str, Any]:
    text = _read_text(path)
    try:
        data = safe_yaml.load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise ConfigError(f"{path}: {problem}{where}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the top level must be a mapping of keys, not {kind_of(data)}")
    return data


# Keys whose values are free-form mappings: the user's value replaces the default.
_FREE_MAPPINGS = {"entities.aliases", "ui.keymap", "entities.types"}


def _merge(defaults: dict[str, Any], user: dict[str, Any], file: Path, prefix: str) -> dict[str, Any]:
    merged = copy.deepcopy(defaults)
    for key, value in user.items():
        key_path = f"{prefix}{key_part(key)}"
        if key not in defaults:
            known = ", ".join(sorted(defaults))
            raise ConfigError(f"{file}: unknown key '{key_path}' (known here: {known})")
        if isinstance(defaults[key], dict) and key_path not in _FREE_MAPPINGS:
            if not isinstance(value, dict):
                raise ConfigError(f"{file}: '{key_path}' must be a mapping, not {kind_of(value)}")
            merged[key] = _merge(defaults[key], value, file, key_path + ".")
        else:
            merged[key] = value
    return merged


def _build(data: dict[str, Any], file: Path, bases: dict[str, Path]) -> Config:
    read = ConfigReader(data, file)
    return Config(file=file, corpus=_corpus(read, bases), index=_index(read, bases), search=_search(read),
                  entities=_entities(read), ui=_ui(read, bases))


def _corpus(read: ConfigReader, bases: dict[str, Path]) -> CorpusConfig:
    paths = read.paths("corpus.paths")
    if not paths:
        raise ConfigError(f"{read.file}: 'corpus.paths' must list at least one folder, file or glob")
    return CorpusConfig(
        paths=tuple(_resolve_path(p, bases["corpus.paths"]) for p in paths),
        max_file_bytes=int(read.number("corpus.max_file_mb", minimum=0.001, maximum=1000) * 1_000_000),
        csv_columns=_csv_columns(read),
    )


def _csv_columns(read: ConfigReader) -> CsvColumns:
    names = {}
    for column in fields(CsvColumns):
        key = f"corpus.csv_columns.{column.name}"
        headers = read.strings(key)
        if not headers or not all(header.strip() for header in headers):
            raise ConfigError(f"{read.file}: '{key}' must name at least one CSV header (a string or a list of them)")
        names[column.name] = tuple(header.strip() for header in headers)
    return CsvColumns(**names)


def _index(read: ConfigReader, bases: dict[str, Path]) -> IndexConfig:
    path = read.optional_path("index.path")
    return IndexConfig(
        path=_resolve_path(path, bases["index.path"]) if path else None,  # type: ignore[arg-type]
        lock_timeout=float(read.number("index.lock_timeout", minimum=0, maximum=3600)),
        backend=read.string("index.backend", BACKENDS),
    )


def _search(read: ConfigReader) -> SearchConfig:
    boosts = read.mapping("search.boosts")
    for field in boosts:
        if field not in ("title", "body", "source"):
            raise ConfigError(f"{read.file}: unknown key 'search.boosts.{key_part(field)}' "
                              "(known here: body, source, title)")
        read.number(f"search.boosts.{field}", minimum=0, maximum=100)
    return SearchConfig(
        boosts={k: float(v) for k, v in boosts.items()},
        fuzzy_distance=read.number("search.fuzzy_distance", minimum=1, maximum=3, integer=True),
        page_size=read.number("search.page_size", minimum=1, maximum=10_000, integer=True),
        debounce_ms=read.number("search.debounce_ms", minimum=0, maximum=5000, integer=True),
        snippet_chars=read.number("search.snippet_chars", minimum=40, maximum=2000, integer=True),
    )


def _entities(read: ConfigReader) -> EntitiesConfig:
    return EntitiesConfig(
        backend=read.string("entities.backend", ("rules", "spacy", "auto")),
        model=read.string("entities.model"),
        types=_entity_types(read),
        aliases=_aliases(read),
        ignore=read.strings("entities.ignore"),
    )


def _ui(read: ConfigReader, bases: dict[str, Path]) -> UiConfig:
    export_path = read.optional_path("ui.export_path")
    return UiConfig(
        theme=read.string("ui.theme"),
        text_width=read.number("ui.text_width", minimum=20, maximum=1000, integer=True),
        keymap=_keymap(read),
        export_path=_resolve_path(export_path, bases["ui.export_path"]) if export_path else None,  # type: ignore[arg-type]
    )


def _resolve_path(value: str, base: Path) -> Path | str:
    expanded = os.path.expanduser(value)
    joined = expanded if os.path.isabs(expanded) else os.path.join(base, expanded)
    return joined if any(ch in value for ch in "*?[") else Path(joined)


def _entity_types(read: ConfigReader) -> dict[str, EntityType]:
    types = {}
    for name, spec in read.mapping("entities.types").items():
        key = ("entities", "types", name)
        if not isinstance(spec, dict):
            raise read.fail(key, "a mapping with label, colour, symbol, shown", spec)
        unknown = sorted(str(field) for field in set(spec) - {"label", "colour", "symbol", "shown"})
        if unknown:
            raise ConfigError(f"{read.file}: unknown key '{key_name((*key, unknown[0]))}' "
                              "(known here: colour, label, shown, symbol)")
        label = read.string((*key, "label")) if "label" in spec else name.title()
        colour = read.string((*key, "colour")) if "colour" in spec else "$accent"
        symbol = read.string((*key, "symbol")) if "symbol" in spec else name[:1]
        shown = spec.get("shown", True)
        if not isinstance(shown, bool):
            raise read.fail((*key, "shown"), "true or false", shown)
        types[name] = EntityType(label=label, colour=colour, symbol=symbol, shown=shown)
    return types


def _aliases(read: ConfigReader) -> dict[str, tuple[str, ...]]:
    return {canonical: read.strings(("entities", "aliases", canonical))
            for canonical in read.mapping("entities.aliases")}


def _keymap(read: ConfigReader) -> dict[str, str]:
    keymap = {}
    for binding_id, keys in read.mapping("ui.keymap").items():
        if not isinstance(keys, str) or not keys.strip():
            raise read.fail(("ui", "keymap", binding_id), "a key or comma-separated keys", keys)
        keymap[binding_id] = keys
    return keymap
