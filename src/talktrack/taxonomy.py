"""The topic taxonomy as data: topics with their parents, and the words that signal each.

The bundled data/taxonomy.yaml covers trade negotiations; another
negotiation brings its own file (setting `taxonomy`). Reading it needs no
spaCy: the store and the queries use the topics and their lineage, and
`extract.topics` matches the words.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from talktrack.datafiles import parse_yaml
from talktrack.errors import TalktrackError
from talktrack.model import Topic


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
        raw: dict[str, Any] = parse_yaml(source.read_text(encoding="utf-8")) or {}
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
