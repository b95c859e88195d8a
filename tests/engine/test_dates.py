"""Publication dates: the day a published value names, published: queries
over days, months, years and ranges, and results sorted by date."""

from __future__ import annotations

import pytest

from ceasefire_tui.index import Library, QueryError, load_config
from ceasefire_tui.index.dates import day_of, period, shown
from support import write_config, write_dated_corpus


@pytest.mark.parametrize("published, day", [
    ("2024-02-05T08:00:00Z", "2024-02-05"), ("2024-02-05 08:00", "2024-02-05"), ("2024-02-05", "2024-02-05"),
    ("2024-02", "2024-02"), ("2024", "2024"), ("Tue, 20 Feb 2024 10:15:00 GMT", "2024-02-20"),
    ("1 March 2024", "2024-03-01"), ("March 1, 2024", "2024-03-01"), ("2024/03/01", "2024-03-01"),
    ("2024-02-30", None), ("last Tuesday", None), ("", None), (None, None), ("20240205", None),
])
def test_the_day_a_published_value_names(published, day):
    assert day_of(published) == day


def test_periods_a_query_names():
    assert period("2024") == ("2024", "2024-12-31")
    assert period("2024-02") == ("2024-02", "2024-02-31")
    assert period("2024-2-5") == ("2024-02-05", "2024-02-05")
    with pytest.raises(ValueError, match="'2024-13' is not a date on the calendar"):
        period("2024-13")
    with pytest.raises(ValueError, match="'feb' is not a date; published: takes 2024, 2024-02 or 2024-02-13"):
        period("feb")


def test_dates_for_people():
    assert shown("2024-03-04T07:30:00Z") == "2024-03-04 07:30 UTC"
    assert shown("2024-03-04T07:30:00+02:00") == "2024-03-04 07:30 +0200"
    assert shown("2024-03-04") == "2024-03-04"
    assert shown("1 March 2024") == "1 March 2024"
    assert shown(None) is None


@pytest.fixture(scope="module")
def dated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dated")
    write_dated_corpus(folder / "corpus")
    library = Library(load_config(write_config(folder, {"corpus": {"paths": ["corpus"]}, "index": {"path": "idx"}})))
    library.refresh()
    yield library
    library.close()


def found(library, query, **options):
    return sorted(hit.id for hit in library.search(query, **options).hits)


@pytest.mark.parametrize("query, ids", [
    ("published:2024-02", ["bridge", "market"]),
    ("published:2024-02-20", ["market"]),
    ("published:2024", ["bridge", "library", "market", "tram"]),
    ("published:2023", ["pool"]),
    ("published:[2024-02-10 TO 2024-03-01]", ["market", "tram"]),
    ("published:[2024-02 TO 2024-03]", ["bridge", "library", "market", "tram"]),
    ("published:[2024-03-01 TO]", ["library", "tram"]),
    ("published:[TO 2024-02-05]", ["bridge", "pool"]),
    ("published:{2024-02 TO}", ["library", "tram"]),
    ("date:2024-03 council", []),
    ("council published:2024-02", ["bridge", "market"]),
    ("council NOT published:2024", ["notice"]),
])
def test_published_takes_days_months_years_and_ranges(dated, query, ids):
    assert found(dated, query) == ids


@pytest.mark.parametrize("query, message", [
    ("published:2024-13", "'2024-13' is not a date on the calendar; published: takes 2024, 2024-02 or 2024-02-13"),
    ("published:february", "'february' is not a date; published: takes 2024, 2024-02 or 2024-02-13, or a range "
                           "such as [2024-02-01 TO 2024-03-15]"),
    ("published:[2024-03 TO 2024-02]", "the published: range from 2024-03 to 2024-02 ends before it begins; "
                                       "put the earlier date first"),
])
def test_a_bad_date_explains_itself_in_one_sentence(dated, query, message):
    with pytest.raises(QueryError) as caught:
        dated.search(query)
    assert str(caught.value) == message


