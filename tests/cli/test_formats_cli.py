"""A folder of saved pages, a feed and a CSV export, as a user points the
app at it: indexed, searchable, and shown with their metadata."""

import json
import shutil
from pathlib import Path

import pytest

from support import write_config
from test_cli import run

DATA = Path(__file__).parent.parent / "data"
EXPORT = ("title,url,media_name,publish_date,text\n"
          "Port strike ends in Rotterdam,https://wire.example/rotterdam,Harbour Wire,2024-10-02,"
          "\"Dock workers in Rotterdam voted to end a week-long strike after the port authority agreed to a 6 percent raise.\"\n")


@pytest.fixture
def mixed_config(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(DATA / "pages", corpus / "pages")
    shutil.copy(DATA / "feeds" / "world-desk.rss", corpus)
    (corpus / "export.csv").write_text(EXPORT, encoding="utf-8")
    return write_config(tmp_path, {"corpus": {"paths": ["corpus"]}, "index": {"path": "idx"}})


def test_pages_feed_items_and_csv_rows_are_searchable_with_their_metadata(mixed_config):
    done = run("index", "--json", config=mixed_config)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["articles"] == 4 + 3 + 1 and report["skipped"] == []
    assert {"path": str(Path(mixed_config).parent / "corpus" / "world-desk.rss"),
            "note": "1 duplicate items (same link or guid) read once"} in report["notes"]

    hits = json.loads(run("search", "Grindavik OR Valencia OR Rotterdam OR Kenya", "--json", config=mixed_config).stdout)["hits"]
    seen = {hit["title"]: (hit["source"], hit["published"], hit["summary_only"]) for hit in hits}
    assert seen == {
        "Valencia begins clean-up as flood waters recede": ("The Coastal Herald", "2024-11-04", False),
        "Iceland lifts evacuation order for Grindavik": ("Harbour Gazette – World", "2024-11-20T09:15:00Z", False),
        "Kenya's central bank cuts its main rate for a second time": ("Harbour Gazette – World",
                                                                      "2024-11-19T14:02:00Z", True),
        "Port strike ends in Rotterdam": ("Harbour Wire", "2024-10-02", False),
    }
    shown = json.loads(run("show", "valencia-floods", "--json", config=mixed_config).stdout)
    assert shown["authors"] == ["Marta Ruiz", "Daniel Okafor"] and shown["summary_only"] is False
    assert shown["url"] == "https://www.coastalherald.example/world/2024/11/04/valencia-clean-up"
    assert {"kind": "caption", "text": "Volunteers clear debris from a street in Paiporta on Sunday. "
                                       "(Photo: Ana Lopez / Coastal Herald)"} in shown["blocks"]
    kenya = next(hit["id"] for hit in hits if hit["title"].startswith("Kenya"))
    assert json.loads(run("show", kenya, "--json", config=mixed_config).stdout)["summary_only"] is True
    assert "summary only" in run("show", kenya, config=mixed_config).stdout
    table = run("search", "Kenya", config=mixed_config).stdout
    assert "Harbour Gazette – World · summary only" in table
