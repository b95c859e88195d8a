"""The measurements, each run by ``run.py`` in a process of its own.

    python benchmarks/probes.py KIND JSON_ARGUMENTS

prints one JSON document on stdout. A fresh process per measurement keeps
them apart: no warm cache, no memory, no imported module carries over from
one to the next, and ``resource.getrusage`` gives each one's peak memory.
The engine under test is whatever ``index`` / ``tui`` the interpreter
imports (``run.py`` sets ``PYTHONPATH`` to the checkout being measured).

Probes: ``build`` (refresh the index, then search it), ``noop`` (a refresh
that finds nothing to do), ``search`` (the engine: query mix, comparison),
``fts`` (the same corpus and queries on SQLite FTS5), ``tui`` (cold start
and typing, in-process with Textual's Pilot), ``headless`` (the command
line's search in-process, to check that Textual is never imported) and
``embedding`` (the sentence-embedding model: load, throughput, a 150 x 150
similarity matrix, the paraphrase ranking).
"""

from __future__ import annotations

import time

WALL_START = time.time()  # before anything else is imported
PERF_START = time.perf_counter()

import json  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent


# --- the query mix -----------------------------------------------------------------


def query_mix(articles: int) -> list[tuple[str, str, str | None]]:
    """``(class, our query, the nearest SQLite FTS5 query or None)``.

    Words of the story (seed vocabulary) and invented names of the generated
    corpus: main cast (in many articles) and tail (in few). FTS5 has no fuzzy
    matching, so a fuzzy query is compared with a prefix query there.
    """
    sys.path.insert(0, str(HERE))
    from generate import organisation, outlet, person, place

    tail = max(1, min(articles, 10_000) // 4)  # a name from the growing tail
    cast, rare, org = person(3), person(40 + tail), organisation(2)
    cast_surname = cast.split()[-1]
    rare_surname = rare.split()[-1].replace("-", " ").split()[-1]
    town = place(5).split()[0]
    misspelt = cast_surname[:2] + cast_surname[3] + cast_surname[2] + cast_surname[4:]
    paper = outlet(3).split()[-1].lower()
    return [
        ("word", "ceasefire", "ceasefire"),
        ("word", "hostages", "hostages"),
        ("word", "famine", "famine"),
        ("word", cast_surname, cast_surname),
        ("word", rare_surname, rare_surname),
        ("two words", "rafah offensive", "rafah offensive"),
        ("two words", "hostage release", "hostage release"),
        ("two words", f"{town} aid", f"{town} aid"),
        ("phrase", '"humanitarian crisis"', '"humanitarian crisis"'),
        ("phrase", '"release of hostages"', '"release of hostages"'),
        ("phrase", f'"{cast}"', f'"{cast}"'),
        ("fuzzy", "netanyhau~", "netany*"),
        ("fuzzy", f"{misspelt}~", f"{cast_surname[:3]}*"),
        ("fuzzy", "hostges~1", "host*"),
        ("field", "title:rafah", "title : rafah"),
        ("field", f"source:{paper}", f"source : {paper}"),
        ("field", 'title:"hostage deal"', 'title : "hostage deal"'),
        ("entity", 'entity:"Benjamin Netanyahu"', 'entities : "Benjamin Netanyahu"'),
        ("entity", "entity:qatar", "entities : qatar"),
        ("entity", f'entity:"{cast}"', f'entities : "{cast}"'),
        ("entity", f'entity:"{org}"', f'entities : "{org}"'),
    ]


# The time limit of a search while typing, as the TUI sets it
# (tui.search_flow.TYPING_TIME_LIMIT; not imported: the engine probes must
# not import the TUI).
TYPING_TIME_LIMIT = 0.01

# What is typed into the search box, one key at a time.
TYPED = ["rafah offensive", "hostages", "netanyahu qatar"]
TYPED_QUICK = ["rafah"]


# --- helpers ------------------------------------------------------------------------


def peak_rss_mb() -> dict[str, float]:
    """Peak resident memory of this process and of its largest finished child."""
    return {
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "peak_rss_children_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
    }


def percentiles(samples: list[float]) -> dict[str, float]:
    """p50 / p95 / max in milliseconds (samples in seconds)."""
    if not samples:
        return {"n": 0}
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "n": len(ordered),
        "p50": round(statistics.median(ordered) * 1000, 2),
        "p95": round(p95 * 1000, 2),
        "max": round(ordered[-1] * 1000, 2),
    }


def _library(config: str):
    from ceasefire_tui.index.config import load_config
    from ceasefire_tui.index.library import Library

    return Library(load_config(config))


