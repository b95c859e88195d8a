"""What the compare screen draws for a comparison: one block per row (in
both articles' reading order), the names, figures and quotations that
differ, the summary strip, and the stops that n / N jump between.

Marks pair a symbol with a colour (compare_marks.py): ═ / ≈ same fact, ≠ the
same subject reported differently, ~ related (drawn dim, not counted), ↓ / ↑
a moved pair pointing at its partner's row, ▌ only one side.
"""

from __future__ import annotations

from rich.text import Span, Text

from ceasefire_tui.index import DIFFERS, MOVED, ONLY_A, ONLY_B, RELATED, SAME, Comparison, Row

from ..compare_marks import (DIFFERS_MARK, MOVED_DOWN, ONLY, PARAPHRASE, RELATED_MARK, SAME_WORDS, counts,
                             evidence_line, headline_mark, moved_pointer, pair_mark, run_text, span_label)
from .comparison_layout import BULLET, Block, clean, sentence_text

_ROLE = {SAME: "same", DIFFERS: "differs", RELATED: "related", MOVED: "moved"}


def difference_stops(rows: list[Row]) -> list[tuple[int, int]]:
    """The first and last row of each difference: a run of consecutive rows
    of one kind that is not an in-order *same* pair (a run of sentences only
    in B is one stop, not one per sentence)."""
    stops: list[tuple[int, int]] = []
    previous = None
    for number, row in enumerate(rows):
        kind = row.kind
        if kind == SAME:
            previous = None
            continue
        if kind == previous and kind in (ONLY_A, ONLY_B, RELATED):
            stops[-1] = (stops[-1][0], number)
        else:
            stops.append((number, number))
        previous = kind
    return stops


def stop_of(stops: list[tuple[int, int]], row: int) -> int:
    """The number of the stop holding ``row``, -1 if none (or no row)."""
    return next((number for number, (first, last) in enumerate(stops) if first <= row <= last), -1)


def in_stop(stops: list[tuple[int, int]], cursor: int, row: int) -> bool:
    """Whether ``row`` belongs to the stop the cursor is on: the whole block is highlighted."""
    number = stop_of(stops, cursor)
    return number >= 0 and row >= 0 and stops[number][0] <= row <= stops[number][1]


def _marker(rows: list[Row], number: int) -> Text:
    row = rows[number]
    pair, kind = row.pair, row.kind
    if kind == MOVED:
        return Text(f"{pair_mark(pair)} {moved_pointer(rows, number, compact=True)}", "moved")
    role = "paraphrase" if kind == SAME and pair.wording == "paraphrase" else _ROLE[kind]
    return Text(f"{pair_mark(pair)} {pair.score:.2f}", role)


def _side(sentences: list[str], indexes: tuple[int, ...], diffs, role: str | None) -> Text | None:
    if not indexes:
        return None
    text, ranges = run_text(sentences, indexes, diffs)
    shown = sentence_text(text, ranges)
    if role:
        shown.spans.insert(0, Span(0, len(shown.plain), role))
    return shown


def sentence_blocks(comparison: Comparison, evidence: bool = False) -> list[Block]:
    """One block per row; with ``evidence``, each pair's evidence under it."""
    sentences_a, sentences_b = comparison.a.sentence_texts(), comparison.b.sentence_texts()
    rows = comparison.rows
    blocks = []
    for number, row in enumerate(rows):
        pair = row.pair
        if pair is None:
            if row.a:
                blocks.append(Block(a=_side(sentences_a, row.a, (), None), row=number, only="a"))
            else:
                blocks.append(Block(b=_side(sentences_b, row.b, (), None), row=number, only="b"))
            continue
        related = row.kind == RELATED or (row.kind == MOVED and pair.kind == RELATED)
        diffs = not related
        note = None
        if evidence:
            note = Text(f"   score {pair.score:.2f} · {evidence_line(pair)}", "muted")
            if pair.moved:
                note.append(f" · moved: the other side is at {moved_pointer(rows, number, compact=True)}", "muted")
        blocks.append(Block(
            _side(sentences_a, row.a, pair.a_diff if diffs else (), "related" if related else None),
            _side(sentences_b, row.b, pair.b_diff if diffs else (), "related" if related else None),
            _marker(rows, number), row=number, note=note,
        ))
    return blocks


def _flow(chunks: list[Text], width: int, separator: Text) -> list[Text]:
    """``chunks`` on as few lines as fit ``width``, never breaking one
    (a chunk wider than the line is left to wrap on its own)."""
    lines: list[Text] = []
    for chunk in chunks:
        if lines and lines[-1].cell_len + separator.cell_len + chunk.cell_len <= width:
            lines[-1] = lines[-1] + separator + chunk
        else:
            lines.append(chunk.copy())
    return lines


