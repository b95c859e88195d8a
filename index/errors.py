"""The engine's errors: one family, each a problem its user can act on.

Every error the engine raises for a user to read derives from
:class:`CeasefireError`, and its message is one sentence that says what is
wrong and, where it can, what to do (the key and file of a bad config, the
id that matched nothing). The command line turns the family into exit codes
in one place (``tui/cli.py``); anything else escaping the engine is a bug.
"""

from __future__ import annotations

import errno


class CeasefireError(Exception):
    """A problem for the user to act on; ``str(error)`` is one sentence."""


class ConfigError(CeasefireError):
    """A configuration problem, phrased for the user (key and file included)."""


class LoadError(CeasefireError):
    """A file that cannot be read as an article; the message says why."""


class FetchError(CeasefireError):
    """A URL that could not be fetched as a page or feed; the message says why."""


class EmptyCorpus(CeasefireError):
    """The corpus paths hold no readable article: a user error, not an empty result."""


class QueryError(CeasefireError):
    """A query that cannot be run; the message explains why in one sentence."""


class UnknownArticle(CeasefireError):
    """An article id (or prefix) that names no article, or more than one."""


class IndexBusy(CeasefireError):
    """Another process holds the index's write lock."""


class IndexUnreadable(CeasefireError):
    """The index could not be read even after rebuilding it."""


class RefreshStopped(Exception):
    """Not an error but a request: raised by a refresh's progress callback to
    stop it. Nothing of the refresh is committed; the index stays as it was."""


# What a folder that cannot take a file (the index, an export) fails with.
UNWRITABLE_ERRNOS = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT, errno.ENOTDIR}


def unwritable(error: OSError) -> bool:
    """Whether ``error`` says the folder cannot be written (read-only, full,
    no permission), not that something is wrong with what was in it."""
    return error.errno in UNWRITABLE_ERRNOS
