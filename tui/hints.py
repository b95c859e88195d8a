"""Hints that name a key ("c on another result compares them") name the key
bound now, after ``ui.keymap``: every such text goes through here."""

from __future__ import annotations

import re
from typing import Mapping

from textual.dom import DOMNode

# "{compare}" in a hint stands for the key bound to the binding id "compare".
_PLACEHOLDER = re.compile(r"\{([a-z_.]+)\}")


def key_of(binding_id: str, keymap: Mapping[str, str]) -> str:
    """The first key bound to ``binding_id``, as help shows it ("]" for right_square_bracket)."""
    from .keys import default_keys, shown_keys  # keys.py imports the screens, which import this

    keys = keymap.get(binding_id) or default_keys()[binding_id]
    return shown_keys(keys.split(",")[0])


def with_keys(text: str, keymap: Mapping[str, str]) -> str:
    """``text`` with each "{binding id}" replaced by its key."""
    return _PLACEHOLDER.sub(lambda match: key_of(match[1], keymap), text)


def keymap_of(node: DOMNode) -> Mapping[str, str]:
    return getattr(node.app, "keymap_overrides", {})


def key_hint(node: DOMNode, binding_id: str) -> str:
    """:func:`key_of` in the app ``node`` belongs to."""
    return key_of(binding_id, keymap_of(node))


def hint(node: DOMNode, text: str) -> str:
    """:func:`with_keys` in the app ``node`` belongs to."""
    return with_keys(text, keymap_of(node))
