"""The Whoosh search backend (``whoosh-reloaded`` 2.7.5, the 2.7.4 API).

``backend``
    ``WhooshBackend``: the :class:`~index.search.backend.SearchBackend`.
``store``, ``searchers``
    ``IndexStore``: opening the index (healing a stale or damaged one), the
    write lock, reading records back; ``ThreadSearchers``: one searcher per
    thread, replaced when the index is.
``refreshing``, ``workers``, ``folder``
    A refresh planned against the stamps kept beside the index and written
    in one commit; files read and analysed in a pool of worker processes
    for big builds; the JSON files kept beside the index.
``schema``
    The fields and analyzers (pickled into the index: ``SCHEMA_VERSION``).
``writing``, ``manifest``
    Segment writers for builds in worker processes; the files each
    generation consists of, to find damage without reading them.
``searching``, ``query``, ``collecting``, ``lexicon``, ``spelling``, ``scoring``
    ``SearchEngine``: ranking, counts by outlet, snippets; the query
    language and its checks; collecting matches within a time limit; the
    words of a field for fuzzy matching; spelling suggestions; BM25F with
    field lengths read once per segment.
``phrases``, ``highlight``
    Adjacent-word phrase matching; finding matched words in a text.
``language``
    Whoosh's Porter stemmer and accent folding, for the comparison, which
    must meet words as the index does.

Whoosh is imported nowhere else in the engine (a test enforces it).
"""
