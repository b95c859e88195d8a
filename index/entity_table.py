"""The corpus-wide entity table: which articles mention which entity.

Per-article entities are stored with each article in the index; linking
across the corpus ("Biden" in one article is the "Joe Biden" of another)
depends on every article, so it is worked out here, on a compact summary
kept beside the index (names, types, counts and aliases per file, no
offsets). The store updates the summary file by file as it indexes; the
table is rebuilt from it in memory when the index changes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from .entities import corpus_renames

# One entry of a summary: [name, type, count, aliases].
Summary = list[list[Any]]


def summarise(record: dict[str, Any]) -> Summary:
    return [[e["name"], e["type"], e["count"], e["aliases"]] for e in record.get("entities", ())]


@dataclass(frozen=True, slots=True)
class TableEntry:
    name: str
    type: str
    count: int  # mentions across the articles
    articles: tuple[str, ...]  # ids, sorted

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type, "count": self.count, "articles": list(self.articles)}


@dataclass(slots=True)
class EntityTable:
    # article id -> [(name, type, count, aliases)], after corpus linking
    per_article: dict[str, list[tuple[str, str, int, list[str]]]] = field(default_factory=dict)
    renames: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    entries: dict[tuple[str, str], TableEntry] = field(default_factory=dict)

    @classmethod
    def build(cls, summaries: dict[str, Summary]) -> EntityTable:
        """``summaries``: article id -> its stored summary (unlinked)."""
        renames = corpus_renames(
            {article: [(name, kind, count) for name, kind, count, _ in rows] for article, rows in summaries.items()}
        )
        per_article: dict[str, list[tuple[str, str, int, list[str]]]] = {}
        totals: dict[tuple[str, str], int] = defaultdict(int)
        mentioned_in: dict[tuple[str, str], set[str]] = defaultdict(set)
        for article, rows in summaries.items():
            merged: dict[tuple[str, str], tuple[int, set[str]]] = {}
            for name, kind, count, aliases in rows:
                key = renames.get((name, kind), (name, kind))
                previous_count, previous_aliases = merged.get(key, (0, set()))
                merged[key] = (previous_count + count, previous_aliases | set(aliases))
            per_article[article] = sorted(
                ((name, kind, count, sorted(aliases)) for (name, kind), (count, aliases) in merged.items()),
                key=lambda row: (row[1], -row[2], row[0]),
            )
            for name, kind, count, _ in per_article[article]:
                totals[(name, kind)] += count
                mentioned_in[(name, kind)].add(article)
        entries = {
            key: TableEntry(key[0], key[1], totals[key], tuple(sorted(mentioned_in[key]))) for key in totals
        }
        return cls(per_article, renames, entries)

    def variants(self, name: str) -> set[str]:
        """Every stored name that the corpus links to ``name`` (case-folded)."""
        folded = name.casefold()
        return {old.casefold() for (old, _), (new, _) in self.renames.items() if new.casefold() == folded}

    def articles_of(self, name: str, kind: str) -> tuple[str, ...]:
        entry = self.entries.get((name, kind))
        return entry.articles if entry else ()

    def counts_over(self, article_ids: list[str]) -> dict[tuple[str, str], int]:
        """How many of ``article_ids`` mention each entity."""
        counts: dict[tuple[str, str], int] = defaultdict(int)
        for article in article_ids:
            for name, kind, _, _ in self.per_article.get(article, ()):
                counts[(name, kind)] += 1
        return dict(counts)
