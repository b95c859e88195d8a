"""Score entity extraction against the hand-annotated sample.

    python scripts/evaluate_entities.py [--backend rules|spacy] [--json]

The sample is the five seed articles plus the paragraphs in
tests/engine/test_entities.py (EXTRA_ARTICLES); the gold sets are in
tests/data/entities_gold.json. Scoring is at entity level: the unique
(canonical name, type) pairs of each article, names only (PERSON, ORG, GPE,
NORP), after corpus-level linking, with the default configuration's aliases.
Prints micro precision, recall and F1 and every miss and false hit.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from index.config import load_config  # noqa: E402
from index.corpus.discovery import read_articles  # noqa: E402
from index.analysis.entities import NAME_TYPES, available_backend, extract_entities, link_across  # noqa: E402
from index.corpus.formats import load_file  # noqa: E402
from tests.engine.test_entities import EXTRA_ARTICLES  # noqa: E402

GOLD = REPO / "tests" / "data" / "entities_gold.json"


def sample_articles():
    articles = list(read_articles([REPO / "seeds"]).articles)
    for article_id, text in EXTRA_ARTICLES.items():
        articles.append(load_file(Path(f"{article_id}.txt"), text.encode(), article_id)[0][0])
    return articles


def evaluate(backend: str) -> dict:
    config = load_config(REPO / "config.yaml")
    gold = {aid: {tuple(pair) for pair in pairs} for aid, pairs in json.loads(GOLD.read_text())["articles"].items()}
    found = link_across(
        {
            article.id: extract_entities(
                article, aliases=config.entities.aliases, ignore=config.entities.ignore, backend=backend,
                model=config.entities.model,
            )
            for article in sample_articles()
        }
    )
    predicted = {aid: {(e.name, e.type) for e in entities if e.type in NAME_TYPES} for aid, entities in found.items()}
    true_positives = sum(len(predicted[aid] & gold[aid]) for aid in gold)
    predicted_total = sum(len(predicted[aid]) for aid in gold)
    gold_total = sum(len(pairs) for pairs in gold.values())
    precision = true_positives / predicted_total if predicted_total else 0.0
    recall = true_positives / gold_total if gold_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "backend": backend,
        "articles": len(gold),
        "gold": gold_total,
        "predicted": predicted_total,
        "correct": true_positives,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "false_hits": {aid: sorted(predicted[aid] - gold[aid]) for aid in gold if predicted[aid] - gold[aid]},
        "misses": {aid: sorted(gold[aid] - predicted[aid]) for aid in gold if gold[aid] - predicted[aid]},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("rules", "spacy"), default="rules")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    args = parser.parse_args()
    config = load_config(REPO / "config.yaml")
    if available_backend(args.backend, config.entities.model) != args.backend:
        print(f"the {args.backend} backend is not available here (is spaCy and {config.entities.model} installed?)",
              file=sys.stderr)
        return 1
    result = evaluate(args.backend)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    print(f"{result['backend']}: {result['articles']} articles, {result['gold']} gold entities, "
          f"{result['predicted']} found, {result['correct']} correct")
    print(f"precision {result['precision']:.3f}  recall {result['recall']:.3f}  F1 {result['f1']:.3f}")
    for label, key in (("false hits", "false_hits"), ("misses", "misses")):
        for aid, pairs in result[key].items():
            print(f"  {label:10} {aid}: " + ", ".join(f"{name} ({kind})" for name, kind in pairs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
