"""From the story screen to an article: choosing which report of a fact to
read when several articles carry it, and the reader opened at that
sentence, highlighted. Both are pushed over the story screen, so Escape
returns to it where it was.
"""

from __future__ import annotations

from rich.style import Style
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ceasefire_tui.index import IndexBusy, IndexUnreadable, Library, UnknownArticle, printable

from ..hints import key_hint
from ..messages import ArticleLoaded
from ..story_rows import Place, date_of
from ..widgets.comparison_layout import clean
from ..widgets.reader import ArticleReader, Mark

POINTER = "▶"  # in the margin of the sentence read


def place_prompt(place: Place) -> Content:
    """“Outlet · date · title” and the words there, as Content: article text is never markup."""
    about = Content.assemble(Content.styled(clean(place.outlet), "bold"),
                             Content.styled(f" · {date_of(place.published)}" if place.published else "",
                                            "$text-muted"),
                             Content(" · "), Content.styled(clean(place.title), "italic"))
    return Content.assemble(about, Content("\n  "), Content.styled("“" + clean(place.wording) + "”", "$text-muted"))


class ReportChooser(ModalScreen[Place | None]):
    """The articles that carry one fact, figure or quote: Enter reads the highlighted one."""

    BINDINGS = [Binding("escape,q", "cancel", "Cancel", id="story.choose_cancel")]

    def __init__(self, places: tuple[Place, ...]) -> None:
        super().__init__()
        self.places = places

    def compose(self) -> ComposeResult:
        options = OptionList(*(Option(place_prompt(place), id=str(number)) for number, place in enumerate(self.places)),
                             id="story-choices")
        options.border_title = f"Read it in which article? ({len(self.places)})"
        options.border_subtitle = f"Enter reads · {key_hint(self, 'story.choose_cancel')} cancels"
        yield options

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        choices.highlighted = 0
        choices.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.places[int(event.option.id)])

    def action_cancel(self) -> None:
        self.dismiss(None)


class StoryReaderScreen(Screen):
    """One article, scrolled to the place and the place highlighted (as the
    current match: ``n`` comes back to it)."""

    BINDINGS = [Binding("escape,q", "back", "Back to the story", id="story.reader_back",
                        tooltip="Back to the story screen, where it was")]

    def __init__(self, library: Library, place: Place) -> None:
        super().__init__()
        self.library = library
        self.place = place

    def compose(self) -> ComposeResult:
        yield ArticleReader(self.library.config.ui.text_width, symbol_gutter=1, id="story-reader")
        yield Footer()

    @property
    def reader(self) -> ArticleReader:
        return self.query_one(ArticleReader)

    def on_mount(self) -> None:
        self.reader.border_title = f"{clean(self.place.outlet)} · {clean(self.place.title)}"
        self.reader.border_subtitle = f"{key_hint(self, 'story.reader_back')}: back to the story"
        self.app.set_focus(self.reader)
        self.load()

    @work(thread=True, exclusive=True, group="story-article", exit_on_error=False)
    def load(self) -> None:
        try:
            stored = self.library.article(self.place.article)
        except (UnknownArticle, IndexBusy, IndexUnreadable) as error:
            self.app.call_from_thread(self.notify, printable(str(error)), severity="warning", markup=False)
            return
        if not get_current_worker().is_cancelled:
            self.post_message(ArticleLoaded(stored))

    def on_article_loaded(self, message: ArticleLoaded) -> None:
        article = message.stored.article
        start, end = self.place.start, min(self.place.end, len(article.text))
        sentence = next((span for span in article.sentences if span.start <= start < span.end), None)
        reader = self.reader
        reader.show(message.stored, [(start, end)])
        if sentence is not None:  # the sentence pointed at in the margin, the place itself highlighted
            reader.set_marks([Mark(sentence.start, sentence.end, Style(), symbol=POINTER,
                                   symbol_style=reader.get_component_rich_style("reader--current-match"))])
        self.call_after_refresh(reader.action_next_match)

    def action_back(self) -> None:
        self.app.pop_screen()
