"""The installed `ceasefire-tui` console script, as scripts use it."""

import json
import os
import subprocess
import sys

import pytest

from support import console_script, write_config


def run(*args, config=None, env=None, cwd=None):
    environment = dict(os.environ, **(env or {}))
    command = [console_script(), *args] + (["--config", str(config)] if config else [])
    return subprocess.run(command, capture_output=True, text=True, env=environment, cwd=cwd, timeout=120)


def test_search_json_lists_all_five_seeds_with_snippets(seeds_config):
    done = run("search", "rafah", "--json", config=seeds_config)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["total"] == 5 and document["suggestion"] is None
    assert sorted(hit["id"][:3] for hit in document["hits"]) == ["000", "001", "002", "003", "004"]
    assert all("Rafah" in hit["snippet"] for hit in document["hits"])


def test_show_json_keeps_mr_abu_marzouk_in_one_sentence(seeds_config):
    done = run("show", "003", "--json", config=seeds_config)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert {"id", "title", "source", "url", "published", "text", "sentences", "entities", "figures"} <= set(document)
    assert document["id"] == "003_99c215f24256f5c4"
    assert any(s.startswith("Despite the departure of the Hamas delegation from Cairo, Mr. Abu Marzouk expressed")
               and s.endswith("positive attitude.") for s in document["sentences"])


def test_show_json_keeps_datelines_and_credits_out_of_sentences_and_entities(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "wire.txt").write_text(
        "Dam talks resume\n\nPublished: 3 March 2024\n\n"
        "ADDIS ABABA, March 3 (Reuters) - Ethiopia and Egypt resumed talks on the dam on Sunday.\n\n"
        "Engineers inspect a turbine at the dam. REUTERS/Tiksa Negeri\n\nHanna Bekele/AFP via Getty Images\n",
        encoding="utf-8")
    config = write_config(tmp_path, {"corpus": {"paths": ["corpus"]}, "index": {"path": "index"}})
    done = run("show", "wire", "--json", config=config)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["sentences"] == ["Ethiopia and Egypt resumed talks on the dam on Sunday."]
    assert [block["kind"] for block in document["blocks"]] == ["byline", "dateline", "paragraph", "caption", "credit"]
    assert document["blocks"][1]["text"] == "ADDIS ABABA, March 3 (Reuters) -"
    assert document["published"] == "3 March 2024"
    names = {entity["name"] for entity in document["entities"]}
    assert {"Ethiopia", "Egypt"} <= names
    assert not names & {"ADDIS ABABA", "Addis Ababa", "Reuters", "Tiksa Negeri", "Hanna Bekele", "AFP", "Getty Images"}


