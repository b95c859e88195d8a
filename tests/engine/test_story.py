"""The whole story at once: which facts several outlets report (and where
they differ), figures across outlets, quotations by speaker, coverage."""

from __future__ import annotations

import gc
import json

import pytest

from ceasefire_tui.index import Library, StoredArticle, build_story, story_markdown
from ceasefire_tui.index.analysis.entities import extract_entities
from ceasefire_tui.index.analysis.figures import extract_figures
from ceasefire_tui.index.model import Article, assemble


def stored(article_id: str, outlet: str, published: str, *paragraphs: str, title: str = "Title") -> StoredArticle:
    text, blocks = assemble([("paragraph", p) for p in paragraphs])
    article = Article(article_id, f"{article_id}.txt", title, outlet, f"https://{outlet}.example/{article_id}",
                      published, text, blocks, "hash")
    return StoredArticle(article, extract_entities(article), extract_figures(article))


# Three invented reports of an earthquake, in wire, broadcaster and paper styles.
QUAKE = [
    stored("w1", "Wire", "2025-03-02T08:00:00Z",
           "A magnitude 7.1 earthquake struck the coastal province of Valmora before dawn on Sunday, "
           "flattening hundreds of homes.",
           "At least 34,000 people were killed, according to the national civil defence agency.",
           "\u201cWe are still pulling families out of the rubble,\u201d said Marta Ilescu, the agency's director.",
           "Rescue teams from three neighbouring countries arrived by Sunday evening.",
           title="Quake kills thousands in Valmora"),
    stored("b2", "Broadcaster", "2025-03-02T11:30:00Z",
           "The death toll rose to 34,600 people, the civil defence agency said on Sunday afternoon.",
           "A powerful magnitude 7.1 earthquake hit Valmora province early on Sunday and destroyed hundreds of houses.",
           "\u201cWe are still pulling families out of the rubble,\u201d agency director Marta Ilescu told reporters.",
           "The port of Sendra was closed to all shipping.",
           title="Valmora earthquake: toll climbs"),
    stored("p3", "Paper", "2025-03-03T06:00:00Z",
           "Nearly 35,000 people have died after a 7.1-magnitude quake levelled hundreds of homes across "
           "Valmora province on Sunday.",
           "The prime minister declared three days of national mourning.",
           title="A province in ruins"),
]


def fact_of(story, article_id: str, words: str):
    return next(fact for fact in story.facts
                if any(r.article == article_id and words in r.text for r in fact.reports))


def articles_of(fact) -> set[str]:
    return {report.article for report in fact.reports}


def test_one_fact_reported_by_three_outlets_is_one_fact_with_its_outlets_and_first_reporter():
    story = build_story(QUAKE)
    quake = fact_of(story, "w1", "magnitude 7.1 earthquake struck")
    assert articles_of(quake) == {"w1", "b2", "p3"}
    assert set(quake.outlets) == {"Wire", "Broadcaster", "Paper"}
    assert quake.first == "w1"  # published first
    assert story.facts[0] is quake  # most outlets first
    assert fact_of(story, "b2", "port of Sendra").only_in == "Broadcaster"


def test_figures_of_one_quantity_from_several_outlets_are_flagged_as_conflicting():
    story = build_story(QUAKE)
    toll = next(group for group in story.figures if 34000 in group.values)
    assert toll.values == (34000, 34600, 35000)
    assert toll.conflict
    by_article = {report.article: report for report in toll.reports}
    assert by_article["w1"].qualifier == "at least"
    assert by_article["w1"].attribution == "the national civil defence agency"
    assert by_article["b2"].attribution == "the civil defence agency"
    assert not any(group.conflict for group in story.figures if group.kind == "duration")


def test_the_same_quotation_carried_by_two_outlets_is_one_quotation_of_its_speaker():
    story = build_story(QUAKE)
    speaker = next(s for s in story.speakers if s.name and "Ilescu" in s.name)
    assert len(speaker.quotations) == 1
    assert {r.article for r in speaker.quotations[0].reports} == {"w1", "b2"}
    assert set(speaker.outlets) == {"Wire", "Broadcaster"}


def test_coverage_counts_articles_per_outlet_naming_an_entity():
    story = build_story(QUAKE)
    valmora = next(row for row in story.coverage if row.entity == "Valmora")
    assert valmora.by_outlet == {"Wire": 1, "Broadcaster": 1, "Paper": 1}


