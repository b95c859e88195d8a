"""The compare screen as a user drives it: mark with c, compare with c, read
two columns, jump between differences, swap, export, go back."""

import os
from pathlib import Path

import pytest

from ceasefire_tui.index.compare.report import escape
from support import write_config
from ceasefire_tui.tui.app import check_ui_config
from ceasefire_tui.tui.messages import ComparisonReady
from ceasefire_tui.index import mirror
from ceasefire_tui.tui.screens.compare import CompareScreen, write_new_file
from ceasefire_tui.tui.screens.compare_launcher import MARK
from ceasefire_tui.tui.screens.help import HelpScreen
from ceasefire_tui.tui.widgets.comparison import ComparisonHeader, ComparisonView
from ceasefire_tui.tui.widgets.comparison_layout import Columns
from ceasefire_tui.tui.widgets.reader import ArticleReader
from ceasefire_tui.tui.widgets.results import ResultsList
from ceasefire_tui.tui.widgets.search_box import SearchBox
from tui_support import (index_of, make_app, move_to, notices, open_comparison, results_list, screen_text, settle,
                         started, type_query, wait_until)

RAFAH_A = "Netanyahu announced plans to move forward with a ground invasion of Rafah"
RAFAH_B = "possibility of a new military operation in Rafah"


@pytest.fixture
def tricky_config(tmp_path):
    """Two short articles whose text holds markup and whose figures differ."""
    corpus = tmp_path / "tricky"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "[bold]Casualties[/bold] rise in Gaza\n\n"
        "The health ministry said over 28,800 people have been killed in Gaza since October. "
        "Talks resumed in [link=http://x]Cairo[/link] on February 3. Mediators from Qatar met the delegation.\n",
        encoding="utf-8")
    (corpus / "b.txt").write_text(
        "Gaza toll climbs\n\n"
        "The health ministry said 30,000 people have been killed in Gaza since October. "
        "Talks resumed in [link=http://x]Cairo[/link] on February 4. "
        "A third sentence about [red]aid trucks[/red] waiting at [@click=app.quit]Rafah[/].\n",
        encoding="utf-8")
    return write_config(tmp_path, {"corpus": {"paths": ["tricky"]}, "index": {"path": "tricky-index"}})


def normalised(text: str) -> str:
    return " ".join(text.split())


def sides_of_line(view: ComparisonView, line: int) -> tuple[str, str]:
    """The left and right column text of one laid-out line (columns mode)."""
    columns: Columns = view._laid_out
    plain = view.plain_line(line)
    split = Columns.SIDE + columns.a
    return plain[Columns.SIDE:split].strip(), plain[split + columns.gutter + Columns.SIDE:].strip()


# --- opening ---------------------------------------------------------------------


async def test_c_marks_a_result_and_c_on_another_opens_the_comparison(app):
    messages = []
    async with app.run_test(size=(120, 32), message_hook=messages.append) as pilot:
        await started(pilot)
        await type_query(pilot, "rafah")
        await move_to(pilot, "000")
        await pilot.press("c")
        results = results_list(app)
        marked = results.get_option_at_index(index_of(app, "000"))
        assert str(marked.prompt).startswith(MARK)
        assert results.border_subtitle.startswith(MARK + "000")
        assert not isinstance(app.screen, CompareScreen)

        await move_to(pilot, "004")
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, CompareScreen), what="the compare screen")
        await settle(pilot)
        assert any(isinstance(message, ComparisonReady) for message in messages)  # from the worker, as a message
        screen = app.screen
        assert screen.comparison.a.id.startswith("000") and screen.comparison.b.id.startswith("004")
        assert app.focused is screen.view
        text = normalised(screen_text(app))
        for title in (screen.comparison.a.title, screen.comparison.b.title):
            assert normalised(title)[:30] in text


