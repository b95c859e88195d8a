"""``build_story``: facts, figures, quotes and coverage across a set of articles."""

from __future__ import annotations

import gc
import itertools
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager

from ..analysis.quotes import quotes_with_names
from ..compare.evidence import ArticleEvidence
from ..dates import moment_of
from .coverage import coverage
from .facts import StorySentences, class_vectors, cluster, differences, link_sentences, meaning_pairs
from .figures import figure_groups
from .independence import copy_sets, independent_outlets
from .lexical import StoryEvidence
from .model import Difference, Fact, Report, Source, Story
from .parallel import HeldProgress, beside
from .quotes import speakers
from .stage import StageProgress

# progress(done, total, stage): as a refresh reports it.
Progress = Callable[[int, int, str], None]


def build_story(articles: Sequence, progress: Progress | None = None,
                copy_groups: Mapping[str, str] | None = None) -> Story:
    """The story told by ``articles`` (each a :class:`~index.StoredArticle`:
    an article with its entities and figures, as the index stores them).
    ``copy_groups``: article id -> the id of its group of syndicated copies
    (:meth:`Syndication.group_ids`), so that the sites carrying one wire
    story count as one independent report."""
    with collector_paused():
        return _build(articles, progress, copy_groups or {})


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector paused while a story is built. The build makes
    millions of objects that live until it ends (tokens, pairs, reports),
    and every full collection walks them all again: 8-12% of the build at
    500 articles. Reference counting frees garbage as usual meanwhile, and
    the collector finds any cycles once resumed (unless it was paused
    before the build)."""
    was_running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_running:
            gc.enable()


def _build(articles: Sequence, progress: Progress | None, copy_groups: Mapping[str, str]) -> Story:
    def report(done: int, total: int, stage: str) -> None:
        if progress:
            progress(done, total, stage)

    unique = list({stored.article.id: stored for stored in articles}.values())
    sources = {stored.article.id: _source(stored.article) for stored in unique}
    report(0, len(unique), "reading articles")
    story_articles = [stored.article for stored in unique]  # without their entities and figures
    sentences = StorySentences(story_articles)
    linking = len(sentences.copies) > 1
    comparing = HeldProgress(lambda done, total: report(done, total, "comparing sentences"))

    def read_articles() -> tuple[StoryEvidence | None, list, list]:
        """Each article's evidence, quotations and figures: what needs
        nothing from the pairs by meaning, read here while they are sought."""
        sides = []
        for done, stored in enumerate(unique, start=1):
            sides.append(ArticleEvidence(stored.article, stored.entities, stored.figures))
            report(done, len(unique), "reading articles")
        sentences.read_evidence(sides)
        evidence = StoryEvidence(sentences) if linking else None
        comparing.release()
        quotes = [quotes_with_names(stored.article, side.names) for stored, side in zip(unique, sides)]
        return evidence, quotes, figure_groups(story_articles, sources, [s.figures for s in unique])

    if linking:
        # The vectors first, here: reading the texts' word pieces is Python,
        # which would only wait on the other thread for the interpreter lock.
        vectors = class_vectors(sentences)
        meaning, (evidence, quotes, figures) = beside(lambda: meaning_pairs(sentences, vectors, comparing),
                                                      read_articles, stop=comparing.abandon)
        links = link_sentences(sentences, meaning, evidence)
    else:
        (_, quotes, figures), links = read_articles(), []
    # The last stage counts the sentences twice, as each part takes about as
    # long: as the links are taken (a step per so many links), and each
    # fact's as it is made.
    stage = StageProgress(report, 2 * len(sentences) + 1, "grouping facts")
    per_step = max(1, len(links) // max(1, len(sentences)))
    groups = cluster(stage.counting(links, itertools.cycle([1] + [0] * (per_step - 1))), sentences)
    facts = _facts(stage.counting(groups, [len(group) for group in groups]), sentences,
                   story_articles, sources, copy_groups)
    story = Story(
        sources=sources, facts=facts, figures=figures,
        speakers=speakers(story_articles, quotes, sources, copy_groups),
        coverage=coverage([s.article.id for s in unique], [s.entities for s in unique], sources, copy_groups),
        built_at=time.monotonic(),
    )
    stage.finish()
    return story


def _source(article) -> Source:
    return Source(article.id, article.source or article.id, article.title, article.url, article.published)


def _facts(groups: list[list[int]], sentences: StorySentences, articles: list, sources,
           copy_groups: Mapping[str, str]) -> list[Fact]:
    """Each group as a fact: its reports in order of publication (whatever
    form the dates are written in; then of outlet), the first one's wording
    shown and the others checked against it; most independent reports
    (outlets, copies of one story once) first."""
    outlet_of = {article_id: source.outlet for article_id, source in sources.items()}
    moments = [moment_of(sources[article.id].published) for article in articles]  # parsed once, not per report
    facts = []
    for group in groups:
        def order(index: int) -> tuple:
            article = sentences.article[index]
            return moments[article] or "\uffff", outlet_of[articles[article].id], sentences.local[index]

        group = sorted(group, key=order)
        reports = []
        for index in group:
            article = articles[sentences.article[index]]
            span = article.sentences[sentences.local[index]]
            reports.append(Report(article.id, sentences.local[index], span.start, span.end,
                                  article.text[span.start:span.end]))
        shown = reports[0].article
        found = tuple(Difference(item.kind, item.detail, shown, articles[sentences.article[index]].id)
                      for index, evidence in differences(group[0], group[1:], sentences) for item in evidence)
        dated = [report for index, report in zip(group, reports) if moments[sentences.article[index]]]
        outlets = tuple(dict.fromkeys(sources[r.article].outlet for r in reports))
        ids = [r.article for r in reports]
        facts.append(Fact(tuple(reports), outlets, found, dated[0].article if dated else None,
                          copies=copy_sets(ids, copy_groups),
                          merged=len(outlets) - independent_outlets(ids, outlet_of, copy_groups)))
    facts.sort(key=lambda fact: (-fact.independent, -len(fact.outlets), -len(fact.reports), not fact.differs,
                                 fact.reports[0].article, fact.reports[0].sentence))
    return facts
