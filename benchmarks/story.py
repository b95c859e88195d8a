"""Benchmark of the story view's engine (issue 15's targets: a story of 50
articles in ≤ 1 s, of 500 in ≤ 5 s, of the top 500 results at 50,000
articles in ≤ 8 s).

    python benchmarks/story.py [--articles 50 500] [--runs 3 1] [--query Q --limit 500]

Each corpus is generated into ``benchmarks/.cache`` (``generate.py``; its
articles recombine the seeds' sentences, so nearly every sentence has
near-copies in many articles: a hard case for pairing sentences) and
indexed once. Then, in a fresh process per corpus with the embedding model
already loaded (as a TUI session has it after its first comparison or
story), ``Library.story`` runs ``--runs`` times over every article (or over
the best ``--limit`` hits of ``--query``): wall and CPU seconds of each run,
the time spent in each stage the progress reports, and the size of the
result. Each run has a Library of its own (one gives the story it built
last when asked again), but the process's caches (each sentence's tokens)
carry over, as in a TUI session.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from generate import DEFAULT_SEED, generate

# CPU time is the process's (all its threads): on the shared machine the
# wall time also counts the waits for a core.
PROBE = """
import json, sys, time
from ceasefire_tui.index.config import load_config
from ceasefire_tui.index.library import Library
from ceasefire_tui.index.compare.embedding import sentence_vectors
library = Library(load_config(sys.argv[1]))
library.refresh()
sentence_vectors(["The model is read once per process."])
query, limit, runs = sys.argv[2] or None, int(sys.argv[3]) or None, int(sys.argv[4])
for run in range(runs):
    if run:  # a new Library: the last one would give the story it built last
        library.close()
        library = Library(load_config(sys.argv[1]))
    stages, last = {}, [None, 0.0]
    def progress(done, total, stage):
        now = time.perf_counter()
        if last[0] is not None:
            stages[last[0]] = stages.get(last[0], 0.0) + now - last[1]
        last[:] = [stage, now]
    wall, cpu = time.perf_counter(), time.process_time()
    story = library.story(query, limit, progress=progress)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if last[0] is not None:
        stages[last[0]] = stages.get(last[0], 0.0) + time.perf_counter() - last[1]
    print(json.dumps({"wall_s": wall, "cpu_s": cpu, "articles": len(story.sources),
                      "sentences": sum(len(fact.reports) for fact in story.facts),
                      "facts": len(story.facts),
                      "shared_facts": sum(1 for fact in story.facts if len(fact.outlets) > 1),
                      "stages_s": {stage: round(seconds, 3) for stage, seconds in stages.items()}}), flush=True)
"""


def corpus_config(cache: Path, articles: int, seed: int) -> Path:
    """The config of a generated corpus of ``articles`` and its index (both cached)."""
    corpus = cache / f"corpus-{articles}-s{seed}-copies0"
    if not corpus.is_dir():
        print(f"generating {corpus.name}…", file=sys.stderr)
        partial = corpus.with_name(corpus.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        generate(partial, articles, seed)
        partial.rename(corpus)
    folder = cache / f"story-{articles}-s{seed}"
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "config.yaml"
    config.write_text(json.dumps({"corpus": {"paths": [str(corpus)]}, "index": {"path": str(folder / "index")}}),
                      encoding="utf-8")
    return config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[50, 500])
    parser.add_argument("--runs", type=int, nargs="+", default=[3, 1],
                        help="runs for each corpus (the last repeats for the rest)")
    parser.add_argument("--query", default="", help="a story of this query's best hits, not of every article")
    parser.add_argument("--limit", type=int, default=0, help="with --query: how many hits (the default is 500)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--cache", type=Path, default=HERE / ".cache")
    args = parser.parse_args(argv)
    results = []
    for position, articles in enumerate(args.articles):
        runs = args.runs[min(position, len(args.runs) - 1)]
        config = corpus_config(args.cache.resolve(), articles, args.seed)
        done = subprocess.run([sys.executable, "-c", PROBE, str(config), args.query, str(args.limit), str(runs)],
                              capture_output=True, text=True, cwd=ROOT, check=False)
        if done.returncode != 0:
            raise SystemExit(f"the probe failed:\n{done.stderr}")
        measured = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
        for number, run in enumerate(measured, start=1):
            print(f"{articles} articles, run {number}: {run['wall_s']:.2f} s wall, {run['cpu_s']:.2f} s CPU; "
                  f"{run['articles']} articles, {run['sentences']} sentences, {run['facts']} facts "
                  f"({run['shared_facts']} in several outlets); stages {run['stages_s']}", file=sys.stderr)
        results.append({"corpus": articles, "query": args.query or None, "runs": measured,
                         "best_wall_s": round(min(run["wall_s"] for run in measured), 2),
                         "best_cpu_s": round(min(run["cpu_s"] for run in measured), 2)})
    print(json.dumps({"load_average": [round(load, 1) for load in os.getloadavg()], "cores": os.cpu_count(),
                      "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
