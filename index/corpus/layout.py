"""Recover the layout of a plain-text article: title, outlet, headings,
bullets, photo captions, credits, bylines and datelines.

News text pasted from the web keeps its conventions even without markup: a
title on the first line, sometimes the outlet on the line right under it,
short unpunctuated section headings, "•" bullets, a caption ending in a photo
credit "(Reuters / Name)", a dateline opening the first paragraph and a
closing "Data sourced from: site.com". What is not the article's own text is
recognised in :mod:`index.corpus.credits`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import shorten, split_sentences
from . import credits

_BULLET = re.compile(r"^\s*(?:[•◦▪‣●○■□➢►\-*–—]|\d{1,2}[.)])\s+(?=\S)")
_SOURCED_FROM = re.compile(r"^\s*(?:data\s+)?sourced\s+from\s*:?\s*(?P<source>\S.*?)\s*$", re.I)
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
_MAX_HEADING_WORDS = 15
_MAX_OUTLET_WORDS = 6
_MAX_DATELINE_CHARS = 60


@dataclass(frozen=True, slots=True)
class Layout:
    title: str
    title_inferred: bool
    source: str | None
    parts: list[tuple[str, str]]  # (block kind, text), in reading order
    published: str | None = None  # from a "Published: …" line


def _is_heading(line: str) -> bool:
    words = line.split()
    if not words or _TERMINAL.search(line) or line[:1].islower():
        return False
    if line.rstrip().endswith(":"):
        return len(words) <= 8
    return len(words) <= _MAX_HEADING_WORDS


def classify_line(line: str) -> tuple[str, str]:
    """The block kind of one line and its text without list markers."""
    stripped = line.strip()
    if _SOURCED_FROM.match(stripped) or credits.is_byline(stripped):
        return "byline", stripped
    if credits.is_credit(stripped):  # before bullets: "— AFP" is no list item
        return "credit", stripped
    bullet = _BULLET.match(line)
    if bullet:
        return "bullet", line[bullet.end():].strip()
    if credits.is_caption(stripped):
        return "caption", stripped
    if len(stripped) <= _MAX_DATELINE_CHARS and credits.dateline_end(stripped) == len(stripped):
        return "dateline", stripped  # a dateline on a line of its own: "CAIRO —"
    if _is_heading(stripped):
        return "heading", stripped
    return "paragraph", stripped


def line_parts(line: str) -> list[tuple[str, str]]:
    """The blocks of one logical line: its kind as :func:`classify_line` gives
    it, with a paragraph's opening dateline ("TEL AVIV (Reuters) -") and
    closing agency credit ("— AFP") split off into blocks of their own, so
    the sentences between stay prose."""
    closing = credits.trailing_credit(line)
    credit = [("credit", line[closing:].strip())] if closing else []
    kind, content = classify_line(line[:closing] if closing else line)
    if closing and kind == "heading":
        kind = "paragraph"  # it ended in a full stop before its credit
    opening = credits.dateline_end(content) if kind == "paragraph" else None
    if opening:
        return [("dateline", content[:opening].rstrip()), (kind, content[opening:])] + credit
    return [(kind, content)] + credit


class _Unit:
    """A logical line being joined from hard-wrapped lines. What joining asks
    of it is kept as it grows (its last line, length, word count), so laying
    out a file of a million short lines is linear: testing the joined text
    each time, or adding to one string, was quadratic."""

    __slots__ = ("lines", "length", "words", "blank_before")

    def __init__(self, line: str, blank_before: bool) -> None:
        self.lines = [line]
        self.length = len(line)
        self.words = len(line.split())
        self.blank_before = blank_before

    def add(self, line: str) -> None:
        self.lines.append(line)
        self.length += 1 + len(line)
        self.words += len(line.split())

    def is_heading(self) -> bool:
        # More words than any heading has: no need to join it to know.
        return self.words <= _MAX_HEADING_WORDS and _is_heading(" ".join(self.lines))

    def continued_by(self, line: str) -> bool:
        """True when ``line`` is a hard-wrapped continuation of this unit."""
        last = self.lines[-1]  # the joined text ends as its last line does
        if _BULLET.match(line) or _TERMINAL.search(last) or last.endswith(":"):
            return False
        if line[:1].islower():
            return True
        return self.length >= 60 and not self.is_heading()


def _units(text: str) -> list[tuple[str, bool]]:
    """Logical lines, each with whether a blank line preceded it."""
    units: list[_Unit] = []
    blank_before = False
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            blank_before = True
            continue
        if units and not blank_before and units[-1].continued_by(line):
            units[-1].add(line)
        else:
            units.append(_Unit(line, blank_before))
        blank_before = False
    return [(" ".join(unit.lines), unit.blank_before) for unit in units]


def parse_plain(text: str, *, title: str | None = None, source: str | None = None) -> Layout:
    """Lay out a plain-text article. ``title``/``source`` come from metadata when known."""
    units = _units(text)
    if title is None and units and _is_heading(units[0][0]) and not _BULLET.match(units[0][0]):
        title = units.pop(0)[0]
        if (
            source is None
            and units
            and not units[0][1]  # directly under the title, no blank line
            and len(units[0][0].split()) <= _MAX_OUTLET_WORDS
            and _is_heading(units[0][0])
            and ":" not in units[0][0]
        ):
            source = units.pop(0)[0]
    return finish_layout([part for line, _ in units for part in line_parts(line)], title=title, source=source)


def finish_layout(parts: list[tuple[str, str]], *, title: str | None, source: str | None) -> Layout:
    """Fill in the outlet from a credit line, the date from a "Published:"
    line and a title from the first sentence."""
    published = None
    for kind, content in parts:
        if kind != "byline":
            continue
        match = _SOURCED_FROM.match(content)
        if match and source is None:
            source = match.group("source").rstrip(".")
        published = published or credits.published_date(content)
    if title is not None:
        return Layout(title=title, title_inferred=False, source=source, parts=parts, published=published)
    return Layout(title=_title_from_first_sentence(parts), title_inferred=True, source=source, parts=parts,
                  published=published)


def _title_from_first_sentence(parts: list[tuple[str, str]]) -> str:
    for kind, content in parts:
        if kind in ("paragraph", "bullet", "heading"):
            spans = split_sentences(content)
            first = content[spans[0].start:spans[0].end] if spans else content
            return shorten(first.rstrip("."), 100).strip() or "(untitled)"  # "." alone names nothing
    return "(untitled)"
