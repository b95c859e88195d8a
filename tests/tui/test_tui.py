"""The TUI as a user drives it, with Textual's Pilot."""

import random
import re

from textual.widgets import Footer

from support import write_config
from ceasefire_tui.tui.screens.help import HelpScreen
from tui_support import (article_reader, make_app, notice_texts, notices, results_list, screen_text, search_box,
                         settle, started, status_line, type_query, wait_until)


def parts(app):
    return search_box(app), results_list(app), article_reader(app)


async def test_at_start_every_article_is_listed_and_the_first_is_open(app):
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        box, results, reader = parts(app)
        assert results.option_count == 5
        assert app.focused is box
        assert reader.article_id == results.hits[0].id
        assert "5 articles" in status_line(app)


async def test_results_follow_typing(app):
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        await pilot.press(*"gallant")
        await wait_until(pilot, lambda: results_list(app).option_count == 1, what="one result")
        _, results, _ = parts(app)
        assert results.hits[0].id.startswith("001")


async def test_enter_moves_to_results_then_opens_the_article(app):
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        await type_query(pilot, "rafah")
        box, results, reader = parts(app)
        await pilot.press("enter")
        assert app.focused is results and results.highlighted == 0
        await pilot.press("j")
        assert results.highlighted == 1
        await pilot.press("down", "k")
        assert results.highlighted == 1
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is reader
        assert reader.article_id == results.hits[1].id
        assert reader.match_count >= 1


async def test_n_and_shift_n_jump_between_matches(app):
    async with app.run_test(size=(100, 24)) as pilot:
        await started(pilot)
        await type_query(pilot, "hamas")
        _, results, reader = parts(app)
        await pilot.press("enter", "enter")
        await settle(pilot)
        total = reader.match_count
        assert total > 3
        await pilot.press("n")
        assert reader.current_match == 0
        await pilot.press("n", "n")
        assert reader.current_match == 2
        await pilot.press("N")
        assert reader.current_match == 1
        assert f"match 2/{total}" in reader.border_subtitle
        await pilot.press("N", "N")
        assert reader.current_match == total - 1  # wraps around


async def test_jumping_scrolls_the_match_into_view(app):
    async with app.run_test(size=(90, 20)) as pilot:
        await started(pilot)
        await type_query(pilot, "hostages")
        _, _, reader = parts(app)
        await pilot.press("enter", "enter")
        await settle(pilot)
        await pilot.press("N")  # the last match, far down
        await pilot.pause()
        line = reader.line_of_offset(reader._matches[reader.current_match][0])
        top = reader.scroll_offset.y
        assert top <= line < top + reader.scrollable_content_region.height
        assert top > 0


async def test_escape_leaves_the_search_box_and_slash_returns(app):
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        box, results, _ = parts(app)
        await pilot.press("escape")
        assert app.focused is results
        await pilot.press("slash")
        assert app.focused is box


async def test_tab_cycles_the_panes(app):
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        box, results, reader = parts(app)
        await pilot.press("tab")
        assert app.focused is results
        await pilot.press("tab")
        assert app.focused is reader
        await pilot.press("shift+tab", "shift+tab")
        assert app.focused is box


async def test_q_types_in_the_search_box_but_quits_elsewhere(app):
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        box, _, _ = parts(app)
        await pilot.press("q")
        assert box.value == "q" and app.is_running
        await pilot.press("escape", "q")
        await pilot.pause()
        assert not app.is_running