def test_a_conflicting_figure_in_one_fact_is_marked_as_a_difference():
    one = stored("x1", "North", "2025-01-01", "Floods forced 12,000 people from their homes in the Arlen valley on Monday.")
    two = stored("x2", "South", "2025-01-02", "Floods forced 19,000 people from their homes in the Arlen valley on Monday.")
    story = build_story([one, two])
    fact = fact_of(story, "x1", "Floods")
    assert articles_of(fact) == {"x1", "x2"}
    assert fact.differs and fact.differences[0].check == "figure"


def test_json_and_markdown_cite_outlet_title_date_and_address():
    story = build_story(QUAKE)
    document = json.loads(json.dumps(story.to_json()))
    assert set(document) >= {"articles", "outlets", "facts", "figures", "speakers", "coverage", "timeline"}
    assert document["timeline"][0]["first"] == "w1"
    markdown = story_markdown(story, "Valmora")
    assert "Wire, *Quake kills thousands in Valmora*, 2025-03-02T08:00:00Z, `https://Wire.example/w1`" in markdown
    assert "**conflict**" in markdown and "Only in Broadcaster" in markdown


def test_empty_and_single_sentence_sets_build_an_empty_story():
    assert build_story([]).facts == []
    lone = build_story([stored("s", "Solo", "2025-01-01", "One sentence only.")])
    assert [fact.only_in for fact in lone.facts] == ["Solo"]


def test_the_garbage_collector_runs_again_after_a_build_even_a_stopped_one():
    articles = [stored("a", "Alpha", "2025-01-01", "The bridge reopened on Monday after repairs."),
                stored("b", "Beta", "2025-01-02", "The bridge reopened on Monday, officials said.")]
    paused_during: list[bool] = []
    build_story(articles, progress=lambda done, total, stage: paused_during.append(not gc.isenabled()))
    assert paused_during and all(paused_during) and gc.isenabled()

    def stop(done, total, stage):
        raise KeyboardInterrupt  # as a stopped worker's build ends

    with pytest.raises(KeyboardInterrupt):
        build_story(articles, progress=stop)
    assert gc.isenabled()
    gc.disable()  # paused by someone else before: left paused
    try:
        build_story(articles)
        assert not gc.isenabled()
    finally:
        gc.enable()


def seed_story(library: Library):
    return library.story()


def test_seeds_facts_are_one_fact_with_the_outlets_that_report_them(library):
    story = seed_story(library)
    ids = {source.id[:3]: source.id for source in story.sources.values()}

    def short(fact) -> set[str]:
        return {article[:3] for article in articles_of(fact)}

    permanent = fact_of(story, ids["001"], "permanent end to hostilities")
    assert short(permanent) == {"001", "003", "004"}
    burns = fact_of(story, ids["002"], "Burns")
    assert short(burns) == {"002", "004"}
    cairo = fact_of(story, ids["003"], "Hamas delegation left")
    assert {"001", "003"} <= short(cairo)
    rafah = fact_of(story, ids["000"], "ground invasion of Rafah")
    # 001 words it as Gallant "hinting at imminent military action,
    # particularly in Rafah": left out (see the README's limits).
    assert {"000", "003", "004"} <= short(rafah)


# The wire report w1 run by a second site, under its own name, word for word
# but for a changed last sentence.
MIRROR = stored("m4", "Mirror", "2025-03-02T09:00:00Z",
                "A magnitude 7.1 earthquake struck the coastal province of Valmora before dawn on Sunday, "
                "flattening hundreds of homes.",
                "At least 34,000 people were killed, according to the national civil defence agency.",
                "\u201cWe are still pulling families out of the rubble,\u201d said Marta Ilescu, the agency's director.",
                "Rescue teams from three neighbouring countries arrived by Sunday evening.",
                title="Quake kills thousands in Valmora")
WIRE_COPIES = {"w1": "wire-story", "m4": "wire-story"}


