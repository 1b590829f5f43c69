"""The web page's pages: server-rendered Jinja2 templates over the record the app serves.

Each page reads the record from the app (`api.read.record`) and renders a
template with autoescaping, so article text is shown as text, never as
markup; every fact links to its article with the evidence sentence
highlighted (`/documents/ID?start=&end=#hl`). The app, its limits, headers
and error pages are `web.app`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from importlib import resources
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from talktrack.api import read as api
from talktrack.confidence import inferred_why, is_doubtful, is_inferred
from talktrack.errors import TalktrackError
from talktrack.model import Participant
from talktrack.query.evidence import sentence_bounds
from talktrack.query.issues import with_ancestors
from talktrack.query.record import Record
from talktrack.query.search import HIT_END, HIT_START
from talktrack.web.chart import time_axis
from talktrack.web.feed import KIND_WORDS, atom_feed, record_path

EVENT_TYPES = ["talks", "call", "meeting", "summit", "visit", "briefing", "agreement", "threat", "measure", "deadline", "other"]
TEMPLATES = Jinja2Templates(directory=str(resources.files("talktrack.web") / "templates"))  # autoescapes .html templates
# stated or inferred, and how sure (docs/confidence.md): every page marks inferred dates and doubtful records alike
TEMPLATES.env.globals.update(inferred=is_inferred, why=inferred_why, doubtful=is_doubtful)

router = APIRouter()
Served = Annotated[Record, Depends(api.record)]


def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render template `name`; topic labels and side names instead of ids and codes, unless the page passes its own."""
    if "L" not in context:
        context["L"] = api.record(request).labels()
    return TEMPLATES.TemplateResponse(request, name, context, status_code=status)


def found(call: Any, *args: Any) -> Any:
    """Return `call(*args)`; a TalktrackError becomes the HTTP error it stands for (an unknown id: 404)."""
    try:
        return call(*args)
    except TalktrackError as exc:
        raise api.not_found(exc) from exc


@router.get("/api/docs", response_class=HTMLResponse, include_in_schema=False)
def api_docs_page(request: Request) -> HTMLResponse:
    return page(request, "api_docs.html", title="HTTP API", active=None, operations=_operations(request.app.openapi()))


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def timeline_page(request: Request, record: Served, since: api.DateQ = None, until: api.DateQ = None,
                  type: Annotated[str | None, Query(max_length=20)] = None) -> HTMLResponse:
    entries = record.timeline(since=since, until=until, types=[type] if type else None)
    return page(request, "timeline.html", title="Timeline", active="/", entries=entries, types=EVENT_TYPES,
                since=since, until=until, type=type)


@router.get("/chart", response_class=HTMLResponse, include_in_schema=False)
def chart_page(request: Request, record: Served, since: api.DateQ = None, until: api.DateQ = None) -> HTMLResponse:
    labels = record.labels()
    chart = time_axis(record.timeline(since=since, until=until), labels)
    return page(request, "chart.html", title="Chart", active="/chart", chart=chart, since=since, until=until, L=labels)


@router.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
def event_page(request: Request, record: Served, event_id: str) -> HTMLResponse:
    event = found(record.event, event_id)
    sides: dict[str, list[Participant]] = defaultdict(list)
    for p in sorted(event.participants, key=lambda p: (p.role != "lead", p.name)):
        sides[p.side or "unknown"].append(p)
    evidence = record.evidence(event.evidence)
    labels = record.labels()
    return page(request, "event.html", title=labels.event(event), active="/", event=event, L=labels,
                sides=dict(sides), evidence=evidence, quotes=record.event_quotes(event),
                reports=len({s.doc_id for s in event.evidence}), conflicts=_conflicts(record, event.conflicts))


@router.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
def document_page(request: Request, record: Served, doc_id: str, start: Annotated[int | None, Query(ge=0)] = None,
                  end: Annotated[int | None, Query(ge=0)] = None) -> HTMLResponse:
    doc = found(record.document, doc_id)
    text = doc.text
    if start is not None and end is not None and start < end <= len(text):
        a, b = sentence_bounds(text, start, end)
        a, b = min(a, start), max(b, end)
        parts = (text[:a], text[a:b], text[b:])
    else:
        parts = (text, "", "")
    return page(request, "document.html", title=doc.title or doc.id, active=None, doc=doc,
                before=parts[0], marked=parts[1], after=parts[2])


