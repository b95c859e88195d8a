"""A comparison as Markdown, for a fact-checker's notes.

Article text is data, never markup: every piece of it is escaped so that no
character in an article starts emphasis, a heading, a table cell, HTML or a
link, and web and mail addresses are shown as code, which never links.
"""

from __future__ import annotations

import re
from typing import Any

from ..model import (DIFFERS, RELATED, SAME, Comparison, EntityDifferences, FigureDifferences, NamedEntity,
                     SentencePair)
from ..text import plural

# Characters that can start Markdown (CommonMark + GFM) constructs inline.
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&!])")
# What GFM would turn into a link even without brackets.
_ADDRESS = re.compile(r"(?:https?://|ftp://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)


def escape(text: str) -> str:
    """``text`` as literal Markdown on one line."""
    text = " ".join(text.split())
    pieces, position = [], 0
    for match in _ADDRESS.finditer(text):
        pieces.append(_SPECIAL.sub(r"\\\1", text[position:match.start()]))
        pieces.append(_code(match.group()))
        position = match.end()
    pieces.append(_SPECIAL.sub(r"\\\1", text[position:]))
    return "".join(pieces)


def _code(text: str) -> str:
    """A code span that holds ``text`` whatever backticks it contains."""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"


def _outlet(article: Any) -> str:
    return escape(article.source) if article.source else "unknown outlet"


def markdown_report(comparison: Comparison) -> str:
    """The whole comparison: sources, summary, the facts both report, those
    they report differently, related sentences, what only one side says,
    names, figures and quotations. Only *same* pairs count as agreement."""
    a, b = comparison.a, comparison.b
    sentences_a, sentences_b = a.sentence_texts(), b.sentence_texts()
    same, differs, related = (comparison.of_kind(kind) for kind in (SAME, DIFFERS, RELATED))
    lines = [
        f"# Comparison: {escape(a.title)} / {escape(b.title)}",
        "",
        f"- **A**: {escape(a.title)} ({_outlet(a)}, id {_code(a.id)})",
        f"- **B**: {escape(b.title)} ({_outlet(b)}, id {_code(b.id)})",
        f"- **Headlines**: {comparison.headlines.kind}, score {comparison.headlines.score:.2f}",
        "",
        "## Summary",
        "",
        *_summary(comparison),
    ]
    sections = (
        (f"Reported by both ({len(same)})", same),
        (f"Reported differently ({len(differs)})", differs),
        (f"Related, not the same claim ({len(related)}, not counted as agreement)", related),
    )
    for heading, pairs in sections:
        lines += ["", f"## {heading}", ""]
        lines += [line for pair in pairs for line in _pair(pair, sentences_a, sentences_b)] or ["None."]
    for side, indexes, sentences in (("A", comparison.only_a, sentences_a), ("B", comparison.only_b, sentences_b)):
        lines += ["", f"## Only in {side} ({len(indexes)})", ""]
        lines += [f"- {side} {i + 1}: {escape(sentences[i])}" for i in indexes] or ["None."]
    lines += ["", "## Names", "", *_names(comparison.entities)]
    lines += ["", "## Figures", "", *_figures(comparison.figures)]
    lines += ["", "## Quotations", "", *_quotes(comparison)]
    return "\n".join(lines) + "\n"


def _summary(comparison: Comparison) -> list[str]:
    same, differs, related = (comparison.of_kind(kind) for kind in (SAME, DIFFERS, RELATED))
    entities, figures = comparison.entities, comparison.figures
    differing = "; ".join(f"{_where(pair)}: {', '.join(e.kind for e in pair.conflicts)}" for pair in differs)
    moved = sum(pair.moved for pair in comparison.aligned)
    return [
        f"- A has {plural(len(comparison.a.sentences), 'sentence')}, B has {len(comparison.b.sentences)}.",
        f"- {plural(len(same), 'pair')} of sentences report the same fact.",
        f"- {plural(len(differs), 'pair')} report the same subject differently" + (f" ({differing})." if differs else "."),
        f"- {plural(len(related), 'pair')} are related but not the same claim (not counted).",
        *([f"- {plural(moved, 'pair')} stand in another place in B than in A."] if moved else []),
        f"- Only A says {plural(len(comparison.only_a), 'thing')}; only B says {len(comparison.only_b)}.",
        f"- Names: {len(entities.shared)} in both, {len(entities.only_a)} only in A, {len(entities.only_b)} only in B.",
        f"- Figures: {len(figures.differ)} differ, {len(figures.only_a)} only in A, {len(figures.only_b)} only in B.",
        f"- Quotations: {len(comparison.quotes_a)} in A, {len(comparison.quotes_b)} in B.",
    ]


def _span(tag: str, span: tuple[int, int]) -> str:
    return f"{tag} {span[0] + 1}" if span[0] == span[1] else f"{tag} {span[0] + 1}–{span[1] + 1}"


def _where(pair: SentencePair) -> str:
    return f"{_span('A', pair.a_span)} / {_span('B', pair.b_span)}"


def _pair(pair: SentencePair, sentences_a: list[str], sentences_b: list[str]) -> list[str]:
    evidence = "; ".join(f"{'≠ ' if e.conflict else ''}{e.kind} {e.detail}" for e in pair.evidence)
    moved = ", moved" if pair.moved else ""
    return [
        f"- **{_where(pair)}**: {pair.kind} ({pair.wording}{moved}), score {pair.score:.2f}",
        f"  - A: {escape(' '.join(sentences_a[i] for i in pair.a_indexes))}",
        f"  - B: {escape(' '.join(sentences_b[j] for j in pair.b_indexes))}",
        f"  - Evidence: {escape(evidence)}",
    ]


def _names(entities: EntityDifferences) -> list[str]:
    def listed(items: tuple[NamedEntity, ...]) -> str:
        return ", ".join(escape(item.name) + (f" ({item.type})" if item.type else "") for item in items)

    return [
        f"- In both: {listed(entities.shared) or 'none'}",
        f"- Only in A: {listed(entities.only_a) or 'none'}",
        f"- Only in B: {listed(entities.only_b) or 'none'}",
    ]


def _figures(figures: FigureDifferences) -> list[str]:
    lines = []
    if figures.differ:
        lines += ["| What | A says | B says |", "| --- | --- | --- |"]
        lines += [f"| {escape(d.what)} | {escape(d.a.surface)} | {escape(d.b.surface)} |" for d in figures.differ]
        lines.append("")
    for side, listed_figures in (("A", figures.only_a), ("B", figures.only_b)):
        listed = ", ".join(escape(f.surface) for f in listed_figures)
        lines.append(f"- Only in {side}: {listed or 'none'}")
    return lines


def _quotes(comparison: Comparison) -> list[str]:
    lines = []
    for side, quotes in (("A", comparison.quotes_a), ("B", comparison.quotes_b)):
        lines.append(f"- {side}:" if quotes else f"- {side}: none")
        for quote in quotes:
            speaker = escape(quote.speaker) if quote.speaker else "speaker not named"
            lines.append(f"  - “{escape(quote.text)}”, {speaker} (sentence {quote.sentence + 1})")
    return lines
