"""The corpus: article files found, decoded and laid out as articles.

``discovery``
    Finds the files under the configured paths (``discover``), reads one
    (``read_source``) or a whole folder (``read_articles``), and says which
    files were skipped and why.
``formats``
    The file formats by suffix, a module each (``SUPPORTED_SUFFIXES``,
    ``load_file``): decoding, sanitising, one ``Article`` or many per file;
    ``LoadError`` when a file cannot be read.
``layout``
    Plain text as headings, paragraphs, bullets, captions, credits, bylines
    and datelines (``credits`` recognises what is not the article's text).
``watch``
    ``CorpusWatcher``: tells when files under the corpus change.

Articles never come back to their files: nothing here writes.
"""

from ..model import Skipped
from .discovery import Discovery, SourceFile, discover, read_articles, read_source
from .formats import SUPPORTED_SUFFIXES, CsvColumns, LoadError, ReadOptions, load_file
from .watch import CorpusWatcher

__all__ = [
    "SUPPORTED_SUFFIXES", "CorpusWatcher", "CsvColumns", "Discovery", "LoadError", "ReadOptions", "Skipped",
    "SourceFile", "discover", "load_file", "read_articles", "read_source",
]
