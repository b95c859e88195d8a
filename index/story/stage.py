"""A stage of the story's build whose progress is counted in steps of
unequal work (a fact of many sentences, an article's quotations), said as
it goes but not at every step."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

Item = TypeVar("Item")

# At most about this many reports per stage: a story of thousands of facts
# would otherwise call the progress callback thousands of times.
REPORTS_PER_STAGE = 100


class StageProgress:
    """``report(done, total, stage)`` from 0 to ``total``, done never past it."""

    def __init__(self, report: Callable[[int, int, str], None], total: int, stage: str) -> None:
        self.report, self.total, self.stage = report, max(total, 1), stage
        self.done = 0
        self._step = max(1, self.total // REPORTS_PER_STAGE)
        self._said = 0
        report(0, self.total, stage)

    def advance(self, steps: int) -> None:
        self.done = min(self.total, self.done + steps)
        if self.done - self._said >= self._step or self.done == self.total:
            self._said = self.done
            self.report(self.done, self.total, self.stage)

    def counting(self, items: Iterable[Item], steps: Iterable[int]) -> Iterator[Item]:
        """``items``, advancing by each one's number of ``steps`` (given in
        the same order) once it has been dealt with."""
        for item, step in zip(items, steps):
            yield item
            if step:  # a stage of many small items counts a step every so many
                self.advance(step)

    def finish(self) -> None:
        if self.done < self.total:
            self.advance(self.total - self.done)
