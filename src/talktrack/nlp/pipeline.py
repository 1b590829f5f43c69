"""Load the spaCy pipeline once per process and stream documents through it in batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from talktrack.errors import TalktrackError
from talktrack.model import Document
from talktrack.nlp.components import attributes, lemmas, newsroom, person_names, section_breaks  # noqa: F401  (registers them)
from talktrack.settings import Settings


@lru_cache(maxsize=4)
def _load(model: str, gazetteers: tuple[Path, ...]) -> Language:
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise TalktrackError("TT301", model=model) from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("talktrack_section_breaks", before="parser")
    if attributes.takes_over(nlp):  # the same rules, worked out once per kind of word
        nlp.add_pipe(attributes.NAME, after="attribute_ruler")
        nlp.remove_pipe("attribute_ruler")
    if lemmas.takes_over(nlp):  # the same lemmas, without a Token object per word
        nlp.add_pipe(lemmas.NAME, after="lemmatizer")
        nlp.remove_pipe("lemmatizer")
    if "ner" in nlp.pipe_names:
        nlp.add_pipe("talktrack_split_ents", after="ner")
        nlp.add_pipe("talktrack_newsroom", after="talktrack_split_ents", config={"gazetteers": [str(p) for p in gazetteers]})
        nlp.add_pipe(
            "talktrack_person_names", after="talktrack_newsroom", config={"gazetteers": [str(p) for p in gazetteers]}
        )
    return nlp


def load_nlp(settings: Settings) -> Language:
    """Return the spaCy pipeline named by `settings.spacy_model`, loaded once per process.

    Ingest rejects texts over `max_chars` (TT114); spaCy's own limit (E088,
    which would stop the run) is raised to match when a user allows more.
    """
    nlp = _load(settings.spacy_model, tuple(settings.gazetteers))
    nlp.max_length = max(nlp.max_length, settings.max_chars)
    return nlp


def parse_documents(documents: Iterable[Document], settings: Settings) -> Iterator[tuple[Document, Doc]]:
    """Yield each document with its parse, streaming through `nlp.pipe` in batches.

    A near-duplicate is not parsed (its parse is of an empty text): its original's stands for it.
    """
    nlp = load_nlp(settings)
    pairs = (("" if d.duplicate_of else d.text, d) for d in documents)
    for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=settings.batch_size):
        yield document, doc
