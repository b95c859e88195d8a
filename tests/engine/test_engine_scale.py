"""The engine's paths for large corpora give what the simple paths give:
the parallel build, the compact entity table, counting on postings, and
highlighting with one regular expression. (How fast they are is measured by
benchmarks/run.py, never asserted here.)"""

from __future__ import annotations

import dataclasses
import json
import shutil
import sys
from pathlib import Path

import pytest

from ceasefire_tui.index.config import load_config
from ceasefire_tui.index.analysis.entity_table import CompactSummaries, EntityTable
from ceasefire_tui.index.search.whoosh.highlight import find_matches
from ceasefire_tui.index.library import Library
from ceasefire_tui.index.search.whoosh.collecting import matching as _matching
from support import SEEDS, write_config

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402

QUERIES = ["ceasefire", "hostage release", '"release of hostages"', "netanyhau~", "negotiat*", "the",
           "ceasefire NOT rafah", "hostage OR famine", "title:rafah", 'entity:"Benjamin Netanyahu"', "b?rns"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("generated")
    generate(folder / "generated", 60)
    shutil.copytree(SEEDS, folder / "seeds")
    return folder


def _library(tmp_path: Path, corpus: Path, name: str) -> Library:
    folder = tmp_path / name
    folder.mkdir()
    config = write_config(folder, {"corpus": {"paths": [str(corpus)]}, "index": {"path": str(folder / "index")}})
    return Library(load_config(config))


def _answers(library: Library) -> dict:
    answers = {}
    for query in QUERIES:
        result = library.search(query, limit=100)
        # All hits, as a set: equal scores are ordered by document number,
        # which differs between the two builds.
        answers[query] = (result.total, sorted(hit.id for hit in result.hits), result.outlets)
    return answers


def test_parallel_build_indexes_what_the_serial_build_does(tmp_path, corpus, monkeypatch):
    import ceasefire_tui.index.search.whoosh.refreshing as store

    serial = _library(tmp_path, corpus, "serial")
    serial.store.workers = 1
    assert serial.refresh().added == 65
    monkeypatch.setattr(store, "PARALLEL_MIN_FILES", 10)
    parallel = _library(tmp_path, corpus, "parallel")
    parallel.store.workers = 2
    report = parallel.refresh()
    assert report.added == 65 and not report.skipped
    assert len(parallel.store.searcher().reader().leaf_readers()) == 2  # one segment per worker
    assert _answers(parallel) == _answers(serial)
    assert parallel.entity_table().per_article == dict(serial.entity_table().per_article)
    assert parallel.article("001").entities == serial.article("001").entities
    # and it stays incremental afterwards
    assert parallel.refresh().changed is False
    serial.close()
    parallel.close()


def test_compact_entity_table_equals_the_table_built_from_full_summaries(tmp_path, corpus):
    library = _library(tmp_path, corpus, "table")
    library.refresh()
    summaries = library.store.entity_summaries()
    compact = EntityTable.from_compact(library.store.compact_summaries())
    full = EntityTable.from_compact(CompactSummaries.from_summaries(json.loads(json.dumps(summaries))))
    assert compact.renames == full.renames
    assert dict(compact.per_article) == dict(full.per_article)
    assert {key: entry.to_json() for key, entry in compact.entries.items()} == \
        {key: entry.to_json() for key, entry in full.entries.items()}
    ids = sorted(summaries)[:20]
    assert compact.hits_over(ids) == full.hits_over(ids)
    library.close()


def test_summaries_survive_removal_and_compaction(tmp_path, corpus):
    library = _library(tmp_path, corpus, "removal")
    library.refresh()
    before = library.store.compact_summaries()
    paths = sorted(before.paths)
    removed = paths[:10]
    for path in removed:
        before.remove_path(path)
    compacted = before.compacted()
    assert sorted(compacted.paths) == paths[10:]
    assert compacted.expanded() == before.expanded()
    assert all(entry[2] > 0 for entry in compacted.keys)
    library.close()


def test_counts_on_postings_equal_whooshs_counts(tmp_path, corpus):
    library = _library(tmp_path, corpus, "counts")
    library.refresh()
    searcher = library.store.searcher()
    for query in QUERIES:
        parsed = library.store.engine.parse(query)
        assert len(_matching(searcher, parsed)) == len(searcher.search(parsed, limit=None)), query
    library.close()


def test_highlighting_by_lexicon_words_equals_highlighting_by_stems(tmp_path, corpus):
    library = _library(tmp_path, corpus, "highlight")
    library.refresh()
    texts = [library.article(article_id).article.text for article_id in library.store.ids()[:25]]
    texts.append("U.S.hostage hostage.release *hostage* Hostages’ HOSTAGE_x Hostage-taking Café hostage")
    for query in QUERIES:
        terms = library.store.engine.match_terms(library.store.engine.parse(query))
        by_stems = dataclasses.replace(terms, words=None)
        for text in texts:
            assert find_matches(text, terms) == find_matches(text, by_stems), query
    library.close()


def test_time_limited_search_works_from_a_worker_thread(library):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        result = pool.submit(library.search, "rafah", time_limit=0.5).result()
    assert result.total == 5


def test_a_search_out_of_time_says_it_is_partial_and_keeps_what_it_found(library):
    cut_short = library.search("rafah", time_limit=0)
    assert cut_short.partial and cut_short.total == len(cut_short.hits) < 5
    complete = library.search("rafah", time_limit=5)
    assert not complete.partial and complete.total == 5


def test_snippets_can_be_cut_for_the_first_hits_only(library):
    eager = library.search("rafah")
    lazy = library.search("rafah", snippets=2)
    assert [hit.to_json() for hit in lazy.hits] == [hit.to_json() for hit in eager.hits]
