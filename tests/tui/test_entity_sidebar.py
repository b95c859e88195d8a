"""The entity sidebar, mention highlights and the entity keys, driven with Pilot."""

import pytest

from ceasefire_tui.index.config import load_config
from ceasefire_tui.index.library import StoredArticle
from ceasefire_tui.index.model import Entity, Mention
from ceasefire_tui.tui.keys import binding_ids
from ceasefire_tui.tui.messages import ArticleLoaded
from ceasefire_tui.tui.widgets.entities import EntityList
from ceasefire_tui.tui.widgets.entity_looks import MIN_CONTRAST, build_looks, contrast, entity_types, resolve_colour
from ceasefire_tui.tui.widgets.entity_rows import CURRENT_MARKER
from tui_support import (article_reader, entity_list, notices, open_article, results_for, results_list, search_for,
                         search_box, settle, started, wait_until)


def sections(entities: EntityList) -> dict[str, list[str]]:
    """Heading label -> the entries under it, as plain text."""
    grouped: dict[str, list[str]] = {}
    current = None
    for index in range(entities.option_count):
        option = entities.get_option_at_index(index)
        text = option.prompt.plain
        if entities.key_at(index) is None and not text.lstrip().startswith("…"):
            current = text[2:].rsplit(" ", 1)[0]  # "◆ People 3" -> "People"
            grouped[current] = []
        elif current is not None:
            grouped[current].append(text)
    return grouped


def names_under(entities: EntityList, label: str) -> list[str]:
    return [key[0] for index, key in keyed_rows(entities) if key is not None
            and _label_of(entities, index) == label]


def keyed_rows(entities: EntityList):
    """(row, the entity key of that row, None for a heading), top to bottom."""
    return [(index, entities.key_at(index)) for index in range(entities.option_count)]


def _label_of(entities: EntityList, index: int) -> str | None:
    for back in range(index, -1, -1):
        if entities.key_at(back) is None:
            return entities.get_option_at_index(back).prompt.plain[2:].rsplit(" ", 1)[0]
    return None


async def choose(pilot, name: str) -> None:
    """Move the entity list's cursor onto ``name``."""
    entities = entity_list(pilot.app)
    index = next(i for i, key in keyed_rows(entities) if key and key[0] == name)
    entities.highlighted = index
    await wait_until(pilot, lambda: entities.selected is not None and entities.selected[0] == name,
                     what=f"{name} chosen")


async def test_the_sidebar_lists_the_articles_entities_grouped_by_type(app):
    async with app.run_test(size=(140, 40)) as pilot:
        await started(pilot)
        await open_article(pilot, "003")
        entities = entity_list(app)
        netanyahu = [entry for entry in entities.plain_entries() if "Netanyahu" in entry]
        assert len(netanyahu) == 1 and "Benjamin Netanyahu" in netanyahu[0]
        people = names_under(entities, "People")
        assert "Benjamin Netanyahu" in people and "Mousa Abu Marzouk" in people
        assert not any("CIA" in entry for entry in entities.plain_entries())
        # 003 dates nothing but "Sunday", and a weekday is no figure: no Dates section.
        assert list(sections(entities)) == ["People", "Organisations", "Places", "Groups", "Figures"]
        await open_article(pilot, "002")
        assert "CIA" in names_under(entities, "Organisations")


async def test_the_dots_show_which_results_mention_an_entity(app):
    async with app.run_test(size=(140, 40)) as pilot:
        await started(pilot)
        await open_article(pilot, "003")
        entities = entity_list(app)

        def entry(name):
            return next(text for text in entities.plain_entries() if name in text)

        await wait_until(pilot, lambda: "●●●●●" in entry("Benjamin Netanyahu"), what="five dots")
        assert entry("Benjamin Netanyahu").rstrip().endswith("5× ●●●●●")
        # One dot per result, in the results list's order: 000 and 003 mention Joe Biden.
        order = [hit.id[:3] for hit in results_list(app).hits]
        expected = "".join("●" if article in ("000", "003") else "·" for article in order)
        assert entry("Joe Biden").rstrip().endswith(expected)
        # A new query reorders the results, and the dots follow.
        search_box(app).value = "hamas"
        await wait_until(pilot, lambda: app.screen.result.query == "hamas", what="results for hamas")
        # Typed: the sidebar follows the results when typing pauses.
        await wait_until(pilot, lambda: entity_list(app).result is app.screen.result, what="the sidebar to follow")
        await settle(pilot)
        await open_article(pilot, "003")
        order = [hit.id[:3] for hit in results_list(app).hits]
        expected = "".join("●" if article == "003" else "·" for article in order)
        assert entry("Mousa Abu Marzouk").rstrip().endswith(expected)