async def test_ctrl_q_quits_while_typing(app):
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        await pilot.press("r", "ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_help_lists_every_key(app):
    async with app.run_test(size=(120, 50)) as pilot:
        await started(pilot)
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for expected in ("Next match", "Quit", "Command palette", "focus_search", "Leave search", "Sidebar"):
            assert expected in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_help_shows_keys_as_they_are_typed(app):
    async with app.run_test(size=(120, 50)) as pilot:
        await started(pilot)
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        keys = {binding_id: keys for _, keys, _, binding_id in app.screen.rows()}
        assert keys["focus_search"] == "/" and keys["help"] == "?"


async def test_bad_query_is_explained_and_results_kept(app):
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        box, results, _ = parts(app)
        box.value = '"permanent'
        await wait_until(pilot, lambda: "not closed" in status_line(app),
                         what="the query error")
        assert results.option_count == 5


async def test_did_you_mean_and_ctrl_g(app):
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        await type_query(pilot, "netanyhau")
        assert "Did you mean netanyahu?" in status_line(app)
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: results_list(app).option_count == 5, what="corrected results")
        assert parts(app)[0].value == "netanyahu"


async def test_sidebar_collapses_at_80_columns_and_can_be_toggled(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        sidebar = app.screen.query_one("#sidebar")
        assert not sidebar.display
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert sidebar.display
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert not sidebar.display
    async with make_app(app.library.config.file).run_test(size=(140, 40)) as pilot:
        await started(pilot)
        assert pilot.app.screen.query_one("#sidebar").display


async def test_too_small_terminal_says_so(app):
    async with app.run_test(size=(50, 12)) as pilot:
        await started(pilot)
        message = str(app.screen.query_one("#too-small").render())
        assert "50×12" in message and "needs at least" in message


async def test_outline_jumps_the_reader_to_a_heading(seeds_config):
    app = make_app(seeds_config)
    async with app.run_test(size=(140, 30)) as pilot:
        await started(pilot)
        await type_query(pilot, "title:heartbreaking")
        outline = app.screen.query_one("#outline")
        await wait_until(pilot, lambda: outline.option_count == 5, what="the outline")
        outline.focus()
        await pilot.press("G", "enter")  # the last heading: "Key Highlights:"
        await pilot.pause()
        reader = article_reader(app)
        assert app.focused is reader and reader.scroll_offset.y > 0
    app.library.close()


async def test_article_text_with_markup_is_shown_literally(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "m.txt").write_text("[bold]Tricky[/bold] title\n\nSee [link=http://x]this[/link] and [@click=app.quit]me[/].",
                                  encoding="utf-8")
    app = make_app(write_config(tmp_path, {"corpus": {"paths": ["corpus"]}, "index": {"path": "idx"}}))
    async with app.run_test(size=(120, 30)) as pilot:
        _, results, reader = parts(app)
        await wait_until(pilot, lambda: results.option_count == 1 and reader.stored is not None, what="the article")
        assert "[bold]Tricky[/bold] title" in str(results.get_option_at_index(0).prompt)
        shown = " ".join(reader.visible_text().split())
        assert "See [link=http://x]this[/link] and [@click=app.quit]me[/]." in shown
        reader.focus()
        await pilot.press("enter", "space")
        assert app.is_running
    app.library.close()


async def test_keymap_from_the_config_rebinds_keys(seeds_app):
    app = seeds_app(ui={"keymap": {"reader.next_match": "f", "focus_search": "ctrl+f"}})
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        await type_query(pilot, "hamas")
        await pilot.press("enter", "enter")
        await settle(pilot)
        reader = parts(app)[2]
        await pilot.press("f")
        assert reader.current_match == 0
        await pilot.press("ctrl+f")
        assert app.focused is parts(app)[0]


async def test_light_theme_from_the_config(seeds_app):
    app = seeds_app(ui={"theme": "textual-light"})
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        assert app.theme == "textual-light" and not app.current_theme.dark
        assert app.screen.query_one(Footer)


async def test_every_action_is_in_the_command_palette(app):
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Search", "Results", "Reader", "Next match", "Previous match", "Toggle sidebar",
                "Use suggested spelling", "Rebuild index", "Help", "Quit"} <= titles