def test_bundled_seeds_work_from_any_folder(tmp_path):
    done = run("search", "rafah", "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["total"] == 5


def test_config_from_the_environment_variable(seeds_config, seeds_corpus):
    (seeds_corpus / "only.txt").write_text("Only here\n\nA wombat in Cairo.", encoding="utf-8")
    done = run("search", "wombat", "--json", env={"CEASEFIRE_TUI_CONFIG": str(seeds_config)})
    assert json.loads(done.stdout)["total"] == 1


def test_a_user_config_with_only_a_theme_still_reads_the_bundled_seeds(isolated_environment, tmp_path):
    user_folder = isolated_environment / "config" / "ceasefire-tui"
    user_folder.mkdir(parents=True)
    write_config(user_folder, {"ui": {"theme": "textual-light"}})
    done = run("search", "hamas", "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["total"] == 5


@pytest.mark.parametrize("args", [["search", "hamas"], ["search", "", "--json"], ["show", "000"], ["entities"],
                                  ["index"]])
def test_an_empty_corpus_is_one_sentence_naming_where_it_looked(tmp_path, args):
    (tmp_path / "articles").mkdir()
    config = write_config(tmp_path, {"corpus": {"paths": ["articles"]}, "index": {"path": "index"}})
    done = run(*args, config=config)
    assert done.returncode == 1
    assert (f"ceasefire-tui: no articles to read: nothing readable in {tmp_path / 'articles'} "
            f"(corpus.paths in {config})") in done.stderr
    assert "Traceback" not in done.stderr


def test_config_before_or_after_the_command_is_used(seeds_config, seeds_corpus):
    (seeds_corpus / "only.txt").write_text("Only here\n\nA wombat in Cairo.", encoding="utf-8")
    for command in (["--config", str(seeds_config), "search", "wombat", "--json"],
                    ["search", "wombat", "--json", "--config", str(seeds_config)]):
        done = run(*command)
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["total"] == 1


@pytest.mark.parametrize("where", ["before", "after", "environment"])
def test_a_missing_config_file_is_exit_2_wherever_it_is_named(tmp_path, where):
    missing = tmp_path / "nonexistent.yaml"
    if where == "environment":
        done = run("search", "hamas", env={"CEASEFIRE_TUI_CONFIG": str(missing)})
    else:
        before, after = (["--config", str(missing)], []) if where == "before" else ([], ["--config", str(missing)])
        done = run(*before, "search", "hamas", *after)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == f"ceasefire-tui: config file {missing} does not exist\n"


@pytest.mark.parametrize("words", [["wombat", "koala"], ["wombat", "--limit", "3", "koala"],
                                   ["--json", "wombat", "koala", "--limit", "3"]])
def test_unquoted_words_are_one_query_with_options_anywhere(seeds_config, seeds_corpus, words):
    (seeds_corpus / "one.txt").write_text("Only one\n\nA wombat in Cairo.", encoding="utf-8")
    (seeds_corpus / "both.txt").write_text("Both\n\nA wombat and a koala in Cairo.", encoding="utf-8")
    done = run("search", *words, *([] if "--json" in words else ["--json"]), config=seeds_config)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["query"] == "wombat koala" and document["total"] == 1


def test_human_output_is_a_table_with_the_outlets(seeds_config):
    done = run("search", "burns", config=seeds_config)
    assert done.returncode == 0
    assert "2 articles match 'burns'" in done.stdout
    assert "cnbc.com" in done.stdout and "\x1b[" not in done.stdout  # no colours when piped


def test_show_prints_the_article(seeds_config):
    done = run("show", "002", config=seeds_config)
    assert "Heartbreaking Crisis" in done.stdout
    assert "  • Hamas and Israel engage in ceasefire talks" in done.stdout


def test_index_reports_what_it_did(seeds_config, seeds_corpus):
    done = run("index", "--json", config=seeds_config)
    assert json.loads(done.stdout)["added"] == 5
    (seeds_corpus / "empty.txt").write_text("", encoding="utf-8")
    done = run("index", config=seeds_config)
    assert done.returncode == 0
    assert "skipped" in done.stderr and "empty.txt" in done.stderr and "empty file" in done.stderr
    rebuilt = json.loads(run("index", "--rebuild", "--json", config=seeds_config).stdout)
    assert rebuilt["added"] == 5 and rebuilt["rebuilt"]


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["show", "999"], 1, "no article has an id starting with '999'"),
        (["show", "00"], 1, "matches 5 articles"),
        (["search", '"open'], 1, "quotation mark is not closed"),
        (["search", "hamas^0"], 1, "a boost after ^ must be a number above 0"),
        (["search", "(" * 5000], 1, "longer than 1,000 characters"),
        (["search", "(" * 30 + "hamas" + ")" * 30], 1, "nested more than 20 deep"),
        (["search", "x", "--limit", "0"], 2, "must be 1 or more"),
        (["frobnicate"], 2, "invalid choice"),
        (["search", "x", "--frob"], 2, "unrecognized arguments: --frob"),
        (["show", "003", "004"], 2, "unrecognized arguments: 004"),
    ],
)
def test_user_errors_are_one_sentence_and_an_exit_code(seeds_config, args, code, message):
    done = run(*args, config=seeds_config)
    assert done.returncode == code
    assert message in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_not_not_cancels_out(seeds_config):
    done = run("search", "NOT NOT gallant", "--json", config=seeds_config)
    assert done.returncode == 0, done.stderr
    assert [hit["id"][:3] for hit in json.loads(done.stdout)["hits"]] == ["001"]


def test_bad_config_exits_2_naming_key_and_file(tmp_path):
    config = write_config(tmp_path, {"search": {"page_size": "lots"}})
    for args in (["search", "x"], []):
        done = run(*args, config=config)
        assert done.returncode == 2
        assert "'search.page_size'" in done.stderr and str(config) in done.stderr
        assert "Traceback" not in done.stderr