async def test_e_focuses_the_entity_list_and_escape_returns_to_the_article_reader(app):
    async with app.run_test(size=(140, 40)) as pilot:
        await started(pilot)
        await pilot.press("escape", "e")
        entities = entity_list(app)
        assert app.focused is entities
        assert entities.key_at(entities.highlighted) is not None  # the first entity, not a heading
        assert entities.selected == entities.key_at(entities.highlighted)
        await pilot.press("j")
        assert entities.selected == entities.key_at(entities.highlighted)
        await pilot.press("escape")
        assert app.focused is article_reader(app)


async def test_enter_on_an_entity_filters_the_results(app):
    async with app.run_test(size=(140, 40)) as pilot:
        await started(pilot)
        await open_article(pilot, "003")
        await pilot.press("escape", "e")
        await choose(pilot, "Benjamin Netanyahu")
        await pilot.press("enter")
        box, results = search_box(app), results_list(app)
        assert box.value == 'entity:"Benjamin Netanyahu"'
        await results_for(pilot, box.value)
        assert results.option_count == 5
        assert article_reader(app).article_id.startswith("003")  # the open article stays open
        await choose(pilot, "Joe Biden")
        await pilot.press("enter")
        await wait_until(pilot, lambda: results.option_count == 2, what="two results")
        assert box.value == 'entity:"Joe Biden"'
        assert sorted(hit.id[:3] for hit in results.hits) == ["000", "003"]
        assert results.highlighted_id.startswith("003") and article_reader(app).article_id.startswith("003")


async def test_brackets_jump_between_the_mentions_of_the_chosen_entity(app):
    async with app.run_test(size=(100, 24)) as pilot:
        await started(pilot)
        await open_article(pilot, "003")
        await pilot.press("escape", "e")
        await choose(pilot, "Benjamin Netanyahu")
        entities, view = entity_list(app), article_reader(app)
        mentions = entities.selected_mentions()
        assert len(mentions) == 5
        assert view.scroll_offset.y == 0
        await pilot.press("right_square_bracket")
        assert entities.mention == 0
        await pilot.pause()
        assert view.scroll_offset.y > 0  # the first mention is far down the article

        def current_visible():
            line = view.line_of_offset(mentions[entities.mention][0])
            return view.scroll_offset.y <= line < view.scroll_offset.y + view.scrollable_content_region.height

        assert current_visible()
        current = [mark for mark in view.marks if mark.marker == CURRENT_MARKER]
        assert [(mark.start, mark.end) for mark in current] == [mentions[0]]
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert entities.mention == 2
        await pilot.press("left_square_bracket")
        assert entities.mention == 1
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert entities.mention == 4  # wrapped around to the last
        await pilot.pause()
        assert current_visible()
        assert [(m.start, m.end) for m in view.marks if m.marker == CURRENT_MARKER] == [mentions[4]]
        assert "5/5" in str(view.border_title)
        await pilot.press("right_square_bracket")
        assert entities.mention == 0  # and forwards past the last


async def test_mentions_are_marked_in_the_reader_with_a_symbol(app):
    async with app.run_test(size=(140, 40)) as pilot:
        await started(pilot)
        await open_article(pilot, "003")
        view, stored = article_reader(app), article_reader(app).stored
        expected = {(m.start, m.end) for entity in stored.entities for m in entity.mentions}
        marks = view.marks
        assert {(mark.start, mark.end) for mark in marks} == expected
        symbols = {entity.type: entity_types(app.library.config.entities.types)[entity.type].symbol
                   for entity in stored.entities}
        for entity in stored.entities:
            for mention in entity.mentions:
                mark = next(m for m in marks
                            if (m.start, m.end) == (mention.start, mention.end) and m.symbol == symbols[entity.type])
                assert mark.style.underline  # colour is never the only cue
        # Choosing an entity makes its mentions stand out from the rest.
        await pilot.press("escape", "e")
        await choose(pilot, "Mousa Abu Marzouk")
        chosen = [m for m in view.marks if m.style.bold]
        assert {(m.start, m.end) for m in chosen} == entity_mentions(stored, "Mousa Abu Marzouk")
        assert "Mousa Abu Marzouk" in str(view.border_title)


