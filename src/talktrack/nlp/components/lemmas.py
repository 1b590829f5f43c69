"""`talktrack_lemmas`: the model's own rule lemmatizer, applied a document at a time through arrays.

Reads: ORTH, POS, MORPH and LEMMA (after the attribute rules). Writes: LEMMA where it is unset.

spaCy's rule lemmatizer costs nearly as much as the tagger on news copy, for
two reasons this component removes. It checks every candidate form against
the model's word index with `form in index`, and the index is a list (57,528
nouns): the lists become sets, once, when the component is made. And it
makes a Token object for every word to set its lemma: a rule lemma depends
only on the word, its part of speech and its morphology (spaCy's own lemma
cache is keyed so), so this component reads those three columns as one
array, asks the lemmatizer once per distinct key, and writes the LEMMA
column back in one call. The lemmas are the lemmatizer's own, word for word
(tests/nlp/test_lemmas.py compares them on real articles); lemmas the
attribute ruler already set are kept, as the lemmatizer keeps them. The
table keeps lemmas as strings, not as hashes, so it outlives a spaCy
memory zone (whose strings are dropped when it ends); it and the
lemmatizer's own cache are emptied together when the table is full.
"""

from __future__ import annotations

from typing import cast

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc
from thinc.types import Ints2d

NAME = "talktrack_lemmas"
MAX_KEYS = 200_000  # (word, POS, morphology) lemmas kept


class ArrayLemmatizer:
    """Set each unset lemma from `lemmatizer`, asking it once per (word, POS, morphology)."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer  # the pipeline's own, which this component replaces: its tables are ours to index
        index = lemmatizer.lookups.get_table("lemma_index", {})
        for pos in list(index.keys()):
            index[pos] = frozenset(index[pos])  # rule_lemmatize only asks `form in index`
        self.cache: dict[tuple[int, int, int], str] = {}

    def __call__(self, doc: Doc) -> Doc:
        columns = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = cast(Ints2d, columns[:, 3:4].copy())  # one column: LEMMA
        strings = doc.vocab.strings
        for i, (orth, pos, morph, lemma) in enumerate(columns.tolist()):
            if lemma:
                continue
            key = (orth, pos, morph)
            found = self.cache.get(key)
            if found is None:
                if len(self.cache) >= MAX_KEYS:  # a long run meets ever rarer words: start again, not grow
                    self.cache.clear()
                    self.lemmatizer.cache.clear()
                found = self.cache[key] = self.lemmatizer.lemmatize(doc[i])[0]
            lemmas[i, 0] = strings.add(found)
        doc.from_array([LEMMA], lemmas)
        return doc


def takes_over(nlp: Language) -> bool:
    """Return whether `nlp`'s lemmatizer is one this component can stand in for: rule mode, no overwrite, and
    the tables that mode needs (without them spaCy's own lemmatizer stops with its error, E1004)."""
    if "lemmatizer" not in nlp.pipe_names:
        return False
    stock = nlp.get_pipe("lemmatizer")
    if not isinstance(stock, Lemmatizer) or stock.mode != "rule" or stock.overwrite:
        return False
    required, _ = stock.get_lookups_config("rule")
    return all(stock.lookups.has_table(table) for table in required)


@Language.factory(NAME)
def make_lemmas(nlp: Language, name: str) -> ArrayLemmatizer:
    """Return the component standing in for `nlp`'s own "lemmatizer", whose tables it uses."""
    stock = nlp.get_pipe("lemmatizer")
    assert isinstance(stock, Lemmatizer)
    return ArrayLemmatizer(stock)