@pytest.mark.parametrize("text, key", [
    ("corpus: {max_file_mb: .inf}\n", "'corpus.max_file_mb'"),
    ("index: {lock_timeout: .nan}\n", "'index.lock_timeout'"),
    ("search: {fuzzy_distance: 100000000000000000000}\n", "'search.fuzzy_distance'"),
    ("entities: {aliases: {1: [one]}}\n", "'entities.aliases'"),
    ("a: &x [1]\nentities: {ignore: *x}\n", "aliases (*x) are not allowed"),
])
def test_odd_config_values_exit_2_naming_the_key_and_the_file(tmp_path, text, key):
    config = tmp_path / "odd.yaml"
    config.write_text(text, encoding="utf-8")
    done = run("search", "hamas", config=config)
    assert done.returncode == 2 and done.stdout == ""
    assert key in done.stderr and str(config) in done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_a_device_as_config_is_exit_2(tmp_path):
    done = run("search", "hamas", config="/dev/zero")
    assert (done.returncode, done.stderr) == (2, "ceasefire-tui: config file /dev/zero is not a regular file\n")


def test_bad_ui_config_is_refused_before_the_tui_starts(tmp_path):
    config = write_config(tmp_path, {"ui": {"theme": "no-such-theme"}})
    done = run(config=config)
    assert done.returncode == 2 and "'ui.theme'" in done.stderr
    config = write_config(tmp_path, {"ui": {"keymap": {"no_such_binding": "x"}}})
    done = run(config=config)
    assert done.returncode == 2 and "'ui.keymap.no_such_binding'" in done.stderr


