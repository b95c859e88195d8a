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

With ``--copies-fraction F``, about that share of the articles are
syndicated copies of a recent article (one of the 50 before it): the same
wire story republished under another outlet's name, lightly edited as sites
do — an intro added, paragraphs cut, words swapped for synonyms, the title
sometimes changed, published a day or two later. Originals are the same
bytes as without the option; :func:`copy_of` is the ground truth the
syndication benchmark measures recall against.

    python benchmarks/generate.py OUT_DIR --articles 10000 [--seed 7] [--copies-fraction 0.1]
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
    from ceasefire_tui.index.corpus.discovery import read_articles  # the engine's own splitter: "Mr. Abu Marzouk" stays whole

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


def article(number: int, seed: int = DEFAULT_SEED, copies_fraction: float = 0.0) -> tuple[str, str]:
    """(file name, file text) of article ``number``: an original, or a
    syndicated copy of an earlier one (see :func:`copy_of`)."""
    origin = copy_of(number, seed, copies_fraction)
    if origin is not None:
        return syndicated_copy(number, seed, origin)
    return original(number, seed)


def original(number: int, seed: int = DEFAULT_SEED) -> tuple[str, str]:
    """(file name, file text) of original article ``number``."""
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


# --- syndicated copies --------------------------------------------------------------

# Words a copy editor swaps (each occurrence, half the time).
_SWAPS = {
    "said": "stated", "says": "states", "told": "informed", "talks": "negotiations", "ceasefire": "truce",
    "truce": "ceasefire", "officials": "authorities", "killed": "slain", "began": "started", "proposal": "offer",
    "offer": "proposal", "agreement": "deal", "deal": "agreement", "warned": "cautioned", "announced": "declared",
    "residents": "inhabitants", "attack": "assault", "assault": "attack", "aid": "assistance", "met": "held talks with",
    "rejected": "turned down", "released": "freed", "hospitals": "medical centres", "senior": "high-ranking",
    "reported": "said", "latest": "most recent", "fighting": "combat", "plan": "proposal", "would": "will",
}
_WORDS = re.compile(r"[A-Za-z]+")


def copy_of(number: int, seed: int = DEFAULT_SEED, fraction: float = 0.0) -> int | None:
    """The original article that article ``number`` republishes, or None
    when it is an original. Copies are of recent articles (a wire story is
    picked up within days), and always of an original: a copy of a copy is
    of the story the first one copied."""
    if fraction <= 0 or number == 0:
        return None
    rng = random.Random(f"{seed}:{number}:copy")
    if rng.random() >= fraction:
        return None
    origin = rng.randint(max(0, number - 50), number - 1)
    root = copy_of(origin, seed, fraction)
    return origin if root is None else root


def _parsed(name: str, text: str) -> tuple[str, str, str | None, list[str]]:
    """(title, outlet, published, paragraphs) of a file :func:`original` wrote."""
    if name.endswith(".md"):
        front, body = text.split("\n---\n", 1)
        fields = dict(line.split(": ", 1) for line in front.splitlines()[1:])
        paragraphs = [p for p in body.strip().split("\n\n") if not p.startswith("## ")]
        return (fields["title"].strip('"'), fields["source"].strip('"'), fields["published"].strip('"'),
                paragraphs)
    title, source, body = text.split("\n", 2)
    return title, source, None, body.strip().split("\n\n")


def syndicated_copy(number: int, seed: int, origin: int) -> tuple[str, str]:
    """(file name, file text) of article ``number``: article ``origin``
    republished by another outlet, lightly edited."""
    name, text = original(origin, seed)
    title, source, published, paragraphs = _parsed(name, text)
    rng = random.Random(f"{seed}:{number}:edit")
    outlet_name = source
    while outlet_name == source:
        outlet_name = outlet(rng.randint(0, 400))
    kept = [paragraphs[0]] + [p for p in paragraphs[1:] if rng.random() >= 0.25]
    if len(kept) > 3 and rng.random() < 0.5:
        kept.pop()  # the end cut to fit
    edited = [_WORDS.sub(lambda m: _swapped(m.group(), rng), p) for p in kept]
    if rng.random() < 0.6:  # the site's own intro
        vocabulary = _Vocabulary(rng, number)
        edited.insert(0, " ".join(_fill(rng.choice(_TEMPLATES), rng, vocabulary, {}) for _ in range(rng.randint(1, 2))))
    if rng.random() < 0.4:
        title = rng.choice(["{} - report", "UPDATE 1-{}", "{} as talks go on"]).format(title)
    digest = hashlib.sha1(f"{seed}:{number}:copy".encode()).hexdigest()[:16]
    folder = f"{number // PER_FOLDER:03d}"
    body = "\n\n".join(edited)
    if published is not None:
        year, month, day = published.split("-")
        published = f"{year}-{month}-{min(28, int(day) + rng.randint(0, 2)):02d}"
        front = (f"---\ntitle: \"{title}\"\nsource: \"{outlet_name}\"\npublished: \"{published}\"\n"
                 f"url: https://example.org/{digest}\n---\n\n")
        return f"{folder}/{number:06d}_{digest}.md", f"{front}{body}\n"
    return f"{folder}/{number:06d}_{digest}.txt", f"{title}\n{outlet_name}\n\n{body}\n"


def _swapped(word: str, rng: random.Random) -> str:
    swap = _SWAPS.get(word.lower())
    if swap is None or rng.random() < 0.5:
        return word
    return swap.capitalize() if word[0].isupper() else swap


def generate(out: Path, articles: int, seed: int = DEFAULT_SEED, copies_fraction: float = 0.0) -> int:
    """Write ``articles`` articles under ``out`` (``copies_fraction`` of them
    syndicated copies); returns the total word count."""
    words = 0
    for number in range(articles):
        name, text = article(number, seed, copies_fraction)
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
    parser.add_argument("--copies-fraction", type=float, default=0.0, metavar="F",
                        help="share of the articles that are syndicated copies of an earlier one (0 to 0.9)")
    args = parser.parse_args(argv)
    if not 0 <= args.copies_fraction <= 0.9:
        parser.error("--copies-fraction must be from 0 to 0.9")
    words = generate(args.out, args.articles, args.seed, args.copies_fraction)
    print(f"wrote {args.articles} articles ({words / max(args.articles, 1):.0f} words on average) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
