"""Where an article comes from, in the TUI: the header's outlet, dates,
address and file; dates in the results and sorting by them; o opens the
address, y copies it; the palette adds a page by its address."""

from __future__ import annotations

import json
import webbrowser

import pytest

from ceasefire_tui.index.corpus.provenance import Provenance, sidecar_path
from support import write_config, write_dated_corpus
from tui_support import (article_reader, make_app, notice_texts, open_article, results_list, screen_text, settle,
                         started, wait_until)

BRIDGE_URL = "https://riverside.example/news/2024/02/bridge-reopens"


@pytest.fixture
def dated_app(tmp_path):
    corpus = write_dated_corpus(tmp_path / "corpus")
    provenance = Provenance(url=BRIDGE_URL, final_url=BRIDGE_URL, fetched_at="2024-02-06T12:00:00Z", status=200,
                            content_type="text/html", charset="utf-8", kind="page")
    sidecar_path(corpus / "bridge.md").write_text(json.dumps(provenance.to_json()))
    application = make_app(write_config(tmp_path, {"corpus": {"paths": ["corpus"]}, "index": {"path": "idx"}}))
    yield application
    application.library.close()


def listed(app) -> list[str]:
    return [hit.id for hit in results_list(app).hits]


async def test_the_header_says_where_the_article_comes_from(dated_app, tmp_path):
    async with dated_app.run_test(size=(220, 40)) as pilot:  # the reader at its full width: no address folded
        await started(pilot, articles=6)
        await open_article(pilot, "bridge")
        header = article_reader(dated_app).visible_text().split("\n\n")[0].splitlines()
        assert header[:3] == ["Council reopens the old bridge to cyclists",
                              "Riverside Post · published 2024-02-05 08:00 UTC",
                              BRIDGE_URL]
        assert header[3] == "fetched 2024-02-06 12:00 UTC · corpus/bridge.md · id bridge"


async def test_results_show_their_dates_and_s_sorts_by_date_and_back(dated_app):
    async with dated_app.run_test(size=(140, 40)) as pilot:
        await started(pilot, articles=6)
        assert listed(dated_app) == sorted(listed(dated_app))  # every article, by id
        text = screen_text(dated_app)
        assert "Riverside Post · 2024-02-20 · market" in text and "Evening Gazette · notice" in text
        results_list(dated_app).focus()
        await pilot.press("s")
        await wait_until(pilot, lambda: listed(dated_app) == ["library", "tram", "market", "bridge", "pool", "notice"],
                         what="results newest first", state=lambda: listed(dated_app))
        assert results_list(dated_app).border_title == "Results · newest first"
        assert "Results newest first; undated last." in notice_texts(dated_app)
        await pilot.press("s")
        await wait_until(pilot, lambda: listed(dated_app) == sorted(listed(dated_app)), what="back to the listing")
        assert results_list(dated_app).border_title == "Results"


class FakeBrowser:
    name = "firefox"

    def __init__(self) -> None:
        self.opened: list[str] = []

    def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
        self.opened.append(url)
        return True


async def test_o_opens_the_address_in_the_browser(dated_app, monkeypatch):
    browser = FakeBrowser()
    monkeypatch.setattr(webbrowser, "get", lambda using=None: browser)
    async with dated_app.run_test(size=(140, 40)) as pilot:
        await started(pilot, articles=6)
        await open_article(pilot, "bridge")
        article_reader(dated_app).focus()
        await pilot.press("o")
        await wait_until(pilot, lambda: browser.opened == [BRIDGE_URL], what="the browser opened")
        await wait_until(pilot, lambda: f"Opened {BRIDGE_URL} in the browser." in notice_texts(dated_app),
                         what="the notice")
        await open_article(pilot, "market")
        await pilot.press("o")
        await settle(pilot)
        assert browser.opened == [BRIDGE_URL] and "market has no web address." in notice_texts(dated_app)


@pytest.mark.parametrize("found", ["none", "terminal"])
async def test_o_without_a_graphical_browser_shows_the_address(dated_app, monkeypatch, found):
    def no_browser(using=None):
        if found == "none":
            raise webbrowser.Error("could not locate runnable browser")
        terminal = FakeBrowser()
        terminal.name = "lynx"
        return terminal

    monkeypatch.setattr(webbrowser, "get", no_browser)
    async with dated_app.run_test(size=(140, 40)) as pilot:
        await started(pilot, articles=6)
        await open_article(pilot, "bridge")
        results_list(dated_app).focus()
        await pilot.press("o")
        expected = f"No graphical web browser here; the address is {BRIDGE_URL} (y copies it)."
        await wait_until(pilot, lambda: expected in notice_texts(dated_app), what="the notice",
                         state=lambda: notice_texts(dated_app))


async def test_y_copies_the_address_and_shows_it(dated_app):
    async with dated_app.run_test(size=(140, 40)) as pilot:
        await started(pilot, articles=6)
        await open_article(pilot, "bridge")
        results_list(dated_app).focus()
        await pilot.press("y")
        await settle(pilot)
        assert dated_app.clipboard == BRIDGE_URL
        assert BRIDGE_URL in notice_texts(dated_app)


async def choose_adding(pilot) -> None:
    app = pilot.app
    await pilot.press("ctrl+p")
    await wait_until(pilot, lambda: app.screen.query("CommandInput"), what="the command palette")
    app.screen.query_one("CommandInput").value = "Add a web page or feed by URL…"
    await wait_until(pilot, lambda: "Add a web page or feed by URL" in screen_text(app), what="the palette offers adding")
    await pilot.press("enter")


async def test_the_palette_adds_a_page_by_its_address(dated_app, local_web, tmp_path):
    async with dated_app.run_test(size=(140, 40)) as pilot:
        await started(pilot, articles=6)
        await choose_adding(pilot)
        await wait_until(pilot, lambda: dated_app.screen.query("#add-url"), what="the address prompt")
        await pilot.press(*local_web.url("/page"), "enter")
        saved = tmp_path / "corpus" / "127-0-0-1-page.html"
        await wait_until(pilot, lambda: any(text.startswith(f"Saved as {saved}") for text in notice_texts(dated_app)),
                         what="the notice of the page saved", state=lambda: notice_texts(dated_app))
        assert saved.exists() and sidecar_path(saved).exists()
        await choose_adding(pilot)
        await wait_until(pilot, lambda: dated_app.screen.query("#add-url"), what="the address prompt")
        await pilot.press(*local_web.url("/image"), "enter")
        await wait_until(pilot, lambda: any("'image/png', which is neither" in text
                                            for text in notice_texts(dated_app)),
                         what="the refusal", state=lambda: notice_texts(dated_app))
