"""Quotations and their speakers, on the seeds and on small made-up texts."""

from __future__ import annotations

import pytest

from index.model import Article, assemble
from index.corpus.discovery import read_articles
from index.analysis.entities import extract_entities
from index.analysis.quotes import extract_quotes
from support import SEEDS


def article(*paragraphs: str) -> Article:
    text, blocks = assemble([("paragraph", p) for p in paragraphs])
    return Article("q", "q.txt", "T", None, None, None, text, blocks, "hash")


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    return {a.id[:3]: a for a in read_articles([SEEDS]).articles}


# Every seed test runs with names from capitalisation and from extracted entities.
@pytest.fixture(scope="module", params=["capitalisation", "entities"])
def quotes_of(request, seeds):
    def quotes(prefix: str) -> dict[str, tuple[str | None, int]]:
        found = extract_quotes(
            seeds[prefix], extract_entities(seeds[prefix]) if request.param == "entities" else None
        )
        return {quote.text: (quote.speaker, quote.sentence) for quote in found}

    return quotes


def test_speaker_named_before_said_with_an_aside(quotes_of):
    quotes = quotes_of("003")
    text = "We were very close, but Netanyahu’s narrow-mindedness aborted an agreement."
    assert quotes[text] == ("Mousa Abu Marzouk", 11)


def test_speaker_of_a_participle_and_of_two_quotes_in_one_sentence(quotes_of):
    quotes = quotes_of("000")
    assert quotes["not very promising."] == ("Qatar", 0)
    # "destroying Hamas and vowed": Hamas is the object, Netanyahu the speaker.
    assert quotes["absolute victory"] == ("Benjamin Netanyahu", 7)
    assert quotes["delusional."] == ("Benjamin Netanyahu", 7)


def test_he_resolves_to_the_person_just_named_as_speaker(quotes_of):
    # "Mr. Abu Marzouk expressed …" then "He also stressed … “permanent and fixed.”"
    assert quotes_of("003")["permanent and fixed."] == ("Mousa Abu Marzouk", 17)


def test_no_speaker_when_none_is_named(quotes_of):
    assert quotes_of("003")["crisis."] == (None, 2)  # "an Israeli official, who described"
    assert quotes_of("002")["main demands"] == (None, 2)  # no one says it


def test_apostrophes_are_not_quotation_marks(quotes_of):
    # 001 is full of "Hamas’", "Netanyahu’s", "community’s" and quotes nobody.
    assert quotes_of("001") == {}


def test_offsets_point_at_the_quoted_words(seeds):
    for prefix in seeds:
        for quote in extract_quotes(seeds[prefix]):
            text = seeds[prefix].text
            assert text[quote.start:quote.end] == quote.text
            span = seeds[prefix].sentences[quote.sentence]
            assert span.start <= quote.start < span.end


def test_inverted_attribution_after_the_quote():
    (quote,) = extract_quotes(article('"We will not stop," said Mr. Smith.'))
    assert (quote.text, quote.speaker) == ("We will not stop", "Smith")


def test_according_to_names_the_person_not_the_organisation():
    (quote,) = extract_quotes(article('According to Hamas spokesman Basem Naim, the talks are "at a dead end."'))
    assert quote.speaker == "Basem Naim"


def test_pronoun_after_a_named_speaker():
    (quote,) = extract_quotes(
        article('Prime Minister Benjamin Netanyahu said on Monday that talks had failed. He added: "There is no deal."')
    )
    assert quote.speaker == "Benjamin Netanyahu"


def test_pronoun_is_left_unresolved_when_another_person_came_between():
    text = 'Mr. John Smith said talks failed. Ms. Anna Jones disagreed with him. "It is over," he said.'
    (quote,) = extract_quotes(article(text))
    assert quote.speaker is None


def test_single_curly_quotes_may_hold_apostrophes():
    quotes = extract_quotes(article("Officials called it ‘Hamas’s last offer’ on Sunday, and the workers’ union agreed."))
    assert [q.text for q in quotes] == ["Hamas’s last offer"]


def test_several_straight_quotes_and_an_unclosed_one():
    assert [q.text for q in extract_quotes(article('The "deal" was "close, very close".'))] == ["deal", "close, very close"]
    assert extract_quotes(article("He said “this never ends.")) == []
