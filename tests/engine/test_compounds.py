"""Hyphenated compounds and their closed forms are one word: in search (and
its highlights) and in the aligner's tokens."""

from __future__ import annotations

import pytest

from ceasefire_tui.index.compare.similarity import tokenize

ARTICLES = {
    "a": "Truce holds\n\nA lasting cease-fire now would let aid in, officials wrote in an e-mail.",
    "b": "Truce frays\n\nWe need a lasting ceasefire now, the well-known mediator Sami Abu-Haddad said.",
    "c": "Talks go on\n\nThe Cease-Fire talks moved to Doha, where Sami Abu Haddad met envoys.",
    "d": "Aid waits\n\nBetween 10-12 trucks crossed; the fire at the depot was put out. Mail is slow.",
}


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    from ceasefire_tui.index.config import load_config
    from ceasefire_tui.index.library import Library
    from support import write_config

    folder = tmp_path_factory.mktemp("compounds")
    (folder / "corpus").mkdir()
    for name, text in ARTICLES.items():
        (folder / "corpus" / f"{name}.txt").write_text(text, encoding="utf-8")
    lib = Library(load_config(write_config(folder, {"corpus": {"paths": ["corpus"]}, "index": {"path": "index"}})))
    lib.refresh()
    yield lib
    lib.close()


def found(library, query):
    return sorted(hit.id for hit in library.search(query).hits)


@pytest.mark.parametrize("query", ["ceasefire", "cease-fire", "Cease-Fire", "CEASEFIRE"])
def test_either_spelling_finds_both(library, query):
    assert found(library, query) == ["a", "b", "c"]


def test_the_parts_of_a_compound_are_still_words(library):
    assert found(library, "cease") == ["a", "c"]
    assert found(library, "fire") == ["a", "c", "d"]


def test_phrases_match_a_compound_written_either_way(library):
    assert found(library, '"lasting ceasefire now"') == ["a", "b"]
    assert found(library, '"lasting cease-fire now"') == ["a", "b"]
    assert found(library, '"cease-fire talks"') == ["c"]


@pytest.mark.parametrize("query, expected", [
    ("email", ["a"]), ("e-mail", ["a"]), ("wellknown", ["b"]), ("well-known", ["b"]),
    ("Abu-Haddad", ["b", "c"]), ('"Abu Haddad"', ["c"]), ("abuhaddad", ["b"]),
])
def test_other_compounds_and_names(library, query, expected):
    assert found(library, query) == expected


def test_a_range_of_numbers_is_no_compound(library):
    assert found(library, "1012") == []
    assert found(library, "12") == ["d"]


@pytest.mark.parametrize("query", ["ceasefire", "cease-fire", '"lasting ceasefire now"'])
def test_highlights_land_on_the_word_as_written(library, query):
    hits = {hit.id: hit for hit in library.search(query).hits}
    assert "cease-fire" in [hits["a"].snippet[s:e] for s, e in hits["a"].highlights] or \
        "lasting cease-fire now" in [hits["a"].snippet[s:e] for s, e in hits["a"].highlights]
    assert any("ceasefire" in hits["b"].snippet[s:e] for s, e in hits["b"].highlights)
    matches = library.find_matches(ARTICLES["c"], library.search(query).terms)
    if not query.startswith('"'):
        assert [ARTICLES["c"][s:e] for s, e in matches] == ["Cease-Fire"]


def test_the_aligner_reads_a_compound_as_its_closed_form():
    hyphenated = [token.term for token in tokenize("a lasting cease-fire now")]
    closed = [token.term for token in tokenize("a lasting ceasefire now")]
    assert hyphenated == closed
    text = "they agreed a cease-fire"
    assert [t.term for t in tokenize(text)] == [t.term for t in tokenize("they agreed a ceasefire")]
    assert text[tokenize(text)[-1].start:tokenize(text)[-1].end] == "cease-fire"


def test_the_aligner_keeps_a_name_s_parts_and_a_range_s_numbers():
    assert [t.term for t in tokenize("Abu-Haddad spoke")][:2] == [t.term for t in tokenize("Abu Haddad spoke")][:2]
    assert [t.term for t in tokenize("10-12 trucks")][:2] == ["10", "12"]


def test_a_part_matched_alone_is_highlighted_alone(library):
    terms = library.search("fire").terms
    text = ARTICLES["a"]
    assert [text[s:e] for s, e in library.find_matches(text, terms)] == ["fire"]
    assert library.find_matches(text, terms)[0][0] == text.index("cease-fire") + len("cease-")
