"""The user's corrections to the entity list: merge, rename, retype, hide and
undo, applied at once over the analysis (the sidebar's table, an article's
entities, `entity:` search, the comparison), kept in a YAML file beside the
config that survives a rebuild, and a hand-edited file with bad entries that
never stops anything."""

from __future__ import annotations

import yaml
import pytest

from ceasefire_tui.index import CorrectionError, Library, corrections_path, load_config
from ceasefire_tui.index.analysis.corrections import Correction, Corrections, parse_entry

TYPES = ("PERSON", "ORG", "GPE", "NORP", "FIGURE", "DATE")
BURNS = ("William Burns", "PERSON")
BLINKEN = ("Antony Blinken", "PERSON")
BEN_GVIR = ("Itamar Ben-Gvir", "PERSON")


def ids_of(library: Library, query: str) -> set[str]:
    return {hit.id[:3] for hit in library.search(query, 50).hits}


def saved_entries(library: Library) -> list[dict]:
    document = yaml.safe_load(library.corrections_file.path.read_text(encoding="utf-8"))
    return document["corpora"][0]["corrections"]


# --- the layer on its own ---------------------------------------------------------

def test_corrections_apply_in_order_each_once():
    corrections = Corrections([
        Correction("rename", "Burns", "PERSON", "William Burns"),
        Correction("merge", "Bill Burns", None, "William Burns", "PERSON"),
        Correction("retype", "Tel Aviv", "PERSON", "GPE"),
        Correction("hide", "File Photo", "PERSON"),
        Correction("rename", "William Burns", "PERSON", "Burns"),  # back again: applies once, never loops
    ])
    assert corrections.resolve(("Burns", "PERSON")) == ("Burns", "PERSON")
    assert corrections.resolve(("Bill Burns", "ORG")) == ("Burns", "PERSON")
    assert corrections.resolve(("Tel Aviv", "PERSON")) == ("Tel Aviv", "GPE")
    assert corrections.resolve(("Tel Aviv", "GPE")) == ("Tel Aviv", "GPE")
    assert corrections.resolve(("File Photo", "PERSON")) is None
    assert corrections.resolve(("Hamas", "ORG")) == ("Hamas", "ORG")


def test_layered_puts_the_corrections_over_the_corpus_linking():
    corrections = Corrections([Correction("merge", "William Burns", "PERSON", "CIA Director", "PERSON"),
                               Correction("hide", "Sabbath", None)])
    renames = {("Burns", "PERSON"): BURNS}
    layered, hidden = corrections.layered([("Burns", "PERSON"), BURNS, ("Sabbath", "PERSON"), ("CIA", "ORG")],
                                          renames)
    assert layered == {("Burns", "PERSON"): ("CIA Director", "PERSON"), BURNS: ("CIA Director", "PERSON")}
    assert hidden == {("Sabbath", "PERSON")}


@pytest.mark.parametrize("entry, problem", [
    ("hide File Photo", "a mapping"),
    ({"hide": "File Photo", "rename": "x"}, "exactly one of"),
    ({"type": "PERSON"}, "exactly one of"),
    ({"rename": "Burns"}, "needs 'to'"),
    ({"rename": "Burns", "into": "x"}, "unknown key 'into'"),
    ({"retype": "Tel Aviv", "to": "CITY"}, "'to' must be one of"),
    ({"retype": "Tel Aviv", "to": "FIGURE"}, "'to' must be one of"),
    ({"hide": "", "type": "PERSON"}, "must be a name"),
    ({"hide": 1948}, "must be a name"),
    ({"merge": "A", "into": "B", "into_type": "PLANET"}, "'into_type' must be one of"),
])
def test_a_bad_entry_says_what_is_wrong(entry, problem):
    with pytest.raises(ValueError, match=problem):
        parse_entry(entry, TYPES)


def test_a_hand_written_entry_may_leave_the_type_out_and_write_it_in_lower_case():
    assert parse_entry({"retype": "Hebrew", "to": "norp"}, TYPES) == Correction("retype", "Hebrew", None, "NORP")


