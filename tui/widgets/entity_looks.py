"""How each entity type looks: its colour and symbol (config ``entities.types``).

Colours may be theme variables; they are resolved against the running theme
and, where needed, moved towards the text colour until they are readable on
the background (WCAG AA contrast).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Mapping

from rich.style import Style
from textual.color import Color, ColorParseError

from ceasefire_tui.index import ConfigError, EntityType, bundled_config_path, load_config

MIN_CONTRAST = 4.5  # WCAG AA for text


# --- entity types -----------------------------------------------------------

@cache
def _default_types() -> dict[str, EntityType]:
    """The shipped types: used for any type a user's config leaves out
    (a config's ``entities.types`` replaces the default mapping)."""
    try:
        return dict(load_config(bundled_config_path()).entities.types)
    except ConfigError:  # pragma: no cover - the bundled file is tested
        return {}


def entity_types(configured: Mapping[str, EntityType]) -> dict[str, EntityType]:
    """Every known type in display order: the config's first, then defaults."""
    types = dict(configured)
    for name, spec in _default_types().items():
        types.setdefault(name, spec)
    return types


def type_spec(types: Mapping[str, EntityType], kind: str) -> EntityType:
    return types.get(kind) or EntityType(label=kind.title(), colour="$foreground", symbol=kind[:1], shown=True)


# --- colours ----------------------------------------------------------------

def _luminance(colour: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = colour.rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: Color, b: Color) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def resolve_colour(spec: str, variables: Mapping[str, str], _depth: int = 0) -> Color | None:
    """A config colour ("$accent", "$warning 80%", "dodgerblue", "#c00") as a Color."""
    words = spec.split()
    if not words or _depth > 4:
        return None
    first, alpha = words[0], None
    if len(words) > 1 and words[-1].endswith("%"):
        try:
            alpha = float(words[-1][:-1]) / 100
        except ValueError:
            return None
    if first.startswith("$"):
        value = variables.get(first[1:])
        colour = resolve_colour(value, variables, _depth + 1) if value else None
    else:
        try:
            colour = Color.parse(first)
        except ColorParseError:
            colour = None
    if colour is not None and alpha is not None and colour.ansi is None:
        colour = colour.with_alpha(alpha)
    return colour


def readable(colour: Color, background: Color, foreground: Color, minimum: float = MIN_CONTRAST) -> Color:
    """``colour``, moved towards the text colour until it reads on ``background``."""
    shown = background.blend(colour, colour.a) if colour.a < 1 else colour
    # Some themes' own text colour falls short (solarized-light): then go on
    # towards black or white.
    extreme = Color(0, 0, 0) if _luminance(background) > 0.18 else Color(255, 255, 255)
    for target in (foreground, extreme):
        for step in range(11):
            candidate = shown.blend(target, step / 10)
            if contrast(candidate, background) >= minimum:
                return candidate
        shown = foreground
    return extreme


@dataclass(frozen=True, slots=True)
class TypeLook:
    """How one entity type is drawn, resolved against the running theme."""

    label: str
    symbol: str
    colour: str  # a colour for Content spans (hex, or the theme variable for ANSI themes)
    mention: Style  # any mention in the reader
    selected: Style  # a mention of the selected entity
    current: Style  # the mention ]/[ moved to
    gutter: Style  # the symbol in the reader's gutter
    gutter_selected: Style


def build_looks(types: Mapping[str, EntityType], variables: Mapping[str, str]) -> dict[str, TypeLook]:
    foreground = resolve_colour("$foreground", variables) or Color.parse("white")
    background = resolve_colour("$surface", variables)
    if background is None or background.a == 0 or background.ansi is not None:
        background = resolve_colour("$background", variables) or Color.parse("black")
    ansi_theme = foreground.ansi is not None or background.ansi is not None
    looks = {}
    for kind, spec in types.items():
        colour = resolve_colour(spec.colour, variables) or foreground
        symbol = spec.symbol[:1] or kind[:1]
        if ansi_theme or colour.ansi is not None:
            # The terminal picks the real colours: use reverse video, not tints.
            rich = colour.rich_color
            looks[kind] = TypeLook(
                label=spec.label, symbol=symbol, colour=spec.colour if spec.colour.startswith("$") else colour.css,
                mention=Style(color=rich, underline=True),
                selected=Style(color=rich, bold=True, underline=True),
                current=Style(color=rich, bold=True, reverse=True),
                gutter=Style(color=rich, bold=True),
                gutter_selected=Style(color=rich, bold=True, reverse=True),
            )
            continue
        text = readable(colour, background, foreground)
        solid = background.blend(colour, colour.a) if colour.a < 1 else colour
        tint = background.blend(solid, 0.3)
        looks[kind] = TypeLook(
            label=spec.label, symbol=symbol, colour=text.hex,
            mention=Style(color=text.rich_color, underline=True),
            selected=Style(color=foreground.rich_color, bgcolor=tint.rich_color, bold=True, underline=True),
            current=Style(color=solid.get_contrast_text(1.0).rich_color, bgcolor=solid.rich_color, bold=True),
            gutter=Style(color=text.rich_color, bold=True),
            gutter_selected=Style(color=solid.get_contrast_text(1.0).rich_color, bgcolor=solid.rich_color,
                                  bold=True),
        )
    return looks