def test_a_syndicated_copy_is_not_counted_as_another_independent_outlet():
    story = build_story([*QUAKE, MIRROR], copy_groups=WIRE_COPIES)
    quake = fact_of(story, "w1", "magnitude 7.1 earthquake struck")
    assert set(quake.outlets) == {"Wire", "Broadcaster", "Paper", "Mirror"}
    assert quake.independent == 3
    assert quake.copies == (("w1", "m4"),)
    rescue = fact_of(story, "w1", "Rescue teams")  # two sites, one wire story: one report
    assert set(rescue.outlets) == {"Wire", "Mirror"} and rescue.independent == 1
    independent = [fact.independent for fact in story.facts]
    assert independent == sorted(independent, reverse=True)  # the facts sorted by independent reports
    valmora = next(row for row in story.coverage if row.entity == "Valmora")
    assert len(valmora.by_outlet) == 4 and valmora.independent == 3
    document = json.loads(json.dumps(story.to_json()))
    shown = next(fact for fact in document["facts"] if fact["text"] == quake.text)
    assert shown["independent"] == 3 and shown["copies"] == [["w1", "m4"]] and len(shown["outlets"]) == 4
    assert next(row for row in document["coverage"] if row["entity"] == "Valmora")["independent"] == 3
    assert "4 outlets, 3 independent" in story_markdown(story)


def test_without_copy_groups_every_outlet_is_independent():
    story = build_story([*QUAKE, MIRROR])
    quake = fact_of(story, "w1", "magnitude 7.1 earthquake struck")
    assert quake.independent == 4 and quake.copies == ()


def test_the_seeds_story_counts_a_republished_seed_once(tmp_path, seeds_corpus):
    from ceasefire_tui.index import load_config
    from support import write_config, write_syndicated_copy

    seed = next(seeds_corpus.glob("001*"))
    write_syndicated_copy(seed, seeds_corpus, "Harbour Gazette", "harbour-copy")
    library = Library(load_config(write_config(tmp_path, {"corpus": {"paths": ["corpus"]},
                                                          "index": {"path": "idx"}})))
    try:
        library.refresh()
        story = library.story()
    finally:
        library.close()
    permanent = next(fact for fact in story.facts if any(r.article.startswith("001") for r in fact.reports)
                     and "permanent end to hostilities" in fact.text)
    carriers = {report.article[:3] for report in permanent.reports}
    assert carriers == {"001", "003", "004", "har"}
    assert len(permanent.outlets) == 4 and permanent.independent == 3
    assert [sorted(ids) for ids in permanent.copies] == [sorted(r.article for r in permanent.reports
                                                                if r.article[:3] in {"001", "har"})]


def test_the_timeline_is_in_date_order_whatever_form_the_dates_are_written_in(tmp_path):
    from ceasefire_tui.index import load_config
    from support import write_config, write_dated_corpus

    corpus = write_dated_corpus(tmp_path / "corpus")
    # Two of its reports retold by another outlet: the market's a day later,
    # the survey's a day before the Gazette ("29 February" before "1 March").
    (corpus / "market-echo.md").write_text(
        "---\ntitle: Market on the move\nsource: Valley Courier\npublished: 2024-02-21\n---\n\n"
        "The weekly farmers market will move to the station square from March, the council said on Tuesday.\n",
        encoding="utf-8")
    (corpus / "tram-early.md").write_text(
        "---\ntitle: Residents back the tram\nsource: Valley Courier\npublished: 29 February 2024\n---\n\n"
        "Two thirds of residents asked in a survey backed the proposed tram line to the hospital, officials said.\n",
        encoding="utf-8")
    library = Library(load_config(write_config(tmp_path, {"corpus": {"paths": ["corpus"]}, "index": {"path": "idx"}})))
    try:
        library.refresh()
        story = library.story()
    finally:
        library.close()
    timeline = [(entry.kind, entry.day, entry.article) for entry in story.timeline()]
    assert timeline == [
        ("figure", "2024-02-05", "bridge"),  # "2024-02-05T08:00:00Z": "four months"
        ("fact", "2024-02-20", "market"),  # "Tue, 20 Feb 2024 10:15:00 GMT", first of the two
        ("fact", "2024-02-29", "tram-early"),  # first, though "1 March 2024" sorts before it as text
        ("figure", "2024-02-29", "tram-early"),  # "Two thirds", the fact before its figure on one day
        ("figure", "2024-03-01", "tram"),
    ]
    document = json.loads(json.dumps(story.to_json()))["timeline"]
    assert [entry["kind"] for entry in document] == ["figure", "fact", "fact", "figure", "figure"]
    assert document[1]["published"] == "Tue, 20 Feb 2024 10:15:00 GMT" and document[1]["day"] == "2024-02-20"
    assert document[0]["figure"] == "duration month" and document[1]["figure"] is None


