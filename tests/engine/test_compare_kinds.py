"""What a pair of sentences is to a fact-checker: the same fact, the same
subject reported differently (and which check says so), or only related;
a sentence against a run of up to three; headlines compared as headlines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ceasefire_tui.index.analysis.entities import extract_entities
from ceasefire_tui.index.analysis.figures import extract_figures
from ceasefire_tui.index.compare.comparison import compare_articles, mirror
from ceasefire_tui.index.compare.conflicts import conflicts
from ceasefire_tui.index.compare.evidence import ArticleEvidence
from ceasefire_tui.index.compare.report import markdown_report
from ceasefire_tui.index.corpus.discovery import read_articles
from ceasefire_tui.index.model import Article, assemble

DATA = Path(__file__).resolve().parents[1] / "data"


def article(article_id: str, *paragraphs: str, title: str = "Title") -> Article:
    text, blocks = assemble([("paragraph", p) for p in paragraphs])
    return Article(article_id, f"{article_id}.txt", title, None, None, None, text, blocks, "hash")


def analysed(a: Article, b: Article, **options):
    """Compare as the app does: with the entities and figures the index stores."""
    return compare_articles(a, b, entities_a=extract_entities(a), entities_b=extract_entities(b),
                            figures_a=extract_figures(a), figures_b=extract_figures(b), **options)


def found(sentence_a: str, sentence_b: str) -> list[str]:
    """The conflict checks that fire between two one-sentence articles."""
    a, b = article("a", sentence_a), article("b", sentence_b)
    side_a = ArticleEvidence(a, extract_entities(a), extract_figures(a))
    side_b = ArticleEvidence(b, extract_entities(b), extract_figures(b))
    return [item.kind for item in conflicts(side_a.passage(0, 0), side_b.passage(0, 0))]


@pytest.mark.parametrize(
    ("sentence_a", "sentence_b", "check"),
    [
        ("Hamas did not accept the Egyptian proposal on Sunday.", "Hamas accepted the Egyptian proposal on Sunday.",
         "negation"),
        ("Hamas accepted the Egyptian proposal on Sunday.", "Hamas rejected the Egyptian proposal on Sunday.",
         "opposing"),
        ("The blast killed 12 workers at the plant.", "The blast injured 12 workers at the plant.", "opposing"),
        ("Egypt proposed a six-week truce on Sunday.", "Qatar proposed a six-week truce on Sunday.", "actor"),
        ("The earthquake killed 212 people in the province.", "The earthquake killed 230 people in the province.",
         "figure"),
        ("The line will stay closed for at least six weeks.", "The line will stay closed for up to six weeks.",
         "qualifier"),
    ],
)
def test_each_conflict_check_finds_its_conflict(sentence_a, sentence_b, check):
    assert found(sentence_a, sentence_b) == [check]


@pytest.mark.parametrize(
    ("sentence_a", "sentence_b"),
    [
        ("Hamas accepted the Egyptian proposal on Sunday.", "Hamas agreed to the Egyptian proposal on Sunday."),
        ("The blast killed 12 workers and injured 30.", "Twelve workers were killed and 30 injured in the blast."),
        ("Egypt proposed a six-week truce on Sunday.", "Egypt put forward a six-week truce on Sunday."),
        ("The earthquake killed 212 people in the province.", "The earthquake killed 212 people in the province."),
        ("The line will stay closed for about six weeks.", "The line will stay closed for six weeks."),
        ("Israel said Hamas had rejected the plan.", "Hamas rejected the plan, Israel said."),
    ],
)
def test_agreeing_wordings_raise_no_conflict(sentence_a, sentence_b):
    assert found(sentence_a, sentence_b) == []


FILLER_A = ["Aid convoys waited for days at the Kerem Shalom crossing.", "Doctors in the city ran out of anaesthetic."]
FILLER_B = ["Winter rain flooded tents along the coast.", "The football season was suspended in March."]


def test_a_contradiction_is_shown_as_differing_never_as_the_same_fact():
    a = article("a", "Hamas accepted the Egyptian ceasefire proposal on Sunday, officials in Cairo said.", *FILLER_A)
    b = article("b", *FILLER_B, "Hamas rejected the Egyptian ceasefire proposal on Sunday, officials in Cairo said.")
    (pair,) = [p for p in analysed(a, b).aligned if (p.a, p.b) == (0, 2)]
    assert pair.kind == "differs"
    assert [(e.kind, e.detail) for e in pair.conflicts] == [("opposing", "A “accepted” / B “rejected”")]
    assert any(e.kind == "names" and "Hamas" in e.detail for e in pair.evidence)  # what agrees is kept too


def test_a_paraphrase_is_the_same_fact_with_its_evidence():
    a = article("a", "Egypt's foreign minister said talks on a truce would resume in Cairo on Monday.", *FILLER_A)
    b = article("b", *FILLER_B, "Negotiations over a ceasefire will restart in Cairo on Monday, Egypt's foreign "
                                "minister said.")
    (pair,) = analysed(a, b).aligned
    assert (pair.a, pair.b, pair.kind) == (0, 2, "same")
    kinds = [e.kind for e in pair.evidence]
    assert "meaning" in kinds and "names" in kinds and not pair.conflicts


def test_a_pair_below_the_same_fact_threshold_is_related_and_not_counted():
    a = article("a", "Egypt's foreign minister said talks on a truce would resume in Cairo on Monday.", *FILLER_A)
    b = article("b", *FILLER_B, "Negotiations over a ceasefire will restart in Cairo on Monday, Egypt's foreign "
                                "minister said.")
    (pair,) = analysed(a, b).aligned
    strict = analysed(a, b, threshold=pair.score + 0.01)  # the same pair, now short of "same"
    (related,) = strict.aligned
    assert (related.a, related.b, related.kind) == (0, 2, "related")
    assert strict.of_kind("same") == []
    report = markdown_report(strict)
    assert "- 0 pairs of sentences report the same fact." in report
    assert "## Related, not the same claim (1, not counted as agreement)" in report


def test_one_long_sentence_pairs_with_the_three_short_ones_that_say_it():
    a = article(
        "a",
        "Norway's central bank raised its policy rate by a quarter point to 4.75% on Thursday, the highest "
        "level since 2008, surprising markets.",
        "The krone firmed after the announcement.",
    )
    b = article(
        "b",
        "Norges Bank surprised markets on Thursday. It lifted its key rate by a quarter point. The rate now "
        "stands at 4.75%, the highest level since 2008.",
        "Sweden's Riksbank left its rate unchanged last week.",
    )
    comparison = analysed(a, b)
    (run,) = [p for p in comparison.aligned if p.a == 0]
    assert run.a_span == (0, 0) and run.b_span[1] - run.b_span[0] >= 1  # two or three of B's sentences
    assert 3 not in run.b_indexes
    document = comparison.to_json()
    (pair,) = [p for p in document["aligned"] if p["a"] == 0]
    assert pair["b_span"] == list(run.b_span) and pair["b"] == run.b_span[0]
    row = next(row for row in comparison.rows if row.pair == run)
    assert row.b == tuple(run.b_indexes)  # the run shares one row
    assert 0 not in comparison.only_b and 1 not in comparison.only_b


def test_headlines_are_compared_as_headlines_and_their_names_count():
    a = article("a", "Negotiators met in Cairo on Sunday.", title="Gaza truce talks stall in Cairo")
    b = article("b", "Talks in Cairo stalled on Sunday, and Gaza waited.", title="Cairo talks on Gaza truce stall")
    comparison = analysed(a, b)
    assert comparison.headlines.kind == "same"
    # "Gaza" is only in A's headline, not its text: it is named by both.
    assert "Gaza" in {e.name for e in comparison.entities.shared}
    assert "Gaza" not in {e.name for e in comparison.entities.only_b}


def test_mirror_swaps_every_part():
    a = article("a", "Egypt proposed a six-week truce on Sunday.", *FILLER_A)
    b = article("b", *FILLER_B, "Qatar proposed a six-week truce on Sunday.")
    comparison = analysed(a, b)
    swapped = mirror(comparison)
    assert [(p.a, p.b) for p in swapped.aligned] == [(p.b, p.a) for p in comparison.aligned]
    assert swapped.entities.only_a == comparison.entities.only_b
    assert mirror(swapped).to_json() == comparison.to_json()


def test_annotated_conflicts_are_pairs_the_annotation_calls_sure():
    for name in ("alignment_dev", "alignment_heldout"):
        gold = json.loads((DATA / name / "gold.json").read_text())
        for annotation in gold["pairs"].values():
            assert {tuple(p) for p in annotation.get("differs", ())} <= {tuple(p) for p in annotation["sure"]}


@pytest.mark.parametrize(
    ("first", "second", "i", "j", "kinds"),
    [
        ("000", "004", 2, 7, {"same"}),  # Netanyahu's Rafah plan
        ("001", "003", 3, 9, {"same"}),  # Hamas wants a permanent end
        ("002", "004", 9, 9, {"same"}),  # Burns's role
        # The delegation leaving Cairo: "Hamas leaders left for Qatar" against
        # "the Hamas delegation left the negotiations in Cairo", the same
        # act (index.compare.events); 0.20, just over the threshold.
        ("001", "003", 1, 1, {"same"}),
    ],
)
def test_seed_pairs_a_careful_reader_lines_up_share_a_row(first, second, i, j, kinds):
    seeds = {a.id[:3]: a for a in read_articles([Path(__file__).resolve().parents[2] / "seeds"]).articles}
    comparison = analysed(seeds[first], seeds[second])
    (pair,) = [p for p in comparison.aligned if i in p.a_indexes]
    assert j in pair.b_indexes and pair.kind in kinds
    assert any(row.pair == pair and row.a and row.b for row in comparison.rows)  # one row, not moved
