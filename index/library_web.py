"""The Library's pages from the web: fetching URLs into a corpus folder and
finding the articles read from them.

A mixin of :class:`~index.library.Library` (it reads ``config``, ``search``
and ``article_count``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from .corpus.adding import Added, add_urls, default_folder
from .corpus.fetching import FetchLimits


class AddingPages:
    def add_folder(self, folder: Path | None = None) -> Path:
        """Where :meth:`add` saves: ``folder``, or the first folder of
        corpus.paths that is the user's own (see adding.default_folder)."""
        return Path(folder) if folder is not None else default_folder(self.config)

    def add(self, urls: list[str], folder: Path, progress: Callable[[str], None] = lambda url: None) -> list[Added]:
        """Fetch ``urls`` into ``folder``: the page or feed as sent and its
        provenance beside it. The index takes them at its next refresh
        (when ``folder`` is in the corpus); a URL refused says why in its
        :class:`Added`. The size limit is corpus.max_file_mb, so that
        nothing is fetched that the corpus would then skip."""
        return add_urls(urls, folder, FetchLimits(max_bytes=self.config.corpus.max_file_bytes), progress)

    def articles_from(self, paths: list[Path]) -> dict[Path, list[str]]:
        """The ids of the indexed articles read from each of ``paths``."""
        # By name first: resolving every indexed path would cost a system call each.
        wanted = {(path.name, path.resolve()): path for path in paths}
        names = {name for name, _ in wanted}
        found: dict[Path, list[str]] = {path: [] for path in paths}
        listing = self.search("", limit=max(1, self.article_count()), snippets=False)
        for hit in listing.hits:
            name = os.path.basename(hit.path)
            if name in names and (path := wanted.get((name, Path(hit.path).resolve()))) is not None:
                found[path].append(hit.id)
        return found
