"""Search the index: parse a query, rank hits, cut snippets, suggest spellings.

Queries use Whoosh's language: words (AND by default), ``OR``, ``NOT``,
``"phrases"``, ``word~`` (fuzzy), ``cease*`` (wildcards), and the fields
``title:``, ``source:``, ``entity:`` and ``published:``. Plain words match
stemmed text ("fighting" finds "fight"); phrases, fuzzy words and wildcards
match the words as written.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Callable

from whoosh import qparser, query as wq
from whoosh.collectors import TimeLimit, TimeLimitCollector

from .highlight import MatchTerms, find_matches, make_snippet
from .store import IndexStore
from .text import fold_punctuation

# Field names a user may type, and the index field each one searches.
USER_FIELDS = {
    "title": "title", "source": "source", "outlet": "source", "entity": "entities",
    "entities": "entities", "published": "published", "date": "published", "body": "body", "id": "id",
}
# Hits looked at for the per-outlet counts; beyond this the counts are of the top hits.
FACET_WINDOW = 500
_TEXT_FIELDS = ("title", "body", "exact")
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"}
_FIELD_PREFIX = re.compile(r"(?<![\w\"'])([A-Za-z_]+):")
_QUOTED = re.compile(r'"[^"]*"')
_FIELDED_TERM = re.compile(r'(\w+:(?:"[^"]*"|\S+))')
_BARE_FUZZY = re.compile(r"(?<=[\w*?])~(?![\d/])")
_SUGGESTABLE_WORD = re.compile(r"(?<![\w:*?~\-])([A-Za-z][\w']*[A-Za-z])(?![\w*?~:])")


class QueryError(Exception):
    """A query that cannot be run; the message explains why in one sentence."""


@dataclass(frozen=True, slots=True)
class Hit:
    id: str
    title: str
    source: str | None
    published: str | None
    score: float
    snippet: str
    highlights: list[tuple[int, int]]  # offsets into snippet
    title_highlights: list[tuple[int, int]]  # offsets into title

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["score"] = round(self.score, 4)
        data["highlights"] = [list(pair) for pair in self.highlights]
        data["title_highlights"] = [list(pair) for pair in self.title_highlights]
        return data


@dataclass(slots=True)
class SearchResult:
    query: str
    total: int
    hits: list[Hit]
    suggestion: str | None = None
    outlets: dict[str, int] = field(default_factory=dict)  # outlet -> hits ("" = unknown)
    outlets_complete: bool = True  # False when counted over the top hits only
    partial: bool = False  # True when a time limit cut the search short
    terms: MatchTerms = field(default_factory=lambda: MatchTerms(frozenset(), frozenset()))
    # Ids of the top hits the counts are taken over (up to FACET_WINDOW).
    window_ids: list[str] = field(default_factory=list)
    # (entity name, type) -> how many of those hits mention it.
    entities: dict[tuple[str, str], int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "suggestion": self.suggestion,
            "outlets": self.outlets,
            "partial": self.partial,
            "entities": [
                {"name": name, "type": kind, "hits": hits}
                for (name, kind), hits in sorted(self.entities.items(), key=lambda item: (-item[1], item[0]))[:50]
            ],
            "hits": [hit.to_json() for hit in self.hits],
        }


class SearchEngine:
    def __init__(self, store: IndexStore, *, boosts: dict[str, float], fuzzy_distance: int,
                 snippet_chars: int, entity_variants: Callable[[str], set[str]] = lambda name: set()) -> None:
        self.store = store
        # Names the corpus links to an entity ("biden" for "joe biden"), so
        # entity:"Joe Biden" also finds the articles that say only "Biden".
        self.entity_variants = entity_variants
        self.fuzzy_distance = fuzzy_distance
        self.snippet_chars = snippet_chars
        boosts = {"title": 2.0, "body": 1.0, "source": 1.0} | boosts
        self._parser = qparser.MultifieldParser(
            list(_TEXT_FIELDS),
            store.index.schema,
            fieldboosts={"title": boosts["title"], "body": boosts["body"], "exact": boosts["body"] * 0.5,
                         "source": boosts["source"]},
            group=qparser.AndGroup,
        )
        self._parser.add_plugin(qparser.FuzzyTermPlugin())
        aliases: dict[str, list[str]] = {}
        for typed, actual in USER_FIELDS.items():
            if typed != actual:
                aliases.setdefault(actual, []).append(typed)
        self._parser.add_plugin(qparser.FieldAliasPlugin(aliases))

    # --- parsing -------------------------------------------------------------

    def parse(self, text: str) -> wq.Query:
        """Parse ``text`` or raise :class:`QueryError` saying what is wrong."""
        folded = fold_punctuation(text).strip()
        _check_syntax(folded)
        prepared = _BARE_FUZZY.sub(f"~{self.fuzzy_distance}", folded)
        try:
            parsed = self._parser.parse(prepared)
        except Exception as error:  # Whoosh's parser raises assorted errors on odd input
            raise QueryError(f"could not understand the query ({error})") from None
        routed = parsed.accept(_route_to_exact).accept(self._with_entity_variants).normalize()
        if routed is wq.NullQuery or isinstance(routed, type(wq.NullQuery)):
            raise QueryError("the query has no words to search for")
        if isinstance(routed, wq.Not):
            raise QueryError("a query cannot only exclude words; add a word to search for before NOT")
        return routed

    def _with_entity_variants(self, node: wq.Query) -> wq.Query:
        if not _entity_term(node):
            return node
        variants = sorted(self.entity_variants(node.text) - {node.text})
        if not variants:
            return node
        return wq.Or([node] + [wq.Term("entities", variant) for variant in variants])

    # --- searching -----------------------------------------------------------

    def search(self, text: str, limit: int = 50, *, time_limit: float | None = None,
               snippets: bool = True) -> SearchResult:
        searcher = self.store.searcher()
        query = wq.Every() if not text.strip() else self.parse(text)
        if searcher.doc_count() == 0:  # Whoosh's empty reader has no columns to count or sort by
            return SearchResult(query=text, total=0, hits=[])
        window = max(limit, FACET_WINDOW)
        partial = False
        if time_limit is not None:
            collector = TimeLimitCollector(searcher.collector(limit=window), timelimit=time_limit)
            try:
                searcher.search_with_collector(query, collector)
            except TimeLimit:
                partial = True
            results = collector.results()
        elif isinstance(query, wq.Every):
            results = searcher.search(query, limit=window, sortedby="id")
        else:
            results = searcher.search(query, limit=window)
        terms = self.match_terms(query) if snippets else MatchTerms(frozenset(), frozenset())
        hits = [self._hit(results, rank, terms, snippets) for rank in range(min(limit, results.scored_length()))]
        outlets, complete = self._count_outlets(results)
        id_column = searcher.reader().column_reader("id")
        window_ids = [id_column[docnum] for docnum in results.docs()]
        total = results.scored_length() if partial else len(results)
        suggestion = self.suggest(text) if text.strip() and not isinstance(query, wq.Every) else None
        return SearchResult(
            query=text, total=total, hits=hits, suggestion=suggestion, outlets=outlets,
            outlets_complete=complete and not partial, partial=partial, terms=terms, window_ids=window_ids,
        )

    def _hit(self, results, rank: int, terms: MatchTerms, with_snippet: bool) -> Hit:
        stored = results[rank].fields()
        record = json.loads(stored["record"])
        snippet_text, highlights = "", []
        if with_snippet:
            matches = find_matches(record["text"], terms)
            snippet = make_snippet(record["text"], record["sentences"], matches, self.snippet_chars)
            snippet_text, highlights = snippet.text, snippet.highlights
        return Hit(
            id=record["id"],
            title=record["title"],
            source=record["source"],
            published=record["published"],
            score=results.score(rank) or 0.0,
            snippet=snippet_text,
            highlights=highlights,
            title_highlights=find_matches(record["title"], terms),
        )

    def _count_outlets(self, results) -> tuple[dict[str, int], bool]:
        reader = self.store.searcher().reader()
        column = reader.column_reader("source_key")
        counts: dict[str, int] = {}
        for docnum in results.docs():
            outlet = column[docnum]
            counts[outlet] = counts.get(outlet, 0) + 1
        ordered = dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
        return ordered, results.scored_length() >= len(results)

    # --- highlighting and suggestions ---------------------------------------

    def match_terms(self, query: wq.Query) -> MatchTerms:
        """The index terms ``query`` matches positively (not under NOT)."""
        reader = self.store.searcher().reader()
        exact: set[str] = set()
        stemmed: set[str] = set()
        phrases: list[tuple[str, ...]] = []

        def visit(node: wq.Query) -> None:
            if isinstance(node, wq.Not):
                return
            if isinstance(node, wq.Phrase):
                if node.fieldname == "exact":
                    phrases.append(tuple(node.words))
                return
            if node.is_leaf():
                for fieldname, term in node.existing_terms(reader, expand=True):
                    word = term.decode() if isinstance(term, bytes) else term
                    if fieldname == "exact":
                        exact.add(word)
                    elif fieldname in ("title", "body"):
                        stemmed.add(word)
                return
            for child in node.children():
                visit(child)

        visit(query)
        return MatchTerms(frozenset(exact), frozenset(stemmed), tuple(phrases))

    def suggest(self, text: str) -> str | None:
        """The query with unknown words replaced by the closest indexed word."""
        searcher = self.store.searcher()
        reader = searcher.reader()
        folded = fold_punctuation(text)
        changed = False

        def replace(match: re.Match[str]) -> str:
            nonlocal changed
            word = match.group(1)
            if word in _OPERATORS:
                return word
            lowered = word.lower()
            if reader.doc_frequency("exact", lowered) > 0:
                return word
            # The nearest words first; among equally near ones, the most common.
            for distance in (1, 2):
                options = searcher.suggest("exact", lowered, limit=8, maxdist=distance)
                if options:
                    changed = True
                    return max(options, key=lambda option: reader.doc_frequency("exact", option))
            return word

        # Only free words are checked: a fielded term ("source:cnbc.com") is
        # matched against its own field, not against the article words.
        pieces = [
            piece if _FIELDED_TERM.fullmatch(piece) else _SUGGESTABLE_WORD.sub(replace, piece)
            for piece in _FIELDED_TERM.split(folded)
        ]
        return "".join(pieces) if changed else None


def _entity_term(node: wq.Query) -> bool:
    return isinstance(node, wq.Term) and node.fieldname == "entities"


def _route_to_exact(node: wq.Query) -> wq.Query:
    """Phrases, fuzzy words and wildcards are matched as written (the exact
    field), not against stems: drop their copies on the stemmed body."""
    if isinstance(node, (wq.Phrase, wq.FuzzyTerm, wq.Wildcard, wq.Prefix)) and node.fieldname == "body":
        return wq.NullQuery
    return node


def _check_syntax(text: str) -> None:
    if text.count('"') % 2:
        raise QueryError('a quotation mark is not closed; add a closing " to search for a phrase')
    depth = 0
    for char in _QUOTED.sub("", text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            raise QueryError("a closing parenthesis has no opening one")
    if depth:
        raise QueryError("a parenthesis is not closed")
    for match in _FIELD_PREFIX.finditer(_QUOTED.sub(lambda m: " " * len(m.group()), text)):
        name = match.group(1)
        if name not in USER_FIELDS:
            known = ", ".join(f"{f}:" for f in ("title", "source", "entity", "published"))
            raise QueryError(f"there is no field '{name}:'; the fields are {known}")
        rest = text[match.end():]
        if not rest or rest[0].isspace():
            raise QueryError(f"'{name}:' needs a word or a \"phrase\" right after it")
