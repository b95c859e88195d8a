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
