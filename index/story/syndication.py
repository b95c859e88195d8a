"""Syndicated copies: the same wire story republished by several sites,
lightly edited (an intro added, paragraphs cut, words swapped), found across
the corpus and kept as one group. Every copy stays an article of its own:
grouping only says which articles are one story.

From the MinHash signatures stored with each article
(:mod:`index.analysis.minhash`): locality-sensitive hashing puts two
articles in the same bucket of some band of signature slots when they share
many shingles (banding: 32 bands of 4 slots, twice, the second time over
the slots in another order), which makes the candidate pairs without
comparing every pair; each candidate is then verified on its
whole signature — the estimated share of the shorter article's shingles
found in the longer (containment), against ``index.copy_threshold`` — and
the verified pairs joined into groups (connected components).

A group keeps its id across refreshes: a new grouping takes, for each
group, the id of the previous group it shares most articles with, so that
adding, changing or removing a copy does not rename its story.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import Counter

import numpy as np

from .groups import Copy, CopyGroup, Syndication
from .signatures import SignatureTable

# Two rounds of 32 bands of 4 slots: a pair sharing 40% of its shingles
# (Jaccard 0.4) is a candidate 81% of the time, one sharing half 98%, one
# sharing a fifth 10%. Bands of 3 slots find a few more copies but make
# seven times the candidates of articles that only quote the same sentences
# (grouping 10,000 generated articles took 3.8 s rather than 0.8 s); one
# round of 4 finds 93% of their copy pairs, two 97%.
BANDS, ROWS = 32, 4
_SLOT_ORDERS = (np.arange(BANDS * ROWS), np.random.default_rng(7).permutation(BANDS * ROWS))
# A bucket this full (much boilerplate shared) is paired from its first
# article only, rather than every pair of it.
LARGE_BUCKET = 64
# Odd constants mixing the slots of a band into one number.
_BAND_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5],
                     dtype=np.uint64)[:ROWS]


def group_copies(table: SignatureTable, threshold: float,
                 previous: dict[str, list[str]] | None = None) -> Syndication:
    """The groups of copies among the articles of ``table``: pairs whose
    estimated containment is at least ``threshold``, joined. ``previous``:
    the last grouping's members by group id, whose ids are kept."""
    copies, values, shingles = table.matrix()
    pairs = candidate_pairs(values)
    if len(pairs):
        pairs = pairs[containment(values, shingles, pairs) >= threshold]
    components = _components(len(copies), pairs)
    members = [sorted((copies[at] for at in component), key=_lead_first) for component in components]
    return Syndication(_with_ids(members, previous or {}), threshold)


def candidate_pairs(values: np.ndarray) -> np.ndarray:
    """The pairs (i < j, rows of ``values``) that agree on every slot of at
    least one band, each once, as an m × 2 array."""
    count = len(values)
    found: list[np.ndarray] = []
    with np.errstate(over="ignore"):
        for slots, band in itertools.product(_SLOT_ORDERS, range(BANDS)):
            block = values[:, slots[band * ROWS:(band + 1) * ROWS]].astype(np.uint64)
            # One number per band; a rare collision only adds a candidate that verification drops.
            keys = (block * _BAND_MIX).sum(axis=1)
            ranked = np.argsort(keys, kind="stable")
            ordered = keys[ranked]
            starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
            sizes = np.diff(np.r_[starts, count])
            pairs_of_two = starts[sizes == 2]
            found.append(np.column_stack([ranked[pairs_of_two], ranked[pairs_of_two + 1]]))
            for start, size in zip(starts[sizes > 2], sizes[sizes > 2]):
                bucket = ranked[start:start + size]
                if size > LARGE_BUCKET:
                    found.append(np.column_stack([np.full(size - 1, bucket[0]), bucket[1:]]))
                else:
                    found.append(np.array(list(itertools.combinations(bucket, 2)), dtype=np.int64))
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    pairs = np.concatenate(found).astype(np.int64)
    # Each pair once, as one number (i·count + j): a sort of numbers, not of rows.
    keys = np.unique(np.minimum(pairs[:, 0], pairs[:, 1]) * count + np.maximum(pairs[:, 0], pairs[:, 1]))
    return np.column_stack([keys // count, keys % count])


def containment(values: np.ndarray, shingles: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """For each pair, the estimated share of the smaller article's shingles
    that the other has: from the Jaccard estimate J (agreeing slots) and the
    sizes a, b, the intersection is J·(a + b) / (1 + J)."""
    jaccard = np.empty(len(pairs))
    for start in range(0, len(pairs), 65536):  # bounded memory for a pathological corpus
        chunk = pairs[start:start + 65536]
        jaccard[start:start + len(chunk)] = (values[chunk[:, 0]] == values[chunk[:, 1]]).mean(axis=1)
    a, b = shingles[pairs[:, 0]], shingles[pairs[:, 1]]
    shared = jaccard * (a + b) / (1 + jaccard)
    return np.minimum(1.0, shared / np.minimum(a, b))


def _components(count: int, pairs: np.ndarray) -> list[list[int]]:
    """The connected components of more than one article (union-find)."""
    parent = list(range(count))

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for first, second in pairs.tolist():
        a, b = root(first), root(second)
        if a != b:
            parent[max(a, b)] = min(a, b)
    components: dict[int, list[int]] = {}
    for node in {node for pair in pairs.tolist() for node in pair}:
        components.setdefault(root(node), []).append(node)
    return [sorted(nodes) for nodes in components.values() if len(nodes) > 1]


def _lead_first(copy: Copy) -> tuple:
    return (copy.published is None, copy.published or "", copy.id)


def _with_ids(members: list[list[Copy]], previous: dict[str, list[str]]) -> list[CopyGroup]:
    """Each group with the id of the previous group it shares most articles
    with (the larger group first, when two claim one), else a new id made
    from its first article id."""
    previous_of = {article: group_id for group_id, articles in previous.items() for article in articles}
    taken: set[str] = set()
    groups = []
    for copies in sorted(members, key=lambda copies: (-len(copies), min(copy.id for copy in copies))):
        overlap = Counter(previous_of[copy.id] for copy in copies if copy.id in previous_of)
        claims = sorted(overlap.items(), key=lambda item: (-item[1], item[0]))
        group_id = next((group_id for group_id, _ in claims if group_id not in taken), None)
        if group_id is None:
            group_id = _new_id(min(copy.id for copy in copies), taken | set(previous))
        taken.add(group_id)
        groups.append(CopyGroup(group_id, tuple(copies)))
    return groups


def _new_id(article_id: str, taken: set[str]) -> str:
    for attempt in range(1000):
        digest = hashlib.sha1(f"{article_id}\n{attempt}".encode()).hexdigest()[:10]
        if f"g{digest}" not in taken:
            return f"g{digest}"
    raise RuntimeError("no free group id")  # a thousand sha1 collisions: not a real corpus
