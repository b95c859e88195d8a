"""Which sentences of a story may report the same fact, by meaning: the
pairs whose embedding cosine stands out from their neighbourhoods.

As in a comparison of two articles (:mod:`index.compare.scoring`), a pair's
meaning counts by its margin: the cosine less the mean of each sentence's
NEIGHBOURS best cosines *in the other one's article*. The story computes it
for one sentence of each wording (its copies elsewhere share its vector)
against all of them, a block of rows at a time with BLAS so memory stays
bounded, on two threads (:mod:`index.story.parallel`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from ..compare.scoring import MARGIN_FLOOR, NEIGHBOURS
from .parallel import each_in_parallel

# Cells of the cosine matrix computed at a time on each thread: 10,000,000
# float32 is 40 MB, so a block of a large story has fewer rows.
BLOCK_CELLS = 10_000_000
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
    groups, columns = _articles_by_width(starts)
    by_sentence = vectors[np.asarray(row_of, dtype=np.intp)[columns]]  # articles of one width side by side
    neighbourhood = np.zeros((total, articles), dtype=np.float32)
    block_rows = max(64, BLOCK_CELLS // max(1, len(by_sentence)))
    lows = range(0, total, block_rows)
    steps = 2 * len(lows)

    def neighbourhoods(low: int) -> None:
        block = vectors[low:low + block_rows] @ by_sentence.T
        rows = len(block)
        for width, group, offset in groups:
            # The group's articles as one cube (row, article, sentence): one
            # partition for them all rather than one per article.
            cosines = block[:, offset:offset + width * len(group)].reshape(rows, len(group), width)
            k = min(NEIGHBOURS, width)
            best = np.partition(cosines, width - k, axis=2)[:, :, -k:] if k < width else cosines
            neighbourhood[low:low + rows, group] = best.mean(axis=2)

    each_in_parallel(neighbourhoods, lows, _said(progress, 0, steps))
    # A pair's margin is at most its cosine less the mean of the two rows'
    # lowest neighbourhoods: a cheap bound (no gathers) keeps the pairs
    # that may reach CANDIDATE_MARGIN, whose exact margins are then read.
    half_lowest = 0.5 * neighbourhood.min(axis=1)

    def pairs(low: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        high = min(total, low + block_rows)
        bound = vectors[low:high] @ vectors[low:].T  # only the pairs right of the diagonal: columns from ``low`` on
        bound -= half_lowest[low:high, None]
        bound -= half_lowest[None, low:]
        i, j = np.nonzero(bound >= CANDIDATE_MARGIN)
        bound = bound[i, j]
        i += low
        j += low
        apart = (j > i) & (article_of_row[i] != article_of_row[j])
        i, j, bound = i[apart], j[apart], bound[apart]
        cosine = bound + half_lowest[i] + half_lowest[j]
        margin = cosine - 0.5 * (neighbourhood[i, article_of_row[j]] + neighbourhood[j, article_of_row[i]])
        kept = margin >= CANDIDATE_MARGIN
        return i[kept], j[kept], margin[kept]

    found = each_in_parallel(pairs, lows, _said(progress, len(lows), steps))
    if not found:
        empty = np.zeros(0, dtype=np.intp)
        return empty, empty, np.zeros(0, dtype=np.float32), neighbourhood
    firsts, seconds, margins = zip(*found)
    return np.concatenate(firsts), np.concatenate(seconds), np.concatenate(margins), neighbourhood


def _said(progress: Callable[[int, int], None] | None, before: int, steps: int) -> Callable[[int], None] | None:
    """A pass's progress as steps of the whole: ``before`` steps done before it."""
    if progress is None:
        return None
    return lambda done: progress(before + done, steps)


def _articles_by_width(starts: Sequence[int]) -> tuple[list[tuple[int, np.ndarray, int]], np.ndarray]:
    """The articles grouped by their number of sentences, ``(width, articles,
    first column)`` for each width but 0, and the sentences' order that puts
    each group's articles side by side from its first column on."""
    bounds = np.asarray(starts, dtype=np.intp)
    widths = np.diff(bounds)
    order = np.argsort(widths, kind="stable")
    columns = np.concatenate([np.arange(bounds[a], bounds[a + 1]) for a in order] or [np.zeros(0, dtype=np.intp)])
    groups, offset = [], 0
    for width in np.unique(widths[order]):
        group = order[widths[order] == width]
        if width:
            groups.append((int(width), group, offset))
        offset += int(width) * len(group)
    return groups, columns