# --- probes -------------------------------------------------------------------------


def probe_build(args: dict) -> dict:
    """Refresh (or rebuild) the index; then run the query mix once, so the
    peak memory is that of a process that built and searched."""
    library = _library(args["config"])
    started = time.perf_counter()
    report = library.refresh(rebuild=args.get("rebuild", False))
    seconds = time.perf_counter() - started
    built = report.added + report.updated
    started = time.perf_counter()
    for _, query, _ in query_mix(args["articles"]):
        library.search(query)
    searched = time.perf_counter() - started
    segments = len(library.store.searcher().reader().leaf_readers()) if report.articles else 0
    library.close()
    return {
        "articles": report.articles, "added": report.added, "updated": report.updated,
        "unchanged": report.unchanged, "rebuilt": report.rebuilt, "seconds": round(seconds, 3),
        "rate": round(built / seconds, 1) if built else None, "search_all_seconds": round(searched, 3),
        "segments": segments, **peak_rss_mb(),
    }


def probe_noop(args: dict) -> dict:
    """A refresh that finds nothing to do, in a fresh process: what every
    start of the TUI and every headless command pays."""
    before_imports = time.perf_counter()
    from ceasefire_tui.index.config import load_config
    from ceasefire_tui.index.library import Library

    imported = time.perf_counter()
    library = Library(load_config(args["config"]))
    started = time.perf_counter()
    report = library.refresh()
    first = time.perf_counter() - started
    started = time.perf_counter()
    library.refresh()
    again = time.perf_counter() - started
    library.close()
    assert not report.changed, f"the index was not up to date: {report.summary()}"
    return {"seconds": round(first, 4), "again_seconds": round(again, 4),
            "import_seconds": round(imported - before_imports, 4), "unchanged": report.unchanged}


def probe_search(args: dict) -> dict:
    """The engine as the TUI calls it: ``Library.search(query)`` with the
    configured page size (50 hits, each with its snippet), warm."""
    library = _library(args["config"])
    started = time.perf_counter()
    library.store.searcher()
    opened = time.perf_counter() - started
    started = time.perf_counter()
    library.entity_table()
    table = time.perf_counter() - started
    started = time.perf_counter()
    library.search("")
    first = time.perf_counter() - started
    mix = query_mix(args["articles"])
    for _, query, _ in mix:  # warm: every term dictionary block touched once
        library.search(query)
    by_class: dict[str, list[float]] = {}
    every_snippet: list[float] = []
    limited: list[float] = []
    limited_errors: set[str] = set()
    totals = {}
    # Queries whose outlet counts do not add up to their total (counted over
    # the top hits only, as before issue #10).
    outlets_short: set[str] = set()
    visible = _visible_option(library)
    for _ in range(args["rounds"]):
        for kind, query, _ in mix:
            started = time.perf_counter()
            result = library.search(query, **visible)
            by_class.setdefault(kind, []).append(time.perf_counter() - started)
            totals[query] = result.total
            if sum(getattr(result, "outlets", {}).values()) != result.total:
                outlets_short.add(query)
            started = time.perf_counter()
            library.search(query)
            every_snippet.append(time.perf_counter() - started)
            started = time.perf_counter()
            try:
                library.search(query, time_limit=TYPING_TIME_LIMIT, **visible)
            except Exception as error:  # measured and reported, not fatal to the other figures
                limited_errors.add(f"{type(error).__name__}: {error}")
            else:
                limited.append(time.perf_counter() - started)
    every = [sample for samples in by_class.values() for sample in samples]
    compared = []
    for _ in range(args["rounds"]):
        started = time.perf_counter()
        library.compare(args["compare"][0], args["compare"][1])
        compared.append(time.perf_counter() - started)
    library.close()
    return {
        "open_seconds": round(opened, 4), "entity_table_seconds": round(table, 4),
        "first_search_seconds": round(first, 4), "all": percentiles(every),
        "outlets_exact": not outlets_short, "outlets_short": sorted(outlets_short),
        "snippets_for": visible.get("snippets", "all"), "all_snippets": percentiles(every_snippet),
        "time_limited": {**percentiles(limited), "errors": sorted(limited_errors)},
        "by_class": {kind: percentiles(samples) for kind, samples in by_class.items()},
        "totals": totals, "compare": percentiles(compared), **peak_rss_mb(),
    }


# Hits on screen in a 40-row terminal (three lines and a gap each).
VISIBLE_HITS = 10


