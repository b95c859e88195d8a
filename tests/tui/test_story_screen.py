"""The story screen as a user drives it: S (or the palette) over the current
results, the sections by 1–5, Enter on a fact to read it where an article
says it, Escape back to the same place, the differing facts first, the
export, a rebound key."""

from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from support import write_config, write_syndicated_copy
from ceasefire_tui.tui.screens.help import HelpScreen
from ceasefire_tui.tui.screens.main import MainScreen
from ceasefire_tui.tui.screens.story import StoryScreen, story_name
from ceasefire_tui.tui.screens.story_reader import ReportChooser, StoryReaderScreen
from ceasefire_tui.tui.story_rows import cell, fact_line
from ceasefire_tui.tui.widgets.reader import ArticleReader
from tui_support import notice_texts, screen_text, search_for, settle, started, wait_until

PERMANENT = "Hamas adamantly seeks a permanent end to hostilities"
PERMANENT_OUTLETS = {"001", "003", "004"}  # the seeds' own ids stand for the three without an outlet


@pytest.fixture
def flood_config(tmp_path):
    """Three outlets' reports of one flood: a fact all three carry, one figure
    two give differently, one quotation two carry, a sentence only one has,
    with markup in it."""
    corpus = tmp_path / "flood"
    corpus.mkdir()
    (corpus / "alpha.md").write_text(
        "---\ntitle: River floods displace thousands in Velmora\nsource: Alpha News\npublished: 2024-03-02\n"
        "url: https://alpha.example/floods\n---\n"
        "Flooding along the Serat river has forced at least 4,000 people from their homes, the regional civil "
        "protection agency said on Saturday. Rescue teams reached the village of Dunik by boat after the main "
        "bridge collapsed.\n\n"
        "The governor, Ana Petrel, told reporters: \"We will rebuild every house the water took.\" Schools in "
        "three districts will stay closed until Wednesday.\n", encoding="utf-8")
    (corpus / "beta.md").write_text(
        "---\ntitle: Thousands flee as the Serat bursts its banks\nsource: Beta Wire\npublished: 2024-03-03\n---\n"
        "Flooding along the Serat river has forced about 4,200 people from their homes, the regional civil "
        "protection agency said. Rescue teams reached the village of Dunik by boat after the main bridge "
        "collapsed on Friday.\n\n"
        "\"We will rebuild every house the water took,\" governor Ana Petrel said. Farmers near Dunik said the "
        "[red]harvest[/red] of winter wheat was lost.\n", encoding="utf-8")
    (corpus / "gamma.md").write_text(
        "---\ntitle: Velmora counts the cost\nsource: Gamma Post\npublished: 2024-03-04\n---\n"
        "Rescue teams reached the village of Dunik by boat after the main bridge collapsed, officials said. "
        "Volunteers handed out blankets and bread at the town hall.\n", encoding="utf-8")
    return write_config(tmp_path, {"corpus": {"paths": ["flood"]}, "index": {"path": "flood-index"}})


async def open_story(pilot, key: str = "S") -> StoryScreen:
    """Press ``key`` in the results; the story screen once its story is shown."""
    app = pilot.app
    app.set_focus(app.screen.query_one("#results"))
    await pilot.press(key)
    await wait_until(pilot, lambda: isinstance(app.screen, StoryScreen) and app.screen.story is not None,
                     what="the story built", state=lambda: f"screen={app.screen!r}, notices={notice_texts(app)}")
    await settle(pilot)
    return app.screen


@asynccontextmanager
async def story_of_the_seeds(seeds_app):
    """The app on the seeds (120 × 36) with the story of all five open: ``(pilot, screen)``."""
    app = seeds_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await started(pilot)
        yield pilot, await open_story(pilot)


def heading(screen: StoryScreen) -> str:
    """The story's heading line: what was read, and how long it took."""
    return str(screen.query_one("#story-heading").render())


def row_with(screen: StoryScreen, words: str) -> int:
    return next(number for number, line in enumerate(screen.current_list.plain_lines()) if words in line)


async def move_cursor_to(pilot, screen: StoryScreen, row: int) -> None:
    """With j, as a user would."""
    while screen.current_list.cursor < row:
        await pilot.press("j")


