"""The index is a cache: incremental, self-healing, one writer at a time."""

import hashlib
import json
import os
from pathlib import Path

import pytest

from ceasefire_tui.index.config import load_config
from ceasefire_tui.index.library import Library
from ceasefire_tui.index import IndexBusy
from ceasefire_tui.index.search.whoosh.folder import META_FILE
from support import write_config


def fingerprint(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_first_refresh_indexes_everything_then_nothing_changes(seeds_config):
    library = Library(load_config(seeds_config))
    first = library.refresh()
    assert (first.added, first.articles) == (5, 5)
    again = library.refresh()
    assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, 5)
    assert not again.changed


def test_changed_file_is_replaced_and_removed_file_deleted(library, seeds_corpus):
    target = next(seeds_corpus.glob("001_*"))
    target.write_text("A new title\n\nZanzibar appears only here now.", encoding="utf-8")
    (seeds_corpus / "002_74339042f3bb36aa.txt").unlink()
    report = library.refresh()
    assert (report.updated, report.removed, report.unchanged, report.articles) == (1, 1, 3, 4)
    assert [hit.id for hit in library.search("zanzibar").hits] == [target.stem]
    assert library.search("Ben-Gvir").total == 0


def test_new_file_is_added(library, seeds_corpus):
    (seeds_corpus / "new.md").write_text("---\ntitle: Fresh\n---\nQuokka sighting in Cairo.", encoding="utf-8")
    report = library.refresh()
    assert report.added == 1
    assert library.search("quokka").hits[0].title == "Fresh"


def test_touched_but_unchanged_file_keeps_its_analysis(library, seeds_corpus):
    target = next(seeds_corpus.glob("003_*"))
    os.utime(target, ns=(1, 1))
    report = library.refresh()
    assert report.updated == 1
    assert library.article("003").article.title.startswith("Israel-Hamas Talks Stumble")


def test_articles_are_never_written(library, seeds_corpus):
    before = fingerprint(seeds_corpus)
    library.refresh(rebuild=True)
    library.search("rafah")
    assert fingerprint(seeds_corpus) == before


def test_schema_version_change_rebuilds_with_a_message(seeds_config, library):
    directory = library.store.directory
    library.close()
    (directory / META_FILE).write_text(json.dumps({"schema_version": 0}))
    fresh = Library(load_config(seeds_config))
    report = fresh.refresh()
    assert "format changed" in report.rebuilt
    assert report.articles == 5
    # Said once: the next refresh in this session (the TUI's, when a file
    # changes) rebuilt nothing and must not say it did.
    assert fresh.refresh().rebuilt is None
    fresh.close()


def test_corrupt_index_is_rebuilt(seeds_config, library):
    directory = library.store.directory
    library.close()
    for path in directory.iterdir():
        if path.suffix in (".toc", ".seg", ".trm", ".pst"):
            path.write_bytes(b"garbage")
    fresh = Library(load_config(seeds_config))
    report = fresh.refresh()
    assert "unreadable" in report.rebuilt
    assert fresh.search("rafah").total == 5
    fresh.close()


def test_deleted_index_is_rebuilt_silently(seeds_config, library):
    directory = library.store.directory
    library.close()
    for path in directory.iterdir():
        path.unlink()
    fresh = Library(load_config(seeds_config))
    assert fresh.refresh().added == 5
    fresh.close()


def test_second_writer_waits_then_says_the_index_is_busy(seeds_config, library, seeds_corpus):
    held = library.store.index.writer()  # a writer that never finishes
    try:
        (seeds_corpus / "extra.txt").write_text("Title\n\nBody.", encoding="utf-8")
        other = Library(load_config(seeds_config))
        other.store.lock_timeout = 0.2
        with pytest.raises(IndexBusy, match="another process is updating the index"):
            other.refresh()
        assert other.search("rafah").total == 5  # readers keep working
        other.close()
    finally:
        held.cancel()
    assert library.refresh().added == 1


def test_default_index_lives_in_the_cache_folder_one_per_corpus(tmp_path, isolated_environment):
    from ceasefire_tui.index.library import index_directory
    from support import write_config

    one = load_config(write_config(tmp_path, {"corpus": {"paths": ["a"]}}))
    (tmp_path / "b").mkdir()
    two = load_config(write_config(tmp_path / "b", {"corpus": {"paths": ["a"]}}))
    assert index_directory(one).parent == isolated_environment / "cache" / "ceasefire-tui"
    assert index_directory(one) != index_directory(two)


