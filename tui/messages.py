"""Messages that carry engine results from workers to the widgets."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from ceasefire_tui.index import Comparison, CopyDiff, EntityTable, RefreshReport, SearchResult, Story, StoredArticle


@dataclass
class SearchFinished(Message):
    query: str
    result: SearchResult
    typing: bool = False  # a search started by typing, not by Enter or the pause after it


@dataclass
class SnippetsCut(Message):
    """The snippets of the hits below the first screenful are ready."""

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
    done: int  # files read so far
    total: int  # files to read
    seconds_left: float | None = None  # None until there is a rate to go by


@dataclass
class IndexRefreshed(Message):
    report: RefreshReport


@dataclass
class IndexFailed(Message):
    reason: str


class CorpusChanged(Message):
    """The corpus watcher saw article files change (posted from its thread)."""


@dataclass
class IndexHealed(Message):
    """The index could not be read and was rebuilt (one line: what happened)."""

    notice: str


@dataclass
class ComparisonReady(Message):
    comparison: Comparison
    copy_diff: CopyDiff | None = None  # when the two are copies of one wire story


@dataclass
class ComparisonFailed(Message):
    reason: str


@dataclass
class ReportExported(Message):
    path: str
    report: str


@dataclass
class ReportFailed(Message):
    reason: str


@dataclass
class EntityTableLoaded(Message):
    """The corpus-wide entity table, and which entities each of the results
    the sidebar's dots stand for mentions (article id -> (name, type) keys)."""

    table: EntityTable
    mentions_by_article: dict[str, frozenset[tuple[str, str]]]


@dataclass
class IndexCommittedElsewhere(Message):
    """Another process committed a new index generation (``articles`` in it)."""

    articles: int


@dataclass
class WorkFailed(Message):
    """Work off the UI thread failed in a way it did not expect (``what``: "search", …)."""

    what: str
    error: BaseException


@dataclass
class StoryProgress(Message):
    """How far the story's build has come (``stage``: "comparing sentences", …)."""

    done: int
    total: int
    stage: str


@dataclass
class StoryReady(Message):
    story: Story
    sections: dict  # section name -> its rows (story_rows.Section), made in the worker too


@dataclass
class StoryFailed(Message):
    reason: str
