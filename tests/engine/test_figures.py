"""Figures and dates in article prose."""

from __future__ import annotations

from pathlib import Path

import pytest

from ceasefire_tui.index.corpus.discovery import read_articles
from ceasefire_tui.index.analysis.figures import Figure, extract_figures
from ceasefire_tui.index.corpus.formats import load_file

REPO = Path(__file__).resolve().parents[2]


def article(text: str):
    return load_file(Path("x.txt"), text.encode(), "x")[0][0]


def figures(text: str) -> list[Figure]:
    return extract_figures(article(text))


def only(text: str) -> Figure:
    found = figures(text)
    assert len(found) == 1, found
    return found[0]


@pytest.fixture(scope="module")
def seeds():
    return {a.id[:3]: a for a in read_articles([REPO / "seeds"]).articles}


def by_surface(found: list[Figure]) -> dict[str, Figure]:
    return {f.surface: f for f in found}


def test_seed_000(seeds):
    found = by_surface(extract_figures(seeds["000"]))
    assert found["over 28,800 people"] == Figure(
        28800.0, "people", "count", "over 28,800 people", found["over 28,800 people"].start,
        found["over 28,800 people"].end, "over",
    )
    pause = found["135-day pause"]
    assert (pause.value, pause.unit, pause.kind, pause.qualifier) == (135.0, "day", "duration", None)
    assert (found["three phases"].value, found["three phases"].unit) == (3.0, "phase")
    assert (found["October 7"].kind, found["October 7"].value) == ("date", 7.0)


def test_seed_001_skips_adjectives_between_number_and_noun(seeds):
    hostages = by_surface(extract_figures(seeds["001"]))["over 100 Israeli hostages"]
    assert (hostages.value, hostages.unit, hostages.kind, hostages.qualifier) == (100.0, "hostage", "count", "over")


def test_seed_002(seeds):
    found = by_surface(extract_figures(seeds["002"]))
    blockade = found["17-year-old blockade"]
    assert (blockade.value, blockade.unit, blockade.kind) == (17.0, "year", "age")
    people = found["over 2 million people"]
    assert (people.value, people.unit, people.qualifier) == (2_000_000.0, "people", "over")
    months = found["Six months"]
    assert (months.value, months.unit, months.kind) == (6.0, "month", "duration")
    assert months.name == "six months"


def test_seed_003_and_004(seeds):
    found = by_surface(extract_figures(seeds["003"]))
    officials = found["Two U.S. officials"]
    assert (officials.value, officials.unit) == (2.0, "official")
    assert "Sunday" not in found  # a weekday is no figure
    found = by_surface(extract_figures(seeds["004"]))
    people = found["an estimated 1.4 million people"]
    assert (people.value, people.unit, people.qualifier) == (1_400_000.0, "people", "an estimated")
    assert people.name == "1.4 million people"
    assert "November" in found and "Saturday" not in found


def test_surfaces_are_the_text_at_their_offsets_and_sorted(seeds):
    for item in seeds.values():
        found = extract_figures(item)
        assert [f.start for f in found] == sorted(f.start for f in found)
        for figure in found:
            assert item.text[figure.start:figure.end] == figure.surface


@pytest.mark.parametrize(
    "text, value, unit, kind",
    [
        ("Donors pledged $1.2 billion in aid.", 1.2e9, "dollar", "money"),
        ("The fund needs €300 million more.", 3e8, "euro", "money"),
        ("Turnout fell to 45% this year.", 45.0, "percent", "percent"),
        ("Prices rose 12.5 percent in a month.", 12.5, "percent", "percent"),
        ("They agreed a three-day truce.", 3.0, "day", "duration"),
        ("Twenty-five trucks crossed.", 25.0, "truck", "count"),
        ("Nearly a hundred families fled.", 100.0, "family", "count"),
        ("At least 12 children were hurt.", 12.0, "child", "count"),
        ("The plan has 10 points to settle.", 10.0, "point", "count"),
        ("Some 5,000 women marched.", 5000.0, "woman", "count"),
    ],
)
def test_values_units_and_kinds(text, value, unit, kind):
    figure = only(text)
    assert (figure.value, figure.unit, figure.kind) == (value, unit, kind)


