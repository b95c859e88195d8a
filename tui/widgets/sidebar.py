"""The right-hand sidebar: the open article's entities (the main content),
its outline, and what the article is (folded away until asked for)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Collapsible, OptionList, Static

from ceasefire_tui.index import EntityType, StoredArticle, plural, printable

from .entities import EntityList


class Outline(OptionList):
    """The article's section headings; Enter jumps the reader there."""

    @dataclass
    class Jump(Message):
        offset: int

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.offsets: list[int] = []  # text offset of each option


class Sidebar(Vertical):
    def __init__(self, entity_types: dict[str, EntityType] | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.entity_types = entity_types or {}

    def compose(self) -> ComposeResult:
        yield Static(id="entities-heading")
        yield EntityList(self.entity_types, id="entities")
        yield Static("Outline", classes="sidebar-heading")
        yield Outline(id="outline")
        with Collapsible(title="About this article", collapsed=True, id="about"):
            yield Static(id="article-facts")

    def on_entity_list_updated(self, message: EntityList.Updated) -> None:
        message.stop()
        heading = self.query_one("#entities-heading", Static)
        heading.update(self.query_one(EntityList).heading(), layout=False)  # always one line (entities.tcss)

    def show(self, stored: StoredArticle | None) -> None:
        facts = self.query_one("#article-facts", Static)
        outline = self.query_one(Outline)
        self.query_one(EntityList).show_article(stored)
        if stored is None:
            facts.update(Content("No article open."))
            outline.clear_options()
            return
        article = stored.article
        words = len(article.text.split())
        lines = [
            ("Outlet", article.source or "unknown"),
            ("Published", article.published or "not stated"),
            ("Length", f"{plural(words, 'word')}, {plural(len(article.sentences), 'sentence')}"),
            ("Id", article.id),
            ("File", printable(article.path)),
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
