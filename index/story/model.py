"""The story's typed parts: facts with the outlets that report them, figures,
quotes by speaker, the coverage grid; ``Story.to_json`` is the one place they
become the ``story --json`` document."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..dates import day_of, moment_of


@dataclass(frozen=True, slots=True)
class Source:
    """One article as the story cites it."""

    id: str
    outlet: str  # the article's source, or its id when it names none
    title: str
    url: str | None
    published: str | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "outlet": self.outlet, "title": self.title, "url": self.url,
                "published": self.published}


@dataclass(frozen=True, slots=True)
class Report:
    """One sentence of one article that reports a fact (or, in a
    :class:`Quotation`, the quoted words in it)."""

    article: str  # Source.id
    sentence: int  # index into the article's sentences
    start: int  # offsets in the article's text: the sentence (the quoted words, for a quotation)
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"article": self.article, "sentence": self.sentence, "start": self.start, "end": self.end,
                "text": self.text}


@dataclass(frozen=True, slots=True)
class Difference:
    """Where two outlets report one fact differently (a conflict check's finding)."""

    check: str  # negation | opposing | actor | figure | qualifier
    detail: str  # "A “212 people” / B “230 people”": A and B are the two articles below
    a: str  # article ids: a is the fact's wording as shown
    b: str

    def to_json(self) -> dict[str, Any]:
        return {"check": self.check, "detail": self.detail, "a": self.a, "b": self.b}


@dataclass(frozen=True, slots=True)
class Fact:
    reports: tuple[Report, ...]  # the first is the fact's wording as shown
    outlets: tuple[str, ...]  # distinct outlets, in order of first report
    differences: tuple[Difference, ...] = ()
    first: str | None = None  # the article that published it first, when dates are known
    # The reports' articles that are copies of one wire story, a tuple per
    # story two or more of them carry; ``merged``: how many of ``outlets``
    # count as one with another because they carry such copies.
    copies: tuple[tuple[str, ...], ...] = ()
    merged: int = 0

    @property
    def text(self) -> str:
        return self.reports[0].text

    @property
    def independent(self) -> int:
        """Independent reports: the outlets, copies of one wire story counted once."""
        return len(self.outlets) - self.merged

    @property
    def only_in(self) -> str | None:
        """The one outlet reporting it, or None when several do."""
        return self.outlets[0] if len(self.outlets) == 1 else None

    @property
    def differs(self) -> bool:
        return bool(self.differences)

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "outlets": list(self.outlets), "independent": self.independent,
                "copies": [list(ids) for ids in self.copies], "only_in": self.only_in,
                "differs": self.differs, "first": self.first,
                "reports": [report.to_json() for report in self.reports],
                "differences": [difference.to_json() for difference in self.differences]}


@dataclass(frozen=True, slots=True)
class FigureReport:
    """One figure as one article gives it."""

    article: str
    sentence: int | None
    surface: str  # as written: "more than 34,000 people"
    value: float | None
    high: float | None
    qualifier: str | None
    attribution: str | None  # "the Hamas-run health ministry", when the sentence says whose figure
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"article": self.article, "sentence": self.sentence, "surface": self.surface, "value": self.value,
                "high": self.high, "qualifier": self.qualifier, "attribution": self.attribution,
                "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class FigureGroup:
    """Figures of one kind and unit whose values are close enough to be one
    quantity reported by several outlets (34,000 / 34,600 / 35,000 killed)."""

    kind: str
    unit: str
    reports: tuple[FigureReport, ...]
    conflict: bool  # the outlets give different values or bounds

    @property
    def values(self) -> tuple[float, ...]:
        return tuple(sorted({r.value for r in self.reports if r.value is not None}))

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "unit": self.unit, "conflict": self.conflict, "values": list(self.values),
                "reports": [report.to_json() for report in self.reports]}


