"""Loading articles: the seeds' conventions and the other supported formats."""

import json
from pathlib import Path

import pytest

from ceasefire_tui.index.corpus.discovery import read_articles
from ceasefire_tui.index.corpus.formats import load_file

from support import SEEDS


def seeds():
    return {article.id[:3]: article for article in read_articles([SEEDS]).articles}


def kinds(article, kind):
    return [article.block_text(b) for b in article.blocks if b.kind == kind]


def test_all_five_seeds_load_without_problems():
    result = read_articles([SEEDS])
    assert len(result.articles) == 5
    assert result.skipped == [] and result.notes == []


def test_title_line_and_outlet_line():
    article = seeds()["000"]
    assert article.title == "Ceasefire Talks Between Israel and Hamas Stalled as International Pressure Mounts"
    assert article.source == "ICARO Media Group"
    assert "ICARO" not in article.text  # the outlet is metadata, not article text
    assert not article.title_inferred


def test_data_sourced_from_line_names_the_outlet():
    article = seeds()["002"]
    assert article.source == "cnbc.com"
    assert kinds(article, "byline") == ["Data sourced from: cnbc.com"]


def test_headings_bullets_and_photo_credit():
    article = seeds()["002"]
    assert kinds(article, "heading") == [
        "Ceasefire Talks: Progress Elusive", "Fury from Netanyahu’s Allies", "Hope Amidst the Ashes", "Key Highlights:",
    ]
    bullets = kinds(article, "bullet")
    assert len(bullets) == 5
    assert bullets[0] == "Hamas and Israel engage in ceasefire talks in Cairo but make little progress."
    assert kinds(article, "caption") == ["Israeli bombardment continues to devastate Gaza. (Reuters / Mohamed El-Shahed)"]


def test_headings_captions_and_credits_are_not_sentences():
    article = seeds()["002"]
    texts = article.sentence_texts()
    assert not any("Key Highlights" in s or "Data sourced" in s or "Reuters /" in s for s in texts)
    assert "CIA Director Burns’s presence signals growing US pressure for a deal." in texts


def test_article_without_a_title_line_gets_one_from_its_first_sentence():
    article = seeds()["004"]
    assert article.title_inferred
    assert len(article.title) <= 100
    assert article.title.startswith("Negotiations aimed at securing a ceasefire in Gaza")
    assert article.title.endswith("…")
    assert article.text.startswith("Negotiations aimed at securing")  # the sentence stays in the text


def test_curly_quotes_are_kept_for_display():
    assert "“crisis.”" in seeds()["003"].text


def test_mr_abu_marzouk_is_one_sentence():
    sentences = seeds()["003"].sentence_texts()
    assert ("Despite the departure of the Hamas delegation from Cairo, Mr. Abu Marzouk expressed his intention "
            "to continue participating in negotiations with a positive attitude.") in sentences


def test_markdown_with_front_matter(tmp_path):
    text = """---
title: Talks resume in Cairo
source: Example Times
url: https://example.com/a
published: 2024-02-10
---
# Ignored because front matter has a title

Delegations met on **Saturday**. See [the report](https://example.com/r).

## What next

- Talks continue.
- Aid is short.
"""
    [article], note = load_file(tmp_path / "a.md", text.encode(), "a")
    assert note is None
    assert (article.title, article.source, article.url, article.published) == (
        "Talks resume in Cairo", "Example Times", "https://example.com/a", "2024-02-10")
    assert [(b.kind, article.block_text(b)) for b in article.blocks] == [
        ("heading", "Ignored because front matter has a title"),
        ("paragraph", "Delegations met on Saturday. See the report."),
        ("heading", "What next"),
        ("bullet", "Talks continue."),
        ("bullet", "Aid is short."),
    ]


def test_markdown_title_from_first_heading(tmp_path):
    [article], _ = load_file(tmp_path / "b.md", b"# The heading\n\nBody text here.\n", "b")
    assert article.title == "The heading"
    assert article.text == "Body text here."


