"""The ledger as JSON: the public contract in data/ledger-1.schema.json.

`ledger_to_dict` writes every field the schema requires, in the schema's
names. Per-document ledgers keep a merged event whole, evidence from other
documents included, so the record says who else reported it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

import jsonschema

from talktrack.errors import TalktrackError
from talktrack.model import Document, Entity, Event, Ledger, Span, Statement, Timex, Topic

SCHEMA_ID = "talktrack.ledger/1"
SCHEMA_FILE = "ledger-1.schema.json"


@lru_cache(maxsize=1)
def ledger_schema() -> dict[str, Any]:
    """Return the ledger JSON Schema bundled with the package."""
    text = (resources.files("talktrack") / "data" / SCHEMA_FILE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _span(span: Span) -> dict[str, Any]:
    return {"doc": span.doc_id, "start": span.start, "end": span.end}


def document_to_dict(document: Document) -> dict[str, Any]:
    """Return one document record; `sections` and `duplicate_of` are additions the schema allows."""
    return {
        "id": document.id,
        "source": document.source,
        "title": document.title,
        "outlet": document.outlet,
        "url": document.url,
        "published": document.published,
        "published_basis": document.published_basis,
        "text": document.text,
        "sections": [{"kind": s.kind, "start": s.start, "end": s.end} for s in document.sections],
        "warnings": list(document.warnings),
        **({"duplicate_of": document.duplicate_of} if document.duplicate_of else {}),
    }


def entity_to_dict(entity: Entity, doc_ids: set[str] | None = None) -> dict[str, Any]:
    """Return one entity record, its mentions limited to `doc_ids` when given."""
    mentions = [m for m in entity.mentions if doc_ids is None or m.doc_id in doc_ids]
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "country": entity.country,
        "titles": [{"title": t.title, "organization": t.organization} for t in entity.titles],
        "mentions": [_span(m) for m in mentions],
    }


def timex_to_dict(timex: Timex) -> dict[str, Any]:
    """Return one time expression record."""
    return {
        "doc": timex.doc_id,
        "start": timex.start,
        "end": timex.end,
        "text": timex.text,
        "type": timex.type,
        "value": timex.value,
        "range": list(timex.range) if timex.range else None,
    }


def statement_to_dict(st: Statement) -> dict[str, Any]:
    """Return one statement record; `speaker.side`, `speaker.confidence`, `speaker.method`, `cue_span` and
    `date_basis` are additions the schema allows."""
    return {
        "id": st.id,
        "doc": st.doc_id,
        "start": st.start,
        "end": st.end,
        "content": st.content,
        "kind": st.kind,
        "speaker": {
            "entity": st.speaker_id, "name": st.speaker_name, "side": st.speaker_side,
            "confidence": st.speaker_confidence, "method": st.speaker_method,
        },
        "cue": st.cue,
        "via": list(st.via),
        "date": st.date,
        "topics": list(st.topics),
        "cue_span": None if st.cue_start is None else {"doc": st.doc_id, "start": st.cue_start, "end": st.cue_end},
        "date_basis": st.date_basis,
    }


def event_to_dict(event: Event) -> dict[str, Any]:
    """Return one event record; `conflicts`, `action`, the bases, `method` and `confidence` are additions the schema allows."""
    return {
        "id": event.id,
        "type": event.type,
        "title": event.title,
        "start": event.start,
        "end": event.end,
        "place": event.place,
        "status": event.status,
        "participants": [{"entity": p.entity_id, "name": p.name, "side": p.side, "role": p.role} for p in event.participants],
        "topics": list(event.topics),
        "outcome": event.outcome,
        "plover": event.plover,
        "evidence": [_span(s) for s in event.evidence],
        "conflicts": list(event.conflicts),
        "action": event.action,
        "start_basis": event.start_basis,
        "end_basis": event.end_basis,
        "place_basis": event.place_basis,
        "method": event.method,
        "confidence": event.confidence,
    }


def _ledger(
    documents: list[Document],
    entities: list[dict[str, Any]],
    timexes: list[Timex],
    statements: list[Statement],
    topics: list[Topic],
    events: list[Event],
) -> dict[str, Any]:
    return {
        "schema": SCHEMA_ID,
        "documents": [document_to_dict(d) for d in documents],
        "entities": entities,
        "timexes": [timex_to_dict(t) for t in timexes],
        "statements": [statement_to_dict(s) for s in statements],
        "events": [event_to_dict(e) for e in events],
        "topics": [{"id": t.id, "label": t.label, "parent": t.parent} for t in topics],
    }


def ledger_to_dict(ledger: Ledger) -> dict[str, Any]:
    """Return the whole ledger as a schema-shaped dict."""
    entities = [entity_to_dict(e) for e in ledger.entities]
    return _ledger(ledger.documents, entities, ledger.timexes, ledger.statements, ledger.topics, ledger.events)


def per_document(ledger: Ledger) -> list[dict[str, Any]]:
    """Return one ledger per document, each holding the entities mentioned in it (for JSON Lines)."""
    out = []
    for document in ledger.documents:
        ids = {document.id}
        entities = [entity_to_dict(e, ids) for e in ledger.entities if any(m.doc_id in ids for m in e.mentions)]
        timexes = [t for t in ledger.timexes if t.doc_id == document.id]
        statements = [s for s in ledger.statements if s.doc_id == document.id]
        events = [e for e in ledger.events if any(s.doc_id == document.id for s in e.evidence)]
        out.append(_ledger([document], entities, timexes, statements, _topics_of(ledger, document.id), events))
    return out


def _topics_of(ledger: Ledger, doc_id: str) -> list[Topic]:
    """Return the topics one document touches, with their ancestors."""
    parents = {t.id: t.parent for t in ledger.topics}
    wanted: set[str] = set()
    for mention in ledger.topic_mentions:
        topic: str | None = mention.topic if mention.doc_id == doc_id else None
        while topic and topic not in wanted:
            wanted.add(topic)
            topic = parents.get(topic)
    return [t for t in ledger.topics if t.id in wanted]


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    """Return the ledger schema's validator, the schema itself checked once per process, not once per ledger."""
    schema = ledger_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def validate_ledger(data: dict[str, Any]) -> None:
    """Raise TalktrackError (TT401) when `data` does not validate against the ledger schema."""
    error = jsonschema.exceptions.best_match(_validator().iter_errors(data))  # the error jsonschema.validate raises
    if error is not None:
        path = list(error.absolute_path)
        where = "/".join(str(p) for p in path)
        source = _source_of(data, path)
        reason = f"{where}: {error.message}" + (f" (a record from {source})" if source else "")
        raise TalktrackError("TT401", schema=SCHEMA_FILE, reason=reason)


def _source_of(data: dict[str, Any], path: list[str | int]) -> str | None:
    """Return where the document of the record at `path` was read from, when the record names one, for a bug report."""
    if len(path) < 2 or not isinstance(path[0], str) or not isinstance(path[1], int):
        return None
    records = data.get(path[0])
    record = records[path[1]] if isinstance(records, list) and path[1] < len(records) else None
    if not isinstance(record, dict):
        return None
    if path[0] == "documents":
        doc_id = record.get("id")
    else:  # the record's own span, or its first piece of evidence or mention
        spans = [record, *record.get("evidence", []), *record.get("mentions", [])]
        doc_id = next((s["doc"] for s in spans if isinstance(s, dict) and isinstance(s.get("doc"), str)), None)
    document = next((d for d in data.get("documents", []) if isinstance(d, dict) and d.get("id") == doc_id), None)
    return (document.get("source") or doc_id) if document else doc_id
