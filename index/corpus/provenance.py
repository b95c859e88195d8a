"""Where an article fetched from the web came from: a JSON sidecar beside
the saved page (``cairo-talks.html`` → ``cairo-talks.provenance.json``).

The sidecar is written by ``add`` (``adding.py``) and read when the page is
loaded: the article takes its fetch date from it, and its address when the
page names none. Sidecars are never articles themselves (discovery leaves
them out).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from ..model import Article

PROVENANCE_SUFFIX = ".provenance.json"
# Sidecars are small; a larger file by that name is not one of ours.
MAX_SIDECAR_BYTES = 64_000


@dataclass(frozen=True, slots=True)
class Provenance:
    url: str  # as the user gave it
    final_url: str  # after redirects
    fetched_at: str  # ISO 8601, UTC
    status: int  # the HTTP status of the final answer
    content_type: str
    charset: str | None
    kind: str  # "page" or "feed"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> Provenance | None:
        """The provenance in ``data``, or None when it is not a sidecar's shape."""
        if not isinstance(data, dict):
            return None
        try:
            provenance = cls(url=data["url"], final_url=data["final_url"], fetched_at=data["fetched_at"],
                             status=data["status"], content_type=data["content_type"], charset=data.get("charset"),
                             kind=data.get("kind", "page"))
        except (KeyError, TypeError):
            return None
        strings = (provenance.url, provenance.final_url, provenance.fetched_at, provenance.content_type)
        if not all(isinstance(value, str) for value in strings) or not isinstance(provenance.status, int):
            return None
        return provenance


def is_sidecar(name: str) -> bool:
    return name.lower().endswith(PROVENANCE_SUFFIX)


def sidecar_path(article_path: Path | str) -> Path:
    path = Path(article_path)
    return path.with_name(path.stem + PROVENANCE_SUFFIX)


def read_provenance(article_path: Path | str) -> Provenance | None:
    """The sidecar of ``article_path``; None when there is none or it is not
    readable as one (the article is then read as any saved page)."""
    try:
        with open(sidecar_path(article_path), "rb") as file:
            data = file.read(MAX_SIDECAR_BYTES + 1)
    except OSError:
        return None
    if len(data) > MAX_SIDECAR_BYTES:
        return None
    try:
        return Provenance.from_json(json.loads(data))
    except (ValueError, RecursionError):
        return None


def write_provenance(article_path: Path, provenance: Provenance) -> Path:
    """Write the sidecar of ``article_path`` (atomically: a hidden temporary file renamed)."""
    path = sidecar_path(article_path)
    write_atomically(path, (json.dumps(provenance.to_json(), indent=2, ensure_ascii=False) + "\n").encode())
    return path


def write_atomically(path: Path, data: bytes) -> None:
    """``path`` holds ``data`` whole or is untouched: the corpus watcher never
    reads half a file. The temporary name is hidden, so discovery skips it."""
    temporary = path.with_name(f".{path.name}.part")
    try:
        with open(temporary, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def with_provenance(articles: list[Article], provenance: Provenance | None) -> list[Article]:
    """``articles`` (loaded from one file) with its fetch date, and for a
    page the final address when the page names none of its own. A feed's
    items keep their own links: the feed's address is not theirs."""
    if provenance is None:
        return articles
    return [replace(article, fetched=provenance.fetched_at,
                    url=article.url or (provenance.final_url if provenance.kind == "page" else None))
            for article in articles]
