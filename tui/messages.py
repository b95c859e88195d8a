"""Messages that carry engine results from workers to the widgets."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from index.library import StoredArticle
from index.search import SearchResult
from index.store import RefreshReport


@dataclass
class SearchFinished(Message):
    query: str
    result: SearchResult


@dataclass
class SearchFailed(Message):
    query: str
    reason: str


@dataclass
class ArticleLoaded(Message):
    stored: StoredArticle


@dataclass
class IndexProgress(Message):
    done: int
    total: int


@dataclass
class IndexRefreshed(Message):
    report: RefreshReport


@dataclass
class IndexFailed(Message):
    reason: str
