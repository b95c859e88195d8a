"""The Whoosh search backend (``whoosh-reloaded`` 2.7.5, the 2.7.4 API).

``store``
    ``IndexStore``: the index folder — opening, healing, the write lock, one
    searcher per thread, refreshing from the corpus.
``schema``
    The fields and analyzers (pickled into the index: ``SCHEMA_VERSION``).
``writing``, ``manifest``
    Segment writers for builds in worker processes; the files each
    generation consists of, to find damage without reading them.
``searching``
    ``SearchEngine``: query syntax, ranking, spelling suggestions, snippets.
``phrases``, ``highlight``
    Adjacent-word phrase matching; finding matched words in a text.

Whoosh is imported nowhere else in the engine (a test enforces it).
"""
