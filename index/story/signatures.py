"""Every article's MinHash signature, kept beside the index by file (as the
entity summaries are), so that grouping copies across the corpus reads one
file rather than every stored article. The refresh updates it file by file
as it indexes; :mod:`index.story.syndication` groups from it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .groups import Copy

if TYPE_CHECKING:
    import numpy as np

FORMAT = 1

# One article as stored: [id, title, source, published, shingles, base64 signature].
Row = list[Any]


def signature_row(record: dict[str, Any]) -> Row | None:
    """The row of an analysed record (None when it is too short to have a signature)."""
    minhash = record.get("minhash")
    if not minhash:
        return None
    return [record["id"], record["title"], record["source"], record["published"], minhash["shingles"],
            minhash["values"]]


class SignatureTable:
    """``paths`` maps a file to the rows of its articles."""

    def __init__(self, paths: dict[str, list[Row]] | None = None) -> None:
        self.paths: dict[str, list[Row]] = paths or {}

    def set_path(self, path: str, rows: list[Row]) -> None:
        if rows:
            self.paths[path] = rows
        else:
            self.paths.pop(path, None)

    def copy(self) -> SignatureTable:
        """A table to change without changing this one (rows are replaced, never changed)."""
        return SignatureTable(dict(self.paths))

    def remove_path(self, path: str) -> None:
        self.paths.pop(path, None)

    def set_records(self, path: str, records: list[dict[str, Any]]) -> None:
        """What ``path`` holds now, from its analysed records."""
        self.set_path(path, [row for row in map(signature_row, records) if row is not None])

    def matrix(self) -> tuple[list[Copy], np.ndarray, np.ndarray]:
        """(the articles, their signatures as an n × 128 uint32 array, their
        shingle counts), in a stable order (by article id)."""
        import numpy as np  # here: the refresh that keeps this table up to date needs no numpy

        from ..analysis.minhash import PERMUTATIONS, Signature

        rows = sorted((row for rows in self.paths.values() for row in rows), key=lambda row: row[0])
        copies = [Copy(row[0], row[1], row[2], row[3]) for row in rows]
        values = np.empty((len(rows), PERMUTATIONS), dtype=np.uint32)
        for at, row in enumerate(rows):
            values[at] = Signature.decoded(row[5], row[4]).values
        shingles = np.fromiter((row[4] for row in rows), dtype=np.int64, count=len(rows))
        return copies, values, shingles

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "paths": self.paths}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SignatureTable:
        if data.get("format") != FORMAT or not isinstance(data.get("paths"), dict):
            raise ValueError("not a signature table of this version")
        return cls(data["paths"])
