"""The right-hand sidebar: what the open article is, and its outline."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static

from index.library import StoredArticle


class Outline(OptionList):
    """The article's section headings; Enter jumps the reader there."""

    @dataclass
    class Jump(Message):
        offset: int

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.offsets: list[int] = []  # text offset of each option


class Sidebar(Vertical):
    def compose(self) -> ComposeResult:
        yield Static(id="article-facts")
        yield Static("Outline", classes="sidebar-heading")
        yield Outline(id="outline")

    def show(self, stored: StoredArticle | None) -> None:
        facts = self.query_one("#article-facts", Static)
        outline = self.query_one(Outline)
        if stored is None:
            facts.update(Content("No article open."))
            outline.clear_options()
            return
        article = stored.article
        words = len(article.text.split())
        lines = [
            ("Outlet", article.source or "unknown"),
            ("Published", article.published or "not stated"),
            ("Length", f"{words} words, {len(article.sentences)} sentence{'' if len(article.sentences) == 1 else 's'}"),
            ("Id", article.id),
            ("File", article.path),
        ]
        if article.title_inferred:
            lines.append(("Title", "taken from the first sentence"))
        facts.update(Content("\n").join(
            Content.assemble((f"{label:<10}", "$text-muted"), value) for label, value in lines
        ))
        headings = [block for block in article.blocks if block.kind == "heading"]
        outline.offsets = [0] + [block.start for block in headings]
        outline.set_options([Content("Top")] + [Content(article.block_text(block)) for block in headings])
        outline.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if isinstance(event.option_list, Outline):
            event.stop()
            self.post_message(Outline.Jump(event.option_list.offsets[event.option_index]))
