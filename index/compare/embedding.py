"""Sentences by meaning: vectors from a static model distilled from all-MiniLM-L6-v2.

The model in ``data/minilm/`` (built by ``scripts/distill_embeddings.py``;
Apache-2.0, see the NOTICE there) is one vector per WordPiece token. A
sentence's vector is the mean of its tokens' vectors, L2-normalised, so two
sentences' cosine similarity is a dot product. Words unknown to the
vocabulary add nothing; a text with no known token gets a zero vector, whose
similarity to anything is 0.

The model is read once, on the first call, never when the engine is imported:
most commands never compare. Loading is guarded by a lock because
comparisons run in worker threads.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from itertools import chain
from pathlib import Path

import numpy as np

from ..errors import CeasefireError
from .wordpiece import WordPieceTokenizer

MODEL_DIR = Path(__file__).resolve().parent / "data" / "minilm"


class EmbeddingModelMissing(CeasefireError):
    """The packaged embedding model cannot be read: the installation is incomplete."""


class StaticEmbedding:
    """Token vectors and the tokenizer that indexes them."""

    def __init__(self, tokenizer: WordPieceTokenizer, vectors: np.ndarray, scales: np.ndarray, max_tokens: int) -> None:
        # Kept as int8 with a scale per row, scaled only for the rows a call
        # uses: dequantising all 29,525 rows would cost more than the load.
        self._tokenizer = tokenizer
        self._vectors = vectors
        self._scales = scales.astype(np.float32)
        self._max_tokens = max_tokens

    @property
    def dimensions(self) -> int:
        return int(self._vectors.shape[1])

    @classmethod
    def load(cls, folder: Path = MODEL_DIR) -> StaticEmbedding:
        try:
            with np.load(folder / "model.npz", allow_pickle=False) as arrays:
                vectors, scales = arrays["vectors"], arrays["scales"]
            tokens = (folder / "vocab.txt").read_text(encoding="utf-8").splitlines()
            settings = json.loads((folder / "model.json").read_text(encoding="utf-8"))
        except (OSError, KeyError, ValueError) as error:
            raise EmbeddingModelMissing(
                f"The sentence-embedding model in {folder} cannot be read ({error}); reinstall ceasefire-tui."
            ) from error
        if not len(tokens) == len(vectors) == len(scales):
            raise EmbeddingModelMissing(
                f"The sentence-embedding model in {folder} has {len(tokens)} tokens for "
                f"{len(vectors)} vectors; reinstall ceasefire-tui."
            )
        tokenizer = WordPieceTokenizer({token: row for row, token in enumerate(tokens)})
        return cls(tokenizer, vectors, scales, int(settings["max_tokens"]))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised float32 row per text (zeros where no token is known)."""
        token_ids = [self._tokenizer.ids(text, self._max_tokens) for text in texts]
        vectors = np.zeros((len(token_ids), self.dimensions), dtype=np.float32)
        total = sum(map(len, token_ids))
        if not total:
            return vectors
        flat_ids = np.fromiter(chain.from_iterable(token_ids), dtype=np.intp, count=total)
        rows = self._vectors[flat_ids].astype(np.float32)
        rows *= self._scales[flat_ids, None]
        # Sums, not means: the direction is the same and the rows are
        # normalised next. A slice sum per text beats np.add.reduceat here.
        start = 0
        for row, ids in enumerate(token_ids):
            if ids:
                vectors[row] = rows[start : start + len(ids)].sum(axis=0)
                start += len(ids)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return np.divide(vectors, norms, out=vectors, where=norms > 0)


_model: StaticEmbedding | None = None
_model_lock = threading.Lock()


def embedding_model() -> StaticEmbedding:
    """The packaged model, read on first use and kept for the process."""
    global _model
    if _model is None:
        with _model_lock:
            if _model is None:
                _model = StaticEmbedding.load()
    return _model


def model_loaded() -> bool:
    """Whether the model has been read in this process (it costs a load only when comparing)."""
    return _model is not None


def sentence_vectors(texts: Sequence[str]) -> np.ndarray:
    """Shape (len(texts), d), float32, each row L2-normalised; a zero row for a text with no known token."""
    return embedding_model().encode(texts)


def similarity_matrix(a: Sequence[str], b: Sequence[str]) -> np.ndarray:
    """Cosine similarities, shape (len(a), len(b)), in [-1, 1]; 0 against a text with no known token."""
    model = embedding_model()
    # einsum's own single-threaded loop, not BLAS (``@``): for matrices this
    # small, BLAS's worker threads cost nothing on an idle machine but up to
    # 60 ms when the other core is busy, as it is while the TUI indexes.
    matrix = np.einsum("ik,jk->ij", model.encode(a), model.encode(b))
    return np.clip(matrix, -1.0, 1.0, out=matrix)