def _visible_option(library) -> dict:
    """``snippets=VISIBLE_HITS`` where the engine can cut only the visible
    hits' snippets; nothing (every hit's) where it cannot (older engines)."""
    import inspect

    return {"snippets": VISIBLE_HITS} if "snippets" in inspect.signature(library.search).parameters else {}


def probe_fts(args: dict) -> dict:
    """SQLite FTS5 over the same articles (read with the engine's loader),
    with the same queries: top 50 by bm25 with a snippet each, and the total."""
    import sqlite3

    from ceasefire_tui.index.corpus.discovery import discover, read_source

    database = Path(args["database"])
    built = None
    if not database.exists():
        partial = database.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        started = time.perf_counter()
        connection = sqlite3.connect(partial)
        connection.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, source, body, entities, "
            "tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        entities = _entity_names(args["config"])
        found = discover([args["corpus"]], 20_000_000)
        count = 0
        for source in found.files:
            for article in read_source(source).articles:
                connection.execute(
                    "INSERT INTO docs VALUES (?, ?, ?, ?, ?)",
                    (article.id, article.title, article.source or "", article.text,
                     " ; ".join(entities.get(article.id, ()))),
                )
                count += 1
        connection.commit()
        connection.execute("INSERT INTO docs(docs) VALUES ('optimize')")
        connection.commit()
        connection.close()
        partial.replace(database)
        seconds = time.perf_counter() - started
        built = {"articles": count, "seconds": round(seconds, 3), "rate": round(count / seconds, 1)}
    connection = sqlite3.connect(database)
    mix = [(kind, query) for kind, _, query in query_mix(args["articles"]) if query]
    top = ("SELECT id, title, source, snippet(docs, 3, '[', ']', '…', 24) FROM docs WHERE docs MATCH ? "
           "ORDER BY bm25(docs, 0, 2.0, 1.0, 1.0, 1.0) LIMIT 50")
    total = "SELECT count(*) FROM docs WHERE docs MATCH ?"

    def run(query: str) -> int:
        connection.execute(top, (query,)).fetchall()
        return connection.execute(total, (query,)).fetchone()[0]

    for _, query in mix:
        run(query)
    by_class: dict[str, list[float]] = {}
    totals = {}
    for _ in range(args["rounds"]):
        for kind, query in mix:
            started = time.perf_counter()
            totals[query] = run(query)
            by_class.setdefault(kind, []).append(time.perf_counter() - started)
    connection.close()
    every = [sample for samples in by_class.values() for sample in samples]
    return {"build": built, "all": percentiles(every),
            "by_class": {kind: percentiles(samples) for kind, samples in by_class.items()},
            "totals": totals, "size_mb": round(database.stat().st_size / 1e6, 1)}


def _entity_names(config: str) -> dict[str, list[str]]:
    """article id -> its entity names, from the summaries kept beside our index."""
    library = _library(config)
    try:
        return {article: [row[0] for row in summary] for article, summary in library.store.entity_summaries().items()}
    finally:
        library.close()


def probe_headless(args: dict) -> dict:
    """``ceasefire-tui search`` run in-process: which modules it imports."""
    from ceasefire_tui.tui import cli

    sys.stdout = open("/dev/null", "w")  # noqa: SIM115 - the command prints its result
    try:
        code = cli.main(["search", args["query"], "--json", "--config", args["config"]])
    finally:
        sys.stdout = sys.__stdout__
    return {"exit": code, "textual_imported": "textual" in sys.modules,
            "modules": len(sys.modules)}


