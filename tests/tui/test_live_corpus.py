"""The corpus is live: files added, changed or removed while the app runs
show up without a restart, and the reader keeps its place."""

from __future__ import annotations

import threading

import ceasefire_tui.tui.index_upkeep as index_upkeep
from tui_support import article_reader, make_app, notice_texts, results_list, search_box, settle, started, wait_until

# The watcher's debounce, the settle timer and the refresh, on a loaded machine.
DEADLINE = 30.0


def watcher_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name.startswith("corpus-watch")]


async def test_a_file_added_while_the_app_runs_is_listed_and_announced(seeds_config, seeds_corpus):
    app = make_app(seeds_config)
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        results = results_list(app)
        (seeds_corpus / "late.txt").write_text("Late arrival\n\nA narwhal reached Cairo.", encoding="utf-8")
        await wait_until(pilot, lambda: results.option_count == 6, timeout=DEADLINE, what="the new file listed",
                         state=lambda: (results.option_count, notice_texts(app)))
        await wait_until(pilot, lambda: "1 new article." in notice_texts(app), timeout=DEADLINE, what="the notice",
                         state=lambda: notice_texts(app))
    app.library.close()
    assert not watcher_threads()  # the watcher stopped with the app


async def test_the_open_article_changed_on_disk_shows_its_new_text_in_place(seeds_config, seeds_corpus):
    app = make_app(seeds_config)
    async with app.run_test(size=(120, 24)) as pilot:
        await started(pilot)
        box = search_box(app)
        box.value = "hamas"
        await wait_until(pilot, lambda: app.screen.result and app.screen.result.query == "hamas", what="results")
        await settle(pilot)
        results, reader = results_list(app), article_reader(app)
        results.highlighted = 1
        await wait_until(pilot, lambda: reader.article_id == results.highlighted_id, what="the second result open")
        await settle(pilot)
        opened = reader.article_id
        reader.scroll_to(y=5, animate=False, immediate=True)
        await pilot.pause()
        path = seeds_corpus / f"{opened}.txt"
        path.write_text(path.read_text(encoding="utf-8") + "\n\nHamas also sent a narwhal.\n", encoding="utf-8")
        await wait_until(pilot, lambda: "narwhal" in reader.stored.article.text, timeout=DEADLINE,
                         what="the new text in the reader", state=lambda: (reader.article_id, notice_texts(app)))
        await settle(pilot)
        assert reader.article_id == opened and results.highlighted_id == opened
        assert reader.scroll_offset.y == 5
        assert box.value == "hamas"
        assert "1 article changed." in notice_texts(app)
    app.library.close()


async def test_a_removed_file_leaves_the_list_and_the_reader_keeps_its_article(seeds_config, seeds_corpus):
    app = make_app(seeds_config)
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        results, reader = results_list(app), article_reader(app)
        opened = reader.article_id
        other = next(hit.id for hit in results.hits if hit.id != opened)
        (seeds_corpus / f"{other}.txt").unlink()
        await wait_until(pilot, lambda: results.option_count == 4, timeout=DEADLINE, what="four articles listed",
                         state=lambda: (results.option_count, notice_texts(app)))
        await settle(pilot)
        assert other not in [hit.id for hit in results.hits]
        assert reader.article_id == opened and results.highlighted_id == opened
        assert "1 file removed." in notice_texts(app)
    app.library.close()


async def test_the_refresh_key_reads_the_corpus_again(seeds_config, seeds_corpus, monkeypatch):
    monkeypatch.setattr(index_upkeep.CorpusWatcher, "start", lambda self: None)  # only the key refreshes
    app = make_app(seeds_config)
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        results = results_list(app)
        await pilot.press("r")  # in the search box it is a letter
        assert search_box(app).value == "r"
        await pilot.press("backspace", "escape")
        await settle(pilot)
        await pilot.press("r")
        await wait_until(pilot, lambda: "No article changed." in notice_texts(app), what="the nothing-changed notice",
                         state=lambda: notice_texts(app))
        (seeds_corpus / "late.txt").write_text("Late arrival\n\nA narwhal reached Cairo.", encoding="utf-8")
        await pilot.press("r")
        await wait_until(pilot, lambda: results.option_count == 6, timeout=DEADLINE, what="the new file listed")
        assert "1 new article." in notice_texts(app)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert "Refresh" in titles
    app.library.close()


async def test_a_burst_of_file_events_is_one_refresh(seeds_config, seeds_corpus, monkeypatch):
    refreshes = []
    real_refresh = index_upkeep.IndexUpkeep.refresh

    def counted(self, rebuild=False):
        refreshes.append(rebuild)
        real_refresh(self, rebuild)

    monkeypatch.setattr(index_upkeep.IndexUpkeep, "refresh", counted)
    app = make_app(seeds_config)
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        results = results_list(app)
        before = len(refreshes)
        for number in range(20):
            (seeds_corpus / f"burst{number:02}.txt").write_text(f"Burst {number}\n\nText {number}.", encoding="utf-8")
        await wait_until(pilot, lambda: results.option_count == 25, timeout=DEADLINE, what="25 articles listed")
        await settle(pilot)
        assert len(refreshes) - before <= 2  # one, or one more for files written while it ran
        assert "20 new articles." in notice_texts(app) or len(refreshes) - before == 2
    app.library.close()
