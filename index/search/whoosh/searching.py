"""Search the index: parse a query, rank hits, cut snippets, suggest spellings.

Queries use Whoosh's language: words (AND by default), ``OR``, ``NOT``,
``"phrases"``, ``word~`` (fuzzy), ``cease*`` (wildcards), and the fields
``title:``, ``source:``, ``entity:`` and ``published:``. Plain words match
stemmed text ("fighting" finds "fight"); phrases, fuzzy words and wildcards
match the words as written.
"""

from __future__ import annotations

import json
import math
import re
import threading
import time
import weakref
from collections import Counter, OrderedDict, defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from whoosh import qparser, query as wq
from whoosh.collectors import TimeLimit, TimeLimitCollector, TopCollector

from .highlight import MatchTerms, find_matches, make_snippet, word_forms
from .phrases import AdjacentPhrase
from .store import IndexStore, column, keyword_values
from ...text import fold_punctuation, printable

# Field names a user may type, and the index field each one searches.
USER_FIELDS = {
    "title": "title", "source": "source", "outlet": "source", "entity": "entities",
    "entities": "entities", "published": "published", "date": "published", "body": "body", "id": "id",
}
# Hits looked at for the per-entity counts; beyond this they are of the top
# hits (outlets are counted over every match). Whoosh ranks only this many
# (top-k with block skipping), so it is also what a search costs: 500 was 3x
# slower than 100.
FACET_WINDOW = 100
# Parsed article texts kept for snippets: the top hits of one query are
# mostly those of the previous keystroke's.
TEXT_CACHE = 512
_TEXT_FIELDS = ("title", "body", "exact")
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"}
# Longer queries are refused: Whoosh's parser takes time that grows with the
# square of the length (10,000 characters: 2 s), and no one types this much.
MAX_QUERY_CHARS = 1000
# Deeper nesting is refused: parsing and running a query recurse once per level.
MAX_NESTING = 20
# NOT NOT, which Whoosh's parser cannot take, cancels out.
_DOUBLE_NOT = re.compile(r"(?<![^\s(])NOT\s+NOT(?![^\s(])")
_FIELD_PREFIX = re.compile(r"(?<![\w\"'])([A-Za-z_]+):")
_QUOTED = re.compile(r'"[^"]*"')
_FIELDED_TERM = re.compile(r'(\w+:(?:"[^"]*"|\S+))')
_BARE_FUZZY = re.compile(r"(?<=[\w*?])~(?![\d/])")
_SUGGESTABLE_WORD = re.compile(r"(?<![\w:*?~\-])([A-Za-z][\w']*[A-Za-z])(?![\w*?~:])")


class QueryError(Exception):
    """A query that cannot be run; the message explains why in one sentence."""


class Hit:
    """One search result. Its snippet is cut when first read unless the
    search was asked to cut it at once: a results list that draws only the
    hits on screen pays only for those."""

    __slots__ = ("id", "title", "source", "published", "score", "path", "url", "title_highlights", "_snippet",
                 "_cut")

    def __init__(self, id: str, title: str, source: str | None, published: str | None, score: float,
                 snippet: str = "", highlights: list[tuple[int, int]] | None = None,
                 title_highlights: list[tuple[int, int]] | None = None,
                 cut: Callable[[], tuple[str, list[tuple[int, int]]]] | None = None,
                 path: str = "", url: str | None = None) -> None:
        self.id, self.title, self.source, self.published, self.score = id, title, source, published, score
        self.path, self.url = path, url
        self.title_highlights = title_highlights or []  # offsets into title
        self._snippet = None if cut else (snippet, highlights or [])
        self._cut = cut

    @property
    def snippet(self) -> str:
        return self._resolved()[0]

    @property
    def highlights(self) -> list[tuple[int, int]]:  # offsets into snippet
        return self._resolved()[1]

    @property
    def snippet_ready(self) -> bool:
        """Whether the snippet is cut (reading it now costs nothing)."""
        return self._snippet is not None

    def _resolved(self) -> tuple[str, list[tuple[int, int]]]:
        snippet = self._snippet
        if snippet is None:
            snippet = self._snippet = self._cut()
            self._cut = None
        return snippet

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title, "source": self.source, "published": self.published,
            "path": printable(self.path), "url": self.url and printable(self.url), "score": round(self.score, 4), "snippet": self.snippet,
            "highlights": [list(pair) for pair in self.highlights],
            "title_highlights": [list(pair) for pair in self.title_highlights],
        }

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Hit) and self.to_json() == other.to_json()

    __hash__ = None  # mutable cache inside; compared by value

    def __repr__(self) -> str:
        return f"Hit(id={self.id!r}, title={self.title!r}, score={self.score:.3f})"