async def test_the_two_rafah_sentences_share_one_row_with_a_marker_and_score(app):
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        await type_query(pilot, "rafah")
        screen = await open_comparison(pilot, "000", "004")
        view = screen.view
        sentences_a = screen.comparison.a.sentence_texts()
        sentences_b = screen.comparison.b.sentence_texts()
        rows = [n for n, row in enumerate(view.rows)
                if any(RAFAH_A in sentences_a[i] for i in row.a) and any(RAFAH_B in sentences_b[j] for j in row.b)]
        assert len(rows) == 1
        pair = view.rows[rows[0]].pair
        assert pair.kind == "same"
        lines = view.row_lines(rows[0])
        assert f"≈ {pair.score:.2f}" in lines[0]
        left = normalised(" ".join(sides_of_line(view, view.line_of_row(rows[0]) + k)[0] for k in range(len(lines))))
        right = normalised(" ".join(sides_of_line(view, view.line_of_row(rows[0]) + k)[1] for k in range(len(lines))))
        assert RAFAH_A in left and RAFAH_B in right


async def test_a_sentence_only_one_side_has_is_marked_with_a_bar_opposite_blank_space(app):
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        screen = await open_comparison(pilot, "000", "004")
        view = screen.view
        only_a = next(n for n, row in enumerate(view.rows) if row.kind == "only_a")
        only_b = next(n for n, row in enumerate(view.rows) if row.kind == "only_b")
        for line in view.row_lines(only_a):
            assert line.startswith("▌ ") and line[Columns.SIDE + view._laid_out.a:].strip() == ""
        for line in view.row_lines(only_b):
            assert line[:Columns.SIDE + view._laid_out.a + view._laid_out.gutter].strip() == ""
            assert "▌ " in line


async def test_the_columns_scroll_together(app):
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        screen = await open_comparison(pilot, "000", "004")
        view = screen.view
        sentences_a = [normalised(s) for s in screen.comparison.a.sentence_texts()]
        sentences_b = [normalised(s) for s in screen.comparison.b.sentence_texts()]
        tops = []
        for key in ("j", "j", "j", "pagedown", "j", "pagedown", "k", "G", "g"):
            await pilot.press(key)
            await pilot.pause()
            top = int(view.scroll_offset.y)
            tops.append(top)
            row = view.top_row()
            if row is None:
                continue
            # every visible line shows, left and right, text of the same row
            for line in range(top, top + view.scrollable_content_region.height):
                shown_row = view.row_of_line(line)
                if shown_row is None:
                    continue
                left, right = map(normalised, sides_of_line(view, line))
                shown = view.rows[shown_row]
                if left and not left.startswith(("meaning", "words")):  # not an evidence line
                    assert left in " ".join(sentences_a[i] for i in shown.a)
                if right:
                    assert right in " ".join(sentences_b[j] for j in shown.b)
        assert tops[0] == 1 and tops[3] > tops[2] and tops[-2] == view.max_scroll_y and tops[-1] == 0


async def test_n_and_shift_n_jump_between_differences(app):
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        screen = await open_comparison(pilot, "000", "004")
        view = screen.view
        differences = view.difference_rows
        assert len(differences) > 3
        assert all(view.rows[row].kind != "same" for row in differences)
        await pilot.press("n")
        assert view.cursor == differences[0]
        await pilot.press("n", "n")
        assert view.cursor == differences[2]
        await pilot.press("N")
        assert view.cursor == differences[1]
        assert f"difference 2/{len(differences)}" in screen.status
        await pilot.press("G", "N")  # from the bottom: the last difference, scrolled into view
        await pilot.pause()
        assert view.cursor == differences[-1]
        top, height = view.scroll_offset.y, view.scrollable_content_region.height
        assert top <= view.line_of_row(view.cursor) < top + height
        await pilot.press("g", "n")  # from the top again: the first one
        assert view.cursor == differences[0]


