"""Quotations across the story, by speaker: the same words carried by
several outlets are one quotation, and the sites carrying copies of one
wire story count as one outlet quoting it (as facts count them)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

from ..model import Quote
from ..text import fold_punctuation
from .independence import copy_sets, independent_outlets
from .model import Quotation, Report, Speaker

_WORD = re.compile(r"\w+")
# Two quotations whose words overlap this much (Jaccard) are one, worded
# slightly differently by two outlets (a word cut, a typo fixed).
SAME_WORDS = 0.75


def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(fold_punctuation(text).casefold()))


def speakers(articles: Sequence, quotes_of: Sequence[Sequence[Quote]], sources: dict,
             copy_groups: Mapping[str, str] | None = None) -> list[Speaker]:
    """Speakers quoted by the most independent outlets first (``copy_groups``:
    article id -> its group of syndicated copies, counted once), each with
    its quotations in that order; the unattributed last."""
    copy_groups = copy_groups or {}
    outlet_of = {article_id: source.outlet for article_id, source in sources.items()}

    def reach(reports) -> tuple[tuple[str, ...], int]:
        """The outlets of ``reports``, and how many of them count as one with
        another for carrying copies of one wire story (a Fact's ``merged``)."""
        ids = [report.article for report in reports]
        outlets = tuple(dict.fromkeys(outlet_of[article_id] for article_id in ids))
        return outlets, len(outlets) - independent_outlets(ids, outlet_of, copy_groups)

    groups: list[tuple[frozenset[str], list[tuple[Quote, Report]]]] = []
    # word -> the groups whose words hold it: a quotation is tried only
    # against groups sharing one of its longest words.
    holding: dict[str, list[int]] = {}
    for article, quotes in zip(articles, quotes_of):
        for quote in quotes:
            words = _words(quote.text)
            if not words:
                continue
            report = Report(article.id, quote.sentence, quote.start, quote.end, quote.text)
            keys = sorted(words, key=lambda word: (-len(word), word))[:3]
            tried = sorted({number for word in keys for number in holding.get(word, ())})
            home = next((number for number in tried if _same(words, groups[number][0])
                         and all(r.article != article.id for _, r in groups[number][1])), None)
            if home is None:
                for word in words:
                    holding.setdefault(word, []).append(len(groups))
                groups.append((words, [(quote, report)]))
            else:
                groups[home][1].append((quote, report))
    by_speaker: dict[str | None, list[Quotation]] = {}
    for _, members in groups:
        named = Counter(quote.speaker for quote, _ in members if quote.speaker)
        speaker = named.most_common(1)[0][0] if named else None
        longest = max((quote.text for quote, _ in members), key=len)
        reports = tuple(r for _, r in members)
        outlets, merged = reach(reports)
        by_speaker.setdefault(speaker, []).append(Quotation(
            longest, reports, outlets, copy_sets((r.article for r in reports), copy_groups), merged))
    result = []
    for name, quotations in by_speaker.items():
        quotations.sort(key=lambda q: (-q.independent, -len(q.outlets), -len(q.reports)))
        outlets, merged = reach([r for q in quotations for r in q.reports])
        result.append(Speaker(name, tuple(quotations), outlets, merged))
    result.sort(key=lambda s: (s.name is None, -s.independent, -len(s.outlets), -len(s.quotations), s.name or ""))
    return result


def _same(words: frozenset[str], other: frozenset[str]) -> bool:
    return len(words & other) / len(words | other) >= SAME_WORDS
