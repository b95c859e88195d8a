"""Entities of an article: who, which organisations, places and groups it
names, with every mention's offsets, plus its figures and dates.

Two backends find name spans: ``rules`` (gazetteer and patterns; no model,
deterministic, fast) and ``spacy`` (a spaCy pipeline, loaded only when asked
for). Both feed the same normalisation and linking (entity_linking), so
"Prime Minister Netanyahu", "Netanyahu's" and "Benjamin Netanyahu" are one
entry whichever backend found them. Figures and dates always come from
figures.py, so both backends list the same ones.

:func:`link_across` then works on a whole corpus (corpus_linking): one
real-world entity, one name and type, in every article.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from ..model import NOT_ARTICLE_KINDS, Article, Block, Entity, Figure, Mention
from ..text import Span
from . import entity_rules
from .corpus_linking import NAME_TYPES, KeyCount, corpus_renames
from .entity_linking import link_in_article
from .figures import extract_figures
from .lexicon import lexicon, lookup_key

BACKENDS = ("rules", "spacy", "auto")
__all__ = ["BACKENDS", "NAME_TYPES", "apply_renames", "available_backend", "canonical_name", "extract_entities",
           "link_across"]


def available_backend(requested: str, model: str) -> str:
    """What ``requested`` resolves to here: "spacy" only when spaCy imports
    and ``model`` loads, otherwise "rules"."""
    if requested not in BACKENDS:
        raise ValueError(f"unknown entity backend {requested!r} (choose from {', '.join(BACKENDS)})")
    if requested == "rules":
        return "rules"
    from . import entity_spacy  # spaCy itself is imported only inside

    return "spacy" if entity_spacy.is_available(model) else "rules"


def extract_entities(
    article: Article,
    *,
    aliases: dict[str, tuple[str, ...]] | None = None,
    ignore: tuple[str, ...] = (),
    backend: str = "rules",
    model: str = "en_core_web_sm",
    figures: list[Figure] | None = None,
) -> list[Entity]:
    """Entities of one article, sorted by (type, -count, name). Deterministic
    for a given backend and model. "spacy" and "auto" use the rules when spaCy
    or the model is missing; :func:`available_backend` tells which ran.
    ``figures``: the article's :func:`extract_figures`, when the caller has
    them already."""
    lex = lexicon(_frozen_aliases(aliases))
    analysed, shift = _with_headline(_article_text_only(article))
    if available_backend(backend, model) == "spacy":
        from . import entity_spacy

        candidates = entity_spacy.detect(analysed, model, lex)
    else:
        candidates = entity_rules.detect(analysed, lex)
    entities = [
        _entity(article.text, linked.name, linked.type, linked.spans, article.title, shift)
        for linked in link_in_article(analysed.text, candidates, lex, ignore)
    ]
    if figures is None:
        figures = extract_figures(article)
    entities += _figure_entities(article.text, figures, {name.casefold() for name in ignore})
    return _sorted(entities)


def canonical_name(name: str, aliases: dict[str, tuple[str, ...]] | None = None) -> str:
    """The canonical name a spelling stands for, in any letter case
    ("central intelligence agency" -> "CIA"); unknown spellings unchanged."""
    lex = lexicon(_frozen_aliases(aliases))
    return lex.folded.get(lookup_key(name).casefold()) or lex.canonical_of(name)


def _with_headline(article: Article) -> tuple[Article, int]:
    """The article with its title put before the text as a heading, so that
    the headline's names are found and linked with the body's, and how far
    that moved the text (0 when the title is already the text's start, or
    was only inferred from it)."""
    title = article.title
    if not title.strip() or article.title_inferred or article.text.startswith(title):
        return article, 0
    shift = len(title) + 2
    blocks = (Block("heading", 0, len(title)),) + tuple(
        Block(block.kind, block.start + shift, block.end + shift) for block in article.blocks)
    sentences = tuple(Span(span.start + shift, span.end + shift) for span in article.sentences)
    return replace(article, text=f"{title}\n\n{article.text}", blocks=blocks, sentences=sentences), shift


def _article_text_only(article: Article) -> Article:
    """The article without its captions, credits, bylines and datelines
    (headings stay): the photographer, the agency and the dateline's city
    are not what the article names."""
    blocks = tuple(block for block in article.blocks if block.kind not in NOT_ARTICLE_KINDS)
    return article if len(blocks) == len(article.blocks) else replace(article, blocks=blocks)


def _frozen_aliases(aliases: dict[str, tuple[str, ...]] | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(sorted((name, tuple(variants)) for name, variants in (aliases or {}).items()))


def _entity(text: str, name: str, kind: str, spans: list[tuple[int, int]], title: str = "",
            shift: int = 0) -> Entity:
    """``spans`` are in the text with the headline before it (``shift``
    characters, the headline's own offsets in ``title`` below that)."""
    spans = sorted(set(spans))
    headline = [Mention(start, end, title[start:end]) for start, end in spans if end <= shift]
    mentions = [Mention(start - shift, end - shift, text[start - shift:end - shift])
                for start, end in spans if start >= shift]
    aliases = sorted({m.surface for m in mentions + headline})
    return Entity(name, kind, len(mentions) + len(headline), aliases, mentions, headline)


def _figure_entities(text: str, figures: list[Figure], ignore: set[str]) -> list[Entity]:
    spans: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for figure in figures:
        if figure.name.casefold() not in ignore:
            kind = "DATE" if figure.kind == "date" else "FIGURE"
            spans[(figure.name, kind)].append((figure.start, figure.end))
    return [_entity(text, name, kind, found) for (name, kind), found in spans.items()]


def _sorted(entities: list[Entity]) -> list[Entity]:
    return sorted(entities, key=lambda e: (e.type, -e.count, e.name))


def link_across(per_article: dict[str, list[Entity]]) -> dict[str, list[Entity]]:
    """Corpus-level linking (corpus_linking.corpus_renames) of these
    articles' entities, worked out from their names, types and counts."""
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for entities in per_article.values():
        for entity in entities:
            counts[(entity.name, entity.type)][0] += 1
            counts[(entity.name, entity.type)][1] += entity.count
    renames = corpus_renames(KeyCount(name, kind, *found) for (name, kind), found in counts.items())
    return {article_id: apply_renames(entities, renames) for article_id, entities in per_article.items()}


def apply_renames(entities: list[Entity], renames: dict[tuple[str, str], tuple[str, str]]) -> list[Entity]:
    """One article's entities under the corpus renames, merged where two become one."""
    renamed = [_renamed(e, *renames.get((e.name, e.type), (e.name, e.type))) for e in entities]
    return _sorted(_merged(renamed))


def _renamed(entity: Entity, name: str, kind: str) -> Entity:
    if (name, kind) == (entity.name, entity.type):
        return entity  # most are not renamed; no entity is changed in place, so it is shared as it is
    return Entity(name, kind, entity.count, list(entity.aliases), list(entity.mentions), list(entity.headline))


def _merged(entities: list[Entity]) -> list[Entity]:
    """One entity per (name, type), mentions and aliases combined."""
    by_key: dict[tuple[str, str], Entity] = {}
    for entity in entities:
        key = (entity.name, entity.type)
        if key not in by_key:
            by_key[key] = entity
            continue
        kept = by_key[key]
        mentions = sorted(set(kept.mentions) | set(entity.mentions), key=lambda m: (m.start, m.end))
        headline = sorted(set(kept.headline) | set(entity.headline), key=lambda m: (m.start, m.end))
        aliases = sorted(set(kept.aliases) | set(entity.aliases))
        by_key[key] = Entity(kept.name, kept.type, len(mentions) + len(headline), aliases, mentions, headline)
    return list(by_key.values())

