"""The build writer (index/writing.py) writes the segment Whoosh's own
writer writes, also when its postings spill to temporary files."""

import random

from whoosh import fields
from whoosh.filedb.filestore import FileStorage
from whoosh.writing import SegmentWriter

from ceasefire_tui.index.search.whoosh import writing
from ceasefire_tui.index.search.whoosh.schema import EXACT, STEMMED, OnePassText

WORDS = ("ceasefire hostages release rafah talks qatar egypt aid famine negotiators "
         "the of a in said officials deal truce").split()


def schema():
    return fields.Schema(id=fields.ID(stored=True), body=OnePassText("stemmed", analyzer=STEMMED, phrase=False),
                         exact=OnePassText("exact", analyzer=EXACT, phrase=True))


def build(folder, writer_class, documents, limitmb):
    index = FileStorage(str(folder)).create().create_index(schema())
    writer = writer_class(index, limitmb=limitmb)
    for number, text in enumerate(documents):
        writer.add_document(id=str(number), body=text, exact=text)
    writer.commit()
    return index


def everything(index):
    """Every posting of every term with its weight and value, and the field lengths."""
    with index.searcher() as searcher:
        reader = searcher.reader()
        postings = {}
        for fieldname, term in reader.all_terms():
            matcher, found = reader.postings(fieldname, term), []
            while matcher.is_active():
                found.append((matcher.id(), matcher.weight(), matcher.value()))
                matcher.next()
            postings[fieldname, term] = found
            info = reader.term_info(fieldname, term)
            postings[fieldname, term, "lengths"] = (info.min_length(), info.max_length(), info.max_weight())
        lengths = [(reader.doc_field_length(d, "body"), reader.doc_field_length(d, "exact"))
                   for d in range(reader.doc_count_all())]
        return postings, lengths


def test_spilled_postings_make_the_same_index(tmp_path, monkeypatch):
    randomly = random.Random(3)
    documents = [" ".join(randomly.choice(WORDS) for _ in range(randomly.randint(5, 400))) for _ in range(1500)]
    spills = []
    real_write_run = writing._ChunkedPostingPool._write_run
    monkeypatch.setattr(writing._ChunkedPostingPool, "_write_run",
                        lambda self, f, items: spills.append(1) or real_write_run(self, f, items))
    monkeypatch.setattr(writing, "CHUNK_POSTINGS", 1000)  # several chunks per run

    ours = build(tmp_path / "ours", writing.BuildWriter, documents, limitmb=1)
    whoosh = build(tmp_path / "whoosh", SegmentWriter, documents, limitmb=1)

    assert len(spills) >= 2, "the postings did not spill: the test would not test the chunked runs"
    assert everything(ours) == everything(whoosh)
    assert not list((tmp_path / "ours").glob("*.tmp")), "temporary runs are removed"