async def test_new_files_appear_after_the_startup_refresh(seeds_config, seeds_corpus):
    (seeds_corpus / "late.txt").write_text("Late arrival\n\nA narwhal reached Cairo.", encoding="utf-8")
    app = make_app(seeds_config)
    async with app.run_test(size=(120, 32)) as pilot:
        await wait_until(pilot, lambda: results_list(app).option_count == 6, what="six articles")
        await type_query(pilot, "narwhal")
        assert parts(app)[1].hits[0].title == "Late arrival"
    app.library.close()


async def test_slash_types_a_slash_inside_the_search_box(app):
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        await pilot.press("a", "slash", "b")
        assert parts(app)[0].value == "a/b"


async def test_a_search_cut_short_while_typing_is_completed_when_typing_pauses(app, monkeypatch):
    import ceasefire_tui.tui.screens.main as main_screen
    import ceasefire_tui.tui.search_flow as search_flow

    monkeypatch.setattr(search_flow, "TYPING_TIME_LIMIT", 0)  # every search while typing runs out of time
    seen: list[tuple[int, bool]] = []  # (total, partial) of each result for "rafah"
    real = main_screen.MainScreen.on_search_finished

    statuses: list[str] = []  # the status line shown for each cut-short result that found nothing yet
    listed: list[tuple[int, int]] = []  # and the list's rows before and after it (a slow machine may
    # pause long enough mid-word for a full search of "raf", which rightly empties the list)

    def record(screen, message):
        if message.query == "rafah":
            seen.append((message.result.total, message.result.partial))
        before = screen.query_one("#results").option_count
        real(screen, message)
        if message.result.partial and not message.result.total:
            statuses.append(str(screen.query_one("#status").render()))
            listed.append((before, screen.query_one("#results").option_count))

    monkeypatch.setattr(main_screen.MainScreen, "on_search_finished", record)
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        await pilot.press(*"rafah")  # the search box has the focus at start
        await wait_until(pilot, lambda: seen and seen[-1] == (5, False), what="the complete search",
                         state=lambda: seen)
        assert any(partial for _, partial in seen), seen  # first the cut-short one, shown as such
        assert app.screen.query_one("#results").option_count == 5
        assert statuses and all(status.startswith("Searching…") for status in statuses), statuses  # not "0+ articles"
        assert listed and all(after == before for before, after in listed), listed  # not blanked by them


async def test_the_reader_and_sidebar_follow_the_complete_search_not_the_cut_short_ones(app, monkeypatch):
    import ceasefire_tui.tui.search_flow as search_flow

    real_search = app.library.search

    def cut_short_while_typing(query, limit=None, *, time_limit=None, snippets=True, sort="relevance"):
        result = real_search(query, limit, snippets=snippets, sort=sort)
        result.partial = time_limit is not None  # as a search at 10,000 articles often is
        return result

    monkeypatch.setattr(app.library, "search", cut_short_while_typing)
    monkeypatch.setattr(search_flow, "COMPLETE_AFTER_PAUSE", 60)  # completed here by Enter, not by a pause
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        results, reader = app.screen.query_one("#results"), app.screen.query_one("#reader")
        entities = app.screen.query_one("#entities")
        opened_at_start, counted_at_start = reader.article_id, entities.result
        await pilot.press(*"burns")
        await wait_until(pilot, lambda: app.screen.result is not None and app.screen.result.query == "burns",
                         what="the results for burns")
        await settle(pilot)
        assert app.screen.result.partial and results.option_count == 2
        assert results.highlighted_id != opened_at_start
        assert reader.article_id == opened_at_start  # the reader waits while typing
        assert entities.result is counted_at_start  # and so do the sidebar's counts
        await pilot.press("enter")
        await wait_until(pilot, lambda: reader.article_id == results.highlighted_id, what="the reader to follow",
                         state=lambda: (reader.article_id, results.highlighted_id))
        assert not app.screen.result.partial and entities.result is app.screen.result


