"""The Library's entities across the corpus: the linked entity table, kept
per index generation, and the user's corrections layered over it.

A mixin of :class:`~index.library.Library`, which sets what it reads:
``config``, ``store``, ``healing``, ``corrections_file`` and the table's
cache (``_table``, ``_table_version``, ``_linked``, ``_table_lock``).
"""

from __future__ import annotations

from .analysis.corrections import PATTERN_TYPES, Correction, CorrectionError, find_entry
from .analysis.corrections_file import ListedCorrection
from .analysis.entities import canonical_name
from .analysis.entity_table import EntityTable, link_corpus


class LinkedEntities:
    def _entity_variants(self, name: str) -> set[str]:
        """What ``entity:NAME`` looks for: every stored name of the entity
        NAME is a spelling of ("central intelligence agency" finds "CIA")."""
        canonical = canonical_name(name, self.config.entities.aliases)
        return self.entity_table().variants(canonical) | {canonical.casefold()}

    def entity_table(self) -> EntityTable:
        """Entities across the corpus, linked; rebuilt when the index changes."""
        return self.healing(self._entity_table)

    def _entity_table(self) -> EntityTable:
        with self._table_lock:
            generation = self.store.generation()
            corrections = self.corrections_file.current()
            if self._table is None or self._table_version != (generation, corrections):
                if self._linked is None or self._linked[0] != generation:
                    compact = self.store.compact_summaries()
                    renames = self.store.saved_renames(generation)
                    if renames is None:
                        renames = link_corpus(compact)
                        self.store.save_renames(renames, generation)
                    self._linked = (generation, compact, renames)
                _, compact, renames = self._linked
                # The user's corrections on top of the linking: a pass over the distinct names.
                layered, hidden = corrections.layered(((name, kind) for name, kind, _, _ in compact.keys), renames)
                self._table = EntityTable.from_compact(compact, layered, hidden)
                self._table_version = (generation, corrections)
            return self._table

    # --- the user's corrections to the entities ---------------------------------

    def corrections(self) -> list[ListedCorrection]:
        """This corpus's corrections, numbered as ``undo_correction`` takes them."""
        return self.corrections_file.listing()

    def correction_problems(self) -> list[str]:
        """One line per correction skipped (a bad hand-edited entry), or for a
        corrections file that cannot be read."""
        return self.corrections_file.problems()

    def correct(self, action: str, name: str, kind: str | None = None, *, to: str | None = None,
                to_type: str | None = None) -> tuple[int, Correction]:
        """Record a correction of the entry ``name`` (of type ``kind``, needed
        only when the name is in several types): merge it into the entry
        ``to`` (of type ``to_type``), rename it ``to``, retype it as ``to``,
        or hide it. Applied from the next read on; returns its number and the
        correction as saved. CorrectionError for an unknown entity or type."""
        entries = self.entity_table().live_keys()
        key = find_entry(entries, name, kind)
        if action == "merge":
            target = find_entry(entries, to or "", to_type, prefer_type=key[1])
            if target == key:
                raise CorrectionError(f"'{key[0]}' cannot be merged into itself; name two different entities")
            correction = Correction("merge", key[0], key[1], target[0], target[1])
        elif action == "rename":
            new_name = (to or "").strip()
            if not new_name or new_name == key[0]:
                raise CorrectionError(f"a new name is needed to rename '{key[0]}' (one different from it)")
            correction = Correction("rename", key[0], key[1], new_name)
        elif action == "retype":
            types = self.correctable_types()
            new_type = (to or "").strip().upper()
            if new_type not in types:
                raise CorrectionError(f"'{to}' is not an entity type an entry can take; use {', '.join(types)}")
            if new_type == key[1]:
                raise CorrectionError(f"'{key[0]}' is already of type {new_type}")
            correction = Correction("retype", key[0], key[1], new_type)
        elif action == "hide":
            correction = Correction("hide", key[0], key[1])
        else:
            raise ValueError(f"unknown correction {action!r}")
        return self.corrections_file.add(correction), correction

    def correctable_types(self) -> list[str]:
        """The types an entry can be given: the configured ones but figures
        and dates, which come from patterns, not names."""
        return [kind for kind in self.config.entities.types if kind not in PATTERN_TYPES]

    def undo_correction(self, number: int) -> ListedCorrection:
        """Remove correction ``number`` (as :meth:`corrections` lists it)."""
        return self.corrections_file.undo(number)
