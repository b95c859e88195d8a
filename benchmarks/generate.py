"""Generate a synthetic news corpus for the benchmarks.

Each article recombines sentences of the bundled seed articles with sentences
written from templates, filled from a vocabulary of invented people, places,
organisations, outlets and figures that grows with the corpus (article ``i``
draws from pools of about ``i ** 0.7`` names), so a 50,000-article index has
a lexicon and an entity table of a realistic size rather than the seeds'
few hundred words. Articles average about 500 words.

Everything is a function of ``(seed, article number)``: the first 10,000
articles of a 50,000-article corpus are the 10,000-article corpus, and two
runs write the same bytes. Files are what the normal loader reads: ``.txt``
with a title line, an outlet line and paragraphs (about 85%), and ``.md``
with YAML front matter (title, source, published, url), in folders of 1,000.

    python benchmarks/generate.py OUT_DIR --articles 10000 [--seed 7]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DEFAULT_SEED = 7
PER_FOLDER = 1000

# --- invented names -----------------------------------------------------------

_ONSETS = ["b", "d", "f", "g", "h", "j", "k", "l", "m", "n", "r", "s", "t", "v", "z", "sh", "kh", "br", "dr",
           "tr", "gh", "q", "y", "w", "th"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ou", "ei", "aa", "ia"]
_CODAS = ["", "", "", "n", "r", "l", "m", "s", "d", "k", "t", "sh", "z", "h"]
_PLACE_ENDINGS = ["abad", "iya", "ville", "stan", "kot", "grad", "port", "dun", "ara", "oun", "mar"]
_PLACE_KINDS = ["", "", "", "", " Province", " District", " Valley", " Crossing", " Camp", " City"]
_ORG_KINDS = ["Council", "Ministry of Interior", "Relief Agency", "Brigades", "Party", "Foundation",
              "Institute", "Commission", "Front", "Movement", "Coalition", "Press Agency", "Red Crescent",
              "Union", "Authority"]
_PERSON_TITLES = ["Minister", "Foreign Minister", "Defence Minister", "General", "Ambassador", "Prime Minister",
                  "President", "Colonel", "Dr.", "Mr.", "Ms.", "spokesperson", "envoy", "mediator", "negotiator",
                  "commander", "official"]
_OUTLET_SHAPES = ["The {} Times", "{} News", "The {} Post", "{} Herald", "{} Daily", "{} Tribune",
                  "{} Observer", "{} Wire", "{} Monitor", "{}.com", "{} Radio", "The {} Chronicle"]
_SEED_OUTLETS = ["ICARO Media Group", "cnbc.com", "Reuters", "Associated Press", "Al Jazeera", "BBC News",
                 "The Guardian", "Times of Israel", "Haaretz", "Middle East Eye"]


def _word(rng: random.Random, syllables: int) -> str:
    parts = [rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables)]
    return "".join(parts).capitalize()


@lru_cache(maxsize=None)
def person(k: int) -> str:
    rng = random.Random(f"person:{k}")
    first = _word(rng, rng.choice((1, 2, 2)))
    last = _word(rng, rng.choice((2, 2, 3)))
    if rng.random() < 0.12:
        last = rng.choice(("Al-", "Abu ", "Ben-", "El-")) + last
    return f"{first} {last}"


@lru_cache(maxsize=None)
def place(k: int) -> str:
    rng = random.Random(f"place:{k}")
    stem = _word(rng, rng.choice((1, 2)))
    return stem + rng.choice(_PLACE_ENDINGS) + rng.choice(_PLACE_KINDS)


@lru_cache(maxsize=None)
def organisation(k: int) -> str:
    rng = random.Random(f"org:{k}")
    return f"{_word(rng, rng.choice((2, 3)))} {rng.choice(_ORG_KINDS)}"


@lru_cache(maxsize=None)
def outlet(k: int) -> str:
    if k < len(_SEED_OUTLETS):
        return _SEED_OUTLETS[k]
    rng = random.Random(f"outlet:{k}")
    return rng.choice(_OUTLET_SHAPES).format(_word(rng, 2))


# --- the seed sentences ------------------------------------------------------------

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


@lru_cache(maxsize=1)
def seed_material() -> tuple[list[str], list[str]]:
    """(prose sentences, titles) of the bundled seed articles."""
    sys.path.insert(0, str(ROOT))
    from index.corpus.discovery import read_articles  # the engine's own splitter: "Mr. Abu Marzouk" stays whole

    loaded = read_articles([SEEDS])
    sentences = [s for article in loaded.articles for s in article.sentence_texts() if len(s.split()) >= 6]
    titles = [article.title for article in loaded.articles if not article.title_inferred]
    return sentences, titles


def _perturb_numbers(sentence: str, rng: random.Random) -> str:
    """Seed figures changed now and then, as outlets report different counts."""
    def replace(match: re.Match[str]) -> str:
        if rng.random() > 0.35:
            return match.group()
        digits = match.group().replace(",", "")
        if "." in digits:
            return f"{rng.uniform(0.5, 9.9):.1f}"
        value = max(1, int(int(digits) * rng.uniform(0.7, 1.4)))
        return f"{value:,}" if value >= 10000 else str(value)

    return _NUMBER.sub(replace, sentence)


# --- templates ---------------------------------------------------------------------

_TEMPLATES = [
    "{title} {person} said on {day} that talks in {city} had made {progress} progress on a {days}-day pause.",
    "According to the {org}, at least {count} people were killed in {place} over the past {days} days.",
    "{person}, a senior {org} official, told {outlet} that the proposal \"{quote}\".",
    "Delegations from {place} and {place2} met in {city} on {day}, {person} said.",
    "The {org} said {count} trucks of aid had crossed into {place} since {month}.",
    "{title} {person} warned that an assault on {place} would {consequence}.",
    "\"{quote_cap},\" {person} told reporters in {city}.",
    "In {place}, residents described {hardship}, according to the {org}.",
    "The plan, drafted by the {org}, would see {count} hostages released in exchange for {count2} prisoners.",
    "{person} of the {org} urged mediators in {city} to {demand}.",
    "Officials in {place} said the {org} had not responded to the latest offer by {day}.",
    "More than {big} people have been displaced from {place}, the {org} estimated.",
    "{title} {person} met {person2} in {city} to discuss {topic}.",
    "A {days}-day truce proposed by {place} was rejected by the {org} on {day}.",
    "Analysts at the {org} said the talks in {city} hinged on {topic}.",
    "{person} said the {org} would {demand} if the fighting in {place} did not stop.",
    "The {org} reported {count} strikes near {place} on {day}, a figure {person} disputed.",
    "Talks between {person} and {person2} ended without agreement on {topic}, {outlet} reported.",
    "Around {pct} percent of the buildings in {place} have been damaged, the {org} said.",
    "Fuel shortages forced {count} hospitals in {place} to close, {title} {person} said.",
]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTHS = ["January", "February", "March", "April", "May", "June"]
_PROGRESS = ["little", "some", "significant", "no real", "limited", "steady"]
_CONSEQUENCES = ["cost thousands of lives", "end the negotiations", "deepen the humanitarian crisis",
                 "push the region toward a wider war", "make a ceasefire impossible"]
_HARDSHIPS = ["long queues for bread", "nights without electricity", "shortages of clean water",
              "overcrowded shelters", "hospitals running out of fuel"]
_DEMANDS = ["accept a phased ceasefire", "open more crossings for aid", "release the remaining hostages",
            "withdraw forces from the border", "guarantee the return of displaced families"]
_TOPICS = ["the exchange of hostages and prisoners", "a permanent ceasefire", "the reopening of crossings",
           "the withdrawal of troops", "reconstruction funding", "the return of displaced civilians"]
_QUOTES = ["falls short of our demands", "offers a real chance for calm", "was not very promising",
           "must include guarantees", "is the best deal on the table", "ignores the humanitarian reality"]
_CITIES = ["Cairo", "Doha", "Paris", "Amman", "Riyadh", "Geneva", "Washington"]


class _Vocabulary:
    """Names an article may use: a recurring head and a tail that grows with the corpus."""

    def __init__(self, rng: random.Random, number: int) -> None:
        self.rng = rng
        self.size = 40 + int(2.0 * (number + 1) ** 0.7)

    def pick(self, make) -> str:
        rng = self.rng
        if rng.random() < 0.45:
            k = int(40 * rng.random() ** 2)  # the story's main cast
        else:
            k = int(self.size * rng.random())
        return make(k)


def _fill(template: str, rng: random.Random, vocabulary: _Vocabulary, cast: dict[str, list[str]]) -> str:
    def name(kind: str, make) -> str:
        # An article keeps returning to its own few names.
        own = cast.setdefault(kind, [])
        if own and rng.random() < 0.6:
            return rng.choice(own)
        chosen = vocabulary.pick(make)
        own.append(chosen)
        return chosen

    quote = rng.choice(_QUOTES)
    values = {
        "title": rng.choice(_PERSON_TITLES).capitalize() if rng.random() < 0.5 else rng.choice(_PERSON_TITLES[:8]),
        "person": name("person", person), "person2": vocabulary.pick(person),
        "place": name("place", place), "place2": vocabulary.pick(place),
        "org": name("org", organisation), "outlet": outlet(int(40 * rng.random() ** 2)),
        "city": rng.choice(_CITIES), "day": rng.choice(_DAYS), "month": rng.choice(_MONTHS),
        "days": rng.choice((3, 5, 7, 10, 14, 30, 42, 45, 90, 135)), "count": rng.randint(2, 900),
        "count2": rng.randint(10, 3000), "big": f"{rng.randint(10, 1900) * 1000:,}", "pct": rng.randint(20, 80),
        "progress": rng.choice(_PROGRESS), "consequence": rng.choice(_CONSEQUENCES),
        "hardship": rng.choice(_HARDSHIPS), "demand": rng.choice(_DEMANDS), "topic": rng.choice(_TOPICS),
        "quote": quote, "quote_cap": quote[:1].upper() + quote[1:],
    }
    return template.format(**values)


def article(number: int, seed: int = DEFAULT_SEED) -> tuple[str, str]:
    """(file name, file text) of article ``number``."""
    sentences, titles = seed_material()
    rng = random.Random(f"{seed}:{number}")
    vocabulary = _Vocabulary(rng, number)
    cast: dict[str, list[str]] = {}
    target = rng.randint(380, 640)
    words = 0
    paragraphs: list[str] = []
    paragraph: list[str] = []
    while words < target:
        if rng.random() < 0.55:
            sentence = _perturb_numbers(rng.choice(sentences), rng)
        else:
            sentence = _fill(rng.choice(_TEMPLATES), rng, vocabulary, cast)
        paragraph.append(sentence)
        words += len(sentence.split())
        if len(paragraph) >= rng.randint(2, 5):
            paragraphs.append(" ".join(paragraph))
            paragraph = []
    if paragraph:
        paragraphs.append(" ".join(paragraph))
    lead = cast.get("place", [None])[0] or vocabulary.pick(place)
    who = cast.get("person", [None])[0] or vocabulary.pick(person)
    title = rng.choice([
        f"{rng.choice(titles)}",
        f"Ceasefire Talks in {rng.choice(_CITIES)} Stall Over {lead}",
        f"{who} Says Hostage Deal Is Close",
        f"Aid Reaches {lead} as Truce Talks Resume",
        f"Fighting Near {lead} Clouds Ceasefire Hopes",
    ]).replace(":", " -")  # a colon under the title would stop the outlet line being read
    source = outlet(int(60 * rng.random() ** 1.5) if rng.random() < 0.8 else rng.randint(0, 400))
    published = f"2024-{rng.randint(2, 5):02d}-{rng.randint(1, 28):02d}"
    digest = hashlib.sha1(f"{seed}:{number}".encode()).hexdigest()[:16]
    folder = f"{number // PER_FOLDER:03d}"
    if rng.random() < 0.15:
        heading = f"## What {who} said" if len(paragraphs) > 3 else None
        body = paragraphs[:2] + ([heading] if heading else []) + paragraphs[2:]
        text = (
            "---\n"
            f"title: \"{title}\"\n"
            f"source: \"{source}\"\n"
            f"published: \"{published}\"\n"
            f"url: https://example.org/{digest}\n"
            "---\n\n" + "\n\n".join(body) + "\n"
        )
        return f"{folder}/{number:06d}_{digest}.md", text
    if len(paragraphs) > 4 and rng.random() < 0.3:
        paragraphs.insert(3, f"Reaction in {lead}")
    return f"{folder}/{number:06d}_{digest}.txt", f"{title}\n{source}\n\n" + "\n\n".join(paragraphs) + "\n"


def generate(out: Path, articles: int, seed: int = DEFAULT_SEED) -> int:
    """Write ``articles`` articles under ``out``; returns the total word count."""
    words = 0
    for number in range(articles):
        name, text = article(number, seed)
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write into (created)")
    parser.add_argument("--articles", type=int, default=1000, metavar="N")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    words = generate(args.out, args.articles, args.seed)
    print(f"wrote {args.articles} articles ({words / max(args.articles, 1):.0f} words on average) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
