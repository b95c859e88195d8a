"""Quoted phrases matched on sets of positions.

Whoosh checks a phrase by stepping a tree of matchers, one per word, to
every article that has all the words, and comparing ``Span`` objects made
for every position of every word. In a corpus about one story the words of
a phrase are in thousands of articles, and that machinery was most of a
phrase search's time. Here the words' postings are read once, the articles
having all of them found with set intersection, and each candidate checked
by shifting every word's positions back by its place in the phrase and
intersecting the sets. The documents and the scores are Whoosh's.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate
from pickle import loads

from whoosh import matching
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.formats import Positions
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
            words.append(wq.Term(self.fieldname, word).matcher(searcher, context))
        found = AdjacentMatcher([_Postings(word) for word in words])
        if self.boost != 1.0:
            return matching.WrappingMatcher(found, boost=self.boost)
        return found


class _Postings:
    """One word's postings in one segment, read in one pass: document
    number -> (weight, encoded positions); and the word's scorer."""

    def __init__(self, matcher) -> None:
        self.scorer = matcher.scorer
        self.by_document: dict[int, tuple[float, bytes]] = {}
        if type(matcher) is W3LeafMatcher:
            # A block at a time (Whoosh is pinned, so its block layout is known).
            while matcher.is_active():
                matcher._read_ids()
                matcher._read_weights()
                matcher._read_values()
                self.by_document.update(zip(matcher._ids, zip(matcher._weights, matcher._values)))
                matcher._next_block()
        else:
            while matcher.is_active():
                self.by_document[matcher.id()] = (matcher.weight(), matcher.value())
                matcher.next()
        # Whoosh's BM25 asks only the weight and the document's length.
        self._weight_and_length = isinstance(self.scorer, WeightLengthScorer)

    def score(self, document: int) -> float:
        weight = self.by_document[document][0]
        if self._weight_and_length:
            return self.scorer._score(weight, self.scorer.dfl(document))
        return self.scorer.score(_Posting(document, weight))


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
    """The documents where the words follow each other. Candidates (the
    documents with every word) are found at once; each is checked only when
    the matcher reaches it, so a time-limited search stops early as with
    Whoosh's matchers. Scored as Whoosh scores a phrase: the sum of its
    words' scores."""

    def __init__(self, words: list[_Postings], candidates: list[int] | None = None, at: int = 0) -> None:
        self.words = words
        if candidates is None:
            rarest_first = sorted(words, key=lambda word: len(word.by_document))
            common = set(rarest_first[0].by_document)
            for word in rarest_first[1:]:
                common.intersection_update(word.by_document)
            candidates = sorted(common)
        self.candidates = candidates
        self._at = at
        self._starts: list[int] = []
        self._settle()

    def _settle(self) -> None:
        """Move to the first candidate at or after the current one where the
        phrase is found."""
        while self._at < len(self.candidates):
            self._starts = self._phrase_starts(self.candidates[self._at])
            if self._starts:
                return
            self._at += 1

    def _phrase_starts(self, document: int) -> list[int]:
        starts: set[int] = set()
        for place, word in enumerate(self.words):
            encoded = word.by_document[document][1]
            if encoded[-1:] != _PICKLE_STOP:
                encoded += _PICKLE_STOP
            positions = accumulate(loads(encoded[_COUNT_BYTES:]))
            if place:
                starts.intersection_update([position - place for position in positions])
            else:
                starts.update(positions)
            if not starts:
                return []
        return sorted(starts)

    def is_active(self) -> bool:
        return self._at < len(self.candidates)

    def id(self) -> int:
        return self.candidates[self._at]

    def next(self) -> None:
        if not self.is_active():
            raise matching.ReadTooFar
        self._at += 1
        self._settle()

    def skip_to(self, document: int) -> None:
        if not self.is_active():
            raise matching.ReadTooFar
        if document > self.id():
            self._at = bisect_left(self.candidates, document, self._at)
            self._settle()

    def reset(self) -> None:
        self._at = 0
        self._settle()

    def copy(self) -> AdjacentMatcher:
        return AdjacentMatcher(self.words, self.candidates, self._at)

    def replace(self, minquality=0):
        return self if self.is_active() else matching.NullMatcher()

    def supports_block_quality(self) -> bool:
        return False

    def weight(self) -> float:
        return float(len(self._starts))

    def score(self) -> float:
        document = self.id()
        return _tree_sum([word.score(document) for word in self.words])

    def supports(self, astype: str) -> bool:
        return astype == "positions"

    def value_as(self, astype: str):
        if astype != "positions":
            raise ValueError(f"a phrase match has only positions, not {astype}")
        return list(self._starts)

    def spans(self) -> list[Span]:
        last = len(self.words) - 1
        return [Span(start, start + last) for start in self._starts]


def _tree_sum(scores: list[float]) -> float:
    """The scores added in the order Whoosh's tree of intersection matchers
    adds them (``make_binary_tree``), so that the sums are equal to the bit."""
    if len(scores) == 1:
        return scores[0]
    half = len(scores) // 2
    return _tree_sum(scores[:half]) + _tree_sum(scores[half:])
