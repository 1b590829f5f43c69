"""Topics: which issues a sentence or statement touches, from a taxonomy that is data.

The bundled data/taxonomy.yaml covers trade negotiations (tariffs and their
kinds, export controls, rare earths, farm purchases, port fees ...); another
negotiation brings its own file (setting `taxonomy`). Phrases match on
lowercased words ("Section 301"), lemmas on spaCy lemmas in order ("export
control" also finds "export controls").
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans
from spacy.vocab import Vocab

from talktrack.extract.registry import extractor
from talktrack.model import Document, Layers, TopicMention
from talktrack.settings import Settings
from talktrack.taxonomy import Taxonomy, load_taxonomy


_MATCHERS: dict[tuple[int, Path | None], tuple[PhraseMatcher, PhraseMatcher]] = {}


def topic_matchers(vocab: Vocab, taxonomy: Taxonomy, key: Path | None) -> tuple[PhraseMatcher, PhraseMatcher]:
    """Return phrase and lemma matchers for the taxonomy, built once per pipeline and file.

    PhraseMatcher looks patterns up by hash, so its cost does not grow with the
    size of the taxonomy (the token Matcher's did, linearly).
    """
    cache_key = (id(vocab), key)
    if cache_key not in _MATCHERS:
        phrases = PhraseMatcher(vocab, attr="LOWER")
        lemmas = PhraseMatcher(vocab, attr="LEMMA")
        tokenizer = spacy.blank("en").tokenizer  # the same rules split "leaders' meeting" as in the text
        for topic_id in taxonomy.topics:
            if taxonomy.phrases[topic_id]:
                phrases.add(topic_id, [tokenizer(p) for p in taxonomy.phrases[topic_id]])
            if taxonomy.lemmas[topic_id]:
                docs = []
                for seq in taxonomy.lemmas[topic_id]:
                    words = seq.lower().split()
                    docs.append(Doc(vocab, words=words, lemmas=words))
                lemmas.add(topic_id, docs)
        _MATCHERS[cache_key] = (phrases, lemmas)
    return _MATCHERS[cache_key]


@extractor("topics")
def find_topics(document: Document, doc: Doc, settings: Settings, _layers: Layers) -> Iterator[TopicMention]:
    """Yield the topic signals in `doc`, longest match first where they overlap, in text order."""
    taxonomy = load_taxonomy(settings.taxonomy)
    phrases, lemmas = topic_matchers(doc.vocab, taxonomy, settings.taxonomy)
    spans = filter_spans(list(phrases(doc, as_spans=True)) + list(lemmas(doc, as_spans=True)))
    for span in sorted(spans, key=lambda s: s.start):
        yield TopicMention(document.id, span.start_char, span.end_char, span.label_)
