"""The one endpoint that writes: POST /api/documents adds an article to the store.

It exists only when `talktrack serve --token TOKEN` (or TALKTRACK_TOKEN) gave
a token; without one every write is refused with 403, so a server started
plainly is read-only. A request must carry `Authorization: Bearer TOKEN`
(compared in constant time; 401 otherwise). The body is one JSON object with
the fields a JSON Lines record has (text, title, published, outlet, url);
it goes through the same reading, checks (language, length, dates) and
ingest as a file, one write at a time.
"""

from __future__ import annotations

import json
import secrets
import threading
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from talktrack.model import Document, Reject
from talktrack.settings import Settings

MAX_DOCUMENT_BODY = 2 * 1024 * 1024  # an article in JSON; the read-only routes take no body at all
SOURCE = "POST /api/documents"

router = APIRouter(prefix="/api", tags=["write"])
_lock = threading.Lock()  # one ingest at a time in this process; the store's transactions handle other processes


def check_token(request: Request) -> None:
    """Raise 403 when the server takes no writes, 401 when the request's bearer token is not the server's."""
    expected: str | None = request.app.state.token
    if not expected:
        raise HTTPException(403, "this server is read-only: start talktrack serve with --token to accept writes")
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(value.strip().encode(), expected.encode()):
        raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})


@router.post("/documents", summary="Add an article (needs the server's token)", status_code=201,
             responses={401: {"description": "no or wrong token"}, 403: {"description": "server is read-only"},
                        422: {"description": "the article was rejected, with the reason"}})
async def add_document(request: Request) -> JSONResponse:
    check_token(request)
    body = await request.body()
    try:
        data: Any = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise HTTPException(422, f"body is not JSON ({str(exc)[:200]})") from exc
    settings: Settings = request.app.state.settings
    from talktrack.ingest.jsonl import read_record

    item = read_record(data, SOURCE, None, settings)
    if isinstance(item, Reject):
        raise HTTPException(422, item.message)
    return JSONResponse(await run_in_threadpool(_store, request, item, settings), status_code=201)


def _store(request: Request, document: Document, settings: Settings) -> dict[str, Any]:
    from talktrack.pipeline import ingest_documents  # loads spaCy: a server that only reads never does

    rejects: list[Reject] = []
    with _lock:
        report = ingest_documents(request.app.state.record.engine, lambda rejected, repeated: [document], settings,
                                  on_reject=rejects.append)
    if rejects:
        raise HTTPException(422, rejects[0].message)
    stored = request.app.state.record.document(document.id)
    return {
        "id": document.id, "stored": report.stored == 1, "already_stored": report.repeated == 1,
        "duplicate_of": stored.duplicate_of, "warnings": list(document.warnings),
    }
