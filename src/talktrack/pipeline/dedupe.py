"""Near-duplicate articles: syndicated and lightly edited copies, found with MinHash LSH.

A wire story reprinted by another outlet keeps its text but not its bytes:
the headline changes, the last paragraph is trimmed, quotes are curled. The
exact-text check (TT160) misses such copies. Here a text is the set of its
word 5-grams ("shingles") after lowercasing, stripping punctuation and
collapsing whitespace; MinHash estimates the Jaccard similarity of two such
sets and an LSH index finds the candidates without comparing every pair.

Everything is deterministic (fixed seed, SHA-1 based hashing), so a
signature computed in a worker process matches one computed here, and the
same input order gives the same answer in every run. Free of spaCy.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace

import numpy as np
from datasketch import MinHash, MinHashLSH

from talktrack.model import Event, Span

SEED = 1
SCHEME = "affine32"  # datasketch 2's scheme, named: stored signatures must say how they were made
RECALL = 0.99  # chance that a pair exactly at the threshold is found as a candidate
_INWORD = re.compile(r"(?<=\w)['\u2019\u02bc.](?=\w)")  # "U.S." is "us", "don't" is "dont": deleted, not spaced

__all__ = [
    "NearDuplicates", "minhash", "normalize", "shingles", "SEED", "band_keys", "signature_bytes",
    "signature_from_bytes", "best_original", "copy_events",
]


def normalize(text: str) -> str:
    """Return `text` lowercased, punctuation and symbols stripped, whitespace collapsed.

    Typography is not content: curly and straight quotes, dashes, non-breaking
    spaces and letter case all normalize away.
    """
    text = _INWORD.sub("", unicodedata.normalize("NFKC", text).casefold())
    out = []
    for char in text:
        category = unicodedata.category(char)
        if category != "Cf":  # soft hyphens and zero-width spaces vanish
            out.append(" " if category[0] in "PSZC" else char)
    return " ".join("".join(out).split())


def shingles(text: str, size: int = 5) -> set[bytes]:
    """Return the word `size`-grams of the normalized text, encoded.

    A text of fewer than `size` words is its own single shingle, so short
    texts match only when their normalized texts are equal.
    """
    words = normalize(text).split()
    if len(words) < size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def minhash(text: str, num_perm: int = 128, shingle: int = 5) -> MinHash:
    """Return the MinHash signature of `text`; picklable, so worker processes can compute it.

    Pass the same `num_perm` and `shingle` as the NearDuplicates it will be added to.
    """
    signature = MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME)
    signature.update_batch(list(shingles(text, shingle)))  # a minimum: the order does not matter
    return signature


def _bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """Return LSH (bands, rows) with the most rows that still find a pair at `threshold` with RECALL.

    datasketch's own choice balances misses against false candidates: at
    0.8 and 128 permutations it finds only half the pairs with Jaccard 0.82.
    Candidates are checked against the estimated Jaccard anyway, so recall is
    what counts here.
    """
    for rows in range(num_perm, 0, -1):
        bands = num_perm // rows
        if 1 - (1 - threshold**rows) ** bands >= RECALL:
            return bands, rows
    return num_perm, 1


def band_keys(signature: MinHash, threshold: float) -> list[str]:
    """Return the LSH band keys of `signature` for `threshold`, for an index kept in a database.

    Two signatures are candidates when they share a key. The band layout is
    part of each key, so keys made under another threshold never match.
    """
    bands, rows = _bands(threshold, len(signature))
    values = signature.hashvalues
    return [
        f"{rows}.{i}." + hashlib.blake2b(values[i * rows : (i + 1) * rows].astype("<u4").tobytes(), digest_size=8).hexdigest()
        for i in range(bands)
    ]


def signature_bytes(signature: MinHash) -> bytes:
    """Return `signature`'s hash values as bytes, for storing."""
    return signature.hashvalues.astype("<u4").tobytes()


