"""Score the sentence aligner against hand annotations.

    python scripts/evaluate_alignment.py [--threshold T] [--sweep] [--corpus-stats] [--entities] [--errors]

For each annotated article pair: precision (predicted pairs that are sure or
possible), recall (sure pairs found) and F1, then the same over all pairs
pooled. --sweep prints pooled scores across thresholds, which is how
DEFAULT_THRESHOLD was chosen. --corpus-stats weighs words by their rarity in
all the seed sentences instead of in the two articles compared; --entities
passes extracted entities and figures, as the app does, instead of letting
the aligner guess names from capitalisation.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.compare import DEFAULT_THRESHOLD, compare_articles  # noqa: E402
from index.corpus import read_articles  # noqa: E402
from index.entities import extract_entities  # noqa: E402
from index.figures import extract_figures  # noqa: E402
from index.similarity import CorpusStatistics  # noqa: E402

GOLD = ROOT / "tests" / "data" / "alignment_gold.json"


@dataclass
class Tally:
    predicted: int = 0
    correct: int = 0  # predicted pairs that are sure or possible
    sure: int = 0
    found: int = 0  # sure pairs predicted

    def add(self, other: Tally) -> None:
        self.predicted += other.predicted
        self.correct += other.correct
        self.sure += other.sure
        self.found += other.found

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.sure if self.sure else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_articles(gold: dict) -> dict:
    articles = {a.id[:3]: a for a in read_articles([ROOT / "seeds"]).articles}
    for prefix, count in gold["sentence_counts"].items():
        if len(articles[prefix].sentences) != count:
            sys.exit(
                f"article {prefix} now has {len(articles[prefix].sentences)} sentences, "
                f"the annotation {count}: the sentence splitter changed, re-check the gold indexes"
            )
    return articles


def analyses(articles: dict) -> dict[str, dict]:
    """Entities and figures of each article, as the index would store them."""
    return {key: {"entities": extract_entities(a), "figures": extract_figures(a)} for key, a in articles.items()}


def evaluate(
    gold: dict, articles: dict, threshold: float, stats: CorpusStatistics | None, analysed: dict | None
) -> dict[str, tuple[Tally, list]]:
    results = {}
    for key, annotation in gold["pairs"].items():
        first, second = key.split("-")
        sure = {tuple(p) for p in annotation["sure"]}
        allowed = sure | {tuple(p) for p in annotation["possible"]}
        extra = {}
        if analysed:
            extra = {
                "entities_a": analysed[first]["entities"], "figures_a": analysed[first]["figures"],
                "entities_b": analysed[second]["entities"], "figures_b": analysed[second]["figures"],
            }
        comparison = compare_articles(articles[first], articles[second], stats=stats, threshold=threshold, **extra)
        predicted = {(p.a, p.b) for p in comparison.aligned}
        tally = Tally(len(predicted), len(predicted & allowed), len(sure), len(predicted & sure))
        mistakes = sorted(predicted - allowed) + [("missed", p) for p in sorted(sure - predicted)]
        results[key] = (tally, mistakes)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--sweep", action="store_true", help="pooled scores across thresholds")
    parser.add_argument("--corpus-stats", action="store_true", help="IDF over all seed sentences")
    parser.add_argument("--entities", action="store_true", help="pass extracted entities and figures")
    parser.add_argument("--errors", action="store_true", help="list wrong and missed pairs")
    args = parser.parse_args()
    gold = json.loads(GOLD.read_text())
    articles = load_articles(gold)
    stats = CorpusStatistics.from_articles(articles.values()) if args.corpus_stats else None
    analysed = analyses(articles) if args.entities else None

    if args.sweep:
        print("threshold  precision  recall  F1")
        for step in range(4, 31):
            total = Tally()
            for tally, _ in evaluate(gold, articles, step / 100, stats, analysed).values():
                total.add(tally)
            print(f"{step / 100:9.2f}  {total.precision:9.3f}  {total.recall:6.3f}  {total.f1:.3f}")
        return

    total = Tally()
    names = "extracted entities and figures" if analysed else "names from capitalisation"
    print(f"threshold {args.threshold}; IDF over {'all seed sentences' if stats else 'the two articles'}; {names}")
    print("pair      predicted  precision  recall  F1")
    for key, (tally, mistakes) in evaluate(gold, articles, args.threshold, stats, analysed).items():
        total.add(tally)
        print(f"{key}  {tally.predicted:9d}  {tally.precision:9.3f}  {tally.recall:6.3f}  {tally.f1:.3f}")
        if args.errors and mistakes:
            print("          ", mistakes)
    print(f"overall   {total.predicted:9d}  {total.precision:9.3f}  {total.recall:6.3f}  {total.f1:.3f}")


if __name__ == "__main__":
    main()
