"""Benchmark of syndicated-copy grouping (issue 15): build time with and
without it, a no-op refresh, the copy pairs found (recall against the
generator's ground truth) and the memory of the signatures.

    python benchmarks/syndication.py [--articles 10000] [--copies-fraction 0.1] [--baseline REV]

The corpus is generated into ``benchmarks/.cache`` with that share of
syndicated copies (``generate.py --copies-fraction``). "Without grouping"
is the engine at ``--baseline`` (default: the commit this branch started
from, ``git merge-base HEAD main``), extracted with ``git archive``: the
same engine with no signatures computed and nothing grouped. Each build
and each refresh runs in a fresh process, as a user's does.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from generate import DEFAULT_SEED, copy_of, generate  # noqa: E402

# Run in a fresh interpreter with the engine of argv[1] first on the path.
BUILD = """
import json, sys, time, tracemalloc
sys.path.insert(0, sys.argv[1])
from ceasefire_tui.index.config import load_config
from ceasefire_tui.index.library import Library
library = Library(load_config(sys.argv[2]))
started = time.perf_counter()
report = library.refresh(rebuild=True)
result = {"seconds": time.perf_counter() - started, "articles": report.articles}
if sys.argv[3] == "grouping":
    from ceasefire_tui.index.story.syndication import group_copies
    table = library.store.signature_table()
    started = time.perf_counter()
    group_copies(table, library.config.index.copy_threshold)
    result["grouping_seconds"] = time.perf_counter() - started
    tracemalloc.start()  # a second time, for the memory: tracing slows it
    group_copies(table, library.config.index.copy_threshold)
    result["grouping_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    copies, values, shingles = table.matrix()
    result["signatures_mb"] = values.nbytes / 2**20
    result["signed_articles"] = len(copies)
    result["sidecar_mb"] = (library.store.directory / "minhash-signatures.json").stat().st_size / 2**20
    result["groups"] = [[copy.id for copy in group.copies] for group in library.syndication().groups.values()]
print(json.dumps(result))
"""
NOOP = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from ceasefire_tui.index.config import load_config
from ceasefire_tui.index.library import Library
library = Library(load_config(sys.argv[2]))
started = time.perf_counter()
library.refresh()
print(json.dumps({"seconds": time.perf_counter() - started}))
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--copies-fraction", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--baseline", default=None, help="engine without grouping (a git revision)")
    parser.add_argument("--builds", type=int, default=2, help="builds of each engine, alternating")
    parser.add_argument("--cache", type=Path, default=HERE / ".cache")
    args = parser.parse_args(argv)
    cache = args.cache.resolve()
    corpus = cache / f"corpus-{args.articles}-s{args.seed}-copies{args.copies_fraction:g}"
    if not corpus.is_dir():
        print(f"generating {corpus.name}…", file=sys.stderr)
        partial = corpus.with_name(corpus.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        generate(partial, args.articles, args.seed, args.copies_fraction)
        partial.rename(corpus)
    revision = args.baseline or _git("merge-base", "HEAD", "main")
    baseline = cache / f"engine-{revision[:10]}"
    if not baseline.is_dir():
        baseline.mkdir(parents=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision, "index", "config.yaml"],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(baseline)], input=archive, check=True)
    engines = {"without grouping": (baseline, "plain"), "with grouping": (ROOT, "grouping")}
    results: dict[str, list[dict]] = {name: [] for name in engines}
    for _ in range(args.builds):
        for name, (code, mode) in engines.items():
            config = _config(cache, corpus, name)
            done = _python(BUILD, code, config, mode)
            print(f"{name}: built {done['articles']} articles in {done['seconds']:.1f} s "
                  f"({done['cpu_seconds']:.1f} s of CPU)", file=sys.stderr)
            results[name].append(done)
    noop = {name: [] for name in engines}
    for _ in range(5):  # alternating, as the load of the machine changes
        for name, (code, _) in engines.items():
            noop[name].append(_python(NOOP, code, _config(cache, corpus, name, fresh=False))["seconds"])
    with_grouping = results["with grouping"][-1]
    report = {
        "articles": args.articles, "copies_fraction": args.copies_fraction, "baseline": revision,
        "build_without_s": [round(r["seconds"], 2) for r in results["without grouping"]],
        "build_with_s": [round(r["seconds"], 2) for r in results["with grouping"]],
        "build_cpu_without_s": [round(r["cpu_seconds"], 1) for r in results["without grouping"]],
        "build_cpu_with_s": [round(r["cpu_seconds"], 1) for r in results["with grouping"]],
        "grouping_s": round(with_grouping["grouping_seconds"], 2),
        "grouping_peak_mb": round(with_grouping["grouping_peak_mb"], 1),
        "signatures_mb": round(with_grouping["signatures_mb"], 2),
        "signatures_sidecar_mb": round(with_grouping["sidecar_mb"], 1),
        "noop_refresh_without_s": [round(seconds, 3) for seconds in noop["without grouping"]],
        "noop_refresh_with_s": [round(seconds, 3) for seconds in noop["with grouping"]],
        **_recall(with_grouping["groups"], corpus, args),
    }
    without = statistics.median(report["build_without_s"])
    report["build_added_percent"] = round(100 * (statistics.median(report["build_with_s"]) - without) / without, 1)
    cpu_without = statistics.median(report["build_cpu_without_s"])
    report["build_cpu_added_percent"] = round(
        100 * (statistics.median(report["build_cpu_with_s"]) - cpu_without) / cpu_without, 1)
    report["load_average"] = [round(load, 1) for load in os.getloadavg()]
    print(json.dumps(report, indent=2))
    return 0


def _recall(groups: list[list[str]], corpus: Path, args: argparse.Namespace) -> dict:
    """Pairs of articles of one wire story (the generator's truth) that are
    in one group, and grouped pairs that are not of one story."""
    numbers = sorted(int(path.stem[:6]) for path in corpus.rglob("*") if path.suffix in (".txt", ".md"))
    story: dict[int, list[int]] = {}
    for number in numbers:
        origin = copy_of(number, args.seed, args.copies_fraction)
        story.setdefault(number if origin is None else origin, []).append(number)
    truth = {pair for members in story.values() for pair in itertools.combinations(sorted(members), 2)}
    found = {pair for members in groups for pair in itertools.combinations(sorted(int(i[:6]) for i in members), 2)}
    return {"copy_pairs": len(truth), "pairs_found": len(truth & found), "recall": round(len(truth & found) / max(1, len(truth)), 4),
            "wrong_pairs": len(found - truth), "groups": len(groups)}


def _config(cache: Path, corpus: Path, name: str, fresh: bool = True) -> Path:
    folder = cache / f"syndication-{name.replace(' ', '-')}"
    if fresh:  # every build from nothing
        shutil.rmtree(folder / "index", ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "config.yaml"
    config.write_text(f"corpus:\n  paths: [{json.dumps(str(corpus))}]\nindex:\n  path: {json.dumps(str(folder / 'index'))}\n")
    return config


def _python(script: str, code: Path, config: Path, *extra: str) -> dict:
    """The probe's JSON, with the CPU seconds it and its worker processes
    used (``cpu_seconds``): on a loaded machine the wall time says more
    about the neighbours than about the build."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([sys.executable, "-c", script, str(code), str(config), *extra],
                          capture_output=True, text=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"the probe failed:\n{done.stderr}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["cpu_seconds"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return result


def _git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), *args], check=True, capture_output=True, text=True).stdout.strip()


if __name__ == "__main__":
    sys.exit(main())