async def test_s_swaps_the_sides(app):
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        screen = await open_comparison(pilot, "000", "004")
        a, b = screen.comparison.a, screen.comparison.b
        only_a, only_b = list(screen.comparison.only_a), list(screen.comparison.only_b)
        await pilot.press("n", "n", "n")
        before = screen.view.rows[screen.view.cursor]
        await pilot.press("s")
        await pilot.pause()
        assert screen.comparison.a is b and screen.comparison.b is a
        assert screen.comparison.only_a == only_b and screen.comparison.only_b == only_a
        header = screen.query_one(ComparisonHeader)
        first_line = header._lines(header.content_size.width)[0].plain
        assert first_line.startswith("A " + b.title[:20]) and "B " + a.title[:20] in first_line
        # the cursor stays on the same sentences, now on the other side
        after = screen.view.rows[screen.view.cursor]
        assert set(after.a) & set(before.b) or set(after.b) & set(before.a)
        await pilot.press("s")
        assert screen.comparison.a is a


def without_evidence_wording(document: dict) -> dict:
    """The comparison's JSON less the evidence's details, which quote each
    side's own words (A's surfaces of the shared words first)."""
    for item in document["aligned"] + [document["headlines"]]:
        item["evidence"] = [evidence["kind"] for evidence in item["evidence"]]
    return document


def test_mirroring_equals_comparing_the_other_way_round(library):
    for first, second in (("000", "004"), ("001", "002"), ("003", "000")):
        comparison = library.compare(first, second)
        assert (without_evidence_wording(mirror(comparison).to_json())
                == without_evidence_wording(library.compare(second, first).to_json()))
        assert mirror(mirror(comparison)).to_json() == comparison.to_json()


# --- leaving and exporting ---------------------------------------------------------


async def test_escape_returns_to_the_main_screen_as_it_was(app):
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        await type_query(pilot, "rafah")
        main = app.screen
        results, reader = main.query_one(ResultsList), main.query_one(ArticleReader)
        await open_comparison(pilot, "000", "004")
        await pilot.press("n", "s", "G")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is main
        assert main.query_one(SearchBox).value == "rafah"
        assert results.highlighted == index_of(app, "004") and results.highlighted_id.startswith("004")
        assert reader.article_id.startswith("004")
        assert app.focused is results
        assert main.launcher.marked_id is None  # the comparison is done with the mark


