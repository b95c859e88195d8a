"""Words as comparable terms, and how much sharing a term says.

A sentence becomes a set of terms: its content words, lower-cased and
stemmed (Porter, from Whoosh), so "negotiations" and "negotiating" meet.
Words that news uses for one thing ("invasion", "offensive", "military
operation"; "ceasefire", "truce", "pause in the fighting"; "hostages",
"captives") become one concept term from a small curated lexicon
(``data/news_synonyms.json``, see :class:`Lexicon`), so a paraphrase shares
evidence with what it rewords. Each term weighs its inverse document
frequency, so sharing "Burns" says more than sharing "ceasefire" in a corpus
about a ceasefire, and story-generic words of news prose ("situation",
"crucial", "growing") weigh less still; sentences are compared by the
cosine of their weighted term sets.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Mapping

from ..search.whoosh.language import stem as porter_stem

from ..text import fold_punctuation

# Function words carry no fact, and neither do reporting verbs: they describe
# the telling, not what is told ("X stated A" and "Y stated B" share no
# fact). Negations ("not", "no", "never") are kept on purpose: "not very
# promising" and "promising" report opposite things.
STOPWORDS = frozenset(
    """
    a an the and or but nor so yet if then than that this these those there here
    of to in on at by for from with without into onto over under about above below
    between among through during before after since until upon within across
    against toward towards via per as is are was were be been being am do does did
    doing done has have had having will would shall should can could may might must
    it its it's he him his she her hers they them their theirs we us our ours you
    your yours i me my mine who whom whose which what when where why how
    all any both each either neither few more most other some such own same
    also however meanwhile moreover further furthermore thus hence therefore still
    while whilst although though because whether just only even very too again
    s t mr mrs ms
    say says said saying tell tells told telling state states stated stating
    add adds added adding report reports reported reporting describe describes
    described describing express expresses expressed expressing according
    """.split()
)

# News reuses its vocabulary, so stemming each distinct word once pays.
stem = lru_cache(maxsize=65536)(porter_stem)

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*|\d+(?:[.,]\d+)*")
# Punctuation that ends a clause: a phrase never reaches across it.
_CLAUSE_BREAK = re.compile(r"[,;:.!?()\"\u2014]| - ")
_LEXICON_PATH = Path(__file__).resolve().parent / "data" / "news_synonyms.json"
# A "..." in a phrase skips at most this many lower-case words; capitalised
# words ("halt Israel's offensive") are skipped freely, as names qualify
# the words around them rather than change what they mean.
PHRASE_GAP = 3
CONCEPT_PREFIX = "~"


@dataclass(frozen=True, slots=True)
class Token:
    """A content word: its stem, where it stands in the text it came from,
    and the term it counts as (its concept when the lexicon has one, else
    its stem)."""

    stem: str
    start: int
    end: int
    term: str


@dataclass(frozen=True, slots=True)
class _Phrase:
    slots: tuple[frozenset[str], ...]  # stems each slot accepts
    gapped: tuple[bool, ...]  # gapped[k]: words may stand between slot k and k+1
    term: str


class Lexicon:
    """Paraphrase classes: words and phrases that report one concept, and the
    story-generic words that say little about which fact a sentence reports.

    Built from JSON (``{"concepts": {id: {"words": [...], "phrases": [...],
    "except": [...]}}, "generic": [...]}``); every word is stemmed as text
    is, so listing one inflection per distinct stem is enough, and "except"
    names the words that share a listed stem but not its sense ("promising"
    stems as "promise" does). A phrase is slots separated by spaces,
    alternatives within a slot joined by "|", and "..." between two slots
    lets up to :data:`PHRASE_GAP` lower-case words stand between them.
    """

    def __init__(self, data: Mapping) -> None:
        self.words: dict[str, str] = {}
        self.exceptions: set[str] = set()  # words whose stem is listed but not their sense
        self._phrases: dict[str, list[_Phrase]] = {}  # by a stem of their first slot
        for concept, members in data.get("concepts", {}).items():
            term = CONCEPT_PREFIX + concept
            for word in members.get("words", ()):
                for part in _words(word):
                    self.words.setdefault(part, term)
            self.exceptions.update(word.casefold() for word in members.get("except", ()))
            for pattern in members.get("phrases", ()):
                phrase = _parse_phrase(pattern, term)
                for first in phrase.slots[0]:
                    self._phrases.setdefault(first, []).append(phrase)
        for phrases in self._phrases.values():
            phrases.sort(key=lambda phrase: -len(phrase.slots))  # longest match first
        self.has_phrases = bool(self._phrases)
        self.generic = frozenset(part for word in data.get("generic", ()) for part in _words(word))

    @classmethod
    def load(cls, path: Path | str) -> Lexicon:
        return cls(json.loads(Path(path).read_text(encoding="utf-8")))

    def concept_terms(self, words: list[tuple[str, str, bool, bool]]) -> dict[int, str]:
        """``{word index: concept term}`` for ``words`` (stem, lower-cased
        word, written in lower case, a clause break before it), phrases
        before single words."""
        found: dict[int, str] = {}
        for index, (word_stem, *_rest) in enumerate(words):
            if index in found:
                continue
            for phrase in self._phrases.get(word_stem, ()):
                matched = _match(phrase, words, index, found)
                if matched:
                    found.update(dict.fromkeys(matched, phrase.term))
                    break
        for index, (word_stem, word, *_rest) in enumerate(words):
            if index not in found and word_stem in self.words and word not in self.exceptions:
                found[index] = self.words[word_stem]
        return found


def _words(text: str) -> list[str]:
    """Stems of the words of ``text`` as :func:`tokenize` stems them."""
    return [stem(word) for word in (m.group().lower() for m in _WORD.finditer(fold_punctuation(text)))]


def _parse_phrase(pattern: str, term: str) -> _Phrase:
    slots: list[frozenset[str]] = []
    gapped: list[bool] = []
    for part in pattern.split():
        if part == "...":
            if not slots:
                raise ValueError(f"phrase {pattern!r} starts with '...'")
            gapped[-1] = True
            continue
        # "full-scale" is two words as text is read. Alone in its slot it
        # becomes two consecutive slots; among alternatives it is matched by
        # its last word ("comprehensive|full-scale assault" takes "scale").
        alternatives = part.split("|")
        pieces = [_words(alternative) for alternative in alternatives]
        if len(alternatives) == 1 and len(pieces[0]) > 1:
            for piece in pieces[0]:
                slots.append(frozenset({piece}))
                gapped.append(False)
            continue
        slots.append(frozenset(piece[-1] for piece in pieces if piece))
        gapped.append(False)
    return _Phrase(tuple(slots), tuple(gapped[:-1]), term)


def _match(phrase: _Phrase, words: list, index: int, taken: dict[int, str]) -> list[int] | None:
    matched = [index]
    position = index
    for slot, gap in zip(phrase.slots[1:], phrase.gapped):
        skipped = 0
        position += 1
        while position < len(words):
            word_stem, _word, lower, broken = words[position]
            if broken:
                return None
            if word_stem in slot and position not in taken:
                break
            if not gap:
                return None
            skipped += lower
            if skipped > PHRASE_GAP:
                return None
            position += 1
        else:
            return None
        matched.append(position)
    return matched


@lru_cache(maxsize=1)
def news_lexicon() -> Lexicon:
    """The shipped lexicon of news paraphrases (``data/news_synonyms.json``)."""
    return Lexicon.load(_LEXICON_PATH)


def tokenize(text: str, lexicon: Lexicon | None = None) -> list[Token]:
    """Content words of ``text`` with offsets into ``text`` and their terms.

    Possessives fold into their noun ("Netanyahu’s" → "netanyahu"); numbers
    lose their thousands separators ("28,800" → "28800"). A token's term is
    its concept when ``lexicon`` (by default :func:`news_lexicon`) has one
    for the word or for a phrase it is part of, else its stem. Phrases may
    hold stopwords ("call for", "state of emergency"), which still never
    become tokens: the phrase's content words carry its concept.
    """
    lexicon = news_lexicon() if lexicon is None else lexicon
    folded = fold_punctuation(text)
    words: list[tuple[str, str, bool, bool]] = []
    spans: list[tuple[int, int]] = []
    breaks = [match.start() for match in _CLAUSE_BREAK.finditer(folded)]
    next_break = previous_end = 0
    for match in _WORD.finditer(folded):
        start, end = match.span()
        surface = match.group()
        broken = False
        if (spans and start == previous_end + 1 and folded[previous_end] == "-" and surface.islower()
                and words[-1][2] and not words[-1][1][0].isdigit()):
            # A lower-case compound ("cease-fire", "e-mail") is one word, its
            # closed form; a name's parts ("Abu-Marzouk", "Hamas-led") stay apart.
            start, broken = spans.pop()[0], words.pop()[3]
            surface = folded[start:end]
        word = surface.lower().replace("-", "")
        if word.endswith("'s"):
            word = word[:-2]
        while next_break < len(breaks) and breaks[next_break] < start:
            # "28,800" holds a comma, not a clause break
            broken = broken or breaks[next_break] >= previous_end
            next_break += 1
        previous_end = end
        spans.append((start, end))
        if word[0].isdigit():
            words.append((word.replace(",", ""), word, True, broken))
        else:
            words.append((stem(word), word, surface[0].islower(), broken))
    concepts = lexicon.concept_terms(words) if lexicon.words or lexicon.has_phrases else {}
    tokens: list[Token] = []
    for index, ((word_stem, word, _lower, _broken), (start, end)) in enumerate(zip(words, spans)):
        if word[0].isdigit():
            tokens.append(Token(word_stem, start, end, word_stem))
        elif word not in STOPWORDS:
            tokens.append(Token(word_stem, start, end, concepts.get(index, word_stem)))
    return tokens


def sentence_tokens(article, lexicon: Lexicon | None = None) -> list[list[Token]]:
    """Tokens of each sentence of ``article``, offsets relative to the
    sentence (shared between calls: read them, never change them)."""
    lexicon = news_lexicon() if lexicon is None else lexicon
    return [_tokens(text, lexicon) for text in article.sentence_texts()]


# A sentence's tokens depend on its text and the lexicon alone. Syndicated
# copies and a story's articles repeat sentences, and a story re-reads what
# its last build (or a comparison) read, so each text is tokenized once.
# 16,384 texts (a story of 500 articles; ~1.2 KB each, 19 MB at most).
@lru_cache(maxsize=16384)
def _tokens(text: str, lexicon: Lexicon) -> list[Token]:
    return tokenize(text, lexicon)


class CorpusStatistics:
    """Document frequencies of terms, for inverse-document-frequency weights.

    A "document" is whatever unit the frequencies were counted over:
    :meth:`from_articles` counts sentences, the unit the aligner compares, so
    a word found in every sentence weighs nothing and one found in a single
    sentence weighs most. Frequencies counted over whole articles (e.g. from
    the search index) also work, with coarser weights.
    """

    __slots__ = ("document_frequency", "n_docs")

    def __init__(self, document_frequency: Mapping[str, int], n_docs: int) -> None:
        if n_docs < 0:
            raise ValueError("n_docs cannot be negative")
        self.document_frequency = dict(document_frequency)
        self.n_docs = n_docs

    @classmethod
    def from_term_sets(cls, term_sets: Iterable[Iterable[str]]) -> CorpusStatistics:
        frequency: Counter[str] = Counter()
        n_docs = 0
        for terms in term_sets:
            frequency.update(set(terms))
            n_docs += 1
        return cls(frequency, n_docs)

    @classmethod
    def from_articles(cls, articles: Iterable) -> CorpusStatistics:
        """Statistics over every sentence of ``articles``."""
        return cls.from_term_sets(
            (token.term for token in tokens)
            for article in articles
            for tokens in sentence_tokens(article)
        )

    def idf(self, term: str) -> float:
        """BM25's smoothed IDF: positive, largest for a term seen nowhere."""
        n = self.n_docs
        df = min(self.document_frequency.get(term, 0), n)
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))


