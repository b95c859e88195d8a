"""``ceasefire-tui story``: the whole story as JSON, Markdown or tables."""

from __future__ import annotations

import json

from test_cli import run


def test_story_json_lists_facts_with_their_outlets_figures_and_speakers(seeds_config):
    done = run("story", "--json", config=seeds_config)
    assert done.returncode == 0, done.stderr
    story = json.loads(done.stdout)
    assert story["query"] == "" and story["stale"] is False
    assert len(story["articles"]) == 5
    assert {"id", "outlet", "title", "url", "published"} <= set(story["articles"][0])
    burns = next(f for f in story["facts"] if any("Burns underscores" in r["text"] for r in f["reports"]))
    assert sorted(r["article"][:3] for r in burns["reports"]) == ["002", "004"]
    assert burns["only_in"] is None and burns["differs"] is False
    report = burns["reports"][0]
    assert {"article", "sentence", "start", "end", "text"} <= set(report)
    counts = [len(fact["outlets"]) for fact in story["facts"]]
    assert counts == sorted(counts, reverse=True)  # most outlets first
    assert any(f["only_in"] == "cnbc.com" for f in story["facts"])
    assert {"kind", "unit", "conflict", "values", "reports"} <= set(story["figures"][0])
    assert {"name", "outlets", "quotations"} <= set(story["speakers"][0])
    assert {"entity", "type", "by_outlet"} <= set(story["coverage"][0])


def test_story_of_a_query_covers_only_the_articles_it_finds(seeds_config):
    done = run("story", "Burns", "--json", config=seeds_config)
    assert done.returncode == 0, done.stderr
    story = json.loads(done.stdout)
    assert story["query"] == "Burns"
    assert sorted(a["id"][:3] for a in story["articles"]) == ["002", "004"]
    limited = json.loads(run("story", "--limit", "2", "--json", config=seeds_config).stdout)
    assert len(limited["articles"]) == 2


def test_story_markdown_cites_every_line_and_lists_differences_figures_and_quotes(seeds_config):
    done = run("story", "--markdown", config=seeds_config)
    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert text.startswith("# Story\n")
    for section in ("## Sources", "## Facts reported by several outlets", "## Figures", "## Quotes by speaker",
                    "## Timeline", "## Only in one outlet"):
        assert section in text
    assert "| Kind | Value as written | Qualifier | Attribution | Outlet | Date | Source |" in text
    assert "  - cnbc.com, *Heartbreaking Crisis" in text  # a report line cites outlet and title
    assert "**Only in cnbc.com**" in text
    assert "## Timeline\n\nNo fact several outlets report, and no figure, has a known publication date." in text


def test_story_for_people_is_tables_and_a_query_that_finds_nothing_is_an_empty_story(seeds_config):
    done = run("story", config=seeds_config)
    assert done.returncode == 0, done.stderr
    assert "5 articles from 5 outlets" in done.stdout and "Facts" in done.stdout
    nothing = json.loads(run("story", "zzzxq", "--json", config=seeds_config).stdout)
    assert nothing["articles"] == [] and nothing["facts"] == []


def test_story_json_and_markdown_together_is_a_usage_error(seeds_config):
    done = run("story", "--json", "--markdown", config=seeds_config)
    assert done.returncode == 2 and "not allowed with" in done.stderr


def test_story_markdown_has_a_timeline_by_date_citing_who_reported_first(tmp_path):
    from support import write_config, write_dated_corpus

    corpus = write_dated_corpus(tmp_path / "corpus")
    (corpus / "market-echo.md").write_text(  # the market's move, retold by another outlet a day later
        "---\ntitle: Market on the move\nsource: Valley Courier\npublished: 2024-02-21\n---\n\n"
        "The weekly farmers market will move to the station square from March, the council said on Tuesday.\n",
        encoding="utf-8")
    config = write_config(tmp_path, {"corpus": {"paths": ["corpus"]}, "index": {"path": "idx"}})
    done = run("story", "--markdown", config=config)
    assert done.returncode == 0, done.stderr
    timeline = done.stdout.split("## Timeline\n", 1)[1].split("\n## ", 1)[0]
    days = [line[4:] for line in timeline.splitlines() if line.startswith("### ")]
    # Days with a fact several outlets report or a figure, in time order
    # whatever form the dates are written in ("1 March 2024" sorts before
    # "2024-02-05" as text).
    assert days == ["2024-02-05", "2024-02-20", "2024-03-01"]
    under_bridge_day = timeline.split("### 2024-02-05\n", 1)[1].strip().splitlines()[0]
    assert under_bridge_day.startswith(
        "- Figure, duration (month): four months — Riverside Post, *Council reopens the old bridge to cyclists*, "
        "2024-02-05T08:00:00Z")
    market = next(line for line in timeline.splitlines() if line.startswith("- The weekly farmers market"))
    assert market.endswith("— 2 outlets; first reported by Riverside Post, *Farmers market moves to the station "
                           "square*, Tue, 20 Feb 2024 10:15:00 GMT")
    assert "The council published its spending plans" not in timeline


def test_a_quotation_in_copies_of_one_wire_story_counts_once_in_every_form(tmp_path):
    from support import write_config, write_syndicated_copy

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    # Invented: an agency's report of a port strike, run again by a second
    # site, and a newspaper's own report quoting the same words.
    (corpus / "agency.md").write_text(
        "---\ntitle: Dockers strike at Ostrava port\nsource: Lake Agency\npublished: 2025-04-02\n---\n\n"
        "Dockers at the inland port of Ostrava walked out on Tuesday over night-shift pay, halting the loading "
        "of grain barges for the first time in a decade.\n\n"
        "\"We will stay out until the company puts a fair offer on the table,\" said union leader Pavla Rendl, "
        "speaking outside the main gate.\n\n"
        "The port operator said talks would resume on Thursday and that perishable cargo was being moved by rail.\n\n"
        "About 600 workers are employed at the port, which handles most of the region's grain exports.\n",
        encoding="utf-8")
    write_syndicated_copy(corpus / "agency.md", corpus, "Valley Site", "valley-copy", published="2025-04-02")
    (corpus / "paper.md").write_text(
        "---\ntitle: Port at a standstill\nsource: River Paper\npublished: 2025-04-03\n---\n\n"
        "\"We will stay out until the company puts a fair offer on the table,\" Pavla Rendl told the crowd at "
        "the gate. Barges lay idle along the quay on Wednesday morning.\n", encoding="utf-8")
    config = write_config(tmp_path, {"corpus": {"paths": ["corpus"]}, "index": {"path": "idx"}})
    document = json.loads(run("story", "--json", config=config).stdout)
    rendl = next(speaker for speaker in document["speakers"] if speaker["name"] == "Pavla Rendl")
    quotation = rendl["quotations"][0]
    assert sorted(quotation["outlets"]) == ["Lake Agency", "River Paper", "Valley Site"]
    assert quotation["independent"] == 2 and rendl["independent"] == 2
    assert [sorted(ids) for ids in quotation["copies"]] == [["agency", "valley-copy"]]
    tables = " ".join(run("story", config=config).stdout.split())  # as read, wherever the lines wrap
    assert "Pavla Rendl · 3 outlets, 2 independent" in tables
    carriers = tables.split("on the table” (", 1)[1].split(")", 1)[0]
    assert carriers.endswith("; 2 independent")
    assert sorted(carriers.split(";")[0].split(", ")) == ["Lake Agency", "River Paper", "Valley Site"]