async def test_names_in_the_headline_are_marked_as_in_the_text(app):
    async with app.run_test(size=(140, 40)) as pilot:
        await started(pilot)
        await open_article(pilot, "003")
        view, stored = article_reader(app), article_reader(app).stored
        in_headline = {(m.start, m.end) for entity in stored.entities for m in entity.headline}
        assert in_headline and {(m.start, m.end) for m in view.title_marks} == in_headline
        await settle(pilot)
        top = view.render_line(0)  # the title's first line, as painted
        painted = "".join(segment.text for segment in top)
        start, end = min(in_headline)
        name = stored.article.title[start:end]
        underlined = "".join(segment.text for segment in top if segment.style and segment.style.underline)
        assert name in painted and underlined.strip().startswith(name), painted


def entity_mentions(stored, name):
    entity = next(entity for entity in stored.entities if entity.name == name)
    return {(mention.start, mention.end) for mention in entity.mentions}


async def test_a_theme_change_recolours_the_marks(app):
    async with app.run_test(size=(140, 40)) as pilot:
        await started(pilot)
        before = {mark.style.color for mark in article_reader(app).marks}
        app.theme = "textual-light"
        await wait_until(pilot, lambda: {mark.style.color for mark in article_reader(app).marks} != before,
                         what="new colours")
        light = build_looks(entity_types(app.library.config.entities.types), app.get_css_variables())
        assert {mark.style for mark in article_reader(app).marks} <= {look.mention for look in light.values()}


async def test_search_matches_stay_visible_over_entity_marks(app):
    async with app.run_test(size=(140, 40)) as pilot:
        await started(pilot)
        box = search_box(app)
        box.value = "hamas"
        await wait_until(pilot, lambda: app.screen.result is not None and app.screen.result.query == "hamas",
                         what="results for hamas")
        await settle(pilot)
        await pilot.press("escape", "e")
        await choose(pilot, "Hamas")  # its mentions get a tinted background...
        view = article_reader(app)
        assert view.match_count > 0 and view.marks
        start, end = view._matches[0]
        line = view._lines[view.line_of_offset(start)]
        text = view._styled_line(line, view.rich_style)
        offset = start - line.start + len(text.plain) - (line.end - line.start)
        match_style = view.get_component_rich_style("reader--match")
        shown = text.get_style_at_offset(app.console, offset)
        assert any(m.start == start and m.style.bgcolor for m in view.marks)
        # ...and the search match is drawn over it.
        assert shown.bgcolor == match_style.bgcolor and shown.color == match_style.color


async def test_t_switches_between_the_article_and_the_results(app):
    async with app.run_test(size=(140, 40)) as pilot:
        await started(pilot)
        await open_article(pilot, "000")
        entities = entity_list(app)
        assert "CIA" not in names_under(entities, "Organisations")
        await pilot.press("escape", "e", "t")
        assert entities.scope == "results"
        assert "5 results" in app.screen.query_one("#entities-heading").render().plain
        assert "CIA" in names_under(entities, "Organisations")
        assert "Yoav Gallant" in names_under(entities, "People")
        cia = next(text for text in entities.plain_entries() if "CIA" in text)
        assert cia.count("●") == 2  # 002 and 004: counts over the current results
        await pilot.press("t")
        assert entities.scope == "article"
        assert "CIA" not in names_under(entities, "Organisations")


async def test_entity_names_with_markup_are_shown_literally(app):
    async with app.run_test(size=(140, 40)) as pilot:
        await started(pilot)
        real = article_reader(app).stored
        tricky = "[bold]Mr. X[/bold] [@click=app.quit]"
        fake = StoredArticle(real.article, [Entity(tricky, "PERSON", 1, [tricky], [Mention(0, 5, real.article.text[:5])])], [])
        app.screen.post_message(ArticleLoaded(fake))
        entities = entity_list(app)
        await wait_until(pilot, lambda: any(tricky in text for text in entities.plain_entries()),
                         what="the tricky name listed")
        await pilot.press("escape", "e")
        assert tricky in article_reader(app)._border_title.plain
        await pilot.press("enter")
        assert search_box(app).value == f'entity:"{tricky}"'
        assert app.is_running


async def test_a_type_configured_as_hidden_is_not_listed_or_marked(seeds_app):
    app = seeds_app(entities={"types": {"FIGURE": {"shown": False}}})
    async with app.run_test(size=(140, 40)) as pilot:
        await started(pilot)
        await open_article(pilot, "000")
        entities = entity_list(app)
        assert "Figures" not in sections(entities)
        assert {"People", "Places"} <= set(sections(entities))
        figures = {(m.start, m.end) for e in article_reader(app).stored.entities if e.type == "FIGURE" for m in e.mentions}
        assert figures and not figures & {(mark.start, mark.end) for mark in article_reader(app).marks}
        await pilot.press("escape", "e", "t")
        assert "Figures" not in sections(entities)