def detail_text(screen: StoryScreen) -> str:
    return str(screen.query_one("#story-detail-text").render())


# --- opening ------------------------------------------------------------------------


async def test_the_story_asked_again_says_it_is_the_one_built_before(seeds_app):
    async with story_of_the_seeds(seeds_app) as (pilot, screen):
        app = pilot.app
        assert "built in" in heading(screen)
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), what="the main screen")
        again = await open_story(pilot)
        assert "as built before: nothing changed since" in heading(again) and "built in" not in heading(again)


async def test_S_shows_each_fact_with_the_outlets_that_report_it(seeds_app):
    async with story_of_the_seeds(seeds_app) as (pilot, screen):
        app = pilot.app
        assert "5 articles" in heading(screen)
        lines = screen.current_list.plain_lines()
        row = row_with(screen, PERMANENT)
        assert lines[row].split()[0] == "3"  # three outlets carry it
        assert all(len(line.split()) and line.split()[0].isdigit() for line in lines)
        counts = [int(line.split()[0]) for line in lines]
        assert counts == sorted(counts, reverse=True)  # most outlets first
        assert any("only in" in line for line in lines)  # what one outlet alone reports

        await move_cursor_to(pilot, screen, row)
        detail = detail_text(screen)
        assert "Reported by 3 outlets" in detail
        assert {part[:3] for part in detail.split("• ")[1:]} == PERMANENT_OUTLETS
        assert PERMANENT in screen_text(app)

        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), what="back on the main screen")


async def test_a_site_carrying_a_copy_of_a_seed_is_counted_once_and_named_as_a_copy(seeds_app, seeds_corpus):
    write_syndicated_copy(next(seeds_corpus.glob("001*")), seeds_corpus, "Harbour Gazette", "harbour-copy")
    async with story_of_the_seeds(seeds_app) as (pilot, screen):
        row = row_with(screen, PERMANENT)
        line = screen.current_list.plain_lines()[row]
        assert line.split()[:2] == ["3", "+1"] and "+1 copy · " in line  # four sites, three independent
        await move_cursor_to(pilot, screen, row)
        detail = detail_text(screen)
        assert "Reported by 4 outlets, 3 independent" in detail
        assert "Copies of one wire story, counted once: " in detail and "Harbour Gazette" in detail


async def test_the_palette_opens_the_story_view_of_the_current_results(seeds_app):
    app = seeds_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await started(pilot)
        await search_for(pilot, "rafah")
        shown = {hit.id for hit in app.screen.result.hits}
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: app.screen.query("CommandInput"), what="the command palette")
        app.screen.query_one("CommandInput").value = "Story view"
        await wait_until(pilot, lambda: "Story view" in screen_text(app), what="the command")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, StoryScreen) and app.screen.story is not None,
                         what="the story built")
        assert set(app.screen.story.sources) == shown
        assert "rafah" in heading(app.screen)


async def test_numbers_switch_sections(flood_config):
    from tui_support import make_app

    app = make_app(flood_config)
    async with app.run_test(size=(140, 36)) as pilot:
        await started(pilot, articles=3)
        screen = await open_story(pilot)
        await pilot.press("2")
        figures = screen.current_list.plain_lines()
        assert any("at least 4,000 people" in line and line.startswith("≠") for line in figures)  # a conflict
        assert any("Alpha News" in line and "2024-03-02" in line for line in figures)
        await pilot.press("3")
        quotes = screen.current_list.plain_lines()
        assert len(quotes) == 1 and "Ana Petrel" in quotes[0] and quotes[0].split("  ")[-2].strip() == "2"
        await pilot.press("4")
        assert any(line.startswith("Ana Petrel") for line in screen.current_list.plain_lines())
        await pilot.press("5")
        timeline = screen.current_list.plain_lines()
        facts = [line for line in timeline if " fig. " not in line]
        assert facts and all("2024-03-02" in line and "Alpha News" in line for line in facts)  # first
        tolls = [line for line in timeline if " fig. " in line and ("4,000 people" in line or "4,200 people" in line)]
        assert [("Alpha News" in line, "2024-03-03" in line) for line in tolls] == [(True, False), (False, True)]
        assert all(line.startswith("≠") for line in tolls)  # the toll as it climbed, day by day, in conflict
        await pilot.press("1")
        assert screen.current == "facts"
        app.library.close()


