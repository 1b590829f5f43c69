"""Resolve: records across documents, without spaCy."""

from talktrack.resolve.names import resolve_entities

__all__ = ["resolve_entities"]