@dataclass(slots=True)
class SearchResult:
    query: str
    total: int
    hits: list[Hit]
    suggestion: str | None = None
    # outlet -> matches ("" = unknown): every match, or when ``partial``
    # those found before the time limit.
    outlets: dict[str, int] = field(default_factory=dict)
    partial: bool = False  # True when a time limit cut the search short: total and outlets are lower bounds
    terms: MatchTerms = field(default_factory=lambda: MatchTerms(frozenset(), frozenset()))
    # Ids of the top hits the entity counts are taken over (up to FACET_WINDOW).
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
            # The open searcher's schema: asking the index reads its newest
            # table of contents, which a commit elsewhere may just be replacing.
            store.searcher().schema,
            fieldboosts={"title": boosts["title"], "body": boosts["body"], "exact": boosts["body"] * 0.5,
                         "source": boosts["source"]},
            group=qparser.AndGroup,
            phraseclass=AdjacentPhrase,
        )
        self._parser.add_plugin(qparser.FuzzyTermPlugin())
        aliases: dict[str, list[str]] = {}
        for typed, actual in USER_FIELDS.items():
            if typed != actual:
                aliases.setdefault(actual, []).append(typed)
        self._parser.add_plugin(qparser.FieldAliasPlugin(aliases))
        self._texts: OrderedDict[tuple[str, str], tuple[str, list[tuple[int, int]]]] = OrderedDict()
        self._texts_lock = threading.Lock()
        self._lexicons: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    # --- parsing -------------------------------------------------------------

    def parse(self, text: str) -> wq.Query:
        """Parse ``text`` or raise :class:`QueryError` saying what is wrong."""
        folded = fold_punctuation(text).strip()
        if len(folded) > MAX_QUERY_CHARS:
            raise QueryError(f"the query is longer than {MAX_QUERY_CHARS:,} characters; shorten it")
        _check_syntax(folded)
        prepared = _BARE_FUZZY.sub(f"~{self.fuzzy_distance}", _without_double_negation(folded))
        try:
            parsed = self._parser.parse(prepared)
        except Exception:  # Whoosh's parser raises assorted errors on odd input, none of them for people
            raise QueryError("could not understand the query; check where its AND, OR, NOT and "
                             "parentheses stand") from None
        routed = (parsed.accept(_route_to_exact).accept(_stemmed_words_once).accept(self._with_entity_variants)
                  .accept(self._expanded_fuzzy))
        routed = routed.normalize()
        if routed is wq.NullQuery or isinstance(routed, type(wq.NullQuery)):
            raise QueryError("the query has no words to search for")
        if isinstance(routed, wq.Not):
            raise QueryError("a query cannot only exclude words; add a word to search for before NOT")
        _check_boosts(routed)
        return routed

    def _with_entity_variants(self, node: wq.Query) -> wq.Query:
        if not _entity_term(node):
            return node
        variants = sorted(self.entity_variants(node.text) - {node.text})
        if not variants:
            return node
        return wq.Or([node] + [wq.Term("entities", variant) for variant in variants])

    def _expanded_fuzzy(self, node: wq.Query) -> wq.Query:
        """``word~`` as the words it stands for (see :class:`_Lexicon`), so
        the search, the count and the highlighting expand it once."""
        if type(node) is not wq.FuzzyTerm:
            return node
        words = self._lexicon(node.fieldname).within(node.text, node.maxdist, node.prefixlength)
        words = sorted(set(words) | {node.text})
        return wq.Or([wq.Term(node.fieldname, word) for word in words], boost=node.boost)

    def _lexicon(self, fieldname: str) -> _Lexicon:
        searcher = self.store.searcher()
        with self._texts_lock:
            cached = self._lexicons.get(searcher)
            if cached is None:
                cached = self._lexicons[searcher] = {}
            lexicon = cached.get(fieldname)
            if lexicon is None:
                lexicon = cached[fieldname] = _Lexicon(searcher.reader(), fieldname)
            return lexicon

    # --- searching -----------------------------------------------------------

    def search(self, text: str, limit: int = 50, *, time_limit: float | None = None,
               snippets: bool | int = True) -> SearchResult:
        """The top ``limit`` hits of ``text``. ``snippets``: True cuts every
        hit's snippet now, False none (and no highlights), a number cuts
        that many now and the others when first read (``Hit.snippet``)."""
        searcher = self.store.searcher()
        query = wq.Every() if not text.strip() else self.parse(text)
        if searcher.doc_count() == 0:  # Whoosh's empty reader has no columns to count or sort by
            return SearchResult(query=text, total=0, hits=[])
        window = max(limit, FACET_WINDOW)
        partial = False
        # Every match's document number, for the total and the outlet counts.
        matched: Iterable[int] | None = None
        if isinstance(query, wq.Every):
            results = searcher.search(query, limit=window, sortedby="id")
            matched = searcher.reader().all_doc_ids()
        else:
            # Words and their combinations: top-k with block skipping, then
            # the matches found on sets (_matching). Phrases and the like:
            # every candidate has to be checked anyway, so one pass that
            # keeps every match (no skipping, no matcher replacement, which
            # would lose some).
            countable = _countable(query)
            collector = (searcher.collector(limit=window) if countable
                         else _EveryMatchCollector(limit=window, usequality=False, replace=0))
            timed = DeadlineCollector(collector, time_limit) if time_limit is not None else collector
            try:
                searcher.search_with_collector(query, timed)
            except TimeLimit:
                partial = True
            results = timed.results()
            if not countable:
                matched = collector.docnums
        # The top hits, in rank order (the entity counts are over these).
        top = [docnum for _, docnum in results.top_n]
        terms = self.match_terms(query) if snippets else MatchTerms(frozenset(), frozenset())
        eager = limit if snippets is True else 0 if snippets is False else snippets
        hits = [self._hit(searcher, results, rank, terms, bool(snippets), rank < eager)
                for rank in range(min(limit, len(top)))]
        id_column = column(searcher, "id")
        window_ids = [id_column[docnum] for docnum in top]
        if matched is None:
            # Out of time, counted over what was found (``partial`` says so;
            # a full search when typing pauses gives the true counts); or a
            # window not filled, when every match was collected.
            matched = top if partial or len(top) < window else _matching(searcher, query)
        total, outlets = self._count_outlets(searcher, matched)
        suggestion = self.suggest(text) if text.strip() and not isinstance(query, wq.Every) else None
        return SearchResult(
            query=text, total=total, hits=hits, suggestion=suggestion, outlets=outlets, partial=partial,
            terms=terms, window_ids=window_ids,
        )

    def _hit(self, searcher, results, rank: int, terms: MatchTerms, with_snippet: bool, now: bool) -> Hit:
        docnum = results.top_n[rank][1]
        stored = searcher.stored_fields(docnum)  # small: the record is in columns

        def cut() -> tuple[str, list[tuple[int, int]]]:
            # Cut later on another thread (the UI's), or after the index
            # changed: read through that thread's own searcher, by id, as a
            # searcher must not be shared between threads (see store.searcher).
            reading, at = self.store.searcher(), docnum
            if reading is not searcher:
                at = reading.document_number(id=stored["id"])
                if at is None:  # removed since
                    return "", []
            text, sentences = self._text(reading, at, stored)
            snippet = make_snippet(text, sentences, find_matches(text, terms), self.snippet_chars)
            return snippet.text, snippet.highlights

        hit = Hit(
            id=stored["id"],
            title=stored["title"],
            source=stored.get("source"),
            published=stored.get("published"),
            path=stored["path"],
            url=stored.get("url"),
            score=_relevance(results.score(rank)),
            title_highlights=find_matches(stored["title"], terms),
            cut=cut if with_snippet else None,
        )
        if with_snippet and now:
            hit.snippet  # noqa: B018 - cut it now, in this (worker) thread
        return hit

    def _text(self, searcher, docnum: int, stored: dict[str, Any]) -> tuple[str, list[tuple[int, int]]]:
        """The article text and its sentence spans, from a small cache."""
        key = (stored["id"], stored["content_hash"])
        with self._texts_lock:
            cached = self._texts.get(key)
            if cached is not None:
                self._texts.move_to_end(key)
                return cached
        text, sentences = json.loads(column(searcher, "text")[docnum])
        value = (text, [tuple(span) for span in sentences])
        with self._texts_lock:
            self._texts[key] = value
            if len(self._texts) > TEXT_CACHE:
                self._texts.popitem(last=False)
        return value

    @staticmethod
    def _count_outlets(searcher, docnums: Iterable[int]) -> tuple[int, dict[str, int]]:
        """How many documents ``docnums`` are, and how many of them each
        outlet has, most first, from every document's outlet read once per
        segment (a stored-field read per match would cost seconds)."""
        counts = Counter(map(keyword_values(searcher, "source_key").__getitem__, docnums))
        return sum(counts.values()), dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

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
        return MatchTerms(frozenset(exact), frozenset(stemmed), tuple(phrases), self._words_of(exact, stemmed))

    def _words_of(self, exact: set[str], stemmed: set[str]) -> frozenset[str]:
        """Every word of the exact field that is one of ``exact`` or stems to
        one of ``stemmed``. A Porter stem keeps its word's first three
        letters when it has four or more, and its first two otherwise, so
        only words starting with those are stemmed."""
        lexicon = self._lexicon("exact")
        words = set(exact)
        for stemmed_word in stemmed:
            head = stemmed_word[:3] if len(stemmed_word) >= 4 else stemmed_word[:2]
            words.update(word for word in lexicon.starting(head) if word_forms(word)[1] == stemmed_word)
        return frozenset(words)

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
            # Words with the same first letter only, as for fuzzy queries:
            # most misspellings keep it, and it keeps this fast.
            lexicon = self._lexicon("exact")
            for distance in (1, 2):
                options = sorted(option for option in lexicon.within(lowered, distance, 1) if option != lowered)
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


