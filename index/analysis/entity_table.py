"""The corpus-wide entity table: which articles mention which entity.

Per-article entities are stored with each article in the index; linking
across the corpus ("Biden" in one article is the "Joe Biden" of another)
depends on every article, so it is worked out here, on a compact summary
kept beside the index (names, types, counts and aliases per file, no
offsets). The store updates the summary file by file as it indexes; the
table is rebuilt from it in memory when the index changes.

At tens of thousands of articles the summaries hold millions of rows, far
too many to keep as Python lists or to walk at every start. So they are kept
compact (:class:`CompactSummaries`): one table of the distinct (name, type)
keys, with how many articles mention each and how often, kept up to date as
files come and go; one table of alias spellings; and per article one short
string of "key:count:alias.alias" rows. The cross-corpus renames need only
the key table, so building the table costs one pass over the distinct
names; an article's rows are decoded when asked for (the sidebar, the
counts over the top hits), and the per-entity article lists only when a
caller wants them (the command line's coverage grid).
"""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..model import EntityHits, EntitySummary
from .entities import NAME_TYPES, corpus_renames

# One entry of a summary as stored beside the index: [name, type, count, aliases].
Summary = list[list[Any]]
Key = tuple[str, str]

COMPACT_FORMAT = 2


def summarise(record: dict[str, Any]) -> Summary:
    return [[e["name"], e["type"], e["count"], e["aliases"]] for e in record.get("entities", ())]


class CompactSummaries:
    """Every article's entity summary, compactly (see the module docstring).

    ``keys[k]`` is ``[name, type, articles, mentions]``; a key whose last
    article went away stays with zero articles until :meth:`compacted`.
    ``paths`` maps a file to ``[[article id, encoded rows], ...]``.
    """

    def __init__(self) -> None:
        self.keys: list[list[Any]] = []
        self.aliases: list[str] = []
        self.paths: dict[str, list[list[str]]] = {}
        self._key_ids: dict[Key, int] = {}
        self._alias_ids: dict[str, int] = {}

    # --- building ------------------------------------------------------------

    def set_path(self, path: str, rows: list[tuple[str, Summary]]) -> None:
        """Replace what ``path`` holds with ``rows``: ``(article id, summary)``."""
        self.remove_path(path)
        if rows:
            self.paths[path] = [[article, self._encode(summary)] for article, summary in rows]

    def remove_path(self, path: str) -> None:
        for _, encoded in self.paths.pop(path, ()):
            for key, count, _ in self.decode(encoded):
                entry = self.keys[key]
                entry[2] -= 1
                entry[3] -= count

    def _encode(self, summary: Summary) -> str:
        rows = []
        for name, kind, count, aliases in summary:
            key = self._key_ids.get((name, kind))
            if key is None:
                key = self._key_ids[(name, kind)] = len(self.keys)
                self.keys.append([name, kind, 0, 0])
            entry = self.keys[key]
            entry[2] += 1
            entry[3] += count
            alias_ids = []
            for alias in aliases:
                alias_id = self._alias_ids.get(alias)
                if alias_id is None:
                    alias_id = self._alias_ids[alias] = len(self.aliases)
                    self.aliases.append(alias)
                alias_ids.append(str(alias_id))
            rows.append(f"{key}:{count}:{'.'.join(alias_ids)}")
        return " ".join(rows)

    @staticmethod
    def decode(encoded: str) -> Iterator[tuple[int, int, list[int]]]:
        """``(key id, count, alias ids)`` per row of one article."""
        if not encoded:
            return
        for row in encoded.split(" "):
            key, count, aliases = row.split(":")
            yield int(key), int(count), [int(a) for a in aliases.split(".")] if aliases else []

    @staticmethod
    def key_ids(encoded: str) -> list[int]:
        """Only the key ids of one article's rows (the cheap decode)."""
        return [int(row[:row.index(":")]) for row in encoded.split(" ")] if encoded else []

    def compacted(self) -> CompactSummaries:
        """A copy without the keys and aliases no article uses any more."""
        fresh = CompactSummaries()
        for path, rows in self.paths.items():
            fresh.set_path(path, [(article, self.summary(encoded)) for article, encoded in rows])
        return fresh

    @property
    def garbage(self) -> int:
        return sum(1 for entry in self.keys if entry[2] <= 0)

    # --- reading -------------------------------------------------------------

    def summary(self, encoded: str) -> Summary:
        keys, aliases = self.keys, self.aliases
        return [[keys[k][0], keys[k][1], count, [aliases[a] for a in alias_ids]]
                for k, count, alias_ids in self.decode(encoded)]

    def articles(self) -> dict[str, str]:
        """article id -> its encoded rows."""
        return {article: encoded for rows in self.paths.values() for article, encoded in rows}

    def expanded(self) -> dict[str, Summary]:
        """article id -> its summary, in full (the old, memory-hungry form)."""
        return {article: self.summary(encoded) for article, encoded in self.articles().items()}

    # --- saving --------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {"format": COMPACT_FORMAT, "keys": self.keys, "aliases": self.aliases, "paths": self.paths}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CompactSummaries:
        if data.get("format") != COMPACT_FORMAT:
            raise ValueError("not a compact summaries document")
        compact = cls()
        compact.keys, compact.aliases, compact.paths = data["keys"], data["aliases"], data["paths"]
        compact._key_ids = {(entry[0], entry[1]): k for k, entry in enumerate(compact.keys)}
        compact._alias_ids = {alias: a for a, alias in enumerate(compact.aliases)}
        return compact

    @classmethod
    def from_summaries(cls, summaries: dict[str, Summary]) -> CompactSummaries:
        """From ``article id -> summary`` (one pseudo-file per article)."""
        compact = cls()
        for article, summary in summaries.items():
            compact.set_path(article, [(article, summary)])
        return compact


