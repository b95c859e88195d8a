"""A comparison as Markdown, for a fact-checker's notes.

Article text is data, never markup: every piece of it is escaped so that no
character in an article starts emphasis, a heading, a table cell, HTML or a
link, and web and mail addresses are shown as code, which never links.
"""

from __future__ import annotations

import re
from typing import Any

from .comparison import AlignedPair, Comparison
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
    """The whole comparison: sources, summary, shared and one-sided facts,
    names, figures and quotations."""
    a, b = comparison.a, comparison.b
    sentences_a, sentences_b = a.sentence_texts(), b.sentence_texts()
    lines = [
        f"# Comparison: {escape(a.title)} / {escape(b.title)}",
        "",
        f"- **A**: {escape(a.title)} ({_outlet(a)}, id {_code(a.id)})",
        f"- **B**: {escape(b.title)} ({_outlet(b)}, id {_code(b.id)})",
        "",
        "## Summary",
        "",
        *_summary(comparison),
        "",
        f"## Reported by both ({len(comparison.aligned)})",
        "",
    ]
    lines += [line for pair in comparison.aligned for line in _pair(pair, sentences_a, sentences_b)] or ["None."]
    for side, indexes, sentences in (("A", comparison.only_a, sentences_a), ("B", comparison.only_b, sentences_b)):
        lines += ["", f"## Only in {side} ({len(indexes)})", ""]
        lines += [f"- {side} {i + 1}: {escape(sentences[i])}" for i in indexes] or ["None."]
    lines += ["", "## Names", "", *_names(comparison.entities)]
    lines += ["", "## Figures", "", *_figures(comparison.figures)]
    lines += ["", "## Quotations", "", *_quotes(comparison.quotes)]
    return "\n".join(lines) + "\n"


def _summary(comparison: Comparison) -> list[str]:
    kinds = [pair.kind for pair in comparison.aligned]
    breakdown = ", ".join(f"{kinds.count(k)} {k}" for k in ("identical", "near-identical", "paraphrase") if k in kinds)
    entities, figures, quotes = comparison.entities, comparison.figures, comparison.quotes
    return [
        f"- A has {plural(len(comparison.a.sentences), 'sentence')}, B has {len(comparison.b.sentences)}.",
        f"- {plural(len(kinds), 'pair')} of sentences report the same fact" + (f" ({breakdown})." if kinds else "."),
        f"- Only A says {plural(len(comparison.only_a), 'thing')}; only B says {len(comparison.only_b)}.",
        f"- Names: {len(entities['shared'])} in both, {len(entities['only_a'])} only in A, "
        f"{len(entities['only_b'])} only in B.",
        f"- Figures: {len(figures['differ'])} differ, {len(figures['only_a'])} only in A, "
        f"{len(figures['only_b'])} only in B.",
        f"- Quotations: {len(quotes['a'])} in A, {len(quotes['b'])} in B.",
    ]


def _pair(pair: AlignedPair, sentences_a: list[str], sentences_b: list[str]) -> list[str]:
    return [
        f"- **A {pair.a + 1} / B {pair.b + 1}**: {pair.kind}, score {pair.score:.2f}",
        f"  - A: {escape(sentences_a[pair.a])}",
        f"  - B: {escape(sentences_b[pair.b])}",
    ]


def _names(entities: dict) -> list[str]:
    def listed(items: list[dict]) -> str:
        return ", ".join(escape(item["name"]) + (f" ({item['type']})" if item["type"] else "") for item in items)

    return [
        f"- In both: {listed(entities['shared']) or 'none'}",
        f"- Only in A: {listed(entities['only_a']) or 'none'}",
        f"- Only in B: {listed(entities['only_b']) or 'none'}",
    ]


def _figures(figures: dict) -> list[str]:
    lines = []
    if figures["differ"]:
        lines += ["| What | A says | B says |", "| --- | --- | --- |"]
        lines += [
            f"| {escape(_what(d['kind'], d['unit']))} | {escape(d['a']['surface'])} | {escape(d['b']['surface'])} |"
            for d in figures["differ"]
        ]
        lines.append("")
    for side, key in (("A", "only_a"), ("B", "only_b")):
        listed = ", ".join(escape(f["surface"]) for f in figures[key])
        lines.append(f"- Only in {side}: {listed or 'none'}")
    return lines


def _what(kind: str | None, unit: str | None) -> str:
    return " of ".join(part for part in (kind, unit) if part) or "figure"


def _quotes(quotes: dict) -> list[str]:
    lines = []
    for side, key in (("A", "a"), ("B", "b")):
        lines.append(f"- {side}:" if quotes[key] else f"- {side}: none")
        for quote in quotes[key]:
            speaker = escape(quote["speaker"]) if quote["speaker"] else "speaker not named"
            lines.append(f"  - “{escape(quote['text'])}”, {speaker} (sentence {quote['sentence'] + 1})")
    return lines