@router.get("/statements/{statement_id}", include_in_schema=False)
def statement_page(statement_id: str, record: Served) -> RedirectResponse:
    shown = found(record.show, statement_id)
    if shown.kind != "statement":
        raise HTTPException(404, f"no statement {statement_id!r}")
    r = shown.record
    return RedirectResponse(f"/documents/{r['doc']}?start={r['start']}&end={r['end']}#hl", status_code=303)


@router.get("/issues", response_class=HTMLResponse, include_in_schema=False)
def issues_page(request: Request, record: Served) -> HTMLResponse:
    rounds, issues, by_side = record.issue_board()
    parents = {i.topic: i.parent for i in issues}
    covered = {r.id: with_ancestors(r.topics, parents) for r in rounds}
    rounds = [r for r in rounds if r.topics]  # a round with nothing on the table adds an empty column
    return page(request, "issues.html", title="Issues", active="/issues", rounds=rounds, issues=issues,
                covered=covered, by_side=by_side)


@router.get("/issues/{topic}", response_class=HTMLResponse, include_in_schema=False)
def issue_page(request: Request, record: Served, topic: str) -> HTMLResponse:
    entries = found(record.issue, topic)
    label = next((x.label for x in record.topics() if x.id == topic), topic)
    sides = sorted({e.side or "?" for e in entries if e.kind == "statement"}, key=lambda s: (s == "?", s))
    return page(request, "issue.html", title=label, active="/issues", label=label, entries=entries, sides=sides)


@router.get("/people", response_class=HTMLResponse, include_in_schema=False)
def people_page(request: Request, record: Served) -> HTMLResponse:
    return page(request, "people.html", title="People", active="/people", people=record.people())