def probe_tui(args: dict) -> dict:
    """Cold start and typing, in-process with Textual's Pilot.

    "Painted" is the end of the first screen update that the compositor
    produces after ``ResultsList.show_hits`` took the new results, with the
    update turned into terminal output as a real terminal would get it (the
    headless driver skips that step; we do it and throw the bytes away).
    """
    import asyncio

    from textual._compositor import CompositorUpdate
    from textual.app import App

    from ceasefire_tui.index.config import load_config
    from ceasefire_tui.index.library import Library
    from ceasefire_tui.tui.app import CeasefireApp
    from ceasefire_tui.tui.screens.main import MainScreen
    from ceasefire_tui.tui.search_flow import SearchFlow
    from ceasefire_tui.tui.widgets.results import ResultsList

    imported = time.perf_counter()
    marks: dict[str, list] = {"shown": [], "painted": [], "started": [], "show_hits": [], "finished_handler": []}
    pending: list[tuple[str, float]] = []
    real_show, real_display, real_search = ResultsList.show_hits, App._display, SearchFlow.search

    def show_hits(self, hits, keep_id=None, rows=None):
        began = time.perf_counter()
        real_show(self, hits, keep_id, rows)
        marks["show_hits"].append(time.perf_counter() - began)
        result = self.screen.result
        pending.append((result.query if result else "", time.perf_counter()))

    def display(self, screen, renderable):
        real_display(self, screen, renderable)
        if renderable is None or self._batch_count:
            return
        if self.is_headless and isinstance(renderable, CompositorUpdate):
            renderable.render_segments(self.console)
        if pending:
            now = time.perf_counter()
            for query, shown in pending:
                marks["painted"].append((query, shown, now))
            pending.clear()

    def search(self, query, complete=True):
        marks["started"].append((query, time.perf_counter()))
        return real_search(self, query, complete)

    ResultsList.show_hits, App._display, SearchFlow.search = show_hits, display, search
    real_finished = MainScreen.on_search_finished

    def on_search_finished(self, message):
        # The whole handler runs before the screen can paint: the results
        # list, and whatever else the screen redraws for a new result.
        began = time.perf_counter()
        real_finished(self, message)
        marks["finished_handler"].append(time.perf_counter() - began)

    MainScreen.on_search_finished = on_search_finished
    config = load_config(args["config"])
    debounce = config.search.debounce_ms / 1000

    def painted_for(query: str, after: float) -> float | None:
        for painted_query, shown, painted in marks["painted"]:
            if painted_query == query and shown >= after:
                return painted
        return None

    async def until(condition, timeout: float = 60.0) -> None:
        deadline = time.perf_counter() + timeout
        while not condition():
            if time.perf_counter() > deadline:
                raise TimeoutError("the app did not get there in time")
            await asyncio.sleep(0.001)

    async def scenario() -> dict:
        library = Library(config)
        app = CeasefireApp(library)
        constructed = time.perf_counter()
        result: dict = {}
        async with app.run_test(size=(args.get("width", 120), args.get("height", 40))) as pilot:
            await until(lambda: painted_for("", 0.0) is not None)
            first_paint = painted_for("", 0.0)
            result["cold_start_from_process_start"] = round(
                time.time() - (time.perf_counter() - first_paint) - args["spawned_at"], 4)
            result["cold_start_from_app"] = round(first_paint - constructed, 4)
            result["imports_seconds"] = round(imported - PERF_START, 4)
            screen = app.screen
            await until(lambda: "indexed" in (app.sub_title or ""))
            result["startup_refresh_done"] = round(time.perf_counter() - constructed, 4)
            box = screen.query_one("#search")
            app.set_focus(box)

            stalls: list[float] = []
            ticking = True

            async def ticker() -> None:
                # How late a 5 ms timer fires on the app's event loop: the
                # screen cannot repaint or take a key in that time.
                while ticking:
                    due = time.perf_counter() + 0.005
                    await asyncio.sleep(0.005)
                    stalls.append(time.perf_counter() - due)

            async def type_query(text: str, record: list | None) -> None:
                for char in text:
                    before = box.value
                    pressed = time.perf_counter()
                    await pilot.press("space" if char == " " else char)
                    wanted = box.value
                    if wanted == before:
                        continue
                    await until(lambda: painted_for(wanted, pressed) is not None)
                    painted = painted_for(wanted, pressed)
                    started = next(t for q, t in reversed(marks["started"]) if q == wanted)
                    if record is not None:
                        record.append((pressed, started, painted))
                cleared = time.perf_counter()
                box.value = ""
                await until(lambda: painted_for("", cleared) is not None)

            await type_query("ceasefire", None)  # warm-up, not counted
            ticker_task = asyncio.create_task(ticker())
            samples: list[tuple[float, float, float]] = []
            for text in (TYPED_QUICK if args.get("quick") else TYPED):
                await type_query(text, samples)
            ticking = False
            await ticker_task
            total = [painted - pressed for pressed, _, painted in samples]
            result["debounce_configured_ms"] = config.search.debounce_ms
            result["keystroke_to_painted"] = percentiles(total)
            result["keystroke_to_painted_minus_debounce"] = percentiles([t - debounce for t in total])
            result["timer_fired_after_key"] = percentiles([started - pressed for pressed, started, _ in samples])
            result["search_start_to_painted"] = percentiles([painted - started for _, started, painted in samples])
            result["event_loop_lateness"] = percentiles(stalls)
            result["show_hits_ui_thread"] = percentiles(marks["show_hits"])
            result["search_finished_handler_ui_thread"] = percentiles(marks["finished_handler"])
            await pilot.press("ctrl+q")
        library.close()
        return result

    try:
        outcome = asyncio.run(scenario())
    finally:
        ResultsList.show_hits, App._display, SearchFlow.search = real_show, real_display, real_search
        MainScreen.on_search_finished = real_finished
    return {**outcome, **peak_rss_mb()}


