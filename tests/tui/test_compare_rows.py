"""The compare screen's rows as a fact-checker reads them: both columns in
their article's order, a moved pair pointing at its partner's row, related
rows dim, differing rows with their own mark, evidence on demand, and n / N
stopping once per block of differences."""

import pytest

from support import write_config
from ceasefire_tui.tui.widgets.comparison_layout import compose_line
from tui_support import make_app, open_comparison, settle, started

A = [
    "Hamas accepted the Egyptian ceasefire proposal on Sunday, officials in Cairo said.",
    "Aid convoys waited for days at the Kerem Shalom crossing before the gates opened.",
    "The storm destroyed the harbour of Valletta on Tuesday night, flooding the old town.",
    "Prime Minister Benjamin Netanyahu announced a ground invasion of Rafah on Monday.",
]
B = [
    "Prime Minister Benjamin Netanyahu said on Monday that the army would invade Rafah.",
    "Winter rain flooded tents along the coast.",
    "The football season was suspended in March.",
    "Doctors in Khan Younis ran out of anaesthetic.",
    "Hamas rejected the Egyptian ceasefire proposal on Sunday, officials in Cairo said.",
    "Aid convoys were stuck for days at the Kerem Shalom crossing before the gates opened.",
    "Valletta's harbour had been rebuilt in 2015 after years of complaints by fishermen.",
]


@pytest.fixture
def kinds_app(tmp_path):
    corpus = tmp_path / "kinds"
    corpus.mkdir()
    (corpus / "kinds_a.txt").write_text("Truce talks in Cairo\nFirst Outlet\n\n" + " ".join(A) + "\n", encoding="utf-8")
    (corpus / "kinds_b.txt").write_text("Cairo truce talks\nSecond Outlet\n\n" + " ".join(B) + "\n", encoding="utf-8")
    app = make_app(write_config(tmp_path, {"corpus": {"paths": ["kinds"]}, "index": {"path": "kinds-index"}}))
    yield app
    app.library.close()


def row_numbers(view, kind: str) -> list[int]:
    return [number for number, row in enumerate(view.rows) if row.kind == kind]


async def test_both_columns_read_in_order_and_a_moved_pair_points_at_its_partner(kinds_app):
    async with kinds_app.run_test(size=(120, 40)) as pilot:
        await started(pilot, articles=2)
        screen = await open_comparison(pilot, "kinds_a", "kinds_b")
        view = screen.view
        assert [i for row in view.rows for i in row.a] == list(range(len(A)))
        assert [j for row in view.rows for j in row.b] == list(range(len(B)))
        moved = row_numbers(view, "moved")
        assert len(moved) == 2  # Netanyahu's Rafah sentence: first in B, last in A
        top, bottom = moved
        assert view.rows[top].b == (0,) and view.rows[bottom].a == (3,)
        assert view.rows[top].partner == bottom and view.rows[bottom].partner == top
        assert "↓A4" in view.row_lines(top)[0]  # B 1's partner, A 4, is further down
        assert "↑B1" in view.row_lines(bottom)[0]


async def test_a_differing_pair_has_its_own_mark_and_is_listed_in_the_summary(kinds_app):
    async with kinds_app.run_test(size=(120, 40)) as pilot:
        await started(pilot, articles=2)
        screen = await open_comparison(pilot, "kinds_a", "kinds_b")
        view = screen.view
        (differs,) = row_numbers(view, "differs")
        assert view.rows[differs].a == (0,) and view.rows[differs].b == (4,)
        assert "≠" in view.row_lines(differs)[0]
        summary = screen.query_one("#compare-summary").render().plain
        assert "≠ 1 differ (A1/B5)" in summary


async def test_a_related_pair_is_drawn_dim_and_not_counted_as_same(app):
    """On the seeds: 001's "Hamas leaders left for Qatar" and 003's "the Hamas
    delegation left the negotiations in Cairo" share a row, dim: related."""
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot)
        screen = await open_comparison(pilot, "001", "003")
        view = screen.view
        related = row_numbers(view, "related")
        assert related, [row.kind for row in view.rows]
        line = view.line_of_row(related[0])
        spans = compose_line(view._lines[line], view._laid_out).spans
        assert any(span.style == "related" for span in spans)
        assert "~" in view.row_lines(related[0])[0]
        assert view.rows[related[0]].pair not in screen.comparison.of_kind("same")
        summary = screen.query_one("#compare-summary").render().plain
        same = len(screen.comparison.of_kind("same"))
        assert f"{same} same" in summary and f"~ {len(screen.comparison.of_kind('related'))} related" in summary


async def test_v_shows_the_evidence_under_each_pair(kinds_app):
    async with kinds_app.run_test(size=(120, 40)) as pilot:
        await started(pilot, articles=2)
        screen = await open_comparison(pilot, "kinds_a", "kinds_b")
        view = screen.view
        (differs,) = row_numbers(view, "differs")
        assert "opposing" not in " ".join(view.row_lines(differs))
        await pilot.press("v")
        await settle(pilot)
        shown = " ".join(view.row_lines(differs))
        assert "≠ opposing A “accepted” / B “rejected”" in shown and "names" in shown
        await pilot.press("v")
        await settle(pilot)
        assert "opposing" not in " ".join(view.row_lines(differs))


async def test_n_stops_once_per_block_and_g_starts_the_count_again(kinds_app):
    async with kinds_app.run_test(size=(120, 40)) as pilot:
        await started(pilot, articles=2)
        screen = await open_comparison(pilot, "kinds_a", "kinds_b")
        view = screen.view
        only_b = row_numbers(view, "only_b")
        assert len(only_b) == 3 and only_b == list(range(only_b[0], only_b[0] + 3))  # B 2–4, one run
        stops = view.difference_rows
        assert only_b[0] in stops and only_b[1] not in stops and only_b[2] not in stops
        for _ in range(stops.index(only_b[0]) + 1):
            await pilot.press("n")
        assert view.cursor == only_b[0]
        await pilot.press("n")
        assert view.cursor > only_b[-1]  # past the whole run in one press
        assert f"difference {stops.index(view.cursor) + 1}/{len(stops)}" in screen.status
        await pilot.press("g")
        await settle(pilot)
        assert view.cursor == -1 and screen.status.startswith(f"{len(stops)} differences")
        await pilot.press("n")
        assert view.cursor == stops[0]
