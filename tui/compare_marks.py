"""What a comparison row looks like, shared by the compare screen and the
CLI table: a symbol per kind (colour is never the only cue), the label of a
pair's evidence, and a run of sentences as one text with its differing words.
"""

from __future__ import annotations

from ceasefire_tui.index import DIFFERS, MOVED, ONLY_A, ONLY_B, RELATED, SAME, Comparison, Row, SentencePair

SAME_WORDS, PARAPHRASE, RELATED_MARK, DIFFERS_MARK, ONLY, MOVED_DOWN, MOVED_UP = "═", "≈", "~", "≠", "▌", "↓", "↑"

# What each mark means, for legends.
LEGEND = (
    f"{SAME_WORDS} same fact, same words   {PARAPHRASE} same fact, other words   {DIFFERS_MARK} same subject, "
    f"reported differently   {RELATED_MARK} related, not the same claim (not counted)   {MOVED_DOWN}{MOVED_UP} "
    f"moved: its partner is on the row pointed at   {ONLY} only this side"
)


def pair_mark(pair: SentencePair) -> str:
    if pair.kind == SAME:
        return PARAPHRASE if pair.wording == "paraphrase" else SAME_WORDS
    return DIFFERS_MARK if pair.kind == DIFFERS else RELATED_MARK


def span_label(tag: str, indexes: tuple[int, ...] | range) -> str:
    """"B 4" or "B 4–6": sentence numbers as people count them."""
    first, last = indexes[0] + 1, indexes[-1] + 1
    return f"{tag} {first}" if first == last else f"{tag} {first}–{last}"


def moved_pointer(rows: list[Row], number: int, compact: bool = False) -> str:
    """"↓ B 14" ("↓B14" when ``compact``): where the other side of a moved
    row's pair is drawn, further down or up."""
    row = rows[number]
    partner = rows[row.partner]
    arrow = MOVED_DOWN if row.partner > number else MOVED_UP
    label = span_label("B", partner.b) if partner.b else span_label("A", partner.a)
    return arrow + (label.replace(" ", "") if compact else " " + label)


def run_text(sentences: list[str], indexes: tuple[int, ...], diffs: tuple[tuple[tuple[int, int], ...], ...] = ()
             ) -> tuple[str, list[tuple[int, int]]]:
    """The sentences at ``indexes`` joined by a space, and their differing
    word ranges moved to offsets in the joined text."""
    pieces, ranges, offset = [], [], 0
    for number, index in enumerate(indexes):
        text = sentences[index]
        if number < len(diffs):
            ranges += [(start + offset, end + offset) for start, end in diffs[number]]
        pieces.append(text)
        offset += len(text) + 1
    return " ".join(pieces), ranges


def evidence_line(pair: SentencePair) -> str:
    """The evidence for a pair on one line: "meaning 0.81 · words 0.34: … · ≠ figure A 212 / B 230"."""
    return " · ".join(f"{DIFFERS_MARK} {e.kind} {e.detail}" if e.conflict else f"{e.kind} {e.detail}"
                      for e in pair.evidence)


def counts(comparison: Comparison) -> dict[str, int]:
    """Rows by kind: same, differs, related, moved (pairs), only_a, only_b (sentences)."""
    return {
        SAME: len(comparison.of_kind(SAME)),
        DIFFERS: len(comparison.of_kind(DIFFERS)),
        RELATED: len(comparison.of_kind(RELATED)),
        MOVED: sum(pair.moved for pair in comparison.aligned),
        ONLY_A: len(comparison.only_a),
        ONLY_B: len(comparison.only_b),
    }


def headline_mark(kind: str) -> str:
    return {SAME: SAME_WORDS, DIFFERS: DIFFERS_MARK}.get(kind, RELATED_MARK)
