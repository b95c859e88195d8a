"""Syndicated copies in the results: one entry per story, expanded to each
copy by a key, and the counts that say how many articles are copies."""

from __future__ import annotations

import pytest

from support import write_seeds_config, write_syndicated_copy
from ceasefire_tui.tui.widgets.copy_diff import CopyDiffStrip
from tui_support import (make_app, open_comparison, results_list, screen_text, search_for, settle, started,
                         status_line, wait_until)

INTRO = ("Our correspondent in the region followed the negotiations through the night, as the mediators "
         "shuttled between the two delegations and the families of the captives waited for news.")


@pytest.fixture
def copies_app(tmp_path, seeds_corpus):
    """The seeds, with seed 000 republished by two more sites (the first of
    them, dated, leads the story: the seed has no date)."""
    original = next(seeds_corpus.glob("000_*.txt"))
    write_syndicated_copy(original, seeds_corpus, "Harbour Gazette", "harbour-copy", intro=INTRO)
    write_syndicated_copy(original, seeds_corpus, "Valley Courier", "valley-copy", published="2024-05-09")
    application = make_app(write_seeds_config(tmp_path))
    yield application
    application.library.close()


def listed(app) -> list[str]:
    return [hit.id[:3] for hit in results_list(app).hits]


def entry(app, prefix: str) -> str:
    """The text of the entry of the result whose id starts with ``prefix``."""
    results = results_list(app)
    return results.get_option_at_index(listed(app).index(prefix)).prompt.plain


async def test_copies_are_one_entry_that_x_expands_and_collapses(copies_app):
    app = copies_app
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot, articles=5)  # seven articles, three of them one story: five entries
        await search_for(pilot, "")
        assert sorted(listed(app)) == ["000", "001", "002", "003", "004"]
        assert "▸ Harbour Gazette · 3 sites" in screen_text(app)
        assert entry(app, "000").startswith("▸ Harbour Gazette · 3 sites  2 other copies here; x shows them\n"
                                            "Ceasefire Talks Between Israel and Hamas")
        assert "7 articles from 4 outlets, 2 copies of 1 wire story" in status_line(app)
        results = results_list(app)
        results.highlighted = listed(app).index("000")
        await pilot.press("x")
        await settle(pilot)
        assert listed(app)[listed(app).index("000"):][:3] == ["000", "har", "val"]
        assert results.highlighted_id.startswith("000")  # the cursor stays on the story
        assert "▾ Harbour Gazette · 3 sites" in screen_text(app) and "x hides them" in entry(app, "000")
        assert entry(app, "har").startswith("  ↳ Ceasefire Talks Between Israel and Hamas")
        await pilot.press("j")  # a copy: the reader opens it
        await wait_until(pilot, lambda: (app.screen.query_one("#reader").article_id or "").startswith("har"),
                         what="the copy open in the reader")
        await pilot.press("x")  # on a copy: collapses its story, back on its first entry
        await settle(pilot)
        assert "har" not in listed(app) and results.highlighted_id.startswith("000")


async def test_x_on_an_article_with_no_copy_says_so(copies_app):
    app = copies_app
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot, articles=5)
        await search_for(pilot, "")
        results_list(app).highlighted = listed(app).index("002")
        await pilot.press("x")
        await settle(pilot)
        assert any("not carried by other sites" in str(n.message) for n in app._notifications)
        assert len(listed(app)) == 5


async def test_the_expand_key_can_be_rebound_and_hints_name_it(tmp_path, seeds_corpus):
    original = next(seeds_corpus.glob("000_*.txt"))
    write_syndicated_copy(original, seeds_corpus, "Harbour Gazette", "harbour-copy", intro=INTRO)
    app = make_app(write_seeds_config(tmp_path, ui={"keymap": {"results.copies": "X"}}))
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await started(pilot, articles=5)
            await search_for(pilot, "")
            assert "1 other copy here; X shows them" in entry(app, "000")
            results_list(app).highlighted = listed(app).index("000")
            await pilot.press("X")
            await settle(pilot)
            assert "har" in listed(app)
    finally:
        app.library.close()


async def test_comparing_two_copies_shows_what_one_site_cut_or_added(copies_app):
    app = copies_app
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot, articles=5)
        await search_for(pilot, "")
        results_list(app).highlighted = listed(app).index("000")
        await pilot.press("x")
        await settle(pilot)
        screen = await open_comparison(pilot, "000", "har")
        await wait_until(pilot, lambda: bool(screen.query("#copy-diff")), what="the copy diff strip")
        await settle(pilot)
        text = screen.query_one("#copy-diff", CopyDiffStrip).render().plain
        assert text.startswith("Copies of one wire story: ")
        assert "added: Our correspondent in the region" in text and "swapped: " in text and "cut: " in text
        await pilot.press("escape")
        await settle(pilot)
        other = await open_comparison(pilot, "001", "002")  # not copies: no strip
        await settle(pilot)
        assert not other.query("#copy-diff")