def test_headless_commands_do_not_import_textual(seeds_config):
    probe = (
        "import sys\n"
        "from ceasefire_tui.tui.cli import main\n"
        f"code = main(['search', 'rafah', '--json', '--config', {str(seeds_config)!r}])\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_entities_of_one_article_as_json(seeds_config):
    done = run("entities", "003", "--json", config=seeds_config)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["id"] == "003_99c215f24256f5c4"
    people = {e["name"]: e for e in document["entities"] if e["type"] == "PERSON"}
    assert {"Benjamin Netanyahu", "Mousa Abu Marzouk", "Joe Biden"} <= set(people)
    assert [name for name in people if "Netanyahu" in name] == ["Benjamin Netanyahu"]
    assert "Abu Marzouk" in people["Mousa Abu Marzouk"]["aliases"]
    assert {"name", "type", "count", "aliases"} <= set(document["entities"][0])


def test_entities_of_every_article_with_a_type_filter(seeds_config):
    done = run("entities", "--type", "org", "--json", config=seeds_config)
    document = json.loads(done.stdout)
    assert sorted(document["articles"]) == sorted(
        ["000_66e49714127c6392", "001_a349a3b93b2e3782", "002_74339042f3bb36aa", "003_99c215f24256f5c4",
         "004_333fc97adc16281c"])
    assert all(e["type"] == "ORG" for rows in document["articles"].values() for e in rows)
    assert "CIA" in {e["name"] for e in document["articles"]["002_74339042f3bb36aa"]}


def test_entities_coverage_grid_for_people(seeds_config):
    done = run("entities", "--type", "people", config=seeds_config)
    assert done.returncode == 0
    line = next(line for line in done.stdout.splitlines() if "Benjamin Netanyahu" in line)
    assert line.count("●") == 5
    burns = next(line for line in done.stdout.splitlines() if "William Burns" in line)
    assert burns.count("●") == 2


def test_entities_rejects_an_unknown_type(seeds_config):
    done = run("entities", "--type", "animals", config=seeds_config)
    assert done.returncode == 2 and "is not an entity type" in done.stderr


def test_compare_json_has_the_design_shape(seeds_config):
    done = run("compare", "000", "004", "--json", config=seeds_config)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert {"a", "b", "aligned", "only_a", "only_b", "entities", "figures"} <= set(document)
    assert {"id", "title", "sentences"} <= set(document["a"])
    assert {"shared", "only_a", "only_b"} <= set(document["entities"])
    assert {"only_a", "only_b", "differ"} <= set(document["figures"])
    rafah = [p for p in document["aligned"] if "ground invasion of Rafah" in document["a"]["sentences"][p["a"]]]
    assert rafah and "military operation in Rafah" in document["b"]["sentences"][rafah[0]["b"]]
    assert all({"a", "b", "score"} <= set(p) for p in document["aligned"])
    # the kinds, the moved flag, the evidence and the spans (README)
    assert rafah[0]["kind"] == "same" and rafah[0]["moved"] is False
    assert {p["kind"] for p in document["aligned"]} <= {"same", "related", "differs"}
    assert all(p["a_span"][0] == p["a"] and p["b_span"][0] == p["b"] for p in document["aligned"])
    assert all(p["a_span"][1] - p["a_span"][0] < 3 and p["b_span"][1] - p["b_span"][0] < 3 for p in document["aligned"])
    assert any(e["kind"] == "names" and "Benjamin Netanyahu" in e["detail"] for e in rafah[0]["evidence"])
    assert document["headlines"]["kind"] in {"same", "related", "differs"}


def test_compare_markdown_report(seeds_config):
    done = run("compare", "002", "004", "--markdown", config=seeds_config)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# Comparison: Heartbreaking Crisis")
    assert "CIA Director William Burns" in done.stdout
    # only same-fact pairs count as agreement; differing and related ones have their own sections
    same = json.loads(run("compare", "002", "004", "--json", config=seeds_config).stdout)
    counted = sum(p["kind"] == "same" for p in same["aligned"])
    assert f"## Reported by both ({counted})" in done.stdout
    assert f"- {counted} pair{'s' if counted != 1 else ''} of sentences report the same fact." in done.stdout
    assert "## Reported differently (" in done.stdout and "## Related, not the same claim (" in done.stdout
    assert "  - Evidence: meaning " in done.stdout


def test_compare_human_table_marks_each_row(seeds_config):
    done = run("compare", "001", "003", config=seeds_config)
    assert done.returncode == 0
    assert "≈" in done.stdout and "▌" in done.stdout and "only in A" in done.stdout
    assert "related (not counted)" in done.stdout and "~ related, not the same claim" in done.stdout


def test_compare_errors(seeds_config):
    assert "same article" in run("compare", "003", "003", config=seeds_config).stderr
    assert run("compare", "003", "999", config=seeds_config).returncode == 1


def test_empty_query_lists_every_article_as_json(seeds_config):
    done = run("search", "", "--json", config=seeds_config)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["total"] == 5 and all(hit["score"] == 0 for hit in document["hits"])


def key_paths(document, prefix=""):
    """Every key path in a JSON document ("entities.[].name"), lists read through all their items."""
    paths = set()
    if isinstance(document, dict):
        for key, child in document.items():
            paths |= {prefix + key} | key_paths(child, prefix + key + ".")
    elif isinstance(document, list):
        for child in document:
            paths |= key_paths(child, prefix + "[].")
    return paths


ENTITY_KEYS = {"name", "type", "count", "aliases"}
FIGURE_KEYS = {"value", "unit", "kind", "surface", "start", "end", "qualifier", "high"}


def under(prefix, keys):
    return {f"{prefix}.[].{key}" for key in keys}


@pytest.mark.parametrize("args, expected", [
    (["show", "003"], {"stale", "id", "title", "source", "url", "published", "path", "text", "sentences", "blocks",
                       "blocks.[].kind", "blocks.[].text", "entities", "figures", "authors", "summary_only",
                       "fetched"}
     | under("entities", ENTITY_KEYS | {"mentions", "headline"}) | under("figures", FIGURE_KEYS)),
    (["entities", "003"], {"stale", "id", "entities"} | under("entities", ENTITY_KEYS)),
    (["compare", "000", "004"], {"stale", "a", "a.id", "a.title", "a.sentences", "b", "b.id", "b.title", "b.sentences",
                                 "aligned", "only_a", "only_b", "entities", "figures", "quotes", "quotes.a", "quotes.b",
                                 "entities.shared", "entities.only_a", "entities.only_b", "figures.only_a",
                                 "figures.only_b", "figures.differ", "quotes.a.[].speaker", "quotes.a.[].text",
                                 "quotes.a.[].sentence", "quotes.a.[].start", "quotes.a.[].end",
                                 "headlines", "headlines.score", "headlines.kind", "headlines.evidence", "copy_diff"}
     | under("headlines.evidence", {"kind", "detail", "conflict"})
     | under("aligned", {"a", "b", "a_span", "b_span", "score", "kind", "wording", "moved", "evidence", "a_diff",
                         "b_diff"})
     | under("aligned.[].evidence", {"kind", "detail", "conflict"})
     | {path for side in ("shared", "only_a", "only_b") for path in under(f"entities.{side}", {"name", "type"})}
     | under("figures.only_a", FIGURE_KEYS) | under("figures.only_b", FIGURE_KEYS)),
])
def test_json_documents_keep_their_keys(seeds_config, args, expected):
    done = run(*args, "--json", config=seeds_config)
    assert done.returncode == 0, done.stderr
    assert key_paths(json.loads(done.stdout)) == expected


def test_entities_json_of_every_article_keeps_its_keys(seeds_config):
    done = run("entities", "--json", config=seeds_config)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert set(document) == {"stale", "articles"} and len(document["articles"]) == 5
    assert all(key_paths(rows) == {f"[].{key}" for key in ENTITY_KEYS} for rows in document["articles"].values())