@router.get("/people/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
def person_page(request: Request, record: Served, entity_id: str) -> HTMLResponse:
    person = found(record.person, entity_id)
    return page(request, "person.html", title=person.name, active="/people", person=person,
                events=record.events_of(entity_id), quotes=record.quotes(speaker=entity_id))


@router.get("/quotes", response_class=HTMLResponse, include_in_schema=False)
def quotes_page(request: Request, record: Served, speaker: api.TextQ = None, topic: api.TextQ = None,
                side: Annotated[str | None, Query(max_length=60)] = None, since: api.DateQ = None, until: api.DateQ = None) -> HTMLResponse:
    f = {"speaker": speaker or None, "topic": topic or None, "side": side or None, "since": since or None, "until": until or None}
    rows = found(lambda: record.quotes(speaker=f["speaker"], topic=f["topic"], side=f["side"], since=f["since"], until=f["until"], limit=501))
    return page(request, "quotes.html", title="Quotes", active="/quotes", quotes=rows[:500], more=len(rows) > 500,
                topics=record.issues(), f=f)


@router.get("/deadlines", response_class=HTMLResponse, include_in_schema=False)
def deadlines_page(request: Request, record: Served, upcoming: bool = False, today: api.DateQ = None) -> HTMLResponse:
    return page(request, "deadlines.html", title="Deadlines", active="/deadlines",
                entries=record.deadlines(upcoming=upcoming, today=today or None), upcoming=upcoming, today=today)


@router.get("/measures", response_class=HTMLResponse, include_in_schema=False)
def measures_page(request: Request, record: Served, on: api.DateQ = None, topic: api.TextQ = None) -> HTMLResponse:
    f = {"on": on or None, "topic": topic or None}
    rows = found(lambda: record.measures(on=f["on"], topic=f["topic"]))
    return page(request, "measures.html", title="Measures", active="/measures", measures=rows, f=f,
                on=rows[0].on if rows else f["on"], topics=record.issues(), css=_state_class)


@router.get("/changes", response_class=HTMLResponse, include_in_schema=False)
def changes_page(request: Request, record: Served, since: api.SinceQ = None, type: Annotated[str | None, Query(max_length=20)] = None,
                 topic: api.TextQ = None, side: Annotated[str | None, Query(max_length=60)] = None) -> HTMLResponse:
    f = {"since": since or None, "type": type or None, "topic": topic or None, "side": side or None}
    rows = found(lambda: record.changes(since=f["since"], types=[f["type"]] if f["type"] else None, topic=f["topic"],
                                        side=f["side"], limit=501, newest_first=True))
    feed = "/feed.atom" + (f"?{urlencode({k: v for k, v in f.items() if v})}" if any(f.values()) else "")
    return page(request, "changes.html", title="What changed", active="/changes", changes=rows[:500], more=len(rows) > 500,
                f=f, types=[*EVENT_TYPES, "statement"], kinds=KIND_WORDS, path=record_path, feed=feed)


@router.get("/feed.atom", summary="What the store learned, as an Atom feed", tags=["feed"],
         response_class=Response, responses={200: {"content": {"application/atom+xml": {}}}})
def changes_feed(request: Request, record: Served, since: api.SinceQ = None, type: Annotated[list[str] | None, Query(max_length=20)] = None,
                 topic: api.TextQ = None, side: Annotated[str | None, Query(max_length=60)] = None, speaker: api.TextQ = None,
                 kind: Annotated[list[str] | None, Query(max_length=10)] = None,
                 limit: Annotated[int, Query(ge=1, le=api.MAX_LIMIT)] = 100) -> Response:
    """The newest changes first (`limit`, default 100), with the filters of `/api/changes`; entry ids are stable."""
    rows = found(lambda: record.changes(since=since or None, types=type or None, topic=topic or None, side=side or None,
                                        speaker=speaker or None, kinds=kind or None, limit=limit, newest_first=True))
    named = [f"{k} {v}" for k, v in (("since", since), ("type", ", ".join(type or [])), ("topic", topic), ("side", side),
                                     ("speaker", speaker), ("kind", ", ".join(kind or []))) if v]
    title = "talktrack: what changed" + (f" ({'; '.join(named)})" if named else "")
    body = atom_feed(rows, self_url=str(request.url), base_url=str(request.base_url), title=title)
    return Response(body, media_type="application/atom+xml; charset=utf-8")


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(request: Request, record: Served, q: Annotated[str | None, Query(max_length=200)] = None) -> HTMLResponse:
    hits = []
    for h in record.search(q, limit=50) if q else []:
        hits.append({"kind": h.kind, "id": h.id, "doc_id": h.doc_id, "title": h.title, "parts": _marked(h.snippet),
                     "outlet": h.outlet, "published": h.published})
    return page(request, "search.html", title="Search", active=None, q=q, hits=hits)


_DATES_CONFLICT = re.compile(r"dates: (?P<start>[\d-]+)\.\.(?P<end>[\d-]+) in (?P<docs>.+)")


def _conflicts(record: Record, notes: list[str]) -> list[str]:
    """Return the disagreements between reports as sentences: "dated 2029-03-11 by Harbor Wire, 2029-03-12"."""
    out = []
    for note in notes:
        m = _DATES_CONFLICT.fullmatch(note)
        if m is None:
            out.append(note)
            continue
        docs = [d.strip() for d in m["docs"].split(",")]
        names = record.document_labels(docs)
        when = m["start"] if m["start"] == m["end"] else f"{m['start']} to {m['end']}"
        out.append(f"dated {when} by " + "; ".join(f"“{names.get(d, d)}”" for d in docs))
    return out


def _state_class(state: str | None) -> str:
    """Return a measure's state as a CSS class: "in force" is in-force, "expired?" expired-unknown."""
    return (state or "none").replace("?", "-unknown").replace(" ", "-")


def _operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the API's operations from its OpenAPI document, for a reference page rendered on the server."""
    out = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                {"name": p["name"], "in": p["in"], "required": p.get("required", False),
                 "type": (p.get("schema") or {}).get("type") or "value", "description": p.get("description") or ""}
                for p in op.get("parameters", [])
            ]
            out.append({"method": method.upper(), "path": path, "summary": op.get("summary") or "", "params": params,
                        "description": op.get("description") or ""})
    return out


def _marked(snippet: str) -> list[tuple[str, bool]]:
    """Split a search snippet into (text, is_match) parts, so the template escapes each and marks matches."""
    parts: list[tuple[str, bool]] = []
    rest = snippet
    while HIT_START in rest:
        before, _, tail = rest.partition(HIT_START)
        hit, _, rest = tail.partition(HIT_END)
        parts += [(before, False), (hit, True)]
    parts.append((rest, False))
    return [p for p in parts if p[0]]