async def test_leaving_the_search_box_brings_the_reader_to_the_typed_result_at_once(app, monkeypatch):
    import ceasefire_tui.tui.search_flow as search_flow

    monkeypatch.setattr(search_flow, "COMPLETE_AFTER_PAUSE", 60)  # no pause within this test
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        results, reader = app.screen.query_one("#results"), app.screen.query_one("#reader")
        opened_at_start = reader.article_id
        await pilot.press(*"burns")
        await wait_until(pilot, lambda: app.screen.result is not None and app.screen.result.query == "burns",
                         what="the results for burns")
        await settle(pilot)
        assert not app.screen.result.partial and reader.article_id == opened_at_start  # waiting for the pause
        await pilot.press("tab")
        await wait_until(pilot, lambda: reader.article_id == results.highlighted_id != opened_at_start,
                         what="the reader to follow", state=lambda: (reader.article_id, results.highlighted_id))
        assert app.screen.query_one("#entities").result is app.screen.result


async def test_loading_the_open_article_again_keeps_the_reader_s_place(app):
    # Highlighting a result and choosing it both load it; the second load
    # must not undo an n pressed in between (seen in a loaded terminal).
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        await pilot.press(*"gallant", "enter", "enter")
        reader = app.screen.query_one("#reader")
        await wait_until(pilot, lambda: app.focused is reader and reader.match_count == 1, what="the article open")
        await pilot.press("n")
        assert reader.current_match == 0
        app.screen.reading.load_article(reader.article_id)
        await settle(pilot)
        assert reader.current_match == 0 and "match 1/1" in reader.border_subtitle


