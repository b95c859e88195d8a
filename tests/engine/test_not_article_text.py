"""Credits, captions, bylines and datelines are shown but name no one: no
entity comes from them; headings are read for names."""

from __future__ import annotations

from pathlib import Path

import pytest

from ceasefire_tui.index.analysis.entities import available_backend, extract_entities
from ceasefire_tui.index.corpus.formats import load_file

WIRE = """Flood defences fail in northern town

By Dana Kessler and Omar Said, Reuters

Published: 17 February 2024, 10:30 GMT

ANKARA, Feb 17 (Reuters) - Floodwaters breached the defences of Kastamonu on Saturday, the regional governor Mehmet Yilmaz said.

Rescuers search a flooded street in Kastamonu on Feb. 17, 2024. REUTERS/Karim Nasser

Selin Kaya—Anadolu Agency/Getty Images

Erdem Aksoy, a shopkeeper, said the water rose within an hour. — AFP
"""


def load(text: str, backend: str = "rules"):
    (article,), _ = load_file(Path("wire.txt"), text.encode(), "wire")
    return article, {entity.name for entity in extract_entities(article, backend=backend)}


@pytest.mark.parametrize("backend", ["rules", "spacy"])
def test_credits_bylines_captions_and_datelines_name_no_one(backend):
    if available_backend(backend, "en_core_web_sm") != backend:
        pytest.skip("spaCy or its model is not installed")
    article, names = load(WIRE, backend)
    for credited in ("Dana Kessler", "Omar Said", "Karim Nasser", "Selin Kaya", "Anadolu Agency", "Getty Images",
                     "Reuters", "AFP", "ANKARA", "Ankara"):
        assert not any(credited in name for name in names), (credited, names)
    assert {"Kastamonu", "Mehmet Yilmaz", "Erdem Aksoy"} <= names
    assert article.published == "17 February 2024, 10:30 GMT"


def test_every_mention_lies_in_the_article_s_own_text():
    article, _ = load(WIRE)
    own = [b for b in article.blocks if b.kind in ("paragraph", "bullet", "heading")]
    for entity in extract_entities(article):
        for mention in entity.mentions:
            assert any(b.start <= mention.start and mention.end <= b.end for b in own), entity.name


def test_a_name_only_a_heading_gives_is_an_entity():
    text = "Flood defences fail\n\nWhy Turkey keeps flooding\n\nWater rose in the town on Saturday."
    _, names = load(text)
    assert "Turkey" in names
