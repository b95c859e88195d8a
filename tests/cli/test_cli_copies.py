"""The headless commands on syndicated copies: search --json carries each
hit's group and copies, compare on two copies adds what one cut or added."""

from __future__ import annotations

import json

import pytest
from support import write_seeds_config, write_syndicated_copy
from test_cli import run

INTRO = ("Our correspondent in the region followed the negotiations through the night, as the mediators "
         "shuttled between the two delegations and the families of the captives waited for news.")


@pytest.fixture
def copies_config(tmp_path, seeds_corpus):
    write_syndicated_copy(next(seeds_corpus.glob("000_*.txt")), seeds_corpus, "Harbour Gazette", "harbour-copy",
                          intro=INTRO)
    return write_seeds_config(tmp_path)


def test_search_json_carries_the_group_id_and_the_copies_of_each_hit(copies_config):
    done = run("search", "ceasefire", "--json", config=copies_config)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    hits = {hit["id"][:3]: hit for hit in document["hits"]}
    assert hits["000"]["group"] and hits["000"]["group"] == hits["har"]["group"]
    assert hits["000"]["group_label"] == "Harbour Gazette · 2 sites"
    assert [(copy["id"], copy["source"]) for copy in hits["000"]["copies"]] == [("harbour-copy", "Harbour Gazette")]
    assert [copy["id"][:3] for copy in hits["har"]["copies"]] == ["000"]
    assert hits["001"]["group"] is None and hits["001"]["copies"] == []
    assert document["copies"] == {"copies": 1, "stories": 1}
    assert {"query", "total", "outlets", "hits", "partial"} <= set(document)  # the keys that were there stay


def test_the_search_table_says_how_many_matches_are_copies(copies_config):
    done = run("search", "ceasefire", config=copies_config, env={"COLUMNS": "200"})
    assert done.returncode == 0, done.stderr
    assert "6 articles from 3 outlets, 1 copy of 1 wire story" in done.stdout
    assert "⧉ Harbour Gazette · 2 sites: also" in done.stdout


def test_compare_on_two_copies_shows_what_one_cut_or_added(copies_config):
    done = run("compare", "000", "harbour", "--json", config=copies_config)
    assert done.returncode == 0, done.stderr
    diff = json.loads(done.stdout)["copy_diff"]
    kinds = {change["kind"] for change in diff["changes"]}
    assert {"added", "cut", "swapped"} <= kinds
    added = next(change for change in diff["changes"] if change["kind"] == "added")
    assert added["b_text"] == INTRO and added["a_text"] == ""
    assert diff["shared_words"] > 0.8 * diff["words_a"]
    table = run("compare", "000", "harbour", config=copies_config, env={"COLUMNS": "200"})
    assert "Copies of one wire story" in table.stdout and "B added: Our correspondent" in table.stdout


def test_compare_on_two_articles_that_are_not_copies_has_no_copy_diff(copies_config):
    done = run("compare", "000", "001", "--json", config=copies_config)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["copy_diff"] is None
