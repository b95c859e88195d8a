"""Search: the index of the corpus, and queries over it as the user types.

``backend``
    :class:`SearchBackend`, the protocol the Library talks to, and
    :func:`open_backend`, the one factory, which ``index.backend`` in the
    config steers (``BACKENDS``: only ``whoosh`` for now).
``results``
    What a backend hands back: :class:`Hit`, :class:`SearchResult`,
    :class:`MatchTerms`.
``whoosh/``
    The Whoosh backend. Whoosh is imported nowhere else (a test enforces it).
"""

from .backend import BACKENDS, SearchBackend, open_backend
from .results import Hit, MatchTerms, SearchResult

__all__ = ["BACKENDS", "Hit", "MatchTerms", "SearchBackend", "SearchResult", "open_backend"]
