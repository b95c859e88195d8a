"""Benchmarks of ceasefire-tui: index build, refresh, search, comparison,
cold start and typing in the TUI, the headless command, memory, the
sentence-embedding model, and SQLite FTS5 on the same corpus and queries for
scale.

    python benchmarks/run.py                      # seeds, 10k and 50k articles
    python benchmarks/run.py --articles 2000      # seeds and one size
    python benchmarks/run.py --articles 30 --quick --json

Generated corpora, their indexes and the FTS5 databases are kept in
``benchmarks/.cache`` (git-ignored), so a second run only measures. The
build rate is measured whenever the index has to be built (first run, a
schema change, or ``--rebuild``); otherwise the last measured build is
reported and marked "cached". Every measurement runs in a fresh process
(see probes.py); what each one times is written beside it in the output and
in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_CACHE = HERE / ".cache"
DEFAULT_SIZES = [10_000, 50_000]

sys.path.insert(0, str(HERE))
from generate import DEFAULT_SEED, generate  # noqa: E402

# (label, size the target applies to, path into the results, comparison, limit, unit)
TARGETS = [
    ("keystroke → results painted p95 (after debounce)", 10_000, ("tui", "keystroke_to_painted_minus_debounce", "p95"), "<", 50, "ms"),
    ("keystroke → results painted p95 (after debounce)", 50_000, ("tui", "keystroke_to_painted_minus_debounce", "p95"), "<", 150, "ms"),
    ("engine search p95 (50 hits, snippets for the 10 visible)", 10_000, ("search", "all", "p95"), "<", 30, "ms"),
    ("cold start to first painted results", "seeds", ("tui", "cold_start_from_process_start"), "<", 0.8, "s"),
    ("cold start to first painted results", 10_000, ("tui", "cold_start_from_process_start"), "<", 1.5, "s"),
    ("no-op refresh", 10_000, ("noop", "seconds"), "<", 1.0, "s"),
    ("complete search with exact outlet counts p95", 50_000, ("search", "all", "p95"), "<", 300, "ms"),
    ("index build rate (entities included)", 10_000, ("build", "rate"), ">=", 400, "articles/s"),
    ("index build rate (entities included)", 50_000, ("build", "rate"), ">=", 400, "articles/s"),
    ("`ceasefire-tui search` wall time", 10_000, ("cli", "p50"), "<", 0.5, "s"),
    ("peak memory, build + search (main process)", 50_000, ("build", "peak_rss_mb"), "<", 300, "MB"),
]

# The sentence-embedding model does not depend on the corpus: measured once a run.
# (label, path into results["embedding"], comparison, limit, unit)
EMBEDDING_TARGETS = [
    ("embedding model load, paid on the first comparison", ("load_seconds",), "<=", 0.3, "s"),
    ("150 × 150 similarity matrix, embeddings included, p50", ("matrix", "p50"), "<", 150, "ms"),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark ceasefire-tui on generated corpora.")
    parser.add_argument("--articles", type=int, nargs="+", default=DEFAULT_SIZES, metavar="N",
                        help="corpus sizes (default: 10000 50000); the seeds are always measured too")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="corpus generator seed")
    parser.add_argument("--quick", action="store_true", help="few repetitions: a smoke run, not a measurement")
    parser.add_argument("--rebuild", action="store_true", help="rebuild every index (measures the build again)")
    parser.add_argument("--json", action="store_true", help="print the results as one JSON document")
    parser.add_argument("--no-fts", action="store_true", help="skip the SQLite FTS5 comparison")
    parser.add_argument("--no-tui", action="store_true", help="skip the TUI probes")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="where corpora and indexes are kept")
    parser.add_argument("--code", type=Path, default=ROOT,
                        help="checkout whose engine is measured (default: this one); for before/after runs")
    args = parser.parse_args(argv)
    args.cache = args.cache.resolve()
    args.code = args.code.resolve()
    args.cache.mkdir(parents=True, exist_ok=True)

    results = {"machine": machine(), "quick": args.quick, "code": str(args.code), "sizes": {}}
    began = time.perf_counter()

    def log(*parts) -> None:
        print(f"[{time.perf_counter() - began:6.1f}s]", *parts, file=sys.stderr, flush=True)

    sizes: list[int | str] = ["seeds", *args.articles]
    for size in sizes:
        log(f"== {size} ==")
        results["sizes"][str(size)] = measure_size(size, args, log)
    log("sentence embeddings")
    results["embedding"] = probe("embedding", {"matrix": 150, "throughput": 200 if args.quick else 2000,
                                               "rounds": 3 if args.quick else 20, "seed": args.seed},
                                 probe_env(args.code, args.cache))
    results["machine"]["load_after"] = os.getloadavg()
    results["targets"] = check_targets(results)
    (args.cache / ("results-quick.json" if args.quick else "results-latest.json")).write_text(
        json.dumps(results, indent=2))
    if args.json:
        json.dump(results, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        print_report(results)
    return 0


def machine() -> dict:
    return {
        "nproc": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "load_before": os.getloadavg(),
        "sqlite": __import__("sqlite3").sqlite_version,
    }


# --- one corpus size ----------------------------------------------------------------


def code_tag(code: Path) -> str:
    """Indexes are kept per engine: one for this checkout's, one per other."""
    engine = (code / "index").resolve()
    return "main" if engine == ROOT / "index" else "code-" + hashlib.sha1(str(engine).encode()).hexdigest()[:8]