@pytest.mark.parametrize(
    "text, surface, qualifier",
    [
        ("At least 12 children were hurt.", "At least 12 children", "at least"),
        ("More than 300 trucks waited.", "More than 300 trucks", "more than"),
        ("It took about two weeks.", "about two weeks", "about"),
        ("Officials counted 40 dead.", "40", None),
    ],
)
def test_qualifiers_are_part_of_the_surface(text, surface, qualifier):
    figure = only(text)
    assert (figure.surface, figure.qualifier) == (surface, qualifier)


@pytest.mark.parametrize(
    "text, surface, value, unit",
    [
        ("The attack came on October 7, 2023.", "October 7, 2023", 7.0, "day"),
        ("It began on 7 October.", "7 October", 7.0, "day"),
        ("No pause has held since November.", "November", None, "month"),
        ("Elections are due in 2026.", "2026", 2026.0, "year"),
        ("The war began in Oct. 2023 and went on.", "Oct. 2023", 2023.0, "month"),
    ],
)
def test_dates(text, surface, value, unit):
    figure = only(text)
    assert (figure.surface, figure.value, figure.unit, figure.kind) == (surface, value, unit, "date")


@pytest.mark.parametrize(
    "text",
    [
        "No one knows what comes next.",
        "Hamas, not Israel, is the one holding up the deal.",
        "They backed a two-state solution.",
        "One of the mediators left.",
        "The F-16 flew over.",
        "Talks resumed on Saturday.",
        "One question remains unanswered.",
        "One official said the talks had stalled.",
    ],
)
def test_words_that_are_not_figures(text):
    assert figures(text) == []


def test_headings_and_captions_are_not_read():
    text = (
        "Deal Nears\n\nOver 500 Trucks Wait\n\n"
        "Aid trucks waited at the border. (Reuters / 3 trucks)\n\nFive trucks crossed."
    )
    assert [f.surface for f in figures(text)] == ["Five trucks"]


def test_to_json_has_every_field():
    data = only("Over 2 million people fled.").to_json()
    assert data == {
        "value": 2_000_000.0, "unit": "people", "kind": "count", "surface": "Over 2 million people",
        "start": 0, "end": 21, "qualifier": "over", "high": None,
    }


@pytest.mark.parametrize(
    "text, surface, low, high, unit, qualifier",
    [
        ("The militia holds 35 to 40 foreign hostages.", "35 to 40 foreign hostages", 35.0, 40.0, "hostage", None),
        ("Between 10 and 15 miners were trapped.", "Between 10 and 15 miners", 10.0, 15.0, "miner", "between"),
        ("Rescuers freed 10-12 miners overnight.", "10-12 miners", 10.0, 12.0, "miner", None),
        ("The search lasted 2–3 days.", "2–3 days", 2.0, 3.0, "day", None),
        ("Some 20 to 30 lorries crossed.", "Some 20 to 30 lorries", 20.0, 30.0, "lorry", "some"),
    ],
)
def test_a_range_is_one_figure(text, surface, low, high, unit, qualifier):
    figure = only(text)
    assert (figure.surface, figure.value, figure.high, figure.unit, figure.qualifier) == (
        surface, low, high, unit, qualifier)


def test_two_figures_joined_by_and_without_between_stay_two():
    assert [f.surface for f in figures("Police arrested 12 men and 3 women.")] == ["12 men", "3 women"]


def test_a_date_with_hyphens_is_no_range():
    assert all(f.high is None for f in figures("The decree dated 2024-05-07 named 4 ministers."))


@pytest.mark.parametrize(
    "text, surface, value, qualifier",
    [
        ("Men over the age of 60 were allowed to leave.", "over the age of 60", 60.0, "over"),
        ("Children under the age of 5 were vaccinated.", "under the age of 5", 5.0, "under"),
        ("A 45-year-old nurse was among the dead.", "45-year-old nurse", 45.0, None),
        ("The driver, aged 19, survived.", "aged 19", 19.0, None),
        ("The farmer was 71 years old.", "71 years old", 71.0, None),
    ],
)
def test_an_age_is_not_a_count(text, surface, value, qualifier):
    figure = only(text)
    assert (figure.surface, figure.value, figure.kind, figure.qualifier) == (surface, value, "age", qualifier)
