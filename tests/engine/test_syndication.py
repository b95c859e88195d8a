"""Syndicated copies: the same story republished by another site, lightly
edited, is grouped with it at index time; every copy stays an article."""

from __future__ import annotations

import pytest
from support import write_config, write_syndicated_copy

from ceasefire_tui.index import ConfigError, Library, load_config
from ceasefire_tui.index.analysis.minhash import signature
from ceasefire_tui.index.story.groups import Copy, CopyGroup

INTRO = ("Our correspondent in the region followed the negotiations through the night, as the mediators "
         "shuttled between the two delegations and the families of the captives waited for news.")


def make_library(tmp_path, seeds_corpus, **index) -> Library:
    config = write_config(tmp_path, {"corpus": {"paths": ["corpus"]}, "index": {"path": "idx", **index}})
    library = Library(load_config(config))
    library.refresh()
    return library


def seed(corpus, prefix: str):
    return next(corpus.glob(f"{prefix}_*.txt"))


@pytest.fixture
def copied(tmp_path, seeds_corpus):
    """The seeds, and seed 001 republished by the Harbour Gazette."""
    write_syndicated_copy(seed(seeds_corpus, "001"), seeds_corpus, "Harbour Gazette", "harbour-copy", intro=INTRO)
    library = make_library(tmp_path, seeds_corpus)
    yield library
    library.close()


def test_an_edited_copy_under_another_outlet_is_grouped_with_its_seed(copied):
    groups = list(copied.syndication().groups.values())
    assert len(groups) == 1
    group = groups[0]
    assert sorted(copy.id[:3] for copy in group.copies) == ["001", "har"]
    assert group.outlets == ["Harbour Gazette", "unknown outlet"]  # the seed names none
    assert group.label == "Harbour Gazette · 2 sites"
    assert copied.article_count() == 6  # grouped, never removed


def test_a_site_that_carries_a_story_twice_is_one_site_and_two_copies():
    saved_twice = CopyGroup("g1", (Copy("andes-1", "Chile heads to a runoff", "Andes Daily", "2025-11-17"),
                                   Copy("andes-2", "Chile heads to a runoff", "Andes Daily", "2025-11-17")))
    assert saved_twice.label == "Andes Daily · 1 site, 2 copies"


def test_articles_on_the_same_story_by_other_outlets_are_not_grouped(copied):
    grouped = set(copied.syndication().by_article)
    for other in ("000", "002", "003", "004"):
        assert not any(article.startswith(other) for article in grouped)


def test_search_hits_carry_their_group_and_the_matches_count_the_copies(copied):
    result = copied.search("hamas")
    by_id = {hit.id[:3]: hit for hit in result.hits}
    assert by_id["001"].group is not None and by_id["001"].group is by_id["har"].group
    assert by_id["000"].group is None
    assert (result.copies.copies, result.copies.stories) == (1, 1)
    hit_json = by_id["har"].to_json()
    assert hit_json["group"] == by_id["001"].group.id
    assert [copy["id"][:3] for copy in hit_json["copies"]] == ["001"]


def test_a_search_matching_one_copy_counts_no_copy(copied):
    result = copied.search("correspondent shuttled")  # only the copy's intro says it
    assert [hit.id[:3] for hit in result.hits] == ["har"]
    assert result.copies.copies == 0


def test_the_threshold_comes_from_the_config(tmp_path, seeds_corpus):
    write_syndicated_copy(seed(seeds_corpus, "001"), seeds_corpus, "Harbour Gazette", "harbour-copy", intro=INTRO)
    strict = make_library(tmp_path, seeds_corpus, copy_threshold=1.0)  # a copy with cuts and swaps is not whole
    try:
        assert strict.syndication().groups == {}
    finally:
        strict.close()


@pytest.mark.parametrize("value", [0.0, 1.5, "high", None])
def test_a_bad_threshold_names_the_key_and_the_file(tmp_path, value):
    config = write_config(tmp_path, {"index": {"copy_threshold": value}})
    with pytest.raises(ConfigError) as raised:
        load_config(config)
    assert "index.copy_threshold" in str(raised.value) and str(config) in str(raised.value)


def test_group_ids_stay_the_same_across_refreshes(tmp_path, seeds_corpus, copied):
    first = copied.syndication()
    (group_id,) = first.groups
    copied.refresh()  # nothing changed
    assert set(copied.syndication().groups) == {group_id}
    write_syndicated_copy(seed(seeds_corpus, "001"), seeds_corpus, "Valley Courier", "valley-copy",
                          published="2024-05-08")
    write_syndicated_copy(seed(seeds_corpus, "003"), seeds_corpus, "Valley Courier", "valley-other")
    copied.refresh()
    groups = copied.syndication().groups
    assert len(groups) == 2 and group_id in groups
    assert sorted(copy.id[:3] for copy in groups[group_id].copies) == ["001", "har", "val"]
    reopened = Library(load_config(tmp_path / "config.yaml"))  # another session reads the same ids
    try:
        assert set(reopened.syndication().groups) == set(groups)
    finally:
        reopened.close()


def test_a_removed_copy_leaves_its_group(seeds_corpus, copied):
    write_syndicated_copy(seed(seeds_corpus, "001"), seeds_corpus, "Valley Courier", "valley-copy")
    copied.refresh()
    (group_id,) = copied.syndication().groups
    (seeds_corpus / "harbour-copy.md").unlink()
    copied.refresh()
    group = copied.syndication().groups[group_id]  # the story keeps its id
    assert sorted(copy.id[:3] for copy in group.copies) == ["001", "val"]
    (seeds_corpus / "valley-copy.md").unlink()
    copied.refresh()
    assert copied.syndication().groups == {}  # one article is no group
    assert copied.search("hamas").hits[0].group is None


def test_the_lead_is_the_copy_published_first(copied):
    (group,) = copied.syndication().groups.values()
    # The seed has no date; the copy does: the dated one leads.
    assert group.lead.source == "Harbour Gazette"


def test_signatures_are_the_same_for_the_same_text_and_none_for_a_brief():
    text = ("Mediators in the capital said on Tuesday that both sides had agreed to a further round of talks, "
            "the first since the fighting resumed, and that a draft would be circulated before the weekend.")
    first, second = signature(text), signature(text)
    assert first is not None and first.encoded() == second.encoded() and first.shingles > 20
    assert signature("Talks resume on Monday, officials said.") is None
