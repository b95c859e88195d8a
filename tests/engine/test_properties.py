"""Property-based tests: any text — any Unicode, control characters, markup —
loads, indexes, searches, compares and renders without an exception, and
markup in it never takes effect."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rich.console import Console

from ceasefire_tui.index.compare.comparison import compare_articles
from ceasefire_tui.index.config import load_config
from ceasefire_tui.index.library import Library
from ceasefire_tui.index.corpus.formats import LoadError, load_file
from ceasefire_tui.index import QueryError
from support import write_config
from ceasefire_tui.tui.console import print_article
from tui_support import make_app, started

# Text as it may arrive from the web: any character but lone surrogates,
# with markup, escapes and typographic punctuation made likely.
FRAGMENTS = st.sampled_from([
    "[bold]", "[/]", "[link=http://x]", "[@click=app.quit]", "\x1b[31m", "\x1b]8;;u\x07", "\x07", "\x9b",
    "Mr.", "U.S.", "“", "”", "’s", "\n", "\n\n", "•", "# ", "---\n", "{", "}", "Rafah", "Netanyahu",
])
TEXT = st.lists(st.one_of(st.text(st.characters(blacklist_categories=("Cs",)), max_size=40), FRAGMENTS),
                max_size=30).map("".join)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def loaded(text: str, suffix: str = ".txt"):
    try:
        return load_file(Path("article" + suffix), text.encode("utf-8"), "article")[0]
    except LoadError:
        return []


def assert_clean(text: str) -> None:
    assert not any((ord(ch) < 32 and ch not in "\n\t") or 0x7F <= ord(ch) <= 0x9F for ch in text)


@SETTINGS
@given(TEXT, st.sampled_from([".txt", ".md"]))
@example(text="# \n0", suffix=".md")  # an empty heading once became an empty title
@example(text=".", suffix=".txt")  # a first sentence of only a full stop once became an empty title
def test_any_text_loads_with_sane_sentences(text, suffix):
    for article in loaded(text, suffix):
        assert_clean(article.text)
        assert_clean(article.title)
        assert article.title.strip()
        previous_end = 0
        for span in article.sentences:
            assert previous_end <= span.start < span.end <= len(article.text)
            previous_end = span.end


@SETTINGS
@given(TEXT, TEXT, st.sampled_from([".html", ".rss", ".csv"]))
def test_any_text_in_a_page_a_feed_or_a_csv_loads_clean_or_is_refused_with_a_reason(title, body, suffix):
    """Text as it arrives, put raw into markup (so it may break the markup)."""
    if suffix == ".html":
        data = f"<html><head><title>{title}</title></head><body><article><p>{body}</p><p>{body}</p></article></body></html>"
    elif suffix == ".rss":
        data = (f"<rss version='2.0'><channel><title>{title}</title><item><title>{title}</title>"
                f"<description>{body}</description></item></channel></rss>")
    else:
        data = "title,text\n" + title.replace("\n", " ") + "," + body
    try:
        articles, _ = load_file(Path("article" + suffix), data.encode("utf-8"), "article")
    except LoadError as error:
        assert str(error) and "\n" not in str(error)
    else:
        for article in articles:
            assert_clean(article.text)
            assert_clean(article.title)
            assert article.title.strip() and article.text.strip()


@SETTINGS
@given(st.dictionaries(st.sampled_from(["title", "source", "url", "published", "text", "id"]),
                       st.one_of(TEXT, st.integers(), st.none(), st.lists(st.integers(), max_size=2))))
def test_any_json_record_loads_or_is_refused_with_a_reason(record):
    try:
        articles, _ = load_file(Path("feed.json"), json.dumps(record).encode(), "feed")
    except LoadError as error:
        assert str(error)
    else:
        assert all(article.text.strip() for article in articles)


@SETTINGS
@given(TEXT, TEXT)
def test_any_two_articles_compare(first, second):
    a, b = loaded("Title A\n\n" + first), loaded("Title B\n\n" + second)
    if a and b:
        comparison = compare_articles(a[0], b[0])
        json.dumps(comparison.to_json())
        assert [i for row in comparison.rows for i in row.a] == list(range(len(a[0].sentences)))
        assert [j for row in comparison.rows for j in row.b] == list(range(len(b[0].sentences)))


@SETTINGS
@given(TEXT)
def test_any_article_prints_literally(text):
    for article in loaded(text):
        from ceasefire_tui.index.library import StoredArticle

        console = Console(record=True, width=100, color_system=None)
        import ceasefire_tui.tui.console as output

        original, output.stdout = output.stdout, console
        try:
            print_article(StoredArticle(article, [], []))
        finally:
            output.stdout = original
        shown = console.export_text()
        for word in ("[bold]", "[@click=app.quit]", "[link=http://x]"):
            if word in article.text:
                assert word in shown.replace("\n", "")


def test_any_text_indexes_and_any_query_is_answered_or_explained(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    texts = st.lists(TEXT, min_size=3, max_size=3)

    examples = iter(range(1000))

    @settings(max_examples=8, deadline=None)
    @given(texts, st.lists(TEXT, min_size=5, max_size=5))
    def check(bodies, queries):
        for number, body in enumerate(bodies):
            body = body.replace("\x00", "")  # a NUL makes the file binary: skipped, as test_hostile checks
            (corpus / f"a{number}.txt").write_text(f"Title {number}\n\n{body} Rafah.", encoding="utf-8")
        index = f"index{next(examples)}"  # a new index per example: this checks any text, not updates
        library = Library(load_config(write_config(tmp_path, {"corpus": {"paths": ["corpus"]},
                                                              "index": {"path": index}})))
        try:
            report = library.refresh()
            assert report.articles == 3
            assert library.search("rafah").total == 3
            for query in queries:
                try:
                    result = library.search(query)
                except QueryError as error:
                    assert str(error)
                else:
                    json.dumps(result.to_json())
            for article_id in library.store.ids():
                library.article(article_id)
        finally:
            library.close()

    check()


def test_any_text_renders_in_the_tui_without_markup_taking_effect(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    config = write_config(tmp_path, {"corpus": {"paths": ["corpus"]}, "index": {"path": "index"}})

    @settings(max_examples=6, deadline=None)
    @given(TEXT)
    def check(body):
        body = body.replace("\x00", "")  # a NUL makes the file binary: skipped, as test_hostile checks
        (corpus / "a.txt").write_text(f"[bold]T[/bold] title\n\n{body} [@click=app.quit]x[/] Rafah.", encoding="utf-8")
        app = make_app(config)

        async def drive():
            async with app.run_test(size=(100, 30)) as pilot:
                await started(pilot, articles=1)
                await pilot.press("tab", "enter", "n", "e", "]")
                reader = app.screen.query_one("#reader")
                assert "[@click=app.quit]x[/]" in "".join(reader.visible_text().split())  # wrapping may split it
                assert app.is_running

        try:
            asyncio.run(drive())
        finally:
            app.library.close()

    check()