def signature_from_bytes(data: bytes) -> MinHash:
    """Return the signature `signature_bytes` stored."""
    values = np.frombuffer(data, dtype="<u4").astype(np.uint32)
    return MinHash(num_perm=len(values), seed=SEED, hashvalues=values, scheme=SCHEME)


def best_original(signature: MinHash, candidates: Iterable[tuple[str, MinHash]], threshold: float) -> tuple[str, float] | None:
    """Return the candidate whose estimated Jaccard with `signature` is highest and at least `threshold`.

    Ties go to the smallest id, so the answer does not depend on the order candidates come in
    (stored or not yet committed, one batch size or another).
    """
    best: tuple[str, float] | None = None
    for doc_id, other in candidates:
        score = signature.jaccard(other)
        if score >= threshold and (best is None or (-score, doc_id) < (-best[1], best[0])):
            best = (doc_id, score)
    return best


def copy_events(events: Iterable[Event], original_text: str, copy_id: str, copy_text: str) -> list[Event]:
    """Return the original's events as the copy reports them: the same records, evidence from the copy.

    Each evidence span of the original whose text the copy repeats verbatim
    becomes a span of the copy; an event none of whose evidence the copy
    repeats is left out. Merged with the original's events (same block, same
    facts), these add the copy as a source without adding a record.
    """
    out = []
    for event in events:
        spans = []
        for span in event.evidence:
            piece = original_text[span.start : span.end]
            at = copy_text.find(piece) if piece.strip() else -1
            if at >= 0:
                spans.append(Span(copy_id, at, at + len(piece)))
        if spans and (event.place or event.start):  # an event with neither cannot merge across documents
            out.append(replace(event, evidence=spans, participants=list(event.participants), topics=list(event.topics),
                               conflicts=[]))
    return out


class NearDuplicates:
    """An index of original articles that tells whether a new text copies one of them.

    `add` returns the id of the original a text nearly duplicates (estimated
    Jaccard of shingle sets >= `threshold`), or None, in which case the text
    is indexed as an original itself. Copies are not indexed: a copy of a
    copy points at the first original. Jaccard counts what a copy left out:
    one that drops a sixth of the original falls below the default 0.8, so
    lower `threshold` to link heavier cuts.
    """

    def __init__(self, threshold: float = 0.8, num_perm: int = 128, shingle: int = 5) -> None:
        if not 0 < threshold <= 1:
            raise ValueError(f"threshold must lie in (0, 1], not {threshold}")
        if num_perm < 1 or shingle < 1:
            raise ValueError("num_perm and shingle must be positive")
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle = shingle
        self._lsh = MinHashLSH(num_perm=num_perm, params=_bands(threshold, num_perm))
        self._originals: dict[str, tuple[int, MinHash]] = {}

    def __len__(self) -> int:
        """Return how many originals are indexed."""
        return len(self._originals)

    def minhash(self, text: str) -> MinHash:
        """Return the signature of `text` with this index's parameters."""
        return minhash(text, self.num_perm, self.shingle)

    def add(self, doc_id: str, text: str) -> str | None:
        """Return the id of the original `text` nearly duplicates, or None after indexing it as one."""
        return self.add_signature(doc_id, self.minhash(text))

    def add_signature(self, doc_id: str, signature: MinHash) -> str | None:
        """Like `add`, for a signature computed beforehand (by `minhash`, perhaps in another process).

        Raises ValueError for a signature made with other parameters, or an id already indexed.
        """
        if len(signature) != self.num_perm or signature.seed != SEED:
            raise ValueError(f"signature of {doc_id!r} has other parameters than this index (num_perm={self.num_perm})")
        if doc_id in self._originals:
            raise ValueError(f"{doc_id!r} was already added")
        original = self._best_match(signature)
        if original is None:
            self._originals[doc_id] = (len(self._originals), signature)
            self._lsh.insert(doc_id, signature)
        return original

    def _best_match(self, signature: MinHash) -> str | None:
        """Return the original most similar to `signature` at or above the threshold; ties go to the smallest id."""
        found = best_original(signature, ((key, self._originals[key][1]) for key in self._lsh.query(signature)), self.threshold)
        return found[0] if found else None
