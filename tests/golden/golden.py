"""Golden files: compare a summary with the hand-reviewed expectation, never rewrite it.

A difference writes `<name>.actual.json` beside the expected file and fails;
a person reads the diff and copies the file over when the change is right.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from talktrack.model import Ledger

HERE = Path(__file__).resolve().parent


def people_summary(ledger: Ledger) -> dict[str, Any]:
    """Return what a reader checks by eye: documents' parts, and each person with titles and side."""
    return {
        "documents": [
            {
                "source": Path(d.source or "").name,
                "title": d.title,
                "outlet": d.outlet,
                "published": d.published,
                "sections": [s.kind for s in d.sections],
            }
            for d in ledger.documents
        ],
        "people": [
            {
                "name": e.name,
                "country": e.country,
                "aliases": sorted(e.aliases),
                "titles": [[t.title, t.organization] for t in e.titles],
            }
            for e in ledger.entities
            if e.type == "person"
        ],
    }


def check_golden(name: str, actual: dict[str, Any]) -> None:
    """Assert that `actual` equals the golden file `name`; on a difference write the .actual.json."""
    expected_path = HERE / f"{name}.json"
    actual_path = HERE / f"{name}.actual.json"
    text = json.dumps(actual, indent=2, ensure_ascii=False) + "\n"
    if expected_path.exists() and expected_path.read_text(encoding="utf-8") == text:
        actual_path.unlink(missing_ok=True)
        return
    actual_path.write_text(text, encoding="utf-8")
    raise AssertionError(f"{expected_path.name} differs from the output: review {actual_path.name} and copy it over if right")
