"""`ceasefire-tui entities --merge/--rename/--retype/--hide/--corrections/--undo`:
each flag, its JSON, its errors, and corrections that survive `index --rebuild`."""

import json

import pytest
import yaml

from test_cli import run

BEN_GVIR_002 = "002_74339042f3bb36aa"


def coverage(config) -> dict[str, set[tuple[str, str]]]:
    done = run("entities", "--json", config=config)
    assert done.returncode == 0, done.stderr
    return {article: {(e["name"], e["type"]) for e in rows} for article, rows in json.loads(done.stdout)["articles"].items()}


def test_each_flag_corrects_the_list_and_undo_takes_one_back(seeds_config):
    merged = run("entities", "--merge", "itamar ben-gvir", "Antony Blinken", config=seeds_config)
    assert merged.returncode == 0, merged.stderr
    assert merged.stdout.strip() == ("Correction 1: merge Itamar Ben-Gvir (PERSON) into Antony Blinken (PERSON) "
                                     "(ceasefire-tui entities --undo 1 undoes it).")
    assert run("entities", "--rename", "William Burns", "Bill Burns", config=seeds_config).returncode == 0
    assert run("entities", "--retype", "Tel Aviv", "org", config=seeds_config).returncode == 0
    assert run("entities", "--hide", "Yoav Gallant", "--type", "people", config=seeds_config).returncode == 0

    rows = coverage(seeds_config)
    assert ("Antony Blinken", "PERSON") in rows[BEN_GVIR_002]
    assert not any(name == "Itamar Ben-Gvir" for keys in rows.values() for name, _ in keys)
    assert ("Bill Burns", "PERSON") in rows[BEN_GVIR_002]
    assert ("Tel Aviv", "ORG") in set().union(*rows.values())
    assert not any(name == "Yoav Gallant" for keys in rows.values() for name, _ in keys)
    grid = run("entities", "--type", "people", config=seeds_config).stdout
    assert next(line for line in grid.splitlines() if "Antony Blinken" in line).count("●") == 2
    found = json.loads(run("search", 'entity:"Antony Blinken"', "--json", config=seeds_config).stdout)
    assert {hit["id"][:3] for hit in found["hits"]} == {"002", "004"}

    listed = run("entities", "--corrections", config=seeds_config)
    assert listed.returncode == 0
    assert "4 entity corrections in" in listed.stdout and "entity-corrections.yaml" in listed.stdout
    assert "2  rename William Burns (PERSON) to Bill Burns" in listed.stdout
    undone = run("entities", "--undo", "2", config=seeds_config)
    assert undone.stdout.strip() == "Undid correction 2: rename William Burns (PERSON) to Bill Burns."
    assert ("William Burns", "PERSON") in coverage(seeds_config)[BEN_GVIR_002]


def test_json_of_a_correction_the_list_and_an_undo(seeds_config):
    done = run("entities", "--hide", "Mohamed El-Shahed", "--json", config=seeds_config)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    file = str(seeds_config.parent / "entity-corrections.yaml")
    hidden = {"number": 1, "action": "hide", "name": "Mohamed El-Shahed", "type": "PERSON", "to": None,
              "to_type": None, "text": "hide Mohamed El-Shahed (PERSON): not an entity", "problem": None}
    assert document == {"stale": False, "file": file, "correction": hidden, "corrections": [hidden]}
    listed = json.loads(run("entities", "--corrections", "--json", config=seeds_config).stdout)
    assert listed == {"stale": False, "file": file, "corrections": [hidden]}
    undone = json.loads(run("entities", "--undo", "1", "--json", config=seeds_config).stdout)
    assert undone == {"stale": False, "file": file, "undone": hidden, "corrections": []}


@pytest.mark.parametrize("args, message", [
    (["--hide", "Nobody Atall"], "ceasefire-tui: no entity is named 'Nobody Atall'; "
                                 "`ceasefire-tui entities` lists them\n"),
    (["--merge", "William Burns", "Nobody"], "ceasefire-tui: no entity is named 'Nobody'; "
                                             "`ceasefire-tui entities` lists them\n"),
    (["--retype", "William Burns", "planet", "--json"],
     "ceasefire-tui: 'planet' is not an entity type an entry can take; use PERSON, ORG, GPE, NORP\n"),
    (["--undo", "3"], "ceasefire-tui: there is no correction 3 for this corpus: there are none; "
                      "`ceasefire-tui entities --corrections` lists them\n"),
])
def test_errors_are_one_sentence_and_exit_1(seeds_config, args, message):
    assert run("index", config=seeds_config).returncode == 0  # so that stderr holds only the error
    done = run("entities", *args, config=seeds_config)
    assert (done.returncode, done.stderr, done.stdout) == (1, message, "")


def test_usage_errors_are_exit_2(seeds_config):
    assert run("entities", "002", "--hide", "CIA", config=seeds_config).returncode == 2
    assert run("entities", "--hide", "CIA", "--undo", "1", config=seeds_config).returncode == 2


def test_corrections_survive_a_rebuild_and_a_bad_entry_is_a_note(seeds_config):
    assert run("entities", "--merge", "Itamar Ben-Gvir", "Antony Blinken", config=seeds_config).returncode == 0
    path = seeds_config.parent / "entity-corrections.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document["corpora"][0]["corrections"].append({"hide": ["not", "a", "name"]})
    path.write_text(yaml.safe_dump(document), encoding="utf-8")

    assert run("index", "--rebuild", config=seeds_config).returncode == 0
    done = run("entities", "--json", config=seeds_config)
    assert done.returncode == 0
    assert ("Antony Blinken", "PERSON") in {(e["name"], e["type"]) for e in json.loads(done.stdout)["articles"][BEN_GVIR_002]}
    assert f"note: {path}: correction 2 is skipped: 'hide' must be a name" in done.stderr
