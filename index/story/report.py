"""The story as Markdown a fact-checker can paste: every line cites the
outlet, title, date and address of the article it comes from. Article text
is escaped as the comparison's report escapes it (never markup)."""

from __future__ import annotations

from ..compare.report import _code, escape
from ..text import plural
from .model import Fact, FigureGroup, Quotation, Source, Speaker, Story


def cite(source: Source) -> str:
    """“Outlet, *Title*, date, `address`”, leaving out what is unknown."""
    parts = [escape(source.outlet), f"*{escape(source.title)}*"]
    if source.published:
        parts.append(escape(source.published))
    if source.url:
        parts.append(_code(source.url))
    return ", ".join(parts)


def story_markdown(story: Story, heading: str = "Story") -> str:
    facts = [fact for fact in story.facts if len(fact.outlets) > 1]
    differing = [fact for fact in facts if fact.differs]
    only = [fact for fact in story.facts if fact.only_in]
    conflicts = [group for group in story.figures if group.conflict]
    lines = [
        f"# {escape(heading)}",
        "",
        (f"{plural(len(story.sources), 'article')} from {plural(len(story.outlets), 'outlet')}; "
         f"{plural(len(facts), 'fact')} reported by several outlets ({len(differing)} reported differently), "
         f"{len(only)} reported by one; {plural(len(conflicts), 'conflicting figure')}."),
        "",
        "## Sources",
        "",
        *(f"- {_code(source.id)}: {cite(source)}" for source in story.sources.values()),
    ]
    if differing:
        lines += ["", "## Where outlets differ", ""]
        for fact in differing:
            lines += _fact(story, fact)
    lines += ["", "## Facts reported by several outlets", ""]
    for fact in facts:
        lines += _fact(story, fact)
    if not facts:
        lines.append("None.")
    lines += ["", "## Figures", "", "| Kind | Value as written | Qualifier | Attribution | Outlet | Date | Source |",
              "|---|---|---|---|---|---|---|"]
    for group in story.figures:
        lines += _figure_rows(story, group)
    lines += ["", "## Quotes by speaker", ""]
    for speaker in story.speakers:
        lines.append(f"### {escape(speaker.name) if speaker.name else 'Unattributed'} ({_reach(speaker)})")
        lines.append("")
        for quotation in speaker.quotations:
            lines.append(f"- “{escape(quotation.text)}” — {_reach(quotation)}")
            for report in quotation.reports:
                wording = "" if report.text == quotation.text else f" (as “{escape(report.text)}”)"
                lines.append(f"  - {cite(story.sources[report.article])}{wording}")
        lines.append("")
    lines += _timeline(story)
    lines += ["## Only in one outlet", ""]
    for fact in only:
        lines.append(f"- **Only in {escape(fact.only_in)}**: {escape(fact.text)} — "
                     f"{cite(story.sources[fact.reports[0].article])}")
    return "\n".join(lines).rstrip() + "\n"


def _fact(story: Story, fact: Fact) -> list[str]:
    mark = " **(outlets differ)**" if fact.differs else ""
    lines = [f"- {escape(fact.text)}{mark} — {_reach(fact)}"]
    for report in fact.reports:
        lines.append(f"  - {cite(story.sources[report.article])}: “{escape(report.text)}”")
    for difference in fact.differences:
        lines.append(f"  - *{difference.check}*: {escape(difference.detail)} "
                     f"(A {_code(difference.a)}, B {_code(difference.b)})")
    return lines


def _timeline(story: Story) -> list[str]:
    """The facts several outlets report, under the day of their first report
    (cited: who reported first), and each figure under its article's day."""
    lines = ["## Timeline", ""]
    day = None
    for entry in story.timeline():
        if entry.day != day:
            if day is not None:
                lines.append("")
            day = entry.day
            lines += [f"### {escape(day)}", ""]
        source = story.sources[entry.article]
        if entry.fact:
            mark = " **(outlets differ)**" if entry.differs else ""
            lines.append(f"- {escape(entry.text)}{mark} — {_reach(entry.fact)}; first reported by {cite(source)}")
        else:
            kind = f"{entry.figure.kind} ({escape(entry.figure.unit)})" if entry.figure.unit else entry.figure.kind
            mark = " **conflict**" if entry.differs else ""
            lines.append(f"- Figure, {kind}{mark}: {escape(entry.text)} — {cite(source)}")
    if day is None:
        lines.append("No fact several outlets report, and no figure, has a known publication date.")
    return lines + [""]


def _reach(carried: Fact | Quotation | Speaker) -> str:
    """“4 outlets, 3 independent” when some carry copies of one wire story
    (counted as one report), else “4 outlets”."""
    reach = plural(len(carried.outlets), "outlet")
    return reach + (f", {carried.independent} independent" if carried.merged else "")


def _figure_rows(story: Story, group: FigureGroup) -> list[str]:
    rows = []
    for report in group.reports:
        source = story.sources[report.article]
        kind = f"{group.kind} ({escape(group.unit)})" if group.unit else group.kind
        if group.conflict:
            kind += " **conflict**"
        rows.append(" | ".join([
            "", kind, escape(report.surface), escape(report.qualifier or ""), escape(report.attribution or ""),
            escape(source.outlet), escape(source.published or ""), f"*{escape(source.title)}* "
            + (_code(source.url) if source.url else ""), "",
        ]).strip())
    return rows
