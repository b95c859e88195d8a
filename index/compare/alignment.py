"""Pairing sentences one to one, growing a pair into a run of up to three
sentences on one side, and the words that differ inside a pair.

Pairing is an optimal assignment (the Hungarian method): among all ways to
pair sentences scoring at least the threshold, each sentence used at most
once, it picks the one whose pairs exceed the threshold by the most in
total. Greedy best-first can steal a sentence's only good partner for a
marginally better pair elsewhere; the assignment never does. Counting only
the excess over the threshold keeps it from the opposite mistake, breaking
one clear pair to make two that barely pass.
"""

from __future__ import annotations

import heapq
from typing import Callable

from .similarity import Token

Span = tuple[int, int]
# A sentence pairs with at most this many consecutive sentences of the other side.
MAX_RUN = 3
# A run grows by a sentence only when the pair's score rises by this much:
# the added sentence must carry part of what the single sentence reports.
RUN_GAIN = 0.02


def assign(scores: dict[tuple[int, int], float], threshold: float) -> list[tuple[int, int, float]]:
    """The one-to-one pairing of pairs scoring above ``threshold`` that
    maximises the total excess over it. Returns ``(i, j, score)`` sorted by ``i``.
    """
    excess: dict[int, list[tuple[int, float]]] = {}
    for (i, j), score in scores.items():
        if score > threshold:
            excess.setdefault(i, []).append((j, score - threshold))
    owner = _max_weight_matching(excess)
    return sorted((i, j, scores[i, j]) for j, i in owner.items())


def _max_weight_matching(edges: dict[int, list[tuple[int, float]]]) -> dict[int, int]:
    """``{column: row}`` of a maximum-weight matching of positive-weight edges.

    Successive shortest augmenting paths (the Hungarian method in its
    Dijkstra form) on costs ``-weight``, with reduced costs kept
    non-negative by row and column potentials. Each row also has a private
    zero-cost column meaning "unpaired", so no row has to be matched. A
    search only walks the edges it reaches, so a sparse graph costs what its
    edges cost, not rows × columns.
    """
    # Columns are keyed (0, column) and a row's "unpaired" column (1, row).
    row_potential = {row: -max(weight for _, weight in adjacent) for row, adjacent in edges.items()}
    column_potential: dict[tuple[int, int], float] = {}
    owner: dict[tuple[int, int], int] = {}  # column -> row holding it
    held: dict[int, tuple[int, int]] = {}  # row -> column it holds

    def push(heap: list, row: int, reach: float) -> None:
        base = reach - row_potential[row]
        for column, weight in edges[row]:
            key = (0, column)
            heapq.heappush(heap, (base - weight - column_potential.get(key, 0.0), key, row))
        key = (1, row)
        heapq.heappush(heap, (base - column_potential.get(key, 0.0), key, row))

    for start in edges:
        row_distance = {start: 0.0}
        column_distance: dict[tuple[int, int], float] = {}
        came_from: dict[tuple[int, int], int] = {}
        heap: list = []
        push(heap, start, 0.0)
        while True:
            reach, column, row = heapq.heappop(heap)
            if column in column_distance:
                continue
            column_distance[column] = reach
            came_from[column] = row
            if column not in owner:
                break
            holder = owner[column]  # its matched edge is tight: no extra cost
            row_distance[holder] = reach
            push(heap, holder, reach)
        # Shift potentials: every edge stays non-negative, the path becomes tight.
        for key, distance in column_distance.items():
            column_potential[key] = column_potential.get(key, 0.0) + distance - reach
        for key, distance in row_distance.items():
            row_potential[key] -= distance - reach
        # Augment: each row on the path takes the column after it.
        while True:
            row = came_from[column]
            previous = held.get(row)
            owner[column], held[row] = row, column
            if row == start:
                break
            column = previous
    return {column: row for (kind, column), row in owner.items() if kind == 0}


def grow_runs(
    pairs: list[tuple[int, int, float]],
    score: Callable[[Span, Span], float],
    related: float,
    lengths: tuple[int, int],
    single: dict[tuple[int, int], float],
) -> list[tuple[Span, Span, float]]:
    """Each one-to-one pair, grown where a neighbouring unpaired sentence of
    one side adds to what the other side's sentence reports: one long
    sentence against the two or three short ones another outlet wrote.

    A neighbour joins the run when it is at least ``related`` to the single
    sentence on its own, that sentence is its best partner in ``single``
    (the scores of sentence pairs), and the run scores :data:`RUN_GAIN` more
    with it; a run is at most :data:`MAX_RUN` sentences, and only one side grows.
    """
    taken = ({i for i, _, _ in pairs}, {j for _, j, _ in pairs})
    best_partner: list[dict[int, int]] = [{}, {}]  # per side: sentence -> the other side's best sentence
    best_score: list[dict[int, float]] = [{}, {}]
    for (i, j), value in single.items():
        for side, mine, theirs in ((0, i, j), (1, j, i)):
            if value > best_score[side].get(mine, -1.0):
                best_score[side][mine], best_partner[side][mine] = value, theirs
    grown = []
    for i, j, pair_score in pairs:
        spans: list[Span] = [(i, i), (j, j)]
        for side in (1, 0):
            other = 1 - side
            if spans[other][0] != spans[other][1]:
                break  # the other side already grew
            while spans[side][1] - spans[side][0] + 1 < MAX_RUN:
                best = None
                for neighbour in (spans[side][0] - 1, spans[side][1] + 1):
                    if not 0 <= neighbour < lengths[side] or neighbour in taken[side]:
                        continue
                    if best_partner[side].get(neighbour) != spans[other][0]:
                        continue  # it says more about another sentence
                    alone: list[Span] = list(spans)
                    alone[side] = (neighbour, neighbour)
                    if score(*alone) < related:
                        continue
                    run: list[Span] = list(spans)
                    run[side] = (min(spans[side][0], neighbour), max(spans[side][1], neighbour))
                    run_score = score(*run)
                    if run_score >= pair_score + RUN_GAIN and (best is None or run_score > best[1]):
                        best = (neighbour, run_score, run[side])
                if best is None:
                    break
                taken[side].add(best[0])
                pair_score, spans[side] = best[1], best[2]
        grown.append((spans[0], spans[1], pair_score))
    return grown


def differing_ranges(tokens: list[Token], other_stems: set[str], text: str) -> list[tuple[int, int]]:
    """Character ranges of ``tokens`` whose stem is not in ``other_stems``.

    Neighbouring differing words separated only by spaces or hyphens merge
    into one range, so "ground invasion" is one highlight, not two.
    """
    ranges: list[tuple[int, int]] = []
    for token in tokens:
        if token.stem in other_stems:
            continue
        if ranges and not text[ranges[-1][1]:token.start].strip(" -"):
            ranges[-1] = (ranges[-1][0], token.end)
        else:
            ranges.append((token.start, token.end))
    return ranges
