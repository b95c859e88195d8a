"""Feeds (.rss, .atom, .xml), CSV exports and news-API JSON as articles:
one per item or row, summary-only items marked, duplicates read once, ids
stable when the feed is saved again, hostile files skipped with a reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ceasefire_tui.index.corpus import read_articles
from ceasefire_tui.index.corpus.formats import CsvColumns, LoadError, ReadOptions, load_file

FEEDS = Path(__file__).parent.parent / "data" / "feeds"


def load(name: str, data: bytes | str, options: ReadOptions = ReadOptions()):
    data = data.encode() if isinstance(data, str) else data
    return load_file(Path(name), data, Path(name).stem, options)


def by_title(articles):
    return {article.title: article for article in articles}


# --- Feeds ------------------------------------------------------------------------


def test_a_feed_is_one_article_per_item_with_its_metadata():
    articles, note = load("world-desk.rss", (FEEDS / "world-desk.rss").read_bytes())
    assert note == "1 duplicate items (same link or guid) read once"
    items = by_title(articles)
    assert list(items) == ["Iceland lifts evacuation order for Grindavik",
                           "Kenya's central bank cuts its main rate for a second time",
                           "Floods close schools across northern Bangladesh"]
    iceland = items["Iceland lifts evacuation order for Grindavik"]
    assert (iceland.source, iceland.published, iceland.authors, iceland.url) == (
        "Harbour Gazette – World", "2024-11-20T09:15:00Z", ("Sigrid Olafsdottir",),
        "https://harbourgazette.example/world/grindavik-evacuation-lifted")
    assert [(block.kind, iceland.block_text(block)[:22]) for block in iceland.blocks] == [
        ("paragraph", "Iceland's civil protec"), ("heading", "Roads and pipes"), ("paragraph", "Engineers said the mai"),
        ("caption", "A repaired road into G"), ("bullet", "About 300 homes remain"), ("bullet", "The harbour reopened t"),
        ("paragraph", "Scientists at the mete")]
    assert not iceland.summary_only and "FEED-SCRIPT" not in iceland.text
    # Only a description: marked, never passed off as the article.
    kenya = items["Kenya's central bank cuts its main rate for a second time"]
    assert kenya.summary_only and kenya.text.startswith("The bank lowered its benchmark rate")
    assert items["Floods close schools across northern Bangladesh"].summary_only


def test_an_atom_feed_reads_its_entries_and_authors():
    atom = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Alpine Wire</title><link href="https://alpinewire.example/"/>
<entry><title>Glacier retreat closes a ski run</title><id>tag:alpinewire.example,2024:1</id>
<link href="https://alpinewire.example/glacier"/><updated>2024-12-01T10:00:00Z</updated>
<author><name>Lena Brunner</name></author><author><name>Marco Sala</name></author>
<content type="html">&lt;p&gt;A run above Zermatt will not open this winter because the glacier beneath it has thinned.&lt;/p&gt;</content>
</entry></feed>"""
    [article], note = load("alpine.atom", atom)
    assert (article.title, article.source, article.authors, article.published, article.summary_only) == (
        "Glacier retreat closes a ski run", "Alpine Wire", ("Lena Brunner", "Marco Sala"), "2024-12-01T10:00:00Z", False)
    assert note is None


def test_item_ids_stay_the_same_when_the_feed_is_saved_again_with_new_items():
    def feed(*numbers):
        items = "".join(f"<item><title>Story {n}</title><link>https://example.org/{n}</link>"
                        f"<description>Text of story {n}.</description></item>" for n in numbers)
        return f"<rss version='2.0'><channel><title>Desk</title>{items}</channel></rss>"

    before = {article.title: article.id for article in load("desk.rss", feed(1, 2, 3))[0]}
    after = {article.title: article.id for article in load("desk.rss", feed(5, 4, 1, 2, 3))[0]}
    assert all(after[title] == article_id for title, article_id in before.items())
    assert len(set(after.values())) == 5 and all(article_id.startswith("desk-") for article_id in after.values())


