"""Search: the index of the corpus, queried as the user types.

Whoosh serves it (``whoosh/``); nothing outside that package imports Whoosh.
"""
