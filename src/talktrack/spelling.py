"""Names spelt one letter off: what the spaCy components and the resolution across documents both check.

Free of spaCy, so resolve/ uses it without loading a model.
"""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein


def misspelt(bare: str, surname: str) -> bool:
    """Return True for a surname spelt one letter off in the same article ("Dombroskis" for "Dombrovskis").

    Short names are left alone: "Kim" and "Kin" are different people.
    """
    return min(len(bare), len(surname)) >= 6 and bare[0] == surname[0] and Levenshtein.distance(bare, surname) == 1