class _Lexicon:
    """The words of one field, grouped by their first letters and length
    when first needed, for fuzzy expansion and spelling suggestions.

    Whoosh walks every word sharing the prefix and computes a full edit
    distance in Python for each (over a multi-segment index it has no
    automaton); here only words of a fitting length are looked at, and a
    cheap letter test rules most of them out first.
    """

    def __init__(self, reader, fieldname: str) -> None:
        self._reader = reader
        self._fieldname = fieldname
        self._groups: dict[str, dict[int, list[str]]] = {}

    def _grouped(self, head: str) -> dict[int, list[str]]:
        groups = self._groups.get(head)
        if groups is None:
            groups = defaultdict(list)
            for term in self._reader.expand_prefix(self._fieldname, head):
                text = term.decode("utf-8") if isinstance(term, bytes) else term
                groups[len(text)].append(text)
            self._groups[head] = groups
        return groups

    def starting(self, head: str) -> Iterator[str]:
        for words in self._grouped(head).values():
            yield from words

    def within(self, word: str, maxdist: int, prefix: int = 1) -> list[str]:
        """The field's words within ``maxdist`` edits (adjacent swaps count
        one) of ``word`` that share its first ``prefix`` letters."""
        groups = self._grouped(word[:prefix])
        letters = set(word)
        found = []
        for length in range(len(word) - maxdist, len(word) + maxdist + 1):
            for candidate in groups.get(length, ()):
                if len(letters.symmetric_difference(candidate)) <= 2 * maxdist \
                        and _edit_distance(word, candidate, maxdist) <= maxdist:
                    found.append(candidate)
        return found


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance of ``a`` and ``b`` (insertions,
    deletions, substitutions, adjacent swaps), or ``limit + 1`` once it is
    known to exceed ``limit``."""
    if a == b:
        return 0
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = char_a != char_b
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


_SET_NODES = (wq.Term, wq.And, wq.Or, wq.AndNot, wq.AndMaybe, wq.Not, wq.Every, wq.Wildcard, wq.Prefix)


def _countable(node: wq.Query) -> bool:
    """True when :func:`_matching` counts ``node`` on postings alone."""
    if isinstance(node, wq.DisjunctionMax) or not isinstance(node, _SET_NODES):
        return False
    return all(_countable(child) for child in node.children())


class _EveryMatchCollector(TopCollector):
    """Whoosh's top-k collector that also keeps every match's document number."""

    def prepare(self, top_searcher, q, context) -> None:
        super().prepare(top_searcher, q, context)
        self.docnums: list[int] = []

    def _collect(self, global_docnum, score):
        self.docnums.append(global_docnum)
        return super()._collect(global_docnum, score)


class DeadlineCollector(TimeLimitCollector):
    """Whoosh's time-limited collector, reading the clock every few matches
    instead of starting a timer thread (4 ms a search) or using SIGALRM
    (main thread only: the TUI searches in worker threads)."""

    CHECK_EVERY = 64  # matches between two looks at the clock

    def __init__(self, child, time_limit: float) -> None:
        super().__init__(child, time_limit, use_alarm=False)
        self.deadline = 0.0

    def prepare(self, top_searcher, q, context) -> None:
        self.child.prepare(top_searcher, q, context)
        self.deadline = time.perf_counter() + self.timelimit

    def collect_matches(self) -> None:
        child = self.child
        for count, docnum in enumerate(child.matches()):
            if count % self.CHECK_EVERY == 0 and time.perf_counter() > self.deadline:
                raise TimeLimit
            child.collect(docnum)

    def finish(self) -> None:
        self.child.finish()


def _matching(searcher, node: wq.Query) -> set[int]:
    """The document numbers ``node`` matches, with set operations on the
    postings of its terms (a Whoosh top-k search does not keep them; asking
    its results for them runs the whole query a second time, stepping every
    matcher); Whoosh's own matchers for what has no set form (phrases, ranges)."""
    reader = searcher.reader()
    kind = type(node)
    if kind is wq.Term:
        if (node.fieldname, node.text) not in reader:
            return set()
        return set(reader.postings(node.fieldname, node.text).all_ids())
    if isinstance(node, wq.And):
        parts = sorted((_matching(searcher, child) for child in node.children() if not isinstance(child, wq.Not)),
                       key=len)
        found = set(parts[0]) if parts else set(reader.all_doc_ids())
        for part in parts[1:]:
            found &= part
        for child in node.children():
            if isinstance(child, wq.Not):
                found -= _matching(searcher, child.query)
        return found
    if isinstance(node, wq.Or) and not isinstance(node, wq.DisjunctionMax):
        found = set()
        for child in node.children():
            found |= _matching(searcher, child)
        return found
    if isinstance(node, wq.AndNot):
        return _matching(searcher, node.a) - _matching(searcher, node.b)
    if isinstance(node, wq.AndMaybe):
        return _matching(searcher, node.a)
    if isinstance(node, wq.Not):
        return set(reader.all_doc_ids()) - _matching(searcher, node.query)
    if isinstance(node, wq.Every):
        return set(reader.all_doc_ids())
    if isinstance(node, (wq.FuzzyTerm, wq.Wildcard, wq.Prefix, wq.Regex, wq.Variations)):
        found = set()
        for fieldname, text in node.expanded_terms(reader):
            found.update(reader.postings(fieldname, text).all_ids())
        return found
    return set(node.docs(searcher))


