"""Search the index: parse a query (``query.py``), rank hits, count matches
by outlet, cut snippets, suggest spellings (``spelling.py``).

Plain words match stemmed text ("fighting" finds "fight"); phrases, fuzzy
words and wildcards match the words as written.
"""

from __future__ import annotations

import json
import re
import threading
import weakref
from collections import Counter, OrderedDict
from typing import TYPE_CHECKING, Any, Callable, Iterable

from whoosh import query as wq
from whoosh.collectors import TimeLimit

from ...errors import QueryError
from ...text import fold_punctuation
from ..results import Hit, MatchTerms, SearchResult
from .collecting import DeadlineCollector, EveryMatchCollector, countable, matching
from .highlight import find_matches, make_snippet, word_forms
from .lexicon import FieldWords
from .query import (MAX_QUERY_CHARS, build_parser, check_boosts, check_syntax, compound_words, entity_term,
                    route_to_exact, stemmed_words_once, with_compound_parts, without_double_negation)
from .scoring import column, keyword_values
from .spelling import suggest

if TYPE_CHECKING:
    from .store import IndexStore

# Hits looked at for the per-entity counts; beyond this they are of the top
# hits (outlets are counted over every match). Whoosh ranks only this many
# (top-k with block skipping), so it is also what a search costs: 500 was 3x
# slower than 100.
FACET_WINDOW = 100
# Parsed article texts kept for snippets: the top hits of one query are
# mostly those of the previous keystroke's.
TEXT_CACHE = 512
_BARE_FUZZY = re.compile(r"(?<=[\w*?])~(?![\d/])")


class SearchEngine:
    def __init__(self, store: IndexStore, *, boosts: dict[str, float], fuzzy_distance: int,
                 snippet_chars: int, entity_variants: Callable[[str], set[str]] = lambda name: set()) -> None:
        self.store = store
        # Names the corpus links to an entity ("biden" for "joe biden"), so
        # entity:"Joe Biden" also finds the articles that say only "Biden".
        self.entity_variants = entity_variants
        self.fuzzy_distance = fuzzy_distance
        self.snippet_chars = snippet_chars
        # The open searcher's schema: asking the index reads its newest
        # table of contents, which a commit elsewhere may just be replacing.
        self._parser = build_parser(store.searcher().schema, boosts)
        self._texts: OrderedDict[tuple[str, str], tuple[str, list[tuple[int, int]]]] = OrderedDict()
        self._texts_lock = threading.Lock()
        self._lexicons: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    # --- parsing -------------------------------------------------------------

    def parse(self, text: str) -> wq.Query:
        """Parse ``text`` or raise :class:`QueryError` saying what is wrong."""
        folded = fold_punctuation(text).strip()
        if len(folded) > MAX_QUERY_CHARS:
            raise QueryError(f"the query is longer than {MAX_QUERY_CHARS:,} characters; shorten it")
        check_syntax(folded)
        prepared = _BARE_FUZZY.sub(f"~{self.fuzzy_distance}", without_double_negation(folded))
        try:
            parsed = self._parser.parse(prepared)
        except Exception:  # Whoosh's parser raises assorted errors on odd input, none of them for people
            raise QueryError("could not understand the query; check where its AND, OR, NOT and "
                             "parentheses stand") from None
        routed = (parsed.accept(route_to_exact).accept(stemmed_words_once).accept(self._with_entity_variants)
                  .accept(self._expanded_fuzzy)
                  .accept(with_compound_parts(self._parser.schema, compound_words(prepared))))
        routed = routed.normalize()
        if routed is wq.NullQuery or isinstance(routed, type(wq.NullQuery)):
            raise QueryError("the query has no words to search for")
        if isinstance(routed, wq.Not):
            raise QueryError("a query cannot only exclude words; add a word to search for before NOT")
        check_boosts(routed)
        return routed

    def _with_entity_variants(self, node: wq.Query) -> wq.Query:
        if not entity_term(node):
            return node
        variants = sorted(self.entity_variants(node.text) - {node.text})
        if not variants:
            return node
        return wq.Or([node] + [wq.Term("entities", variant) for variant in variants])

    def _expanded_fuzzy(self, node: wq.Query) -> wq.Query:
        """``word~`` as the words it stands for (see :class:`FieldWords`), so
        the search, the count and the highlighting expand it once."""
        if type(node) is not wq.FuzzyTerm:
            return node
        words = self._lexicon(node.fieldname).within(node.text, node.maxdist, node.prefixlength)
        words = sorted(set(words) | {node.text})
        return wq.Or([wq.Term(node.fieldname, word) for word in words], boost=node.boost)

    def _lexicon(self, fieldname: str) -> FieldWords:
        searcher = self.store.searcher()
        with self._texts_lock:
            cached = self._lexicons.get(searcher)
            if cached is None:
                cached = self._lexicons[searcher] = {}
            lexicon = cached.get(fieldname)
            if lexicon is None:
                lexicon = cached[fieldname] = FieldWords(searcher.reader(), fieldname)
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
            # the matches found on sets (matching). Phrases and the like:
            # every candidate has to be checked anyway, so one pass that
            # keeps every match (no skipping, no matcher replacement, which
            # would lose some).
            on_postings = countable(query)
            collector = (searcher.collector(limit=window) if on_postings
                         else EveryMatchCollector(limit=window, usequality=False, replace=0))
            timed = DeadlineCollector(collector, time_limit) if time_limit is not None else collector
            try:
                searcher.search_with_collector(query, timed)
            except TimeLimit:
                partial = True
            results = timed.results()
            if not on_postings:
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
            matched = top if partial or len(top) < window else matching(searcher, query)
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
            summary_only=stored.get("summary_only", False),
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
        return suggest(text, self.store.searcher().reader(), lambda: self._lexicon("exact"))


def _relevance(score: Any) -> float:
    """A hit's score; a listing sorted by id has none (Whoosh gives the sort key)."""
    return float(score) if isinstance(score, (int, float)) else 0.0

