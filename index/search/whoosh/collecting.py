"""Collecting matches: top hits within a time limit, and every match's
document number for the counts, on postings where a query allows it."""

from __future__ import annotations

import time

from whoosh import query as wq
from whoosh.collectors import TimeLimit, TimeLimitCollector, TopCollector


_SET_NODES = (wq.Term, wq.And, wq.Or, wq.AndNot, wq.AndMaybe, wq.Not, wq.Every, wq.Wildcard, wq.Prefix)


def countable(node: wq.Query) -> bool:
    """True when :func:`matching` counts ``node`` on postings alone."""
    if isinstance(node, wq.DisjunctionMax) or not isinstance(node, _SET_NODES):
        return False
    return all(countable(child) for child in node.children())


class EveryMatchCollector(TopCollector):
    """Whoosh's top-k collector that also keeps every match's document number."""

    def prepare(self, top_searcher, q, context) -> None:
        super().prepare(top_searcher, q, context)
        self.docnums: list[int] = []

    def _collect(self, global_docnum, score):
        self.docnums.append(global_docnum)
        return super()._collect(global_docnum, score)


class DeadlineCollector(TimeLimitCollector):
    """Whoosh's time-limited collector, reading the clock every few matches
    instead of starting a timer thread (4 ms a search) or using SIGALRM
    (main thread only: the TUI searches in worker threads)."""

    CHECK_EVERY = 64  # matches between two looks at the clock

    def __init__(self, child, time_limit: float) -> None:
        super().__init__(child, time_limit, use_alarm=False)
        self.deadline = 0.0

    def prepare(self, top_searcher, q, context) -> None:
        self.child.prepare(top_searcher, q, context)
        self.deadline = time.perf_counter() + self.timelimit

    def collect_matches(self) -> None:
        child = self.child
        for count, docnum in enumerate(child.matches()):
            if count % self.CHECK_EVERY == 0 and time.perf_counter() > self.deadline:
                raise TimeLimit
            child.collect(docnum)

    def finish(self) -> None:
        self.child.finish()


def matching(searcher, node: wq.Query) -> set[int]:
    """The document numbers ``node`` matches, with set operations on the
    postings of its terms (a Whoosh top-k search does not keep them; asking
    its results for them runs the whole query a second time, stepping every
    matcher); Whoosh's own matchers for what has no set form (phrases, ranges)."""
    reader = searcher.reader()
    kind = type(node)
    if kind is wq.Term:
        if (node.fieldname, node.text) not in reader:
            return set()
        return set(reader.postings(node.fieldname, node.text).all_ids())
    if isinstance(node, wq.And):
        parts = sorted((matching(searcher, child) for child in node.children() if not isinstance(child, wq.Not)),
                       key=len)
        found = set(parts[0]) if parts else set(reader.all_doc_ids())
        for part in parts[1:]:
            found &= part
        for child in node.children():
            if isinstance(child, wq.Not):
                found -= matching(searcher, child.query)
        return found
    if isinstance(node, wq.Or) and not isinstance(node, wq.DisjunctionMax):
        found = set()
        for child in node.children():
            found |= matching(searcher, child)
        return found
    if isinstance(node, wq.AndNot):
        return matching(searcher, node.a) - matching(searcher, node.b)
    if isinstance(node, wq.AndMaybe):
        return matching(searcher, node.a)
    if isinstance(node, wq.Not):
        return set(reader.all_doc_ids()) - matching(searcher, node.query)
    if isinstance(node, wq.Every):
        return set(reader.all_doc_ids())
    if isinstance(node, (wq.FuzzyTerm, wq.Wildcard, wq.Prefix, wq.Regex, wq.Variations)):
        found = set()
        for fieldname, text in node.expanded_terms(reader):
            found.update(reader.postings(fieldname, text).all_ids())
        return found
    return set(node.docs(searcher))
