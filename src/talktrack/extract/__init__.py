"""Extractors: small functions from a parsed document to records, in one registry (`registry`).

Importing this package registers every extractor (their modules, in a fixed
order); `run_extractors` runs them on a parsed document. Later layers
(statements, time, events, topics) register as they land.
"""

from talktrack.extract import entities as _entities  # noqa: F401  (registration happens on import)
from talktrack.extract import published as _published  # noqa: F401
from talktrack.extract import timex as _timex  # noqa: F401
from talktrack.extract import topics as _topics  # noqa: F401
from talktrack.extract import statements as _statements  # noqa: F401
from talktrack.extract import events as _events  # noqa: F401
from talktrack.extract.registry import EXTRACTORS, Extractor, extractor, extractor_order, run_extractors

__all__ = ["EXTRACTORS", "Extractor", "extractor", "extractor_order", "run_extractors"]
