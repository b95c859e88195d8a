"""What two articles name and count differently: entity and figure diffs."""

from __future__ import annotations

from typing import Any, Callable, Iterable

from ..analysis.names import NOT_NAMES, Name
from ..model import Entity, EntityDifferences, Figure, FigureDifference, FigureDifferences, NamedEntity


def figure_key(figure: Figure) -> tuple:
    """Two figures with one key state the same quantity."""
    if figure.value is None:
        return figure.kind, figure.unit, " ".join(figure.surface.casefold().split())
    return figure.kind, figure.unit, float(figure.value)


def entity_summary(entities: Iterable[Entity] | None, names: Iterable[Name]) -> dict[str, dict[str, Any]]:
    """``{key: {"name", "type", "count"}}`` from entities, else from fallback names."""
    summary: dict[str, dict[str, Any]] = {}
    if entities is not None:
        for entity in entities:
            if entity.type in NOT_NAMES:
                continue
            item = summary.setdefault(entity.name.casefold(), {"name": entity.name, "type": entity.type, "count": 0})
            item["count"] += entity.count
        return summary
    for name in names:
        item = summary.setdefault(name.key, {"name": name.label, "type": name.type, "count": 0})
        item["count"] += 1
    return summary


def entity_differences(summary_a: dict[str, dict], summary_b: dict[str, dict]) -> EntityDifferences:
    """Entities both articles name, and those only one does, most named first."""

    def listed(keys: Iterable[str], count: Callable[[str], int], source: dict[str, dict]) -> tuple[NamedEntity, ...]:
        ordered = sorted(keys, key=lambda key: (-count(key), source[key]["name"].casefold()))
        return tuple(NamedEntity(source[key]["name"], source[key]["type"]) for key in ordered)

    shared = summary_a.keys() & summary_b.keys()
    return EntityDifferences(
        shared=listed(shared, lambda k: summary_a[k]["count"] + summary_b[k]["count"], summary_a),
        only_a=listed(summary_a.keys() - shared, lambda k: summary_a[k]["count"], summary_a),
        only_b=listed(summary_b.keys() - shared, lambda k: summary_b[k]["count"], summary_b),
    )


def figure_differences(
    figures_a: list[Figure],
    figures_b: list[Figure],
    partners: dict[int, set[int]],
    locate_a: Callable[[int], int | None],
    locate_b: Callable[[int], int | None],
) -> FigureDifferences:
    """Figures only one article gives, and those two paired sentences disagree on.

    A figure both articles state (same kind, unit and value) is left out
    wherever it stands. A figure "differs" when its sentence is paired with
    one holding a figure of the same kind and unit but another value ("over
    28,800 people" against "30,000 people"). Same-unit figures in unpaired
    sentences usually count different things, so they stay "only".
    """
    remaining_b = list(figures_b)
    unshared_a = []
    for figure in figures_a:
        twin = next((other for other in remaining_b if figure_key(other) == figure_key(figure)), None)
        if twin is None:
            unshared_a.append(figure)
        else:
            remaining_b.remove(twin)
    differ, only_a = [], []
    for figure in unshared_a:
        partner_sentences = partners.get(locate_a(figure.start), ())
        rival = next(
            (
                other
                for other in remaining_b
                if locate_b(other.start) in partner_sentences
                and (other.kind, other.unit) == (figure.kind, figure.unit)
            ),
            None,
        )
        if rival is None:
            only_a.append(figure)
        else:
            remaining_b.remove(rival)
            differ.append(FigureDifference(figure, rival))
    return FigureDifferences(tuple(only_a), tuple(remaining_b), tuple(differ))
