"""Resolve: records across documents, without spaCy."""

from talktrack.resolve.names import name_keys, resolve_entities
from talktrack.resolve.rounds import block_of, merge_events
from talktrack.resolve.speakers import link_speakers

__all__ = ["resolve_entities", "link_speakers", "merge_events", "name_keys", "block_of"]
