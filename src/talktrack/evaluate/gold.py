"""Gold annotations: the hand-made JSON files `talktrack eval` scores against.

A gold file is a JSON object keyed by the article's file name
("ex01-vienna-talks.txt"; "feed.jsonl#2" for line 2 of a JSON Lines file).
Each document may carry any of "people", "not_people", "timexes",
"statements" and "events"; a layer is scored only on the documents that
carry its key (an empty list counts: "this article has none"). The
conventions are in examples/README.md ("Gold conventions").
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from talktrack.errors import TalktrackError
from talktrack.evaluate.statements import GoldStatement, gold_statement


@dataclass(frozen=True)
class GoldPerson:
    """A person the article names: canonical name, other forms it uses, side, titles."""

    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    titles: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoldTimex:
    """One time expression occurrence, in text order; `range` for "from Saturday to Sunday" spans."""

    text: str
    type: str
    value: str
    range: tuple[str, str] | None = None


@dataclass(frozen=True)
class GoldEvent:
    """One event the article reports: type, place, dates (YYYY-MM-DD or YYYY-MM), status, leads by side."""

    type: str
    place: str | None = None
    start: str | None = None
    end: str | None = None
    status: str | None = None
    leads: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    topics: tuple[str, ...] = ()


@dataclass
class GoldDocument:
    """Everything annotated for one article; None for a layer the file does not annotate."""

    key: str
    people: list[GoldPerson] | None = None
    not_people: list[str] = field(default_factory=list)
    timexes: list[GoldTimex] | None = None
    statements: list[GoldStatement] | None = None
    events: list[GoldEvent] | None = None

    @property
    def topics(self) -> set[str] | None:
        """The topic ids of the gold events and statements; None when neither annotates topics."""
        annotated = [s.topics for s in self.statements or () if s.topics is not None]
        if self.events is None and not annotated:
            return None
        found = {t for e in self.events or () for t in e.topics}
        return found | {t for topics in annotated for t in topics}


class GoldFormatError(ValueError):
    """A gold file whose content does not have the expected shape."""


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise GoldFormatError(f"{where}: expected a list of strings")
    return tuple(value)


def _person(item: Mapping[str, Any]) -> GoldPerson:
    return GoldPerson(
        name=item["name"], aliases=_strings(item.get("aliases"), "aliases"),
        country=item.get("country"), titles=_strings(item.get("titles"), "titles"),
    )


def _timex(item: Mapping[str, Any]) -> GoldTimex:
    span = item.get("range")
    if span is not None and (not isinstance(span, list) or len(span) != 2):
        raise GoldFormatError("range: expected [first, last]")
    return GoldTimex(text=item["text"], type=item["type"], value=item["value"],
                     range=None if span is None else (span[0], span[1]))


def _event(item: Mapping[str, Any]) -> GoldEvent:
    leads = item.get("leads") or {}
    if not isinstance(leads, dict):
        raise GoldFormatError("leads: expected an object of side code to names")
    return GoldEvent(
        type=item["type"], place=item.get("place"), start=item.get("start"), end=item.get("end"),
        status=item.get("status"), leads={side: _strings(names, f"leads.{side}") for side, names in leads.items()},
        topics=_strings(item.get("topics"), "topics"),
    )


def _records(document: Mapping[str, Any], name: str, parse: Any) -> list[Any] | None:
    items = document.get(name)
    if items is None:
        return None
    if not isinstance(items, list):
        raise GoldFormatError(f"{name!r} is not a list")
    out = []
    for number, item in enumerate(items, 1):
        try:
            if not isinstance(item, dict):
                raise GoldFormatError("not an object")
            out.append(parse(item))
        except KeyError as missing:
            raise GoldFormatError(f"{name} item {number} has no {missing}") from None
        except GoldFormatError as error:
            raise GoldFormatError(f"{name} item {number}: {error}") from None
    return out


def gold_documents(data: Any) -> dict[str, GoldDocument]:
    """Return the gold documents of a gold file's parsed JSON; raise GoldFormatError on a bad shape."""
    if not isinstance(data, dict):
        raise GoldFormatError("the file is not a JSON object keyed by article file name")
    out: dict[str, GoldDocument] = {}
    for key, document in data.items():
        if not isinstance(document, dict):
            raise GoldFormatError(f"document {key!r} is not an object")
        try:
            out[key] = GoldDocument(
                key=key,
                people=_records(document, "people", _person),
                not_people=list(_strings(document.get("not_people"), "not_people")),
                timexes=_records(document, "timexes", _timex),
                statements=_records(document, "statements", gold_statement),
                events=_records(document, "events", _event),
            )
        except GoldFormatError as error:
            raise GoldFormatError(f"document {key!r}: {error}") from None
    return out


def load_gold(path: str | Path) -> dict[str, GoldDocument]:
    """Return the gold documents of the file at `path`; raise TalktrackError TT501 when it cannot be read."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return gold_documents(data)
    except OSError as error:
        reason = error.strerror or type(error).__name__
    except UnicodeDecodeError as error:
        reason = f"not UTF-8: {error.reason}"
    except json.JSONDecodeError as error:
        reason = f"not JSON: {error.msg} at line {error.lineno}"
    except GoldFormatError as error:
        reason = str(error)
    raise TalktrackError("TT501", path=path, reason=reason)
