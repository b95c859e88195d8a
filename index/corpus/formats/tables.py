"""``.csv``: the exports of news databases, one article per row, with a
header row naming the columns. Which header holds which field (title, url,
outlet, date, text, authors, id) is ``corpus.csv_columns`` (see
``common.CsvColumns``); headers are compared case-insensitively."""

from __future__ import annotations

import csv
import io
from dataclasses import fields

from ...errors import LoadError
from ...model import Article
from .common import CsvColumns, FileInput, read_text
from .records import articles_from_records

# Where the delimiter is guessed from, and the delimiters exports use.
_SNIFF_CHARS = 16_384
_DELIMITERS = ",;\t|"


def load(file: FileInput) -> tuple[list[Article], str | None]:
    decoded = read_text(file.data)
    text = decoded.text
    # A row's field may be a whole article: allow up to the file's size (the
    # corpus size limit has bounded that), not csv's 128 kB default.
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))
    reader = csv.reader(io.StringIO(text, newline=""), dialect=_dialect(text))
    try:
        header = next(reader, None)
        if header is None:
            raise LoadError("empty file")
        columns = _columns(header, file.options.csv_columns)
        records, empty_rows = [], []
        for number, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            record = {name: row[at] for name, at in columns.items() if at < len(row) and row[at].strip()}
            if "text" in record:
                records.append(record)
            else:
                empty_rows.append(number)
    except csv.Error as error:
        raise LoadError(f"malformed CSV at line {reader.line_num}: {error}") from None
    if not records:
        raise LoadError("no row has text")
    articles, note = articles_from_records(records, file)
    left_out = (f"{len(empty_rows)} rows without text left out (line {', '.join(map(str, empty_rows[:5]))}"
                f"{', …' if len(empty_rows) > 5 else ''})") if empty_rows else None
    return articles, "; ".join(n for n in (decoded.note, note, left_out) if n) or None


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(text[:_SNIFF_CHARS], delimiters=_DELIMITERS)
    except csv.Error:  # one column, or too irregular to tell: commas
        return csv.excel


def _columns(header: list[str], names: CsvColumns) -> dict[str, int]:
    """Field -> column number, for the fields whose column the header has."""
    positions = {cell.strip().lower(): at for at, cell in reversed(list(enumerate(header)))}
    columns = {}
    for column in fields(names):
        for name in getattr(names, column.name):
            if name.lower() in positions:
                columns[column.name] = positions[name.lower()]
                break
    if "text" not in columns:
        looked_for = ", ".join(names.text)
        raise LoadError(f"no text column in the header (looked for {looked_for}; "
                        "name yours in corpus.csv_columns.text)")
    return columns
