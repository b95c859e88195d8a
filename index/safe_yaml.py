"""YAML a user wrote, parsed without the ways PyYAML can be made to blow up.

Aliases are refused: nine anchors of nine aliases each (an alias bomb)
expand to hundreds of millions of nodes once anything walks the value.
Nesting is bounded: PyYAML composes nodes recursively, so a few kilobytes of
``[[[[…`` exhaust the recursion limit. An integer too long for Python to
convert is a YAML error with its line, not a ValueError.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError

MAX_DEPTH = 32


class _BoundedLoader(yaml.SafeLoader):
    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise ComposerError(None, None, f"aliases (*{event.anchor[:40]}) are not allowed", event.start_mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise ComposerError(None, None, f"values nested more than {MAX_DEPTH} levels deep",
                                    self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_yaml_int(self, node: Any) -> int:
        try:
            return super().construct_yaml_int(node)
        except ValueError:  # more digits than sys.get_int_max_str_digits()
            raise ConstructorError(None, None, "a number with too many digits", node.start_mark) from None


_BoundedLoader.add_constructor("tag:yaml.org,2002:int", _BoundedLoader.construct_yaml_int)


def load(text: str) -> Any:
    """The one document in ``text``; raises ``yaml.YAMLError`` for anything refused."""
    loader = _BoundedLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
