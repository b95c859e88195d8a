"""The index folder: the names of what is in it, and the JSON files kept
beside Whoosh's own.

Each JSON file but the schema version is a cache stamped with the index
generation it matches: one left stale (by a crash between a commit and its
save) or damaged is ignored, and what it held is worked out again.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from ...analysis.entity_table import CompactSummaries
from ...story.signatures import SignatureTable
from ...story.groups import Syndication
from ..backend import Renames

META_FILE = "ceasefire-index.json"
SKIPPED_FILE = "skipped-files.json"
# path -> stamp of every indexed file, with the index generation it matches:
# what a refresh compares the corpus with, without reading two columns of
# every document (0.3 s at 50,000 articles).
INDEXED_FILE = "indexed-files.json"
# The entity summaries of every file, for the corpus entity table (compact:
# see entity_table.CompactSummaries), with the index generation they match.
SUMMARIES_FILE = "entity-summaries.json"
# The corpus linking of those summaries (entity_table.link_corpus), with the
# generation it matches: most of the cost of the entity table, which every
# headless search needs for its entity counts.
RENAMES_FILE = "entity-renames.json"
# Every article's MinHash signature (story/signatures.py), with the generation it matches.
SIGNATURES_FILE = "minhash-signatures.json"
# The groups of syndicated copies found from them, with the generation and
# the threshold they were found for; kept across rebuilds, as the next
# grouping keeps the ids of these groups.
GROUPS_FILE = "copy-groups.json"
INDEX_NAME = "MAIN"
WRITE_LOCK = f"{INDEX_NAME}_WRITELOCK"  # the name SegmentWriter locks


class Sidecars:
    """The JSON files beside the index in ``directory``."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _read(self, name: str) -> Any:
        try:
            return json.loads((self.directory / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def _of_generation(self, name: str, generation: int, key: str) -> Any:
        """``key`` of the file ``name`` if the file matches ``generation``."""
        saved = self._read(name)
        try:
            return saved[key] if saved["generation"] == generation else None
        except (KeyError, TypeError):
            return None

    def _write(self, name: str, document: Any) -> None:
        write_atomically(self.directory / name, json.dumps(document, ensure_ascii=False))

    def forget_caches(self) -> None:
        """A new index starts without the caches of the one it replaces."""
        for name in (SUMMARIES_FILE, RENAMES_FILE, INDEXED_FILE, SIGNATURES_FILE):
            (self.directory / name).unlink(missing_ok=True)

    def schema_version(self) -> int | None:
        try:
            return self._read(META_FILE)["schema_version"]
        except (KeyError, TypeError):
            return None

    def save_schema_version(self, version: int) -> None:
        (self.directory / META_FILE).write_text(json.dumps({"schema_version": version}))

    def indexed_files(self, generation: int) -> dict[str, str] | None:
        """path -> stamp of every file in index ``generation``, if saved for it."""
        files = self._of_generation(INDEXED_FILE, generation, "files")
        return files if isinstance(files, dict) else None

    def save_indexed_files(self, files: dict[str, str], generation: int) -> None:
        self._write(INDEXED_FILE, {"generation": generation, "files": files})

    def summaries(self, generation: int) -> CompactSummaries | None:
        """The entity summaries saved for index ``generation``, if any."""
        saved = self._of_generation(SUMMARIES_FILE, generation, "summaries")
        if saved is None:
            return None
        try:
            return CompactSummaries.from_json(saved)
        except (ValueError, KeyError, TypeError):
            return None

    def save_summaries(self, summaries: CompactSummaries, generation: int) -> None:
        self._write(SUMMARIES_FILE, {"generation": generation, "summaries": summaries.to_json()})

    def renames(self, generation: int) -> Renames | None:
        """The corpus linking saved for index ``generation``, if any."""
        saved = self._of_generation(RENAMES_FILE, generation, "renames")
        if saved is None:
            return None
        try:
            return {(old_name, old_kind): (new_name, new_kind) for old_name, old_kind, new_name, new_kind in saved}
        except (ValueError, TypeError):
            return None

    def save_renames(self, renames: Renames, generation: int) -> None:
        """A cache, so a failure to write it only costs the next start the
        time to link again."""
        try:
            self._write(RENAMES_FILE, {"generation": generation,
                                       "renames": [[*old, *new] for old, new in renames.items()]})
        except OSError:
            pass

    def signatures(self, generation: int) -> SignatureTable | None:
        """The signature table saved for index ``generation``, if any."""
        saved = self._of_generation(SIGNATURES_FILE, generation, "signatures")
        if saved is None:
            return None
        try:
            return SignatureTable.from_json(saved)
        except (ValueError, KeyError, TypeError):
            return None

    def save_signatures(self, signatures: SignatureTable, generation: int) -> None:
        self._write(SIGNATURES_FILE, {"generation": generation, "signatures": signatures.to_json()})

    def copy_groups(self) -> tuple[int, Syndication] | None:
        """The last grouping saved, with the generation it was found for."""
        saved = self._read(GROUPS_FILE)
        try:
            return int(saved["generation"]), Syndication.from_json(saved["syndication"])
        except (KeyError, TypeError, ValueError):
            return None

    def save_copy_groups(self, syndication: Syndication, generation: int) -> None:
        """A cache, as the renames are."""
        try:
            self._write(GROUPS_FILE, {"generation": generation, "syndication": syndication.to_json()})
        except OSError:
            pass

    def known_bad_files(self) -> dict[str, dict[str, str]]:
        """Files that could not be read last time, with their stamp then."""
        known = self._read(SKIPPED_FILE)
        return known if isinstance(known, dict) else {}

    def save_known_bad_files(self, bad: dict[str, dict[str, str]]) -> None:
        if bad != self.known_bad_files():
            self._write(SKIPPED_FILE, bad)


def latest_generation(directory: Path) -> int:
    """The generation of the newest table of contents in ``directory`` (-1
    when there is none, or no folder)."""
    try:
        names = os.listdir(directory)
    except OSError:
        return -1
    pattern = whoosh_index.TOC._pattern(INDEX_NAME)
    return max((int(match.group(1)) for match in map(pattern.match, names) if match), default=-1)


def write_atomically(target: Path, text: str) -> None:
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(target)

