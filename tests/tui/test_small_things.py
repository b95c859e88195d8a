"""Small things a user trips on: the search box's cursor and history,
plurals, a title taken from the first sentence shown once."""

from __future__ import annotations

import os
import subprocess

from support import console_script, write_config
from ceasefire_tui.index.text import plural
from ceasefire_tui.tui.history import LIMIT, QueryHistory, history_path
from tui_support import (article_reader, make_app, notice_texts, notices, open_article, results_list, screen_text,
                         search_box, search_for, settle, started, wait_until)


async def test_tab_into_the_search_box_keeps_the_query_and_types_at_its_end(app):
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        await search_for(pilot, "rafah")
        box = search_box(app)
        assert app.focused is results_list(app)
        await pilot.press("shift+tab")
        assert app.focused is box
        await pilot.press("s")
        assert box.value == "rafahs"


async def test_up_and_down_walk_the_queries_searched_before_across_sessions(app, seeds_config):
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        for query in ("rafah", "hamas", "rafah"):  # the repeat moves to the newest, once
            await search_for(pilot, query)
        box = search_box(app)
        app.set_focus(box)
        box.value = "bur"
        await pilot.press("up")
        assert box.value == "rafah" and box.cursor_position == len("rafah")
        await pilot.press("up")
        assert box.value == "hamas"
        await pilot.press("up")  # the oldest: it stays
        assert box.value == "hamas"
        await pilot.press("down", "down")
        assert box.value == "bur"  # past the newest: what was being typed
    assert QueryHistory(history_path()).queries == ["hamas", "rafah"]
    again = make_app(seeds_config)
    async with again.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        box = search_box(again)
        await pilot.press("up")
        assert box.value == "rafah"
    again.library.close()


def test_the_history_is_bounded_and_one_line_per_query(tmp_path):
    history = QueryHistory(tmp_path / "history.txt")
    for number in range(LIMIT + 50):
        history.add(f"query {number}")
    history.add("two\nlines")
    reread = QueryHistory(tmp_path / "history.txt")
    assert len(reread.queries) == LIMIT and reread.queries[-1] == "two lines"
    assert reread.queries[0] == "query 51"


async def test_a_history_that_cannot_be_written_never_breaks_the_app(seeds_config, isolated_environment,
                                                                     monkeypatch):
    blocker = isolated_environment / "not-a-folder"
    blocker.write_text("a file where the data folder would be", encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    app = make_app(seeds_config)
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        await search_for(pilot, "rafah")
        box = search_box(app)
        app.set_focus(box)
        box.value = ""
        await pilot.press("up")
        assert box.value == "rafah"  # this session's history still works
        assert not [n for n in notices(app) if n.severity == "error"]
    app.library.close()


def test_counts_agree_with_their_nouns():
    assert plural(1, "file") == "1 file" and plural(2, "file") == "2 files"
    assert plural(1, "entity", "entities") == "1 entity" and plural(0, "entity", "entities") == "0 entities"


def test_the_cli_says_1_file_could_not_be_read(seeds_config, seeds_corpus):
    (seeds_corpus / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    done = subprocess.run([console_script(), "search", "rafah", "--config", str(seeds_config)],
                          capture_output=True, text=True, env=dict(os.environ), timeout=120)
    assert done.returncode == 0, done.stderr
    assert "1 file could not be read" in done.stderr and "files" not in done.stderr.split("could not")[0]
    assert "5 articles indexed" in done.stderr


async def test_the_tui_says_1_file_could_not_be_read_and_was_skipped(seeds_config, seeds_corpus):
    (seeds_corpus / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    app = make_app(seeds_config)
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        skipped = [text for text in notice_texts(app) if "could not be read" in text]
        assert skipped and skipped[0].startswith("1 file could not be read and was skipped")
    app.library.close()


async def test_a_title_taken_from_the_first_sentence_is_shown_once(app):
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        results, reader = results_list(app), article_reader(app)
        results.highlighted = next(row for row, hit in enumerate(results.hits) if hit.id.startswith("004"))
        await wait_until(pilot, lambda: (reader.article_id or "").startswith("004"), what="004 open")
        await settle(pilot)
        article = reader.stored.article
        assert article.title_inferred
        shown = " ".join(reader.visible_text().split())
        opening = "Negotiations aimed at securing a ceasefire in Gaza"
        assert shown.count(opening) == 1
        assert shown.index(opening) > shown.index(article.id)  # under the meta line, as the body's start


async def test_a_summary_only_article_is_marked_in_the_results_and_the_reader(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "desk.rss").write_text(
        "<rss version='2.0'><channel><title>Desk</title>"
        "<item><title>Only the summary</title><link>https://d.example/1</link>"
        "<description>Officials said the bridge would reopen in spring.</description></item>"
        "<item><title>The whole story</title><link>https://d.example/2</link><description>Short.</description>"
        "<content:encoded xmlns:content='http://purl.org/rss/1.0/modules/content/'>"
        "&lt;p&gt;The bridge will reopen in spring, the transport ministry said on Monday.&lt;/p&gt;"
        "</content:encoded></item></channel></rss>", encoding="utf-8")
    config = write_config(tmp_path, {"corpus": {"paths": ["corpus"]}, "index": {"path": "idx"}})
    app = make_app(config)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot, articles=2)
        results = results_list(app)
        listed = {hit.title: str(results.get_option_at_index(row).prompt) for row, hit in enumerate(results.hits)}
        assert "summary only" in listed["Only the summary"] and "summary only" not in listed["The whole story"]
        whole, summary = (next(hit.id for hit in results.hits if hit.title == title)
                          for title in ("The whole story", "Only the summary"))
        await open_article(pilot, whole)
        assert screen_text(app).count("summary only") == 1  # the results list's mark
        await open_article(pilot, summary)
        assert screen_text(app).count("summary only") == 2  # and the reader's header


async def test_the_status_line_keeps_its_height_while_typing_and_takes_the_new_one_after():
    # A new height reflows the whole screen; while typing the outlets found
    # so far change with every key, so the status waits for the pause.
    from textual.app import App

    from ceasefire_tui.index.search.results import SearchResult
    from ceasefire_tui.tui.widgets.status import StatusLine

    class StatusOnly(App):
        CSS = "StatusLine { width: 40; height: auto; }"

        def compose(self):
            yield StatusLine()

    few = SearchResult("rafah", 2, [], outlets={"Reuters": 1, "AP": 1})
    many = SearchResult("rafah o", 9, [], outlets={f"Outlet number {n}": 1 for n in range(9)})
    app = StatusOnly()
    async with app.run_test(size=(60, 20)) as pilot:
        status = app.query_one(StatusLine)
        status.show(few)
        await pilot.pause()
        height = status.region.height
        status.show(many, typing=True)
        await pilot.pause()
        assert status.region.height == height and "Outlet number 0" in str(status.render())
        status.show(many)  # typing has paused
        await pilot.pause()
        assert status.region.height > height


def test_the_status_line_counts_its_lines_as_words_wrap():
    from ceasefire_tui.tui.widgets.status import _wrapped_lines

    assert _wrapped_lines("ab cd ef", 5) == 2  # "ab cd" then "ef"
    assert _wrapped_lines("a" * 25, 10) == 3  # a word longer than a line is cut across lines
    assert _wrapped_lines("hello world", 20, column=15) == 2  # the first line begun further in
    assert _wrapped_lines("", 10) == 1
