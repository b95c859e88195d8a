"""The coverage grid: which outlets name which entities."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..analysis.names import NOT_NAMES
from ..model import Entity
from .independence import independent_outlets
from .model import CoverageRow


def coverage(article_ids: Sequence[str], entities_of: Sequence[Sequence[Entity]], sources: dict,
             copy_groups: Mapping[str, str] | None = None) -> list[CoverageRow]:
    """One row per named entity: how many articles of each outlet name it;
    entities named by the most independent outlets (``copy_groups``: copies
    of one wire story counted once) first."""
    copy_groups = copy_groups or {}
    outlet_of = {article_id: sources[article_id].outlet for article_id in article_ids}
    named: dict[str, tuple[str, dict[str, int], list[str]]] = {}  # name -> type, articles per outlet, articles
    for article_id, entities in zip(article_ids, entities_of):
        outlet = outlet_of[article_id]
        for entity in entities:
            if entity.type in NOT_NAMES:
                continue
            _, counts, ids = named.setdefault(entity.name, (entity.type, {}, []))
            counts[outlet] = counts.get(outlet, 0) + 1
            ids.append(article_id)
    rows = [CoverageRow(name, kind, counts, merged=len(counts) - independent_outlets(ids, outlet_of, copy_groups))
            for name, (kind, counts, ids) in named.items()]
    return sorted(rows, key=lambda row: (-row.independent, -len(row.by_outlet), -sum(row.by_outlet.values()),
                                         row.entity))
