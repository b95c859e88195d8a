"""Correcting the entity list by keyboard, driven with Pilot: merge (mark one,
then the other), rename, change the type, hide, list the corrections and
undo one; the keys rebindable under ui.keymap and named in help and hints."""

from ceasefire_tui.tui.screens.entity_corrections import CorrectionsScreen, RenameScreen, RetypeScreen
from ceasefire_tui.tui.screens.help import HelpScreen
from tui_support import entity_list, notice_texts, open_article, settle, started, wait_until

from test_entity_sidebar import choose, names_under


def listed_names(app) -> set[tuple[str, str]]:
    entities = entity_list(app)
    return {entities.key_at(index) for index in range(entities.option_count)} - {None}


async def focus_on(pilot, name: str) -> None:
    """The entity list focused (by its key, from the results), its cursor on ``name``."""
    await pilot.press("escape", "e")
    await choose(pilot, name)


async def shown(pilot, condition, what: str) -> None:
    await wait_until(pilot, condition, what=what, state=lambda: sorted(listed_names(pilot.app)))
    await settle(pilot)


async def test_merge_by_marking_one_entry_and_then_the_other(app):
    async with app.run_test(size=(140, 40)) as pilot:
        await started(pilot)
        await open_article(pilot, "002")
        await focus_on(pilot, "Itamar Ben-Gvir")
        await pilot.press("m")
        entities = entity_list(app)
        assert entities.merge_mark == ("Itamar Ben-Gvir", "PERSON")
        assert any(text.startswith("◆ ⊕ Itamar Ben-Gvir") for text in entities.plain_entries())
        assert any("Itamar Ben-Gvir marked: m on the entry it belongs to merges them" in text
                   for text in notice_texts(app))
        await choose(pilot, "William Burns")
        burns_mentions = len(entities.selected_mentions())
        await pilot.press("m")
        await shown(pilot, lambda: ("Itamar Ben-Gvir", "PERSON") not in listed_names(app), "the merge")
        assert ("William Burns", "PERSON") in listed_names(app)
        assert entities.merge_mark is None
        assert entities.selected == ("William Burns", "PERSON")
        assert any("Merged Itamar Ben-Gvir into William Burns. u lists the corrections" in text
                   for text in notice_texts(app))
        # the reader underlines Ben-Gvir's mention as one of Burns's now
        assert len(entities.selected_mentions()) == burns_mentions + 1
        assert app.library.corrections()[0].correction.describe() == \
            "merge Itamar Ben-Gvir (PERSON) into William Burns (PERSON)"


async def test_m_twice_on_one_entry_unmarks_it(app):
    async with app.run_test(size=(140, 40)) as pilot:
        await started(pilot)
        await open_article(pilot, "002")
        await focus_on(pilot, "CIA")
        await pilot.press("m", "m")
        await settle(pilot)
        assert entity_list(app).merge_mark is None and app.library.corrections() == []


async def test_rename_in_a_prompt(app):
    async with app.run_test(size=(140, 40)) as pilot:
        await started(pilot)
        await open_article(pilot, "002")
        await focus_on(pilot, "William Burns")
        await pilot.press("R")
        await wait_until(pilot, lambda: isinstance(app.screen, RenameScreen), what="the rename prompt")
        box = app.screen.query_one("#new-name")
        assert box.value == "William Burns"
        box.value = "Bill Burns"
        await pilot.press("enter")
        await shown(pilot, lambda: ("Bill Burns", "PERSON") in listed_names(app), "the rename")
        assert ("William Burns", "PERSON") not in listed_names(app)
        assert entity_list(app).selected == ("Bill Burns", "PERSON")


async def test_escape_cancels_the_prompts(app):
    async with app.run_test(size=(140, 40)) as pilot:
        await started(pilot)
        await open_article(pilot, "002")
        await focus_on(pilot, "CIA")
        await pilot.press("R")
        await wait_until(pilot, lambda: isinstance(app.screen, RenameScreen), what="the rename prompt")
        await pilot.press("escape")
        await pilot.press("T")
        await wait_until(pilot, lambda: isinstance(app.screen, RetypeScreen), what="the type picker")
        await pilot.press("escape")
        await settle(pilot)
        assert app.library.corrections() == [] and ("CIA", "ORG") in listed_names(app)


