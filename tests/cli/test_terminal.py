"""The real console script in a real terminal (tmux), driven by keys."""

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from support import console_script, write_config

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed, so no real terminal")


class Terminal:
    def __init__(self, command: str, width: int = 120, height: int = 32) -> None:
        self.name = f"cft-{uuid.uuid4().hex[:8]}"
        # A server of its own (-L): tests never share, or race, a tmux server.
        self.tmux = ["tmux", "-L", self.name]
        # Start on a placeholder and swap the app in once the pane has its
        # size, so the app never starts at tmux's default 80x24.
        subprocess.run([*self.tmux, "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height),
                        "-e", "TERM=xterm-256color", "cat"], check=True)
        subprocess.run([*self.tmux, "resize-window", "-t", self.name, "-x", str(width), "-y", str(height)], check=True)
        # COLUMNS/LINES inherited from the test process would pin the app's size.
        subprocess.run([*self.tmux, "respawn-pane", "-k", "-t", self.name, "-e", "TERM=xterm-256color",
                        f"env -u COLUMNS -u LINES {command}"], check=True)

    def screen(self) -> str:
        done = subprocess.run([*self.tmux, "capture-pane", "-t", self.name, "-p"], capture_output=True, text=True)
        return done.stdout

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{self.screen()}")

    def wait_for_absence(self, text: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while text in self.screen():
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never went away; the screen shows:\n{self.screen()}")
            time.sleep(0.1)

    def keys(self, *keys: str, literal: bool = False) -> None:
        subprocess.run([*self.tmux, "send-keys", "-t", self.name, *(["-l"] if literal else []), *keys], check=True)

    def alive(self) -> bool:
        return subprocess.run([*self.tmux, "has-session", "-t", self.name], capture_output=True).returncode == 0

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True, check=False)


def test_search_read_and_quit_in_a_real_terminal(seeds_config):
    terminal = Terminal(f"{console_script()} --config {seeds_config}")
    try:
        terminal.wait_for("5 articles")
        terminal.keys("gallant", literal=True)
        terminal.wait_for("1 article ")
        terminal.keys("Enter")
        terminal.wait_for("? Help")  # the results have the focus
        terminal.keys("Enter")
        terminal.wait_for("1 match · n/N to jump")
        terminal.wait_for("n Next match")  # the footer of the reader: Enter moved the focus there once loaded
        terminal.keys("n")
        screen = terminal.wait_for("match 1/1")
        assert "Yoav Gallant" in screen and "Israel-Hamas Ceasefire Talks Teeter" in screen
        terminal.keys("?")
        terminal.wait_for("Binding id")
        terminal.keys("Escape")
        terminal.wait_for_absence("Binding id")  # Escape then q at once would arrive as alt+q
        terminal.wait_for("? Help")
        terminal.keys("q")
        deadline = time.monotonic() + 15
        while terminal.alive() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not terminal.alive(), "q did not quit the app"
    finally:
        terminal.close()


def test_small_terminal_collapses_the_sidebar(seeds_config):
    terminal = Terminal(f"{console_script()} --config {seeds_config}", width=80, height=24)
    try:
        screen = terminal.wait_for("5 articles")
        assert "Outline" not in screen  # the sidebar is folded away at 80 columns
        terminal.keys("C-b")
        terminal.wait_for("Outline")
    finally:
        terminal.close()


def test_typing_right_after_slash_goes_to_the_search_box(seeds_config):
    terminal = Terminal(f"{console_script()} --config {seeds_config}")
    try:
        terminal.wait_for("Leave search")  # the search box has the focus
        terminal.keys("Tab")  # to the results (Tab, unlike Escape, is never part of an escape sequence)
        terminal.wait_for("? Help")  # shown only outside the search box
        terminal.keys("/")
        terminal.keys("burns", literal=True)  # sent at once, faster than any typist
        terminal.wait_for("2 articles")
        assert "burns" in terminal.screen().splitlines()[1]
    finally:
        terminal.close()


def test_a_new_corpus_of_300_articles_is_built_and_listed_by_the_app(tmp_path):
    generate(tmp_path / "corpus", 300)
    config = write_config(tmp_path, {"corpus": {"paths": ["corpus"]}, "index": {"path": "index"}})
    terminal = Terminal(f"{console_script()} --config {config}")
    try:
        progress_shown = False
        deadline = time.monotonic() + 180
        while "300 articles" not in (screen := terminal.screen()):
            assert time.monotonic() < deadline, f"the 300 articles were never listed; the screen shows:\n{screen}"
            assert "cannot update the index" not in screen, screen
            progress_shown = progress_shown or ("Indexing " in screen and "/300 files" in screen)
            time.sleep(0.05)
        assert progress_shown
        assert "Indexing" not in screen
    finally:
        terminal.close()
