"""Quoted phrases on position sets (index/phrases.py) find exactly what
Whoosh's own phrase query finds, with the same scores, in the same order."""

import random

import pytest
from whoosh import fields, query as wq
from whoosh.collectors import TopCollector
from whoosh.filedb.filestore import RamStorage

from ceasefire_tui.index.search.whoosh import phrases
from ceasefire_tui.index.search.whoosh.phrases import AdjacentMatcher, AdjacentPhrase
from ceasefire_tui.index.search.whoosh.schema import EXACT
from ceasefire_tui.index.search.whoosh.scoring import FastBM25F

WORDS = "the release of hostages in rafah a deal ceasefire talks".split()


@pytest.fixture(scope="module")
def searcher():
    """Three segments of short random texts over a small vocabulary, so that
    phrases, repeated words and near misses are all common."""
    randomly = random.Random(11)
    index = RamStorage().create_index(fields.Schema(text=fields.TEXT(analyzer=EXACT, phrase=True, stored=True)))
    for _ in range(3):
        with index.writer() as writer:
            for number in range(120):
                text = " ".join(randomly.choice(WORDS) for _ in range(randomly.randint(1, 40)))
                if number % 20 == 0:
                    text += " the release of hostages in rafah " + text
                writer.add_document(text=text)
    with index.searcher(weighting=FastBM25F()) as searcher:
        assert len(searcher.reader().leaf_readers()) == 3
        yield searcher


def ranked(searcher, query):
    collector = TopCollector(limit=10_000, usequality=False, replace=0)
    searcher.search_with_collector(query, collector)
    return [(docnum, score) for score, docnum in collector.results().top_n]


@pytest.fixture(params=[1, 3, AdjacentMatcher.CHUNK], ids=lambda size: f"chunk {size}")
def chunk(request, monkeypatch):
    """Candidates checked a few at a time, so that matches, skips and
    copies cross from one chunk to the next."""
    monkeypatch.setattr(AdjacentMatcher, "CHUNK", request.param)
    return request.param


PHRASES = [["release", "of", "hostages"], ["rafah", "deal"], ["the", "the"], ["of", "of", "of"],
           ["release", "of", "hostages", "in", "rafah"], ["hostages", "absent"]]


@pytest.mark.parametrize("words", PHRASES, ids=" ".join)
def test_same_documents_and_scores_as_whoosh(searcher, words, chunk):
    ours = ranked(searcher, AdjacentPhrase("text", words))
    whoosh = ranked(searcher, wq.Phrase("text", words))
    assert ours == whoosh
    if words != ["hostages", "absent"]:
        assert ours, "the vocabulary is small enough for every phrase to occur"


def test_inside_other_queries_and_with_a_boost(searcher, chunk):
    for build in (lambda phrase: wq.And([phrase("text", ["rafah", "deal"]), wq.Term("text", "hostages")]),
                  lambda phrase: wq.Or([phrase("text", ["the", "release"], boost=2.0), wq.Term("text", "talks")]),
                  lambda phrase: wq.AndNot(wq.Term("text", "ceasefire"), phrase("text", ["of", "hostages"]))):
        assert ranked(searcher, build(AdjacentPhrase)) == ranked(searcher, build(wq.Phrase))


def test_positions_and_skipping(searcher, chunk):
    leaf, _ = searcher.leaf_searchers()[0]
    matcher = AdjacentPhrase("text", ["the", "release"]).matcher(leaf)
    assert isinstance(matcher, AdjacentMatcher)
    found = list(matcher.copy().all_ids())
    assert len(found) > 3
    middle = found[len(found) // 2]
    matcher.skip_to(middle)
    assert matcher.id() == middle
    words = leaf.stored_fields(middle)["text"].split()
    starts = matcher.value_as("positions")
    assert starts and all(words[start:start + 2] == ["the", "release"] for start in starts)
    assert starts == [i for i in range(len(words) - 1) if words[i:i + 2] == ["the", "release"]]
    assert [span.start for span in matcher.spans()] == starts
    assert list(matcher.copy().all_ids()) == found[found.index(middle):]


def test_a_looser_phrase_is_left_to_whoosh(searcher):
    loose = AdjacentPhrase("text", ["release", "hostages"], slop=2)
    assert ranked(searcher, loose) == ranked(searcher, wq.Phrase("text", ["release", "hostages"], slop=2))


def test_kept_postings_after_the_index_changes():
    """Postings kept from one search serve the next only while their
    segment is unchanged: after documents are added in a new segment (the
    words' statistics change), then two deleted from the first, the
    documents and scores are still Whoosh's."""
    index = RamStorage().create_index(fields.Schema(text=fields.TEXT(analyzer=EXACT, phrase=True, stored=True)))
    with index.writer() as writer:
        for number in range(60):
            writer.add_document(text=f"talks on the release of hostages n{number} " * (number % 4 + 1))
    phrase = ["release", "of", "hostages"]

    def same_as_whoosh(found: int) -> None:
        with index.searcher(weighting=FastBM25F()) as searcher:
            ours = ranked(searcher, AdjacentPhrase("text", phrase))
            assert ours == ranked(searcher, wq.Phrase("text", phrase))
            assert len(ours) == found
            first = searcher.reader().leaf_readers()[0][0]
            assert phrases._KEPT.get(phrases._segment_word(first, "text", b"release"))

    same_as_whoosh(60)
    writer = index.writer()
    for number in range(30):
        writer.add_document(text=f"release of hostages m{number} and the release of more")
    writer.commit(merge=False)
    same_as_whoosh(90)
    writer = index.writer()
    writer.delete_by_term("text", "n0")  # the first: Whoosh's filter moves past it at once
    writer.delete_by_term("text", "n7")
    writer.commit(merge=False)
    same_as_whoosh(88)
