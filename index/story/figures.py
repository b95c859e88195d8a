"""Figures across the story: each quantity with every outlet's value for it,
and where the outlets' values or bounds disagree."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..analysis.names import sentence_locator
from ..compare.conflicts import _bound
from ..model import Figure
from .model import FigureGroup, FigureReport

# Dates say when, ages describe a person: neither is a quantity outlets report differently.
COUNTED_KINDS = frozenset({"count", "duration", "money", "percent"})
# Values of one kind and unit within this share of each other are taken as
# one quantity (34,000 / 34,600 / 35,000 killed), further apart as two.
CLOSE_VALUES = 0.1

_ACCORDING_TO = re.compile(r"\baccording to ((?:the )?[^,.;:()]{3,80})", re.IGNORECASE)
_SAID = re.compile(r"((?:[Tt]he|[Aa]n?) [\w’'-]+(?: [\w’'-]+){0,5}|[A-Z][\w’'-]*(?: [\w’'-]+){0,5}) "
                   r"(?:said|says|reported|reports|estimated|estimates)\b")
_SAID_BY = re.compile(r"\b(?:said|says|reported|reports) ((?:the )?[A-Z][\w’'-]*(?: [\w’'-]+){0,5}?)(?=[,.;]|$)")


def attribution(sentence: str) -> str | None:
    """Whose figure a sentence says it is: "according to the UN", "the
    Hamas-run health ministry said", "..., said the army"."""
    for pattern in (_ACCORDING_TO, _SAID_BY, _SAID):
        match = pattern.search(sentence)
        if match:
            words = match.group(1).strip()
            if words.lower() not in ("he", "she", "they", "it", "officials"):
                return words
    return None


def figure_groups(articles: Sequence, sources: dict, figures_of: Iterable[Sequence[Figure]]) -> list[FigureGroup]:
    """``articles`` (Article) with their figures, grouped by quantity, most
    widely reported first, conflicting ones first among equals."""
    by_kind: dict[tuple[str, str], list[tuple[Figure, FigureReport]]] = {}
    for article, figures in zip(articles, figures_of):
        locate = sentence_locator(article)
        for figure in figures:
            if figure.kind not in COUNTED_KINDS or figure.value is None:
                continue
            sentence = locate(figure.start)
            span = article.sentences[sentence] if sentence is not None else None
            said = attribution(article.text[span.start:span.end]) if span else None
            report = FigureReport(article.id, sentence, figure.surface, figure.value, figure.high,
                                  figure.qualifier, said, figure.start, figure.end)
            by_kind.setdefault((figure.kind, figure.unit), []).append((figure, report))
    groups = []
    for (kind, unit), found in by_kind.items():
        found.sort(key=lambda pair: pair[0].value)
        run: list[tuple[Figure, FigureReport]] = []
        for pair in found:
            if run and pair[0].value > run[-1][0].value * (1 + CLOSE_VALUES):
                groups.append(_group(kind, unit, run, sources))
                run = []
            run.append(pair)
        if run:
            groups.append(_group(kind, unit, run, sources))
    groups.sort(key=lambda g: (-len({sources[r.article].outlet for r in g.reports}), not g.conflict,
                               g.kind, g.unit, g.values))
    return groups


def _group(kind: str, unit: str, run: list[tuple[Figure, FigureReport]], sources: dict) -> FigureGroup:
    """One quantity; a conflict when two outlets give it different values
    or bound the same value differently ("at least" / "up to")."""
    said: dict[str, set[tuple[float, str]]] = {}
    for figure, report in run:
        said.setdefault(sources[report.article].outlet, set()).add((figure.value, _bound(figure.qualifier)))
    conflict = False
    outlets = list(said)
    for position, outlet in enumerate(outlets):
        for other in outlets[position + 1:]:
            if not said[outlet] & said[other]:
                values = {value for value, _ in said[outlet]} | {value for value, _ in said[other]}
                bounds = {bound for _, bound in said[outlet] | said[other]}
                conflict = conflict or len(values) > 1 or bool(bounds - {"about", "exactly"})
    reports = tuple(report for _, report in sorted(run, key=lambda pair: (pair[1].article, pair[1].start)))
    return FigureGroup(kind, unit, reports, conflict)
