"""How the story finds its facts at scale: copies of one sentence are one
fact, the evidence of many pairs is scored at once exactly as pair by pair,
and each class of copies keeps only its best pairs."""

from __future__ import annotations

import itertools
import math

import numpy as np
from test_story import QUAKE, articles_of, fact_of, stored

from ceasefire_tui.index import build_story
from ceasefire_tui.index.compare.evidence import (
    GENERIC_WEIGHT,
    JOINT_EXPONENT,
    LENGTH_SOFTENING,
    PEOPLE_CONFLICT,
    ArticleEvidence,
)
from ceasefire_tui.index.compare.scoring import LEXICAL_FLOOR, LEXICAL_WEIGHT
from ceasefire_tui.index.compare.similarity import CorpusStatistics, news_lexicon
from ceasefire_tui.index.story.facts import StorySentences, best_partners
from ceasefire_tui.index.story.lexical import StoryEvidence

# Invented reports of a water shortage, the wire sentence carried word for word.
WIRE = "The regional water authority cut supplies to 40,000 homes in Dravos on Tuesday, blaming a burst main."
OWN = [
    "Residents queued at standpipes set up outside the town hall.",
    "Schools in the old quarter sent pupils home at midday.",
    "The mayor said repairs could take until the weekend.",
    "Shops sold out of bottled water within hours.",
    "Engineers from a neighbouring district were called in overnight.",
]


def water_story(extra=()):
    articles = [stored(f"c{number}", f"Outlet {number}", f"2025-06-0{number + 1}", WIRE, own, title=f"Dravos {number}")
                for number, own in enumerate(OWN)]
    return build_story(articles + list(extra))


def test_a_sentence_carried_word_for_word_by_five_outlets_is_one_fact_with_all_five():
    story = water_story()
    fact = fact_of(story, "c0", "burst main")
    assert articles_of(fact) == {"c0", "c1", "c2", "c3", "c4"}
    assert fact.first == "c0"
    assert not fact.differs
    assert story.facts[0] is fact  # most outlets first


def test_a_copy_with_another_figure_joins_the_fact_and_is_marked_as_differing():
    other = stored("c9", "Outlet 9", "2025-06-09",
                   WIRE.replace("40,000", "52,000"), "Firefighters delivered water to the hospital.")
    fact = fact_of(water_story([other]), "c0", "burst main")
    assert "c9" in articles_of(fact)
    assert [(difference.check, difference.b) for difference in fact.differences] == [("figure", "c9")]


def test_a_sentence_twice_in_one_article_is_in_its_fact_once():
    twice = stored("c8", "Outlet 8", "2025-06-08", WIRE, "Officials apologised.", WIRE)
    fact = fact_of(water_story([twice]), "c0", "burst main")
    assert sum(report.article == "c8" for report in fact.reports) == 1


def reference_score(sentences: StorySentences, i: int, j: int) -> float:
    """The evidence score of sentences ``i`` and ``j``, pair by pair in
    plain Python, as index.compare.evidence defines it."""
    stats = CorpusStatistics.from_term_sets(sentences.terms)
    generic = news_lexicon().generic

    def squared(term):
        return (stats.idf(term) * (GENERIC_WEIGHT if term in generic else 1.0)) ** 2

    def units(index):
        side, position = sentences.sides[sentences.article[index]], sentences.article[index]
        clauses = [{sentences.fold.get(t, t) for t in clause} for local, clause in side.clauses
                   if sentences.starts[position] + local == index]
        return [sentences.terms[index], *clauses]

    def score(mine, theirs):
        shared = mine & theirs
        specific = shared - generic
        norm_mine, norm_theirs = (math.sqrt(sum(map(squared, terms))) for terms in (mine, theirs))
        if not specific or not norm_mine or not norm_theirs:
            return 0.0
        ratio = norm_mine / norm_theirs
        cosine = min(1.0, sum(map(squared, shared)) / (norm_mine * norm_theirs) * max(ratio, 1 / ratio) ** LENGTH_SOFTENING)
        if cosine * LEXICAL_WEIGHT < LEXICAL_FLOOR:
            return 0.0
        holders = sum(specific <= sentences.terms[k] for k in range(len(sentences))
                      if sentences.article[k] in (sentences.article[i], sentences.article[j]))
        cosine *= (2 / max(2, holders)) ** JOINT_EXPONENT
        people_mine, people_theirs = mine & sentences.people, theirs & sentences.people
        if people_mine and people_theirs and not people_mine & people_theirs:
            cosine *= PEOPLE_CONFLICT
        return cosine if cosine > LEXICAL_FLOOR else 0.0

    first, second = units(i), units(j)
    return max([score(first[0], second[0])] + [score(clause, second[0]) for clause in first[1:]]
               + [score(first[0], clause) for clause in second[1:]])


def test_evidence_scored_in_arrays_equals_the_scores_pair_by_pair():
    contrast = stored("k1", "Outlet K", "2025-03-04",
                      "While Marta Ilescu insists on more rescue teams, the prime minister declared three days "
                      "of national mourning.", title="Contrast")
    sentences = StorySentences([s.article for s in [*QUAKE, contrast]])
    sentences.read_evidence([ArticleEvidence(s.article, s.entities, s.figures) for s in [*QUAKE, contrast]])
    evidence = StoryEvidence(sentences)
    rows = len(sentences.representatives)
    pairs = [(a, b) for a, b in itertools.combinations(range(rows), 2)
             if sentences.article[sentences.representatives[a]] != sentences.article[sentences.representatives[b]]]
    first, second = (np.array(side) for side in zip(*pairs))
    expected = [reference_score(sentences, sentences.representatives[a], sentences.representatives[b]) for a, b in pairs]
    assert any(expected)
    assert np.allclose(evidence.scores(first, second), expected, rtol=0, atol=1e-12)


def test_each_class_keeps_its_best_pairs_and_a_pair_stays_when_either_end_ranks_it_high():
    # Class 0 pairs with 1, 2, 3 (best first); class 3's only pair is with 0.
    first, second = np.array([0, 0, 0]), np.array([1, 2, 3])
    score = np.array([0.9, 0.8, 0.3])
    assert best_partners(first, second, score, limit=2).tolist() == [0, 1, 2]  # 3 keeps its one pair
    assert best_partners(np.array([0, 0, 1]), np.array([1, 2, 2]), np.array([0.9, 0.5, 0.8]), limit=1).tolist() == [0, 2]