async def test_change_the_type_by_picking_one(app):
    async with app.run_test(size=(140, 40)) as pilot:
        await started(pilot)
        await open_article(pilot, "000")
        await focus_on(pilot, "Tel Aviv")
        await pilot.press("T")
        await wait_until(pilot, lambda: isinstance(app.screen, RetypeScreen), what="the type picker")
        picker = app.screen.query_one("#new-type")
        assert [picker.get_option_at_index(i).id for i in range(picker.option_count)] == \
            ["PERSON", "ORG", "GPE", "NORP"]
        assert picker.highlighted == 2  # its type now
        await pilot.press("up", "enter")
        await shown(pilot, lambda: ("Tel Aviv", "ORG") in listed_names(app), "the new type")
        assert "Tel Aviv" in names_under(entity_list(app), "Organisations")
        assert "Tel Aviv" not in names_under(entity_list(app), "Places")


async def test_hide_list_and_undo(app):
    async with app.run_test(size=(140, 40)) as pilot:
        await started(pilot)
        await open_article(pilot, "002")
        await focus_on(pilot, "Itamar Ben-Gvir")
        await pilot.press("x")
        await shown(pilot, lambda: ("Itamar Ben-Gvir", "PERSON") not in listed_names(app), "the entry hidden")
        await choose(pilot, "CIA")
        await pilot.press("x")
        await shown(pilot, lambda: ("CIA", "ORG") not in listed_names(app), "the second entry hidden")

        await pilot.press("u")
        await wait_until(pilot, lambda: isinstance(app.screen, CorrectionsScreen), what="the corrections list")
        options = app.screen.query_one("#corrections")
        assert [options.get_option_at_index(i).prompt.plain for i in range(options.option_count)] == [
            "  1  hide Itamar Ben-Gvir (PERSON): not an entity", "  2  hide CIA (ORG): not an entity"]
        assert options.highlighted == 1  # the last one: u u undoes the last correction
        await pilot.press("up", "u")
        await shown(pilot, lambda: ("Itamar Ben-Gvir", "PERSON") in listed_names(app), "the hide undone")
        assert ("CIA", "ORG") not in listed_names(app)
        assert [item.correction.name for item in app.library.corrections()] == ["CIA"]


async def test_a_correction_that_fails_is_a_notice(app):
    async with app.run_test(size=(140, 40)) as pilot:
        await started(pilot)
        await open_article(pilot, "002")
        await focus_on(pilot, "CIA")
        app.library.corrections_file.path.write_text("corpora: [unclosed", encoding="utf-8")
        await pilot.press("x")
        await wait_until(pilot, lambda: any("cannot be read" in text and "fix or move it" in text
                                            for text in notice_texts(app)), what="the failure notice")
        assert app.library.corrections_file.path.read_text(encoding="utf-8") == "corpora: [unclosed"


async def test_the_keys_are_rebindable_and_named_in_help_and_hints(seeds_app):
    app = seeds_app(ui={"keymap": {"entities.merge": "ctrl+o", "entities.corrections": "U"}})
    async with app.run_test(size=(140, 40)) as pilot:
        await started(pilot)
        await open_article(pilot, "002")
        await focus_on(pilot, "CIA")
        await pilot.press("m")
        await settle(pilot)
        assert entity_list(app).merge_mark is None
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert entity_list(app).merge_mark == ("CIA", "ORG")
        assert any("ctrl+o on the entry it belongs to merges them" in text for text in notice_texts(app))
        await pilot.press("ctrl+o")  # unmark
        await pilot.press("U")
        await wait_until(pilot, lambda: isinstance(app.screen, CorrectionsScreen), what="the corrections list")
        assert "ctrl+o merges" in str(app.screen.query_one("Static").render())
        await pilot.press("escape")
        app.action_help()
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), what="help")
        rows = {row[3]: row for row in app.screen.rows()}
        assert rows["entities.merge"][1] == "ctrl+o" and rows["entities.corrections"][1] == "U"
        assert rows["entities.rename"][1] == "R" and rows["entities.hide"][1] == "x"
        assert rows["corrections.undo"][0] == "Undo list"


async def test_a_bad_hand_edited_entry_is_a_notice_naming_it_and_the_file(app):
    path = app.library.corrections_file.path
    corpus = [str(p) for p in app.library.config.corpus.paths]
    path.write_text(f"corpora:\n- corpus: {corpus!r}\n  corrections:\n  - {{hide: CIA}}\n"
                    "  - {retype: Qatar, to: CONTINENT}\n", encoding="utf-8")
    async with app.run_test(size=(140, 40)) as pilot:
        await started(pilot)
        await wait_until(pilot, lambda: any(f"{path}: correction 2 is skipped" in text for text in notice_texts(app)),
                         what="the notice of the skipped entry")
        await open_article(pilot, "002")
        assert ("CIA", "ORG") not in listed_names(app) and ("Qatar", "GPE") in listed_names(app)