def test_items_sharing_a_guid_or_a_link_are_one_article():
    items = ("<item><guid>a</guid><title>First</title><description>One.</description></item>"
             "<item><guid>a</guid><title>Again</title><description>Two.</description></item>"
             "<item><link>https://x.example/1</link><title>Linked</title><description>Three.</description></item>"
             "<item><guid>b</guid><link>https://x.example/1</link><title>Same link</title><description>4.</description></item>")
    articles, note = load("d.rss", f"<rss version='2.0'><channel><title>D</title>{items}</channel></rss>")
    assert [article.title for article in articles] == ["First", "Linked"]
    assert note == "2 duplicate items (same link or guid) read once"


def test_markup_and_escapes_in_feed_items_are_data():
    item = ("<item><title>Vote &lt;b&gt;count\x1b[2J</title><description><![CDATA[<p>Tally [red]closed[/red] at "
            "&lt;noon&gt;; \x1b]52;c;aGk=\x07 officials <script>x()</script>confirmed.</p>]]></description></item>")
    [article], _ = load("m.rss", f"<rss version='2.0'><channel><title>M</title>{item}</channel></rss>")
    assert article.title == "Vote <b>count"
    assert article.text == "Tally [red]closed[/red] at <noon>; officials confirmed."


@pytest.mark.parametrize("data, reason", [
    ("<rss version='2.0'><channel><title>T</title><item><title>Broken &amp item</titl></channel>",
     "malformed feed"),
    ("<?xml version='1.0'?><sitemap><url>https://x.example</url></sitemap>", "not an RSS or Atom feed"),
    ("<rss version='2.0'><channel><title>Empty</title></channel></rss>", "no items in the feed"),
    (b"\x00\x01\x02binary\x00" * 100, "binary file"),
])
def test_a_file_that_is_not_a_readable_feed_is_skipped_with_a_reason(tmp_path, data, reason):
    (tmp_path / "bad.xml").write_bytes(data.encode() if isinstance(data, str) else data)
    (tmp_path / "good.rss").write_bytes((FEEDS / "world-desk.rss").read_bytes())
    result = read_articles([tmp_path])
    assert len(result.articles) == 3
    [skip] = result.skipped
    assert reason in skip.reason and "\n" not in skip.reason


def test_a_not_well_formed_feed_keeps_the_items_it_has_with_a_note():
    feed = ("<rss version='2.0'><channel><title>Loose</title><item><title>Kept</title>"
            "<description>Body & more.</description></item></channel></rss>")
    [article], note = load("loose.rss", feed)
    assert article.title == "Kept" and note.startswith("the feed is not well-formed")


def test_an_entity_expansion_bomb_does_not_expand(tmp_path):
    laughs = "".join(f'<!ENTITY l{n} "&l{n - 1};&l{n - 1};&l{n - 1};&l{n - 1};&l{n - 1};">' for n in range(1, 12))
    bomb = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">{laughs}]>'
            "<rss version='2.0'><channel><title>B</title><item><title>&l11;</title><description>x</description>"
            "</item></channel></rss>")
    (tmp_path / "bomb.rss").write_text(bomb)
    result = read_articles([tmp_path])
    assert all(len(article.title) < 10_000 for article in result.articles)


# --- CSV exports ----------------------------------------------------------------------


EXPORT = """stories_id,publish_date,title,url,media_name,text,author
101,2024-06-03 08:00:00,Mexico elects its first woman president,https://daily.example/mx,Daily Planet,"Voters chose a former mayor of the capital by a wide margin, official preliminary results showed on Monday.",Ana Ortiz
102,2024-06-03 09:30:00,"Markets steady, peso slips",https://markets.example/peso,Market Wire,"The peso fell 4 percent against the dollar, its biggest one-day drop since 2020.","R. Diaz; T. Moreno"
103,2024-06-03 10:00:00,Row without text,https://x.example/none,Daily Planet,,
"""


def test_a_csv_export_is_one_article_per_row_with_its_columns():
    articles, note = load("export.csv", EXPORT)
    assert [(a.id, a.title, a.source, a.published, a.url, a.authors) for a in articles] == [
        ("101", "Mexico elects its first woman president", "Daily Planet", "2024-06-03 08:00:00",
         "https://daily.example/mx", ("Ana Ortiz",)),
        ("102", "Markets steady, peso slips", "Market Wire", "2024-06-03 09:30:00", "https://markets.example/peso",
         ("R. Diaz", "T. Moreno"))]
    assert articles[1].text == "The peso fell 4 percent against the dollar, its biggest one-day drop since 2020."
    assert note == "1 rows without text left out (line 4)"


