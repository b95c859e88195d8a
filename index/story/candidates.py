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
    end), ``article_of_row`` the article of each row's representative (rows
    come in the order of their representatives, so an article's are
    consecutive). ``first < second`` are the rows of every pair of different
    articles whose margin is CANDIDATE_MARGIN or more;
    ``neighbourhood[row, article]`` is the mean of the row's NEIGHBOURS best
    cosines among that article's sentences (each copy counted, as the
    article holds it)."""
    total, articles = len(vectors), len(starts) - 1
    by_sentence = vectors[np.asarray(row_of, dtype=np.intp)]  # an article's columns side by side
    neighbourhood = np.zeros((total, articles), dtype=np.float32)
    lows = range(0, total, BLOCK_ROWS)
    steps = 2 * len(lows)
    for step, low in enumerate(lows):
        block = vectors[low:low + BLOCK_ROWS] @ by_sentence.T
        for article in range(articles):
            cosines = block[:, starts[article]:starts[article + 1]]
            width = cosines.shape[1]
            if width:
                k = min(NEIGHBOURS, width)
                best = np.partition(cosines, width - k, axis=1)[:, -k:] if k < width else cosines
                neighbourhood[low:low + len(block), article] = best.mean(axis=1)
        if progress:
            progress(step + 1, steps)
    first_row = np.searchsorted(article_of_row, np.arange(articles + 1))  # each article's first row
    by_article = np.ascontiguousarray(neighbourhood.T)  # rows, not strided columns, gathered below
    on_or_left = np.tri(BLOCK_ROWS, dtype=bool)
    firsts, seconds, margins = [], [], []
    for step, low in enumerate(lows, start=len(lows)):
        # Only the pairs right of the diagonal: columns from ``low`` on.
        high = min(total, low + BLOCK_ROWS)
        size = high - low
        margin = neighbourhood[low:high][:, article_of_row[low:]]
        margin += by_article[article_of_row[low:high], low:]
        margin *= -0.5
        margin += vectors[low:high] @ vectors[low:].T  # the cosine less the two neighbourhoods' mean
        margin[:, :size][on_or_left[:size, :size]] = -np.inf  # the diagonal and left of it
        for article in range(article_of_row[low], article_of_row[high - 1] + 1):  # pairs within one article
            rows = slice(max(first_row[article], low) - low, min(first_row[article + 1], high) - low)
            margin[rows, max(first_row[article], low) - low:first_row[article + 1] - low] = -np.inf
        i, j = np.nonzero(margin >= CANDIDATE_MARGIN)
        firsts.append(i + low)
        seconds.append(j + low)
        margins.append(margin[i, j])
        if progress:
            progress(step + 1, steps)
    if not firsts:
        empty = np.zeros(0, dtype=np.intp)
        return empty, empty, np.zeros(0, dtype=np.float32), neighbourhood
    return np.concatenate(firsts), np.concatenate(seconds), np.concatenate(margins), neighbourhood
