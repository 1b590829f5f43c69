"""YAML data files, bundled or the user's, parsed with libyaml's C parser where PyYAML has it.

The bundled vocabulary (gazetteer, titles, cues, time grammar, taxonomy,
confidences ...) is about 200 KB of YAML read at every start; PyYAML's
pure-Python parser takes about 0.4 s over it, its C parser a seventh of
that, with the same data. Both are safe loaders: plain data only.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    """Return the plain data in YAML `text`; raises yaml.YAMLError where it is not YAML."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader (CSafeLoader or SafeLoader)


def bundled_yaml(name: str) -> Any:
    """Return the data in the package's data/`name`."""
    return parse_yaml((resources.files("talktrack") / "data" / name).read_text(encoding="utf-8"))
