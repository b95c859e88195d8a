"""The benchmarks still run: benchmarks/run.py at a tiny size, in a subprocess.

A smoke test only. It checks that every probe ran and reported its figures,
never what the figures are: timings belong in benchmarks/README.md, not in
assertions (they depend on the machine and on what else runs on it).
"""

import json
import subprocess
import sys
from pathlib import Path

RUN = Path(__file__).resolve().parents[2] / "benchmarks" / "run.py"


def test_benchmarks_run_end_to_end_at_a_tiny_size(tmp_path):
    done = subprocess.run(
        [sys.executable, str(RUN), "--articles", "30", "--quick", "--json", "--cache", str(tmp_path / "cache")],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(done.stdout)
    assert set(results["sizes"]) == {"seeds", "30"}
    for size, measured in results["sizes"].items():
        failed = {name: probe["error"] for name, probe in measured.items() if isinstance(probe, dict) and "error" in probe}
        assert not failed, (size, failed)
        assert measured["build"]["articles"] == measured["articles"]
        assert measured["search"]["all"]["n"] > 0
        assert measured["search"]["totals"]
        assert measured["search"]["outlets_exact"] is True
        assert measured["fts"]["all"]["n"] > 0
        assert measured["cli"]["textual_imported"] is False
        assert measured["tui"]["keystroke_to_painted"]["n"] > 0
    assert "error" not in results["embedding"], results["embedding"]
    assert results["embedding"]["matrix"]["n"] > 0
    assert results["embedding"]["paraphrases_semantic"]["pairs"] > 0
    generated = list((tmp_path / "cache" / "corpus-30-s7").rglob("*.*"))
    assert {path.suffix for path in generated} >= {".txt", ".md"}
    assert {check["target"] for check in results["targets"]}


def test_generated_copies_are_edited_republications_under_other_outlets(tmp_path):
    sys.path.insert(0, str(RUN.parent))
    import generate

    copies = [n for n in range(200) if generate.copy_of(n, 7, 0.2) is not None]
    assert 20 <= len(copies) <= 60  # about the fraction asked for
    for number in range(200):  # the originals are the bytes they were without copies
        if number not in copies:
            assert generate.article(number, 7, 0.2) == generate.article(number, 7)
    number = copies[0]
    origin = generate.copy_of(number, 7, 0.2)
    assert generate.copy_of(origin, 7, 0.2) is None  # a copy is of an original
    _, copy_text = generate.article(number, 7, 0.2)
    _, original_text = generate.original(origin, 7)
    copy_outlet = copy_text.split("\n")[1] if not copy_text.startswith("---") else copy_text.split("source: ")[1]
    original_outlet = (original_text.split("\n")[1] if not original_text.startswith("---")
                       else original_text.split("source: ")[1])
    assert copy_outlet.split("\n")[0] != original_outlet.split("\n")[0]
    assert copy_text != original_text
    shared = set(original_text.split()) & set(copy_text.split())
    assert len(shared) > 0.5 * len(set(original_text.split()))


def test_the_syndication_benchmark_finds_the_generated_copies(tmp_path):
    done = subprocess.run(
        [sys.executable, str(RUN.parent / "syndication.py"), "--articles", "60", "--copies-fraction", "0.3",
         "--builds", "1", "--cache", str(tmp_path / "cache"), "--baseline", "HEAD"],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout)
    assert report["copy_pairs"] > 0 and report["recall"] >= 0.8 and report["wrong_pairs"] == 0
    assert report["noop_refresh_with_s"] and report["noop_refresh_without_s"] and report["signatures_mb"] > 0
