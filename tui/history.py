"""The search box's query history: kept across sessions in the platform's
data folder, newest last, each query once, bounded. Reading or writing it
may fail (a read-only home, a full disk): the history is then only this
session's, and nothing else notices."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from platformdirs import user_data_dir

LIMIT = 200


def history_path() -> Path:
    return Path(user_data_dir("ceasefire-tui", appauthor=False)) / "query-history.txt"


class QueryHistory:
    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.queries: list[str] = []
        if path is not None:
            try:
                lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            except (OSError, ValueError):
                lines = []
            for line in lines:
                self._note(line)

    def add(self, query: str) -> None:
        """Remember ``query`` as the newest, and save the history."""
        if self._note(query) and self.path is not None:
            try:
                self._save(self.path)
            except (OSError, ValueError):
                pass  # this session still has it

    def _note(self, query: str) -> bool:
        query = " ".join(query.split())  # one line, whatever was pasted
        if not query or (self.queries and self.queries[-1] == query):
            return False
        if query in self.queries:
            self.queries.remove(query)
        self.queries.append(query)
        del self.queries[:-LIMIT]
        return True

    def _save(self, path: Path) -> None:
        """Write whole or not at all: another session may be reading it."""
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".query-history.")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write("\n".join(self.queries) + "\n")
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
