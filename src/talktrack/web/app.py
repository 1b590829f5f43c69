"""The web page and the HTTP API in one ASGI app, served by `talktrack serve`.

The app factory: it mounts the API's routers (`talktrack.api`), the pages
(`web.pages`) and the static files, and adds what every response shares:
limits on what a request may carry, a strict Content-Security-Policy, no
JavaScript, and error pages (JSON under /api).
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from talktrack.api import read as api
from talktrack.api import write as api_write
from talktrack.errors import TalktrackError
from talktrack.query.record import Record
from talktrack.settings import Settings
from talktrack.web import pages
from talktrack.web.pages import page

MAX_BODY = 16 * 1024  # only POST /api/documents takes a body (up to api.write.MAX_DOCUMENT_BODY)
MAX_URL = 4096
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)


def create_app(record: Record, *, token: str | None = None, settings: Settings | None = None) -> FastAPI:
    """Return the app serving `record`: pages at /, the API under /api.

    With a `token`, POST /api/documents adds articles (read with `settings`)
    for requests bearing it; without one the app only reads.
    """
    app = FastAPI(
        title="talktrack", version="1",
        description="Queries over a talktrack record; POST /api/documents only with the token given at `talktrack serve`.",
        docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",  # /api/docs is a page of ours: no CDN, same CSP
    )
    app.state.record = record
    app.state.token = token
    app.state.settings = settings or Settings()
    app.mount("/static", StaticFiles(directory=str(resources.files("talktrack.web") / "static")), name="static")
    app.include_router(api.router)
    app.include_router(api_write.router)
    app.include_router(pages.router)

    @app.middleware("http")
    async def limits_and_headers(request: Request, call_next: Any) -> Response:
        if len(str(request.url)) > MAX_URL:
            return JSONResponse({"detail": "request URL too long"}, status_code=414)
        length = request.headers.get("content-length")
        writing = request.method == "POST" and request.url.path == "/api/documents"
        limit = api_write.MAX_DOCUMENT_BODY if writing else MAX_BODY
        if request.headers.get("transfer-encoding"):
            return JSONResponse({"detail": "give Content-Length: chunked bodies are not read"}, status_code=411)
        if length and (not length.isdigit() or int(length) > limit):
            return JSONResponse({"detail": f"request body over {limit} bytes"}, status_code=413)
        response: Response = await call_next(request)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Content-Security-Policy"] = CSP
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None))
        return page(request, "error.html", exc.status_code, title=f"{exc.status_code}", detail=str(exc.detail), active=None)

    @app.exception_handler(TalktrackError)
    async def query_error(request: Request, exc: TalktrackError) -> Response:
        status = api.not_found(exc).status_code  # a filter value that names nothing (TT606): 422; an unknown id: 404
        if request.url.path.startswith("/api"):
            return JSONResponse({"detail": str(exc)}, status_code=status)
        return page(request, "error.html", status, title="Bad request" if status == 422 else f"{status}", detail=str(exc), active=None)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg")} for e in exc.errors()]
        if request.url.path.startswith("/api"):
            return JSONResponse({"detail": errors}, status_code=422)
        detail = "; ".join(f"{'.'.join(str(x) for x in e['loc'][1:])}: {e['msg']}" for e in errors)
        return page(request, "error.html", 422, title="Bad request", detail=detail, active=None)

    return app
