"""Who did what: a departure told inside a long sentence pairs with the plain
report of it, and an arrival, or a departure still to come, is never shown
as the same fact as a departure."""

from __future__ import annotations

from ceasefire_tui.index.analysis.entities import extract_entities
from ceasefire_tui.index.analysis.figures import extract_figures
from ceasefire_tui.index.compare.comparison import compare_articles
from ceasefire_tui.index.model import Article, assemble

FILLER_A = ("Copper prices rose 2 percent in London after the news.",
            "The company had offered a bonus of 18,000 dollars per worker.")
FILLER_B = ("Workers were offered an 18,000-dollar bonus.", "Copper climbed 2 percent on the London exchange.")


def article(article_id: str, *paragraphs: str) -> Article:
    text, blocks = assemble([("paragraph", p) for p in paragraphs])
    return Article(article_id, f"{article_id}.txt", "Title", None, None, None, text, blocks, "hash")


def pair_of(sentence_a: str, sentence_b: str):
    a, b = article("a", sentence_a, *FILLER_A), article("b", *FILLER_B, sentence_b)
    comparison = compare_articles(a, b, entities_a=extract_entities(a), entities_b=extract_entities(b),
                                  figures_a=extract_figures(a), figures_b=extract_figures(b))
    return next((p for p in comparison.aligned if p.a == 0 and p.b == 2), None)


def test_a_departure_inside_a_long_sentence_is_the_same_fact_as_its_plain_report():
    pair = pair_of(
        "Wage talks at the Escondida mine broke down late on Friday as Sindicato Uno leaders left the "
        "negotiating room in Antofagasta, two people close to the talks said, raising the prospect of a strike.",
        "Sindicato Uno walked out of the wage negotiations with Escondida on Friday.",
    )
    assert pair is not None and pair.kind == "same"
    (acts,) = [e for e in pair.evidence if e.kind == "acts"]
    assert acts.detail == "Sindicato Uno “left” / “walked”" and not acts.conflict


def test_an_arrival_is_related_to_a_departure_not_the_same_fact():
    pair = pair_of("The Angolan foreign minister arrived in Lisbon on Sunday for the summit.",
                   "The Angolan foreign minister left Lisbon on Tuesday after the summit.")
    assert pair is not None and pair.kind == "related"
    (event,) = [e for e in pair.evidence if e.kind == "event"]
    assert event.detail == "A “arrived” / B “left”" and not event.conflict  # both can be true


def test_a_departure_still_to_come_is_related_to_one_that_happened():
    pair = pair_of("The Faroese delegation left Bergen on Saturday after the quota talks.",
                   "The Faroese delegation will leave Bergen on Saturday after the quota talks.")
    assert pair is not None and pair.kind == "related"
    assert [e.detail for e in pair.evidence if e.kind == "event"] == ["A “left” / B “will leave”"]


def test_both_telling_the_departure_alike_keeps_it_the_same_fact():
    pair = pair_of("The Faroese delegation, which arrived on Wednesday, left Bergen on Saturday.",
                   "The Faroese delegation left Bergen on Saturday.")
    assert pair is not None and pair.kind == "same"