async def test_a_quotation_carried_by_copies_of_one_wire_story_counts_them_once(flood_config):
    from tui_support import make_app

    write_syndicated_copy(flood_config.parent / "flood" / "alpha.md", flood_config.parent / "flood", "Delta Daily",
                          "delta-copy")
    app = make_app(flood_config)
    async with app.run_test(size=(140, 36)) as pilot:
        await started(pilot, articles=3)  # the copy listed with Alpha's story, as one row
        screen = await open_story(pilot)
        assert len(screen.story.sources) == 4
        await pilot.press("3")
        quotes = screen.current_list.plain_lines()
        rebuild = row_with(screen, "We will rebuild every house")
        # Three sites (Alpha, its copy at Delta, Beta), two independent.
        assert quotes[rebuild].split()[2:4] == ["2", "+1"] and "+1 copy · " in quotes[rebuild]
        await move_cursor_to(pilot, screen, rebuild)
        detail = detail_text(screen)
        assert "quoted by 3 outlets, 2 independent" in detail
        assert "These words carried by 3 outlets, 2 independent:" in detail
        assert "Copies of one wire story, counted once: Alpha News, Delta Daily" in detail
        assert "copies of one wire story counted once" in str(screen.query_one("#story-tabs").render())
        app.library.close()


async def test_f_switches_the_coverage_between_entities_and_facts_by_outlet(flood_config):
    from tui_support import make_app

    app = make_app(flood_config)
    async with app.run_test(size=(140, 36)) as pilot:
        await started(pilot, articles=3)
        screen = await open_story(pilot)
        await pilot.press("4", "f")
        assert screen.current == "coverage"
        lines = screen.current_list.plain_lines()
        rescue = next(line for line in lines if line.startswith("  Rescue teams reached"))
        assert rescue.split()[-4:] == ["3", "1", "1", "1"]  # three independent outlets, an article each
        assert not any(line.startswith("Ana Petrel") for line in lines)
        tabs = str(screen.query_one("#story-tabs").render())
        assert "facts several outlets report × 3 outlets" in tabs and "f: entities × outlet" in tabs
        await move_cursor_to(pilot, screen, lines.index(rescue))
        assert "Reported by 3 outlets" in detail_text(screen)
        await pilot.press("f")
        assert any(line.startswith("Ana Petrel") for line in screen.current_list.plain_lines())
        app.library.close()


async def test_d_lists_the_facts_outlets_report_differently_first(flood_config):
    from tui_support import make_app

    app = make_app(flood_config)
    async with app.run_test(size=(140, 36)) as pilot:
        await started(pilot, articles=3)
        screen = await open_story(pilot)
        assert "Rescue teams" in screen.current_list.plain_lines()[0]  # three outlets: first
        await pilot.press("d")
        lines = screen.current_list.plain_lines()
        assert lines[0].startswith("≠") and "Flooding along the Serat" in lines[0]
        assert "4,000" in detail_text(screen) and "4,200" in detail_text(screen)  # what differs
        harvest = row_with(screen, "harvest")
        assert "only in Beta Wire" in lines[harvest]
        assert "[red]harvest[/red]" in lines[harvest]  # article text shown as it is, never markup
        await pilot.press("d")
        assert "Rescue teams" in screen.current_list.plain_lines()[0]
        app.library.close()


# --- reading a fact where it is said ----------------------------------------------------


