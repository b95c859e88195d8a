"""What is computed once per article at index time and stored with it."""

from __future__ import annotations

from typing import Any

from .article import Article
from .config import Config


def analyse(article: Article, config: Config) -> dict[str, Any]:
    """The stored record of ``article``: its text and layout plus its analysis."""
    record = article.to_record()
    record["entities"] = []
    record["figures"] = []
    return record