def summary_text(comparison: Comparison, width: int = 1000) -> Text:
    """The summary strip: same facts, the rows that differ (listed), related,
    moved, what only one side has; then headlines, names, figures, quotes.
    On one line if ``width`` allows, else broken only between its parts."""
    tally = counts(comparison)
    entities, figures = comparison.entities, comparison.figures

    def chunk(*parts: tuple[str, str | None]) -> Text:
        text = Text(end="")
        for part, role in parts:
            text.append(part, role)
        return text

    differing = ", ".join(f"{span_label('A', p.a_indexes)}/{span_label('B', p.b_indexes)}".replace(" ", "")
                          for p in comparison.of_kind(DIFFERS))
    rows = [
        chunk((f"{SAME_WORDS}{PARAPHRASE} {tally[SAME]} same", "same")),
        chunk((f"{DIFFERS_MARK} {tally[DIFFERS]} differ", "differs"), (f" ({differing})" if differing else "", None)),
        chunk((f"{RELATED_MARK} {tally[RELATED]} related", "related")),
        chunk((f"{MOVED_DOWN} {tally[MOVED]} moved", "moved")),
        chunk((f"{ONLY} {tally[ONLY_A]} only in A", "only")),
        chunk((f"{ONLY} {tally[ONLY_B]} only in B", "only")),
    ]
    headlines = comparison.headlines
    details = [
        chunk(("Headlines ", "heading"), (f"{headline_mark(headlines.kind)} {headlines.kind}", None)),
        chunk(("Names ", "heading"), (f"{len(entities.only_a)} only A, {len(entities.only_b)} only B, "
                                      f"{len(entities.shared)} shared", None)),
        chunk(("Figures ", "heading"), (f"{len(figures.differ)} differ, {len(figures.only_a)} only A, "
                                        f"{len(figures.only_b)} only B", None)),
        chunk(("Quotes ", "heading"), (f"A {len(comparison.quotes_a)}, B {len(comparison.quotes_b)}", None)),
    ]
    gap, dot = Text("  "), Text("  ·  ", "muted")
    one_line = Text("  ").join(rows) + Text("  │  ", "muted") + dot.join(details)
    if one_line.cell_len <= width:
        return one_line
    if dot.join(details).cell_len > width:  # 80 columns: the same counts, shorter
        details = [
            chunk(("Only in A/B: ", "heading"), (f"names {len(entities.only_a)}/{len(entities.only_b)}, "
                                                 f"figures {len(figures.only_a)}/{len(figures.only_b)}", None)),
            chunk((f"figures differ {len(figures.differ)}", None)),
            chunk((f"quotes {len(comparison.quotes_a)}/{len(comparison.quotes_b)}", None)),
        ]
    return Text("\n").join(_flow(rows, width, gap) + _flow(details, width, dot))


def detail_blocks(comparison: Comparison) -> list[Block]:
    """Names, figures and quotations that differ, in the same two columns."""
    entities, figures = comparison.entities, comparison.figures

    def heading(label: str, count: int | None = None) -> Text:
        return Text(label + ("" if count is None else f" ({count})"), "heading")

    def listing(label: str, items: list[Text]) -> Text:
        return Text("\n").join([heading(label, len(items)), *(items or [Text("none", "muted")])])

    def entity(item) -> Text:
        text = Text(f"{BULLET}{clean(item.name)}")
        if item.type:
            text.append(f"  {item.type}", "muted")
        return text

    def figure(item) -> Text:
        return Text(f"{BULLET}{clean(item.surface)}")

    def quote(item) -> Text:
        text = Text(f"{BULLET}“{clean(item.text)}”")
        text.append(f" — {clean(item.speaker)}" if item.speaker else " — speaker not named", "muted")
        text.append(f" (sentence {item.sentence + 1})", "muted")
        return text

    blocks = [Block(full=Text("Names, figures and quotations", "heading"))]
    blocks.append(Block(listing("Names only in A", [entity(e) for e in entities.only_a]),
                        listing("Names only in B", [entity(e) for e in entities.only_b])))
    differ = figures.differ
    none = Text("\nnone", "muted") if not differ else Text()
    blocks.append(Block(heading("Figures that differ: A says", len(differ)) + none, heading("B says") + none))
    for item in differ:  # one row each, straight under the heading
        blocks.append(Block(Text(f"{BULLET}{clean(item.a.surface)}") + Text(f"  {item.what}", "muted"),
                            Text(f"{BULLET}{clean(item.b.surface)}"), Text(DIFFERS_MARK, "differs"), gap=False))
    blocks.append(Block(listing("Figures only in A", [figure(f) for f in figures.only_a]),
                        listing("Figures only in B", [figure(f) for f in figures.only_b])))
    blocks.append(Block(listing("Quotations in A", [quote(q) for q in comparison.quotes_a]),
                        listing("Quotations in B", [quote(q) for q in comparison.quotes_b])))
    return blocks