def test_unreadable_files_are_not_reread_until_they_change(library, seeds_corpus, monkeypatch):
    bad = seeds_corpus / "broken.json"
    bad.write_text("{oops", encoding="utf-8")
    first = library.refresh()
    assert [s.reason for s in first.skipped if s.path == str(bad)][0].startswith("malformed JSON")
    import ceasefire_tui.index.search.whoosh.workers as store_module

    reads = []
    real_read = store_module.read_source
    monkeypatch.setattr(store_module, "read_source",
                        lambda source, *rest: reads.append(source) or real_read(source, *rest))
    again = library.refresh()
    assert reads == [] and [s.path for s in again.skipped] == [str(bad)]
    bad.write_text('{"title": "Fixed", "text": "Now it reads."}', encoding="utf-8")
    fixed = library.refresh()
    assert fixed.added == 1 and fixed.skipped == []


def test_first_search_and_first_refresh_in_two_threads_agree(seeds_config):
    from concurrent.futures import ThreadPoolExecutor

    for _ in range(5):
        library = Library(load_config(seeds_config))
        with ThreadPoolExecutor(2) as pool:
            searched = pool.submit(library.search, "")
            refreshed = pool.submit(library.refresh)
            searched.result()
            refreshed.result()
        assert library.search("").total == 5
        library.close()
        for path in library.store.directory.iterdir():
            path.unlink()


def test_an_index_that_breaks_during_a_refresh_is_rebuilt(library, seeds_corpus, monkeypatch):
    import ceasefire_tui.index.search.whoosh.store as store_module

    broken = store_module.IndexStore.refresh

    def refresh_once_broken(self, *args, rebuild=False, **kwargs):
        if not rebuild:
            raise store_module.whoosh_index.IndexError("segment file unreadable")
        return broken(self, *args, rebuild=rebuild, **kwargs)

    monkeypatch.setattr(store_module.IndexStore, "refresh", refresh_once_broken)
    report = library.refresh()
    assert "could not be updated" in report.rebuilt and report.articles == 5


def test_a_commit_that_fails_releases_the_lock_and_the_index_heals(library, seeds_corpus, monkeypatch):
    from ceasefire_tui.index.search.whoosh.writing import BuildWriter

    real_commit = BuildWriter.commit
    failures = iter([OSError("disk full")] * 2)  # the refresh's commit, and the rebuild's it tries then

    def commit_failing_once(self, *args, **kwargs):
        failure = next(failures, None)
        if failure:
            raise failure
        return real_commit(self, *args, **kwargs)

    monkeypatch.setattr(BuildWriter, "commit", commit_failing_once)
    (seeds_corpus / "extra.txt").write_text("Extra\n\nA report from Zanzibar.", encoding="utf-8")
    with pytest.raises(OSError, match="disk full"):
        library.refresh()
    library.store.lock_timeout = 0.5  # a lock still held would make this fail fast, not hang
    report = library.refresh()
    assert report.added == 1 and library.search("zanzibar").total == 1


def test_a_seeded_random_module_cannot_make_segments_collide(seeds_config, seeds_corpus):
    # Whoosh names segments with the global random module; a program (or
    # hypothesis) that seeds it must not get a name that already exists.
    import random

    for number in range(3):
        (seeds_corpus / "extra.txt").write_text(f"Extra {number}\n\nA report from Zanzibar.", encoding="utf-8")
        library = Library(load_config(seeds_config))
        random.seed(7)
        try:
            report = library.refresh()
            assert (report.added, report.updated, report.unchanged) == ((6, 0, 0) if number == 0 else (0, 1, 5))
            assert library.search("zanzibar").total == 1 and library.search("rafah").total == 5
        finally:
            library.close()


def test_an_index_folder_that_cannot_be_made_is_served_from_a_temporary_index(tmp_path, seeds_corpus):
    (tmp_path / "not-a-folder").write_text("a file where the index folder should be", encoding="utf-8")
    config = write_config(tmp_path, {"corpus": {"paths": ["corpus"]}, "index": {"path": "not-a-folder/index"}})
    library = Library(load_config(config))
    try:
        report = library.refresh()
        assert "cannot write the index" in report.rebuilt and "temporary index" in report.rebuilt
        assert report.articles == 5 and library.search("rafah").total == 5
        assert library.store.temporary and library.store.directory.is_dir()
    finally:
        library.close()
    assert (tmp_path / "not-a-folder").read_text(encoding="utf-8").startswith("a file")


def test_a_full_disk_during_a_refresh_moves_the_index_to_a_temporary_one(library, seeds_corpus, monkeypatch):
    import errno

    from ceasefire_tui.index.search.whoosh.writing import BuildWriter

    unwritable = library.store.directory
    real_commit = BuildWriter.commit

    def commit(self, *args, **kwargs):
        if Path(self.storage.folder) == unwritable:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_commit(self, *args, **kwargs)

    monkeypatch.setattr(BuildWriter, "commit", commit)
    (seeds_corpus / "extra.txt").write_text("Extra\n\nA report from Zanzibar.", encoding="utf-8")
    report = library.refresh()
    assert "No space left on device" in report.rebuilt and "temporary index" in report.rebuilt
    assert library.store.directory != unwritable
    assert library.search("zanzibar").total == 1 and library.search("rafah").total == 5