def measure_size(size: int | str, args: argparse.Namespace, log) -> dict:
    cache, tag = args.cache, code_tag(args.code)
    if size == "seeds":
        corpus, articles = ROOT / "seeds", 5
    else:
        articles = int(size)
        corpus = cache / f"corpus-{articles}-s{args.seed}"
        if not (corpus / ".complete").exists():
            log(f"generating {articles} articles in {corpus}")
            shutil.rmtree(corpus, ignore_errors=True)
            generate(corpus, articles, args.seed)
            (corpus / ".complete").write_text("")
    name = f"{size}-s{args.seed}-{tag}" if size != "seeds" else f"seeds-{tag}"
    index = cache / f"index-{name}"
    config = cache / f"config-{name}.yaml"
    config.write_text(json.dumps({"corpus": {"paths": [str(corpus)]}, "index": {"path": str(index)}}))
    rounds = 1 if args.quick else 5
    env = probe_env(args.code, cache)
    out: dict = {"articles": articles}

    log("build (refresh; a full build when the index is missing or stale)")
    build = probe("build", {"config": str(config), "articles": articles, "rebuild": args.rebuild}, env)
    saved = cache / f"build-{name}.json"
    if build.get("rate") is not None and build["added"] == build["articles"]:
        saved.write_text(json.dumps(build))
        build["cached"] = False
    elif saved.exists():
        measured = json.loads(saved.read_text())
        build = {**measured, "cached": True, "measured_at": time.ctime(saved.stat().st_mtime)}
    else:
        build["cached"] = True
    out["build"] = build

    log("no-op refresh")
    noops = [probe("noop", {"config": str(config)}, env) for _ in range(1 if args.quick else 3)]
    out["noop"] = dict(min(noops, key=lambda r: r.get("seconds", float("inf"))))
    out["noop"]["runs"] = [r.get("seconds") for r in noops]

    log("engine search and comparison")
    out["search"] = probe("search", {"config": str(config), "articles": articles, "rounds": rounds,
                                     "compare": longest_two(corpus)}, env)

    if not args.no_fts:
        log("SQLite FTS5")
        database = cache / f"fts-{size}-s{args.seed}.sqlite" if size != "seeds" else cache / "fts-seeds.sqlite"
        if args.rebuild:
            database.unlink(missing_ok=True)
        out["fts"] = probe("fts", {"database": str(database), "corpus": str(corpus), "config": str(config),
                                   "articles": articles, "rounds": rounds}, env)
        out["ratio"] = ratios(out)

    log("ceasefire-tui search (subprocess wall time)")
    out["cli"] = time_cli(config, args, env)

    if not args.no_tui:
        log("TUI: cold start and typing (Pilot)")
        runs = [probe("tui", {"config": str(config), "quick": args.quick, "spawned_at": time.time()}, env,
                      stamp=True) for _ in range(1 if args.quick else 2)]
        out["tui"] = dict(runs[-1])
        starts = [r["cold_start_from_process_start"] for r in runs if "cold_start_from_process_start" in r]
        out["tui"]["cold_start_runs"] = starts
        if starts:
            out["tui"]["cold_start_from_process_start"] = min(starts)
    return out


def probe_env(code: Path, cache: Path) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(code) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("CEASEFIRE_TUI_CONFIG", None)
    # Start-up as an installed app has it: pip compiles the package's
    # bytecode at install, so a checkout run without cached bytecode
    # (PYTHONDONTWRITEBYTECODE) would time the compiler at every start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # No user config or platform cache of the person running the benchmark.
    env["XDG_CONFIG_HOME"] = str(cache / "xdg-config")
    env["XDG_CACHE_HOME"] = str(cache / "xdg-cache")
    return env


