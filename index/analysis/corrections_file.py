"""The entity corrections file: plain YAML the user may edit by hand, one
section per corpus (named by its ``corpus.paths``), each an ordered list of
corrections.

    corpora:
    - corpus: [/home/me/news]
      corrections:
      - merge: Bill Burns        # this entry (its name, and optionally its type) ...
        type: PERSON
        into: William Burns      # ... becomes this one
        into_type: PERSON
      - rename: Burns
        type: PERSON
        to: William J. Burns
      - retype: Tel Aviv
        type: PERSON
        to: GPE
      - hide: File Photo         # not an entity
        type: PERSON

A bad entry is skipped with a message naming it and the file; a file that
cannot be read at all applies nothing and is never overwritten. Writes go to
a temporary file in the same folder, then replace the file in one rename, so
a reader (another process) sees the old file or the new one, never half.
Every change re-reads the file first: what another process or the user's
editor wrote meanwhile is kept.
"""

from __future__ import annotations

import os
import stat
import tempfile
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .. import safe_yaml
from ..text import printable
from .corrections import Correction, CorrectionError, Corrections, parse_entry

FILE_NAME = "entity-corrections.yaml"
MAX_BYTES = 1_000_000
HEADER = """\
# Entity corrections for ceasefire-tui: merges, renames, new types and hidden
# entries, made in the sidebar (by default m, R, T, x; u lists and undoes them)
# or with `ceasefire-tui entities --merge/--rename/--retype/--hide/--undo`.
# One section per corpus, named by its corpus.paths; corrections apply in order.
# Entries (type, into_type: PERSON, ORG, GPE, NORP, ... — optional: without
# `type`, the name in every type):
#   - {merge: NAME, type: T, into: OTHER NAME, into_type: T}
#   - {rename: NAME, type: T, to: NEW NAME}
#   - {retype: NAME, type: T, to: NEW TYPE}
#   - {hide: NAME, type: T}            # not an entity
# You may edit this file; a bad entry is skipped with a message naming it.
"""


@dataclass(frozen=True, slots=True)
class ListedCorrection:
    """One entry of this corpus's section, numbered from 1 as in the file;
    ``correction`` None when the entry is skipped (``problem`` says why)."""

    number: int
    correction: Correction | None
    problem: str | None = None
    raw: Any = None

    def describe(self) -> str:
        if self.correction is not None:
            return self.correction.describe()
        return f"skipped ({self.problem}): {printable(repr(self.raw))[:80]}"

    def to_json(self) -> dict[str, Any]:
        body = self.correction.to_json() if self.correction else {"text": self.describe()}
        return {"number": self.number, **body, "problem": self.problem}


@dataclass(slots=True)
class _Loaded:
    document: dict[str, Any]  # the whole file, as parsed
    section: int | None  # index of this corpus's section in document["corpora"]
    listed: list[ListedCorrection]
    broken: str | None  # why the file cannot be read at all


