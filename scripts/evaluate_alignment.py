"""Score the sentence aligner against hand annotations.

    python scripts/evaluate_alignment.py [--set seeds|dev|heldout|all] [--threshold T]
        [--sweep] [--corpus-stats] [--entities] [--no-meaning] [--errors] [--timing]

Three annotated sets are scored separately: the seeds (tests/data/
alignment_gold.json over the five seed articles, all one story) and the
development set (tests/data/alignment_dev/: two pairs of short articles on
other events), which the aligner is tuned on, and the held-out set
(tests/data/alignment_heldout/: four pairs of articles written and annotated
before the aligner ever saw them, and never tuned on). Report the held-out
numbers as they come; do not change the aligner to fix its errors.

For each annotated article pair: precision (predicted pairs that are sure or
possible), recall (sure pairs found) and F1, then the same over all pairs of
the set pooled. A predicted pair is a row of kind *same* or *differs* (a
pair of runs counts each sentence pair it joins); *related* rows are not
predictions. "same P" is the precision of the *same* rows alone, the ones
the app counts as "both report". --no-meaning scores without the sentence
embeddings, by evidence alone. --sweep prints pooled scores across thresholds, which is how
DEFAULT_THRESHOLD was chosen (on the seeds and the development set). --corpus-stats weighs words by
their rarity in all the set's sentences instead of in the two articles
compared; --entities passes extracted entities and figures, as the app does,
instead of letting the aligner guess names from capitalisation. --errors
lists wrong and missed pairs with their sentences; --timing times one
comparison of two 150-sentence articles. A pair's "not_same" lists
near-misses (an arrival against a departure, another delegation leaving):
the count of them shown as the same fact is printed after the set.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ceasefire_tui.index.model import Article, assemble  # noqa: E402
from ceasefire_tui.index.compare.comparison import DEFAULT_THRESHOLD, compare_articles  # noqa: E402
from ceasefire_tui.index.corpus.discovery import read_articles  # noqa: E402
from ceasefire_tui.index.analysis.entities import extract_entities  # noqa: E402
from ceasefire_tui.index.analysis.figures import extract_figures  # noqa: E402
from ceasefire_tui.index.compare.similarity import CorpusStatistics  # noqa: E402

SETS = {
    "seeds": (ROOT / "tests" / "data" / "alignment_gold.json", ROOT / "seeds"),
    "dev": (ROOT / "tests" / "data" / "alignment_dev" / "gold.json", ROOT / "tests" / "data" / "alignment_dev"),
    "heldout": (ROOT / "tests" / "data" / "alignment_heldout" / "gold.json", ROOT / "tests" / "data" / "alignment_heldout"),
}
TITLES = {"seeds": "seeds (tuned on)", "dev": "development (tuned on)", "heldout": "held-out (never tuned on)"}


@dataclass
class Tally:
    predicted: int = 0
    correct: int = 0  # predicted pairs that are sure or possible
    sure: int = 0
    found: int = 0  # sure pairs predicted
    differs: tuple[int, int, int, int] = (0, 0, 0, 0)  # annotated conflicts, of them shown; shown, of them annotated
    near_misses: tuple[int, int] = (0, 0)  # annotated near-misses ("not_same"), of them shown as the same fact

    def add(self, other: Tally) -> None:
        self.predicted += other.predicted
        self.correct += other.correct
        self.sure += other.sure
        self.found += other.found
        self.differs = tuple(x + y for x, y in zip(self.differs, other.differs))
        self.near_misses = tuple(x + y for x, y in zip(self.near_misses, other.near_misses))

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


def load_articles(gold: dict, directory: Path) -> dict:
    """The annotated articles keyed as the gold names them: the whole id or,
    for the seeds, its first three characters."""
    counts = gold["sentence_counts"]
    articles = {}
    for article in read_articles([directory]).articles:
        key = article.id if article.id in counts else article.id[:3]
        if key in counts:
            articles[key] = article
    for key, count in counts.items():
        if key not in articles:
            sys.exit(f"article {key} is missing from {directory}")
        if len(articles[key].sentences) != count:
            sys.exit(
                f"article {key} now has {len(articles[key].sentences)} sentences, "
                f"the annotation {count}: the sentence splitter changed, re-check the gold indexes"
            )
    return articles


def analyses(articles: dict) -> dict[str, dict]:
    """Entities and figures of each article, as the index would store them."""
    return {key: {"entities": extract_entities(a), "figures": extract_figures(a)} for key, a in articles.items()}


def evaluate(
    gold: dict, articles: dict, threshold: float | None, stats: CorpusStatistics | None, analysed: dict | None,
    meaning: bool = True,
) -> dict[str, tuple[Tally, Tally, list]]:
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
        comparison = compare_articles(articles[first], articles[second], stats=stats, threshold=threshold,
                                      meaning=meaning, **extra)
        predicted = {(i, j): p for p in comparison.aligned if p.kind != "related"
                     for i in p.a_indexes for j in p.b_indexes}
        same = {key for key, p in predicted.items() if p.kind == "same"}
        tally = Tally(len(predicted), len(set(predicted) & allowed), len(sure), len(set(predicted) & sure))
        same_tally = Tally(len(same), len(same & allowed), len(sure), len(same & sure))
        # Conflicts: the annotated "differs" pairs, and the pairs shown as differing.
        annotated = {tuple(p) for p in annotation.get("differs", ())}
        shown = {key for key, p in predicted.items() if p.kind == "differs"}
        same_tally.differs = (len(annotated), len(annotated & shown), len(shown), len(shown & annotated))
        near_misses = {tuple(p) for p in annotation.get("not_same", ())}
        same_tally.near_misses = (len(near_misses), len(near_misses & same))
        texts_a, texts_b = articles[first].sentence_texts(), articles[second].sentence_texts()
        mistakes = [
            ("wrong", i, j, predicted[i, j].score, texts_a[i], texts_b[j]) for i, j in sorted(set(predicted) - allowed)
        ] + [("missed", i, j, None, texts_a[i], texts_b[j]) for i, j in sorted(sure - set(predicted))]
        results[key] = (tally, same_tally, mistakes)
    return results


def report(name: str, gold: dict, articles: dict, args, stats, analysed) -> None:
    if args.sweep:
        print(f"{name}: threshold  precision  recall  F1")
        for step in range(4, 41):
            total = Tally()
            same = Tally()
            for tally, same_tally, _ in evaluate(gold, articles, step / 100, stats, analysed, args.meaning).values():
                total.add(tally)
                same.add(same_tally)
            print(f"{step / 100:9.2f}  {total.precision:9.3f}  {total.recall:6.3f}  {total.f1:.3f}"
                  f"   same P {same.precision:.3f}")
        return
    total, same = Tally(), Tally()
    print(f"{name}")
    print("pair                    predicted  precision  recall  F1     same P")
    for key, (tally, same_tally, mistakes) in evaluate(
        gold, articles, args.threshold, stats, analysed, args.meaning
    ).items():
        total.add(tally)
        same.add(same_tally)
        print(f"{key:22}  {tally.predicted:9d}  {tally.precision:9.3f}  {tally.recall:6.3f}  {tally.f1:.3f}"
              f"  {same_tally.precision:.3f}")
        if args.errors:
            for kind, i, j, score, text_a, text_b in mistakes:
                shown = f"{score:.3f}" if score is not None else "     "
                print(f"    {kind:6} ({i},{j}) {shown}  A: {text_a[:110]}")
                print(f"                          B: {text_b[:110]}")
    print(
        f"{'pooled':22}  {total.predicted:9d}  {total.precision:9.3f}  {total.recall:6.3f}  {total.f1:.3f}"
        f"  {same.precision:.3f}   ({total.correct} right of {total.predicted}; {total.found} of {total.sure} sure"
        f" pairs; same-fact rows {same.correct} right of {same.predicted})"
    )
    annotated, found, shown, right = same.differs
    if annotated or shown:
        print(f"differs: {found} of {annotated} annotated conflicts shown as differing; "
              f"{right} of {shown} differing rows annotated as conflicts")
    near_misses, taken = same.near_misses
    if near_misses:
        print(f"near-misses: {taken} of {near_misses} annotated near-misses shown as the same fact")
    print()


def timing(articles: dict, meaning: bool) -> None:
    """Milliseconds to compare two 150-sentence articles drawn from the seeds,
    the sentence embeddings included (the model loaded once before, as a
    running app has it after its first comparison)."""
    pool = [s for key in sorted(articles) for s in articles[key].sentence_texts()]
    rng = random.Random(3)

    def long_article(name: str) -> Article:
        chosen = [rng.choice(pool) for _ in range(150)]
        text, blocks = assemble([("paragraph", " ".join(chosen[k:k + 5])) for k in range(0, 150, 5)])
        return Article(name, f"{name}.txt", "Title", None, None, None, text, blocks, "hash")

    a, b = long_article("a"), long_article("b")
    extra = {
        "entities_a": extract_entities(a), "entities_b": extract_entities(b),
        "figures_a": extract_figures(a), "figures_b": extract_figures(b),
    }
    for label, kwargs in (("names from capitalisation", {}), ("extracted entities and figures", extra)):
        kwargs = {**kwargs, "meaning": meaning}
        compare_articles(a, b, **kwargs)  # warm caches, as a running app has
        runs, cpu = [], []
        for _ in range(5):
            started, started_cpu = time.perf_counter(), time.process_time()
            compare_articles(a, b, **kwargs)
            runs.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        # CPU time too: on a shared machine the wall time counts the waits for a core.
        print(f"150 x 150 sentences, {label}: best {min(runs) * 1000:.1f} ms, median {sorted(runs)[2] * 1000:.1f} ms"
              f" (CPU best {min(cpu) * 1000:.1f} ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", choices=["seeds", "dev", "heldout", "all"], default="all")
    parser.add_argument("--threshold", type=float, default=None, help=f"default {DEFAULT_THRESHOLD}")
    parser.add_argument("--sweep", action="store_true", help="pooled scores across thresholds")
    parser.add_argument("--corpus-stats", action="store_true", help="IDF over all the set's sentences")
    parser.add_argument("--entities", action="store_true", help="pass extracted entities and figures")
    parser.add_argument("--no-meaning", dest="meaning", action="store_false",
                        help="score without the sentence embeddings")
    parser.add_argument("--errors", action="store_true", help="list wrong and missed pairs")
    parser.add_argument("--timing", action="store_true", help="time two 150-sentence articles")
    args = parser.parse_args()
    names = "extracted entities and figures" if args.entities else "names from capitalisation"
    idf = "all the set's sentences" if args.corpus_stats else "the two articles"
    threshold = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
    scored = "meaning and evidence" if args.meaning else "evidence alone"
    print(f"threshold {threshold}; IDF over {idf}; {names}; {scored}\n")
    chosen = list(SETS) if args.set == "all" else [args.set]
    for name in chosen:
        gold_path, directory = SETS[name]
        gold = json.loads(gold_path.read_text())
        articles = load_articles(gold, directory)
        stats = CorpusStatistics.from_articles(articles.values()) if args.corpus_stats else None
        analysed = analyses(articles) if args.entities else None
        report(TITLES[name], gold, articles, args, stats, analysed)
        if args.timing and name == "seeds":
            timing(articles, args.meaning)
            print()


if __name__ == "__main__":
    main()
