"""``add``, ``search --sort date`` and the provenance in ``show --json``,
through the console script, against a web server on 127.0.0.1."""

from __future__ import annotations

import json

import pytest

from ceasefire_tui.index.corpus.provenance import sidecar_path
from support import write_config, write_dated_corpus
from support_web import PAGE
from test_cli import run


def corpus_config(tmp_path, folder="corpus"):
    (tmp_path / folder).mkdir(exist_ok=True)
    return write_config(tmp_path, {"corpus": {"paths": [folder]}, "index": {"path": "idx"}})


def test_add_saves_each_page_and_its_provenance(local_web, tmp_path):
    config = corpus_config(tmp_path)
    done = run("add", local_web.url("/chain"), local_web.url("/feed"), "--json", config=config)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["folder"] == str(tmp_path / "corpus") and report["indexed"] is True
    page, feed = report["added"]
    assert page["saved"] == str(tmp_path / "corpus" / "127-0-0-1-page.html")
    assert (page["url"], page["final_url"], page["kind"], page["error"]) == (
        local_web.url("/chain"), local_web.url("/page"), "page", None)
    assert feed["saved"].endswith("127-0-0-1-feed.xml") and feed["kind"] == "feed"
    assert (tmp_path / "corpus" / "127-0-0-1-page.html").read_bytes() == PAGE
    provenance = json.loads(sidecar_path(tmp_path / "corpus" / "127-0-0-1-page.html").read_text())
    assert provenance["status"] == 200 and provenance["final_url"] == local_web.url("/page")


def test_a_refused_url_is_one_line_and_exit_1_and_the_others_are_still_added(local_web, tmp_path):
    config = corpus_config(tmp_path)
    done = run("add", local_web.url("/page"), local_web.url("/loop-a"), "ftp://example.invalid/x", config=config)
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if line.startswith("ceasefire-tui:")]
    assert errors == [f"ceasefire-tui: {local_web.url('/loop-a')}: redirect loop: {local_web.url('/loop-a')} → "
                      f"{local_web.url('/loop-b')} → {local_web.url('/loop-a')}",
                      "ceasefire-tui: ftp://example.invalid/x: only http and https addresses can be fetched, not ftp:"]
    assert "Traceback" not in done.stderr
    assert f"saved {local_web.url('/page')} → {tmp_path / 'corpus' / '127-0-0-1-page.html'}" in done.stdout
    again = run("add", local_web.url("/page"), config=config)
    assert again.returncode == 0 and again.stdout.startswith(f"updated {local_web.url('/page')}")


def test_add_to_a_folder_outside_the_corpus_says_it_is_not_indexed(local_web, tmp_path):
    config = corpus_config(tmp_path)
    done = run("add", local_web.url("/page"), "--to", str(tmp_path / "elsewhere"), config=config)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "elsewhere" / "127-0-0-1-page.html").exists()
    assert "is not in corpus.paths" in done.stderr and "not indexed" in done.stderr


def test_add_with_only_the_bundled_articles_asks_for_a_folder(local_web, tmp_path):
    done = run("add", local_web.url("/page"), config=write_config(tmp_path, {"index": {"path": "idx"}}))
    assert done.returncode == 1
    assert done.stderr.startswith("ceasefire-tui: corpus.paths in ") and "give one with --to FOLDER" in done.stderr


def test_search_sorted_by_date(tmp_path):
    write_dated_corpus(tmp_path / "corpus")
    config = corpus_config(tmp_path)
    done = run("search", "council", "--sort", "date", "--json", config=config)
    assert done.returncode == 0, done.stderr
    hits = json.loads(done.stdout)["hits"]
    assert [(hit["id"], hit["published"]) for hit in hits] == [
        ("market", "Tue, 20 Feb 2024 10:15:00 GMT"), ("bridge", "2024-02-05T08:00:00Z"), ("notice", None)]
    table = run("search", "published:2024-02", "--sort", "date", config=config)
    assert table.stdout.index("Farmers market") < table.stdout.index("old bridge") and "2024-02-20" in table.stdout
    bad = run("search", "published:2024-13", config=config)
    assert bad.returncode == 1 and bad.stderr.strip() == (
        "ceasefire-tui: '2024-13' is not a date on the calendar; published: takes 2024, 2024-02 or 2024-02-13")


def test_show_gives_the_provenance(local_web, tmp_path):
    """A saved page's sidecar gives its article the fetch date, and the
    address when the file names none (here a text file, as until HTML is read)."""
    write_dated_corpus(tmp_path / "corpus")
    config = corpus_config(tmp_path)
    assert run("add", local_web.url("/page"), "--to", str(tmp_path / "fetched"), config=config).returncode == 0
    saved = tmp_path / "fetched" / "127-0-0-1-page.html"
    sidecar_path(saved).rename(sidecar_path(tmp_path / "corpus" / "notice.md"))
    fetched_at = json.loads(sidecar_path(tmp_path / "corpus" / "notice.md").read_text())["fetched_at"]
    shown = json.loads(run("show", "notice", "--json", config=config).stdout)
    assert (shown["url"], shown["fetched"], shown["published"], shown["authors"]) == (
        local_web.url("/page"), fetched_at, None, [])
    assert shown["path"] == str(tmp_path / "corpus" / "notice.md")
    people = run("show", "notice", config=config, env={"COLUMNS": "400"}).stdout  # no folding of the path
    header = people[:people.index("The council published")].split()
    assert " ".join(header) == (f"Council publishes its spending plans Evening Gazette {local_web.url('/page')} "
                                f"fetched {fetched_at[:10]} {fetched_at[11:16]} UTC · "
                                "corpus/notice.md · id notice")


def test_added_pages_and_feeds_become_searchable_articles(local_web, tmp_path):
    """Served page → saved → extracted → indexed → found, with its title,
    outlet, authors, dates and address."""
    pytest.importorskip("trafilatura")
    pytest.importorskip("feedparser")
    config = corpus_config(tmp_path)
    done = run("add", local_web.url("/chain"), local_web.url("/second"), local_web.url("/feed"), "--json",
               config=config)
    assert done.returncode == 0, done.stderr
    page, second, feed = json.loads(done.stdout)["added"]
    assert page["articles"] == ["127-0-0-1-page"] and page["skipped"] is None
    assert second["articles"] == ["127-0-0-1-second"] and len(feed["articles"]) == 1
    found = json.loads(run("search", "ferry", "--json", config=config).stdout)
    hit, = found["hits"]
    assert (hit["id"], hit["title"], hit["source"]) == (
        "127-0-0-1-page", "Harbour authority approves night ferry trial", "The Coastal Ledger")
    assert hit["published"].startswith("2024-03-04")
    shown = json.loads(run("show", "127-0-0-1-page", "--json", config=config).stdout)
    assert shown["url"] == local_web.url("/page") and shown["fetched"] and shown["authors"] == ["Ines Caldera"]
    assert "Subscribe to our newsletter" not in shown["text"] and "hospital workers" in shown["text"]
    dated = json.loads(run("search", "published:2024-02", "--sort", "date", "--json", config=config).stdout)
    assert [hit["title"] for hit in dated["hits"]] == ["Reservoir levels rise after a wet February"] * 2
    table = run("add", local_web.url("/second"), config=config)
    assert table.stdout.startswith(f"updated {local_web.url('/second')} → ") and "(1 article: 127-0-0-1-second)" \
        in table.stdout