def probe(kind: str, arguments: dict, env: dict, stamp: bool = False) -> dict:
    if stamp:
        arguments = {**arguments, "spawned_at": time.time()}
    done = subprocess.run(
        [sys.executable, str(HERE / "probes.py"), kind, json.dumps(arguments)],
        env=env, capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        # Reported in the results; the other probes still run.
        print(f"probe {kind} failed (exit {done.returncode}):\n{done.stderr[-4000:]}", file=sys.stderr)
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def longest_two(corpus: Path) -> list[str]:
    files = [p for p in corpus.rglob("*") if p.suffix in (".txt", ".md")]
    files.sort(key=lambda p: (-p.stat().st_size, p.name))
    return [files[0].stem, files[1].stem]


def time_cli(config: Path, args: argparse.Namespace, env: dict) -> dict:
    """Wall time of the console script, as a user's shell runs it."""
    script = Path(sys.executable).parent / "ceasefire-tui"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "ceasefire_tui.tui.cli"]
    query = "hostage release"
    samples = []
    for _ in range(2 if args.quick else 7):
        started = time.perf_counter()
        # --config after the subcommand: before it, the subcommand's own
        # --config default (None) overrides it (argparse parents), a CLI bug.
        done = subprocess.run([*command, "search", query, "--json", "--config", str(config)],
                              env=env, capture_output=True, check=False)
        samples.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise SystemExit(f"ceasefire-tui search failed: {done.stderr.decode()[-2000:]}")
    headless = probe("headless", {"config": str(config), "query": query}, env)
    return {"query": query, "p50": round(statistics.median(samples), 4), "min": round(min(samples), 4),
            "max": round(max(samples), 4), "textual_imported": headless["textual_imported"]}


def ratios(out: dict) -> dict:
    """Ours divided by SQLite FTS5 (above 1: we are slower)."""
    ours, fts = out["search"], out["fts"]
    if "error" in ours or "error" in fts:
        return {}
    result = {"search_p50": _ratio(ours["all"].get("p50"), fts["all"].get("p50")),
              "search_p95": _ratio(ours["all"].get("p95"), fts["all"].get("p95")),
              "by_class_p50": {kind: _ratio(ours["by_class"][kind]["p50"], stats["p50"])
                               for kind, stats in fts["by_class"].items() if kind in ours["by_class"]}}
    if fts.get("build") and out["build"].get("rate"):
        result["build_rate"] = _ratio(out["build"]["rate"], fts["build"]["rate"])
    return result


def _ratio(a, b):
    return round(a / b, 2) if a and b else None


# --- targets and the report -----------------------------------------------------------


def lookup(data: dict, path: tuple[str, ...]):
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def check_targets(results: dict) -> list[dict]:
    checks = []
    for label, size, path, op, limit, unit in TARGETS:
        measured = results["sizes"].get(str(size))
        if measured is None:
            continue
        value = lookup(measured, path)
        met = None if value is None else (value < limit if op == "<" else value >= limit)
        checks.append({"target": label, "size": size, "limit": f"{op} {limit} {unit}", "value": value,
                       "unit": unit, "met": met})
    for label, path, op, limit, unit in EMBEDDING_TARGETS:
        value = lookup(results.get("embedding", {}), path)
        met = None if value is None else (value < limit if op == "<" else value <= limit)
        checks.append({"target": label, "size": "any", "limit": f"{op} {limit} {unit}", "value": value,
                       "unit": unit, "met": met})
    return checks


