"""The read-only HTTP API: the store's queries as JSON, with OpenAPI docs at /api/docs.

Parameters are typed and validated by FastAPI (a bad date or a limit over
1000 is a 422 with the reason). Nothing here writes; the one endpoint that
does, POST /api/documents, is in `api.write` and needs the server's token.
"""

from __future__ import annotations

import dataclasses
from pathlib import PurePath
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from pydantic import AfterValidator

from talktrack.errors import TalktrackError
from talktrack.query.dates import check_date, check_since
from talktrack.query.reader import MAX_LIMIT
from talktrack.query.record import Record
from talktrack.query.search import HIT_END, HIT_START

# empty is no filter: the pages' forms send since=&until= when those fields are left blank
DATE = r"^([0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?)?$"


def _real_date(value: str | None) -> str | None:
    """Refuse what has the shape of a date but is none (2029-02-30, year 0): a 422, like a malformed date."""
    try:
        return check_date(value) or None
    except TalktrackError as exc:
        raise ValueError(str(exc)) from exc


def _real_since(value: str | None) -> str | None:
    """Refuse a `since` that is neither a date nor an ISO 8601 time: a 422 with the reason."""
    if not value:
        return None
    try:
        check_since(value)
    except TalktrackError as exc:
        raise ValueError(str(exc)) from exc
    return value


DateQ = Annotated[str | None, Query(pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD"), AfterValidator(_real_date)]
LimitQ = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
TextQ = Annotated[str | None, Query(max_length=200)]

SinceQ = Annotated[str | None, Query(max_length=40, description="YYYY, YYYY-MM, YYYY-MM-DD (UTC) or an ISO 8601 time"),
                   AfterValidator(_real_since)]
router = APIRouter(prefix="/api", tags=["record"])


def record(request: Request) -> Record:
    """Return the record the app serves."""
    rec: Record = request.app.state.record
    return rec


def plain(rows: Any) -> Any:
    """Return dataclasses as dicts for JSON."""
    if isinstance(rows, list):
        return [plain(r) for r in rows]
    return dataclasses.asdict(rows) if dataclasses.is_dataclass(rows) and not isinstance(rows, type) else rows


def not_found(exc: TalktrackError) -> HTTPException:
    """Return the HTTP error for a query's TalktrackError: 422 for a filter value that names nothing, else 404."""
    return HTTPException(status_code=422 if exc.code == "TT606" else 404, detail=str(exc))


@router.get("/timeline", summary="Events in date order")
def timeline(request: Request, since: DateQ = None, until: DateQ = None,
             type: Annotated[list[str] | None, Query(max_length=20)] = None, limit: LimitQ = MAX_LIMIT) -> list[dict[str, Any]]:
    try:
        return plain(record(request).timeline(since=since, until=until, types=type, limit=limit))
    except TalktrackError as exc:
        raise not_found(exc) from exc


@router.get("/quotes", summary="Who said what")
def quotes(request: Request, speaker: TextQ = None, topic: TextQ = None, side: Annotated[str | None, Query(max_length=60)] = None,
           since: DateQ = None, until: DateQ = None, limit: LimitQ = 100, offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> list[dict[str, Any]]:
    try:
        rows = record(request).quotes(speaker=speaker, topic=topic, side=side, since=since, until=until, limit=limit, offset=offset)
    except TalktrackError as exc:
        raise not_found(exc) from exc
    return plain(rows)


@router.get("/changes", summary="What the store learned since a date or time")
def changes(request: Request, since: SinceQ = None, type: Annotated[list[str] | None, Query(max_length=20)] = None,
            topic: TextQ = None, side: Annotated[str | None, Query(max_length=60)] = None, speaker: TextQ = None,
            kind: Annotated[list[str] | None, Query(max_length=10)] = None, limit: LimitQ = MAX_LIMIT) -> list[dict[str, Any]]:
    try:
        return plain(record(request).changes(since=since, types=type, topic=topic, side=side, speaker=speaker, kinds=kind, limit=limit))
    except TalktrackError as exc:
        raise not_found(exc) from exc


@router.get("/issues", summary="Topics with the events and statements that touch them")
def issues(request: Request) -> list[dict[str, Any]]:
    return plain(record(request).issues())


@router.get("/issues/{topic}", summary="One issue's history")
def issue(request: Request, topic: str) -> list[dict[str, Any]]:
    try:
        return plain(record(request).issue(topic))
    except TalktrackError as exc:
        raise not_found(exc) from exc


@router.get("/deadlines", summary="Deadlines in date order")
def deadlines(request: Request, upcoming: bool = False, today: DateQ = None) -> list[dict[str, Any]]:
    return plain(record(request).deadlines(upcoming=upcoming, today=today))


@router.get("/measures", summary="Measures that stood on a date, each with its history")
def measures(request: Request, on: DateQ = None, topic: TextQ = None) -> list[dict[str, Any]]:
    """Tariffs, suspensions, export controls, fees ... with their state on `on` (default: the latest article's date)."""
    try:
        return plain(record(request).measures(on=on or None, topic=topic or None))
    except TalktrackError as exc:
        raise not_found(exc) from exc


@router.get("/measures/{measure_id}", summary="One measure with its history and its state on a date")
def measure(request: Request, measure_id: Annotated[str, Path(max_length=300)], on: DateQ = None) -> dict[str, Any]:
    try:
        return plain(record(request).measure(measure_id, on=on or None))
    except TalktrackError as exc:
        raise not_found(exc) from exc


@router.get("/people", summary="People of the record")
def people(request: Request, side: Annotated[str | None, Query(max_length=60)] = None) -> list[dict[str, Any]]:
    try:
        return plain(record(request).people(side=side))
    except TalktrackError as exc:
        raise not_found(exc) from exc


@router.get("/roles", summary="Who held which role when")
def roles(request: Request, role: TextQ = None, side: Annotated[str | None, Query(max_length=60)] = None) -> list[dict[str, Any]]:
    try:
        return plain(record(request).roles(role=role, side=side))
    except TalktrackError as exc:
        raise not_found(exc) from exc


@router.get("/search", summary="Full-text search over articles and statements")
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=200)], limit: LimitQ = 20) -> list[dict[str, Any]]:
    hits = record(request).search(q, limit=limit)
    return [plain(dataclasses.replace(h, snippet=h.snippet.replace(HIT_START, "").replace(HIT_END, ""))) for h in hits]


@router.get("/records/{record_id}", summary="Any record by id, with its evidence sentences")
def show(request: Request, record_id: Annotated[str, Path(max_length=300)]) -> dict[str, Any]:
    try:
        return plain(record(request).show(record_id))
    except TalktrackError as exc:
        raise not_found(exc) from exc


@router.get("/status", summary="What the store holds and the inputs it rejected")
def status(request: Request) -> dict[str, Any]:
    shown = plain(record(request).status())
    shown["database"] = public_name(record(request).engine.url)  # no path, host or user for whoever reads the API
    return shown


def public_name(url: Any) -> str:
    """Return a store's name fit to show to any reader: its file name, or its backend and database name."""
    backend = url.get_backend_name()
    name = url.database or ""
    return f"{backend}: {PurePath(name).name if backend == 'sqlite' else name}"