class CorrectionsFile:
    """The corrections of one corpus, read from (and written to) ``path``;
    re-read whenever the file changed (a stat per look)."""

    def __init__(self, path: Path, corpus: Iterable[str], known_types: Iterable[str]) -> None:
        self.path = path
        self.corpus = sorted(corpus)
        self.known_types = tuple(known_types)
        self._lock = threading.Lock()
        self._stamp: tuple[int, int] | None | bool = False  # (mtime, size); None: no file; False: not read
        self._loaded = _Loaded({}, None, [], None)
        self._corrections = Corrections()

    # --- reading ---------------------------------------------------------------

    def current(self) -> Corrections:
        """The corrections in force (the same object while the file is unchanged)."""
        with self._lock:
            self._reload_if_changed()
            return self._corrections

    def listing(self) -> list[ListedCorrection]:
        with self._lock:
            self._reload_if_changed()
            return list(self._loaded.listed)

    def problems(self) -> list[str]:
        """One line per skipped entry, or for a file that cannot be read."""
        with self._lock:
            self._reload_if_changed()
            if self._loaded.broken:
                return [f"{self._shown_path()} cannot be read ({self._loaded.broken}); "
                        "no entity corrections are applied until it is fixed"]
            return [f"{self._shown_path()}: correction {item.number} is skipped: {item.problem}"
                    for item in self._loaded.listed if item.problem]

    def _shown_path(self) -> str:
        return printable(str(self.path))

    def _reload_if_changed(self) -> None:
        stamp = self._file_stamp()
        if stamp == self._stamp:
            return
        self._stamp = stamp
        self._loaded = self._load() if stamp is not None else _Loaded({}, None, [], None)
        self._corrections = Corrections(item.correction for item in self._loaded.listed if item.correction)

    def _file_stamp(self) -> tuple[int, int] | None:
        try:
            status = self.path.stat()
        except (OSError, ValueError):
            return None
        return (status.st_mtime_ns, status.st_size)

    def _load(self) -> _Loaded:
        try:
            document = self._read_document()
        except ValueError as error:
            return _Loaded({}, None, [], str(error))
        corpora = document.get("corpora") or []
        for position, section in enumerate(corpora):
            if isinstance(section, dict) and _corpus_of(section) == self.corpus:
                entries = section.get("corrections") or []
                if not isinstance(entries, list):
                    return _Loaded(document, position, [], "this corpus's 'corrections' is not a list")
                return _Loaded(document, position, [self._listed(n, raw) for n, raw in enumerate(entries, 1)], None)
        return _Loaded(document, None, [], None)

    def _listed(self, number: int, raw: Any) -> ListedCorrection:
        try:
            return ListedCorrection(number, parse_entry(raw, self.known_types), raw=raw)
        except ValueError as error:
            return ListedCorrection(number, None, str(error), raw)

    def _read_document(self) -> dict[str, Any]:
        """The parsed file; ValueError saying why it cannot be used."""
        try:
            descriptor = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO must not block
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            raise ValueError(getattr(error, "strerror", None) or str(error)) from None
        with open(descriptor, "rb") as stream:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                raise ValueError("not a regular file")
            try:
                data = stream.read(MAX_BYTES + 1)
            except OSError as error:
                raise ValueError(error.strerror or str(error)) from None
        if len(data) > MAX_BYTES:
            raise ValueError(f"larger than {MAX_BYTES // 1_000_000} MB")
        try:
            document = safe_yaml.load(data.decode("utf-8"))
        except UnicodeDecodeError:
            raise ValueError("not UTF-8 text") from None
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f" at line {mark.line + 1}" if mark else ""
            raise ValueError(f"{getattr(error, 'problem', None) or 'invalid YAML'}{where}") from None
        if document is None:
            return {}
        if not isinstance(document, dict) or not isinstance(document.get("corpora", []), list):
            raise ValueError("the file must be a mapping with a list under 'corpora'")
        return document

    # --- changing ----------------------------------------------------------------

    def add(self, correction: Correction) -> int:
        """Append ``correction``; its number."""
        with self._lock:
            loaded = self._fresh()
            entries = self._entries(loaded)
            entries.append(correction.to_yaml())
            self._write(loaded.document)
            return len(entries)

    def undo(self, number: int) -> ListedCorrection:
        """Remove correction ``number`` (as listed); the removed one."""
        with self._lock:
            loaded = self._fresh()
            if not 1 <= number <= len(loaded.listed):
                count = len(loaded.listed)
                listed = ("there are none" if not count else "there is 1" if count == 1
                          else f"there are {count} (1 to {count})")
                raise CorrectionError(f"there is no correction {number} for this corpus: {listed}; "
                                      "`ceasefire-tui entities --corrections` lists them")
            removed = loaded.listed[number - 1]
            del self._entries(loaded)[number - 1]
            self._write(loaded.document)
            return removed

    def _fresh(self) -> _Loaded:
        """The file as it is now; CorrectionError if it cannot be used (it is
        then left as it is: it may hold the user's work)."""
        self._stamp = False
        self._reload_if_changed()
        if self._loaded.broken:
            raise CorrectionError(f"the corrections file {self._shown_path()} cannot be read "
                                  f"({self._loaded.broken}); fix or move it, then try again")
        return self._loaded

    def _entries(self, loaded: _Loaded) -> list[Any]:
        """This corpus's list of entries in ``loaded.document``, made if missing."""
        corpora = loaded.document.setdefault("corpora", [])
        if loaded.section is None:
            corpora.append({"corpus": list(self.corpus), "corrections": []})
            loaded.section = len(corpora) - 1
        section = corpora[loaded.section]
        if not section.get("corrections"):
            section["corrections"] = []
        return section["corrections"]

    def _write(self, document: dict[str, Any]) -> None:
        text = HEADER + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, default_flow_style=False)
        temporary = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=self.path.parent, prefix=".corrections-",
                                             suffix=".tmp", delete=False) as stream:
                temporary = Path(stream.name)
                stream.write(text)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, self.path)
            temporary = None
        except OSError as error:
            raise CorrectionError(f"cannot write the corrections file {self._shown_path()}: "
                                  f"{error.strerror or error}") from None
        finally:
            if temporary is not None:
                temporary.unlink(missing_ok=True)
            self._stamp = False  # read back on the next look


def _corpus_of(section: dict[str, Any]) -> list[str] | None:
    corpus = section.get("corpus")
    if isinstance(corpus, str):
        corpus = [corpus]
    if not isinstance(corpus, list) or not all(isinstance(path, str) for path in corpus):
        return None
    return sorted(corpus)
