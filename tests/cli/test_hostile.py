"""Hostile input: bad files are reported and skipped, good ones indexed, and
nothing in an article ever acts on the terminal or the app."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys

import pytest

from ceasefire_tui.index.config import load_config
from ceasefire_tui.index.library import Library
from ceasefire_tui.index.text import printable
from support import SEEDS, console_script, write_config
from tui_support import make_app, notice_texts, screen_text, settle, status_line, wait_until

MARKUP = "[bold]Bold[/bold] [link=https://evil.example]link[/link] [@click=app.quit]quit[/]"


def fingerprints(folder):
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


@pytest.fixture
def hostile_corpus(tmp_path):
    """The seeds plus one file for every way an article file can be bad."""
    corpus = tmp_path / "hostile"
    corpus.mkdir()
    for seed in SEEDS.iterdir():
        (corpus / seed.name).write_bytes(seed.read_bytes())
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "blank.md").write_text("   \n\n\t\n", encoding="utf-8")
    (corpus / "huge.txt").write_bytes(b"word " * 450_000)  # over the 2 MB limit set below
    (corpus / "latin1.txt").write_bytes("Caf\xe9 in Gaza\n\nThe caf\xe9 re-opened in Rafah.".encode("latin-1"))
    (corpus / "broken.json").write_text('{"title": "x", "text": ', encoding="utf-8")
    (corpus / "not-records.json").write_text("[1, 2, 3]", encoding="utf-8")
    (corpus / "bad-front.md").write_text("---\njust words\n---\nBody.", encoding="utf-8")
    (corpus / "folder.txt").mkdir()  # a directory named like an article
    (corpus / "loop").symlink_to(corpus, target_is_directory=True)
    unreadable = corpus / "secret.txt"
    unreadable.write_text("Secret\n\nNobody may read this.", encoding="utf-8")
    unreadable.chmod(0)
    (corpus / "escapes.txt").write_text(
        "Escape \x1b[2J\x1b[31mtitle\x1b[0m\n\nBell\x07 and \x1b]0;owned\x07OSC and \x9b31mC1 and "
        "\x1b]8;;http://x\x1b\\hyperlink\x1b]8;;\x1b\\ in Rafah.",
        encoding="utf-8",
    )
    (corpus / "markup.txt").write_text(f"{MARKUP} title\nThe [Outlet]\n\nRafah {MARKUP} body.", encoding="utf-8")
    yield corpus
    unreadable.chmod(0o644)


@pytest.fixture
def hostile_config(tmp_path, hostile_corpus):
    return write_config(tmp_path, {"corpus": {"paths": ["hostile"], "max_file_mb": 2}, "index": {"path": "index"}})


def test_every_bad_file_is_reported_and_every_good_article_searchable(hostile_config, hostile_corpus):
    before = fingerprints(hostile_corpus)
    library = Library(load_config(hostile_config))
    report = library.refresh()
    reasons = {os.path.basename(s.path): s.reason for s in report.skipped}
    assert "binary" in reasons["binary.txt"]
    assert "empty" in reasons["empty.txt"] and "empty" in reasons["blank.md"]
    assert "limit" in reasons["huge.txt"]
    assert "JSON" in reasons["broken.json"]
    assert "record 1" in reasons["not-records.json"]
    assert "front matter" in reasons["bad-front.md"]
    if os.geteuid() != 0:  # root reads anything
        assert "cannot read" in reasons["secret.txt"]
    assert "folder.txt" not in reasons and not any("loop" in path for path in reasons)
    notes = {os.path.basename(n.path): n.reason for n in report.notes}
    assert "cp1252" in notes["latin1.txt"]
    found = {hit.id for hit in library.search("rafah", limit=50).hits}
    assert {"000_66e49714127c6392", "004_333fc97adc16281c", "latin1", "escapes", "markup"} <= found
    library.close()
    assert fingerprints(hostile_corpus) == before  # never written


def test_control_sequences_are_removed_at_load_time(hostile_config):
    library = Library(load_config(hostile_config))
    library.refresh()
    article = library.article("escapes").article
    for text in (article.title, article.text):
        assert not any(ord(ch) < 32 and ch not in "\n\t" or 0x7F <= ord(ch) <= 0x9F for ch in text)
    assert article.title == "Escape title"
    assert article.text == "Bell and OSC and C1 and hyperlink in Rafah."
    library.close()


def test_markup_stays_text_in_every_command(hostile_config):
    for args in (["search", "rafah", "--limit", "50"], ["show", "markup"], ["entities", "markup"],
                 ["compare", "markup", "004"], ["compare", "markup", "004", "--markdown"]):
        done = subprocess.run([console_script(), *args, "--config", str(hostile_config)],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        if args[-1] == "--markdown":
            assert "\\[bold\\]Bold\\[/bold\\]" in done.stdout  # escaped, so Markdown shows it too
        else:
            assert "[bold]Bold[/bold]" in done.stdout and "[@click=app.quit]quit[/]" in done.stdout


def test_index_lists_the_skipped_files(hostile_config):
    done = subprocess.run([console_script(), "index", "--json", "--config", str(hostile_config)],
                          capture_output=True, text=True, timeout=120)
    report = json.loads(done.stdout)
    skipped = {os.path.basename(s["path"]) for s in report["skipped"]}
    assert {"binary.txt", "empty.txt", "huge.txt", "broken.json"} <= skipped
    assert report["articles"] >= 8


def test_two_writers_at_once_leave_a_consistent_index(tmp_path, seeds_corpus):
    for number in range(40):
        (seeds_corpus / f"extra{number:02d}.txt").write_text(
            f"Extra {number}\n\nA report number {number} from Cairo about the talks.", encoding="utf-8")
    config = write_config(tmp_path, {"corpus": {"paths": ["corpus"]}, "index": {"path": "index", "lock_timeout": 60}})
    command = [console_script(), "index", "--json", "--config", str(config)]
    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    outputs = [process.communicate(timeout=300) for process in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    library = Library(load_config(config))
    assert library.refresh().articles == 45
    assert library.search("cairo", limit=100).total == 45
    assert len(set(library.store.ids())) == 45  # no article indexed twice
    library.close()


def test_a_writer_killed_mid_update_leaves_no_lock_and_no_damage(tmp_path, seeds_corpus):
    config = write_config(tmp_path, {"corpus": {"paths": ["corpus"]}, "index": {"path": "index", "lock_timeout": 5}})
    assert subprocess.run([console_script(), "index", "--config", str(config)], capture_output=True).returncode == 0
    # A writer that holds the lock with half a segment written, then dies.
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys; from ceasefire_tui.index.config import load_config; from ceasefire_tui.index.library import Library\n"
        "writer = Library(load_config(sys.argv[1])).store.index.writer()\n"
        "writer.add_document(id='ghost', path='ghost.txt', title='Ghost', body='ghost words')\n"
        "print('locked', flush=True); sys.stdin.read()"), str(config)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=30)
    (seeds_corpus / "extra.txt").write_text("Extra\n\nA report from Zanzibar.", encoding="utf-8")
    update = subprocess.run([console_script(), "index", "--json", "--config", str(config)],
                            capture_output=True, text=True, timeout=60)
    assert update.returncode == 0, update.stderr
    assert json.loads(update.stdout)["added"] == 1
    library = Library(load_config(config))
    assert library.search("zanzibar").total == 1 and library.search("ghost").total == 0
    assert library.search("rafah").total == 5
    library.close()


# sha256 of the five seed files, concatenated in name order, as published.
SEEDS_DIGEST = "cc9b2272816e942271ec528cba99cb5e12082cd8188c65b411a80b9a4dde21c3"


def test_the_seeds_are_byte_identical_after_everything():
    """The bundled seeds are read by many tests; none may change them."""
    expected = {
        "000_66e49714127c6392.txt": 2001, "001_a349a3b93b2e3782.txt": 2516, "002_74339042f3bb36aa.txt": 2720,
        "003_99c215f24256f5c4.txt": 3094, "004_333fc97adc16281c.txt": 2311,
    }
    assert {path.name: path.stat().st_size for path in SEEDS.iterdir()} == expected
    digest = hashlib.sha256(b"".join(path.read_bytes() for path in sorted(SEEDS.iterdir()))).hexdigest()
    assert digest == SEEDS_DIGEST



async def test_the_tui_lists_the_skipped_files_on_request(hostile_config):
    app = make_app(hostile_config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: "skipped" in (app.sub_title or ""), what="the startup refresh")
        await settle(pilot)
        await pilot.press("escape", "i")  # leave the search box, then the index report
        await wait_until(pilot, lambda: "Index report" in screen_text(app), what="the index report")
        shown = screen_text(app)
        for name, reason in (("binary.txt", "binary"), ("huge.txt", "limit"), ("broken.json", "JSON"),
                             ("latin1.txt", "cp1252")):
            assert name in shown and reason in shown
        await pilot.press("escape")
        await wait_until(pilot, lambda: "Index report" not in screen_text(app), what="the report to close")
    app.library.close()


async def test_an_empty_corpus_opens_an_app_that_says_so(tmp_path):
    (tmp_path / "corpus").mkdir()
    config = write_config(tmp_path, {"corpus": {"paths": ["corpus"]}, "index": {"path": "index"}})
    app = make_app(config)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: "No articles to read" in screen_text(app), what="the empty-corpus message")
        status = status_line(app)
        assert f"Nothing readable in {tmp_path / 'corpus'} (corpus.paths in {config})" in status
        await pilot.press("escape", "j", "enter", "tab", "n", "e", "c", "question_mark")
        assert app.is_running
    app.library.close()


# --- hostile file names -------------------------------------------------------------

OSC52 = "\x1b]52;c;b3duZWQ=\x07"  # writes "owned" to the clipboard
OSC0 = "\x1b]0;owned\x07"  # sets the window title
HOSTILE_STEMS = [
    f"clip{OSC52}board",
    f"title{OSC0}bar",
    "red\x1b[31mtext",
    "c1\x9b31m\x9d0;x\x9c",
    "bidi\u202eevil",
    "zero\u200bwidth\u2060joiner",
]


def acting_characters(text: str) -> list[str]:
    """Every character in ``text`` that acts on a terminal or reorders a line
    (controls but newline and tab, C1, format characters, surrogates)."""
    import unicodedata

    return sorted({repr(ch) for ch in text
                   if ch not in "\n\t" and unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp")})


@pytest.fixture
def hostile_names(tmp_path):
    """Articles whose file names, titles and outlets carry escape sequences,
    C1 controls, bidi overrides and zero-width characters; one file really
    named like the printable form of another; one empty (skipped) file with
    a hostile name."""
    corpus = tmp_path / "names"
    corpus.mkdir()
    for number, stem in enumerate(HOSTILE_STEMS):
        (corpus / f"{stem}.txt").write_text(
            f"Talks in Cairo{OSC52} day \u202e{number}\u202c\nThe \u200bWire\u2066 {number}\n\n"
            f"Negotiators met in Rafah{OSC0} on day {number} and said \u202ethe talks\u202c would go on.",
            encoding="utf-8")
    (corpus / "red\\x1b[31mtext.txt").write_text("Lookalike\n\nA file really named with a backslash, in Rafah.",
                                                 encoding="utf-8")
    (corpus / f"empty{OSC52}.txt").write_bytes(b"")
    return write_config(tmp_path, {"corpus": {"paths": ["names"]}, "index": {"path": "index"}})


def run_command(config, *args):
    done = subprocess.run([console_script(), *args, "--config", str(config)], capture_output=True,
                          text=True, encoding="utf-8", errors="surrogateescape", timeout=120)
    assert done.returncode == 0, done.stderr
    return done


def test_hostile_names_become_printable_distinct_ids(hostile_names):
    library = Library(load_config(hostile_names))
    report = library.refresh()
    ids = library.store.ids()
    assert len(ids) == len(set(ids)) == len(HOSTILE_STEMS) + 1
    for article_id in ids:
        assert acting_characters(article_id) == [], article_id
    assert any(article_id.startswith("clip\\x1b]52;c;b3duZWQ=\\x07board~") for article_id in ids)
    assert "red\\x1b[31mtext" in ids  # the file really named so keeps its name; the other one differs
    assert [os.path.basename(s.path) for s in report.skipped] == [f"empty{OSC52}.txt"]
    for article_id in ids:
        article = library.article(article_id).article
        assert acting_characters(f"{article.title} {article.source} {article.text}") == []
    library.close()
    again = Library(load_config(hostile_names))
    again.refresh(rebuild=True)
    assert sorted(again.store.ids()) == sorted(ids)  # stable
    again.close()


def test_no_command_lets_a_file_name_act_on_the_terminal(hostile_names):
    listing = json.loads(run_command(hostile_names, "search", "", "--json").stdout)
    ids = [hit["id"] for hit in listing["hits"]]
    assert len(ids) == len(HOSTILE_STEMS) + 1
    a, b = ids[0], ids[1]
    outputs = [run_command(hostile_names, "index"), run_command(hostile_names, "index", "--json"),
               run_command(hostile_names, "index", "--rebuild")]
    for args in (["search", "rafah"], ["search", "rafah", "--json"], ["entities"], ["entities", "--json"],
                 ["compare", a, b], ["compare", a, b, "--json"], ["compare", a, b, "--markdown"]):
        outputs.append(run_command(hostile_names, *args))
    for article_id in ids:
        for args in (["show", article_id], ["show", article_id, "--json"], ["entities", article_id],
                     ["entities", article_id, "--json"]):
            outputs.append(run_command(hostile_names, *args))
    for done in outputs:
        assert acting_characters(done.stdout) == [], (done.args, done.stdout)
        assert acting_characters(done.stderr) == [], (done.args, done.stderr)
    skipped = json.loads(outputs[1].stdout)["skipped"]
    assert [s["path"].rsplit("/", 1)[-1] for s in skipped] == ["empty\\x1b]52;c;b3duZWQ=\\x07.txt"]
    assert "skipped " in outputs[0].stderr and "empty\\x1b]52" in outputs[0].stderr


async def test_the_tui_shows_hostile_names_as_text(hostile_names, tmp_path, monkeypatch):
    from ceasefire_tui.tui.screens.compare import CompareScreen
    from ceasefire_tui.tui.screens.index_report import IndexReportScreen

    app = make_app(hostile_names)
    async with app.run_test(size=(140, 40)) as pilot:
        count = len(HOSTILE_STEMS) + 1
        await wait_until(pilot, lambda: app.screen.query_one("#results").option_count == count
                         and app.screen.query_one("#reader").stored is not None, what="the articles listed")
        await settle(pilot)
        seen = [screen_text(app)]
        ids = [hit.id for hit in app.screen.query_one("#results").hits]
        app.screen.launcher.start_comparison(ids[0], ids[1])
        await wait_until(pilot, lambda: isinstance(app.screen, CompareScreen), what="the compare screen")
        await settle(pilot)
        seen.append(screen_text(app))
        await pilot.press("e")
        await wait_until(pilot, lambda: app.clipboard, what="the exported report")
        await settle(pilot)
        seen.append(app.clipboard)
        exported = list(app.library.config.ui.exports_folder().iterdir())
        assert len(exported) == 1
        seen += [exported[0].name, exported[0].read_text(encoding="utf-8")]
        seen += notice_texts(app)
        await pilot.press("escape")
        await settle(pilot)
        app.push_screen(IndexReportScreen(app.screen.upkeep.report))
        await settle(pilot)
        seen.append(screen_text(app))
    for text in seen:
        assert acting_characters(text) == [], text
    assert "\\x1b]52" in seen[0]  # the ids are shown, visibly escaped


# --- one bad file never stops the corpus ----------------------------------------------


@pytest.fixture
def faulty_corpus(tmp_path):
    """The seeds plus files that each used to stop the whole corpus, or were
    misreported."""
    corpus = tmp_path / "faulty"
    corpus.mkdir()
    for seed in SEEDS.iterdir():
        (corpus / seed.name).write_bytes(seed.read_bytes())
    with open(os.path.join(os.fsencode(corpus), b"bad\xff.txt"), "wb") as handle:
        handle.write(b"Undecodable name\n\nA file whose name is not UTF-8, about Rafah.")
    (corpus / "bignumber.json").write_text(
        '{"title": "Big number", "text": "A record with a huge count, about Rafah.", "count": ' + "9" * 100_000 + "}",
        encoding="utf-8")
    (corpus / "feed.json").write_text(json.dumps([
        {"id": "same", "title": f"Same {n}", "text": f"Record {n} of three with one id, about Rafah."}
        for n in range(3)
    ] + [{"id": "own", "title": "Own", "text": "A record with an id of its own, about Rafah."},
         {"id": "wide", "title": "Not wide", "text": "A record with another file's id, about Rafah."}]),
        encoding="utf-8")
    (corpus / "wide.txt").write_bytes("Wide title\n\nA UTF-16 file about Rafah, café.".encode("utf-16"))
    (corpus / "wider.txt").write_bytes("Wider title\n\nA UTF-32 file about Rafah.".encode("utf-32"))
    return write_config(tmp_path, {"corpus": {"paths": ["faulty"]}, "index": {"path": "index"}})


def test_one_bad_file_is_one_line_and_the_rest_is_indexed(faulty_corpus):
    library = Library(load_config(faulty_corpus))
    report = library.refresh()
    reasons = {printable(s.path).rsplit("/", 1)[-1]: s.reason for s in report.skipped}
    assert list(reasons) == ["bad\\xff.txt"] and "not valid UTF-8" in reasons["bad\\xff.txt"]
    notes = {os.path.basename(n.path): n.reason for n in report.notes}
    assert "UTF-16" in notes["wide.txt"] and "UTF-32" in notes["wider.txt"]
    assert "'same' (3 records)" in notes["feed.json"] and "other files' ids: 'wide'" in notes["feed.json"]
    ids = library.store.ids()
    assert len(ids) == len(set(ids)) == 5 + 1 + 5 + 2
    assert {"bignumber", "wide", "wider", "own", "feed-001", "feed-002", "feed-003", "feed-005"} <= set(ids)
    assert library.article("wide").article.title == "Wide title"
    assert library.article("feed-005").article.title == "Not wide"
    assert "café" in library.article("wide").article.text
    assert library.search("rafah", limit=50).total == 5 + 1 + 5 + 2  # every good article
    library.close()
    again = Library(load_config(faulty_corpus))
    assert sorted(again.refresh(rebuild=True) and again.store.ids()) == sorted(ids)  # stable
    again.close()


def test_every_command_runs_beside_a_file_with_an_undecodable_name(faulty_corpus):
    index = run_command(faulty_corpus, "index")
    assert "skipped" in index.stderr and "bad\\xff.txt" in index.stderr
    listed = json.loads(run_command(faulty_corpus, "index", "--json").stdout)
    assert [s["path"].rsplit("/", 1)[-1] for s in listed["skipped"]] == ["bad\\xff.txt"]
    for args in (["search", "rafah"], ["search", "rafah", "--json"], ["show", "wide"], ["entities"],
                 ["compare", "wide", "wider"]):
        run_command(faulty_corpus, *args)


def test_an_unreadable_folder_gets_a_skip_line(seeds_corpus, monkeypatch):
    from ceasefire_tui.index.corpus import discovery as corpus

    locked = seeds_corpus / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text("Inside\n\nHidden away.", encoding="utf-8")
    scandir = os.scandir

    def refusing(path):
        if os.path.basename(str(path)) == "locked":  # root reads a chmod 000 folder anyway
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(corpus.os, "scandir", refusing)
    found = corpus.discover([seeds_corpus], 10_000_000)
    assert [(os.path.basename(s.path), s.reason) for s in found.skipped] == [
        ("locked", "cannot read this folder (Permission denied)")]
    assert len(found.files) == 5