def print_report(results: dict) -> None:
    m = results["machine"]
    print(f"\nceasefire-tui benchmarks — {m['date']}, {m['nproc']} cores, Python {m['python']}, "
          f"SQLite {m['sqlite']}, load {m['load_before'][0]:.2f} → {m['load_after'][0]:.2f}"
          + ("  [--quick: not a measurement]" if results["quick"] else ""))
    rows = [
        ("articles", lambda r: r["articles"]),
        ("build rate, articles/s", lambda r: _fmt(r["build"].get("rate")) + (" (cached)" if r["build"].get("cached") else "")),
        ("  FTS5 build rate (no entities)", lambda r: _fmt(lookup(r, ("fts", "build", "rate")))),
        ("build peak RSS main / worker, MB", lambda r: f"{_fmt(r['build'].get('peak_rss_mb'))} / {_fmt(r['build'].get('peak_rss_children_mb'))}"),
        ("segments after build", lambda r: _fmt(r["build"].get("segments"))),
        ("no-op refresh, s", lambda r: _fmt(r["noop"]["seconds"])),
        ("engine search p50 / p95, ms", lambda r: f"{r['search']['all']['p50']} / {r['search']['all']['p95']}"),
        ("  outlet counts over every match", lambda r: "yes" if r["search"]["outlets_exact"]
         else "no: " + ", ".join(r["search"]["outlets_short"])),
        ("  snippets cut for (hits)", lambda r: _fmt(r["search"].get("snippets_for"))),
        ("  with all 50 snippets p50 / p95, ms", lambda r: f"{lookup(r, ('search', 'all_snippets', 'p50'))} / {lookup(r, ('search', 'all_snippets', 'p95'))}"),
        ("  FTS5 p50 / p95, ms", lambda r: f"{lookup(r, ('fts', 'all', 'p50'))} / {lookup(r, ('fts', 'all', 'p95'))}"),
        ("  ours ÷ FTS5 p50 / p95", lambda r: f"{lookup(r, ('ratio', 'search_p50'))} / {lookup(r, ('ratio', 'search_p95'))}"),
        ("time-limited (10 ms, as while typing) search p95, ms", lambda r: _fmt(r["search"]["time_limited"]["p95"])),
        ("first search (entity table built), s", lambda r: f"{r['search']['first_search_seconds']} ({r['search']['entity_table_seconds']})"),
        ("compare two long articles p50, ms", lambda r: _fmt(r["search"]["compare"]["p50"])),
        ("search process peak RSS, MB", lambda r: _fmt(r["search"]["peak_rss_mb"])),
        ("`ceasefire-tui search` wall, s", lambda r: f"{r['cli']['p50']} (textual imported: {r['cli']['textual_imported']})"),
        ("TUI cold start → first results, s", lambda r: _fmt(lookup(r, ("tui", "cold_start_from_process_start")))),
        ("keystroke → painted p50/p95 − debounce, ms", lambda r: f"{lookup(r, ('tui', 'keystroke_to_painted_minus_debounce', 'p50'))} / {lookup(r, ('tui', 'keystroke_to_painted_minus_debounce', 'p95'))}"),
        ("  debounce timer fired after, p50 ms", lambda r: _fmt(lookup(r, ("tui", "timer_fired_after_key", "p50")))),
        ("  event loop lateness p95 / max, ms", lambda r: f"{lookup(r, ('tui', 'event_loop_lateness', 'p95'))} / {lookup(r, ('tui', 'event_loop_lateness', 'max'))}"),
        ("  ResultsList.show_hits (UI thread) p50, ms", lambda r: _fmt(lookup(r, ("tui", "show_hits_ui_thread", "p50")))),
        ("  on_search_finished (UI thread) p50 / p95, ms", lambda r: f"{lookup(r, ('tui', 'search_finished_handler_ui_thread', 'p50'))} / {lookup(r, ('tui', 'search_finished_handler_ui_thread', 'p95'))}"),
    ]
    sizes = list(results["sizes"])
    width = max(len(label) for label, _ in rows) + 2
    print("".ljust(width) + "".join(s.rjust(22) for s in sizes))
    for label, get in rows:
        cells = []
        for size in sizes:
            try:
                cells.append(str(get(results["sizes"][size])))
            except (KeyError, TypeError):
                cells.append("—")
        print(label.ljust(width) + "".join(c.rjust(22) for c in cells))
    embedding = results.get("embedding", {})
    if "error" not in embedding:
        semantic, overlap = embedding["paraphrases_semantic"], embedding["paraphrases_word_overlap"]
        print(f"\nsentence embeddings: numpy import {embedding['numpy_import_seconds']} s, model load "
              f"{embedding['load_seconds']} s, {embedding['sentences_per_second']} sentences/s, "
              f"150 × 150 matrix first {embedding['first_matrix_ms']} ms, then p50 / p95 "
              f"{embedding['matrix']['p50']} / {embedding['matrix']['p95']} ms; {embedding['package_data_mb']} MB; "
              f"paraphrases first {semantic['rank_first']}/{semantic['pairs']} (AUC {semantic['auc']}), "
              f"word overlap {overlap['rank_first']}/{overlap['pairs']} (AUC {overlap['auc']})")
    print("\ntargets:")
    for check in results["targets"]:
        mark = {True: "met", False: "NOT MET", None: "not measured"}[check["met"]]
        print(f"  {mark:>12}  {check['target']} at {check['size']}: {check['value']} {check['unit']} "
              f"(target {check['limit']})")


def _fmt(value) -> str:
    return "—" if value is None else str(value)


if __name__ == "__main__":
    sys.exit(main())