def test_results_sort_newest_first_and_the_undated_last(dated):
    listing = dated.search("", sort="date")
    assert [hit.id for hit in listing.hits] == ["library", "tram", "market", "bridge", "pool", "notice"]
    council = dated.search("council", sort="date")
    assert [hit.id for hit in council.hits] == ["market", "bridge", "notice"]
    assert council.total == 3 and council.outlets == {"Riverside Post": 2, "Evening Gazette": 1}
    assert [hit.id for hit in dated.search("council", sort="date", limit=2).hits] == ["market", "bridge"]
    relevance = {hit.id: hit.score for hit in dated.search("council").hits}
    assert {hit.id: hit.score for hit in council.hits} == relevance  # the scores are the relevance still


def test_an_unknown_sort_is_refused(dated):
    with pytest.raises(QueryError, match="results sort by relevance or date, not 'title'"):
        dated.search("council", sort="title")


def test_moments_sort_in_time_order_across_the_forms_files_write():
    from ceasefire_tui.index.dates import moment_of

    written = ["Tue, 20 Feb 2024 10:15:00 GMT", "1 March 2024", "2024-02-05T08:00:00Z", "2024-02-20T09:00:00Z",
               "2023-12-28"]
    assert sorted(written, key=moment_of) == ["2023-12-28", "2024-02-05T08:00:00Z", "2024-02-20T09:00:00Z",
                                              "Tue, 20 Feb 2024 10:15:00 GMT", "1 March 2024"]
    assert moment_of("Tue, 20 Feb 2024 10:15:00 GMT") == "2024-02-20 10:15:00"
    assert moment_of("2024-03") == "2024-03" and moment_of("soon") is None and moment_of(None) is None


def test_moments_that_name_their_zone_are_ordered_in_utc():
    from ceasefire_tui.index.dates import day_of, moment_of

    # 10:00 in Cairo (08:00 UTC) was before 09:30 in London.
    assert moment_of("2024-02-20T10:00:00+02:00") == "2024-02-20 08:00:00"
    assert sorted(["2024-02-20T09:30:00Z", "2024-02-20T10:00:00+02:00"], key=moment_of) == [
        "2024-02-20T10:00:00+02:00", "2024-02-20T09:30:00Z"]
    assert moment_of("2024-02-20T04:00:00-0500") == "2024-02-20 09:00:00"  # the offset without a colon
    # Just after midnight in Cairo is the evening before in UTC: ordered
    # there, while the day the article names is still the one shown.
    assert moment_of("2024-02-20T01:00:00+02:00") == "2024-02-19 23:00:00"
    assert day_of("2024-02-20T01:00:00+02:00") == "2024-02-20"


def test_rfc_2822_moments_are_converted_by_their_zone():
    from ceasefire_tui.index.dates import moment_of

    assert moment_of("Tue, 20 Feb 2024 10:15:00 +0200") == "2024-02-20 08:15:00"
    assert moment_of("Tue, 20 Feb 2024 10:15:00 EST") == "2024-02-20 15:15:00"
    assert moment_of("Tue, 20 Feb 2024 10:15:00 GMT") == "2024-02-20 10:15:00"
    assert moment_of("Tue, 20 Feb 2024 10:15:00 -0000") == "2024-02-20 10:15:00"  # "-0000": zone unknown
    assert sorted(["Tue, 20 Feb 2024 09:30:00 GMT", "Tue, 20 Feb 2024 10:15:00 +0200"], key=moment_of) == [
        "Tue, 20 Feb 2024 10:15:00 +0200", "Tue, 20 Feb 2024 09:30:00 GMT"]


def test_moments_without_a_zone_stay_as_written():
    from ceasefire_tui.index.dates import moment_of

    assert moment_of("2024-02-20T10:00:00") == "2024-02-20 10:00:00"
    assert moment_of("2024-02-20 23:30") == "2024-02-20 23:30:00"
    assert moment_of("Tue, 20 Feb 2024 10:15:00") == "2024-02-20 10:15:00"
    assert moment_of("20 February 2024") == "2024-02-20"  # a day without a time sorts before any time on it
    assert moment_of("2024-02-20") < moment_of("2024-02-20T00:30:00Z")
