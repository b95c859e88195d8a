"""Display rows that keep both articles in their reading order.

The pairs that agree on order (the heaviest chain of pairs whose A and B
positions both increase, weighed by score) sit on one row each; between two
of them come, in order, the sentences of A and then of B that lie between.
A pair off that chain is *moved*: each side is drawn where it stands in its
own article, opposite a blank, and points at the row of the other, as diff
tools draw a moved block. No column is ever reordered, and every sentence
of either article is on exactly one row.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Row, SentencePair


def in_order(pairs: list[SentencePair]) -> set[int]:
    """Indexes into ``pairs`` (sorted by a) of the heaviest chain whose b
    positions increase: the pairs drawn on one row."""
    best: list[float] = []
    previous: list[int] = []
    for k, pair in enumerate(pairs):
        chain, before = pair.score, -1
        for m in range(k):
            before_both = pairs[m].b_span[1] < pair.b_span[0] and pairs[m].a_span[1] < pair.a_span[0]
            if before_both and best[m] + pair.score > chain:
                chain, before = best[m] + pair.score, m
        best.append(chain)
        previous.append(before)
    chosen: set[int] = set()
    k = max(range(len(pairs)), key=best.__getitem__, default=-1)
    while k >= 0:
        chosen.add(k)
        k = previous[k]
    return chosen


def reading_rows(pairs: list[SentencePair], count_a: int, count_b: int) -> tuple[list[SentencePair], list[Row]]:
    """``pairs`` with ``moved`` set, and the rows that show them."""
    pairs = sorted(pairs, key=lambda pair: pair.a)
    chain = in_order(pairs)
    pairs = [replace(pair, moved=k not in chain) for k, pair in enumerate(pairs)]
    pair_at_a = {i: pair for pair in pairs for i in pair.a_indexes}
    pair_at_b = {j: pair for pair in pairs for j in pair.b_indexes}
    rows: list[Row] = []
    where: dict[tuple[int, int], dict[str, int]] = {}  # a pair's spans -> its row on each side
    next_a = next_b = 0

    def side_rows(side: str, stop: int) -> None:
        nonlocal next_a, next_b
        position = next_a if side == "a" else next_b
        at = pair_at_a if side == "a" else pair_at_b
        while position < stop:
            pair = at.get(position)
            if pair is None:
                rows.append(Row((position,), ()) if side == "a" else Row((), (position,)))
                position += 1
                continue
            span = pair.a_indexes if side == "a" else pair.b_indexes
            where.setdefault((pair.a, pair.b), {})[side] = len(rows)
            rows.append(Row(tuple(span), (), pair) if side == "a" else Row((), tuple(span), pair))
            position = span[-1] + 1
        if side == "a":
            next_a = position
        else:
            next_b = position

    for pair in (pair for pair in pairs if not pair.moved):
        side_rows("a", pair.a)
        side_rows("b", pair.b)
        rows.append(Row(tuple(pair.a_indexes), tuple(pair.b_indexes), pair))
        next_a, next_b = pair.a_span[1] + 1, pair.b_span[1] + 1
    side_rows("a", count_a)
    side_rows("b", count_b)
    for sides in where.values():
        rows[sides["a"]] = replace(rows[sides["a"]], partner=sides["b"])
        rows[sides["b"]] = replace(rows[sides["b"]], partner=sides["a"])
    return pairs, rows
