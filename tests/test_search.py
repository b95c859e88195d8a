"""Search: every part of the query language, snippets, suggestions, counts."""

import pytest

from index.search import QueryError


def ids(result):
    return sorted(hit.id[:3] for hit in result.hits)


def test_rafah_finds_all_five_with_highlighted_snippets(library):
    result = library.search("rafah")
    assert result.total == 5 and ids(result) == ["000", "001", "002", "003", "004"]
    for hit in result.hits:
        assert hit.snippet
        assert {hit.snippet[s:e].lower() for s, e in hit.highlights} == {"rafah"}


def test_empty_query_lists_every_article(library):
    result = library.search("")
    assert result.total == 5 and ids(result) == ["000", "001", "002", "003", "004"]


def test_words_are_anded_by_default(library):
    assert ids(library.search("gallant")) == ["001"]
    assert ids(library.search("gallant blinken")) == []
    assert ids(library.search("gallant OR blinken")) == ["001", "004"]


def test_not_excludes(library):
    assert ids(library.search("burns NOT blinken")) == ["002"]


def test_stemming_matches_word_forms(library):
    assert "000" in ids(library.search("fight"))  # "fighting"
    result = library.search("fight")
    hit = next(h for h in result.hits if h.id.startswith("000"))
    assert "fighting" in [hit.snippet[s:e] for s, e in hit.highlights]


def test_phrases_match_words_as_written(library):
    assert ids(library.search('"permanent ceasefire"')) == ["003"]
    assert ids(library.search('"end to the war"')) == ["000"]
    hit = library.search('"permanent ceasefire"').hits[0]
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["permanent ceasefire"]


def test_fuzzy_and_wildcards(library):
    assert ids(library.search("gallnt~")) == ["001"]
    assert ids(library.search("blinkn~1")) == ["004"]
    assert ids(library.search("marzou*")) == ["003"]
    assert ids(library.search("b?rns")) == ["002", "004"]


def test_fields(library):
    assert ids(library.search("title:stumble")) == ["003"]
    assert ids(library.search("source:cnbc.com")) == ["002"]
    assert ids(library.search('source:"ICARO Media Group"')) == ["000"]


def test_an_outlet_is_found_by_its_words_and_by_the_parts_of_its_domain(library):
    assert ids(library.search("source:cnbc")) == ["002"]
    assert ids(library.search("source:icaro")) == ["000"]
    assert ids(library.search('source:"Media Group"')) == ["000"]
    assert ids(library.search("source:icaro.com")) == []  # a query's word is not split


def test_an_outlet_written_as_a_web_address(seeds_corpus, library):
    (seeds_corpus / "web.md").write_text(
        "---\ntitle: Talks resume\nsource: www.aljazeera.com\nurl: https://www.aljazeera.com/news/talks\n---\n"
        "Mediators met again in Cairo on Sunday.\n", encoding="utf-8")
    library.refresh()
    for query in ("source:aljazeera", "source:www.aljazeera.com", "outlet:aljazeera cairo"):
        assert [hit.id for hit in library.search(query).hits] == ["web"], query


def test_title_matches_rank_higher(library):
    assert library.search("stumble").hits[0].id.startswith("003")


def test_typographic_quotes_in_the_query_are_folded(library):
    assert ids(library.search("“permanent ceasefire”")) == ["003"]
    assert library.search("Netanyahu’s").total == 5


def test_did_you_mean_a_misspelt_name(library):
    result = library.search("Netanyhau")
    assert result.total == 0
    assert result.suggestion == "netanyahu"
    assert library.search("netanyhau rafa").suggestion == "netanyahu rafah"
    assert library.search("rafah").suggestion is None


def test_counts_per_outlet(library):
    assert library.search("rafah").outlets == {"": 3, "ICARO Media Group": 1, "cnbc.com": 1}
    assert library.search("burns").outlets == {"": 1, "cnbc.com": 1}


OUTLETS = {"cnbc.com": 120, "Reuters": 90, "ICARO Media Group": 60, "": 30}


@pytest.fixture(scope="module")
def outlet_library(tmp_path_factory):
    """300 articles over four outlets (one unknown): more matches than the
    FACET_WINDOW top hits the entity counts are taken over."""
    from index.config import load_config
    from index.library import Library
    from index.search import FACET_WINDOW
    from support import write_config, write_outlet_corpus

    assert sum(OUTLETS.values()) > FACET_WINDOW
    folder = tmp_path_factory.mktemp("outlets")
    write_outlet_corpus(folder / "corpus", OUTLETS)
    library = Library(load_config(write_config(folder, {"corpus": {"paths": ["corpus"]}, "index": {"path": "index"}})))
    library.refresh()
    yield library
    library.close()