@dataclass(frozen=True, slots=True)
class TableEntry:
    name: str
    type: str
    count: int  # mentions across the articles
    articles: tuple[str, ...]  # ids, sorted

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type, "count": self.count, "articles": list(self.articles)}


class _ArticleRows(Mapping):
    """article id -> its rows after corpus linking, decoded when asked for."""

    def __init__(self, compact: CompactSummaries, renamed: list[Key | None]) -> None:
        self._compact = compact
        self._renamed = renamed  # key id -> (name, type) after the renames; None: hidden by the user
        self._encoded = compact.articles()
        self._recent: OrderedDict[str, list[EntitySummary]] = OrderedDict()

    def __getitem__(self, article: str) -> list[EntitySummary]:
        rows = self._recent.get(article)
        if rows is not None:
            return rows
        encoded = self._encoded[article]  # KeyError for an unknown id, as a dict
        merged: dict[Key, tuple[int, set[str]]] = {}
        aliases = self._compact.aliases
        for key, count, alias_ids in CompactSummaries.decode(encoded):
            renamed = self._renamed[key]
            if renamed is None:
                continue
            previous_count, previous_aliases = merged.get(renamed, (0, set()))
            merged[renamed] = (previous_count + count, previous_aliases | {aliases[a] for a in alias_ids})
        rows = sorted(
            (EntitySummary(name, kind, count, tuple(sorted(names))) for (name, kind), (count, names) in merged.items()),
            key=lambda row: (row.type, -row.count, row.name),
        )
        self._recent[article] = rows
        if len(self._recent) > 256:
            self._recent.popitem(last=False)
        return rows

    def keys_of(self, article: str) -> set[Key]:
        encoded = self._encoded.get(article)
        if encoded is None:
            return set()
        renamed = self._renamed
        return {renamed[key] for key in CompactSummaries.key_ids(encoded)} - {None}

    def live_keys(self) -> set[Key]:
        """Every entry some article mentions (cheap: one pass over the distinct names)."""
        renamed = self._renamed
        return {renamed[k] for k, entry in enumerate(self._compact.keys) if entry[2] > 0} - {None}

    def __iter__(self) -> Iterator[str]:
        return iter(self._encoded)

    def __len__(self) -> int:
        return len(self._encoded)

    def __contains__(self, article: object) -> bool:
        return article in self._encoded


class _Entries(Mapping):
    """(name, type) -> TableEntry; worked out over every article the first
    time it is read (seconds at 50,000 articles), then kept."""

    def __init__(self, rows: _ArticleRows) -> None:
        self._rows = rows
        self._entries: dict[Key, TableEntry] | None = None

    def _all(self) -> dict[Key, TableEntry]:
        if self._entries is None:
            totals: dict[Key, int] = defaultdict(int)
            mentioned_in: dict[Key, list[str]] = defaultdict(list)
            for article in self._rows:
                for row in self._rows[article]:
                    totals[row.key] += row.count
                    mentioned_in[row.key].append(article)
            self._entries = {
                key: TableEntry(key[0], key[1], totals[key], tuple(sorted(mentioned_in[key]))) for key in totals
            }
        return self._entries

    def __getitem__(self, key: Key) -> TableEntry:
        return self._all()[key]

    def __iter__(self) -> Iterator[Key]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