async def test_export_writes_a_new_file_each_time_and_copies_the_report(app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        screen = await open_comparison(pilot, "000", "004")
        a, b = screen.comparison.a, screen.comparison.b
        exports = app.library.config.ui.exports_folder()
        assert exports == Path(os.environ["XDG_DATA_HOME"]) / "ceasefire-tui" / "exports"  # the default
        first = exports / f"compare-{a.id}-{b.id}.md"
        await pilot.press("e")
        await wait_until(pilot, first.exists, what="the report")
        await settle(pilot)
        report = first.read_text(encoding="utf-8")
        assert escape(a.title) in report and escape(b.title) in report
        assert app.clipboard == report
        assert any(str(first) in n.message for n in notices(app))
        await pilot.press("e")
        second = exports / f"compare-{a.id}-{b.id}-1.md"
        await wait_until(pilot, second.exists, what="the second report")
        assert first.read_text(encoding="utf-8") == report  # never overwritten
        assert not list(tmp_path.glob("compare-*.md"))  # nothing in the working folder


async def test_an_export_never_becomes_an_article(tmp_path, seeds_corpus, monkeypatch):
    """Started from inside the corpus folder, with the exports folder inside
    it too (ui.export_path) and a glob that reaches into it: the report is
    written there, named in the notice, and never indexed."""
    monkeypatch.chdir(seeds_corpus)
    config = write_config(tmp_path, {"corpus": {"paths": ["corpus", "corpus/**/*.md"]},
                                     "index": {"path": "index"}, "ui": {"export_path": "corpus/reports"}})
    app = make_app(config)
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        await open_comparison(pilot, "000", "004")
        await pilot.press("e")
        exports = seeds_corpus / "reports"
        await wait_until(pilot, lambda: exports.is_dir() and any(exports.iterdir()), what="the report")
        await settle(pilot)
        written = next(exports.iterdir())
        assert any(f"Report written to {written}" in n.message for n in notices(app))
        assert not list(seeds_corpus.glob("compare-*.md"))
        report = app.library.refresh()
        assert report.articles == 5 and report.added == 0 and not report.skipped
    app.library.close()


def test_write_new_file_never_overwrites(tmp_path):
    (tmp_path / "r.md").write_text("mine", encoding="utf-8")
    (tmp_path / "r-1.md").write_text("mine too", encoding="utf-8")
    path = write_new_file(tmp_path, "r.md", "new")
    assert path.name == "r-2.md" and path.read_text(encoding="utf-8") == "new"
    assert (tmp_path / "r.md").read_text(encoding="utf-8") == "mine"


# --- marking and the other ways in ----------------------------------------------------


async def test_c_twice_on_the_same_result_unmarks_it(app):
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        await move_to(pilot, "002")
        await pilot.press("c")
        assert app.screen.launcher.marked_id.startswith("002")
        await pilot.press("c")
        await settle(pilot)
        assert app.screen.launcher.marked_id is None
        results = results_list(app)
        assert not str(results.get_option_at_index(index_of(app, "002")).prompt).startswith(MARK)
        assert results.border_subtitle == ""
        assert not isinstance(app.screen, CompareScreen)


async def test_the_mark_survives_a_new_search(app):
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        await move_to(pilot, "000")
        await pilot.press("c")
        await type_query(pilot, "rafah")
        assert str(results_list(app).get_option_at_index(index_of(app, "000")).prompt).startswith(MARK)


async def test_c_in_the_reader_compares_the_marked_article_with_the_open_one(app):
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        await move_to(pilot, "004")
        await pilot.press("c")
        await move_to(pilot, "001")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.focused, ArticleReader) and app.focused.article_id.startswith("001")
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, CompareScreen), what="the compare screen")
        assert app.screen.comparison.a.id.startswith("004") and app.screen.comparison.b.id.startswith("001")


async def test_c_in_the_reader_with_nothing_marked_says_what_to_do(app):
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        await move_to(pilot, "001")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert not isinstance(app.screen, CompareScreen)
        assert any("Mark another article" in n.message for n in notices(app))


async def test_compare_with_marked_from_the_command_palette(app):
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        await move_to(pilot, "003")
        await pilot.press("c")
        await move_to(pilot, "002")
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: app.screen.query("CommandInput"), what="the command palette")
        app.screen.query_one("CommandInput").value = "Compare with marked"
        await wait_until(pilot, lambda: "Compare with marked" in screen_text(app), what="the command")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CompareScreen), what="the compare screen")
        assert app.screen.comparison.a.id.startswith("003") and app.screen.comparison.b.id.startswith("002")


async def test_comparison_commands_are_in_the_palette(app):
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Mark for comparison", "Compare with marked…",
                "Compare highlighted result with the open article"} <= titles
        screen = await open_comparison(pilot, "000", "001")
        titles = {command.title for command in app.get_system_commands(screen)}
        assert {"Next difference", "Previous difference", "Swap sides", "Export comparison report",
                "Names, figures and quotations", "Back to the results"} <= titles


async def test_a_failed_comparison_is_a_notification(app):
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        app.screen.launcher.start_comparison("000", "no-such-article")
        await settle(pilot)
        assert not isinstance(app.screen, CompareScreen)
        assert any(n.severity == "error" and "no-such-article" in n.message for n in notices(app))


# --- details, text as data, sizes, keys ------------------------------------------------


async def test_figures_names_and_quotes_are_listed_and_d_jumps_there(tricky_config):
    app = make_app(tricky_config)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot, articles=2)
        screen = await open_comparison(pilot, "a", "b")
        view = screen.view
        await pilot.press("d")
        await pilot.pause()
        assert view.scroll_offset.y == min(view.details_line, view.max_scroll_y) > 0
        shown = "\n".join(view.screen_lines())
        assert "Figures that differ" in shown
        row = next(line for line in shown.splitlines() if "over 28,800 people" in line)
        assert "≠" in row and "30,000 people" in row  # the two values on one row
        assert "February 3" in shown and "February 4" in shown
        await pilot.press("d")
        await pilot.pause()
        assert view.scroll_offset.y == 0  # and back
    app.library.close()