@dataclass(frozen=True, slots=True)
class Vector:
    """A sentence's weighted terms and the vector's Euclidean length."""

    weights: dict[str, float]
    norm: float


def weigh(term_sets: Iterable[Iterable[str]], idf: Callable[[str], float]) -> list[Vector]:
    vectors = []
    for terms in term_sets:
        weights = {term: idf(term) for term in set(terms)}
        vectors.append(Vector(weights, math.sqrt(sum(w * w for w in weights.values()))))
    return vectors


def cosine_matrix(
    vectors_a: list[Vector], vectors_b: list[Vector], length_softening: float = 0.0, floor: float = 0.0
) -> dict[tuple[int, int], float]:
    """Cosine of every pair sharing at least one term and scoring above
    ``floor`` (the rest are left out).

    ``length_softening`` s scales each cosine by (longer norm / shorter
    norm) ** s, capped at 1: cosine counts everything a long sentence adds
    against the pair, while a sentence reporting several facts may well
    report the one a shorter sentence does (pivoted length normalisation,
    in spirit). 0 is the plain cosine; 0.5 would measure how much of the
    shorter sentence the longer one covers.

    An inverted index over ``vectors_b`` visits only pairs with a common term,
    so long articles cost what they share, not the product of their lengths.
    """
    postings: dict[str, list[tuple[int, float]]] = {}
    for j, vector in enumerate(vectors_b):
        for term, weight in vector.weights.items():
            postings.setdefault(term, []).append((j, weight))
    norms_b = [vector.norm for vector in vectors_b]
    scores: dict[tuple[int, int], float] = {}
    for i, vector in enumerate(vectors_a):
        if not vector.norm:
            continue
        dots: dict[int, float] = {}
        for term, weight in vector.weights.items():
            for j, other in postings.get(term, ()):
                dots[j] = dots.get(j, 0.0) + weight * other
        for j, dot in dots.items():
            if dot > 0:
                score = dot / (vector.norm * norms_b[j])
                if length_softening:
                    ratio = vector.norm / norms_b[j]
                    score *= (ratio if ratio > 1 else 1 / ratio) ** length_softening
                if score > floor:
                    scores[i, j] = score if score < 1.0 else 1.0
    return scores
