"""The groups of syndicated copies as the engine hands them out: plain data,
no numpy (a search, which every command runs, carries them; finding them
is :mod:`index.story.syndication`'s)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..text import plural

UNKNOWN_OUTLET = "unknown outlet"


@dataclass(frozen=True, slots=True)
class Copy:
    """One article as a copy group lists it."""

    id: str
    title: str
    source: str | None
    published: str | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "source": self.source, "published": self.published}


@dataclass(frozen=True, slots=True)
class CopyGroup:
    """The copies of one story, the lead first: the earliest published (the
    first to carry it; then by id), whose outlet names the group."""

    id: str
    copies: tuple[Copy, ...]

    @property
    def lead(self) -> Copy:
        return self.copies[0]

    @property
    def outlets(self) -> list[str]:
        """The outlets that carry it, each once, the lead's first."""
        return list(dict.fromkeys(copy.source or UNKNOWN_OUTLET for copy in self.copies))

    @property
    def label(self) -> str:
        """"Reuters · 3 sites"; "Andes Daily · 1 site, 2 copies" when a site
        carries the story more than once (a page saved twice, a re-post)."""
        sites = plural(len(self.outlets), "site")
        copies = f", {len(self.copies)} copies" if len(self.copies) > len(self.outlets) else ""
        return f"{self.lead.source or UNKNOWN_OUTLET} · {sites}{copies}"

    def others(self, article_id: str) -> list[Copy]:
        """The copies other than ``article_id``."""
        return [copy for copy in self.copies if copy.id != article_id]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "copies": [copy.to_json() for copy in self.copies]}


@dataclass(frozen=True, slots=True)
class CopyCounts:
    """Over a set of articles (a search's matches): how many are copies of a
    story another of them carries (``copies``), of how many stories."""

    copies: int = 0
    stories: int = 0

    def to_json(self) -> dict[str, int]:
        return {"copies": self.copies, "stories": self.stories}


def count_copies(group_ids: Iterable[str | None]) -> CopyCounts:
    """``group_ids``: the group (or None) of each article of a set."""
    per_story = Counter(group_id for group_id in group_ids if group_id is not None)
    shared = [count for count in per_story.values() if count > 1]
    return CopyCounts(copies=sum(shared) - len(shared), stories=len(shared))


class Syndication:
    """Every group of copies in the corpus, found with ``threshold``."""

    def __init__(self, groups: Iterable[CopyGroup], threshold: float) -> None:
        self.threshold = threshold
        self.groups = {group.id: group for group in groups}
        self.by_article = {copy.id: group.id for group in self.groups.values() for copy in group.copies}

    def group_of(self, article_id: str) -> CopyGroup | None:
        group_id = self.by_article.get(article_id)
        return None if group_id is None else self.groups[group_id]

    def group_ids(self) -> dict[str, str]:
        """article id -> its group id, for the articles in a group."""
        return self.by_article

    def members(self) -> dict[str, list[str]]:
        """group id -> its article ids (what the next grouping keeps ids by)."""
        return {group.id: [copy.id for copy in group.copies] for group in self.groups.values()}

    def to_json(self) -> dict[str, Any]:
        return {"threshold": self.threshold,
                "groups": [[group.id, [[c.id, c.title, c.source, c.published] for c in group.copies]]
                           for group in self.groups.values()]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Syndication:
        groups = [CopyGroup(group_id, tuple(Copy(*row) for row in rows)) for group_id, rows in data["groups"]]
        return cls(groups, float(data["threshold"]))
