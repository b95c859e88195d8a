"""The corpus watcher: it notices article files added, changed and removed,
ignores what is not the corpus, polls where events cannot be had, and stops."""

from __future__ import annotations

import threading
import time

import pytest

import ceasefire_tui.index.corpus.watch as watch_module
from ceasefire_tui.index.corpus.watch import CorpusWatcher, watch_roots


def wait_for(event: threading.Event, what: str, timeout: float = 15.0) -> None:
    assert event.wait(timeout), f"timed out waiting for {what}"


@pytest.fixture
def watched(tmp_path):
    """A watcher on a corpus folder; ``changed`` is set on each batch."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Alpha\n\nText.", encoding="utf-8")
    changed = threading.Event()
    watchers = []

    def start(**options):
        watcher = CorpusWatcher([corpus], changed.set, **options)
        watchers.append(watcher)
        watcher.start()
        return watcher

    yield corpus, changed, start
    for watcher in watchers:
        watcher.stop()


def test_an_added_changed_or_removed_article_file_is_noticed(watched):
    corpus, changed, start = watched
    start()
    for act in (lambda: (corpus / "b.md").write_text("# Beta\n\nText.", encoding="utf-8"),
                lambda: (corpus / "a.txt").write_text("Alpha\n\nNew text.", encoding="utf-8"),
                lambda: (corpus / "a.txt").unlink()):
        changed.clear()
        act()
        wait_for(changed, "a change to be noticed")


def test_files_that_are_not_articles_and_the_index_are_ignored(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "index").mkdir(parents=True)
    changed = threading.Event()
    watcher = CorpusWatcher([corpus], changed.set, ignore=corpus / "index")
    watcher.start()
    try:
        (corpus / "index" / "x.txt").write_text("index file", encoding="utf-8")
        (corpus / ".hidden.txt").write_text("hidden", encoding="utf-8")
        (corpus / "notes.pdf").write_bytes(b"%PDF")
        (corpus / "a.txt.swp").write_bytes(b"swap")
        assert not changed.wait(2.0)  # the debounce is 0.4 s: a batch would have come
        (corpus / "real.txt").write_text("Real\n\nText.", encoding="utf-8")
        wait_for(changed, "the article file to be noticed")
    finally:
        watcher.stop()


def test_roots_of_folders_files_and_globs(tmp_path):
    (tmp_path / "news" / "2024").mkdir(parents=True)
    (tmp_path / "one.txt").write_text("x", encoding="utf-8")
    roots = watch_roots([tmp_path / "news", tmp_path / "one.txt", str(tmp_path / "news" / "2024" / "*.md"),
                         tmp_path / "missing", tmp_path / "gone" / "away"])
    assert [(root.folder, root.recursive, root.only) for root in roots] == [
        (str(tmp_path / "news"), True, None),
        (str(tmp_path), False, str(tmp_path / "one.txt")),
        (str(tmp_path / "news" / "2024"), True, None),
        (str(tmp_path), False, str(tmp_path / "missing")),
    ]


def test_a_single_file_corpus_path_sees_only_that_file(tmp_path):
    article = tmp_path / "one.txt"
    article.write_text("One\n\nText.", encoding="utf-8")
    changed = threading.Event()
    watcher = CorpusWatcher([article], changed.set)
    watcher.start()
    try:
        (tmp_path / "other.txt").write_text("Other", encoding="utf-8")
        assert not changed.wait(2.0)
        article.write_text("One\n\nChanged.", encoding="utf-8")
        wait_for(changed, "the file's change")
    finally:
        watcher.stop()


def test_a_network_file_system_is_polled(watched, monkeypatch):
    corpus, changed, start = watched
    monkeypatch.setattr(watch_module, "on_network_file_system", lambda path: True)
    watcher = start()
    assert "network file system" in watcher.note
    (corpus / "b.txt").write_text("Beta\n\nText.", encoding="utf-8")
    wait_for(changed, "polling to notice the new file")


def test_when_events_cannot_be_had_it_falls_back_to_polling(watched, monkeypatch):
    corpus, changed, start = watched
    real_watch = watch_module.watch

    def watch_without_events(*args, force_polling=None, **kwargs):
        if not force_polling:
            raise OSError("OS file watch limit reached")
        return real_watch(*args, force_polling=force_polling, **kwargs)

    monkeypatch.setattr(watch_module, "watch", watch_without_events)
    watcher = start()
    wait_for(changed, "the switch to polling to be announced")  # a refresh covers the moment unwatched
    assert "watch limit" in watcher.note and "instead" in watcher.note
    changed.clear()
    (corpus / "b.txt").write_text("Beta\n\nText.", encoding="utf-8")
    wait_for(changed, "polling to notice the new file")


def test_stop_ends_every_thread_promptly(watched):
    corpus, changed, start = watched
    watcher = start()
    threads = list(watcher._threads)
    began = time.monotonic()
    watcher.stop()
    assert time.monotonic() - began < 1.5
    assert not any(thread.is_alive() for thread in threads)