def link_corpus(compact: CompactSummaries) -> dict[Key, Key]:
    """Which stored (name, type) each is renamed to across the corpus."""
    return corpus_renames({"": _vote_rows(compact.keys)})


@dataclass(slots=True)
class EntityTable:
    # article id -> its entities, after corpus linking
    per_article: Mapping[str, list[EntitySummary]] = field(default_factory=dict)
    renames: dict[Key, Key] = field(default_factory=dict)
    entries: Mapping[Key, TableEntry] = field(default_factory=dict)
    hidden: frozenset[Key] = frozenset()  # stored keys the user's corrections hide
    _variants: dict[str, set[str]] | None = None

    @staticmethod
    def coverage_json(per_article: Mapping[str, list[EntitySummary]]) -> dict[str, Any]:
        """``per_article`` (this table's, or a selection of it) as the
        ``entities`` command's JSON has it."""
        return {"articles": {article: [row.to_json() for row in rows] for article, rows in per_article.items()}}

    @classmethod
    def build(cls, summaries: dict[str, Summary]) -> EntityTable:
        """``summaries``: article id -> its stored summary (unlinked)."""
        return cls.from_compact(CompactSummaries.from_summaries(summaries))

    @classmethod
    def from_compact(cls, compact: CompactSummaries, renames: dict[Key, Key] | None = None,
                     hidden: frozenset[Key] = frozenset()) -> EntityTable:
        """``renames``: the corpus linking of these summaries, if known
        (``link_corpus``; kept beside the index, as it is most of the cost),
        with the user's corrections on top; ``hidden``: the stored keys they hide."""
        if renames is None:
            renames = link_corpus(compact)
        renamed = [None if (name, kind) in hidden else renames.get((name, kind), (name, kind))
                   for name, kind, _, _ in compact.keys]
        rows = _ArticleRows(compact, renamed)
        return cls(rows, renames, _Entries(rows), hidden)

    def live_keys(self) -> set[Key]:
        """Every entry of the table: (name, type) as shown."""
        if isinstance(self.per_article, _ArticleRows):
            return self.per_article.live_keys()
        return {row.key for rows in self.per_article.values() for row in rows}

    def variants(self, name: str) -> set[str]:
        """Every stored name that the corpus links to ``name`` (case-folded)."""
        if self._variants is None:
            variants: dict[str, set[str]] = defaultdict(set)
            for (old, _), (new, _) in self.renames.items():
                variants[new.casefold()].add(old.casefold())
            self._variants = dict(variants)
        return set(self._variants.get(name.casefold(), ()))

    def articles_of(self, name: str, kind: str) -> tuple[str, ...]:
        entry = self.entries.get((name, kind))
        return entry.articles if entry else ()

    def hits_over(self, article_ids: list[str]) -> list[EntityHits]:
        """How many of ``article_ids`` mention each entity, most mentioned first."""
        counts: dict[Key, int] = defaultdict(int)
        rows = self.per_article
        if isinstance(rows, _ArticleRows):
            for article in article_ids:
                for key in rows.keys_of(article):
                    counts[key] += 1
        else:
            for article in article_ids:
                for row in rows.get(article, ()):
                    counts[row.key] += 1
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        return [EntityHits(name, kind, hits) for (name, kind), hits in ranked]


def _vote_rows(keys: list[list[Any]]) -> list[tuple[str, str, int]]:
    """Rows that make :func:`corpus_renames` decide exactly as it would over
    every article's rows, from the key table alone.

    It counts, per name and type, the articles (one row each) and mentions
    (their counts) only where a name has more than one type; elsewhere it
    only needs the distinct keys. So a key of such a name gets one row per
    article (the first carrying every mention, the others none) and any
    other key a single row.
    """
    live = [entry for entry in keys if entry[2] > 0]
    kinds: dict[str, set[str]] = defaultdict(set)
    for name, kind, _, _ in live:
        if kind in NAME_TYPES:
            kinds[name].add(kind)
    rows: list[tuple[str, str, int]] = []
    for name, kind, articles, mentions in live:
        rows.append((name, kind, mentions))
        if kind in NAME_TYPES and len(kinds[name]) > 1 and articles > 1:
            rows.extend([(name, kind, 0)] * (articles - 1))
    return rows
