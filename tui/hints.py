"""Hints that name a key ("c on another result compares them") name the key
bound now, after ``ui.keymap``: every such text goes through here."""

from __future__ import annotations

import re
from typing import Mapping

from textual.dom import DOMNode
from textual.keys import KEY_NAME_REPLACEMENTS, key_to_character

# Textual names some keys by a short name ("slash") that key_to_character
# does not know; it knows the Unicode one ("solidus").
_UNICODE_KEY_NAMES = {short: unicode for unicode, short in KEY_NAME_REPLACEMENTS.items()}
# "{compare}" in a hint stands for the key bound to the binding id "compare".
_PLACEHOLDER = re.compile(r"\{([a-z_.]+)\}")


def shown_keys(keys: str) -> str:
    """"right_square_bracket,ctrl+n" as "] / ctrl+n": the character where a key has one."""
    names = [name.strip() for name in keys.split(",")]
    return " / ".join(character if (character := key_to_character(_UNICODE_KEY_NAMES.get(name, name)))
                      and character.isprintable()
                      and not character.isspace() else name for name in names)


def key_of(binding_id: str, keymap: Mapping[str, str]) -> str:
    """The first key bound to ``binding_id`` in ``keymap`` (every binding id
    with its keys), as help shows it ("]" for right_square_bracket)."""
    return shown_keys(keymap[binding_id].split(",")[0])


def with_keys(text: str, keymap: Mapping[str, str]) -> str:
    """``text`` with each "{binding id}" replaced by its key."""
    return _PLACEHOLDER.sub(lambda match: key_of(match[1], keymap), text)


def keymap_of(node: DOMNode) -> Mapping[str, str]:
    """Every binding id of the app ``node`` belongs to, with the keys bound to it now."""
    return node.app.bound_keys


def key_hint(node: DOMNode, binding_id: str) -> str:
    """:func:`key_of` in the app ``node`` belongs to."""
    return key_of(binding_id, keymap_of(node))


def hint(node: DOMNode, text: str) -> str:
    """:func:`with_keys` in the app ``node`` belongs to."""
    return with_keys(text, keymap_of(node))
