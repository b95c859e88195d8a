"""The entity list's rows (an article's entities, or the results'), and the
reader's marks for every mention."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from ceasefire_tui.index import EntityType, Figure, SearchResult, StoredArticle

from .entity_looks import TypeLook, type_spec
from .reader import Mark

Key = tuple[str, str]  # (canonical name, type)
CURRENT_MARKER = "▶"


# --- rows -------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class EntityRow:
    name: str
    type: str
    count: int  # mentions in the article (article scope) or results mentioning it (results scope)

    @property
    def key(self) -> Key:
        return (self.name, self.type)


# Figures are listed by what they measure, then largest first: "2 million
# people", "28,800 people", then "six months"; never as text ("135-day" first).
FIGURE_KINDS = ("count", "money", "percent", "duration", "age")


def article_rows(stored: StoredArticle | None) -> list[EntityRow]:
    if stored is None:
        return []
    rows = [EntityRow(entity.name, entity.type, entity.count) for entity in stored.entities]
    rows.sort(key=lambda row: (-row.count, row.name.casefold()))
    order = _figure_order(stored.figures)
    figures = sorted((row for row in rows if row.type == "FIGURE"),
                     key=lambda row: order.get(row.name, (len(FIGURE_KINDS), 0.0)))
    return [row for row in rows if row.type != "FIGURE"] + figures


def _figure_order(figures: list[Figure]) -> dict[str, tuple[int, float]]:
    """Figure name -> (kind, -value): the sort key of its sidebar row."""
    order: dict[str, tuple[int, float]] = {}
    for figure in figures:
        rank = FIGURE_KINDS.index(figure.kind) if figure.kind in FIGURE_KINDS else len(FIGURE_KINDS)
        order.setdefault(figure.name, (rank, -(figure.value or 0.0)))
    return order


def result_rows(result: SearchResult | None) -> list[EntityRow]:
    if result is None:
        return []
    rows = [EntityRow(entity.name, entity.type, entity.hits) for entity in result.entities]
    return sorted(rows, key=lambda row: (-row.count, row.name.casefold()))


def grouped(rows: Iterable[EntityRow], types: Mapping[str, EntityType],
            limit: int | None = None) -> list[tuple[str, list[EntityRow], int]]:
    """(type, rows, rows left out) per shown type, in the config's order."""
    by_type: dict[str, list[EntityRow]] = {}
    for row in rows:
        by_type.setdefault(row.type, []).append(row)
    order = list(types) + sorted(kind for kind in by_type if kind not in types)
    groups = []
    for kind in order:
        members = by_type.get(kind)
        if not members or not type_spec(types, kind).shown:
            continue
        kept = members if limit is None else members[:limit]
        groups.append((kind, kept, len(members) - len(kept)))
    return groups


def mentions_of(stored: StoredArticle | None, key: Key | None) -> list[tuple[int, int]]:
    """Where the entity ``key`` is mentioned in the article, in reading order."""
    if stored is None or key is None:
        return []
    for entity in stored.entities:
        if (entity.name, entity.type) == key:
            return sorted((mention.start, mention.end) for mention in entity.mentions)
    return []


def mention_marks(stored: StoredArticle | None, looks: Mapping[str, TypeLook], selected: Key | None = None,
                  current: int = -1, hidden: Iterable[str] = ()) -> list[Mark]:
    """Reader marks for every mention of every shown type, in the text and
    in the headline; the selected entity stands out and its ``current``
    mention is marked in the gutter."""
    if stored is None:
        return []
    hidden = set(hidden)
    marks = []
    for entity in stored.entities:
        kind = entity.type
        look = looks.get(kind)
        if look is None or kind in hidden:
            continue
        chosen = (entity.name, kind) == selected
        spans = sorted((mention.start, mention.end) for mention in entity.mentions)
        for number, (start, end) in enumerate(spans):
            is_current = chosen and number == current
            marks.append(Mark(
                start, end,
                look.current if is_current else look.selected if chosen else look.mention,
                symbol=look.symbol,
                symbol_style=look.gutter_selected if chosen else look.gutter,
                marker=CURRENT_MARKER if is_current else "",
            ))
        marks.extend(Mark(mention.start, mention.end, look.selected if chosen else look.mention, headline=True)
                     for mention in entity.headline)
    return marks
