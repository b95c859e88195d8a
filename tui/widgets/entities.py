"""The entity list in the sidebar.

The list shows the open article's entities grouped by type ("this article"),
or the entities across the current results ("results"); ``t`` switches. Each
entry has its count and a row of dots, one per result (``●`` mentions it,
``·`` does not), or "4/50" when there are too many results for dots.

Every type has a colour and a symbol (config ``entities.types``): the reader
underlines a mention in its type's colour and puts the type's symbol in the
left gutter of the line, so colour is never the only cue. Colours may be theme
variables; they are resolved against the running theme and, where needed,
moved towards the text colour until they are readable on the background.

How an entry reads is :mod:`~tui.widgets.entity_prompts`'.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ceasefire_tui.index import EntityTable, EntityType, SearchResult, StoredArticle, plural

from ..hints import hint, key_hint
from .entity_looks import TypeLook, build_looks, entity_types
from .entity_prompts import coverage, heading_prompt, row_prompt
from .entity_rows import EntityRow, Key, article_rows, grouped, mention_marks, mentions_of, result_rows
from .reader import Mark

ARTICLE, RESULTS = "article", "results"
MAX_DOTS = 12  # more results than this: "4/50" instead of dots
PER_TYPE_IN_RESULTS = 30  # entries per type in the results scope; the rest are counted


# --- corrections (tui/entity_correcting.py): saved, applied at once, listed and undone --

CORRECTION_BINDINGS = [
    Binding("m", "correct('merge')", "Merge", show=False, id="entities.merge",
            tooltip="Mark the entry to merge; {entities.merge} on the entry it belongs to merges them"),
    Binding("R", "correct('rename')", "Rename", show=False, id="entities.rename",
            tooltip="Rename the entry everywhere"),
    Binding("T", "correct('retype')", "Change type", show=False, id="entities.retype",
            tooltip="Change the entry's type (pick from the types)"),
    Binding("x", "correct('hide')", "Not an entity", show=False, id="entities.hide",
            tooltip="Hide the entry everywhere: not an entity"),
    Binding("u", "correct('list')", "Corrections", show=False, id="entities.corrections",
            tooltip="List the corrections made to the entities, and undo one"),
]


@dataclass
class CorrectionAsked(Message):
    """A correction key pressed in the entity list: ``action`` merge, rename,
    retype, hide or list, of the highlighted entry (None when on none)."""

    action: str
    key: tuple[str, str] | None


# --- the list ---------------------------------------------------------------

class EntityList(OptionList):
    """Entities grouped by type; Enter filters the results by the highlighted one."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="entities.down"),
        Binding("k", "cursor_up", "Up", show=False, id="entities.up"),
        Binding("g", "first", "First", show=False, id="entities.first"),
        Binding("G", "last", "Last", show=False, id="entities.last"),
        Binding("t", "toggle_scope", "Article/results", id="entities.scope"),
        Binding("escape", "leave", "Back to the reader", show=False, id="entities.leave"),
    ] + CORRECTION_BINDINGS

    class Updated(Message):
        """The entries or the scope changed (the sidebar retitles itself)."""

    class Restyled(Message):
        """The theme changed: the reader's marks need new colours."""

    def __init__(self, types: Mapping[str, EntityType], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.types = entity_types(types)
        self.scope = ARTICLE
        self.stored: StoredArticle | None = None
        self.result: SearchResult | None = None
        self._result_hits: dict[Key, int] = {}  # the result's entities, for the "n/M" of each row
        self.table: EntityTable | None = None
        # article id -> the entities it mentions, worked out off the UI thread
        # (see dot_ids); only for the few results the dots stand for.
        self._mentions_by_article: dict[str, frozenset[Key]] = {}
        # The entity the user chose; kept across articles, so it is highlighted
        # again in every article that mentions it.
        self.selected: Key | None = None
        self.mention = -1  # index of the current mention of `selected` in the open article
        self._keys: list[Key | None] = []  # per option; None for headings
        self._rows: list[EntityRow | tuple[str, int]] = []  # per option: a row, or (type or "…", how many)
        self._mentioned_in: list[tuple[str, frozenset[Key]]] = []  # (result id, its entities) for the dots
        self._looks: dict[str, TypeLook] | None = None
        self.merge_mark: Key | None = None  # the entry marked to merge into another
        self._looks_theme: str | None = None
        self._width = 0

    def on_mount(self) -> None:
        self.tooltip = ("One dot per result, in order: ● mentions it, · does not.\n"
                        "Enter: only articles that mention it · ] [: its mentions · t: article/results")
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, _theme: object) -> None:
        self._looks = None
        self._restyle()
        self.post_message(self.Restyled())

    # --- what is shown ------------------------------------------------------

    @property
    def looks(self) -> dict[str, TypeLook]:
        if self._looks is None or self._looks_theme != self.app.theme:
            self._looks = build_looks(self.types, self.app.get_css_variables())
            self._looks_theme = self.app.theme
        return self._looks

    @property
    def hidden_types(self) -> set[str]:
        return {kind for kind, spec in self.types.items() if not spec.shown}

    def show_article(self, stored: StoredArticle | None) -> None:
        if stored is None or self.stored is None or stored.article.id != self.stored.article.id:
            self.mention = -1
        self.stored = stored
        self._rebuild()

    def show_result(self, result: SearchResult | None) -> None:
        self.result = result
        self._result_hits = {entity.key: entity.hits for entity in result.entities} if result else {}
        self._rebuild()

    def set_table(self, table: EntityTable, mentions_by_article: Mapping[str, frozenset[Key]]) -> None:
        """The corpus table, and which entities each of the results the dots
        stand for mentions (worked out in a thread worker)."""
        if table is not self.table:
            self.table = table
            self._mentions_by_article = {}
        known = self._mentions_by_article
        if any(known.get(article) != keys for article, keys in mentions_by_article.items()):
            known.update(mentions_by_article)
            self._rebuild()

    def action_toggle_scope(self) -> None:
        self.scope = RESULTS if self.scope == ARTICLE else ARTICLE
        self._rebuild()

    def action_correct(self, action: str) -> None:
        self.post_message(CorrectionAsked(action, self.key_at(self.highlighted)))

    def mark_for_merge(self, key: Key | None) -> None:
        self.merge_mark = key
        self._restyle()

    def action_leave(self) -> None:
        self.app.set_focus(self.screen.query_one("#reader"))

    def heading(self) -> Content:
        """One line for above the list: the scope, and the key that switches it."""
        if self.scope == ARTICLE:
            what, other = "This article", "results"
        else:
            counted = len(self.result.window_ids) if self.result else 0
            total = self.result.total if self.result else 0
            what = plural(counted, "result") if counted >= total else f"top {counted} results"
            other = "article"
        count = sum(1 for key in self._keys if key is not None)
        return Content.assemble((what, "bold"), (f" · {count}", "$text-muted"),
                                (f"  {key_hint(self, 'entities.scope')}: {other}", "$text-muted italic"))

    # --- selection and mentions -------------------------------------------------

    def key_at(self, index: int | None) -> Key | None:
        if index is None or not 0 <= index < len(self._keys):
            return None
        return self._keys[index]

    def select_key(self, key: Key | None) -> None:
        """Make ``key`` the chosen entity (the cursor moved onto it)."""
        if key != self.selected:
            self.selected = key
            self.mention = -1

    def highlight_first(self) -> None:
        if self.highlighted is None or self.key_at(self.highlighted) is None:
            for index, key in enumerate(self._keys):
                if key is not None:
                    self.highlighted = index
                    return

    def selected_mentions(self) -> list[tuple[int, int]]:
        return mentions_of(self.stored, self.selected)

    def step_mention(self, step: int) -> tuple[int, int] | None:
        """Move to the next (+1) or previous (-1) mention, wrapping around."""
        mentions = self.selected_mentions()
        if not mentions:
            return None
        if self.mention < 0 or self.mention >= len(mentions):
            self.mention = 0 if step > 0 else len(mentions) - 1
        else:
            self.mention = (self.mention + step) % len(mentions)
        return mentions[self.mention]

    def marks(self) -> list[Mark]:
        return mention_marks(self.stored, self.looks, self.selected, self.mention, self.hidden_types)

    def reader_title(self) -> Content:
        """The reader's border title: the chosen entity and where ]/[ is."""
        if self.selected is None or self.selected[1] in self.hidden_types:
            return Content("Article")
        name, kind = self.selected
        look = self.looks.get(kind)
        mentions = self.selected_mentions()
        parts: list = ["Article · ", (f"{look.symbol} " if look else "", f"bold {look.colour}" if look else ""),
                       (name, "bold")]
        if not mentions:
            parts.append((" · not in this article", "$text-muted"))
        elif self.mention < 0:
            parts.append((hint(self, f" · {len(mentions)}× · "
                                     "{entities.next_mention} {entities.previous_mention} to jump"), "$text-muted"))
        else:
            parts.append((hint(self, f" · {self.mention + 1}/{len(mentions)} · "
                                     "{entities.next_mention} {entities.previous_mention}"), "$text-muted"))
        return Content.assemble(*parts)

    # --- building the options -----------------------------------------------------

    def dot_ids(self, result: SearchResult | None = None) -> list[str]:
        """The results the dots stand for, in the results list's order; none
        when there are too many for dots (then "n/M" is shown)."""
        result = result or self.result
        if result is None or not result.hits or len(result.window_ids) > MAX_DOTS \
                or len(result.hits) != len(result.window_ids):
            return []
        return [hit.id for hit in result.hits]

    def _rebuild(self) -> None:
        if self.scope == ARTICLE:
            groups = grouped(article_rows(self.stored), self.types)
        else:
            groups = grouped(result_rows(self.result), self.types, PER_TYPE_IN_RESULTS)
        rows: list[EntityRow | tuple[str, int]] = []
        for kind, members, left_out in groups:
            rows.append((kind, len(members) + left_out))
            rows.extend(members)
            if left_out:
                rows.append(("…", left_out))
        self._rows = rows
        self._keys = [row.key if isinstance(row, EntityRow) else None for row in self._rows]
        ids, known = self.dot_ids(), self._mentions_by_article
        self._mentioned_in = [(article, known[article]) for article in ids] if all(a in known for a in ids) else []
        self._width = self._content_width()
        self.set_options(self._build_options())
        if self.selected in self._keys:
            self.highlighted = self._keys.index(self.selected)
        self.post_message(self.Updated())

    def _content_width(self) -> int:
        width = self.scrollable_content_region.width
        return width if width > 8 else 28

    def _entry_prompt(self, row: EntityRow | tuple[str, int], width: int) -> Content:
        if isinstance(row, EntityRow):
            dots = coverage(row.key, self.result, self._result_hits, self._mentioned_in,
                            self.stored.article.id if self.stored else None)
            return row_prompt(row, self.looks.get(row.type), width, with_count=self.scope == ARTICLE, coverage=dots,
                              marked=row.key == self.merge_mark)
        kind, count = row
        if kind == "…":
            return Content.styled(f"  … and {count} more", "$text-muted italic")
        return heading_prompt(kind, count, self.looks.get(kind))

    def _build_options(self) -> list[Option]:
        options = []
        for index, row in enumerate(self._rows):
            if isinstance(row, EntityRow):
                options.append(Option(self._entry_prompt(row, self._width), id=f"{row.type}\x1f{row.name}"))
            else:
                options.append(Option(self._entry_prompt(row, self._width), id=f"note-{index}", disabled=True))
        return options

    def _restyle(self) -> None:
        """Re-render the prompts in place (new width or colours), keeping the cursor."""
        self._width = self._content_width()
        for index, row in enumerate(self._rows):
            self.replace_option_prompt_at_index(index, self._entry_prompt(row, self._width))

    def on_resize(self) -> None:
        if self._rows and self._content_width() != self._width:
            self._restyle()

    def plain_entries(self) -> list[str]:
        """Every option as plain text (for tests and the command line)."""
        return [self.get_option_at_index(index).prompt.plain for index in range(self.option_count)]
