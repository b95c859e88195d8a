"""The story screen: who reports what across the current results (or the
whole corpus), in five sections — facts, figures, quotes by speaker, the
coverage grid and the timeline.

The story is built in a thread worker (seconds for hundreds of articles)
with its progress shown; the sections' rows are made there too, so the UI
only draws. Enter on a fact, figure or quote opens the article at its
sentence (story_reader.py) over this screen, which keeps its place.
"""

from __future__ import annotations

import re
import time

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Static
from textual.worker import get_current_worker

from ceasefire_tui.index import IndexBusy, IndexUnreadable, Library, Story, UnknownArticle, plural, printable, story_markdown

from ..failures import ReportsFailures
from ..hints import hint
from ..messages import ReportExported, ReportFailed, StoryFailed, StoryProgress, StoryReady
from ..progress import bar
from ..story_grid import fact_coverage_section
from ..story_rows import Place, Section, facts_note
from ..story_sections import SECTIONS
from ..widgets.story_list import StoryList
from .compare import write_new_file
from .story_reader import ReportChooser, StoryReaderScreen

SECTION_NAMES = [name for name, _ in SECTIONS]
# The coverage section's other rows (fact × outlet), made with the rest.
FACT_COVERAGE = "coverage of facts"
# Progress is said at most this often: the engine reports every block of sentences.
PROGRESS_EVERY = 0.1


class StoryAbandoned(Exception):
    """Raised in the engine's progress callback once the screen has closed, to stop the build there."""


def story_name(query: str) -> str:
    """``story-<query>.md`` with what a file name cannot hold replaced, or ``story-corpus.md``."""
    words = re.sub(r"[^\w.-]+", "_", query.strip()).strip("_.")[:60]
    return f"story-{words or 'corpus'}.md"