def third_of(counts):
    """How many of each outlet's articles say "Rafah" (every third article)."""
    found, number = {}, 0
    for outlet, count in counts.items():
        found[outlet] = sum(1 for n in range(number, number + count) if n % 3 == 0)
        number += count
    return found


@pytest.mark.parametrize("query", ["", "ceasefire", "cairo OR doha", '"ceasefire talks"', "ceasefre~", "report*"])
def test_outlet_counts_are_over_every_match_not_the_top_hits(outlet_library, query):
    result = outlet_library.search(query, limit=10)
    assert result.total == 300 and not result.partial
    assert result.outlets == dict(sorted(OUTLETS.items(), key=lambda item: -item[1]))
    assert result.to_json()["outlets"] == result.outlets and result.to_json()["partial"] is False


@pytest.mark.parametrize("query", ["rafah", '"into rafah"', "ceasefire rafah", "rafah NOT doha"])
def test_outlet_counts_of_a_part_of_the_corpus(outlet_library, query):
    result = outlet_library.search(query)
    expected = {outlet: count for outlet, count in third_of(OUTLETS).items() if count}
    assert result.total == sum(expected.values()) == 100 and result.outlets == expected


@pytest.mark.parametrize("query", ["ceasefire", '"ceasefire talks"'])
def test_a_search_cut_short_by_its_time_limit_says_its_counts_are_partial(outlet_library, monkeypatch, query):
    import types

    import index.search as search_module

    # A clock that moves 1 ms each time it is read, read at every match:
    # the search runs out of its 40 ms after about 40 matches.
    ticks = iter(range(10**9))
    monkeypatch.setattr(search_module, "time", types.SimpleNamespace(perf_counter=lambda: next(ticks) / 1000))
    monkeypatch.setattr(search_module.DeadlineCollector, "CHECK_EVERY", 1)
    result = outlet_library.search(query, time_limit=0.04)
    assert result.partial and result.to_json()["partial"] is True
    assert 0 < result.total < 300 and sum(result.outlets.values()) == result.total


def test_limit(library):
    result = library.search("hamas", limit=2)
    assert len(result.hits) == 2 and result.total == 5


def test_json_shape(library):
    document = library.search("rafah").to_json()
    assert {"query", "total", "suggestion", "hits"} <= set(document)
    assert {"id", "title", "source", "path", "url", "score", "snippet"} <= set(document["hits"][0])


def test_hits_carry_the_article_path_and_url(seeds_corpus, library):
    (seeds_corpus / "linked.md").write_text(
        "---\ntitle: Envoys return\nsource: Reuters\nurl: https://example.org/envoys\n---\n"
        "Envoys returned to Doha.\n", encoding="utf-8")
    library.refresh()
    hit = library.search("doha envoys").hits[0].to_json()
    assert hit["id"] == "linked" and hit["url"] == "https://example.org/envoys"
    assert hit["path"] == str(seeds_corpus / "linked.md")
    plain = library.search("gallant").hits[0].to_json()
    assert plain["path"] == str(seeds_corpus / "001_a349a3b93b2e3782.txt") and plain["url"] is None


@pytest.mark.parametrize(
    "query, explanation",
    [
        ('"unclosed phrase', "quotation mark is not closed"),
        ("(rafah OR gaza", "parenthesis is not closed"),
        ("rafah)", "closing parenthesis has no opening"),
        ("author:smith", "no field 'author:'"),
        ("title: rafah", "'title:' needs a word"),
        ("NOT rafah", "cannot only exclude"),
        ("(((  )))", "no words to search for"),
    ],
)
def test_bad_queries_explain_themselves(library, query, explanation):
    with pytest.raises(QueryError, match=explanation):
        library.search(query)


def test_snippet_window_is_bounded(library):
    for hit in library.search("ceasefire").hits:
        assert len(hit.snippet) <= library.config.snippet_chars + 2


def test_searching_an_empty_index_finds_nothing(tmp_path):
    from index.search import SearchEngine
    from index.store import IndexStore

    engine = SearchEngine(IndexStore(tmp_path / "idx"), boosts={}, fuzzy_distance=2, snippet_chars=100)
    assert engine.search("").total == 0
    assert engine.search("rafah").hits == []
