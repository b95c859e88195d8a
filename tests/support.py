"""Helpers shared by the tests (imported as `support`: pytest puts tests/ on sys.path)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

from ceasefire_tui.index.config import bundled_dir

SEEDS = bundled_dir() / "seeds"


def write_config(folder: Path, data: dict) -> Path:
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def write_seeds_config(folder: Path, **sections) -> Path:
    """A config for the seeds copied to ``folder/corpus`` (the ``seeds_corpus``
    fixture), with the index in ``folder/idx`` and ``sections`` (``ui={...}``) added."""
    return write_config(folder, {"corpus": {"paths": ["corpus"]}, "index": {"path": "idx"}, **sections})


def console_script() -> str:
    """The installed `ceasefire-tui` next to this interpreter."""
    beside = Path(sys.executable).parent / "ceasefire-tui"
    return str(beside) if beside.exists() else shutil.which("ceasefire-tui") or "ceasefire-tui"


def write_outlet_corpus(folder: Path, articles_per_outlet: dict[str, int]) -> Path:
    """Short articles that all say "ceasefire", so many outlets' articles
    each (``""``: no outlet given); every third also says "Rafah"."""
    folder.mkdir(parents=True, exist_ok=True)
    number = 0
    for outlet, count in articles_per_outlet.items():
        for _ in range(count):
            source = f"source: {outlet}\n" if outlet else ""
            rafah = " Crossings into Rafah stayed shut." if number % 3 == 0 else ""
            (folder / f"r{number:04d}.md").write_text(
                f"---\ntitle: Report {number}\n{source}---\nThe ceasefire talks went on in Cairo.{rafah}\n",
                encoding="utf-8")
            number += 1
    return folder


# Five short reports (written for these tests) published on days given in
# the forms real files use, and one with no date.
DATED_ARTICLES = {
    "bridge": ("Council reopens the old bridge to cyclists", "Riverside Post", "2024-02-05T08:00:00Z",
               "The council reopened the old bridge to cyclists on Monday after four months of repairs."),
    "market": ("Farmers market moves to the station square", "Riverside Post", "Tue, 20 Feb 2024 10:15:00 GMT",
               "The weekly farmers market will move to the station square from March, the council said."),
    "library": ("Library extends its opening hours", "Evening Gazette", "2024-03-15",
                "The central library will open until nine on weekdays, its trustees said on Friday."),
    "tram": ("Tram line survey finds strong support", "Evening Gazette", "1 March 2024",
             "Two thirds of residents asked in a survey backed the proposed tram line to the hospital."),
    "pool": ("Swimming pool closes for a new roof", "Riverside Post", "2023-12-28",
             "The swimming pool on Mill Lane closed on Thursday for a new roof and will reopen in April."),
    "notice": ("Council publishes its spending plans", "Evening Gazette", None,
               "The council published its spending plans for the coming year, with more for road repairs."),
}


def write_dated_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (title, outlet, published, text) in DATED_ARTICLES.items():
        front = {"title": title, "source": outlet} | ({"published": published} if published else {})
        (folder / f"{name}.md").write_text(f"---\n{yaml.safe_dump(front)}---\n\n{text}\n", encoding="utf-8")
    return folder


def write_syndicated_copy(seed: Path, folder: Path, outlet: str, name: str, *, intro: str = "",
                          published: str = "2024-05-07") -> Path:
    """The article in ``seed`` republished by ``outlet`` as a site would:
    ``intro`` put before it, its last paragraph cut and a few words swapped."""
    from ceasefire_tui.index.corpus.discovery import read_articles

    article = read_articles([seed]).articles[0]
    paragraphs = [article.block_text(block) for block in article.blocks if block.kind == "paragraph"]
    kept = paragraphs[:-1] if len(paragraphs) > 2 else paragraphs
    text = "\n\n".join(([intro] if intro else []) + kept)
    for before, after in (("said", "stated"), ("talks", "negotiations"), ("leaders", "chiefs")):
        text = text.replace(f" {before} ", f" {after} ", 2)
    target = folder / f"{name}.md"
    target.write_text(f"---\ntitle: \"{article.title}\"\nsource: \"{outlet}\"\npublished: \"{published}\"\n---\n\n"
                      f"{text}\n", encoding="utf-8")
    return target
