"""Topics: which issues a sentence or statement touches, from a taxonomy that is data.

The bundled data/taxonomy.yaml covers trade negotiations (tariffs and their
kinds, export controls, rare earths, farm purchases, port fees ...); another
negotiation brings its own file (setting `taxonomy`). Phrases match on
lowercased words ("Section 301"), lemmas on spaCy lemmas in order ("export
control" also finds "export controls").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import spacy
import yaml
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans
from spacy.vocab import Vocab

from talktrack.errors import TalktrackError
from talktrack.extract import extractor
from talktrack.model import Document, Topic, TopicMention
from talktrack.settings import Settings


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """Topics by id, each with the phrases and lemma sequences that signal it."""

    topics: dict[str, Topic]
    phrases: dict[str, tuple[str, ...]]
    lemmas: dict[str, tuple[str, ...]]

    def lineage(self, topic_id: str) -> list[str]:
        """Return the topic and its ancestors, nearest first."""
        out: list[str] = []
        while topic_id and topic_id in self.topics and topic_id not in out:
            out.append(topic_id)
            topic_id = self.topics[topic_id].parent or ""
        return out


@lru_cache(maxsize=4)
def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """Return the taxonomy at `path`, or the bundled one; raise TT304 when it cannot be used."""
    source = path if path is not None else resources.files("talktrack") / "data" / "taxonomy.yaml"
    try:
        raw: dict[str, Any] = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
        entries = raw["topics"]
        topics = {str(t["id"]): Topic(str(t["id"]), str(t.get("label") or t["id"]), t.get("parent")) for t in entries}
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise TalktrackError("TT304", path=source, reason=exc) from exc
    for topic in topics.values():
        if topic.parent is not None and topic.parent not in topics:
            raise TalktrackError("TT304", path=source, reason=f"topic {topic.id!r} has unknown parent {topic.parent!r}")
    return Taxonomy(
        topics=topics,
        phrases={str(t["id"]): tuple(str(p) for p in t.get("phrases") or []) for t in entries},
        lemmas={str(t["id"]): tuple(str(p) for p in t.get("lemmas") or []) for t in entries},
    )


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
def find_topics(document: Document, doc: Doc, settings: Settings, _layers: dict[str, list[Any]]) -> Iterator[TopicMention]:
    """Yield the topic signals in `doc`, longest match first where they overlap, in text order."""
    taxonomy = load_taxonomy(settings.taxonomy)
    phrases, lemmas = topic_matchers(doc.vocab, taxonomy, settings.taxonomy)
    spans = filter_spans(list(phrases(doc, as_spans=True)) + list(lemmas(doc, as_spans=True)))
    for span in sorted(spans, key=lambda s: s.start):
        yield TopicMention(document.id, span.start_char, span.end_char, span.label_)