def test_a_quotation_carried_by_copies_of_one_wire_story_counts_them_once():
    story = build_story([*QUAKE, MIRROR], copy_groups=WIRE_COPIES)
    speaker = next(s for s in story.speakers if s.name == "Marta Ilescu")
    quotation = speaker.quotations[0]
    assert set(quotation.outlets) == {"Wire", "Broadcaster", "Mirror"}
    assert quotation.independent == 2 and quotation.copies == (("w1", "m4"),)
    assert speaker.independent == 2 and len(speaker.outlets) == 3
    document = json.loads(json.dumps(story.to_json()))
    shown = next(s for s in document["speakers"] if s["name"] == "Marta Ilescu")
    assert shown["independent"] == 2 and len(shown["outlets"]) == 3
    assert shown["quotations"][0]["independent"] == 2 and shown["quotations"][0]["copies"] == [["w1", "m4"]]
    assert set(shown["quotations"][0]["outlets"]) == {"Wire", "Broadcaster", "Mirror"}
    markdown = story_markdown(story)
    assert "### Marta Ilescu (3 outlets, 2 independent)" in markdown
    assert "- “We are still pulling families out of the rubble” — 3 outlets, 2 independent" in markdown
    alone = build_story(QUAKE)  # no copies: every outlet independent, said without "independent"
    assert next(s for s in alone.speakers if s.name == "Marta Ilescu").quotations[0].independent == 2
    assert "### Marta Ilescu (2 outlets)" in story_markdown(alone)


def test_quotations_and_speakers_are_sorted_by_independent_outlets():
    # Invented: one mayor's words run by three sites from one agency story,
    # her other words reported by two newspapers of their own.
    def mayor(article_id: str, outlet: str, words: str) -> StoredArticle:
        return stored(article_id, outlet, "2025-05-04", f"\u201c{words},\u201d said Mayor Ines Varga on Monday.",
                      "The council will vote on the plan in June.")

    carried = "The ring road will be finished before the winter sets in"
    reported = "Nobody in this town will pay a higher bus fare next year"
    articles = [mayor("a1", "Agency", carried), mayor("a2", "Site Two", carried), mayor("a3", "Site Three", carried),
                mayor("n1", "Morning Paper", reported), mayor("n2", "Evening Paper", reported)]
    commuter = [stored(f"r{number}", f"Radio {number}", "2025-05-04",
                       "\u201cWe need more trains on the coast line,\u201d said Tomas Brel, a commuter.")
                for number in (1, 2)]
    agency = {"a1": "agency-story", "a2": "agency-story", "a3": "agency-story"}

    def words_of(story) -> list[str]:
        varga = next(s for s in story.speakers if s.name and "Varga" in s.name)
        return [(quotation.text[:10], quotation.independent) for quotation in varga.quotations]

    assert words_of(build_story(articles)) == [("The ring r", 3), ("Nobody in ", 2)]
    assert words_of(build_story(articles, copy_groups=agency)) == [("Nobody in ", 2), ("The ring r", 1)]
    # Three sites of one agency story quote the mayor, two radios the commuter.
    heard = [*articles[:3], *commuter]
    assert [s.name for s in build_story(heard).speakers][:2] == ["Ines Varga", "Tomas Brel"]
    grouped = build_story(heard, copy_groups=agency)
    assert [(s.name, s.independent, len(s.outlets)) for s in grouped.speakers][:2] == [("Tomas Brel", 2, 2),
                                                                                       ("Ines Varga", 1, 3)]


def test_who_reported_first_compares_times_in_utc_and_shows_the_day_the_article_names():
    # Invented: one flight ban reported at 10:00 in Cairo (08:00 UTC) and
    # at 09:30 in London; as written, London's "09:30" sorts first.
    cairo = stored("cairo", "Nile Desk", "2024-02-20T10:00:00+02:00",
                   "The aviation authority banned night flights over the capital from Friday, citing noise.")
    london = stored("london", "Thames Wire", "2024-02-20T09:30:00Z",
                    "The aviation authority has banned night flights over the capital from Friday, citing noise.")
    story = build_story([london, cairo])
    ban = fact_of(story, "cairo", "night flights")
    assert articles_of(ban) == {"cairo", "london"}
    assert ban.first == "cairo" and ban.reports[0].article == "cairo"
    entry = next(entry for entry in story.timeline() if entry.fact is ban)
    assert (entry.article, entry.day) == ("cairo", "2024-02-20")
    assert "first reported by Nile Desk" in story_markdown(story)


