"""Publication dates: the calendar day an article's ``published`` value
names, for sorting and for ``published:`` queries, and the periods a query
names (a year, a month, a day).

Articles keep ``published`` as their file gave it ("2024-02-13T09:30:00Z",
"Tue, 13 Feb 2024 09:30:00 GMT", "13 February 2024"); the index holds the
day as ``YYYY-MM-DD`` (or ``YYYY-MM``, ``YYYY`` when that is all it says),
which sorts and compares as text.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?=$|[T ]\d|Z|[+-]\d{2}:?\d{2}$)")
_WORDED = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%Y/%m/%d")
# A query's period: 2024, 2024-02 or 2024-02-13.
_PERIOD = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
PERIOD_FORMS = "2024, 2024-02 or 2024-02-13"


def day_of(published: str | None) -> str | None:
    """The day ``published`` names as ``YYYY-MM-DD`` (``YYYY-MM`` or
    ``YYYY`` when it names no day), or None when it is not a date."""
    if not published:
        return None
    value = published.strip()
    match = _ISO.match(value)
    if match:
        year, month, day = match.groups()
        try:
            date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            return None
        return "-".join(part for part in (year, month, day) if part)
    for form in _WORDED:
        try:
            return datetime.strptime(value, form).date().isoformat()
        except ValueError:
            pass
    try:  # RFC 2822, as feeds write dates
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def moment_of(published: str | None) -> str | None:
    """``published`` as text that sorts in time order across the forms files
    use ("2024-02-20 10:15:00"); None when it is not a date.

    A time that names its zone ("2024-02-20T10:00:00+02:00", "Tue, 20 Feb
    2024 10:15:00 EST", "…Z", "…GMT") is converted to UTC, so that 10:00 in
    Cairo comes before 09:30 in London: the moment may then fall on another
    day than the one the article names, but only for ordering — the day
    shown (:func:`day_of`) stays the article's. A time without a zone, or
    with RFC 2822's "-0000" (zone unknown), is taken as written, and a date
    without a time is its day (:func:`day_of`, which sorts before any time
    that day): nothing says which zone they are in, and guessing one would
    move them further from what the article says than leaving them."""
    day = day_of(published)
    if day is None:
        return None
    value = published.strip()
    if ":" not in value:  # no time of day
        return day
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00")) if _ISO.match(value) else \
            parsedate_to_datetime(value)
        if moment.utcoffset() is not None:
            return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
    except (TypeError, ValueError, IndexError, OverflowError):
        return day
    return f"{day} {moment.strftime('%H:%M:%S')}"


def period(text: str) -> tuple[str, str]:
    """The first and last day strings of the year, month or day ``text``
    names ("2024-02" → "2024-02", "2024-02-31": the bounds compare as text
    with the days the index holds, so a month's last day need not be
    known). Raises ValueError with a sentence for anything else."""
    match = _PERIOD.fullmatch(text.strip())
    if not match:
        raise ValueError(f"'{text}' is not a date; published: takes {PERIOD_FORMS}, or a range such as "
                         "[2024-02-01 TO 2024-03-15]")
    year, month, day = match.groups()
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise ValueError(f"'{text}' is not a date on the calendar; published: takes {PERIOD_FORMS}") from None
    if day:
        exact = f"{year}-{int(month):02d}-{int(day):02d}"
        return exact, exact
    if month:
        return f"{year}-{int(month):02d}", f"{year}-{int(month):02d}-31"
    return year, f"{year}-12-31"


def shown(value: str | None) -> str | None:
    """A date for people: an ISO time to the minute ("2024-03-04 07:30 UTC"),
    anything else as it was written."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if len(value) <= 10:
        return value
    zone = "UTC" if moment.utcoffset() is not None and not moment.utcoffset() else moment.strftime("%z")
    return moment.strftime("%Y-%m-%d %H:%M") + (f" {zone}" if zone else "")