def test_json_list_and_jsonl_records(tmp_path):
    records = [
        {"id": "r1", "title": "One", "source": "Wire", "url": "u1", "published": "2024-01-01", "text": "First text."},
        {"title": "Two", "text": "Second text.\n\nMore."},
    ]
    articles, _ = load_file(tmp_path / "feed.json", json.dumps(records).encode(), "feed")
    assert [(a.id, a.title, a.source) for a in articles] == [("r1", "One", "Wire"), ("feed-002", "Two", None)]
    jsonl = "\n".join(json.dumps(r) for r in records).encode()
    articles, _ = load_file(tmp_path / "feed.jsonl", jsonl, "feed")
    assert [a.text for a in articles] == ["First text.", "Second text.\n\nMore."]


def test_single_json_object_takes_the_file_stem_as_id(tmp_path):
    articles, _ = load_file(tmp_path / "one.json", b'{"title": "T", "text": "Body."}', "one")
    assert [a.id for a in articles] == ["one"]


def test_bad_files_are_skipped_with_a_reason(tmp_path):
    (tmp_path / "good.txt").write_text("A title\n\nA body sentence.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG")
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "bad.md").write_text("---\njust some words\n---\nBody.", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")  # not an article format: ignored silently
    result = read_articles([tmp_path])
    assert [a.id for a in result.articles] == ["good"]
    reasons = {Path(s.path).name: s.reason for s in result.skipped}
    assert set(reasons) == {"empty.txt", "binary.txt", "broken.json", "bad.md"}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "JSON" in reasons["broken.json"]
    assert "front matter" in reasons["bad.md"]


def test_hand_written_front_matter_that_is_not_yaml_is_read_line_by_line(tmp_path):
    text = "---\ntitle: Talks: day two\nsource: The Wire\n---\nBody text."
    [article], note = load_file(tmp_path / "c.md", text.encode(), "c")
    assert (article.title, article.source) == ("Talks: day two", "The Wire")
    assert "not valid YAML" in note


def test_wrongly_encoded_file_is_read_with_a_note(tmp_path):
    (tmp_path / "old.txt").write_bytes("Caf\xe9 talks\n\nThe caf\xe9 closed.".encode("latin-1"))
    result = read_articles([tmp_path])
    assert result.articles[0].text == "The café closed."
    assert "cp1252" in result.notes[0].reason


def test_terminal_escapes_are_removed(tmp_path):
    (tmp_path / "x.txt").write_bytes(b"Title\n\nRed \x1b[31mtext\x1b[0m and a bell\x07 and \x1b]8;;http://x\x1b\\link.")
    [article] = read_articles([tmp_path]).articles
    assert article.text == "Red text and a bell and link."


def test_missing_corpus_path_is_reported(tmp_path):
    result = read_articles([tmp_path / "nowhere"])
    assert result.articles == []
    assert "no such file" in result.skipped[0].reason


def test_same_stem_in_two_folders_gets_distinct_ids(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text("Title\n\nBody.", encoding="utf-8")
    ids = [a.id for a in read_articles([tmp_path]).articles]
    assert len(set(ids)) == 2 and all(i.startswith("story") for i in ids)


def laid_out(tmp_path, text, name="wire.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    (article,), _ = load_file(path, path.read_bytes(), path.stem)
    return article


def blocks_of(article):
    return [(b.kind, article.block_text(b)) for b in article.blocks]


@pytest.mark.parametrize("kind, line", [
    ("credit", "— AFP"),
    ("credit", "- Reuters"),
    ("credit", "[Mustafa Demir/Anadolu Agency]"),
    ("credit", "Photo credit: Reuters."),
    ("credit", "File Photo by Dana Kessler/UPI"),
    ("credit", "REUTERS/Karim Nasser"),
    ("credit", "Credit: REUTERS/Karim Nasser"),
    ("credit", "Lina Haddad / AFP via Getty Images"),
    ("credit", "Omar Said | AFP"),
    ("credit", "Selin Kaya—Anadolu Agency/Getty Images"),
    ("credit", "(AP Photo/Juan Ortega)"),
    ("credit", "Image source, Getty Images"),
    ("credit", "Photo credit: © Lina Haddad / Alamy"),
    ("caption", "Rescuers search a collapsed house in Izmir on Feb. 6, 2023. REUTERS/Karim Nasser"),
    ("caption", "Protesters march in Lima on Saturday. [Mustafa Demir/Anadolu Agency]"),
    ("caption", "Firefighters work at the site. Photo credit: Reuters."),
    ("caption", "A farmer walks through a flooded field. (AP Photo/Juan Ortega)"),
    ("caption", "Image caption, Residents carried what they could save from the water"),
    ("byline", "By Thomson Reuters Feb 17, 2024 | 1:41 PM"),
    ("byline", "By Dana Kessler and Omar Said"),
    ("byline", "Thu May 10, 2018 | 10:55am EDT"),
    ("byline", "Updated: Mar 3, 2024 at 9:00 AM"),
    ("byline", "(Reporting by Dana Kessler in Ankara; Writing by Omar Said; Editing by Lina Haddad)"),
    ("byline", "Associated Press writer Juan Ortega in Lima contributed to this report."),
])
def test_credits_captions_and_bylines_are_blocks_of_their_own_not_sentences(tmp_path, kind, line):
    article = laid_out(tmp_path, f"Floods hit the coast\n\n{line}\n\nRain fell for three days.")
    assert blocks_of(article)[0] == (kind, line)
    assert article.sentence_texts() == ["Rain fell for three days."]


def test_a_published_line_sets_published(tmp_path):
    article = laid_out(tmp_path, "Floods hit the coast\n\nPublished: 17 February 2024, 10:30 GMT\n\nRain fell.")
    assert article.published == "17 February 2024, 10:30 GMT"
    assert blocks_of(article)[0] == ("byline", "Published: 17 February 2024, 10:30 GMT")


def test_front_matter_date_wins_over_a_published_line(tmp_path):
    text = "---\ntitle: Floods\npublished: 2024-02-18\n---\n\nPublished: 17 February 2024\n\nRain fell."
    assert laid_out(tmp_path, text, "floods.md").published == "2024-02-18"


@pytest.mark.parametrize(
    "paragraph, dateline",
    [
        ("TEL AVIV (Reuters) - The central bank held rates on Monday.", "TEL AVIV (Reuters) -"),
        ("ANKARA, Feb 6 (Reuters) - The central bank held rates on Monday.", "ANKARA, Feb 6 (Reuters) -"),
        ("GAZA CITY, Gaza Strip (AP) — The central bank held rates on Monday.", "GAZA CITY, Gaza Strip (AP) —"),
        ("BEIRUT — The central bank held rates on Monday.", "BEIRUT —"),
        ("Nairobi (AFP) - The central bank held rates on Monday.", "Nairobi (AFP) -"),
        ("JERUSALEM: The central bank held rates on Monday.", "JERUSALEM:"),
    ],
)
def test_a_dateline_is_split_from_its_sentence(tmp_path, paragraph, dateline):
    article = laid_out(tmp_path, f"Rates on hold\n\n{paragraph}")
    assert blocks_of(article) == [("dateline", dateline),
                                  ("paragraph", "The central bank held rates on Monday.")]
    assert article.sentence_texts() == ["The central bank held rates on Monday."]


def test_an_agency_closing_a_paragraph_is_a_credit_and_the_sentence_stays(tmp_path):
    article = laid_out(tmp_path, "Rates on hold\n\nThe talks resume on Tuesday, officials said. — AFP")
    assert blocks_of(article) == [("paragraph", "The talks resume on Tuesday, officials said."), ("credit", "— AFP")]


@pytest.mark.parametrize(
    "paragraph",
    [
        "By Sunday, both sides had agreed to the terms.",
        "NATO said on Monday that it would meet again.",
        "US officials said the plan was sound.",
        "Hamas leaders left Doha—Reuters reported the move.",
        "He spoke to AP reporters on Friday.",
        "Trucks waited at [@click=app.quit]Rafah[/].",
        "Donors pledged food and/or cash (and/or fuel).",
    ],
)
def test_prose_that_only_looks_like_a_credit_stays_prose(tmp_path, paragraph):
    article = laid_out(tmp_path, f"Rates on hold\n\n{paragraph}")
    assert blocks_of(article) == [("paragraph", paragraph)]


def test_a_short_date_line_can_still_be_a_heading(tmp_path):
    article = laid_out(tmp_path, "Rates on hold\n\nOctober 7\n\nRain fell.")
    assert blocks_of(article)[0] == ("heading", "October 7")


def test_the_seeds_keep_their_blocks():
    kinds_seen = {b.kind for article in seeds().values() for b in article.blocks}
    assert kinds_seen == {"paragraph", "heading", "bullet", "caption", "byline"}
