"""Add web pages and feeds to a corpus folder by URL: fetch each one
(``fetching.py``), save the original as the server sent it (``.html`` for a
page, ``.xml`` for a feed) and its provenance beside it
(``provenance.py``). The corpus loaders make articles of the saved files
when the index is next refreshed.

A URL already added (the same address asked, or the same one reached) is
saved over its earlier copy: adding it again updates it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import urlsplit

from ..config import Config, bundled_dir
from ..errors import CeasefireError, FetchError, unwritable
from ..text import printable
from .fetching import Fetched, FetchLimits, fetch
from .provenance import Provenance, read_provenance, write_atomically, write_provenance

SUFFIXES = {"page": ".html", "feed": ".xml"}
MAX_NAME_CHARS = 80
_NOT_NAME = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Added:
    """What became of one URL: saved at ``path`` (``updated`` when it
    replaced an earlier copy), or refused for ``reason``."""

    url: str
    path: Path | None = None
    final_url: str | None = None
    kind: str | None = None
    updated: bool = False
    reason: str | None = None

    def to_json(self) -> dict:
        return {"url": self.url, "saved": printable(str(self.path)) if self.path else None,
                "final_url": self.final_url, "kind": self.kind, "updated": self.updated, "error": self.reason}


def default_folder(config: Config) -> Path:
    """Where ``add`` saves when not told: the first folder in corpus.paths
    that is not the bundled articles (which belong to the installed program)."""
    bundled = (bundled_dir() / "seeds").resolve()  # the default config's corpus.paths: seeds
    for entry in config.corpus.paths:
        if isinstance(entry, Path) and entry.is_dir() and not entry.resolve().is_relative_to(bundled):
            return entry
    raise CeasefireError(f"corpus.paths in {printable(str(config.file))} has no folder of your own to add to; "
                         "give one with --to FOLDER (and list it in corpus.paths to have it indexed)")


def in_corpus(folder: Path, config: Config) -> bool:
    """Whether files saved in ``folder`` are read by the corpus (it is, or is
    inside, one of the folders in corpus.paths)."""
    target = folder.resolve()
    return any(isinstance(entry, Path) and entry.is_dir() and target.is_relative_to(entry.resolve())
               for entry in config.corpus.paths)


def add_urls(urls: Iterable[str], folder: Path, limits: FetchLimits,
             progress: Callable[[str], None] = lambda url: None) -> list[Added]:
    """Fetch each URL into ``folder`` (made if missing). Never raises for
    one URL: each refusal is an :class:`Added` with its reason."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CeasefireError(f"cannot make the folder {printable(str(folder))} ({error.strerror or error})") from None
    outcomes = []
    for url in urls:
        progress(url)
        try:
            fetched = fetch(url, limits)
        except FetchError as error:
            outcomes.append(Added(url, reason=str(error)))
            continue
        try:
            path, updated = save(fetched, folder)
        except OSError as error:
            if not unwritable(error):
                raise
            raise CeasefireError(f"cannot save in {printable(str(folder))} ({error.strerror or error})") from None
        outcomes.append(Added(url, path, fetched.final_url, fetched.kind, updated))
    return outcomes


def save(fetched: Fetched, folder: Path) -> tuple[Path, bool]:
    """Save ``fetched`` in ``folder``: the sidecar first, then the page, so
    that whoever sees the page finds its provenance. Returns the page's path
    and whether it replaced an earlier copy of the same URL."""
    path, updated = _place(fetched, folder)
    write_provenance(path, Provenance(url=fetched.url, final_url=fetched.final_url, fetched_at=fetched.fetched_at,
                                      status=fetched.status, content_type=fetched.content_type,
                                      charset=fetched.charset, kind=fetched.kind))
    write_atomically(path, fetched.body)
    return path, updated


def _place(fetched: Fetched, folder: Path) -> tuple[Path, bool]:
    """A free name made from the address, or the name of this URL's earlier copy."""
    suffix = SUFFIXES[fetched.kind]
    stem = file_stem(fetched.final_url)
    for number in range(1, 1000):
        candidate = folder / f"{stem}{'' if number == 1 else f'-{number}'}{suffix}"
        if not os.path.lexists(candidate):
            return candidate, False
        earlier = read_provenance(candidate)
        if earlier is not None and (earlier.url == fetched.url or earlier.final_url == fetched.final_url):
            return candidate, True
    raise CeasefireError(f"{printable(str(folder))} already holds 999 files named {stem}; "
                         "add this page to another folder")


def file_stem(url: str) -> str:
    """A readable file name from an address: the host without ``www.`` and
    the last parts of the path, lower-case letters, digits and dashes
    (``https://www.example.com/world/2024/02/talks.html`` →
    ``example-com-2024-02-talks``)."""
    parts = urlsplit(url)
    host = (parts.hostname or "page").removeprefix("www.")
    path = re.sub(r"\.(s?html?|php|aspx?|xml|rss)$", "", parts.path.strip("/"), flags=re.IGNORECASE)
    words = _NOT_NAME.sub("-", path.lower()).strip("-")
    stem = _NOT_NAME.sub("-", host.lower()).strip("-")
    if words:
        room = MAX_NAME_CHARS - len(stem) - 1
        stem = f"{stem}-{words[-room:].lstrip('-')}" if room > 8 else stem
    return stem[:MAX_NAME_CHARS].strip("-") or "page"