def test_csv_columns_are_configurable_and_a_semicolon_export_is_read():
    export = "Überschrift;Quelle;Datum;Volltext\nHochwasser in Passau;Donaukurier;2024-06-04;Die Pegel stiegen über Nacht.\n"
    columns = CsvColumns(title=("Überschrift",), source=("Quelle",), published=("Datum",), text=("Volltext",))
    [article], _ = load("de.csv", export, ReadOptions(csv_columns=columns))
    assert (article.title, article.source, article.published, article.text) == (
        "Hochwasser in Passau", "Donaukurier", "2024-06-04", "Die Pegel stiegen über Nacht.")
    with pytest.raises(LoadError, match=r"no text column in the header \(looked for text, body, .*corpus.csv_columns"):
        load("de.csv", export)


@pytest.mark.parametrize("data, reason", [
    ("title,url\nA,https://x.example\n", "no text column"),
    ("title,text\n", "no row has text"),
    ("title,text\nA,\nB,  \n", "no row has text"),
])
def test_a_csv_without_articles_is_refused_with_a_reason(data, reason):
    with pytest.raises(LoadError, match=reason):
        load("bad.csv", data)


def test_markup_and_escapes_in_a_csv_are_data_and_a_binary_csv_is_skipped(tmp_path):
    [article], _ = load("x.csv", 'title,text\n"[b]Vote\x1b[2J","<p>Counted \x1b]52;c;aGk=\x07by hand.</p>"\n')
    assert (article.title, article.text) == ("[b]Vote", "<p>Counted by hand.</p>")
    (tmp_path / "binary.csv").write_bytes(b"PK\x03\x04\x00\x00" + bytes(range(256)) * 20)  # a zipped .xlsx
    [skip] = read_articles([tmp_path]).skipped
    assert skip.reason == "binary file (contains NUL bytes)"


def test_a_long_text_cell_is_read_whole():
    text = "A long paragraph about the harvest. " * 10_000  # 360 kB: over csv's 128 kB default field limit
    [article], _ = load("long.csv", f'title,text\nHarvest,"{text}"\n')
    assert len(article.text) > 300_000


# --- News-API JSON ---------------------------------------------------------------------


def test_news_api_shapes_are_read_and_truncated_content_is_a_summary():
    response = {"status": "ok", "totalResults": 3, "articles": [
        {"source": {"id": "bbc-news", "name": "BBC News"}, "author": "Jane Doe", "title": "Volcano erupts in Iceland",
         "description": "Lava is flowing towards a town.", "url": "https://bbc.example/volcano",
         "publishedAt": "2024-01-14T08:00:00Z",
         "content": "Lava from a fissure reached the edge of Grindavik on Sunday morning, officials said… [+2187 chars]"},
        {"source": {"id": None, "name": "Local Wire"}, "title": "Only a description",
         "description": "Officials said the road would stay closed.", "url": "https://wire.example/road",
         "publishedAt": "2024-01-14T09:00:00Z", "content": None},
        {"source": {"name": "Full Text Daily"}, "title": "The whole article", "url": "https://full.example/a",
         "publishedAt": "2024-01-14T10:00:00Z", "content": "Every word of the story is here."}]}
    articles, _ = load("newsapi.json", json.dumps(response))
    volcano, road, full = articles
    assert (volcano.source, volcano.authors, volcano.published, volcano.url, volcano.summary_only) == (
        "BBC News", ("Jane Doe",), "2024-01-14T08:00:00Z", "https://bbc.example/volcano", True)
    assert volcano.text.endswith("officials said …") and "[+2187 chars]" not in volcano.text
    assert road.summary_only and road.text == "Officials said the road would stay closed."
    assert not full.summary_only and full.source == "Full Text Daily"
    # A bare list of such articles reads the same.
    assert [a.title for a in load("list.json", json.dumps(response["articles"]))[0]] == [
        "Volcano erupts in Iceland", "Only a description", "The whole article"]
