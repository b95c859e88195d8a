"""The MinHash signatures of one index's articles (``story/signatures.py``),
as the refresh keeps them beside the index: read once per generation, and
worked out again from the stored records when the file kept for it is
missing or stale (after a crash between a commit and its save)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ...story.signatures import SignatureTable
from .scoring import column

if TYPE_CHECKING:
    from .store import IndexStore


class SignatureCache:
    def __init__(self, store: IndexStore) -> None:
        self.store = store
        self._table: tuple[int, SignatureTable] | None = None

    def table(self) -> SignatureTable:
        generation = self.store.index.latest_generation()
        if self._table is not None and self._table[0] == generation:
            return self._table[1]
        table = self.store.sidecars.signatures(generation)
        if table is None:
            table, searcher = SignatureTable(), self.store.searcher()
            by_path: dict[str, list[dict[str, Any]]] = {}
            for docnum in searcher.reader().all_doc_ids():
                record = json.loads(column(searcher, "record")[docnum])
                by_path.setdefault(record["path"], []).append(record)
            for path, records in by_path.items():
                table.set_records(path, records)
        self._table = (generation, table)
        return table

    def save(self, table: SignatureTable) -> None:
        generation = self.store.index.latest_generation()
        self.store.sidecars.save_signatures(table, generation)
        self._table = (generation, table)

    def forget(self) -> None:
        """A new index starts without the old one's signatures."""
        self._table = None