async def test_enter_opens_the_reader_at_the_sentence_and_escape_comes_back_to_it(seeds_app):
    async with story_of_the_seeds(seeds_app) as (pilot, screen):
        app = pilot.app
        row = row_with(screen, PERMANENT)
        await move_cursor_to(pilot, screen, row)
        top = screen.current_list.scroll_offset.y
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReportChooser), what="the choice of articles")
        chooser = app.screen
        assert len(chooser.places) == 3
        await pilot.press("down", "enter")
        place = chooser.places[1]
        await wait_until(pilot, lambda: isinstance(app.screen, StoryReaderScreen), what="the reader")
        reader = app.screen.query_one(ArticleReader)
        await wait_until(pilot, lambda: reader.current_span is not None, what="the sentence highlighted")
        assert reader.article_id == place.article
        assert reader.current_span == (place.start, place.end)
        assert reader.stored.article.text[place.start:place.end] == place.wording
        line = reader.line_of_offset(place.start)
        assert reader.scroll_offset.y <= line < reader.scroll_offset.y + reader.scrollable_content_region.height

        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen, what="back on the story screen")
        assert screen.current == "facts" and screen.current_list.cursor == row
        assert screen.current_list.scroll_offset.y == top
        assert app.focused is screen.current_list


async def test_escape_in_the_choice_of_articles_stays_on_the_story(seeds_app):
    async with story_of_the_seeds(seeds_app) as (pilot, screen):
        app = pilot.app
        await pilot.press("enter")  # the first fact: several outlets
        await wait_until(pilot, lambda: isinstance(app.screen, ReportChooser), what="the choice of articles")
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen, what="back on the story screen")


# --- export and keys ------------------------------------------------------------------


async def test_e_writes_the_story_as_markdown_to_the_exports_folder(flood_config):
    from tui_support import make_app

    app = make_app(flood_config)
    async with app.run_test(size=(120, 36)) as pilot:
        await started(pilot, articles=3)
        await open_story(pilot)
        await pilot.press("e")
        path = app.library.config.ui.exports_folder() / story_name("")
        await wait_until(pilot, path.exists, what="the story written")
        report = path.read_text(encoding="utf-8")
        assert report.startswith("# Story\n")
        assert "## Where outlets differ" in report and "Alpha News, *River floods displace thousands in Velmora*" \
            in report
        await wait_until(pilot, lambda: any(str(path) in text for text in notice_texts(app)), what="the path said")
        await pilot.press("e")
        await wait_until(pilot, Path(str(path).replace(".md", "-1.md")).exists, what="a second file, not overwritten")
        app.library.close()


async def test_a_rebound_story_key_opens_it_and_help_names_it(seeds_app):
    app = seeds_app(ui={"keymap": {"story": "w", "story.differing_first": "D"}})
    async with app.run_test(size=(120, 36)) as pilot:
        await started(pilot)
        app.set_focus(app.screen.query_one("#results"))
        await pilot.press("S")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)  # S is no longer the story's
        screen = await open_story(pilot, key="w")
        palette = next(command.help for command in app.get_system_commands(screen)
                       if command.title == "Differing facts first")
        assert palette.endswith("(D)")
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), what="the help screen")
        rows = app.screen.rows()
        assert next(row[:2] for row in rows if row[3] == "story") == ("Everywhere", "w")
        assert next(row[1] for row in rows if row[3] == "story.differing_first") == "D"
        assert next(row[1] for row in rows if row[3] == "story.read") == "enter"


def test_cells_cut_long_text_with_an_ellipsis_and_pad_short_text():
    assert cell("Associated Press", 8) == "Associat"[:7] + "…"
    assert cell("AP", 5) == "AP   "
    assert cell("a\x1b[31mb", 9) == "a [31mb  "  # a terminal escape is shown, never sent


def test_only_the_mark_of_a_differing_fact_takes_the_differs_colour():
    from ceasefire_tui.index.story.model import Difference, Fact, Report

    fact = Fact((Report("a", 0, 0, 24, "At least 212 were hurt."), Report("b", 0, 0, 20, "About 230 were hurt.")),
                ("Alpha News", "Beta Wire"), (Difference("figure", "A 212 / B 230", "a", "b"),))
    line = fact_line(fact)
    assert line.plain.startswith("≠    2  At least 212")
    coloured = [(span.start, span.end) for span in line.spans if span.style == "differs"] + \
        ([(0, len(line.plain))] if line.style == "differs" else [])
    assert coloured == [(0, 2)]


