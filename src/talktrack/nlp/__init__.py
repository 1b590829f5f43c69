"""NLP: the spaCy pipeline, loaded once per process, with talktrack's own components."""

from talktrack.nlp.pipeline import load_nlp, parse_documents

__all__ = ["load_nlp", "parse_documents"]
