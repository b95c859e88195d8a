"""Entities of an article: who, which organisations, places and groups it
names, with every mention's offsets, plus its figures and dates.

Two backends find name spans: ``rules`` (gazetteer and patterns; no model,
deterministic, fast) and ``spacy`` (a spaCy pipeline, loaded only when asked
for). Both feed the same normalisation and linking (entity_linking), so
"Prime Minister Netanyahu", "Netanyahu's" and "Benjamin Netanyahu" are one
entry whichever backend found them. Figures and dates always come from
figures.py, so both backends list the same ones.

:func:`link_across` then works on a whole corpus: a bare surname takes the one
full name the corpus gives it, and a name typed differently in one article
takes the type most articles give it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace

from . import entity_rules
from ..model import NOT_ARTICLE_KINDS, Article, Entity, Figure, Mention
from .entity_linking import lexicon, link_in_article, surname_index
from .figures import extract_figures

BACKENDS = ("rules", "spacy", "auto")
NAME_TYPES = ("PERSON", "ORG", "GPE", "NORP")


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
    analysed = _article_text_only(article)
    if available_backend(backend, model) == "spacy":
        from . import entity_spacy

        candidates = entity_spacy.detect(analysed, model, lex)
    else:
        candidates = entity_rules.detect(analysed, lex)
    entities = [
        _entity(article.text, linked.name, linked.type, linked.spans)
        for linked in link_in_article(article.text, candidates, lex, ignore)
    ]
    if figures is None:
        figures = extract_figures(article)
    entities += _figure_entities(article.text, figures, {name.casefold() for name in ignore})
    return _sorted(entities)


def _article_text_only(article: Article) -> Article:
    """The article without its captions, credits, bylines and datelines
    (headings stay): the photographer, the agency and the dateline's city
    are not what the article names."""
    blocks = tuple(block for block in article.blocks if block.kind not in NOT_ARTICLE_KINDS)
    return article if len(blocks) == len(article.blocks) else replace(article, blocks=blocks)


def _frozen_aliases(aliases: dict[str, tuple[str, ...]] | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(sorted((name, tuple(variants)) for name, variants in (aliases or {}).items()))


def _entity(text: str, name: str, kind: str, spans: list[tuple[int, int]]) -> Entity:
    mentions = [Mention(start, end, text[start:end]) for start, end in sorted(set(spans))]
    aliases = sorted({m.surface for m in mentions})
    return Entity(name, kind, len(mentions), aliases, mentions)


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
    """Corpus-level linking on names only: the type most articles give a name
    wins everywhere; then a bare surname ("Burns") takes the one full person
    name in the corpus that ends with it ("William Burns")."""
    renames = corpus_renames(
        {article_id: [(e.name, e.type, e.count) for e in entities] for article_id, entities in per_article.items()}
    )
    return {article_id: apply_renames(entities, renames) for article_id, entities in per_article.items()}


def corpus_renames(summaries: dict[str, list[tuple[str, str, int]]]) -> dict[tuple[str, str], tuple[str, str]]:
    """How :func:`link_across` renames each ``(name, type)``, worked out from
    per-article ``(name, type, count)`` summaries alone (no mentions needed)."""
    types = _voted_types(summaries)
    full_names = {
        name for entries in summaries.values() for name, kind, _ in entries
        if types.get(name, kind) == "PERSON" and " " in name
    }
    surnames = surname_index(full_names)
    renames = {}
    for entries in summaries.values():
        for name, kind, _ in entries:
            new_kind = types.get(name, kind)
            matches = surnames.get(name, set()) if new_kind == "PERSON" else set()
            new_name = next(iter(matches)) if len(matches) == 1 else name
            if (new_name, new_kind) != (name, kind):
                renames[(name, kind)] = (new_name, new_kind)
    return renames


def apply_renames(entities: list[Entity], renames: dict[tuple[str, str], tuple[str, str]]) -> list[Entity]:
    """One article's entities under the corpus renames, merged where two become one."""
    renamed = [_renamed(e, *renames.get((e.name, e.type), (e.name, e.type))) for e in entities]
    return _sorted(_merged(renamed))


def _voted_types(summaries: dict[str, list[tuple[str, str, int]]]) -> dict[str, str]:
    """Per name, the type given by most articles (ties: most mentions)."""
    articles: dict[str, Counter] = defaultdict(Counter)
    mentions: dict[str, Counter] = defaultdict(Counter)
    for entries in summaries.values():
        for name, kind, count in entries:
            if kind in NAME_TYPES:
                articles[name][kind] += 1
                mentions[name][kind] += count
    return {
        name: max(sorted(votes), key=lambda kind: (votes[kind], mentions[name][kind]))
        for name, votes in articles.items()
        if len(votes) > 1
    }


def _renamed(entity: Entity, name: str, kind: str) -> Entity:
    return Entity(name, kind, entity.count, list(entity.aliases), list(entity.mentions))


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
        aliases = sorted(set(kept.aliases) | set(entity.aliases))
        by_key[key] = Entity(kept.name, kept.type, len(mentions), aliases, mentions)
    return list(by_key.values())