def _stemmed_words_once(node: wq.Query) -> wq.Query:
    """A plain word is searched in title, body and exact; body (which holds
    the title too) already matches every article exact would, so exact is
    dropped: a third fewer postings to walk. A stop word has no body term
    and keeps its exact one."""
    if type(node) is wq.Or and node.subqueries and all(type(child) is wq.Term for child in node.subqueries):
        fields = {child.fieldname for child in node.subqueries}
        if "body" in fields and "exact" in fields:
            return wq.Or([child for child in node.subqueries if child.fieldname != "exact"], boost=node.boost)
    return node


def _relevance(score: Any) -> float:
    """A hit's score; a listing sorted by id has none (Whoosh gives the sort key)."""
    return float(score) if isinstance(score, (int, float)) else 0.0


def _entity_term(node: wq.Query) -> bool:
    return isinstance(node, wq.Term) and node.fieldname == "entities"


def _route_to_exact(node: wq.Query) -> wq.Query:
    """Phrases, fuzzy words and wildcards are matched as written (the exact
    field), not against stems: drop their copies on the stemmed body."""
    if isinstance(node, (wq.Phrase, wq.FuzzyTerm, wq.Wildcard, wq.Prefix)) and node.fieldname == "body":
        return wq.NullQuery
    return node


def _without_double_negation(text: str) -> str:
    """``text`` with every NOT NOT outside quotes taken out."""
    pieces = re.split(r'("[^"]*")', text)
    for index in range(0, len(pieces), 2):  # the even pieces are outside quotes
        piece, previous = pieces[index], None
        while piece != previous:
            previous, piece = piece, _DOUBLE_NOT.sub("", piece)
        pieces[index] = piece
    return "".join(pieces)


def _check_boosts(node: wq.Query) -> None:
    """A boost (``word^2``) must weigh: Whoosh divides by it while ranking,
    and a negative or infinite one would make scores meaningless."""
    boost = getattr(node, "boost", 1.0)
    if not (0 < boost < math.inf):
        raise QueryError("a boost after ^ must be a number above 0, as in hamas^2")
    for child in node.children():
        _check_boosts(child)


def _check_syntax(text: str) -> None:
    if text.count('"') % 2:
        raise QueryError('a quotation mark is not closed; add a closing " to search for a phrase')
    depth = 0
    for char in _QUOTED.sub("", text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            raise QueryError("a closing parenthesis has no opening one")
        if depth > MAX_NESTING:
            raise QueryError(f"parentheses are nested more than {MAX_NESTING} deep; take some out")
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
