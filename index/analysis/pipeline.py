"""What is computed once per article at index time and stored with it."""

from __future__ import annotations

from typing import Any

from ..model import Article
from ..config import Config
from .entities import extract_entities
from .figures import extract_figures
from .minhash import signature


def analyse(article: Article, config: Config, backend: str) -> dict[str, Any]:
    """The stored record of ``article``: text and layout, entities (with
    their mentions' offsets), figures, and the MinHash signature of its text
    that syndicated copies are found by (None for a text too short to tell).
    ``backend`` is already resolved ("rules" or "spacy")."""
    record = article.to_record()
    figures = extract_figures(article)
    entities = extract_entities(
        article,
        aliases=config.entities.aliases,
        ignore=config.entities.ignore,
        backend=backend,
        model=config.entities.model,
        figures=figures,
    )
    record["entities"] = [entity.to_json() for entity in entities]
    record["figures"] = [figure.to_json() for figure in figures]
    record["entity_backend"] = backend
    minhash = signature(article.text)
    record["minhash"] = minhash and {"shingles": minhash.shingles, "values": minhash.encoded()}
    return record
