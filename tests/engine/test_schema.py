"""The one-pass text fields index exactly what their analyzers would:
the same terms, frequencies, weights and encoded positions, byte for byte."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import fields

from ceasefire_tui.index.search.whoosh.schema import EXACT, STEMMED, OnePassText, _TOKEN

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
TRICKY = ("U.S. officials said 1.5 million people—in Rafah, Khan Younis—fled. İstanbul's CAFÉ café cafe "
          "Mr. Abu Marzouk's \u201cpermanent\u201d end; hostages hostage HOSTAGES a an the of "
          "e.g. 3.14 x*y wild* ＡＢＣ ß ﬁsh Straße ΣΊΣΥΦΟΣ naïve coöperate _under_score_ 2024-05-07 "
          "cease-fire Cease-Fire e-mail Abu-Marzouk well-known 10-12 F-16 a-the-of well-well U.S.-led café-bar")


def whoosh_postings(field, text):
    return sorted(fields.TEXT.index(field, text))


def one_pass_postings(field, text):
    return sorted(field.index(text))


def check(text):
    for kind, analyzer, phrase in (("stemmed", STEMMED, False), ("stemmed", STEMMED, True), ("exact", EXACT, True),
                                   ("exact", EXACT, False)):
        field = OnePassText(kind, analyzer=analyzer, phrase=phrase)
        assert one_pass_postings(field, text) == whoosh_postings(field, text), (kind, phrase)


def test_the_seeds_and_tricky_text():
    assert SEEDS
    for path in SEEDS:
        check(path.read_text(encoding="utf-8"))
    check(TRICKY)
    check("")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_any_text(text):
    check(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["the", "of", "café", "cafe", "İ", "Rafah", "x.y", "a*b", "ﬁ", ".", " ", "\n", "—",
                                 "hostages", "a", "1.5", "_"]), max_size=60))
def test_words_repeated_and_merged_by_folding(parts):
    check("".join(parts))
    check(" ".join(parts))


def test_one_pass_splits_words_as_the_analyzers_tokenizer_does():
    assert STEMMED.items[0].expression is _TOKEN and EXACT.items[0].expression is _TOKEN


def test_the_same_text_twice_in_a_row_and_after_another():
    field = OnePassText("exact", analyzer=EXACT, phrase=True)
    first = one_pass_postings(field, "Rafah talks resumed")
    assert one_pass_postings(field, "Gaza aid") == whoosh_postings(field, "Gaza aid")
    assert one_pass_postings(field, "Rafah talks resumed") == first == whoosh_postings(field, "Rafah talks resumed")
