"""The console script with its standard streams closed, full, narrow or cut short."""

import json
import os
import subprocess

import pytest

from support import console_script, write_config

NEEDS_A_TERMINAL = ("ceasefire-tui: the reader needs a terminal to read keys from; "
                    "for scripts and pipes use a headless command (ceasefire-tui --help)\n")


def shell(redirect, *args, **kwargs):
    """The console script run by sh with one stream redirected (`>&-` closes stdout)."""
    return subprocess.run(["sh", "-c", f'exec "$0" "$@" {redirect}', console_script(), *args],
                          capture_output=True, text=True, timeout=120, **kwargs)


@pytest.mark.parametrize("redirect", ["<&-", "</dev/null"])
def test_the_tui_without_a_terminal_says_so(redirect):
    done = shell(redirect, stdin=subprocess.DEVNULL)
    assert (done.returncode, done.stderr) == (2, NEEDS_A_TERMINAL)


@pytest.mark.parametrize("json_flag", [[], ["--json"]])
def test_a_closed_stdout_is_one_sentence_and_exit_1(seeds_config, json_flag):
    done = shell(">&-", "search", "hamas", *json_flag, "--config", str(seeds_config))
    assert done.returncode == 1
    assert done.stderr.endswith("ceasefire-tui: cannot write the output: standard output is closed\n")
    assert "Traceback" not in done.stderr


def test_index_writes_nothing_to_stdout_so_a_closed_one_is_fine(seeds_config):
    assert shell(">&-", "index", "--config", str(seeds_config)).returncode == 0


@pytest.mark.parametrize("json_flag", [[], ["--json"]])
def test_a_full_disk_is_one_sentence_and_exit_1(seeds_config, json_flag):
    done = shell(">/dev/full", "show", "002", *json_flag, "--config", str(seeds_config))
    assert done.returncode == 1
    assert done.stderr.endswith("ceasefire-tui: cannot write the output: No space left on device\n")
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr


def test_an_ascii_output_still_gets_everything(seeds_config):
    environment = dict(os.environ, PYTHONIOENCODING="ascii")
    run = lambda *args: subprocess.run([console_script(), *args, "--config", str(seeds_config)],  # noqa: E731
                                       capture_output=True, text=True, timeout=120, env=environment)
    as_json = run("show", "002", "--json")
    assert as_json.returncode == 0, as_json.stderr
    assert "Israel’s refusal" in json.loads(as_json.stdout)["text"]  # escaped, not lost
    human = run("show", "002")
    assert human.returncode == 0, human.stderr
    assert "Israel?s refusal" in human.stdout  # replaced, not fatal


@pytest.mark.parametrize("json_flag", [[], ["--json"]])
def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path, json_flag):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    paragraph = "The talks in Cairo went on through the night without an agreement. " * 20
    (corpus / "long.txt").write_text("A long article\n\n" + "\n\n".join([paragraph] * 300), encoding="utf-8")
    config = write_config(tmp_path, {"corpus": {"paths": ["corpus"]}, "index": {"path": "index"}})
    process = subprocess.Popen([console_script(), "show", "long", *json_flag, "--config", str(config)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert len(process.stdout.read(10)) == 10  # far more than a pipe holds is still to come
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 0
    assert "Traceback" not in stderr and "Exception ignored" not in stderr