# --- sentence embeddings ------------------------------------------------------------

PARAPHRASES = HERE.parent / "tests" / "data" / "paraphrases.json"


def generated_sentences(count: int, seed: int) -> list[str]:
    """``count`` distinct sentences of generated articles, in article order."""
    sys.path.insert(0, str(HERE))
    from generate import article

    from ceasefire_tui.index.text import split_sentences

    seen: dict[str, None] = {}
    number = 0
    while len(seen) < count:
        text = article(number, seed)[1]
        for span in split_sentences(text):
            sentence = text[span.start:span.end].strip()
            if len(sentence.split()) >= 4:
                seen.setdefault(sentence)
        number += 1
    return list(seen)[:count]


def ranking(scores) -> dict:
    """Rank-first count and AUC of a square score matrix whose diagonal holds the true pairs."""
    size = len(scores)
    first = sum(1 for i in range(size) if max(range(size), key=lambda j: scores[i][j]) == i)
    wins = 0.0
    for i in range(size):
        for j in range(size):
            for k in range(size):
                if j != k:
                    wins += 1.0 if scores[i][i] > scores[j][k] else 0.5 if scores[i][i] == scores[j][k] else 0.0
    return {"rank_first": first, "pairs": size, "auc": round(wins / (size * size * (size - 1)), 3)}


def word_overlap(a: str, b: str) -> float:
    """Jaccard overlap of lower-cased words: the plain baseline."""
    import re

    left, right = (set(re.findall(r"[a-z0-9]+", text.lower())) for text in (a, b))
    return len(left & right) / max(1, len(left | right))


def probe_embedding(args: dict) -> dict:
    """Load, throughput and a 150 x 150 similarity matrix of the static model, and its paraphrase ranking."""
    sentences = generated_sentences(2 * args["matrix"] + args["throughput"], args["seed"])
    started = time.perf_counter()
    import numpy  # noqa: F401  (timed apart: the engine imports it only to compare)

    numpy_imported = time.perf_counter()
    from ceasefire_tui.index.compare import embedding, sentence_vectors, similarity_matrix

    imported = time.perf_counter()
    embedding.embedding_model()
    loaded = time.perf_counter()
    side_a, side_b = sentences[: args["matrix"]], sentences[args["matrix"]: 2 * args["matrix"]]
    first_matrix_started = time.perf_counter()
    similarity_matrix(side_a, side_b)
    first_matrix = time.perf_counter() - first_matrix_started
    matrices = []
    for _ in range(args["rounds"]):
        began = time.perf_counter()
        similarity_matrix(side_a, side_b)
        matrices.append(time.perf_counter() - began)
    # Throughput on sentences the tokenizer has not seen in this process.
    unseen = sentences[2 * args["matrix"]:]
    began = time.perf_counter()
    sentence_vectors(unseen)
    encode_seconds = time.perf_counter() - began

    pairs = json.loads(PARAPHRASES.read_text(encoding="utf-8"))["pairs"]
    side_a, side_b = [pair["a"] for pair in pairs], [pair["b"] for pair in pairs]
    semantic = similarity_matrix(side_a, side_b).tolist()
    overlap = [[word_overlap(a, b) for b in side_b] for a in side_a]
    folder = embedding.MODEL_DIR
    return {
        "numpy_import_seconds": round(numpy_imported - started, 4),
        "compare_import_seconds": round(imported - numpy_imported, 4),
        "load_seconds": round(loaded - imported, 4),
        "matrix_size": args["matrix"],
        "first_matrix_ms": round(first_matrix * 1000, 2),
        "matrix": percentiles(matrices),
        "throughput_sentences": len(unseen),
        "sentences_per_second": round(len(unseen) / encode_seconds),
        "package_data_mb": round(sum(path.stat().st_size for path in folder.iterdir()) / 1e6, 2),
        "paraphrases_semantic": ranking(semantic),
        "paraphrases_word_overlap": ranking(overlap),
        **peak_rss_mb(),
    }


PROBES = {
    "build": probe_build, "noop": probe_noop, "search": probe_search, "fts": probe_fts,
    "headless": probe_headless, "tui": probe_tui, "embedding": probe_embedding,
}


def main() -> int:
    kind, arguments = sys.argv[1], json.loads(sys.argv[2])
    result = PROBES[kind](arguments)
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