def test_a_build_stopped_while_sentences_are_compared_stops_with_no_thread_left_behind():
    # The candidate pairs are found on a second thread: a stop said from
    # its progress (as a cancelled worker's is) must end the build here.
    import threading

    def stop(done, total, stage):
        if stage == "comparing sentences":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_story([*QUAKE, MIRROR], progress=stop)
    assert not [thread for thread in threading.enumerate() if thread.name.startswith("story-")]
    assert gc.isenabled()


def test_quotations_and_figures_are_read_for_a_story_too_small_to_link():
    lone = build_story([stored("s", "Solo", "2025-01-01",
                               "\u201cThe bridge stays shut,\u201d said Ana Lind, the mayor. At least 12 people were hurt.")])
    assert [s.name for s in lone.speakers] == ["Ana Lind"]
    assert [group.values for group in lone.figures] == [(12,)]


def test_the_last_stage_reports_its_progress_as_it_goes():
    calls = []
    build_story([*QUAKE, MIRROR], progress=lambda done, total, stage: calls.append((done, total, stage)))
    last = [(done, total) for done, total, stage in calls if stage == "grouping facts"]
    assert len(last) > 2
    assert all(0 <= done <= total for done, total in last)
    assert [done for done, _ in last] == sorted(done for done, _ in last)  # never going back
    assert len({total for _, total in last}) == 1 and last[0][0] == 0 and last[-1][0] == last[-1][1]
    assert calls[-1][2] == "grouping facts"  # the last stage, ending at its total


def test_the_last_stage_moves_while_sentences_are_grouped_before_any_fact_is_made(monkeypatch):
    from ceasefire_tui.index.story import build

    calls, before_facts = [], []
    make_facts = build._facts

    def facts_after_grouping(*args, **kwargs):
        before_facts.append(calls[-1])
        return make_facts(*args, **kwargs)

    monkeypatch.setattr(build, "_facts", facts_after_grouping)
    build_story([*QUAKE, MIRROR], progress=lambda done, total, stage: calls.append((done, total, stage)))
    done, total, stage = before_facts[0]
    assert stage == "grouping facts" and 0 < done < total


def test_the_progress_of_a_large_stage_is_said_about_a_hundred_times_not_at_every_step():
    from ceasefire_tui.index.story.stage import StageProgress

    said = []
    stage = StageProgress(lambda done, total, name: said.append((done, total)), 10_000, "grouping facts")
    for _ in stage.counting(range(2_500), [3] * 2_500):
        pass
    stage.advance(5_000)  # past the total: held at it
    stage.finish()
    assert 50 <= len(said) <= 102
    assert said[0] == (0, 10_000) and said[-1] == (10_000, 10_000)
    assert all(done <= total for done, total in said) and len(set(said)) == len(said)


def test_the_same_story_asked_again_is_not_built_again_until_the_index_or_corrections_change(tmp_path, seeds_corpus):
    from ceasefire_tui.index import load_config
    from support import write_config

    library = Library(load_config(write_config(tmp_path, {"corpus": {"paths": ["corpus"]}, "index": {"path": "idx"}})))
    stages: list[str] = []
    try:
        library.refresh()
        first = library.story(progress=lambda done, total, stage: stages.append(stage))
        built = len(stages)
        assert built and library.story(progress=lambda done, total, stage: stages.append(stage)) is first
        assert len(stages) == built  # nothing read or compared the second time
        # An article added: the index changed, so the story is built again, with it.
        (seeds_corpus / "extra.md").write_text(
            "---\ntitle: Talks resume\nsource: Harbour Gazette\n---\n\n"
            "Hamas negotiators returned to Cairo on Tuesday, officials said.\n", encoding="utf-8")
        library.refresh()
        second = library.story()
        assert second is not first and "extra" in second.sources
        # A correction (a name hidden): built again, without it.
        library.correct("hide", "Rafah")
        third = library.story()
        assert third is not second
        assert any(row.entity == "Rafah" for row in second.coverage)
        assert all(row.entity != "Rafah" for row in third.coverage)
    finally:
        library.close()
