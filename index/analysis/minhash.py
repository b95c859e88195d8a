"""MinHash signatures of an article's word shingles, computed once per
article at index time (in the index workers) and stored with it, so that
finding the copies of one wire story across the corpus
(``index/story/syndication.py``) reads no article text.

A shingle is three consecutive words of the body (lower-cased; runs of
ASCII letters and digits, so that punctuation, curly or straight quotes and
accents do not tell two copies apart); the signature is, for each of 128 fixed hash functions, the
smallest hash of any shingle. Two articles agree on a signature slot with
probability equal to the Jaccard similarity of their shingle sets, so the
share of agreeing slots estimates it (±0.04 at 128 slots), and with the two
shingle counts it also estimates how much of the shorter one the longer
contains — what an edited copy keeps when paragraphs are cut.
"""

from __future__ import annotations

import base64
import re
import zlib
from dataclasses import dataclass

import numpy as np

PERMUTATIONS = 128
SHINGLE_WORDS = 3
# Fewer shingles than this (a brief of some twenty words) is too little text
# to tell a copy from two articles that share a sentence: no signature.
MIN_SHINGLES = 20

_WORD = re.compile(rb"\w+")  # on bytes: ASCII words
# Fixed seeds: signatures made in different processes, sessions and
# versions must be comparable slot by slot. Changing them (or the shingles)
# needs a new index (SCHEMA_VERSION).
_RANDOM = np.random.default_rng(20_240_502)
# Multiply-shift hashing: (a·x + b) mod 2^64, its high 32 bits; a odd.
_MULTIPLIERS = _RANDOM.integers(0, 2**64 - 1, PERMUTATIONS, dtype=np.uint64, endpoint=True) | np.uint64(1)
_INCREMENTS = _RANDOM.integers(0, 2**64 - 1, PERMUTATIONS, dtype=np.uint64, endpoint=True)
# Odd constants that mix the word hashes of one shingle into 64 bits.
_MIX = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F))


@dataclass(frozen=True, slots=True)
class Signature:
    """``values``: 128 unsigned 32-bit minima; ``shingles``: how many distinct shingles."""

    values: np.ndarray
    shingles: int

    def encoded(self) -> str:
        """The values as base64 (little-endian), as stored."""
        return base64.b64encode(self.values.astype("<u4").tobytes()).decode("ascii")

    @classmethod
    def decoded(cls, text: str, shingles: int) -> Signature:
        values = np.frombuffer(base64.b64decode(text), dtype="<u4")
        if values.shape != (PERMUTATIONS,):
            raise ValueError(f"a signature has {PERMUTATIONS} values, not {values.size}")
        return cls(values.astype(np.uint32), shingles)


def shingle_hashes(text: str) -> np.ndarray:
    """The distinct 64-bit hashes of ``text``'s three-word shingles."""
    words = _WORD.findall(text.lower().encode("utf-8"))
    if len(words) < SHINGLE_WORDS:
        return np.empty(0, dtype=np.uint64)
    # crc32, not hash(): Python's string hash differs in every process.
    hashed = np.fromiter(map(zlib.crc32, words), dtype=np.uint64, count=len(words))
    with np.errstate(over="ignore"):  # wrapping is the arithmetic meant
        mixed = hashed[:-2] * _MIX[0] + hashed[1:-1] * _MIX[1] + hashed[2:]
    return np.unique(mixed)


def signature(text: str) -> Signature | None:
    """The MinHash signature of ``text``, or None when it is too short to have one."""
    shingles = shingle_hashes(text)
    if shingles.size < MIN_SHINGLES:
        return None
    with np.errstate(over="ignore"):
        hashed = shingles[:, None] * _MULTIPLIERS[None, :]
        hashed += _INCREMENTS
    # The high 32 bits of the minimum are the minimum of the high 32 bits.
    values = (hashed.min(axis=0) >> np.uint64(32)).astype(np.uint32)
    return Signature(values, int(shingles.size))