# --- through the library ------------------------------------------------------------

def test_merge_makes_one_entry_everywhere(library):
    compare_before = library.compare("002", "004").entities
    assert BEN_GVIR[0] in {e.name for e in compare_before.only_a}
    assert BLINKEN[0] in {e.name for e in compare_before.only_b}
    assert ids_of(library, 'entity:"Antony Blinken"') == {"004"}

    number, correction = library.correct("merge", "itamar ben-gvir", to="Antony Blinken")

    assert number == 1 and correction == Correction("merge", *BEN_GVIR, *BLINKEN)
    table = library.entity_table()
    assert BEN_GVIR not in table.live_keys()
    assert table.entries[BLINKEN].articles == ("002_74339042f3bb36aa", "004_333fc97adc16281c")
    assert BLINKEN in {row.key for row in table.per_article["002_74339042f3bb36aa"]}
    assert BLINKEN in {entity.key for entity in library.search("", 50).entities}
    article = library.article("002")
    assert BLINKEN in {(e.name, e.type) for e in article.entities}
    assert "Itamar Ben-Gvir" in next(e for e in article.entities if (e.name, e.type) == BLINKEN).aliases
    # entity: search expands the merged entry to the names it holds, at query time
    assert ids_of(library, 'entity:"Antony Blinken"') == {"002", "004"}
    entities = library.compare("002", "004").entities
    assert BLINKEN[0] in {e.name for e in entities.shared}
    assert not {BLINKEN[0], BEN_GVIR[0]} & {e.name for e in entities.only_a + entities.only_b}


def test_rename_retype_and_hide(library):
    library.correct("rename", "William Burns", to="Bill Burns")
    library.correct("retype", "Tel Aviv", to="ORG")
    library.correct("hide", "Itamar Ben-Gvir")
    table = library.entity_table()
    keys = table.live_keys()
    assert ("Bill Burns", "PERSON") in keys and BURNS not in keys
    assert ("Tel Aviv", "ORG") in keys and ("Tel Aviv", "GPE") not in keys
    assert not any(name == "Itamar Ben-Gvir" for name, _ in keys)
    assert ids_of(library, 'entity:"Bill Burns"') == {"002", "004"}
    names = {(e.name, e.type) for e in library.article("002").entities}
    assert ("Bill Burns", "PERSON") in names and "Itamar Ben-Gvir" not in {name for name, _ in names}
    assert [item.correction.action for item in library.corrections()] == ["rename", "retype", "hide"]


def test_undo_brings_the_entry_back(library):
    library.correct("hide", "Joe Biden")
    library.correct("rename", "Yoav Gallant", to="Gallant")
    removed = library.undo_correction(1)
    assert removed.correction == Correction("hide", "Joe Biden", "PERSON")
    assert ("Joe Biden", "PERSON") in library.entity_table().live_keys()
    assert [item.number for item in library.corrections()] == [1]
    assert library.corrections()[0].correction.to == "Gallant"
    with pytest.raises(CorrectionError, match="there is no correction 5 for this corpus: there is 1"):
        library.undo_correction(5)


@pytest.mark.parametrize("action, name, options, message", [
    ("hide", "Nobody Atall", {}, "no entity is named 'Nobody Atall'"),
    ("merge", "William Burns", {"to": "Nobody"}, "no entity is named 'Nobody'"),
    ("merge", "William Burns", {"to": "william burns"}, "cannot be merged into itself"),
    ("retype", "William Burns", {"to": "PLANET"}, "'PLANET' is not an entity type"),
    ("retype", "William Burns", {"to": "PERSON"}, "already of type PERSON"),
    ("rename", "William Burns", {"to": " "}, "a new name is needed"),
    ("hide", "William Burns", {"kind": "ORG"}, "no entity of type ORG is named"),
])
def test_a_correction_that_cannot_be_made_is_one_sentence(library, action, name, options, message):
    with pytest.raises(CorrectionError, match=message):
        library.correct(action, name, **options)
    assert library.corrections() == []


