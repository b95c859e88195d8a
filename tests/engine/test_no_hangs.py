"""Files that would hang the reader or eat its memory, and builds stopped
from outside (Ctrl-C, kill -9): nothing hangs, nothing is left running."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ceasefire_tui.index.corpus.discovery import NOT_A_FILE, read_articles
from support import SEEDS

posix_only = pytest.mark.skipif(os.name != "posix", reason="named pipes and /dev need a POSIX system")


def run_with_deadline(code: str, timeout: float) -> subprocess.CompletedProcess:
    """``code`` in a fresh interpreter, killed at ``timeout`` (a hang fails the
    test instead of stopping the suite)."""
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=timeout, cwd=Path(__file__).resolve().parents[2])


@posix_only
def test_a_named_pipe_among_the_articles_is_skipped_without_blocking(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "001.txt").write_bytes((SEEDS / "001_a349a3b93b2e3782.txt").read_bytes())
    os.mkfifo(corpus / "x.txt")
    done = run_with_deadline(f"""
        from ceasefire_tui.index.corpus.discovery import read_articles
        result = read_articles([{str(corpus)!r}])
        print(len(result.articles), [(s.path.rsplit("/", 1)[-1], s.reason) for s in result.skipped])
    """, timeout=60)
    assert done.stdout.strip() == f"1 [('x.txt', {NOT_A_FILE!r})]", done.stderr


@posix_only
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_symlink_to_an_endless_device_is_skipped(tmp_path, device):
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "endless.txt").symlink_to(device)
    result = read_articles([corpus], max_bytes=1_000_000)
    assert not result.articles
    assert [skipped.reason for skipped in result.skipped] == [NOT_A_FILE]


def test_plain_text_layout_is_linear_in_the_number_of_lines():
    # 200,000 short lines: a second or two when linear; when each line was
    # tested against the text joined so far, 50,000 lines took 74 s and this
    # would take over 15 minutes.
    done = run_with_deadline("""
        from ceasefire_tui.index.corpus.layout import parse_plain
        layout = parse_plain("\\n".join(f"word {i} more" for i in range(200_000)))
        print(len(layout.parts))
    """, timeout=90)
    assert done.returncode == 0 and done.stdout.strip() == "1", done.stderr


def _building(tmp_path: Path, articles: int = 2000) -> tuple[subprocess.Popen, Path]:
    """`ceasefire-tui index` on a new generated corpus, once it has indexed
    its first 500 files in worker processes (SIGINT not ignored, as in a shell)."""
    import signal

    from support import console_script, write_config

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from generate import generate

    generate(tmp_path / "corpus", articles)
    config = write_config(tmp_path, {"corpus": {"paths": ["corpus"]}, "index": {"path": "index"}})
    build = subprocess.Popen([console_script(), "index", "--config", str(config)], stderr=subprocess.PIPE,
                             stdout=subprocess.DEVNULL, text=True,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert build.stderr.readline().startswith("indexed 500/")
    return build, tmp_path / "index"


def _children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [int(child) for child in found]


def _ended(pids: list[int], timeout: float) -> list[int]:
    import time

    deadline = time.monotonic() + timeout
    while (alive := [pid for pid in pids if Path(f"/proc/{pid}").exists()
                     and "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()]):
        if time.monotonic() > deadline:
            return alive
        time.sleep(0.05)
    return []


linux_only = pytest.mark.skipif(not Path("/proc/self").exists() or not sys.platform.startswith("linux"),
                                reason="watches processes through /proc")


@linux_only
def test_ctrl_c_stops_a_parallel_build_promptly_and_says_so(tmp_path):
    import signal

    build, _ = _building(tmp_path)
    build.send_signal(signal.SIGINT)
    _, rest = build.communicate(timeout=30)
    assert build.returncode == 130
    assert "stopped: the index was left as it was" in rest and "Traceback" not in rest, rest


@linux_only
def test_after_kill_9_the_workers_end_and_the_next_start_clears_what_they_left(tmp_path):
    build, index = _building(tmp_path)
    workers = [pid for pid in _children(build.pid) if "resource_tracker" not in Path(f"/proc/{pid}/cmdline").read_text()]
    assert workers
    build.kill()
    build.wait()
    assert _ended(workers, timeout=30) == []
    from ceasefire_tui.index.config import load_config
    from ceasefire_tui.index.library import Library

    library = Library(load_config(tmp_path / "config.yaml"))
    library.refresh()
    library.close()
    assert not (index / "MAIN.tmp").exists() or not any((index / "MAIN.tmp").iterdir())
