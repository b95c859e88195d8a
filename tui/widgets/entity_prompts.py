"""How the entity list's entries read: a row's symbol, name, count and
coverage of the results (dots, or "n/M"), and a type's heading.

Prompts are ``Content`` built from spans: entity names are article text and
may hold square brackets, which markup would eat.
"""

from __future__ import annotations

from textual.content import Content

from ceasefire_tui.index import SearchResult

from .entity_looks import TypeLook
from .entity_rows import EntityRow, Key

MENTIONED, NOT_MENTIONED = "●", "·"
MERGE_MARK = "⊕ "  # before the name of the entry marked to merge into another


def coverage(key: Key, result: SearchResult | None, result_hits: dict[Key, int],
             mentioned_in: list[tuple[str, frozenset[Key]]],
             open_id: str | None) -> Content:
    """Which of the current results mention ``key``: a dot per result in
    ``mentioned_in`` (the open article's underlined), or else "n/M" from
    ``result_hits`` (how many of the results mention each entity)."""
    if result is None or not result.window_ids:
        return Content("")
    if not mentioned_in:  # many results, or the worker has not answered yet
        hits = result_hits.get(key, 0)
        return Content.styled(f"{hits}/{len(result.window_ids)}", "$text-muted")
    parts = []
    for article_id, keys in mentioned_in:
        mentioned = key in keys
        if article_id == open_id:
            parts.append((MENTIONED if mentioned else NOT_MENTIONED, "bold underline"))
        else:
            parts.append((MENTIONED, "") if mentioned else (NOT_MENTIONED, "$text-muted"))
    return Content.assemble(*parts)


def row_prompt(row: EntityRow, look: TypeLook | None, width: int, with_count: bool, coverage: Content,
               marked: bool = False) -> Content:
    """The type's symbol and the name (after ``MERGE_MARK`` when ``marked``),
    and right-aligned the count (``with_count``) and the coverage."""
    symbol = Content.styled(f"{look.symbol if look else '?'} ", f"bold {look.colour}" if look else "bold")
    name = Content.assemble((MERGE_MARK, "bold reverse"), (row.name, "bold")) if marked else Content(row.name)
    count = f"{row.count}×" if with_count else ""
    right = Content.assemble((count, "$text-muted"), " " if count and coverage.plain else "", coverage)
    left = symbol + name
    gap = width - left.cell_length - right.cell_length
    if not right.plain:
        return left
    if gap >= 1:
        return Content.assemble(left, " " * gap, right)
    # Too narrow for one line: the name, then the figures right-aligned below.
    return Content.assemble(left, "\n", " " * max(0, width - right.cell_length), right)


def heading_prompt(kind: str, count: int, look: TypeLook | None) -> Content:
    label = look.label if look else kind.title()
    colour = look.colour if look else ""
    return Content.assemble((f"{look.symbol if look else '?'} {label}", f"bold {colour}"),
                            (f" {count}", "$text-muted"))
