"""Quoted phrases matched on sets of positions.

Whoosh checks a phrase by stepping a tree of matchers, one per word, to
every article that has all the words, and comparing ``Span`` objects made
for every position of every word. In a corpus about one story the words of
a phrase are in thousands of articles, and that machinery was most of a
phrase search's time. Here the words' postings are read once (and kept for
the next search), the articles having all of them found with set
intersection, and each candidate checked with the rarest word's positions
against sets of the others'; the matches are scored a chunk at a time. The
documents and the scores are Whoosh's, to the bit.
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections import OrderedDict
from itertools import accumulate
from pickle import loads

from whoosh import matching
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.formats import Positions
from whoosh.matching.wrappers import FilterMatcher
from whoosh.query.spans import Span
from whoosh.scoring import WeightLengthScorer

# Whoosh's Positions format: a 4-byte count, then the deltas between
# positions pickled, with the pickle's final STOP byte dropped.
_COUNT_BYTES = 4
_PICKLE_STOP = b"."


class AdjacentPhrase(wq.Phrase):
    """Whoosh's ``Phrase`` for words next to each other in order (slop 1);
    a looser phrase is left to Whoosh."""

    def matcher(self, searcher, context=None):
        if self.slop != 1 or len(self.words) < 2 or self.fieldname not in searcher.schema:
            return super().matcher(searcher, context)
        field = searcher.schema[self.fieldname]
        if type(field.format) is not Positions:  # another encoding of positions: Whoosh's way
            return super().matcher(searcher, context)
        reader = searcher.reader()
        words = []
        for word in self.words:
            try:
                word = field.to_bytes(word)
            except ValueError:
                return matching.NullMatcher()
            if (self.fieldname, word) not in reader:
                return matching.NullMatcher()
            words.append(_Postings(wq.Term(self.fieldname, word).matcher(searcher, context),
                                   _segment_word(reader, self.fieldname, word)))
        return AdjacentMatcher(words, self.boost)


class _Postings:
    """One word's postings in one segment, read in one pass: document
    number -> (weight, encoded positions); and the word's scorer."""

    def __init__(self, matcher, kept_as: tuple | None = None) -> None:
        """``kept_as``: the segment and word, to keep the postings for the
        next search under (None: not kept)."""
        # Documents deleted from the segment: Whoosh puts a filter around
        # the postings, which stay as they were written (and can be kept).
        self.deleted: set[int] | frozenset[int] = frozenset()
        if type(matcher) is FilterMatcher and matcher._exclude and type(matcher.child) is W3LeafMatcher:
            self.deleted, matcher = matcher._ids, matcher.child
            matcher.reset()  # the filter moved it past any deleted first documents
        self.scorer = matcher.scorer
        if type(matcher) is not W3LeafMatcher:  # another codec: one posting at a time
            self.by_document = {}
            while matcher.is_active():
                self.by_document[matcher.id()] = (matcher.weight(), matcher.value())
                matcher.next()
            return
        kept = _KEPT.get(kept_as) if kept_as else None
        if kept is not None:
            self.by_document = kept
            return
        self.by_document = {}
        # A block at a time (Whoosh is pinned, so its block layout is known),
        # the document numbers' deltas added up in C (Whoosh's ``_read_ids``
        # does it in a Python loop).
        while matcher.is_active():
            matcher._read_data()
            ids = matcher._data[0]
            matcher._read_weights()
            matcher._read_values()
            self.by_document.update(zip(ids if matcher._byteids else accumulate(ids),
                                        zip(matcher._weights, matcher._values)))
            matcher._next_block()
        if kept_as:
            _KEPT.put(kept_as, self.by_document)

    def scores(self, documents: list[int]) -> list[float]:
        """The word's score in each of ``documents``, as its scorer gives it."""
        postings = self.by_document
        scorer = self.scorer
        if isinstance(scorer, WeightLengthScorer):  # Whoosh's BM25 asks only the weight and the length
            score, length = scorer._score, scorer.dfl
            return [score(postings[document][0], length(document)) for document in documents]
        return [scorer.score(_Posting(document, postings[document][0])) for document in documents]


class _Posting:
    """What a Whoosh scorer asks of a matcher to score one posting."""

    __slots__ = ("_id", "_weight")

    def __init__(self, document: int, weight: float) -> None:
        self._id, self._weight = document, weight

    def id(self) -> int:
        return self._id

    def weight(self) -> float:
        return self._weight


