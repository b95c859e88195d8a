"""What one copy of a wire story cut, added or swapped from the other, word
by word (an ``index.CopyDiff``): a strip the compare screen shows under
the two columns when the two articles are copies of one story. It has no
keys of its own, so it adds none to the compare screen's."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ceasefire_tui.index import CopyDiff

# What B did, from A, and the style of the words it touched.
_CHANGES = {"cut": ("cut", "$error"), "added": ("added", "$success"), "swapped": ("swapped", "$warning")}
SHOWN_CHANGES = 12  # the rest are counted, as `compare` lists them all


def copy_diff_text(diff: CopyDiff) -> Content:
    counts = {kind: sum(1 for change in diff.changes if change.kind == kind) for kind in _CHANGES}
    parts: list = [
        ("Copies of one wire story", "bold"),
        f": {diff.shared_words} of A's {diff.words_a} words are in B's {diff.words_b}; B "
        + ", ".join(f"{label} {counts[kind]}" for kind, (label, _) in _CHANGES.items()),
    ]
    for change in diff.changes[:SHOWN_CHANGES]:
        label, style = _CHANGES[change.kind]
        parts += ["\n", (f"{label}: ", f"bold {style}")]
        if change.a_text:
            parts.append((change.a_text, "strike" if change.kind == "cut" else ""))
        if change.kind == "swapped":
            parts.append(" → ")
        if change.b_text:
            parts.append((change.b_text, "underline"))
    hidden = len(diff.changes) - SHOWN_CHANGES
    if hidden > 0:
        parts.append((f"\n… and {hidden} more (ceasefire-tui compare lists them all)", "italic $text-muted"))
    # Article text is data: Content, never markup.
    return Content.assemble(*parts)


class CopyDiffStrip(Static):
    DEFAULT_CSS = """
    CopyDiffStrip {
        dock: bottom;
        height: auto;
        max-height: 30%;
        overflow-y: auto;
        border-top: solid $secondary;
        padding: 0 1;
    }
    """

    def __init__(self, diff: CopyDiff, **kwargs) -> None:
        super().__init__(copy_diff_text(diff), **kwargs)
        self.diff = diff
