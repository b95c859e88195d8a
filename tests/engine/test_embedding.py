"""Sentence meaning from the packaged static model: paraphrases rank above
unrelated sentences, vectors are unit length, odd text never crashes, and
the model is read only when a comparison asks for it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from ceasefire_tui.index.compare import embedding, sentence_vectors, similarity_matrix
from ceasefire_tui.index.compare.embedding import EmbeddingModelMissing, StaticEmbedding
from ceasefire_tui.index.compare.wordpiece import WordPieceTokenizer

PARAPHRASES = json.loads((Path(__file__).resolve().parents[1] / "data" / "paraphrases.json").read_text("utf-8"))
SIDE_A = [pair["a"] for pair in PARAPHRASES["pairs"]]
SIDE_B = [pair["b"] for pair in PARAPHRASES["pairs"]]
REPO = Path(__file__).resolve().parents[2]


def rank_first(scores: np.ndarray) -> int:
    return int(sum(np.argmax(scores[i]) == i for i in range(len(scores))))


def auc(scores: np.ndarray) -> float:
    """How often a true pair outscores an unrelated one (ties count half)."""
    true = np.diag(scores)
    unrelated = scores[~np.eye(len(scores), dtype=bool)]
    return float(np.mean([(score > unrelated).mean() + 0.5 * (score == unrelated).mean() for score in true]))


def word_overlap(a: str, b: str) -> float:
    left, right = (set(re.findall(r"[a-z0-9]+", text.lower())) for text in (a, b))
    return len(left & right) / len(left | right)


def test_paraphrases_rank_above_unrelated_sentences():
    scores = similarity_matrix(SIDE_A, SIDE_B)
    assert scores.shape == (len(SIDE_A), len(SIDE_B))
    # Each event has two facts: the unrelated partners include a sentence on
    # the same event that reports something else.
    assert rank_first(scores) >= 20, rank_first(scores)
    assert auc(scores) >= 0.95
    assert float(np.diag(scores).mean()) > float(scores[~np.eye(len(scores), dtype=bool)].mean()) + 0.3


def test_meaning_beats_plain_word_overlap_on_paraphrases():
    overlap = np.array([[word_overlap(a, b) for b in SIDE_B] for a in SIDE_A])
    scores = similarity_matrix(SIDE_A, SIDE_B)
    assert rank_first(scores) > rank_first(overlap)
    assert auc(scores) > auc(overlap)
    # "Lifted the key lending rate by 25 basis points" shares no content word
    # with "raised its benchmark interest rate by a quarter of a percentage
    # point" but "rate"; its meaning still puts it first.
    index = next(i for i, text in enumerate(SIDE_A) if "benchmark interest rate" in text)
    assert np.argmax(scores[index]) == index


def test_vectors_are_unit_rows_of_float32():
    vectors = sentence_vectors(SIDE_A)
    assert vectors.dtype == np.float32
    assert vectors.shape == (len(SIDE_A), embedding.embedding_model().dimensions)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    # The same text gives the same vector, alone or in a batch.
    assert np.allclose(sentence_vectors([SIDE_A[3]])[0], vectors[3], atol=1e-6)


def test_similarity_is_cosine_and_symmetric():
    a, b = SIDE_A[:5], SIDE_B[:7]
    scores = similarity_matrix(a, b)
    assert np.allclose(scores, sentence_vectors(a) @ sentence_vectors(b).T, atol=1e-5)
    assert np.allclose(similarity_matrix(b, a), scores.T, atol=1e-6)
    assert np.allclose(np.diag(similarity_matrix(a, a)), 1.0, atol=1e-5)
    assert scores.max() <= 1.0 and scores.min() >= -1.0


ODD_TEXTS = [
    "",
    "   \n\t ",
    "...!?—",
    "\x1b[2J\x1b[31mRED ALERT\x1b[0m",
    "\x00\x07\x08 bell",
    "🙂🙂",
    "Déjà vu in Zürich, İstanbul and 北京",
    "word " * 2000,  # 10,000 characters in one "sentence"
    "x" * 10_000,  # one 10,000-character word
]


def test_odd_text_never_crashes():
    vectors = sentence_vectors(ODD_TEXTS)
    assert vectors.shape[0] == len(ODD_TEXTS)
    assert np.isfinite(vectors).all()
    norms = np.linalg.norm(vectors, axis=1)
    # No known token: a zero row, similar to nothing.
    for text in ("", "   \n\t ", "🙂🙂", "x" * 10_000):
        assert norms[ODD_TEXTS.index(text)] == 0.0, repr(text[:20])
    for text in ("...!?—", "\x1b[2J\x1b[31mRED ALERT\x1b[0m", "Déjà vu in Zürich, İstanbul and 北京", "word " * 2000):
        assert norms[ODD_TEXTS.index(text)] == pytest.approx(1.0, abs=1e-5)
    scores = similarity_matrix(ODD_TEXTS, ["The river burst its banks."])
    assert scores[ODD_TEXTS.index("")][0] == 0.0
    assert np.isfinite(scores).all()


def test_empty_batches_have_the_right_shapes():
    dimensions = embedding.embedding_model().dimensions
    assert sentence_vectors([]).shape == (0, dimensions)
    assert similarity_matrix([], ["a sentence"]).shape == (0, 1)
    assert similarity_matrix(["a sentence"], []).shape == (1, 0)


def test_tokens_are_bert_uncased_wordpieces():
    tokens = (embedding.MODEL_DIR / "vocab.txt").read_text("utf-8").splitlines()
    tokenizer = WordPieceTokenizer({token: row for row, token in enumerate(tokens)})

    def pieces(text: str) -> list[str]:
        return [tokens[i] for i in tokenizer.ids(text)]

    # Reference pieces from the Hugging Face tokenizer of the distilled model.
    assert pieces("Cease-fire talks resumed in Doha.") == ["cease", "-", "fire", "talks", "resumed", "in", "doha", "."]
    assert pieces("Déjà vu at the Café Zürich") == ["de", "##ja", "vu", "at", "the", "cafe", "zurich"]
    assert pieces("The unaffordable rent") == ["the", "una", "##ff", "##ord", "##able", "rent"]
    assert pieces("\x1b[31mALERT\x1b[0m") == ["[", "31", "##mal", "##ert", "[", "0", "##m"]
    assert pieces("Beijing 北京") == ["beijing", "北", "京"]
    assert pieces("🙂") == []
    assert len(tokenizer.ids("word " * 2000, limit=512)) == 512


def test_a_broken_model_folder_is_one_clear_error(tmp_path):
    broken = tmp_path / "minilm"
    shutil.copytree(embedding.MODEL_DIR, broken)
    (broken / "vocab.txt").write_text("[PAD]\n[UNK]\n", encoding="utf-8")
    with pytest.raises(EmbeddingModelMissing, match="2 tokens for 29525 vectors; reinstall"):
        StaticEmbedding.load(broken)
    (broken / "model.npz").unlink()
    with pytest.raises(EmbeddingModelMissing, match="cannot be read"):
        StaticEmbedding.load(broken)


def test_the_model_is_read_only_when_a_comparison_asks():
    probe = (
        "import sys\n"
        "import index\n"
        "assert 'ceasefire_tui.index.compare.embedding' not in sys.modules, 'import index imported the embedding module'\n"
        "assert 'numpy' not in sys.modules, 'import index imported numpy'\n"
        "from ceasefire_tui.index.compare import embedding, sentence_vectors\n"
        "assert not embedding.model_loaded(), 'importing ceasefire_tui.index.compare read the model'\n"
        "sentence_vectors(['The dam held.'])\n"
        "assert embedding.model_loaded()\n"
        "first = embedding.embedding_model()\n"
        "sentence_vectors(['Another sentence.'])\n"
        "assert embedding.embedding_model() is first, 'the model was read twice'\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr


def test_the_model_ships_with_its_licence_and_within_budget():
    folder = embedding.MODEL_DIR
    assert "Apache License" in (folder / "LICENSE").read_text("utf-8")
    notice = (folder / "NOTICE").read_text("utf-8")
    assert "sentence-transformers/all-MiniLM-L6-v2" in notice and "Apache License" in notice
    provenance = json.loads((folder / "model.json").read_text("utf-8"))
    assert provenance["source_sha256"]["model.safetensors"] == (
        "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
    )
    assert sum(path.stat().st_size for path in folder.iterdir()) <= 8_000_000


def test_comparisons_starting_at_once_read_the_model_once(monkeypatch):
    import threading

    monkeypatch.setattr(embedding, "_model", None)
    reads = []
    real_load = StaticEmbedding.load

    def counted_load(*args, **kwargs):
        reads.append(threading.current_thread().name)
        return real_load(*args, **kwargs)

    monkeypatch.setattr(StaticEmbedding, "load", counted_load)
    start = threading.Barrier(6)
    results: list[np.ndarray] = []

    def compare() -> None:
        start.wait()
        results.append(similarity_matrix(SIDE_A[:3], SIDE_B[:3]))

    workers = [threading.Thread(target=compare) for _ in range(6)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert len(results) == 6 and len(reads) == 1
    assert all(np.array_equal(result, results[0]) for result in results)
