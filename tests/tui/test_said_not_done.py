"""What the app did not do as configured is said: the spaCy backend that is
not installed, a keymap that hides a key or names none; and every hint
names the key bound now."""

from __future__ import annotations

import os
import subprocess

import pytest

from ceasefire_tui.index.config import ConfigError, load_config
from ceasefire_tui.index.library import Library
from support import console_script, write_config
from ceasefire_tui.tui.app import CeasefireApp
from ceasefire_tui.tui.screens.help import HelpScreen
from ceasefire_tui.tui.widgets.results import ResultsList
from tui_support import make_app, screen_text, settle, started, wait_until

SPACY_MISSING = {"entities": {"backend": "spacy", "model": "no_such_pipeline_xyz"}}


def config_with(tmp_path, **sections):
    return write_config(tmp_path, {"corpus": {"paths": ["corpus"]}, "index": {"path": "idx"}, **sections})


def run(*args):
    return subprocess.run([console_script(), *args], capture_output=True, text=True, env=dict(os.environ),
                          timeout=120)


def test_the_refresh_report_says_the_spacy_backend_fell_back_to_the_rules(tmp_path, seeds_corpus):
    library = Library(load_config(config_with(tmp_path, **SPACY_MISSING)))
    try:
        note = library.refresh().backend_note
    finally:
        library.close()
    assert note and "entities.backend: spacy" in note and "not installed" in note and "rules" in note
    assert str(tmp_path / "config.yaml") in note


def test_the_rules_backend_has_nothing_to_say(library):
    assert library.refresh().backend_note is None


def test_the_cli_says_it_once_on_stderr(tmp_path, seeds_corpus):
    config = config_with(tmp_path, **SPACY_MISSING)
    done = run("search", "rafah", "--json", "--config", str(config))
    assert done.returncode == 0, done.stderr
    notes = [line for line in done.stderr.splitlines() if "entities.backend: spacy" in line]
    assert len(notes) == 1 and notes[0].startswith("note: ")


async def test_the_tui_says_it_in_a_notice(tmp_path, seeds_corpus):
    app = make_app(config_with(tmp_path, **SPACY_MISSING))
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        notes = [n.message for n in app._notifications if "entities.backend: spacy" in n.message]
        assert len(notes) == 1
    app.library.close()


@pytest.mark.parametrize("keymap, named", [
    ({"compare": "q"}, ["ui.keymap.compare", "'q'", "quit"]),
    ({"compare": "ctrl+shift+banana"}, ["ui.keymap.compare", "ctrl+shift+banana", "not a key name"]),
    ({"help": "ctrl+q"}, ["ui.keymap.help", "quit_always"]),
    ({"reader.next_match": "j"}, ["ui.keymap.reader.next_match", "reader.down", "Reader"]),
    ({"reader.nxt": "f"}, ["unknown key 'ui.keymap.reader.nxt'"]),
    ({"compare": "x"}, ["ui.keymap.compare", "'x'", "results.copies", "Results"]),  # the focused list's key
    ({"results.copies": "o"}, ["ui.keymap.results.copies", "article.open_url"]),  # would hide the panes' key
])
def test_a_keymap_that_hides_a_key_or_names_none_stops_the_app(tmp_path, seeds_corpus, keymap, named):
    config = config_with(tmp_path, ui={"keymap": keymap})
    library = Library(load_config(config))
    with pytest.raises(ConfigError) as raised:
        CeasefireApp(library)
    library.close()
    message = str(raised.value)
    assert str(config) in message and all(part in message for part in named), message


def test_the_console_script_exits_2_before_the_tui_starts(tmp_path, seeds_corpus):
    config = config_with(tmp_path, ui={"keymap": {"compare": "q"}})
    done = run("--config", str(config))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "ui.keymap.compare" in done.stderr and str(config) in done.stderr


def test_keys_moved_out_of_each_other_s_way_are_fine(tmp_path, seeds_corpus):
    config = config_with(tmp_path, ui={"keymap": {"compare": "q", "quit": "ctrl+x"}})
    library = Library(load_config(config))
    CeasefireApp(library)
    library.close()


async def test_every_hint_names_the_rebound_key(tmp_path, seeds_corpus):
    app = make_app(config_with(tmp_path, ui={"keymap": {"compare": "z", "reader.next_match": "f"}}))
    async with app.run_test(size=(160, 80)) as pilot:  # tall enough for the whole help table
        await started(pilot)
        results = app.screen.query_one(ResultsList)
        await pilot.press("escape", "z")  # to the results; mark the highlighted one
        await settle(pilot)
        marked = [n.message for n in app._notifications if n.message.startswith("Marked")]
        assert marked and "press z on another result" in marked[-1]
        assert "z compares" in results.border_subtitle
        palette = {command.title: command.help for command in app.get_system_commands(app.screen)}
        assert palette["Mark for comparison"].endswith("(z)")
        assert palette["Next match"].endswith("(f)")
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), what="help")
        shown = " ".join(screen_text(app).split())
        assert "z on another compares them" in shown and "c on another" not in shown
    app.library.close()