def test_threads_searching_and_reading_at_once_do_not_disturb_each_other(library, seeds_corpus):
    # The TUI's search, article and entity workers read the index at the same
    # time; Whoosh's readers are not thread-safe, so each thread has its own.
    import threading

    for number in range(60):
        (seeds_corpus / f"extra{number:02d}.txt").write_text(
            f"Report {number}\n\nTalks in Cairo on day {number} about hostages and Rafah.", encoding="utf-8")
    library.refresh()
    ids = library.store.ids()
    expected = {query: library.search(query).total for query in ("rafah", "cairo hostages", "netanyahu~")}
    failures: list[BaseException] = []

    def search_repeatedly():
        try:
            for _ in range(40):
                for query, total in expected.items():
                    assert library.search(query).total == total
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            failures.append(error)

    def read_repeatedly():
        try:
            for _ in range(4):
                for article_id in ids:
                    assert library.article(article_id).article.id == article_id
        except BaseException as error:  # noqa: BLE001
            failures.append(error)

    threads = [threading.Thread(target=search_repeatedly), threading.Thread(target=read_repeatedly),
               threading.Thread(target=read_repeatedly)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures, failures[0]


def test_a_refresh_with_nothing_new_does_not_resolve_the_entity_backend(library, seeds_corpus, monkeypatch):
    # Resolving "auto" may load a spaCy model (seconds): only analysing an
    # article may pay that, not every start of the app or of a command.
    import ceasefire_tui.index.library as library_module

    library.refresh()
    library_module._entity_backend.cache_clear()
    monkeypatch.setattr(library_module, "available_backend",
                        lambda *args: pytest.fail("the entity backend was resolved for an unchanged corpus"))
    assert library.refresh().unchanged == 5


def test_the_corpus_linking_is_kept_beside_the_index_and_reused(seeds_config, library, monkeypatch):
    import ceasefire_tui.index.library_entities as library_module

    library.refresh()
    first = library.entity_table()
    assert first.renames  # the seeds link names across articles ("Netanyahu" → "Benjamin Netanyahu")

    def link_corpus(compact):
        raise AssertionError("linked again although the saved linking matches the index")

    monkeypatch.setattr(library_module, "link_corpus", link_corpus)
    again = Library(load_config(seeds_config))
    try:
        assert again.entity_table().renames == first.renames
    finally:
        again.close()


def test_a_rebuild_does_not_close_a_searcher_another_thread_is_using(library):
    import threading

    library.refresh()
    ready, rebuilt, outcome = threading.Event(), threading.Event(), []

    def search_across_the_rebuild():
        searcher = library.store.searcher()  # this thread's, opened before the rebuild
        ready.set()
        rebuilt.wait(30)
        outcome.append(searcher.doc_count())  # still readable: not closed under it
        outcome.append(library.search("rafah").total)  # and the next search sees the new index

    thread = threading.Thread(target=search_across_the_rebuild)
    thread.start()
    ready.wait(30)
    library.refresh(rebuild=True)
    rebuilt.set()
    thread.join(30)
    assert outcome == [5, 5]


def test_field_lengths_are_read_in_one_pass_and_match_whoosh(library):
    # The scorer's field lengths: a fresh searcher (every search worker thread
    # opens one) must not fall back to a file read per document, which at
    # 10,000 articles took longer than a whole search while typing.
    from ceasefire_tui.index.search.whoosh.scoring import _field_lengths

    searcher = library.store.searcher()
    for reader, _ in searcher.reader().leaf_readers():
        expected = {field: [reader.doc_field_length(d, field, 1) or 1 for d in range(reader.doc_count_all())]
                    for field in ("body", "exact", "title")}

        def one_at_a_time(*args, **kwargs):
            raise AssertionError("read one document at a time")

        reader.doc_field_length = one_at_a_time
        try:
            for field, lengths in expected.items():
                assert _field_lengths(reader, field) == lengths
        finally:
            del reader.doc_field_length


def test_a_refresh_reports_its_work_before_it_reads_a_file(seeds_config):
    """The TUI shows "Indexing 0/5 files" at once on a first build, not "0
    articles" while the worker processes start."""
    library = Library(load_config(seeds_config))
    calls = []
    library.refresh(progress=lambda done, total, path: calls.append((done, total)))
    library.close()
    assert calls[0] == (0, 5) and calls[-1] == (5, 5)