def thirty_reports_on_rafah(tmp_path):
    """An app on 30 short articles that all match "rafah": more than a screenful."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(30):
        (corpus / f"a{number:02d}.txt").write_text(
            f"Report {number}\n\nOn day {number} the talks on Rafah went on in Cairo.", encoding="utf-8")
    return make_app(write_config(tmp_path, {"corpus": {"paths": ["corpus"]}, "index": {"path": "index"}}))


async def results_while_typing(pilot, query: str):
    """The results list once ``query``, typed, has its (first) result shown."""
    screen = pilot.app.screen
    await pilot.press(*query)
    await wait_until(pilot, lambda: screen.result is not None and screen.result.query == query,
                     what=f"the results for {query}")
    return screen.query_one("#results")


async def test_while_typing_only_the_first_screenful_is_listed(tmp_path, monkeypatch):
    import ceasefire_tui.tui.search_flow as search_flow

    monkeypatch.setattr(search_flow, "COMPLETE_AFTER_PAUSE", 60)  # no pause within this test
    app = thirty_reports_on_rafah(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot, articles=30)
        results = await results_while_typing(pilot, "rafah")
        assert results.option_count == results.visible_rows < 30
        assert len(app.screen.result.hits) == results.option_count  # only the hits on screen were read
        assert "30 articles" in status_line(app)  # the count is complete
        await pilot.press("tab")  # leaving the box lists the rest
        await wait_until(pilot, lambda: results.option_count == 30, what="all 30 listed")
    app.library.close()


async def test_while_typing_the_hits_listed_fill_the_list_and_no_more(tmp_path, monkeypatch):
    # Long titles and snippets wrap to several lines a hit: listed at three
    # lines each, twice as many hits as fit were laid out at every key.
    import ceasefire_tui.tui.search_flow as search_flow

    monkeypatch.setattr(search_flow, "COMPLETE_AFTER_PAUSE", 60)  # no pause within this test
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    words = ("convoy ministry border crossing fuel shelter envoy proposal mediator delegation hospital "
             "ambulance school market bridge harbour airport checkpoint village council tribunal "
             "statement vote budget harvest storm flood power water grain clinic").split()
    for number in range(30):  # each its own text: copies of one story would be listed as one row
        pick = random.Random(number).sample(words, 24)
        (corpus / f"a{number:02d}.txt").write_text(
            f"Rafah {' '.join(pick[:9])} report {number}\n\nRafah {' '.join(pick[9:])} {number}.", encoding="utf-8")
    app = make_app(write_config(tmp_path, {"corpus": {"paths": ["corpus"]}, "index": {"path": "index"}}))
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot, articles=30)
        results = await results_while_typing(pilot, "rafah")
        await settle(pilot)
        inside = [strip.text.strip(" │╭╮╰╯─") for strip in results.render_lines(results.size.region)][1:-1]
        assert inside[-1], inside  # filled to the bottom
        assert results.option_count < results.scrollable_content_region.height // 3 + 1
    app.library.close()


async def test_snippets_below_the_first_screenful_arrive_after_the_list(tmp_path):
    app = thirty_reports_on_rafah(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot, articles=30)
        await pilot.press(*"rafah", "enter")
        results = app.screen.query_one("#results")
        await wait_until(pilot, lambda: results.option_count == 30 and "Rafah" in str(results.get_option_at_index(29).prompt),
                         what="the last hit's snippet")
        assert results.visible_rows < 30  # only those were cut before the list was shown
    app.library.close()


OUTLETS_150 = {"cnbc.com": 60, "Reuters": 45, "ICARO Media Group": 30, "": 15}


def outlet_app(tmp_path, outlets: dict[str, int] = OUTLETS_150):
    """An app on articles that all say "ceasefire", so many for each outlet
    (by default 150 over four outlets: more matches than the 100 top hits
    the entity counts are taken over)."""
    from support import write_outlet_corpus

    write_outlet_corpus(tmp_path / "corpus", outlets)
    return make_app(write_config(tmp_path, {"corpus": {"paths": ["corpus"]}, "index": {"path": "index"}}))


async def status_after_complete_search(pilot, query: str) -> str:
    """What the status line says once ``query``, typed, has its complete search shown."""
    screen = pilot.app.screen
    await pilot.press(*query)
    await wait_until(pilot, lambda: screen.result is not None and screen.result.query == query
                     and not screen.result.partial, what="the complete search")
    await settle(pilot)
    return str(screen.query_one("#status").render())


async def test_the_count_header_after_the_pause_shows_every_match_per_outlet(tmp_path):
    app = outlet_app(tmp_path)
    async with app.run_test(size=(160, 32)) as pilot:
        await started(pilot, articles=50)  # the first page of the 150
        shown = await status_after_complete_search(pilot, "ceasefire")
        assert shown.startswith("150 articles")
        assert "cnbc.com 60 · Reuters 45 · ICARO Media Group 30 · unknown outlet 15" in shown, shown
        assert "so far" not in shown
    app.library.close()


async def test_outlet_counts_past_what_the_status_line_holds_end_with_how_many_more(tmp_path):
    app = outlet_app(tmp_path, {f"Outlet Number {number:03d}": 1 + number % 3 for number in range(120)})
    async with app.run_test(size=(80, 32)) as pilot:
        await started(pilot, articles=50)
        shown = await status_after_complete_search(pilot, "ceasefire")
        status = app.screen.query_one("#status")
        assert shown.startswith("240 articles")
        listed = re.findall(r"Outlet Number \d{3} \d", shown)
        more = re.search(r"· (\d+) more outlets$", shown)
        assert listed and more, shown
        assert len(listed) + int(more.group(1)) == 120
        in_sight = " ".join(" ".join(strip.text.split()) for strip in status.render_lines(status.size.region))
        assert in_sight.endswith(f"{more.group(1)} more outlets")  # not cut off the status line's four lines
    app.library.close()


async def test_outlet_counts_of_a_search_cut_short_while_typing_say_so(tmp_path, monkeypatch):
    import ceasefire_tui.tui.search_flow as search_flow

    app = outlet_app(tmp_path)
    real_search = app.library.search

    def cut_short_while_typing(query, limit=None, *, time_limit=None, snippets=True, sort="relevance"):
        result = real_search(query, limit, snippets=snippets, sort=sort)
        if time_limit is not None:  # as a search at 50,000 articles often is
            result.partial, result.total, result.outlets = True, 40, {"cnbc.com": 25, "Reuters": 15}
        return result

    monkeypatch.setattr(app.library, "search", cut_short_while_typing)
    monkeypatch.setattr(search_flow, "COMPLETE_AFTER_PAUSE", 60)  # completed here by Enter, not by a pause
    async with app.run_test(size=(160, 32)) as pilot:
        await started(pilot, articles=50)
        status = app.screen.query_one("#status")
        await pilot.press(*"ceasefire")
        await wait_until(pilot, lambda: "ceasefire" == getattr(app.screen.result, "query", None),
                         what="the typing search")
        await settle(pilot)
        assert str(status.render()).startswith("40+ articles (counting…)  so far: cnbc.com 25 · Reuters 15")
        await pilot.press("enter")
        await wait_until(pilot, lambda: str(status.render()).startswith("150 articles  cnbc.com 60"),
                         what="the true counts", state=lambda: str(status.render()))
    app.library.close()


async def test_a_zero_boost_is_explained_in_the_status_line(tmp_path):
    app = outlet_app(tmp_path)  # more matches than the hit window: Whoosh would divide by the boost
    async with app.run_test(size=(160, 32)) as pilot:
        await started(pilot, articles=50)
        status = app.screen.query_one("#status")
        await pilot.press(*"ceasefire^0", "enter")
        await wait_until(pilot, lambda: "boost after ^ must be a number above 0" in str(status.render()),
                         what="the explanation", state=lambda: (str(status.render()),
                                                                notice_texts(app)))
        assert not notices(app)
        assert app.screen.query_one("#results").option_count == 50  # the results are kept
    app.library.close()


async def test_every_search_runs_on_one_thread(app, monkeypatch):
    """One long-lived thread searches, so its searcher stays warm (a thread
    per search opened a new searcher each time)."""
    import threading

    threads = set()
    real = type(app.library).search

    def search(library, *args, **kwargs):
        threads.add(threading.get_ident())
        return real(library, *args, **kwargs)

    monkeypatch.setattr(type(app.library), "search", search)
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        for query in ("rafah", "hamas", "ceasefire"):
            await type_query(pilot, query)
        await pilot.press("enter")
        await settle(pilot)
    assert len(threads) == 1 and threading.get_ident() not in threads
    app.library.close()


async def test_the_palette_offers_articles_outlets_and_entities(app):
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        title = results_list(app).hits[2].title
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: app.screen.query("CommandInput"), what="the command palette")
        app.screen.query_one("CommandInput").value = "Outlet: cnbc.com"
        await wait_until(pilot, lambda: "Outlet: cnbc.com" in screen_text(app), what="the outlet")
        await pilot.press("enter")
        await wait_until(pilot, lambda: parts(app)[0].value == 'source:"cnbc.com"', what="the outlet's search")
        await wait_until(pilot, lambda: app.screen.result is not None and app.screen.result.total == 1,
                         what="its one article")
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: app.screen.query("CommandInput"), what="the command palette")
        app.screen.query_one("CommandInput").value = f"Article: {title}"
        await wait_until(pilot, lambda: f"Article: {title}"[:40] in screen_text(app), what="the article")
        await pilot.press("enter")
        reader = article_reader(app)
        await wait_until(pilot, lambda: reader.stored is not None and reader.stored.article.title == title
                         and app.focused is reader, what="the article open in the reader")
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: app.screen.query("CommandInput"), what="the command palette")
        app.screen.query_one("CommandInput").value = "Entity: Hamas"
        await wait_until(pilot, lambda: "Entity: Hamas" in screen_text(app), what="the entity")
        await pilot.press("enter")
        await wait_until(pilot, lambda: parts(app)[0].value.startswith('entity:"Hamas'), what="the entity's search")
    app.library.close()