def test_the_file_sits_beside_the_config_keyed_by_the_corpus(library, seeds_config, seeds_corpus):
    library.correct("hide", "Yoav Gallant")
    assert library.corrections_file.path == seeds_config.parent / "entity-corrections.yaml"
    document = yaml.safe_load(library.corrections_file.path.read_text(encoding="utf-8"))
    assert document == {"corpora": [{"corpus": [str(seeds_corpus)],
                                     "corrections": [{"hide": "Yoav Gallant", "type": "PERSON"}]}]}
    # another corpus beside the same config has its own section, and keeps the first
    other = seeds_config.parent / "other.yaml"
    other.write_text(yaml.safe_dump({"corpus": {"paths": ["corpus/000_66e49714127c6392.txt"]},
                                     "index": {"path": "other-index"}}), encoding="utf-8")
    second = Library(load_config(other))
    try:
        second.refresh()
        assert second.corrections() == []
        second.correct("hide", "Joe Biden")
    finally:
        second.close()
    document = yaml.safe_load(library.corrections_file.path.read_text(encoding="utf-8"))
    assert [len(section["corrections"]) for section in document["corpora"]] == [1, 1]
    assert ("Yoav Gallant", "PERSON") not in library.entity_table().live_keys()


def test_without_a_user_config_the_file_is_in_the_platform_config_folder(isolated_environment):
    config = load_config()
    assert corrections_path(config) == isolated_environment / "config" / "ceasefire-tui" / "entity-corrections.yaml"


def test_corrections_survive_a_rebuild_and_a_new_process(library, seeds_config):
    library.correct("merge", "Itamar Ben-Gvir", to="Antony Blinken")
    library.refresh(rebuild=True)
    assert BEN_GVIR not in library.entity_table().live_keys()
    fresh = Library(load_config(seeds_config))
    try:
        assert ids_of(fresh, 'entity:"Antony Blinken"') == {"002", "004"}
    finally:
        fresh.close()


def test_a_hand_edit_is_picked_up_and_a_bad_entry_skipped_with_its_number(library):
    library.correct("hide", "Yoav Gallant")
    path = library.corrections_file.path
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document["corpora"][0]["corrections"] += [{"retype": "Qatar", "to": "CONTINENT"}, {"hide": "Joe Biden"}]
    path.write_text(yaml.safe_dump(document), encoding="utf-8")

    keys = library.entity_table().live_keys()
    assert ("Joe Biden", "PERSON") not in keys and ("Yoav Gallant", "PERSON") not in keys
    assert ("Qatar", "GPE") in keys
    [problem] = library.correction_problems()
    assert str(path) in problem and "correction 2 is skipped" in problem and "'to' must be one of" in problem
    listed = library.corrections()
    assert listed[1].correction is None and "CONTINENT" in listed[1].describe()
    # a new correction keeps the bad entry where the user wrote it; undo can remove it
    library.correct("hide", "Mousa Abu Marzouk")
    assert saved_entries(library)[1] == {"retype": "Qatar", "to": "CONTINENT"}
    library.undo_correction(2)
    assert library.correction_problems() == []
    assert len(saved_entries(library)) == 3


@pytest.mark.parametrize("text", ["corpora: [unclosed", "- just a list", "corpora: *alias", "\xff\xfe"])
def test_a_file_that_cannot_be_read_applies_nothing_and_is_never_overwritten(library, text):
    path = library.corrections_file.path
    path.write_bytes(text.encode("latin-1"))
    keys = library.entity_table().live_keys()
    assert BURNS in keys
    [problem] = library.correction_problems()
    assert problem.startswith(f"{path} cannot be read (") and "no entity corrections are applied" in problem
    with pytest.raises(CorrectionError, match="cannot be read .*fix or move it"):
        library.correct("hide", "William Burns")
    assert path.read_bytes() == text.encode("latin-1")


def test_a_write_leaves_no_temporary_file(library):
    library.correct("hide", "Yoav Gallant")
    library.undo_correction(1)
    assert [p.name for p in library.corrections_file.path.parent.glob(".corrections-*")] == []
