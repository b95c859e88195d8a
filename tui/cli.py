"""The ``ceasefire-tui`` command: the TUI by default, headless subcommands
for scripts. Headless commands never import Textual.

Exit codes: 0 success (also when the reader of a pipe stops early), 1 a
user error (unknown id, bad query, busy index, empty corpus, an output that
cannot be written), 2 a bad config or bad usage. Errors are one sentence on
stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Callable

from ceasefire_tui.index import (CeasefireError, Config, ConfigError, EmptyCorpus, IndexBusy, Library, corpus_location, in_corpus,
                   load_config, printable)

from .streams import OutputError, discard_pending_output, encodes_unicode, guarded_stdout

EXIT_USER_ERROR = 1
EXIT_CONFIG_ERROR = 2


def build_parser() -> argparse.ArgumentParser:
    # --config before or after the command: SUPPRESS keeps a subcommand from
    # overwriting the top-level value with its own default (the action is
    # shared by every parser, so no parser may give it a default).
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", metavar="PATH", default=argparse.SUPPRESS,
                        help="config file (default: $CEASEFIRE_TUI_CONFIG, the user config, or the bundled one)")
    parser = argparse.ArgumentParser(
        prog="ceasefire-tui",
        description="A keyboard-driven reader for the news coverage of one story. Without a command, opens the TUI.",
        parents=[common],
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    index = commands.add_parser("index", parents=[common], help="build or refresh the index")
    index.add_argument("--rebuild", action="store_true", help="throw the index away and build it again")
    index.add_argument("--json", action="store_true", help="print a JSON report on stdout")

    search = commands.add_parser("search", parents=[common], help="search the articles")
    search.add_argument("query", nargs="+", help="the query, quoted or as several words ('' lists every article)")
    search.add_argument("--limit", type=_positive, default=None, metavar="N", help="at most N hits")
    search.add_argument("--sort", choices=("relevance", "date"), default="relevance",
                        help="best matches first (default), or newest first by publication date, undated last")
    search.add_argument("--json", action="store_true", help="print JSON on stdout")

    show = commands.add_parser("show", parents=[common], help="print one article")
    show.add_argument("id", help="an article id or a unique prefix of one")
    show.add_argument("--json", action="store_true", help="print JSON on stdout")

    entities = commands.add_parser("entities", parents=[common],
                                   help="who and what the articles name: one article, or a coverage grid of all")
    entities.add_argument("id", nargs="?", help="an article id or unique prefix (default: every article)")
    entities.add_argument("--type", type=_entity_type, metavar="T",
                          help="only this type: PERSON, ORG, GPE, NORP, FIGURE, DATE (or people, places, ...)")
    entities.add_argument("--json", action="store_true", help="print JSON on stdout")
    correcting = entities.add_argument_group(
        "corrections", "correct the entity list (saved in entity-corrections.yaml beside the config; "
                       "--type names A's type when its name is in several)")
    corrections = correcting.add_mutually_exclusive_group()
    corrections.add_argument("--merge", nargs=2, metavar=("A", "B"), help="make the entity A part of B")
    corrections.add_argument("--rename", nargs=2, metavar=("A", "NEW"), help="call the entity A NEW")
    corrections.add_argument("--retype", nargs=2, metavar=("A", "TYPE"), help="make the entity A of type TYPE")
    corrections.add_argument("--hide", metavar="A", help="hide the entity A: not an entity")
    corrections.add_argument("--corrections", action="store_true", help="list this corpus's corrections")
    corrections.add_argument("--undo", type=_positive, metavar="N", help="undo correction N (as --corrections numbers it)")

    add = commands.add_parser("add", parents=[common], help="fetch web pages or feeds into a corpus folder and index them")
    add.add_argument("urls", nargs="+", metavar="URL", help="http or https addresses of pages or feeds")
    add.add_argument("--to", type=Path, metavar="FOLDER",
                     help="the folder to save in (default: the first folder of your own in corpus.paths)")
    add.add_argument("--json", action="store_true", help="print a JSON report on stdout")

    compare = commands.add_parser("compare", parents=[common], help="line up what two articles report")
    compare.add_argument("id_a", metavar="ID_A")
    compare.add_argument("id_b", metavar="ID_B")
    output = compare.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print JSON on stdout")
    output.add_argument("--markdown", action="store_true", help="print a Markdown report to paste into notes")

    story = commands.add_parser("story", parents=[common],
                                help="who reports what across many articles: facts, figures, quotes by outlet")
    story.add_argument("query", nargs="*", help="the articles a search finds (default: the whole corpus)")
    story.add_argument("--limit", type=_positive, default=None, metavar="N",
                       help="at most N articles (a query's best N; default 500)")
    output = story.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print JSON on stdout")
    output.add_argument("--markdown", action="store_true", help="print a Markdown report to paste into notes")
    return parser


_TYPE_NAMES = {
    "person": "PERSON", "people": "PERSON", "org": "ORG", "organisation": "ORG", "organisations": "ORG",
    "organization": "ORG", "organizations": "ORG", "gpe": "GPE", "place": "GPE", "places": "GPE",
    "norp": "NORP", "group": "NORP", "groups": "NORP", "figure": "FIGURE", "figures": "FIGURE",
    "date": "DATE", "dates": "DATE",
}


def _entity_type(value: str) -> str:
    try:
        return _TYPE_NAMES[value.lower()]
    except KeyError:
        raise argparse.ArgumentTypeError(
            f"'{value}' is not an entity type; use PERSON, ORG, GPE, NORP, FIGURE or DATE"
        ) from None


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if args.command in ("search", "story"):
        # argparse leaves the words after an option (search rafah --limit 3
        # hostages) unparsed: they belong to the query too.
        words = [word for word in extra if not word.startswith("-")]
        extra = [word for word in extra if word.startswith("-")]
        args.query = " ".join(args.query + words)
    if extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if args.command == "entities" and args.id and _correcting(args):
        parser.error("a correction applies to every article: give no article id with it")
    return args


def _correcting(args: argparse.Namespace) -> bool:
    return bool(args.merge or args.rename or args.retype or args.hide or args.corrections or args.undo)


def main(argv: list[str] | None = None) -> int:
    """The command line. Every error for the user (the engine's
    :class:`CeasefireError` family) becomes one sentence on stderr and an
    exit code here, and only here: 2 for the configuration, 1 for the rest."""
    args = parse_arguments(argv)
    try:
        config = load_config(getattr(args, "config", None))  # absent when given nowhere
        if args.command is None:
            from .app import run_app  # Textual is imported only for the TUI

            return run_app(config)
        return _run_command(config, args)
    except CeasefireError as error:
        return _fail(str(error), EXIT_CONFIG_ERROR if isinstance(error, ConfigError) else EXIT_USER_ERROR)


def _run_command(config: Config, args: argparse.Namespace) -> int:
    library = Library(config, on_notice=_note)
    handlers: dict[str, Callable[[Library, argparse.Namespace], int]] = {
        "index": _index, "search": _search, "show": _show, "entities": _entities, "compare": _compare,
        "add": _add, "story": _story,
    }
    try:
        with guarded_stdout():
            code = handlers[args.command](library, args)
            sys.stdout.flush()  # a full disk is reported here, not by the flush at exit
        return code
    except KeyboardInterrupt:
        return 130
    except OutputError as error:  # `>&-`, `> /dev/full`
        discard_pending_output()
        return _fail(f"cannot write the output: {error}", EXIT_USER_ERROR)
    except BrokenPipeError:  # `ceasefire-tui search x | head`: the reader has all it wanted
        discard_pending_output()
        return 0
    finally:
        library.close()


def _fail(message: str, code: int) -> int:
    message = printable(message)
    print(f"ceasefire-tui: {message[:1].lower() + message[1:]}", file=sys.stderr)
    return code


def _note(message: str) -> None:
    print(f"note: {message}", file=sys.stderr)


def _emit_json(document: Any) -> None:
    json.dump(document, sys.stdout, ensure_ascii=not encodes_unicode(), indent=2)
    sys.stdout.write("\n")


def _require_articles(library: Library, report) -> None:
    if not report.articles:
        raise EmptyCorpus(f"no articles to read: nothing readable in {corpus_location(library.config)}")


def _refresh_to_read(library: Library) -> bool:
    """Bring the index up to date before reading it, without waiting for
    another process that is writing it: then the last committed index is
    read, and this says so. Returns whether it may be stale. A corpus with
    no article stops the command here."""
    from .console import refresh_with_progress

    try:
        report = refresh_with_progress(library, rebuild=False, announce=False, wait=False)
    except IndexBusy:
        _note("another process is updating the index; these results are from the last complete one "
              "and may be out of date")
        return True
    finally:
        for problem in library.correction_problems():  # a bad hand-edited entry: said, then skipped
            _note(problem)
    _require_articles(library, report)
    return False


def _index(library: Library, args: argparse.Namespace) -> int:
    from .console import refresh_with_progress

    report = refresh_with_progress(library, rebuild=args.rebuild, announce=True)
    if args.json:
        _emit_json(report.to_json(library.store.directory))
    _require_articles(library, report)
    return 0


def _search(library: Library, args: argparse.Namespace) -> int:
    stale = _refresh_to_read(library)
    result = library.search(args.query, args.limit, sort=args.sort)
    if args.json:
        _emit_json(result.to_json() | {"stale": stale})
    else:
        from .console import print_search

        print_search(result)
    return 0


def _show(library: Library, args: argparse.Namespace) -> int:
    stale = _refresh_to_read(library)
    stored = library.article(args.id)
    if args.json:
        _emit_json({"stale": stale} | stored.to_json())
    else:
        from .console import print_article

        print_article(stored)
    return 0


def _entities(library: Library, args: argparse.Namespace) -> int:
    stale = _refresh_to_read(library)
    if _correcting(args):
        return _corrections(library, args, stale)
    table = library.entity_table()
    wanted = (lambda kind: kind == args.type) if args.type else (lambda kind: True)
    if args.id:
        stored = library.article(args.id)
        rows = [e for e in stored.entities if wanted(e.type)]
        if args.json:
            _emit_json({"stale": stale} | stored.entities_json(rows))
        else:
            from .console import print_article_entities

            print_article_entities(stored, rows, table, library.config.entities.types)
        return 0
    per_article = {
        article: [row for row in rows if wanted(row.type)] for article, rows in sorted(table.per_article.items())
    }
    if args.json:
        _emit_json({"stale": stale} | table.coverage_json(per_article))
    else:
        from .console import print_coverage

        print_coverage(table, per_article, library.config.entities.types)
    return 0


def _corrections(library: Library, args: argparse.Namespace, stale: bool) -> int:
    """``entities --merge/--rename/--retype/--hide/--undo/--corrections``."""
    from .console import print_correction_done, print_corrections

    done: dict[str, Any] = {}
    if args.undo:
        removed = library.undo_correction(args.undo)
        done = {"undone": removed.to_json()}
        message = f"Undid correction {removed.number}: {removed.describe()}."
    elif not args.corrections:
        if args.merge:
            action, (name, target) = "merge", args.merge
        elif args.rename:
            action, (name, target) = "rename", args.rename
        elif args.retype:
            action, (name, target) = "retype", args.retype
            target = _TYPE_NAMES.get(target.lower(), target)
        else:
            action, name, target = "hide", args.hide, None
        number, correction = library.correct(action, name, args.type, to=target)
        done = {"correction": {"number": number, **correction.to_json(), "problem": None}}
        message = (f"Correction {number}: {correction.describe()} "
                   f"(ceasefire-tui entities --undo {number} undoes it).")
    listed = library.corrections()
    path = printable(str(library.corrections_file.path))
    if args.json:
        _emit_json({"stale": stale, "file": path, **done, "corrections": [item.to_json() for item in listed]})
    elif done:
        print_correction_done(message)
    else:
        print_corrections(listed, path)
    return 0


def _compare(library: Library, args: argparse.Namespace) -> int:
    stale = _refresh_to_read(library)
    comparison = library.compare(args.id_a, args.id_b)
    copies = library.copy_diff(args.id_a, args.id_b)  # None unless they are copies of one story
    if args.json:
        _emit_json(comparison.to_json() | {"copy_diff": copies and copies.to_json(), "stale": stale})
    elif args.markdown:
        from ceasefire_tui.index import markdown_report

        sys.stdout.write(markdown_report(comparison))
    else:
        from .console import print_comparison, print_copy_diff

        print_comparison(comparison)
        if copies is not None:
            print_copy_diff(copies)
    return 0


def _add(library: Library, args: argparse.Namespace) -> int:
    """Fetch, save, index; one line per URL. Exit 1 when any URL was refused."""
    from .console import print_added, refresh_with_progress

    folder = library.add_folder(args.to)
    outcomes = library.add(args.urls, folder, progress=lambda url: None if args.json else _note(f"fetching {url}"))
    saved = [outcome.path for outcome in outcomes if outcome.path]
    indexed = in_corpus(folder, library.config)
    articles: dict[Path, list[str]] = {}
    skipped: dict[str, str] = {}
    if saved and indexed:
        report = refresh_with_progress(library, rebuild=False, announce=False)
        articles = library.articles_from(saved)
        skipped = {entry.path: entry.reason for entry in report.skipped}
    if args.json:
        _emit_json({"folder": printable(str(folder)), "indexed": indexed, "added": [
            outcome.to_json() | {"articles": articles.get(outcome.path, []),
                                 "skipped": skipped.get(str(outcome.path)) if outcome.path else None}
            for outcome in outcomes]})
    else:
        print_added(outcomes, articles, skipped, indexed)
    if saved and not indexed:
        _note(f"{printable(str(folder))} is not in corpus.paths ({printable(str(library.config.file))}), so the saved "
              "pages are not indexed; add it there to read them")
    for outcome in outcomes:
        if outcome.reason:
            _fail(f"{outcome.url}: {outcome.reason}", EXIT_USER_ERROR)
    return EXIT_USER_ERROR if any(outcome.reason for outcome in outcomes) else 0


def _story(library: Library, args: argparse.Namespace) -> int:
    stale = _refresh_to_read(library)
    story = library.story(args.query, args.limit)
    if args.json:
        _emit_json({"query": args.query} | story.to_json() | {"stale": stale})
    elif args.markdown:
        from ceasefire_tui.index import story_markdown

        heading = f"Story: {args.query}" if args.query.strip() else "Story"
        sys.stdout.write(story_markdown(story, heading))
    else:
        from .story_console import print_story

        print_story(story)
    return 0


if __name__ == "__main__":
    sys.exit(main())
