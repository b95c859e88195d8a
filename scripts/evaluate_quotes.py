"""Score quote attribution against hand-annotated articles.

    python scripts/evaluate_quotes.py [--set dev|heldout|all] [--backend rules|spacy] [--json]

The sets are tests/data/quotes_dev.json (used while writing the rules) and
tests/data/quotes_heldout.json (never used to tune them): invented articles
in the styles of wire services and broadcasters, each quotation given by a
fragment of its words and the speakers accepted for it. An article is read
as a .txt file (so its title, dateline and credits are laid out as any
article's), its entities extracted as at indexing, and its quotations
attributed with :func:`index.analysis.quotes.extract_quotes`.

A quotation counts as right when the speaker found is one of those accepted
(the same name, or the same surname: "Petrosyan" for "Aram Petrosyan"), or
when none is accepted (``null``) and none is found. A quotation not found
at all counts as wrong. Prints the rate and every miss.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ceasefire_tui.index.analysis.entities import available_backend, extract_entities  # noqa: E402
from ceasefire_tui.index.analysis.quotes import extract_quotes  # noqa: E402
from ceasefire_tui.index.config import load_config  # noqa: E402
from ceasefire_tui.index.corpus.formats import load_file  # noqa: E402
from ceasefire_tui.index.text import fold_punctuation  # noqa: E402

SETS = {"dev": REPO / "tests" / "data" / "quotes_dev.json",
        "heldout": REPO / "tests" / "data" / "quotes_heldout.json"}


def _folded(text: str) -> str:
    return " ".join(fold_punctuation(text).casefold().split())


def speaker_matches(found: str | None, accepted: list[str | None]) -> bool:
    if found is None:
        return None in accepted
    found_words = _folded(found).split()
    for speaker in accepted:
        if speaker is None:
            continue
        words = _folded(speaker).split()
        if found_words == words or found_words[-1:] == words[-1:]:
            return True
    return False


def score_article(record: dict, backend: str, aliases: dict) -> list[dict]:
    article = load_file(Path(f"{record['id']}.txt"), record["text"].encode(), record["id"])[0][0]
    entities = extract_entities(article, aliases=aliases, backend=backend)
    quotes = extract_quotes(article, entities)
    results = []
    for gold in record["quotes"]:
        fragment = _folded(gold["quote"])
        found = next((quote for quote in quotes if fragment in _folded(quote.text)), None)
        speaker = found.speaker if found else None
        results.append({
            "article": record["id"], "quote": gold["quote"], "accepted": gold["speakers"],
            "found": found is not None, "speaker": speaker,
            "right": found is not None and speaker_matches(speaker, gold["speakers"]),
        })
    return results


def evaluate(names: list[str], backend: str) -> dict:
    config = load_config(REPO / "config.yaml")
    backend = available_backend(backend, config.entities.model)
    results = []
    for name in names:
        for record in json.loads(SETS[name].read_text(encoding="utf-8"))["articles"]:
            results += score_article(record, backend, config.entities.aliases)
    right = sum(result["right"] for result in results)
    return {"sets": names, "backend": backend, "quotations": len(results), "right": right,
            "rate": round(right / len(results), 3) if results else 0.0,
            "misses": [result for result in results if not result["right"]]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("dev", "heldout", "all"), default="all")
    parser.add_argument("--backend", choices=("rules", "spacy"), default="rules")
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    names = list(SETS) if options.set == "all" else [options.set]
    report = evaluate(names, options.backend)
    if options.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    print(f"{'+'.join(report['sets'])} ({report['backend']}): {report['right']}/{report['quotations']} "
          f"quotations with the right speaker ({report['rate']:.1%})")
    for miss in report["misses"]:
        where = "not found" if not miss["found"] else f"got {miss['speaker']!r}"
        print(f"  {miss['article']}: “{miss['quote']}…” {where}, expected {' or '.join(map(str, miss['accepted']))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
