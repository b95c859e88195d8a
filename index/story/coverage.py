"""The coverage grid: which outlets name which entities."""

from __future__ import annotations

from collections.abc import Sequence

from ..analysis.names import NOT_NAMES
from ..model import Entity
from .model import CoverageRow


def coverage(article_ids: Sequence[str], entities_of: Sequence[Sequence[Entity]], sources: dict) -> list[CoverageRow]:
    """One row per named entity: how many articles of each outlet name it;
    entities named by the most outlets first."""
    rows: dict[str, tuple[str, dict[str, int]]] = {}
    for article_id, entities in zip(article_ids, entities_of):
        outlet = sources[article_id].outlet
        for entity in entities:
            if entity.type in NOT_NAMES:
                continue
            _, counts = rows.setdefault(entity.name, (entity.type, {}))
            counts[outlet] = counts.get(outlet, 0) + 1
    ordered = sorted(rows.items(), key=lambda item: (-len(item[1][1]), -sum(item[1][1].values()), item[0]))
    return [CoverageRow(name, kind, counts) for name, (kind, counts) in ordered]
