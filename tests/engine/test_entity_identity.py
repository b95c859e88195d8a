"""One real-world entity, one entry: corpus-wide identity (nicknames, middle
names, surnames, acronyms, titles) and the rules that keep junk out and types
right (issue 13). Every sentence here was written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import write_config

from ceasefire_tui.index import Library, NamedEntity, load_config
from ceasefire_tui.index.analysis.entities import extract_entities, link_across
from ceasefire_tui.index.analysis.entity_linking import strip_span
from ceasefire_tui.index.analysis.identity import PersonName, person_groups, spelling_key
from ceasefire_tui.index.analysis.lexicon import lexicon
from ceasefire_tui.index.corpus.formats import load_file


def article(text: str, article_id: str = "x"):
    return load_file(Path(f"{article_id}.txt"), text.encode(), article_id)[0][0]


def entries(text: str) -> dict[str, str]:
    """name -> type of the names (not figures) one article gives."""
    return {e.name: e.type for e in extract_entities(article(text)) if e.type not in ("FIGURE", "DATE")}


def linked(*texts: str) -> dict[str, dict[str, str]]:
    """article id -> {name: type} after corpus linking of ``texts``."""
    per_article = {f"a{k}": extract_entities(article(text, f"a{k}")) for k, text in enumerate(texts)}
    return {aid: {e.name: e.type for e in found if e.type not in ("FIGURE", "DATE")}
            for aid, found in link_across(per_article).items()}


# --- people across the corpus ---------------------------------------------------


def test_a_nickname_a_middle_initial_and_a_surname_are_one_person_in_every_article():
    found = linked("Ambassador William Burns arrived in Oslo on Monday.",
                   "Bill Burns, the spy chief, said little.",
                   "CIA Director William J. Burns met officials in Oslo.",
                   "Later, Burns said talks would resume.")
    for names in found.values():
        assert "William Burns" in names and names["William Burns"] == "PERSON"
        assert not {"Bill Burns", "William J. Burns", "Burns"} & set(names)


def test_a_middle_name_and_a_suffix_are_dropped_from_the_shown_name():
    found = linked("Senator Harold Q. Vantreese III spoke first.", "Harold Vantreese said he would vote no.")
    assert set(found["a0"]) == set(found["a1"]) == {"Harold Vantreese"}


def test_a_nickname_of_two_formal_names_links_to_neither():
    groups = person_groups({"Bill Ostrander", "William Ostrander", "Robert Ostrander"}, set(), {})
    assert "Bill Ostrander" not in groups  # Bill is short for both


def test_different_given_names_are_different_people_and_their_surname_stays_alone():
    found = linked("Joanna Pellworm met Marek Pellworm in Riga.", "Pellworm said the talks failed.")
    assert {"Joanna Pellworm", "Marek Pellworm"} <= set(found["a0"])
    assert "Joanna Pellworm" not in found["a1"] and "Marek Pellworm" not in found["a1"]


def test_transliterations_of_one_surname_are_one_person():
    assert spelling_key("Zelenskiy") == spelling_key("Zelenskyy") == spelling_key("Zelensky")
    assert spelling_key("Erdoğan") == spelling_key("Erdogan")
    found = linked("Dmytro Oliynyk spoke in Kyiv.", "Dmytro Oliinyk said on Friday that he was ready.")
    people = {name for names in found.values() for name, kind in names.items() if kind == "PERSON"}
    assert len(people) == 1 and people <= {"Dmytro Oliynyk", "Dmytro Oliinyk"}


def test_a_surname_a_detector_typed_as_a_place_is_the_person_the_corpus_knows():
    per_article = linked("Halvard Brekke said on Monday that talks would resume.",
                         "Fighting spread near Brekke, according to reports.")
    assert per_article["a1"].get("Halvard Brekke") == "PERSON"


def test_a_regnal_name_and_a_name_without_its_family_name_take_the_full_name():
    found = linked("Jordan's King Abdullah II spoke first.", "King Abdullah met envoys in Amman.",
                   "Prince Faisal bin Farhan Al Saud hosted the talks.",
                   "Prince Faisal bin Farhan said they went well.")
    assert "Abdullah II" in found["a0"] and "Abdullah II" in found["a1"]
    assert "Faisal bin Farhan Al Saud" in found["a3"]


def test_person_names_parse_into_given_middles_surname_and_suffix():
    parsed = PersonName.parse("Lloyd J. Austin III")
    assert (parsed.given, parsed.middles, parsed.surname, parsed.suffix) == ("Lloyd", ("J.",), "Austin", "III")
    assert PersonName.parse("Mohammed bin Salman").surname == "bin Salman"
    assert PersonName.parse("Burns") is None


# --- titles and honorifics -------------------------------------------------------


@pytest.mark.parametrize("sentence, name", [
    ("PM Halvorsen told reporters the deal was close.", "Halvorsen"),
    ("Jordan's King Abdullah II met the envoys.", "Abdullah II"),
    ("Saudi Crown Prince Ahmed bin Khalid hosted the talks.", "Ahmed bin Khalid"),
    ("Prime Minister Eskil Halvorsen said on Monday that he was ready.", "Eskil Halvorsen"),
    ("Senate Majority Leader Chuck Ormond said a vote was near.", "Chuck Ormond"),
])
def test_titles_in_every_position_are_not_part_of_the_name(sentence, name):
    found = entries(sentence)
    assert found.get(name) == "PERSON", found
    assert not [n for n in found if n != name and name in n]


def test_an_article_names_one_person_once_whatever_title_it_gives():
    found = entries("Prime Minister Eskil Halvorsen spoke. PM Halvorsen later left, and Halvorsen said nothing.")
    assert [n for n, kind in found.items() if kind == "PERSON"] == ["Eskil Halvorsen"]


# --- organisations and acronyms ----------------------------------------------------


def test_an_acronym_with_or_without_dots_and_spelled_out_is_one_organisation():
    found = linked("The C.I.A. declined to comment.", "The Central Intelligence Agency declined to comment.",
                   "A CIA spokeswoman said nothing.")
    assert all(names.get("CIA") == "ORG" for names in found.values()), found


def test_an_acronym_learnt_from_one_article_links_in_another():
    found = linked("The Nordic Fisheries Council (NFC) met in Bergen.", "NFC officials said the quota was fair.",
                   "NFC said on Monday that the talks failed.")
    assert "Nordic Fisheries Council" in found["a2"] and "NFC" not in found["a2"]


def test_an_unknown_acronym_is_an_organisation_only_when_the_text_says_so():
    assert "ANSI" not in entries("The cable met the ANSI standard for safety.")
    assert entries("ANSI said the cable was safe.").get("ANSI") == "ORG"
    assert entries("Reporters said RSF commander Idris Kafi had fled.").get("RSF") == "ORG"


def test_a_media_name_is_one_organisation():
    found = entries("CBS News reported the strike. Al Qahera TV showed the crossing. Anadolu Agency said so too.")
    assert found.get("CBS News") == "ORG" and found.get("Al Qahera TV") == "ORG"
    assert found.get("Anadolu Agency") == "ORG"
    assert "News" not in found and "Agency" not in found and "Anadolu" not in found


def test_an_organisation_ends_before_the_person_it_introduces():
    found = entries("Reporters saw the Central Intelligence Agency William Burns visit on Monday.")
    assert found.get("CIA") == "ORG" and found.get("William Burns") == "PERSON"


# --- no junk, right types -------------------------------------------------------


@pytest.mark.parametrize("sentence, junk", [
    ("I've said it before, the minister told reporters.", "I've"),
    ("They'll meet again, Halvorsen said.", "They'll"),
    ("The talks paused for the Sabbath on Friday.", "Sabbath"),
    ("Shops closed for Passover and Eid al-Fitr this week.", "Passover"),
    ("He answered questions in Hebrew and Arabic.", "Hebrew"),
    ("He answered questions in Ukrainian and English at the briefing.", "Ukrainian"),
    ("File Photo | Crowds gathered at the crossing.", "File Photo"),
    ("National Security Communications Adviser Jon Vik said so.", "National Security Communications"),
    ("Ministers discussed the Black Sea Grain Initiative again.", "Black Sea Grain Initiative"),
])
def test_words_that_name_no_entity_are_dropped(sentence, junk):
    assert junk not in entries(sentence)


def test_a_language_word_that_is_also_a_people_stays_their_adjective():
    assert entries("Ukrainian cities were shelled overnight.").get("Ukrainian") == "NORP"


@pytest.mark.parametrize("sentence, name, kind", [
    ("Worshippers gathered at the Temple Mount, which Muslims call the Noble Sanctuary.", "Temple Mount", "GPE"),
    ("Worshippers gathered at the Temple Mount, which Muslims call the Noble Sanctuary.", "Noble Sanctuary", "GPE"),
    ("Officials met at the White House on Monday.", "White House", "GPE"),
    ("Inspectors reached the Zaporizhzhia Nuclear Power Plant on Thursday.", "Zaporizhzhia Nuclear Power Plant", "GPE"),
    ("Scholars of Judaism and Islam met in Cordoba.", "Islam", "NORP"),
    ("Ukraine's state nuclear operator, Energoatom, lost contact.", "Energoatom", "ORG"),
])
def test_landmarks_are_places_and_religions_are_groups(sentence, name, kind):
    assert entries(sentence).get(name) == kind


def test_a_place_in_capitals_is_its_place_or_nothing():
    found = entries("Officials met in TEL AVIV on Monday. Crowds gathered in VESTERHAVN.")
    assert found.get("Tel Aviv") == "GPE"
    assert "TEL AVIV" not in found and "VESTERHAVN" not in found and "Vesterhavn" not in found


def test_a_dateline_names_no_entity():
    # "TEL AVIV (Reuters) —" is the dateline block: where the report was
    # filed and by whom, not what the article names (see test_not_article_text).
    found = entries("TEL AVIV (Reuters) — Talks resumed. VESTERHAVN — Crowds gathered in the square.")
    assert found == {}


def test_a_sentence_opener_that_speaks_is_a_name_and_a_plural_is_not():
    assert "Yermak" in entries("The talks ended. Yermak, President Kovalenko's chief of staff, left early.")
    assert "Negotiators" not in entries("The talks ended. Negotiators said little.")


# --- one entry everywhere: search, table, comparison ------------------------------


@pytest.fixture(scope="module")
def burns_library(tmp_path_factory):
    folder = tmp_path_factory.mktemp("burns")
    corpus = folder / "corpus"
    corpus.mkdir()
    texts = {
        "a": "Ambassador William Burns arrived in Oslo on Monday for the talks.",
        "b": "Bill Burns, the spy chief, told reporters in Oslo that progress was slow.",
        "c": "CIA Director William J. Burns met Norwegian officials in Oslo.",
        "d": "Talks went on. Later, Burns said the C.I.A. had no comment.",
        "e": "Fishing quotas were agreed in Bergen on Tuesday.",
    }
    for name, text in texts.items():
        (corpus / f"{name}.md").write_text(f"---\ntitle: Report {name}\n---\n{text}\n", encoding="utf-8")
    library = Library(load_config(write_config(folder, {"corpus": {"paths": ["corpus"]}, "index": {"path": "idx"}})))
    library.refresh()
    yield library
    library.close()


def _ids(library, query: str) -> set[str]:
    return {hit.id for hit in library.search(query, limit=50).hits}


@pytest.mark.parametrize("form", ["William Burns", "Bill Burns", "William J. Burns", "Burns"])
def test_entity_search_finds_every_article_naming_the_person_in_any_form(burns_library, form):
    expected = _ids(burns_library, "burns")
    assert len(expected) == 4
    assert _ids(burns_library, f'entity:"{form}"') == expected


def test_entity_search_for_an_acronym_finds_its_dotted_form(burns_library):
    assert len(_ids(burns_library, 'entity:"Central Intelligence Agency"')) == 2
    assert _ids(burns_library, "entity:CIA") == _ids(burns_library, 'entity:"Central Intelligence Agency"')


def test_the_table_lists_one_entry_for_the_person(burns_library):
    table = burns_library.entity_table()
    people = {row.name for rows in table.per_article.values() for row in rows if row.type == "PERSON"}
    assert people == {"William Burns"}
    entry = table.entries[("William Burns", "PERSON")]
    assert len(entry.articles) == 4


def test_the_comparison_shares_the_person_named_two_ways(burns_library):
    ids = {burns_library.article(hit).article.text.split()[0]: hit for hit in _ids(burns_library, "burns")}
    comparison = burns_library.compare(ids["Ambassador"], ids["Bill"])
    assert NamedEntity("William Burns", "PERSON") in comparison.entities.shared
    only = comparison.entities.only_a + comparison.entities.only_b
    assert not [entity for entity in only if "Burns" in entity.name]


# --- the spaCy backend through the same rules (skipped without spaCy) ------------


def spacy_entries(text: str, backend: str) -> dict[str, str]:
    found = extract_entities(article(text), backend=backend, model="en_core_web_sm")
    return {e.name: e.type for e in found if e.type not in ("FIGURE", "DATE")}


def test_spacy_places_and_buildings_are_places_even_with_their_article(spacy_backend):
    found = spacy_entries("Officials met at the White House before flying to the Middle East.", spacy_backend)
    assert found.get("White House") == "GPE" and found.get("Middle East") == "GPE"


def test_spacy_a_place_in_capitals_is_its_place_and_a_dateline_nothing(spacy_backend):
    found = spacy_entries("Envoys met on Monday in JERUSALEM, officials said.", spacy_backend)
    assert found.get("Jerusalem") == "GPE" and "JERUSALEM" not in found
    found = spacy_entries("JERUSALEM (Reuters) — Envoys met on Monday in the city.", spacy_backend)
    assert "Jerusalem" not in found and "JERUSALEM" not in found and "Reuters" not in found


def test_a_detected_span_loses_a_possessive_place_and_a_title_before_the_name():
    """What a backend that reads "Jordan's King Abdullah II" as one person
    span gets back."""
    text = "Jordan's King Abdullah II"
    start, end = strip_span(text, 0, len(text), lexicon(), is_person=True)
    assert text[start:end] == "Abdullah II"


def test_spacy_an_initial_keeps_the_given_name_before_it(spacy_backend):
    found = spacy_entries("Secretary of State Antony J. Blinken spoke in Washington.", spacy_backend)
    assert "Antony J. Blinken" in found and "J. Blinken" not in found


def test_a_name_the_article_says_a_person_is_known_as_is_that_person():
    found = entries("Commander Idris Hamdan Kafi, known as Kafo, met envoys. Later Kafo said no.")
    assert found.get("Idris Hamdan Kafi") == "PERSON" and "Kafo" not in found