async def test_markup_in_articles_is_shown_literally(tricky_config):
    app = make_app(tricky_config)
    async with app.run_test(size=(120, 30)) as pilot:
        await started(pilot, articles=2)
        screen = await open_comparison(pilot, "a", "b")
        text = normalised(screen_text(app))
        assert "[bold]Casualties[/bold] rise in Gaza" in text
        shown = normalised(screen.view.visible_text())
        assert "[link=http://x]Cairo[/link]" in shown
        assert "[red]aid trucks[/red]" in shown and "[@click=app.quit]Rafah[/]" in shown
        await pilot.press("n", "n", "d", "enter", "space")
        assert app.is_running
    app.library.close()


@pytest.mark.parametrize("size", [(80, 24), (64, 20), (50, 16), (30, 10)])
async def test_small_terminals_render_without_error(app, size):
    async with app.run_test(size=size) as pilot:
        await started(pilot)
        screen = await open_comparison(pilot, "000", "004")
        view = screen.view
        width = view.scrollable_content_region.width
        assert all(len(line) <= max(width, 20) for line in view.screen_lines())
        text = normalised(screen_text(app))
        if size[0] >= 60:
            assert "A Ceasefire Talks" in text and "B Negotiations" in text
        for key in ("n", "n", "pagedown", "s", "d", "G", "N", "g"):
            await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        screen_text(app)


async def test_stacked_rows_below_60_columns(app):
    async with app.run_test(size=(56, 24)) as pilot:
        await started(pilot)
        screen = await open_comparison(pilot, "000", "004")
        view = screen.view
        assert view._laid_out.stacked
        row = next(n for n, row in enumerate(view.rows) if row.kind == "same")
        lines = view.row_lines(row)
        assert "≈" in lines[0] and "A " in lines[0]
        assert any(line[7:9] == "B " for line in lines)


async def test_help_lists_the_compare_keys(app):
    async with app.run_test(size=(120, 60)) as pilot:
        await started(pilot)
        await open_comparison(pilot, "000", "001")
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        app.screen.query_one("#help-body").scroll_end(animate=False, immediate=True)
        await pilot.pause()
        text = screen_text(app)
        for expected in ("compare.swap", "compare.next_difference", "compare.export", "compare.details",
                         "compare.back", "Swap the sides"):
            assert expected in text
        await pilot.press("escape")
        assert isinstance(app.screen, CompareScreen)


async def test_compare_keys_can_be_rebound(seeds_app):
    app = seeds_app(ui={"keymap": {"compare.swap": "w", "compare": "M"}})
    assert check_ui_config(app.library.config) is None
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        await move_to(pilot, "000")
        await pilot.press("M")
        await move_to(pilot, "001")
        await pilot.press("M")
        await wait_until(pilot, lambda: isinstance(app.screen, CompareScreen), what="the compare screen")
        await settle(pilot)
        await pilot.press("w")
        assert app.screen.comparison.a.id.startswith("001")


async def test_light_theme_renders(seeds_app):
    app = seeds_app(ui={"theme": "textual-light"})
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        screen = await open_comparison(pilot, "000", "004")
        await pilot.press("n")
        view = screen.view
        strip = view.render_line(view.line_of_row(view.cursor) - int(view.scroll_offset.y))
        assert not app.current_theme.dark and strip.text.strip()


async def test_the_mark_is_cleared_once_the_comparison_is_done(app):
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        await open_comparison(pilot, "000", "004")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, CompareScreen), what="back to the results")
        await settle(pilot)
        results = results_list(app)
        assert app.screen.launcher.marked_id is None and results.border_subtitle == ""
        assert not any(str(results.get_option_at_index(row).prompt).startswith(MARK)
                       for row in range(results.option_count))
