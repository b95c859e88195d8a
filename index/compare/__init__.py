"""Two articles side by side: which sentences report the same fact, which
report it differently, and what only one side says.

``similarity``
    Content words (stemmed, with the news synonyms of ``data/``) and the
    corpus statistics that weigh them.
``embedding``
    ``sentence_vectors`` and ``similarity_matrix``: meaning, from the static
    model distilled from all-MiniLM-L6-v2 in ``data/minilm/`` (read on first
    use); ``wordpiece`` cuts text into that model's tokens.
``evidence``
    What each sentence pair shares beyond words: names, figures, quotes;
    the lexical score.
``scoring``
    Meaning and evidence combined into one score per pair or run.
``conflicts``
    Negation, opposing words, different actors, figures and qualifiers that differ.
``alignment``
    ``assign``: sentences paired one to one; ``grow_runs``: a sentence
    against up to three consecutive ones of the other side.
``order``
    The display rows, both articles in reading order, moved pairs pointing at each other.
``differences``
    Entities and figures present in only one article, or reported differently.
``comparison``
    ``compare_articles`` puts those together into a ``Comparison``
    (its types are in :mod:`index.model`).
``report``
    ``markdown_report``: a comparison as Markdown.
"""

from ..model import Comparison, Row, SentencePair
from .comparison import DEFAULT_THRESHOLD, compare_articles, mirror
from .embedding import sentence_vectors, similarity_matrix
from .report import markdown_report

__all__ = [
    "DEFAULT_THRESHOLD", "Comparison", "Row", "SentencePair", "compare_articles", "markdown_report", "mirror",
    "sentence_vectors", "similarity_matrix",
]