async def test_the_build_shows_its_progress_keeps_keys_working_and_stops_when_closed(seeds_app):
    """A slow build (held here until the screen closes): the progress line
    moves, keys still work, and Escape stops the build at its next report."""
    import threading

    app = seeds_app()
    stopped = threading.Event()

    def slow_story(query=None, limit=None, *, ids=None, progress=None):
        try:
            for done in range(10**6):
                progress(done % 100, 100, "comparing sentences")
                stopped.wait(0.002)
        except Exception:
            stopped.set()  # StoryAbandoned, raised by the screen's progress callback
            raise
        raise AssertionError("the build was never stopped")

    async with app.run_test(size=(120, 36)) as pilot:
        await started(pilot)
        app.library.story = slow_story
        app.set_focus(app.screen.query_one("#results"))
        await pilot.press("S")
        await wait_until(pilot, lambda: isinstance(app.screen, StoryScreen), what="the story screen")
        screen = app.screen
        progress = screen.query_one("#story-progress")
        await wait_until(pilot, lambda: "comparing sentences" in str(progress.render()), what="the progress line")
        await pilot.press("2")
        assert screen.current == "figures"  # the UI answers while the story is built
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await wait_until(pilot, stopped.is_set, what="the build stopped")


async def test_the_story_reads_every_match_not_only_the_page_listed(seeds_app):
    app = seeds_app(search={"page_size": 2})
    async with app.run_test(size=(120, 36)) as pilot:
        await started(pilot, articles=2)
        await search_for(pilot, "hamas")
        assert len(app.screen.result.hits) == 2 and app.screen.result.total == 5
        screen = await open_story(pilot)
        assert len(screen.story.sources) == 5
        assert "the 5 results for “hamas”" in heading(screen)


def test_a_story_key_the_focused_place_would_take_first_is_refused():
    from ceasefire_tui.tui.keys import keymap_problem

    problem = keymap_problem({"story.reader_back": "n"})  # the reader's next match takes n first
    assert problem and "story.reader_back" in problem and "reader.next_match" in problem
    assert "story.back" in keymap_problem({"story.back": "d"})  # "differing first" has d on the same screen
    assert keymap_problem({"story": "w", "story.export": "E"}) is None


def test_the_pane_lists_the_first_reports_and_says_how_many_more_enter_lists():
    from ceasefire_tui.tui.story_rows import DETAIL_REPORTS, Place, _report_lines

    places = tuple(Place(f"a{n}", 0, 5, f"Outlet {n}", "Title", None, "Words") for n in range(DETAIL_REPORTS + 5))
    lines = _report_lines(places, "Words")
    assert len(lines) == DETAIL_REPORTS + 1
    assert lines[-1].plain == "… and 5 more articles (Enter lists them all)"


async def test_the_story_commands_are_in_the_palette_and_a_click_highlights_a_row(seeds_app):
    app = seeds_app(ui={"keymap": {"story.right": "L"}})
    async with app.run_test(size=(120, 36)) as pilot:
        await started(pilot)
        screen = await open_story(pilot)
        titles = {command.title for command in app.get_system_commands(screen)}
        assert {"Facts", "Figures", "Quotes by speaker", "Coverage", "Timeline", "Differing facts first",
                "Export story", "Back to the results"} <= titles
        await pilot.click("#story-facts", offset=(10, 3))  # the header, then rows 0, 1, 2
        assert screen.current_list.cursor == 2
        assert screen.current_list.plain_lines()[2].split("  ")[-1] in detail_text(screen).replace("\n", " ")
        await pilot.press("4")
        assert "h/L scroll the outlets" in str(screen.query_one("#story-tabs").render())


def test_a_coverage_row_dims_the_outlets_that_do_not_report_and_only_those():
    from rich.text import Text

    from ceasefire_tui.tui.story_grid import ABSENT, _counts

    width = 4
    line = _counts(Text("fact "), {"Beta": 2, "Delta": 11}, ["Alpha", "Beta", "Gamma", "Epsilon", "Delta"], width)
    cells = [line.plain[5 + k * width:5 + (k + 1) * width] for k in range(5)]
    assert [piece.strip() for piece in cells] == [ABSENT, "2", ABSENT, ABSENT, "11"]
    muted = {(span.start, span.end) for span in line.spans if span.style == "muted"}
    assert muted == {(5, 5 + width), (5 + 2 * width, 5 + 4 * width)}  # Alpha; Gamma and Epsilon as one run
