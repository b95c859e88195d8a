"""Typed access to a merged configuration mapping: each getter checks one
key, and every message names the key path and the file and quotes at most
a short prefix of the value (a config may be hostile: see safe_yaml)."""

from __future__ import annotations

import reprlib
from pathlib import Path
from typing import Any

from .errors import ConfigError


def kind_of(value: Any) -> str:
    names = {str: "a string", bool: "true/false", int: "a number", float: "a number",
             list: "a list", dict: "a mapping", type(None): "empty"}
    return names.get(type(value), type(value).__name__)


_SHORT = reprlib.Repr()
_SHORT.maxlevel, _SHORT.maxdict, _SHORT.maxlist, _SHORT.maxstring, _SHORT.maxother = 2, 3, 3, 40, 40


def short_repr(value: Any) -> str:
    """A value as a message quotes it: a short prefix, however large it is."""
    return _SHORT.repr(value)


def key_part(part: Any) -> str:
    """One step of a key path as messages write it: names with dots are quoted."""
    text = str(part) if isinstance(part, str) else short_repr(part)
    text = text if len(text) <= 40 else text[:40] + "…"
    return f'"{text}"' if "." in text else text


Key = str | tuple[str, ...]  # "search.page_size", or the parts when a part is a user's name


class ConfigReader:
    """Typed access to the merged config; each getter validates one key."""

    def __init__(self, data: dict[str, Any], file: Path) -> None:
        self.data, self.file = data, file

    def value(self, key: Key) -> Any:
        node: Any = self.data
        for part in key_parts(key):
            node = node[part]
        return node

    def fail(self, key: Key, expected: str, value: Any) -> ConfigError:
        return ConfigError(f"{self.file}: '{key_name(key)}' must be {expected}, not {kind_of(value)} "
                           f"({short_repr(value)})")

    def number(self, key: Key, *, minimum: float, maximum: float, integer: bool = False) -> Any:
        value = self.value(key)
        ok_type = int if integer else (int, float)
        # The range check also refuses .nan (every comparison is false) and .inf.
        if isinstance(value, bool) or not isinstance(value, ok_type) or not minimum <= value <= maximum:
            raise self.fail(key, f"{'a whole number' if integer else 'a number'} from {minimum:g} to {maximum:g}",
                            value)
        return value

    def string(self, key: Key, choices: tuple[str, ...] | None = None) -> str:
        value = self.value(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "a non-empty string", value)
        if choices and value not in choices:
            raise ConfigError(f"{self.file}: '{key_name(key)}' must be one of {', '.join(choices)}, "
                              f"not {short_repr(value)}")
        return value

    def strings(self, key: Key) -> tuple[str, ...]:
        value = self.value(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, "a list of strings", value)
        return tuple(value)

    def paths(self, key: Key) -> tuple[str, ...]:
        value = self.strings(key)
        if any("\0" in path for path in value):
            raise ConfigError(f"{self.file}: '{key_name(key)}' must not contain a NUL character")
        return value

    def optional_path(self, key: Key) -> str | None:
        value = self.value(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail(key, "a folder path or null", value)
        self.paths(key)
        return value

    def mapping(self, key: Key) -> dict[str, Any]:
        """A mapping whose keys are names the user chose (aliases, types, bindings)."""
        value = self.value(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.fail(key, "a mapping", value)
        for name in value:
            if not isinstance(name, str) or not name.strip():
                raise ConfigError(f"{self.file}: the names under '{key_name(key)}' must be text, not "
                                  f"{kind_of(name)} ({short_repr(name)}); put the name in quotes")
        return value


def key_parts(key: Key) -> tuple[str, ...]:
    return tuple(key.split(".")) if isinstance(key, str) else key


def key_name(key: Key) -> str:
    return key if isinstance(key, str) else ".".join(key_part(part) for part in key)
