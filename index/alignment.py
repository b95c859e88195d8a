"""One-to-one pairing of sentences, and the words that differ inside a pair.

Pairing is an optimal assignment: among all ways to pair sentences scoring
at least the threshold, each sentence used at most once, it picks the one
with the largest total score (the Hungarian method). Greedy best-first can
steal a sentence's only good partner for a marginally better pair elsewhere;
the assignment never does. The candidate graph is sparse, so it is solved
per connected component, which keeps long articles fast.
"""

from __future__ import annotations

from .similarity import Token


def assign(scores: dict[tuple[int, int], float], threshold: float) -> list[tuple[int, int, float]]:
    """The maximum-total-score one-to-one pairing of edges scoring ≥ ``threshold``.

    Returns ``(i, j, score)`` sorted by ``i``.
    """
    edges = {pair: score for pair, score in scores.items() if score >= threshold}
    pairs: list[tuple[int, int, float]] = []
    for rows, columns in _components(edges):
        weights = [[edges.get((i, j), 0.0) for j in columns] for i in rows]
        for r, c in _hungarian_max(weights):
            i, j = rows[r], columns[c]
            if (i, j) in edges:  # a zero cell is "leave unpaired", not a pair
                pairs.append((i, j, edges[i, j]))
    return sorted(pairs)


def _components(edges: dict[tuple[int, int], float]) -> list[tuple[list[int], list[int]]]:
    """Connected components of the bipartite graph, as (rows, columns)."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def root(node: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for i, j in edges:
        parent[root(("a", i))] = root(("b", j))
    groups: dict[tuple[str, int], tuple[list[int], list[int]]] = {}
    for node in sorted(parent):
        rows, columns = groups.setdefault(root(node), ([], []))
        (rows if node[0] == "a" else columns).append(node[1])
    return list(groups.values())


def _hungarian_max(weights: list[list[float]]) -> list[tuple[int, int]]:
    """Row/column pairs maximising the total weight (rectangular allowed).

    The shortest-augmenting-path form of the Hungarian method, O(n²m), on
    costs ``-weight``; it assigns every row of the shorter side.
    """
    transposed = len(weights) > len(weights[0])
    if transposed:
        weights = [list(column) for column in zip(*weights)]
    n, m = len(weights), len(weights[0])
    inf = float("inf")
    row_potential = [0.0] * (n + 1)
    column_potential = [0.0] * (m + 1)
    owner = [0] * (m + 1)  # owner[j]: the row (1-based) holding column j; 0 = free
    for row in range(1, n + 1):
        owner[0] = row
        column = 0
        slack = [inf] * (m + 1)
        previous = [0] * (m + 1)
        visited = [False] * (m + 1)
        while owner[column]:
            visited[column] = True
            current_row = owner[column]
            delta, next_column = inf, 0
            costs = weights[current_row - 1]
            base = row_potential[current_row]
            for j in range(1, m + 1):
                if not visited[j]:
                    reduced = -costs[j - 1] - base - column_potential[j]
                    if reduced < slack[j]:
                        slack[j], previous[j] = reduced, column
                    if slack[j] < delta:
                        delta, next_column = slack[j], j
            for j in range(m + 1):
                if visited[j]:
                    row_potential[owner[j]] += delta
                    column_potential[j] -= delta
                else:
                    slack[j] -= delta
            column = next_column
        while column:
            prior = previous[column]
            owner[column] = owner[prior]
            column = prior
    pairs = [(owner[j] - 1, j - 1) for j in range(1, m + 1) if owner[j]]
    return [(c, r) for r, c in pairs] if transposed else pairs


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
