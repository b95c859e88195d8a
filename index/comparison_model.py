"""The comparison's part of the shared types (re-exported by :mod:`index.model`):
sentence pairs with their kind, score and evidence, the display rows in both
articles' reading order, and the names, figures and quotations that differ.

The compare screen, the CLI table, the Markdown report and ``compare --json``
read these types; :meth:`Comparison.to_json` is the one place the JSON shape
is made.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # annotations only: model.py imports this module
    from .model import Article, Figure, Quote

# What a pair of sentences (or of short runs of sentences) is to a reader:
SAME = "same"  # the same fact, with no conflict found: the only kind counted as "both report"
RELATED = "related"  # the same subject, not the same claim
DIFFERS = "differs"  # the same subject, with a conflicting figure, qualifier, actor or polarity
PAIR_KINDS = (SAME, RELATED, DIFFERS)
# Kinds of display row besides a pair's kind.
MOVED, ONLY_A, ONLY_B = "moved", "only_a", "only_b"

Range = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Evidence:
    """One reason a pair is what it is: what agrees ("names: Burns, CIA") or
    what conflicts ("qualifier: at least six weeks / up to six weeks")."""

    kind: str  # meaning | words | names | figures | acts | event | negation | opposing | actor | figure | qualifier
    detail: str
    conflict: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "detail": self.detail, "conflict": self.conflict}


@dataclass(frozen=True, slots=True)
class SentencePair:
    """A run of one to three consecutive sentences of A paired with a run of B.

    One side is always a single sentence: a sentence pairs with at most three
    of the other side that together report what it reports.
    """

    a_span: Range  # first and last sentence index, inclusive
    b_span: Range
    score: float  # 0..1, the combined evidence
    kind: str  # SAME | RELATED | DIFFERS
    wording: str  # identical | near-identical | paraphrase
    evidence: tuple[Evidence, ...] = ()
    a_diff: tuple[tuple[Range, ...], ...] = ()  # per sentence of the span: ranges of words B lacks
    b_diff: tuple[tuple[Range, ...], ...] = ()
    moved: bool = False  # the partner is out of reading order (set when rows are made)

    @property
    def a(self) -> int:
        return self.a_span[0]

    @property
    def b(self) -> int:
        return self.b_span[0]

    @property
    def a_indexes(self) -> range:
        return range(self.a_span[0], self.a_span[1] + 1)

    @property
    def b_indexes(self) -> range:
        return range(self.b_span[0], self.b_span[1] + 1)

    @property
    def conflicts(self) -> tuple[Evidence, ...]:
        return tuple(item for item in self.evidence if item.conflict)

    def mirrored(self) -> SentencePair:
        return replace(self, a_span=self.b_span, b_span=self.a_span, a_diff=self.b_diff, b_diff=self.a_diff)

    def to_json(self, lengths_a: list[int], lengths_b: list[int]) -> dict[str, Any]:
        """``a``/``b``: the first sentence of each run; ``a_span``/``b_span``:
        first and last; ``a_diff``/``b_diff``: character ranges inside the
        run's text (its sentences joined by one space), given each article's
        sentence lengths."""
        return {
            "a": self.a, "b": self.b, "a_span": list(self.a_span), "b_span": list(self.b_span),
            "score": round(self.score, 3), "kind": self.kind, "wording": self.wording, "moved": self.moved,
            "evidence": [item.to_json() for item in self.evidence],
            "a_diff": _joined(self.a_diff, self.a_indexes, lengths_a),
            "b_diff": _joined(self.b_diff, self.b_indexes, lengths_b),
        }


@dataclass(frozen=True, slots=True)
class Headlines:
    """The two titles compared as headlines (they are not sentences of the text)."""

    score: float
    kind: str
    evidence: tuple[Evidence, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"score": round(self.score, 3), "kind": self.kind, "evidence": [e.to_json() for e in self.evidence]}


@dataclass(frozen=True, slots=True)
class Row:
    """One display row: sentences of A and of B drawn side by side.

    Each column reads in its article's order. A pair whose partner is out of
    that order is drawn on two rows, each side opposite a blank, and each
    row's ``partner`` is the other's index.
    """

    a: tuple[int, ...]
    b: tuple[int, ...]
    pair: SentencePair | None = None
    partner: int | None = None

    @property
    def kind(self) -> str:
        if self.pair is None:
            return ONLY_A if self.a else ONLY_B
        return MOVED if self.partner is not None else self.pair.kind


@dataclass(frozen=True, slots=True)
class NamedEntity:
    name: str
    type: str | None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type}


@dataclass(frozen=True, slots=True)
class EntityDifferences:
    """Names both articles give (a headline counts), and those only one does, most named first."""

    shared: tuple[NamedEntity, ...] = ()
    only_a: tuple[NamedEntity, ...] = ()
    only_b: tuple[NamedEntity, ...] = ()

    def mirrored(self) -> EntityDifferences:
        return EntityDifferences(self.shared, self.only_b, self.only_a)

    def to_json(self) -> dict[str, Any]:
        return {key: [item.to_json() for item in getattr(self, key)] for key in ("shared", "only_a", "only_b")}


@dataclass(frozen=True, slots=True)
class FigureDifference:
    """Two paired sentences giving a figure of one kind and unit with different values."""

    a: Figure
    b: Figure

    @property
    def kind(self) -> str:
        return self.a.kind

    @property
    def unit(self) -> str:
        return self.a.unit

    @property
    def what(self) -> str:
        """What is counted, for people: "count of people", "duration of week"."""
        return " of ".join(part for part in (self.kind, self.unit) if part) or "figure"

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "unit": self.unit, "a": self.a.to_json(), "b": self.b.to_json()}


@dataclass(frozen=True, slots=True)
class FigureDifferences:
    only_a: tuple[Figure, ...] = ()
    only_b: tuple[Figure, ...] = ()
    differ: tuple[FigureDifference, ...] = ()

    def mirrored(self) -> FigureDifferences:
        return FigureDifferences(self.only_b, self.only_a, tuple(FigureDifference(d.b, d.a) for d in self.differ))

    def to_json(self) -> dict[str, Any]:
        return {
            "only_a": [f.to_json() for f in self.only_a], "only_b": [f.to_json() for f in self.only_b],
            "differ": [d.to_json() for d in self.differ],
        }


@dataclass(slots=True)
class Comparison:
    a: Article
    b: Article
    aligned: list[SentencePair]  # sorted by a
    rows: list[Row]  # both columns in reading order
    headlines: Headlines
    entities: EntityDifferences = field(default_factory=EntityDifferences)
    figures: FigureDifferences = field(default_factory=FigureDifferences)
    quotes_a: list[Quote] = field(default_factory=list)
    quotes_b: list[Quote] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[SentencePair]:
        return [pair for pair in self.aligned if pair.kind == kind]

    @property
    def only_a(self) -> list[int]:
        paired = {i for pair in self.aligned for i in pair.a_indexes}
        return [i for i in range(len(self.a.sentences)) if i not in paired]

    @property
    def only_b(self) -> list[int]:
        paired = {j for pair in self.aligned for j in pair.b_indexes}
        return [j for j in range(len(self.b.sentences)) if j not in paired]

    def to_json(self) -> dict[str, Any]:
        lengths_a = [s.end - s.start for s in self.a.sentences]
        lengths_b = [s.end - s.start for s in self.b.sentences]
        return {
            "a": _article_json(self.a),
            "b": _article_json(self.b),
            "headlines": self.headlines.to_json(),
            "aligned": [pair.to_json(lengths_a, lengths_b) for pair in self.aligned],
            "only_a": self.only_a,
            "only_b": self.only_b,
            "entities": self.entities.to_json(),
            "figures": self.figures.to_json(),
            "quotes": {"a": [q.to_json() for q in self.quotes_a], "b": [q.to_json() for q in self.quotes_b]},
        }


def _joined(diffs: tuple[tuple[Range, ...], ...], indexes: range, lengths: list[int]) -> list[list[int]]:
    """Per-sentence ranges as ranges in the run's sentences joined by one space."""
    out, offset = [], 0
    for ranges, index in zip(diffs, indexes):
        out += [[start + offset, end + offset] for start, end in ranges]
        offset += lengths[index] + 1
    return out


def _article_json(article: Article) -> dict[str, Any]:
    return {"id": article.id, "title": article.title, "sentences": article.sentence_texts()}
