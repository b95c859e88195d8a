"""Which sentences of a story may report the same fact, by meaning: the
pairs whose embedding cosine stands out from their neighbourhoods.

As in a comparison of two articles (:mod:`index.compare.scoring`), a pair's
meaning counts by its margin: the cosine less the mean of each sentence's
NEIGHBOURS best cosines *in the other one's article*. The story computes it
for one sentence of each wording (its copies elsewhere share its vector)
against all of them, a block of rows at a time with BLAS so memory stays
bounded and 10,000 sentences take well under a second.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from ..compare.scoring import MARGIN_FLOOR, NEIGHBOURS

# Rows of the cosine matrix computed at a time: 1,024 x 10,000 float32 is 40 MB.
BLOCK_ROWS = 1024
# A matrix of at most this many cosines (64 MB) is kept between the two passes.
KEEP_MATRIX = 16_000_000
# Only pairs whose meaning stands this far above their neighbourhoods are
# scored for evidence: a pair below it needs nearly all its score from
# shared words, and scoring every pair of a large story that way would cost
# its sentences squared.
CANDIDATE_MARGIN = MARGIN_FLOOR + 0.05


def meaning_candidates(vectors: np.ndarray, row_of: Sequence[int], starts: Sequence[int], article_of_row: np.ndarray,
                       progress: Callable[[int, int], None] | None = None):
    """``(first, second, margin, neighbourhood)``.

    ``vectors`` has one row per wording (a class of copies), ``row_of`` gives
    each sentence's row, ``starts`` each article's first sentence (and the
    end), ``article_of_row`` the article of each row's representative.
    ``first < second`` are the rows of every pair of different articles
    whose margin is CANDIDATE_MARGIN or more; ``neighbourhood[row, article]``
    is the mean of the row's NEIGHBOURS best cosines among that article's
    sentences (each copy counted, as the article holds it)."""
    total, articles = len(vectors), len(starts) - 1
    row_of = np.asarray(row_of, dtype=np.intp)
    columns_of = [row_of[starts[article]:starts[article + 1]] for article in range(articles)]
    neighbourhood = np.zeros((total, articles), dtype=np.float32)
    lows = range(0, total, BLOCK_ROWS)
    steps = 2 * len(lows)
    kept: dict[int, np.ndarray] = {}  # the blocks of a small story, not computed twice
    for step, low in enumerate(lows):
        block = vectors[low:low + BLOCK_ROWS] @ vectors.T
        if total * total <= KEEP_MATRIX:
            kept[low] = block
        for article, columns in enumerate(columns_of):
            if len(columns):
                k = min(NEIGHBOURS, len(columns))
                cosines = block[:, columns]
                best = np.partition(cosines, len(columns) - k, axis=1)[:, -k:] if k < len(columns) else cosines
                neighbourhood[low:low + len(block), article] = best.mean(axis=1)
        if progress:
            progress(step + 1, steps)
    firsts, seconds, margins = [], [], []
    for step, low in enumerate(lows, start=len(lows)):
        # Only the pairs right of the diagonal: columns from ``low`` on.
        rows = slice(low, min(total, low + BLOCK_ROWS))
        block = kept.pop(low)[:, low:] if low in kept else vectors[rows] @ vectors[low:].T
        local = 0.5 * (neighbourhood[rows][:, article_of_row[low:]] + neighbourhood[low:, article_of_row[rows]].T)
        margin = block - local
        keep = margin >= CANDIDATE_MARGIN
        keep &= np.arange(low, total)[None, :] > np.arange(rows.start, rows.stop)[:, None]
        keep &= article_of_row[rows][:, None] != article_of_row[None, low:]
        i, j = np.nonzero(keep)
        firsts.append(i + low)
        seconds.append(j + low)
        margins.append(margin[i, j])
        if progress:
            progress(step + 1, steps)
    if not firsts:
        empty = np.zeros(0, dtype=np.intp)
        return empty, empty, np.zeros(0, dtype=np.float32), neighbourhood
    return np.concatenate(firsts), np.concatenate(seconds), np.concatenate(margins), neighbourhood