class StoryScreen(ReportsFailures, Screen):
    BINDINGS = [
        Binding("escape,q", "back", "Back", id="story.back",
                tooltip="Back to the results, as they were (stops a story still being built)"),
        Binding("1", "section('facts')", "Facts", show=False, id="story.facts",
                tooltip="Facts: each with the outlets and dates that report it, most independent outlets first "
                        "(the sites carrying copies of one wire story counted once)"),
        Binding("2", "section('figures')", "Figures", show=False, id="story.figures",
                tooltip="Figures: kind, value as written, qualifier, attribution, outlet, date; conflicts ≠"),
        Binding("3", "section('quotes')", "Quotes", show=False, id="story.quotes",
                tooltip="Quotes by speaker: the same words carried by several outlets as one"),
        Binding("4", "section('coverage')", "Coverage", show=False, id="story.coverage",
                tooltip="Coverage: entity × outlet, how many articles of each outlet name it"),
        Binding("f", "coverage_rows", "Facts × outlet", show=False, id="story.coverage_rows",
                tooltip="Coverage: switch its rows between entities (entity × outlet) and the facts several "
                        "outlets report (fact × outlet)"),
        Binding("5", "section('timeline')", "Timeline", show=False, id="story.timeline",
                tooltip="Timeline: facts by the date of their first report (who reported first), figures by the "
                        "date of the article giving each"),
        Binding("d", "differing_first", "Differing first", id="story.differing_first",
                tooltip="List the facts outlets report differently (≠) first; {story.differing_first} again: "
                        "most outlets first"),
        Binding("e,x", "export", "Export", id="story.export",
                tooltip="Write the story as Markdown (story-<query>.md in the exports folder, ui.export_path)"),
        Binding("question_mark", "app.help", "Help", id="story.help"),
    ]

    def __init__(self, library: Library, query: str, ids: list[str] | None, scope: str) -> None:
        """``ids``: the articles to read (None: the whole corpus); ``scope`` says which, for the heading."""
        super().__init__()
        self.library = library
        self.search_query = query
        self.ids = ids
        self.scope = scope
        self.story: Story | None = None
        self.sections: dict[str, Section] = {}
        self.current = "facts"
        self.differing_first = False
        self._facts_by_outlets: list = []  # the facts' rows in the engine's order (most outlets first)
        self._started = time.monotonic()
        self.build_seconds: float | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text(f"Reading {self.scope}…"), id="story-heading")
        yield Static(id="story-tabs")
        yield Static(id="story-progress")
        with ContentSwitcher(initial="story-facts", id="story-sections"):
            for name in SECTION_NAMES:
                yield StoryList(id=f"story-{name}")
        with VerticalScroll(id="story-detail"):
            yield Static(id="story-detail-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#story-detail").border_title = "Highlighted"
        self._show_tabs()
        self.build()

    def list_of(self, name: str) -> StoryList:
        return self.query_one(f"#story-{name}", StoryList)

    @property
    def current_list(self) -> StoryList:
        return self.list_of(self.current)

    # --- building --------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="story", exit_on_error=False)
    def build(self) -> None:
        worker = get_current_worker()
        said = [0.0, ""]  # when progress was last posted, and its stage

        def progress(done: int, total: int, stage: str) -> None:
            if worker.is_cancelled:
                raise StoryAbandoned
            now = time.monotonic()
            if stage != said[1] or now - said[0] >= PROGRESS_EVERY or done >= total:
                said[:] = [now, stage]
                self.post_message(StoryProgress(done, total, stage))

        try:
            story = self.library.story(self.search_query or None, ids=self.ids, progress=progress)
            # Laid out here, off the UI thread: at 2,000 articles the grids take seconds.
            makers = [*SECTIONS, (FACT_COVERAGE, fact_coverage_section)]
            sections = {}
            for done, (name, make) in enumerate(makers):
                progress(done, len(makers), "laying out the sections")
                sections[name] = make(story)
        except StoryAbandoned:
            return
        except (IndexBusy, IndexUnreadable, UnknownArticle) as error:
            self.post_message(StoryFailed(str(error)))
            return
        if not worker.is_cancelled:
            self.post_message(StoryReady(story, sections))

    def on_story_progress(self, message: StoryProgress) -> None:
        if self.story is None:
            self.query_one("#story-progress", Static).update(
                Text(f"Building the story {bar(message.done, message.total)} {message.stage} "
                     f"{message.done}/{message.total}"))

    def on_story_failed(self, message: StoryFailed) -> None:
        self.query_one("#story-progress", Static).update(Text(f"The story could not be built: {message.reason}"))
        self.notify(printable(message.reason), title="Story", severity="error", markup=False)

    def on_story_ready(self, message: StoryReady) -> None:
        self.build_seconds = time.monotonic() - self._started
        self.story, self.sections = message.story, message.sections
        self._facts_by_outlets = list(self.sections["facts"].rows)
        story = message.story
        self.query_one("#story-progress", Static).display = False
        self.query_one("#story-heading", Static).update(Text.assemble(
            ("Story", "bold"), f" of {plural(len(story.sources), 'article')} from "
                               f"{plural(len(story.outlets), 'outlet')} · {self.scope}",
            (" · as built before: nothing changed since" if story.built_at < self._started else
             f" · built in {self.build_seconds:.1f} s", "dim")))
        for name in SECTION_NAMES:
            self.list_of(name).show(self.sections[name])
        self._show_tabs()
        self.app.set_focus(self.current_list)

    def _show_tabs(self) -> None:
        tabs = Text()
        for number, name in enumerate(SECTION_NAMES, start=1):
            section = self.sections.get(name)
            label = f" {number} {name.capitalize()}" + (f" {len(section.rows)} " if section else " ")
            tabs.append(label, "bold reverse" if name == self.current else "")
            tabs.append(" ")
        note = self.sections[self.current].note if self.current in self.sections else ""
        if note:
            tabs.append("\n" + hint(self, note), "dim")
        self.query_one("#story-tabs", Static).update(tabs)

    # --- the highlighted row -----------------------------------------------------------

    @on(StoryList.Moved)
    def _moved(self, message: StoryList.Moved) -> None:
        if message.story_list is self.current_list:
            self._show_detail()

    def _show_detail(self) -> None:
        story_list = self.current_list
        row = story_list.highlighted_row
        detail = story_list.themed(row.detail()) if row else Text("")
        if row and row.places:
            detail.append("\n" + hint(self, "{story.read}: read it in the article"), "dim")
        self.query_one("#story-detail-text", Static).update(detail)
        self.query_one("#story-detail", VerticalScroll).scroll_home(animate=False)

    @on(StoryList.Chosen)
    def _chosen(self, message: StoryList.Chosen) -> None:
        places = message.row.places
        if not places:
            self.notify("A coverage row counts articles; a fact, figure or quote opens at its sentence.",
                        title="Story")
        elif len(places) == 1:
            self.read(places[0])
        else:
            self.app.push_screen(ReportChooser(places), lambda place: place and self.read(place))

    def read(self, place: Place) -> None:
        self.app.push_screen(StoryReaderScreen(self.library, place))

    # --- actions ----------------------------------------------------------------------

    def action_back(self) -> None:
        self.workers.cancel_group(self, "story")
        self.app.pop_screen()

    def action_section(self, name: str) -> None:
        self.current = name
        self.query_one(ContentSwitcher).current = f"story-{name}"
        self._show_tabs()
        self._show_detail()
        self.app.set_focus(self.current_list)

    def action_coverage_rows(self) -> None:
        """Coverage: entity × outlet <-> fact × outlet, from the top."""
        if self.story is None:
            self.app.bell()
            return
        self.sections["coverage"], self.sections[FACT_COVERAGE] = \
            self.sections[FACT_COVERAGE], self.sections["coverage"]
        self.list_of("coverage").show(self.sections["coverage"])
        self.list_of("coverage").move_to(0)
        self.action_section("coverage")

    def action_differing_first(self) -> None:
        if self.story is None:
            self.app.bell()
            return
        self.differing_first = not self.differing_first
        facts = self.sections["facts"]
        facts.rows = sorted(self._facts_by_outlets, key=lambda row: not row.differs) if self.differing_first \
            else list(self._facts_by_outlets)
        facts.note = facts_note(self.story, self.differing_first)
        if self.current != "facts":
            self.action_section("facts")
        self.list_of("facts").show(facts)
        self.list_of("facts").move_to(0)
        self._show_tabs()

    def action_export(self) -> None:
        if self.story is None:
            self.notify("The story is still being built.", title="Export", severity="warning")
            return
        self.export_report(self.story)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def export_report(self, story: Story) -> None:
        report = story_markdown(story, f"Story: {self.search_query}" if self.search_query.strip() else "Story")
        try:
            folder = self.library.config.ui.exports_folder()
            folder.mkdir(parents=True, exist_ok=True)
            path = write_new_file(folder, story_name(self.search_query), report)
        except OSError as error:
            self.post_message(ReportFailed(f"cannot write the story: {error.strerror or error}"))
        else:
            self.post_message(ReportExported(str(path), report))

    def on_report_exported(self, message: ReportExported) -> None:
        self.notify(f"Story written to {printable(message.path)}.", title="Export", markup=False)
