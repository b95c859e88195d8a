"""The index is a cache that heals itself: any file of it damaged in any way
is detected, said in one line and rebuilt, and readers keep answering from
the last committed index while another process writes."""

from __future__ import annotations

import json
import shutil
import traceback
from pathlib import Path

import pytest

from ceasefire_tui.index.config import load_config
from ceasefire_tui.index.library import Library
from ceasefire_tui.tui.cli import main

# The ways a file of the index is damaged: emptied, cut in half, bytes
# overwritten in the middle, junk after the end.
MUTATIONS = {
    "truncated to 0": lambda data: b"",
    "truncated to half": lambda data: data[: len(data) // 2],
    "scrambled in the middle": lambda data: (
        data[: len(data) // 2 - 8] + bytes((byte * 37 + 101) % 256 for byte in data[len(data) // 2 - 8:][:16])
        + data[len(data) // 2 + 8:]),
    "garbage appended": lambda data: data + b"\x00\xff garbage \x9c\x81" * 8,
}


@pytest.fixture
def pristine_index(seeds_config, tmp_path) -> Path:
    """A freshly built index of the seeds, with every sidecar file it keeps
    (the entity linking is saved by the first search)."""
    library = Library(load_config(seeds_config))
    library.refresh()
    library.search("rafah")
    library.close()
    pristine = tmp_path / "pristine-index"
    shutil.copytree(tmp_path / "index", pristine)
    return pristine


def _run(argv, capsys) -> tuple[int, str, str]:
    """The command's exit code, stdout and stderr; a traceback as exit -1."""
    try:
        code = main(argv)
    except Exception as error:  # noqa: BLE001 - counted as a failure of the command
        capsys.readouterr()
        return -1, "", f"{type(error).__name__}: {error}"
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _each_damage(pristine: Path, index: Path):
    """(file name, kind of damage, the damaged bytes) for every kind of damage
    to every file of the index, each on a fresh copy of ``pristine`` at ``index``."""
    for name in _index_files(pristine):
        for kind, mutate in MUTATIONS.items():
            shutil.rmtree(index)
            shutil.copytree(pristine, index)
            target = index / name
            damaged = mutate(target.read_bytes())
            target.write_bytes(damaged)
            yield name, kind, damaged


def _index_files(pristine: Path) -> list[str]:
    return sorted(path.name for path in pristine.iterdir() if not path.name.endswith("WRITELOCK"))


def test_every_damage_to_every_index_file_is_healed(seeds_config, tmp_path, pristine_index, capsys):
    names = _index_files(pristine_index)
    assert any(name.endswith(".pst") for name in names) and "entity-renames.json" in names
    failures = []
    config = ["--config", str(seeds_config)]
    for name, kind, _ in _each_damage(pristine_index, tmp_path / "index"):
        code, out, err = _run(["search", "rafah", "--json", *config], capsys)
        if code != 0 or json.loads(out)["total"] != 5 or err.count("rebuilt") > 1:
            failures.append(f"{name} {kind}: search exit {code}, {err.strip()!r}")
            continue
        code, out, err = _run(["show", "003", "--json", *config], capsys)
        if code != 0 or not json.loads(out)["title"].startswith("Israel-Hamas Talks Stumble"):
            failures.append(f"{name} {kind}: show exit {code}, {err.strip()!r}")
            continue
        code, out, err = _run(["index", "--json", *config], capsys)
        if code != 0 or json.loads(out)["articles"] != 5:
            failures.append(f"{name} {kind}: index exit {code}, {err.strip()!r}")
    assert not failures, f"{len(failures)} of {len(names) * len(MUTATIONS)}:\n" + "\n".join(failures)


def test_index_alone_repairs_every_damage_to_every_index_file(seeds_config, tmp_path, pristine_index, capsys):
    # Damage that no command reads on its way (a column only a refresh or
    # nothing reads, the postings of a field the query does not touch) must
    # be found by `index` itself, not left for a later read to trip on.
    index = tmp_path / "index"
    names = _index_files(pristine_index)
    failures = []
    config = ["--config", str(seeds_config)]
    for name, kind, damaged in _each_damage(pristine_index, index):
        target = index / name
        code, out, err = _run(["index", "--json", *config], capsys)
        if code != 0 or json.loads(out)["articles"] != 5:
            failures.append(f"{name} {kind}: index exit {code}, {err.strip()!r}")
            continue
        if name.startswith(("MAIN", "_MAIN")) and target.exists() and target.read_bytes() == damaged:
            failures.append(f"{name} {kind}: still damaged after index ({json.loads(out)['unchanged']} unchanged)")
            continue
        code, out, err = _run(["search", "rafah", "--json", *config], capsys)
        if code != 0 or json.loads(out)["total"] != 5 or err:
            failures.append(f"{name} {kind}: search after index exit {code}, {err.strip()!r}")
            continue
        code, out, err = _run(["show", "003", "--json", *config], capsys)
        if code != 0 or not json.loads(out)["title"].startswith("Israel-Hamas Talks Stumble") or err:
            failures.append(f"{name} {kind}: show after index exit {code}, {err.strip()!r}")
    assert not failures, f"{len(failures)} of {len(names) * len(MUTATIONS)}:\n" + "\n".join(failures)


def _damage(index: Path, suffix: str) -> None:
    (target,) = index.glob(f"*{suffix}")
    target.write_bytes(b"")


def test_a_search_that_meets_a_damaged_column_says_so_in_one_line_and_answers(seeds_config, tmp_path, library,
                                                                               capsys):
    _damage(tmp_path / "index", ".text.col")
    code, out, err = _run(["search", "rafah", "--json", "--config", str(seeds_config)], capsys)
    assert code == 0 and json.loads(out)["total"] == 5
    notes = [line for line in err.splitlines() if line.startswith("note:")]
    assert len(notes) == 1 and notes[0].startswith("note: index files were damaged (MAIN_"), err
    assert notes[0].endswith(".text.col is 0 bytes, not 6983); rebuilt it"), err


def test_damage_that_keeps_a_files_size_and_time_is_healed_when_a_read_meets_it(seeds_config, tmp_path, library,
                                                                                capsys):
    # What the record of the index's files cannot see (bits flipped under an
    # unchanged size and timestamp) is still healed by the read that fails.
    import os

    (target,) = (tmp_path / "index").glob("*.text.col")
    status = target.stat()
    target.write_bytes(MUTATIONS["scrambled in the middle"](target.read_bytes()))
    os.utime(target, ns=(status.st_atime_ns, status.st_mtime_ns))
    code, out, err = _run(["search", "rafah", "--json", "--config", str(seeds_config)], capsys)
    assert code == 0 and json.loads(out)["total"] == 5
    notes = [line for line in err.splitlines() if line.startswith("note:")]
    assert len(notes) == 1 and notes[0].startswith("note: the index could not be read ("), err
    assert notes[0].endswith("); rebuilt it"), err


def test_a_library_heals_under_its_open_searchers(tmp_path, library):
    # The TUI's case: searchers already open when the files are damaged.
    notices = []
    library.on_notice = notices.append
    assert library.search("rafah").total == 5
    _damage(tmp_path / "index", ".source_key.col")
    _damage(tmp_path / "index", ".record.col")
    library.store.close()  # every thread's searcher opens again, on the damaged files
    assert library.search("rafah").total == 5
    assert library.article("003").article.title.startswith("Israel-Hamas Talks Stumble")
    assert len(notices) == 1 and "rebuilt it" in notices[0]


def test_an_index_folder_deleted_between_and_during_searches_is_rebuilt(tmp_path, library):
    import threading

    from ceasefire_tui.index import IndexUnreadable, UnknownArticle

    for _ in range(16):
        assert library.search("rafah").total == 5
        failures, stop = [], threading.Event()

        def search_until_stopped():
            while not stop.is_set():
                try:
                    # Any answer (an index rebuilt from nothing is empty until
                    # its first commit), or one sentence: never a traceback.
                    library.search("rafah")
                    library.article("003")
                except (IndexUnreadable, UnknownArticle):
                    pass  # one sentence, for the command line to print
                except BaseException as error:  # noqa: BLE001 - reported below
                    failures.append("".join(traceback.format_exception(error)))
                    return

        searching = threading.Thread(target=search_until_stopped)
        searching.start()
        shutil.rmtree(tmp_path / "index", ignore_errors=True)
        stop.set()
        searching.join(60)
        assert not failures, failures[0]
        # A deletion still under way when a rebuild started can leave it
        # unfinished; the next refresh (every command starts with one) completes it.
        library.refresh()
        assert library.search("rafah").total == 5


def test_a_search_while_another_process_writes_answers_at_once_from_the_last_index(tmp_path, seeds_corpus):
    import subprocess
    import sys
    import time

    from support import console_script, write_config

    config = write_config(tmp_path, {"corpus": {"paths": ["corpus"]}, "index": {"path": "index", "lock_timeout": 30}})
    assert subprocess.run([console_script(), "index", "--config", str(config)], capture_output=True).returncode == 0
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys; from ceasefire_tui.index.config import load_config; from ceasefire_tui.index.library import Library\n"
        "writer = Library(load_config(sys.argv[1])).store.index.writer()\n"
        "print('locked', flush=True); sys.stdin.read(); writer.cancel()"), str(config)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        (seeds_corpus / "extra.txt").write_text("Extra\n\nA report from Zanzibar.", encoding="utf-8")
        started = time.monotonic()
        done = subprocess.run([console_script(), "search", "rafah", "--json", "--config", str(config)],
                              capture_output=True, text=True, timeout=60)
        elapsed = time.monotonic() - started
    finally:
        holder.communicate("", timeout=30)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["stale"] is True and result["total"] == 5
    assert elapsed < 15, f"waited {elapsed:.1f} s for the lock"  # the lock timeout is 30 s
    assert done.stderr.count("\n") == 1 and "may be out of date" in done.stderr
    fresh = subprocess.run([console_script(), "search", "zanzibar", "--json", "--config", str(config)],
                           capture_output=True, text=True, timeout=60)
    assert json.loads(fresh.stdout)["stale"] is False and json.loads(fresh.stdout)["total"] == 1


def test_a_rebuild_in_another_process_never_shows_a_reader_an_empty_index(tmp_path, seeds_corpus):
    import subprocess
    import time

    from support import console_script, write_config

    for number in range(400):
        (seeds_corpus / f"extra{number:03d}.txt").write_text(
            f"Report {number}\n\nTalks in Cairo on day {number} about hostages"
            + (" and Rafah." if number % 3 else "."), encoding="utf-8")
    expected = {"cairo": 400 + 5, "rafah": 266 + 5, "": 405}
    config = write_config(tmp_path, {"corpus": {"paths": ["corpus"]}, "index": {"path": "index", "lock_timeout": 60}})
    library = Library(load_config(config))
    try:
        library.refresh()
        assert {query: library.search(query).total for query in expected} == expected
        generation = library.store.index.latest_generation()
        rebuild = subprocess.Popen([console_script(), "index", "--rebuild", "--config", str(config)],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        seen = []
        deadline = time.monotonic() + 300
        while rebuild.poll() is None and time.monotonic() < deadline:
            seen.append({query: library.search(query).total for query in expected})
        assert rebuild.wait(timeout=60) == 0, rebuild.communicate()
        assert seen and all(counts == expected for counts in seen), [c for c in seen if c != expected][:3]
        assert library.store.index.latest_generation() > generation
        assert {query: library.search(query).total for query in expected} == expected
    finally:
        library.close()


async def test_the_tui_says_in_one_notice_that_it_rebuilt_a_damaged_index_and_recovers(seeds_config, tmp_path):
    from tui_support import make_app, started, wait_until

    app = make_app(seeds_config)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await started(pilot)
            _damage(tmp_path / "index", ".text.col")  # the snippets' text: every search reads it
            app.library.store.close()  # the next search opens the damaged files
            screen = app.screen
            screen.query_one("#search").value = "rafah"  # as if typed
            notices = lambda: [n.message for n in app._notifications if "rebuilt it" in n.message]
            await wait_until(pilot, lambda: notices() and screen.result is not None
                             and screen.result.query == "rafah" and screen.result.total == 5,
                             timeout=30, what="the rebuild notice and the results",  # a rebuild: slow when loaded
                             state=lambda: (notices(), screen.result and (screen.result.query, screen.result.total),
                                            [n.message for n in app._notifications]))
            assert notices() == ["The index could not be read (OSError); rebuilt it"]
    finally:
        app.library.close()


async def test_the_tui_picks_up_an_index_another_process_committed_without_a_key_pressed(seeds_config, seeds_corpus,
                                                                                         tmp_path):
    from tui_support import make_app, started, wait_until

    app = make_app(seeds_config)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await started(pilot)
            screen = app.screen
            results, reader = screen.query_one("#results"), screen.query_one("#reader")
            results.highlighted = 2
            await wait_until(pilot, lambda: reader.article_id == results.highlighted_id, what="the article open")
            reader.scroll_to(y=3, animate=False)
            await wait_until(pilot, lambda: reader.scroll_y == 3, what="the reader scrolled")
            place = (results.highlighted_id, reader.article_id, reader.scroll_y)

            # Another process (here another Library on the same config) indexes a new file and commits.
            (seeds_corpus / "zanzibar.txt").write_text("Zanzibar talks\n\nA report from Zanzibar.", encoding="utf-8")
            other = Library(load_config(seeds_config))
            try:
                assert other.refresh().added == 1
            finally:
                other.close()

            notices = lambda: [n.message for n in app._notifications if "another process" in n.message]
            await wait_until(pilot, lambda: results.option_count == 6 and notices(), timeout=20,
                             what="the new article listed and the notice",
                             state=lambda: (results.option_count, [n.message for n in app._notifications]))
            assert notices() == ["The index was updated by another process: 6 articles"]
            assert (results.highlighted_id, reader.article_id, reader.scroll_y) == place
            assert screen.query_one("#search").value == ""
    finally:
        app.library.close()
