"""Saved web pages (.html, .htm, .mhtml) as articles: the body without the
page's boilerplate, the right metadata, block kinds kept, hostile pages
refused with a reason. The pages in tests/data/pages/ are written for
these tests (events other than the Gaza story)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from ceasefire_tui.index.corpus import read_articles
from ceasefire_tui.index.corpus.formats import LoadError, load_file
from ceasefire_tui.index.corpus.formats.html import MAX_PAGE_TEXT_CHARS, article_from_html

PAGES = Path(__file__).parent.parent / "data" / "pages"

# Text that is on each page but is not the article.
BOILERPLATE = [
    "cookie", "Accept all", "Subscribe", "newsletter", "Sign me up", "Advertisement", "Save 40%", "Holiday apartments",
    "More on this story", "Storm Boris", "Comments", "riverwatcher", "Thank you to every volunteer", "Copyright",
    "Privacy", "Share on", "SCRIPT-LEAK", "STYLE-LEAK", "dataLayer", "Opinion", "You may also like", "Peso slides",
    "votante88", "savings account", "Trending now", "air conditioners", "Leave a comment", "E-paper", "Imprint",
    "Airport staff", "pendler", "Log in",
]

EXPECTED = {
    "valencia-floods.html": dict(
        title="Valencia begins clean-up as flood waters recede", source="The Coastal Herald",
        published="2024-11-04", authors=("Marta Ruiz", "Daniel Okafor"),
        url="https://www.coastalherald.example/world/2024/11/04/valencia-clean-up", paragraphs=5,
        first="Residents of towns south of Valencia", last="before the end of the month."),
    "chile-runoff.html": dict(
        title="Chile heads to a runoff after a close first round", source="Andes Daily", published="2025-11-17",
        authors=("Lucía Fernández",), url="https://andesdaily.example/politics/chile-runoff", paragraphs=5,
        first="Chile's presidential race", last="on the edge of the city."),
    # No JSON-LD, no Open Graph: the outlet is the host name; it declares
    # ISO-8859-1 but is UTF-8.
    "chennai-heat.htm": dict(
        title="Chennai records its hottest May night as heatwave grips the south", source="southernstar.example",
        published="2024-05-22", authors=("Priya Raman",), url="https://www.southernstar.example/news/chennai-heat",
        paragraphs=4, first="Chennai’s overnight temperature", last="to avoid scheduled cuts."),
    "rail-strike.mhtml": dict(
        title="Rail strike halts most long-distance trains in Germany", source="Rhine Courier",
        published="2024-03-07", authors=("Jonas Weber",),
        url="https://rhinecourier.example/business/rail-strike-march", paragraphs=4,
        first="Four out of five long-distance trains", last="mandatory arbitration in essential services."),
}


def load_page(name: str):
    path = PAGES / name
    [article], note = load_file(path, path.read_bytes(), path.stem)
    return article, note


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_saved_page_is_its_article_without_the_page_around_it(name):
    article, _ = load_page(name)
    expected = EXPECTED[name]
    assert (article.title, article.source, article.published, article.authors, article.url) == (
        expected["title"], expected["source"], expected["published"], expected["authors"], expected["url"])
    paragraphs = [article.block_text(block) for block in article.blocks if block.kind == "paragraph"]
    assert len(paragraphs) == expected["paragraphs"], paragraphs
    assert paragraphs[0].startswith(expected["first"]) and paragraphs[-1].endswith(expected["last"])
    for text in BOILERPLATE:
        assert text.lower() not in article.text.lower(), text
    assert not article.summary_only and not article.title_inferred


def test_headings_lists_captions_and_bylines_keep_their_kinds():
    article, _ = load_page("valencia-floods.html")
    kinds = [(block.kind, article.block_text(block)) for block in article.blocks]
    assert kinds[0] == ("byline", "By Marta Ruiz and Daniel Okafor")
    assert ("heading", "Questions over the alert") in kinds and ("heading", "What has reopened") in kinds
    assert [text for kind, text in kinds if kind == "bullet"] == [
        "Commuter rail to Torrent resumed on a reduced timetable",
        "Schools in 14 municipalities stay closed until Thursday",
        "Drinking water has been restored to most of Catarroja"]
    assert ("caption", "Volunteers clear debris from a street in Paiporta on Sunday. "
                       "(Photo: Ana Lopez / Coastal Herald)") in kinds
    # The title is not repeated as the first heading, and credit lines are not sentences.
    assert kinds.count(("heading", article.title)) == 0
    assert not any("Paiporta on Sunday" in sentence or "By Marta" in sentence for sentence in article.sentence_texts())


def test_a_dateline_is_a_credit_line_and_a_wrong_declared_encoding_is_noted():
    article, note = load_page("chennai-heat.htm")
    assert ("byline", "Published: May 22, 2024, 07:15 IST") in [
        (block.kind, article.block_text(block)) for block in article.blocks]
    assert note == "the page declares iso8859-1 but is UTF-8; read as UTF-8"
    assert "Chennai’s" in article.text  # not "ChennaiÃ¢Â€Â™s"


def test_a_page_in_its_declared_legacy_encoding_is_read_in_it():
    page = ('<html><head><meta charset="windows-1251"><title>Новости</title></head><body><article>'
            + "<p>Городской совет утвердил новый бюджет на следующий год после долгого обсуждения.</p>" * 3
            + "</article></body></html>")
    [article], note = load_file(Path("cyrillic.html"), page.encode("cp1251"), "cyrillic")
    assert "Городской совет утвердил" in article.text and note is None


def test_an_mhtml_archive_without_a_page_is_skipped_with_a_reason(tmp_path):
    (tmp_path / "images.mhtml").write_bytes(b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n"
                                            b"--b\r\nContent-Type: image/png\r\n\r\nPNG\r\n--b--\r\n")
    (tmp_path / "garbage.mht").write_bytes(b"not a MIME archive at all")
    reasons = sorted(skip.reason for skip in read_articles([tmp_path]).skipped)
    assert reasons == ["no HTML part in this MHTML archive"] * 2


def test_article_from_html_reads_text_or_bytes_and_takes_the_fetched_url():
    page = (PAGES / "chile-runoff.html").read_text(encoding="utf-8")
    article = article_from_html(page, "/corpus/fetched/chile.html", url="https://fetched.example/x")
    assert article.id == "chile" and article.path == "/corpus/fetched/chile.html"
    assert article.url == "https://andesdaily.example/politics/chile-runoff"  # the page's own canonical URL
    without_canonical = page.replace('<meta property="og:url" content="https://andesdaily.example/politics/chile-runoff">', "")
    assert article_from_html(without_canonical.encode(), "c.html", url="https://fetched.example/x",
                             article_id="c1").url == "https://fetched.example/x"
    with pytest.raises(LoadError, match="no article text"):
        article_from_html("<html><body><nav><a href='/'>Home</a></nav></body></html>", "empty.html")


def test_without_the_web_extra_pages_and_feeds_are_skipped_naming_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import trafilatura now raises ImportError
    monkeypatch.setitem(sys.modules, "feedparser", None)
    (tmp_path / "page.html").write_bytes((PAGES / "chile-runoff.html").read_bytes())
    (tmp_path / "feed.rss").write_text("<rss version='2.0'><channel><title>T</title></channel></rss>")
    (tmp_path / "note.txt").write_text("A title\n\nThe text file is still read.\n")
    result = read_articles([tmp_path])
    assert [article.id for article in result.articles] == ["note"]
    reasons = {Path(skip.path).name: skip.reason for skip in result.skipped}
    assert reasons == {"page.html": "reading web pages needs the web extra: pip install 'ceasefire-tui[web]'",
                       "feed.rss": "reading feeds needs the web extra: pip install 'ceasefire-tui[web]'"}


# --- Hostile pages ----------------------------------------------------------------


def test_scripts_styles_and_embedded_documents_never_reach_the_text():
    page = ("<html><head><style>p{color:red}/*STYLE*/</style><script>alert('SCRIPT')</script></head><body><article>"
            "<p>The harbour authority reopened the northern quay on Friday after repairs to the storm wall.</p>"
            "<noscript>NOSCRIPT please enable JavaScript</noscript><svg><text>SVGTEXT</text></svg>"
            "<template><p>TEMPLATE hidden copy</p></template><iframe srcdoc='<p>IFRAME</p>'></iframe>"
            "<p>Ferries to the islands will run to the normal timetable from Monday, the operator said.<script>"
            "document.write('INLINE')</script></p></article></body></html>")
    article = article_from_html(page, "h.html")
    for leaked in ("STYLE", "SCRIPT", "NOSCRIPT", "SVGTEXT", "TEMPLATE", "IFRAME", "INLINE", "color:red"):
        assert leaked not in article.text
    assert "northern quay" in article.text and "normal timetable" in article.text


def test_markup_characters_and_terminal_escapes_in_a_page_are_data():
    page = ("<html><head><title>Tags &lt;b&gt; and [bold]brackets[/bold]</title></head><body><article>"
            "<p>The minister wrote &lt;script&gt;alert(1)&lt;/script&gt; in a post, then [red]deleted[/red] it.</p>"
            "<p>A second paragraph carries an escape \x1b[31mred\x1b[0m and a bell \x07 and an OSC \x1b]52;c;aGk=\x07 end.</p>"
            "</article></body></html>")
    article = article_from_html(page, "m.html")
    assert "<script>alert(1)</script>" in article.text and "[red]deleted[/red]" in article.text
    assert "\x1b" not in article.text and "\x07" not in article.text and "red and a bell" in article.text
    assert article.title == "Tags <b> and [bold]brackets[/bold]"


@pytest.mark.parametrize("data, reason", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40, "binary file"),
    (bytes(range(1, 256)) * 40, "not an HTML page"),
    (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n" * 100, "not an HTML page"),
    (b"<html><body></body></html>", "no article text"),
    (b"<<<<<<>>>>>></p></div></html>" * 1000, "no article text"),
])
def test_a_page_that_is_not_html_or_has_no_article_is_skipped_with_a_reason(tmp_path, data, reason):
    (tmp_path / "bad.html").write_bytes(data)
    (tmp_path / "good.html").write_bytes((PAGES / "chile-runoff.html").read_bytes())
    result = read_articles([tmp_path])
    assert [article.id for article in result.articles] == ["good"]
    [skip] = result.skipped
    assert reason in skip.reason and "\n" not in skip.reason


def test_a_huge_page_is_refused_quickly_with_a_reason(tmp_path):
    paragraph = "<p>The council voted on Tuesday to extend the programme for another year, officials said.</p>\n"
    page = "<html><body><article>" + paragraph * (50_000_000 // len(paragraph)) + "</article></body></html>"
    (tmp_path / "huge.html").write_text(page)
    started = time.monotonic()
    result = read_articles([tmp_path], max_bytes=60_000_000)
    assert time.monotonic() - started < 30  # refused once parsed (3 s), never extracted (minutes)
    [skip] = result.skipped
    assert skip.reason == "the page has 531,917 elements, more than one article's 100,000"
    few_long_paragraphs = "<html><body><article><p>" + "Word " * (MAX_PAGE_TEXT_CHARS // 4) + "</p></article></body></html>"
    with pytest.raises(LoadError, match="more than 1 MB of text: not one article"):
        article_from_html(few_long_paragraphs, "long.html")


def test_a_50_mb_script_is_dropped_and_the_article_kept(tmp_path):
    page = ("<html><head><script>" + "var a=1;" * 6_000_000 + "</script></head><body><article>"
            + "<p>Snow closed the mountain pass for a third day, and the road authority said it would not reopen "
            "before the weekend.</p>" * 3 + "</article></body></html>")
    (tmp_path / "scripted.html").write_text(page)
    [article] = read_articles([tmp_path], max_bytes=60_000_000).articles
    assert "mountain pass" in article.text and "var a" not in article.text
