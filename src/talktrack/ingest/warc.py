"""WARC archives (.warc, .warc.gz): every HTML page a crawler saved, read as an article.

Records are streamed one at a time, so memory stays flat however large the
archive. Only `response` records with status 200 and an HTML Content-Type
are read; requests, metadata, images and error pages are skipped silently.
A page becomes a Document exactly as an .html file does (decode_bytes, then
read_html); its source is "archive.warc.gz#N", N counting every record from 1.

warcio is lenient with damaged archives: it stops quietly at a truncated
gzip member and hands back short payloads. Decompressing the archive here
and checking that every record was read to its stated length turn that
silent loss into one TT112 reject; the pages before it are kept. The
WARC-Date is the crawl date, not the publication date, and is not used.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader

from talktrack.errors import message
from talktrack.ingest.build import screen_document
from talktrack.ingest.html import NoArticle, read_html
from talktrack.ingest.repair import Unreadable, decode_bytes
from talktrack.model import Document, Reject
from talktrack.settings import Settings

HTML_TYPES = ("text/html", "application/xhtml+xml")
_GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 16

__all__ = ["read_warc", "HTML_TYPES"]


class _Broken(Exception):
    """The archive cannot be read further; unlike EOFError, warcio does not swallow it."""


class _Gunzip:
    """A gzip stream (one member per record, as WARC writers make them) decompressed bit by bit.

    gzip.GzipFile is no use here: it discards the data it decompressed in
    the read that meets the truncation, and warcio takes its EOFError for a
    clean end of the archive. This reader hands out every byte before the
    damage, then raises _Broken. Output per step is bounded, so a
    decompression bomb cannot fill memory either.
    """

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self._inflate = zlib.decompressobj(zlib.MAX_WBITS | 16)
        self._pending = b""
        self._offset = 0
        self._ended = False

    def read(self, size: int = -1) -> bytes:
        while not self._pending and not self._ended:
            self._fill()
        size = len(self._pending) if size < 0 else size
        out, self._pending = self._pending[:size], self._pending[size:]
        self._offset += len(out)
        return out

    def tell(self) -> int:
        return self._offset

    def _fill(self) -> None:
        if self._inflate.eof:  # one member done; the next may already be in unused_data
            data = self._inflate.unused_data or self._raw.read(_CHUNK)
            if not data:
                self._ended = True
                return
            self._inflate = zlib.decompressobj(zlib.MAX_WBITS | 16)
        else:
            data = self._inflate.unconsumed_tail or self._raw.read(_CHUNK)
            if not data:
                raise _Broken("compressed data ends in the middle of a record")
        try:
            self._pending = self._inflate.decompress(data, 4 * _CHUNK)
        except zlib.error as exc:
            raise _Broken(f"corrupt compressed data: {exc}") from exc


@dataclass(frozen=True, slots=True)
class _Page:
    """The payload of one HTML response record, at most max_bytes + 1 bytes of it."""

    data: bytes
    url: str | None
    length: int


def read_warc(path: Path, source: str, settings: Settings) -> Iterator[Document | Reject]:
    """Yield a Document or a Reject for every HTML page in the archive at `path`, streaming.

    A damaged archive ends with one TT112 reject naming the last record read;
    the Documents yielded before it stand.
    """
    with ExitStack() as stack:
        try:
            stream = _open(path, stack)
            empty = path.stat().st_size == 0
        except OSError as exc:
            yield _reject(source, "TT105", reason=exc.strerror or exc)
            return
        if empty:
            yield _reject(source, "TT101")
            return
        pages = _pages(stream, settings.max_bytes)
        done = 0
        while True:
            try:
                page = next(pages)
            except StopIteration:
                return
            except Exception as exc:  # warcio raises assorted errors (AttributeError, ValueError...) on damage
                yield _reject(source, "TT112", record=done, reason=_reason(exc))
                return
            done += 1
            if isinstance(page, _Misaligned):
                yield _reject(f"{source}#{done}", "TT116", length=page.length)
            elif page is not None:
                yield _read_page(page, f"{source}#{done}", settings)


def _open(path: Path, stack: ExitStack) -> IO[bytes] | _Gunzip:
    """Return the archive's bytes, decompressed when the file starts with gzip's magic number."""
    handle = stack.enter_context(path.open("rb"))
    compressed = handle.read(2) == _GZIP_MAGIC
    handle.seek(0)
    return _Gunzip(handle) if compressed else handle


@dataclass(frozen=True, slots=True)
class _Misaligned:
    """A record whose stated Content-Length does not end where its content does (too short or too long)."""

    length: int


class _QuietIterator(ArchiveIterator):
    """warcio's iterator without its own warning on stderr: a record not followed by blank lines is counted
    (err_count) and reported as TT116 with the record, not as an uncoded line on the terminal."""

    INC_RECORD = ""


_NEXT_RECORD = re.compile(rb"(?:^|\n)(WARC/1\.[01]\r?\n)")


def _pages(stream: IO[bytes] | _Gunzip, max_bytes: int) -> Iterator[_Page | _Misaligned | None]:
    """Yield, for every record in order, its HTML page or None; raises where the archive is damaged.

    In a plain archive a record whose Content-Length is wrong is yielded as
    _Misaligned, and reading goes on at the next line that starts a record,
    so one bad length costs one record, not the rest of the archive.
    """
    base = 0
    while True:
        archive = _QuietIterator(stream)
        end = 0
        misaligned: int | None = None
        for record in archive:
            page = _html_page(record, max_bytes)
            if isinstance(stream, _Gunzip):  # one member per record: a length cannot run into the next record
                yield page
                # resumed only when the next record is asked for: damage found from here on lies beyond this record
                end = archive.get_record_offset() + archive.get_record_length()
                continue
            start = archive.get_record_offset()  # reads past the record: a bad length shows in the lines after it
            end = start + archive.get_record_length()
            if archive.err_count:
                misaligned = base + start
                yield _Misaligned(int(record.length or 0))
                break
            yield page
        if misaligned is None or isinstance(stream, _Gunzip):
            _check_tail(stream, base + end)
            return
        following = _find_record(stream, misaligned + 1)
        if following is None:
            return
        base = following
        stream.seek(base)


def _find_record(stream: IO[bytes], offset: int) -> int | None:
    """Return where the next record starts after `offset` (a line "WARC/1.0"), or None at the end of the archive."""
    stream.seek(offset)
    carry = b""
    at = offset
    while chunk := stream.read(_CHUNK):
        data = carry + chunk
        m = _NEXT_RECORD.search(data)
        if m:
            return at - len(carry) + m.start(1)
        carry = data[-16:]
        at += len(chunk)
    return None


def _check_tail(stream: IO[bytes] | _Gunzip, end: int) -> None:
    """Raise _Broken when a plain archive holds more than blank lines after its last whole record.

    warcio takes a file that stops inside a record's headers for a clean end;
    a compressed archive needs no check, as _Gunzip raises at a cut member.
    """
    if isinstance(stream, _Gunzip):
        return
    stream.seek(end)
    if stream.read(_CHUNK).strip():
        raise _Broken("the archive ends inside the next record")


def _html_page(record: Any, max_bytes: int) -> _Page | None:
    """Return the payload of an HTML 200 response, or None for any other record; reads the record to its end."""
    page = None
    if record.rec_type == "response" and _is_html_ok(record.http_headers):
        data = record.content_stream().read(max_bytes + 1)
        page = _Page(data, record.rec_headers.get_header("WARC-Target-URI"), int(record.length or 0))
    _read_to_end(record)
    return page


def _is_html_ok(http: Any) -> bool:
    """Return whether HTTP headers say status 200 and an HTML Content-Type."""
    if http is None or http.get_statuscode() != "200":
        return False
    content_type = (http.get_header("Content-Type") or "").split(";", 1)[0].strip().lower()
    return content_type in HTML_TYPES


def _read_to_end(record: Any) -> None:
    """Read the rest of a record's block; raises _Broken when the archive ends before its stated length.

    warcio makes a record of any header fragment, one cut inside its
    Content-Length (which every WARC record states) included.
    """
    raw = record.raw_stream
    length = (record.rec_headers.get_header("Content-Length") or "").strip()
    if not isinstance(raw, LimitReader) or (record.format.startswith("warc") and not length.isdigit()):
        raise _Broken("a record without a valid Content-Length; the archive may end inside its headers")
    while raw.read(_CHUNK):
        pass
    if raw.limit:
        raise _Broken(f"record ends {raw.limit} bytes early")


def _read_page(page: _Page, source: str, settings: Settings) -> Document | Reject:
    """Return the article in one page, read as an .html file is; the record's URL stands in for a missing one."""
    if len(page.data) > settings.max_bytes:
        size = max(len(page.data), page.length)
        return _reject(source, "TT110", size=size, limit=settings.max_bytes)
    if not page.data.strip():
        return _reject(source, "TT106", reason="empty response body")
    try:
        text, warnings = decode_bytes(page.data)
    except Unreadable as exc:
        return _reject(source, exc.code, reason=exc.reason)
    try:
        document = read_html(text, source, warnings)
    except NoArticle as exc:
        return _reject(source, "TT106", reason=exc)
    if not document.url and page.url:
        document.url = page.url
    return screen_document(document, settings, source)


def _reason(exc: BaseException) -> str:
    """Return a one-line reason; warcio's own slips (AttributeError on a cut header) are named as such."""
    lines = str(exc).strip().splitlines()
    text = lines[0][:200] if lines else ""
    if isinstance(exc, (_Broken, ArchiveLoadFailed)) and text:
        return text
    return f"malformed record: {type(exc).__name__}" + (f": {text}" if text else "")


def _reject(source: str, code: str, **fields: object) -> Reject:
    return Reject(source, code, message(code, path=source, **fields))
