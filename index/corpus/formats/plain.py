"""``.txt``: plain text laid out by the conventions of news pasted from the
web (see ``layout``)."""

from __future__ import annotations

from ...model import Article
from ..layout import parse_plain
from .common import FileInput, build_article, read_text


def load(file: FileInput) -> tuple[list[Article], str | None]:
    decoded = read_text(file.data)
    return [build_article(parse_plain(decoded.text), file.path, file.article_id, file.digest)], decoded.note