@dataclass(frozen=True, slots=True)
class Quotation:
    """One quotation, as every outlet that carries it words it."""

    text: str
    reports: tuple[Report, ...]  # start and end: the quoted words, not the whole sentence
    outlets: tuple[str, ...]  # distinct outlets, in order of first report
    # As a Fact's: the reports' articles that are copies of one wire story,
    # and how many of ``outlets`` count as one with another for carrying them.
    copies: tuple[tuple[str, ...], ...] = ()
    merged: int = 0

    @property
    def independent(self) -> int:
        """The outlets carrying it, copies of one wire story counted once."""
        return len(self.outlets) - self.merged

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "articles": sorted({r.article for r in self.reports}),
                "outlets": list(self.outlets), "independent": self.independent,
                "copies": [list(ids) for ids in self.copies],
                "reports": [report.to_json() for report in self.reports]}


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str | None  # None: quotations nobody is named for
    quotations: tuple[Quotation, ...]
    outlets: tuple[str, ...]
    merged: int = 0  # as a Quotation's, over all the speaker's quotations

    @property
    def independent(self) -> int:
        """The outlets quoting the speaker, copies of one wire story counted once."""
        return len(self.outlets) - self.merged

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "outlets": list(self.outlets), "independent": self.independent,
                "quotations": [quotation.to_json() for quotation in self.quotations]}


@dataclass(frozen=True, slots=True)
class CoverageRow:
    """How many articles of each outlet name one entity."""

    entity: str
    type: str
    by_outlet: dict[str, int]
    merged: int = 0  # outlets that count as one with another: they name it in copies of one wire story

    @property
    def independent(self) -> int:
        """The outlets that name it, copies of one wire story counted once."""
        return len(self.by_outlet) - self.merged

    def to_json(self) -> dict[str, Any]:
        return {"entity": self.entity, "type": self.type, "by_outlet": dict(self.by_outlet),
                "independent": self.independent}


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """A fact several outlets report, on the day of its first report, or
    one figure as one article gives it, on that article's day."""

    kind: str  # fact | figure
    day: str  # YYYY-MM-DD (YYYY-MM, YYYY when the article says no more)
    article: str  # the fact's first report; the figure's article
    fact: Fact | None = None
    figure: FigureGroup | None = None
    report: FigureReport | None = None  # the figure as this article gives it

    @property
    def text(self) -> str:
        return self.fact.text if self.fact else self.report.surface

    @property
    def differs(self) -> bool:
        return self.fact.differs if self.fact else self.figure.conflict

    def to_json(self, story: Story) -> dict[str, Any]:
        figure = f"{self.figure.kind} {self.figure.unit}".strip() if self.figure else None
        return {"kind": self.kind, "text": self.text, "first": self.article,
                "published": story.sources[self.article].published, "day": self.day,
                "outlets": list(self.fact.outlets) if self.fact else [story.sources[self.article].outlet],
                "differs": self.differs, "figure": figure}


@dataclass(slots=True)
class Story:
    sources: dict[str, Source]  # by article id
    facts: list[Fact] = field(default_factory=list)  # most independent reports first
    figures: list[FigureGroup] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    coverage: list[CoverageRow] = field(default_factory=list)
    # time.monotonic() when built: a story asked for again is the one built
    # before when this is older than the asking (Library.story keeps it).
    built_at: float = field(default=0.0, compare=False)

    @property
    def outlets(self) -> list[str]:
        return sorted({source.outlet for source in self.sources.values()})

    def timeline(self) -> list[TimelineEntry]:
        """Facts several outlets report, by the date of their first report,
        and every figure by the date of the article that gives it; in time
        order whatever form the dates are written in, facts before figures
        on one moment (what has no known date left out)."""
        entries: list[tuple[str, int, TimelineEntry]] = []

        def add(article: str, rank: int, **entry) -> None:
            published = self.sources[article].published
            moment = moment_of(published)
            if moment is not None:
                entries.append((moment, rank, TimelineEntry(day=day_of(published), article=article, **entry)))

        for fact in self.facts:
            if fact.first and len(fact.outlets) > 1:
                add(fact.first, 0, kind="fact", fact=fact)
        for group in self.figures:
            for report in group.reports:
                add(report.article, 1, kind="figure", figure=group, report=report)
        entries.sort(key=lambda item: item[:2])  # stable: the facts' and figures' own order on a tie
        return [entry for _, _, entry in entries]

    def to_json(self) -> dict[str, Any]:
        return {
            "articles": [source.to_json() for source in self.sources.values()],
            "outlets": self.outlets,
            "facts": [fact.to_json() for fact in self.facts],
            "figures": [group.to_json() for group in self.figures],
            "speakers": [speaker.to_json() for speaker in self.speakers],
            "coverage": [row.to_json() for row in self.coverage],
            "timeline": [entry.to_json(self) for entry in self.timeline()],
        }
