"""Independent reports: the outlets that carry something, where the sites
carrying copies of one wire story count as one (twelve sites running one
Reuters story are one report, not twelve)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def independent_outlets(article_ids: Iterable[str], outlet_of: Mapping[str, str],
                        copy_groups: Mapping[str, str]) -> int:
    """How many distinct outlets carry the articles ``article_ids``, the
    outlets of copies of one story (``copy_groups``: article id -> its copy
    group's id) joined into one. An outlet that carries the story and also
    reports it in an article of its own is still one outlet."""
    parent: dict[str, str] = {}

    def root(outlet: str) -> str:
        while parent[outlet] != outlet:
            parent[outlet] = parent[parent[outlet]]
            outlet = parent[outlet]
        return outlet

    first_outlet_of_group: dict[str, str] = {}
    for article_id in article_ids:
        outlet = outlet_of[article_id]
        parent.setdefault(outlet, outlet)
        group = copy_groups.get(article_id)
        if group is None:
            continue
        joined = first_outlet_of_group.setdefault(group, outlet)
        parent[root(outlet)] = root(joined)
    return sum(1 for outlet in parent if root(outlet) == outlet)


def copy_sets(article_ids: Iterable[str], copy_groups: Mapping[str, str]) -> tuple[tuple[str, ...], ...]:
    """The articles of ``article_ids`` that are copies of one story, a tuple
    per story carried by two or more of them (in the order given)."""
    by_group: dict[str, list[str]] = {}
    for article_id in dict.fromkeys(article_ids):
        group = copy_groups.get(article_id)
        if group is not None:
            by_group.setdefault(group, []).append(article_id)
    return tuple(tuple(ids) for ids in by_group.values() if len(ids) > 1)
