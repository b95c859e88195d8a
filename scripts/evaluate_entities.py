"""Score entity extraction against the hand-annotated samples.

    python scripts/evaluate_entities.py [--backend rules|spacy] [--set seeds|coverage|all] [--json]

Two samples, each linked as a corpus of its own:

- ``seeds``: the five seed articles plus the paragraphs in
  tests/engine/test_entities.py (EXTRA_ARTICLES); gold sets in
  tests/data/entities_gold.json;
- ``coverage``: tests/data/entities_coverage.json, hand-written articles in
  the styles of several outlets covering one story other than Gaza, naming
  the same people and bodies differently, with datelines, bylines, credits
  and captions; every entity listed once with the forms the texts use.

Scoring is at entity level: the unique (canonical name, type) pairs of each
article, names only (PERSON, ORG, GPE, NORP), after corpus-level linking,
with the default configuration's aliases. Prints micro precision, recall and
F1, overall and for PERSON, and every miss and false hit. For the coverage
set it also counts **identity splits**: a real-world entity whose forms come
out under more than one entry across the corpus (or within one article),
reported for people and organisations named in two or more articles (the
target is zero) and for every entity; and **merges**, one entry holding the
forms of two real-world entities.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ceasefire_tui.index.analysis.entities import NAME_TYPES, available_backend, extract_entities, link_across  # noqa: E402
from ceasefire_tui.index.config import load_config  # noqa: E402
from ceasefire_tui.index.corpus.discovery import read_articles  # noqa: E402
from ceasefire_tui.index.corpus.formats import load_file  # noqa: E402
from tests.engine.test_entities import EXTRA_ARTICLES  # noqa: E402

SEEDS_GOLD = REPO / "tests" / "data" / "entities_gold.json"
COVERAGE = REPO / "tests" / "data" / "entities_coverage.json"
SETS = ("seeds", "coverage")


def _article(article_id: str, text: str):
    return load_file(Path(f"{article_id}.txt"), text.encode(), article_id)[0][0]


def seeds_sample():
    """(articles, gold pairs per article, gold forms or None)."""
    articles = list(read_articles([REPO / "seeds"]).articles)
    articles += [_article(article_id, text) for article_id, text in EXTRA_ARTICLES.items()]
    pairs_of = json.loads(SEEDS_GOLD.read_text())["articles"]
    gold = {aid: {tuple(pair) for pair in pairs} for aid, pairs in pairs_of.items()}
    return articles, gold, None


def coverage_sample():
    data = json.loads(COVERAGE.read_text(encoding="utf-8"))
    entities = data["entities"]
    articles = [_article(aid, entry["text"]) for aid, entry in data["articles"].items()]
    gold = {aid: {(name, entities[name]["type"]) for name in entry["entities"]}
            for aid, entry in data["articles"].items()}
    forms = {(name, entry["type"]): set(entry["forms"]) for name, entry in entities.items()}
    return articles, gold, forms


def _scores(predicted: dict[str, set], gold: dict[str, set], kind: str | None = None) -> dict:
    def only(pairs: set) -> set:
        return {pair for pair in pairs if kind is None or pair[1] == kind}

    correct = sum(len(only(predicted[aid]) & only(gold[aid])) for aid in gold)
    found = sum(len(only(predicted[aid])) for aid in gold)
    wanted = sum(len(only(gold[aid])) for aid in gold)
    precision = correct / found if found else 0.0
    recall = correct / wanted if wanted else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"gold": wanted, "predicted": found, "correct": correct,
            "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def identity_figures(found: dict[str, list], gold: dict[str, set], forms: dict[tuple[str, str], set[str]]) -> dict:
    """Splits and merges, from the surface forms each entry holds."""
    entries_of: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    articles_of: dict[tuple[str, str], int] = defaultdict(int)
    merges = set()
    for aid, pairs in gold.items():
        for pair in pairs:
            articles_of[pair] += 1
        for entity in found[aid]:
            if entity.type not in NAME_TYPES:
                continue
            holders = {pair for pair in pairs if forms[pair] & set(entity.aliases)}
            for pair in holders:
                entries_of[pair].add((entity.name, entity.type))
            if len(holders) > 1:
                merges.add((entity.name, entity.type, tuple(sorted(name for name, _ in holders))))
    split = {pair: sorted(entries) for pair, entries in entries_of.items() if len(entries) > 1}
    repeated = {pair for pair, count in articles_of.items() if count >= 2 and pair[1] in ("PERSON", "ORG")}
    return {
        "split_people_and_orgs_in_2plus_articles": len(split.keys() & repeated),
        "people_and_orgs_in_2plus_articles": len(repeated),
        "split_all": len(split),
        "entities": len(articles_of),
        "merges": len(merges),
        "splits": {f"{name} ({kind})": [f"{n} ({k})" for n, k in entries]
                   for (name, kind), entries in sorted(split.items())},
        "merged": [f"{name} ({kind}) holds {', '.join(names)}" for name, kind, names in sorted(merges)],
    }


def evaluate(backend: str, sample: str = "seeds") -> dict:
    config = load_config(REPO / "config.yaml")
    articles, gold, forms = seeds_sample() if sample == "seeds" else coverage_sample()
    found = link_across({
        article.id: extract_entities(article, aliases=config.entities.aliases, ignore=config.entities.ignore,
                                     backend=backend, model=config.entities.model)
        for article in articles
    })
    predicted = {aid: {(e.name, e.type) for e in entities if e.type in NAME_TYPES} for aid, entities in found.items()}
    result = {"backend": backend, "set": sample, "articles": len(gold), **_scores(predicted, gold),
              "person": _scores(predicted, gold, "PERSON")}
    if forms is not None:
        result["identity"] = identity_figures(found, gold, forms)
    result["false_hits"] = {aid: sorted(predicted[aid] - gold[aid]) for aid in gold if predicted[aid] - gold[aid]}
    result["misses"] = {aid: sorted(gold[aid] - predicted[aid]) for aid in gold if gold[aid] - predicted[aid]}
    return result


def _print(result: dict) -> None:
    person = result["person"]
    print(f"{result['backend']} on {result['set']}: {result['articles']} articles, {result['gold']} gold entities, "
          f"{result['predicted']} found, {result['correct']} correct")
    print(f"  precision {result['precision']:.3f}  recall {result['recall']:.3f}  F1 {result['f1']:.3f}")
    print(f"  PERSON precision {person['precision']:.3f}  recall {person['recall']:.3f}  F1 {person['f1']:.3f}")
    identity = result.get("identity")
    if identity:
        print(f"  identity splits: {identity['split_people_and_orgs_in_2plus_articles']} of "
              f"{identity['people_and_orgs_in_2plus_articles']} people and organisations named in 2+ articles; "
              f"{identity['split_all']} of {identity['entities']} entities in all; merges {identity['merges']}")
        for entity, entries in identity["splits"].items():
            print(f"    split  {entity}: {', '.join(entries)}")
        for line in identity["merged"]:
            print(f"    merged {line}")
    for label, key in (("false hits", "false_hits"), ("misses", "misses")):
        for aid, pairs in result[key].items():
            print(f"  {label:10} {aid}: " + ", ".join(f"{name} ({kind})" for name, kind in pairs))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("rules", "spacy"), default="rules")
    parser.add_argument("--set", choices=(*SETS, "all"), default="all", dest="sample")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    args = parser.parse_args()
    config = load_config(REPO / "config.yaml")
    if available_backend(args.backend, config.entities.model) != args.backend:
        print(f"the {args.backend} backend is not available here (is spaCy and {config.entities.model} installed?)",
              file=sys.stderr)
        return 1
    results = [evaluate(args.backend, sample) for sample in (SETS if args.sample == "all" else (args.sample,))]
    if args.json:
        print(json.dumps(results if len(results) > 1 else results[0], ensure_ascii=False))
        return 0
    for result in results:
        _print(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