class AdjacentMatcher(matching.Matcher):
    """The documents where the words follow each other, scored as Whoosh
    scores a phrase: the sum of its words' scores, times the phrase's boost.

    Candidates (the documents with every word) are found at once, then
    checked ``CHUNK`` at a time as the matcher moves on (one at a time after
    a skip, which may jump far), so a time-limited search stops early as
    with Whoosh's matchers; the matches of a chunk are scored together when
    the first of them is asked its score (calls per document were most of
    the scoring's time)."""

    CHUNK = 128

    def __init__(self, words: list[_Postings], boost: float = 1.0, candidates: list[int] | None = None,
                 at: int = 0) -> None:
        self.words = words
        self.boost = boost
        # (place in the phrase, postings), the word in fewest documents first.
        self._rarest_first = sorted(((place, word.by_document) for place, word in enumerate(words)),
                                    key=lambda placed: len(placed[1]))
        if candidates is None:
            common = set(self._rarest_first[0][1])
            for _, postings in self._rarest_first[1:]:
                common.intersection_update(postings)
            candidates = sorted(common.difference(words[0].deleted))
        self.candidates = candidates
        self._check(at, self.CHUNK)

    def _check(self, at: int, count: int) -> None:
        """Check the candidates from index ``at``, ``count`` at a time, until
        a chunk has matches (or none are left); they become the current ones."""
        found: list[tuple[int, list[int]]] = []
        while not found and at < len(self.candidates):
            chunk = self.candidates[at:at + count]
            at += len(chunk)
            found = [(document, starts) for document in chunk if (starts := self._phrase_starts(document))]
        self._matches = [document for document, _ in found]
        self._starts = [starts for _, starts in found]
        self._scores: list[float] | None = None
        self._i = 0
        self._unchecked = at  # index of the first candidate not yet checked

    def _phrase_starts(self, document: int) -> list[int]:
        """Where the phrase starts in ``document``: the rarest word's
        positions less its place, kept where every other word is at its
        place (the rarest first, so a common word such as "of" is decoded
        only where the others already fit)."""
        starts: list[int] | None = None
        for place, postings in self._rarest_first:
            encoded = postings[document][1]
            if encoded[-1:] != _PICKLE_STOP:
                encoded += _PICKLE_STOP
            positions = accumulate(loads(encoded[_COUNT_BYTES:]))
            if starts is None:
                starts = [position - place for position in positions]
            else:
                present = set(positions)
                starts = [start for start in starts if start + place in present]
                if not starts:
                    break
        return starts

    def is_active(self) -> bool:
        return self._i < len(self._matches)

    def id(self) -> int:
        return self._matches[self._i]

    def next(self) -> None:
        if not self.is_active():
            raise matching.ReadTooFar
        self._i += 1
        if self._i == len(self._matches):
            self._check(self._unchecked, self.CHUNK)

    def skip_to(self, document: int) -> None:
        if not self.is_active():
            raise matching.ReadTooFar
        if document <= self.id():
            return
        if document <= self._matches[-1]:
            self._i = bisect_left(self._matches, document, self._i)
        else:
            self._check(bisect_left(self.candidates, document, self._unchecked), 1)

    def reset(self) -> None:
        self._check(0, self.CHUNK)

    def copy(self) -> AdjacentMatcher:
        at = bisect_left(self.candidates, self.id()) if self.is_active() else len(self.candidates)
        return AdjacentMatcher(self.words, self.boost, self.candidates, at)

    def replace(self, minquality=0):
        return self if self.is_active() else matching.NullMatcher()

    def supports_block_quality(self) -> bool:
        return False

    def weight(self) -> float:
        return len(self._starts[self._i]) * self.boost

    def score(self) -> float:
        if self._scores is None:
            sums = _tree_sum([word.scores(self._matches) for word in self.words])
            # Times the boost as Whoosh's WrappingMatcher does it, after the sum.
            self._scores = sums if self.boost == 1.0 else [score * self.boost for score in sums]
        return self._scores[self._i]

    def supports(self, astype: str) -> bool:
        return astype == "positions"

    def value_as(self, astype: str):
        if astype != "positions":
            raise ValueError(f"a phrase match has only positions, not {astype}")
        return list(self._starts[self._i])

    def spans(self) -> list[Span]:
        last = len(self.words) - 1
        return [Span(start, start + last) for start in self._starts[self._i]]


class _KeptPostings:
    """Decoded postings kept across searches, the least recently used
    dropped first once there are more than ``limit`` postings in all. A
    segment never changes once written; a deletion puts a filter around its
    postings, which are then read afresh (see ``_Postings``). Shared by
    every thread's searcher: the postings are never changed once read."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._postings: OrderedDict[tuple, dict[int, tuple[float, bytes]]] = OrderedDict()
        self._count = 0
        self._lock = threading.Lock()

    def get(self, key: tuple) -> dict[int, tuple[float, bytes]] | None:
        with self._lock:
            postings = self._postings.get(key)
            if postings is not None:
                self._postings.move_to_end(key)
            return postings

    def put(self, key: tuple, postings: dict[int, tuple[float, bytes]]) -> None:
        if len(postings) > self.limit:
            return
        with self._lock:
            if key in self._postings:
                return
            self._postings[key] = postings
            self._count += len(postings)
            while self._count > self.limit:
                _, dropped = self._postings.popitem(last=False)
                self._count -= len(dropped)

    def clear(self) -> None:
        with self._lock:
            self._postings.clear()
            self._count = 0


# The words of recent phrases: a complete search repeats the time-limited
# one run while the user typed, and phrases share words. Reading a common
# word's postings was a fifth of a phrase search at 50,000 articles; kept,
# they cost about 200 bytes a posting (250,000: some 50 MB).
_KEPT = _KeptPostings(250_000)


def _segment_word(reader, fieldname: str, word: bytes) -> tuple | None:
    """What a segment's postings of ``word`` are kept under, or None where
    the reader is not one segment's."""
    segment = getattr(reader, "segment", None)
    if segment is None:
        return None
    return segment().segment_id(), reader.doc_count_all(), fieldname, word


def _tree_sum(scores: list[list[float]]) -> list[float]:
    """The words' scores in each document added in the order Whoosh's tree
    of intersection matchers adds them (``make_binary_tree``), so that the
    sums are equal to the bit."""
    if len(scores) == 1:
        return scores[0]
    half = len(scores) // 2
    return [left + right for left, right in zip(_tree_sum(scores[:half]), _tree_sum(scores[half:]))]