async def test_e_shows_the_hidden_sidebar_at_80_columns(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        sidebar, left = app.screen.query_one("#sidebar"), app.screen.query_one("#left")
        assert not sidebar.display
        await pilot.press("escape", "e")
        await pilot.pause()
        assert sidebar.display and app.focused is entity_list(app)
        assert not left.display  # the sidebar takes the results' place, so the reader stays readable
        assert article_reader(app).scrollable_content_region.width >= 40
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert not sidebar.display and left.display


async def test_jumping_without_a_chosen_entity_explains_itself(app):
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        await pilot.press("escape", "right_square_bracket")
        await pilot.pause()
        assert app.is_running
        assert any("Choose an entity" in str(n.message) for n in notices(app))


async def test_entity_keys_have_ids_and_palette_entries(app):
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        assert {"entities.focus", "entities.next_mention", "entities.previous_mention",
                "entities.scope"} <= binding_ids()
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Entities", "Next mention", "Previous mention", "Entities: this article / results",
                "Filter by entity"} <= titles


async def test_the_keymap_can_rebind_the_mention_keys(seeds_app):
    app = seeds_app(ui={"keymap": {"entities.next_mention": "ctrl+n", "entities.focus": "E"}})
    async with app.run_test(size=(120, 32)) as pilot:
        await started(pilot)
        await pilot.press("escape", "E")
        entities = entity_list(app)
        assert app.focused is entities
        await pilot.press("ctrl+n")
        assert entities.mention == 0


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "solarized-light", "nord", "ansi-dark"])
def test_entity_colours_read_well_in_every_theme(theme, seeds_config):
    from textual.app import App

    probe = App()
    probe.theme = theme
    variables = probe.get_css_variables()
    types = entity_types(load_config(seeds_config).entities.types)
    looks = build_looks(types, variables)
    assert set(looks) == set(types)
    background = resolve_colour("$surface", variables)
    for look in looks.values():
        assert look.symbol and look.mention.underline
        if background.ansi is None and background.a > 0:
            assert contrast(resolve_colour(look.colour, variables), background) >= MIN_CONTRAST - 0.01


async def test_figures_are_listed_by_kind_then_value_not_as_text(app):
    async with app.run_test(size=(140, 40)) as pilot:
        await started(pilot)
        await open_article(pilot, "000")
        # As text "135-day pause" came first; counts come before durations, larger first.
        assert names_under(entity_list(app), "Figures") == ["28,800 people", "three phases", "135-day pause"]
        await open_article(pilot, "002")
        assert names_under(entity_list(app), "Figures") == ["2 million people", "six months", "17-year-old blockade"]


async def test_clearing_an_entity_filter_clears_the_reader_title(app):
    async with app.run_test(size=(140, 40)) as pilot:
        await started(pilot)
        await open_article(pilot, "003")
        await pilot.press("escape", "e")
        await choose(pilot, "Benjamin Netanyahu")
        await pilot.press("enter")
        box = search_box(app)
        await results_for(pilot, box.value)
        assert "Benjamin Netanyahu" in str(article_reader(app).border_title)
        box.value = ""
        await wait_until(pilot, lambda: app.screen.result.query == "", what="the filter cleared")
        await settle(pilot)
        assert str(article_reader(app).border_title) == "Article"
        assert entity_list(app).selected is None


async def test_a_name_only_the_headline_gives_is_listed_and_says_where_it_is(seeds_corpus, seeds_app):
    (seeds_corpus / "ankara.md").write_text(
        "---\ntitle: Grain talks move to Ankara\nsource: Harbour Gazette\n---\n\n"
        "Negotiators will meet again next week, officials said on Tuesday.\n", encoding="utf-8")
    app = seeds_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await started(pilot, articles=6)
        await search_for(pilot, "grain")
        await open_article(pilot, "ankara")
        assert "Ankara" in names_under(entity_list(app), "Places")
        await pilot.press("escape", "e")
        await choose(pilot, "Ankara")
        await pilot.press("right_square_bracket")
        await wait_until(pilot, lambda: any("Ankara is named only in the headline" in str(n.message)
                                            for n in notices(app)), what="the headline notice")
