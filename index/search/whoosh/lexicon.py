"""The words of one index field, for fuzzy expansion and spelling suggestions."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator


class FieldWords:
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
                        and edit_distance(word, candidate, maxdist) <= maxdist:
                    found.append(candidate)
        return found


def edit_distance(a: str, b: str, limit: int) -> int:
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
