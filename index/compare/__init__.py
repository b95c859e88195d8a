"""Two articles side by side: which sentences report the same fact, and what differs.

``similarity``
    Content words (stemmed, with the news synonyms of ``data/``) and the
    corpus statistics that weigh them.
``embedding``
    ``sentence_vectors`` and ``similarity_matrix``: meaning, from the static
    model distilled from all-MiniLM-L6-v2 in ``data/minilm/`` (read on first
    use); ``wordpiece`` cuts text into that model's tokens.
``evidence``
    What each sentence pair shares beyond words: names, figures, quotes.
``alignment``
    ``assign``: sentences paired one to one, in order where the scores allow.
``differences``
    Entities and figures present in only one article, or reported differently.
``comparison``
    ``compare_articles`` puts those together into a ``Comparison``.
``report``
    ``markdown_report``: a comparison as Markdown.
"""

from .comparison import DEFAULT_THRESHOLD, AlignedPair, Comparison, compare_articles
from .embedding import sentence_vectors, similarity_matrix
from .report import markdown_report

__all__ = [
    "DEFAULT_THRESHOLD", "AlignedPair", "Comparison", "compare_articles", "markdown_report", "sentence_vectors",
    "similarity_matrix",
]
